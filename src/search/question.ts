/**
 * Understanding a reader's question: its words spelled, stemmed and widened with their synonyms;
 * how much of it the review knows; whether a paragraph answers it. No Discord, no index here.
 */
import { DOMAIN_GENERIC_WORDS, STOP_WORDS, termOf, tokenize } from "./analyze.ts";
import { expandChatSpeak } from "./chat.ts";
import { editDistance } from "./edits.ts";
import { englishNeighbour, isCommonWord, isKnownName, isName, salience } from "./salience.ts";
import { relatedWords } from "./thesaurus.ts";

/** A content word of a question, as the reader typed it and as the index knows it. */
export interface QuestionWord {
  word: string;
  /** Index term after spelling correction and stemming. */
  term: string;
  /** Index terms of its synonyms in the subject's thesaurus. */
  related: string[];
  /** Whether the corpus (text or notes) has the word or one of its synonyms. */
  known: boolean;
  /** How telling the word is (see salience.ts). */
  salience: number;
  /** Whether the word was respelled to a corpus word (weaker evidence: Stallin is Stalin, France is not Franco). */
  corrected: boolean;
}

export interface AnalysedQuestion {
  terms: QueryTerm[];
  weights: Map<string, number>;
  own: Set<string>;
  words: QuestionWord[];
  /** Share of the question's words the corpus knows at all. */
  coverage: number;
  /** The reader's words the corpus never uses. */
  unknown: string[];
  /** Names in the question the corpus never uses (Orwell, Australia): the question is about something else. */
  foreignNames: string[];
}

/** A weighted query term, already spelled and stemmed like the index. */
export interface QueryTerm {
  term: string;
  weight: number;
  /** The reader's own word (not a synonym we added). */
  own: boolean;
}

/** How much a respelled word counts as evidence that the review covers a question. */
const CORRECTED_EVIDENCE = 0.8;

/** Questions that ask for a date or a figure: answered only where the review gives one. */
export type FactKind = "date" | "figure" | "duration" | "age";
const FACT_KINDS: ReadonlyArray<readonly [FactKind, RegExp]> = [
  ["date", /^\s*(?:(?:and|so|ok|but|wait|like)\s+)*(?:when\b|(?:in |during )?(?:what|which) (?:year|date|decade|month)\b)/i],
  ["age", /\bhow old\b|\bat what age\b/i],
  ["duration", /\bhow long\b/i],
  ["figure", /\bhow (?:many|much)\b|\bwhat (?:share|proportion|percentage|percent|number)\b|\bwhat %/i],
];

export function factKindOf(question: string): FactKind | undefined {
  return FACT_KINDS.find(([, pattern]) => pattern.test(question))?.[0];
}

/**
 * What the corpus knows of words: its index terms (text and notes), its surface words (for
 * respelling a reader's slip) and the reader-vocabulary lexicon.
 */
export class Vocabulary {
  /** Every index term (stemmed), for deciding whether a question's words are the review's at all. */
  readonly terms = new Set<string>();
  /** Folded surface words of the corpus and notes, for correcting a misspelled word. */
  readonly surfaceWords = new Set<string>();
  /** The surface words by first letter, in the order learnt: a respelling keeps the first letter. */
  private readonly byInitial = new Map<string, string[]>();
  private readonly readerWords: ReadonlyMap<string, readonly string[]>;

  constructor(readerWords: ReadonlyMap<string, readonly string[]>) {
    this.readerWords = readerWords;
  }

  /** Learns the words of a text (a paragraph or one of its notes). */
  add(text: string): void {
    for (const token of tokenize(text)) {
      if (!this.surfaceWords.has(token)) {
        this.surfaceWords.add(token);
        const initial = token[0] ?? "";
        const list = this.byInitial.get(initial);
        if (list) list.push(token);
        else this.byInitial.set(initial, [token]);
      }
      if (!STOP_WORDS.has(token)) this.terms.add(termOf(token));
    }
  }

  /** Whether an index term is the corpus's. */
  has(term: string): boolean {
    return this.terms.has(term);
  }

  /** The subject's synonyms of a reader's word, and the text's words for it from the lexicon. */
  relatedWords(word: string): string[] {
    return [...relatedWords(word), ...(this.readerWords.get(word) ?? [])];
  }

  /**
   * The word a reader meant: the corpus word nearest one the corpus lacks (one edit, two in long
   * words), else the everyday English word one slip away ("reveiw" → review), else the word.
   */
  correct(word: string): string {
    if (word.length < 4 || this.surfaceWords.has(word) || this.terms.has(termOf(word))) return word;
    // A real name or a common word is not a misspelling of another: France is not Franco, a cake is not a case.
    if (isKnownName(word) || isCommonWord(word)) return word;
    const maxEdits = word.length >= 7 ? 2 : 1;
    let best = word;
    let bestDistance = maxEdits + 1;
    for (const candidate of this.byInitial.get(word[0] ?? "") ?? []) {
      if (Math.abs(candidate.length - word.length) > maxEdits) continue;
      const d = editDistance(word, candidate, bestDistance);
      if (d < bestDistance) {
        bestDistance = d;
        best = candidate;
      }
    }
    return best !== word ? best : (englishNeighbour(word) ?? word);
  }
}

/** Turns a question into weighted index terms, and measures how much of it the review knows. */
export function analyseQuestion(text: string, vocabulary: Vocabulary, relatedWeight: number): AnalysedQuestion {
  const weights = new Map<string, number>();
  const own = new Set<string>();
  const words: QuestionWord[] = [];
  let known = 0;
  let counted = 0;
  // A question's hyphenated word counts as its parts: "left-leaning" is left and leaning, not a
  // rare word "leftleaning" the review lacks.
  for (const typed of expandChatSpeak(tokenize(text, { joinHyphenated: false }))) {
    if (STOP_WORDS.has(typed) && !DOMAIN_GENERIC_WORDS.has(typed)) continue;
    // A slip in a word (the review's, or everyday English: "reveiw", "adressed") is read as the word.
    const word = vocabulary.correct(typed);
    if (DOMAIN_GENERIC_WORDS.has(word)) {
      // "the book", "the reviewer": in scope by definition, no use for ranking.
      known += salience(word);
      counted += salience(word);
      continue;
    }
    if (STOP_WORDS.has(word)) continue;
    const corrected = word !== typed;
    const term = termOf(word);
    const related = [
      ...new Set([...vocabulary.relatedWords(typed), ...(corrected ? vocabulary.relatedWords(word) : [])].map(termOf)),
    ].filter((r) => r !== term);
    const isKnown = vocabulary.has(term) || related.some((r) => vocabulary.has(r));
    const weight = salience(word);
    // A year, number or "ww2" the review lacks says little; an unknown word says the question is elsewhere.
    if (isKnown || !/\d/.test(word)) {
      counted += weight;
      // A corrected word is weaker evidence that the question is about the review.
      if (isKnown) known += weight * (corrected ? CORRECTED_EVIDENCE : 1);
    }
    words.push({ word, term, related, known: isKnown, corrected, salience: weight });
    weights.set(term, 1);
    own.add(term);
  }
  for (const { related } of words) {
    for (const r of related) if (!weights.has(r)) weights.set(r, relatedWeight);
  }
  const terms = [...weights].map(([term, weight]) => ({ term, weight, own: own.has(term) }));
  return {
    terms,
    weights,
    own,
    words,
    coverage: counted === 0 ? 0 : known / counted,
    unknown: words.filter((w) => !w.known && !/\d/.test(w.word)).map((w) => w.word),
    foreignNames: words.filter((w) => !w.known && isName(w.word)).map((w) => w.word),
  };
}

/**
 * How much of the question one paragraph answers, each of the reader's words weighed by its
 * salience: in full when it matched there, partly when only one of its synonyms did.
 */
export function shareMatched(analysed: AnalysedQuestion, matchedTerms: readonly string[]): number {
  const matched = new Set(matchedTerms);
  let credit = 0;
  let total = 0;
  for (const w of analysed.words) {
    total += w.salience;
    const evidence = w.salience * (w.corrected ? CORRECTED_EVIDENCE : 1);
    if (matched.has(w.term)) credit += evidence;
    else if (w.related.some((r) => matched.has(r))) credit += 0.7 * evidence;
  }
  return total === 0 ? 0 : credit / total;
}
