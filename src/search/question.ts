/**
 * Understanding a reader's question: its words spelled, stemmed and widened with their synonyms;
 * how much of it the review knows; whether a paragraph answers it. No Discord, no index here.
 */
import { doubleMetaphone } from "double-metaphone";
import { DOMAIN_GENERIC_WORDS, FUNCTION_WORDS, STOP_WORDS, termOf, tokenize } from "./analyze.ts";
import { CHAT_SPEAK, expandChatSpeak, withoutOpening } from "./chat.ts";
import { editDistance } from "./edits.ts";
import { englishNeighbour, isCommonWord, isEnglishWord, isKnownName, isName, salience } from "./salience.ts";

/** A content word of a question, as the reader typed it and as the index knows it. */
export interface QuestionWord {
  word: string;
  /** Index term after spelling correction and stemming. */
  term: string;
  /** Index terms of its synonyms: the text's words for it in the lexicon (corpus/lexicon.json). */
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
  /** Titles and names of several words the corpus never has ("War and Peace", "World Cup"), as the reader wrote them. */
  foreignTitles: string[];
}

/** A weighted query term, already spelled and stemmed like the index. */
export interface QueryTerm {
  term: string;
  weight: number;
  /** The reader's own word (not a synonym we added). */
  own: boolean;
}

/** Words shorter than this are not respelt by sound: too many short words sound alike. */
const MIN_SOUNDED = 6;

/** How much a respelled word counts as evidence that the review covers a question. */
const CORRECTED_EVIDENCE = 0.8;

/** Questions that ask for a date or a figure: answered only where the review gives one. */
export type FactKind = "date" | "figure" | "amount" | "duration" | "age";
const FACT_KINDS: ReadonlyArray<readonly [FactKind, RegExp]> = [
  ["date", /^\s*(?:(?:and|so|ok|but|wait|like)\s+)*(?:when\b|(?:in |during )?(?:what|which) (?:year|date|decade|month)\b)/i],
  ["age", /\bhow old\b|\bat what age\b/i],
  ["duration", /\bhow long\b/i],
  // "How much had industry grown?" is answered by a degree ("advanced enormously") as well as a figure.
  ["amount", /\bhow much\b/i],
  ["figure", /\bhow many\b|\bwhat (?:share|proportion|percentage|percent|number)\b|\bwhat %|\bwhat (?:was|is|were) the \w+ rate\b/i],
];

/** "When and how …", "why and when …": a date asked for beside an account, which may be answered without it. */
const WHEN_AND_ACCOUNT = /\bwhen\s+and\s+(?:how|why|in\s+what|under\s+what)\b|\b(?:how|why)\s+and\s+when\b/i;

export function factKindOf(question: string): FactKind | undefined {
  const kind = FACT_KINDS.find(([, pattern]) => pattern.test(question))?.[0];
  return kind === "date" && WHEN_AND_ACCOUNT.test(question) ? undefined : kind;
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
  /** Words the corpus capitalises inside a sentence: its names ("trepper", "guardian"), folded. */
  private readonly capitalised = new Set<string>();
  /** Corpus words by their Double Metaphone keys, built on the first word spelt by ear. */
  private byKey: Map<string, string[]> | undefined;
  /** The corpus's names by their Double Metaphone keys, built on the first short name spelt by ear. */
  private namesByKey: Map<string, string[]> | undefined;
  /** Every text learnt, folded and joined, for finding a title of several words. */
  private folded: string[] = [];
  /** The surface words by first letter, in the order learnt: a respelling keeps the first letter. */
  private readonly byInitial = new Map<string, string[]>();
  private readonly readerWords: ReadonlyMap<string, readonly string[]>;
  /** The lexicon's reader phrases ("pass away"), by the stem of their first word, longest first. */
  private readonly readerPhrases = new Map<string, Array<{ stems: string[]; textWords: readonly string[] }>>();

  constructor(readerWords: ReadonlyMap<string, readonly string[]>) {
    this.readerWords = readerWords;
    for (const [reader, textWords] of readerWords) {
      if (!reader.includes(" ")) continue;
      const stems = reader.split(" ").map(termOf);
      const list = this.readerPhrases.get(stems[0]!) ?? [];
      list.push({ stems, textWords });
      list.sort((a, b) => b.stems.length - a.stems.length);
      this.readerPhrases.set(stems[0]!, list);
    }
  }

  /**
   * A question's words, each with the text's words a reader phrase of the lexicon stands for
   * ("pass away" → died; "signed up" → joined, in any inflection) on the phrase's first telling
   * word: the reader's own words still count as typed, the phrase adds the text's word beside them.
   */
  readPhrases(tokens: readonly string[]): Array<{ token: string; phraseWords: readonly string[] }> {
    const read = tokens.map((token) => ({ token, phraseWords: [] as readonly string[] }));
    if (this.readerPhrases.size === 0) return read;
    const stems = tokens.map(termOf);
    for (let i = 0; i < tokens.length; i++) {
      const phrase = this.readerPhrases.get(stems[i]!)?.find((p) => p.stems.every((stem, k) => stems[i + k] === stem));
      if (!phrase) continue;
      const span = read.slice(i, i + phrase.stems.length);
      const head = span.find((r) => !STOP_WORDS.has(r.token)) ?? span[0]!;
      head.phraseWords = phrase.textWords;
      i += phrase.stems.length - 1;
    }
    return read;
  }

  /** Learns the words of a text (a paragraph or one of its notes); `tokens` when the caller has them already. */
  add(text: string, tokens: readonly string[] = tokenize(text)): void {
    // Words learnt after a word was spelt by ear join the sound tables when they are next needed.
    this.byKey = this.namesByKey = undefined;
    this.folded.push(phraseKey(tokens));
    for (const m of text.matchAll(/[\p{L}'’]+/gu)) {
      // Only a capitalised word can be a name: the sentence-start test is for those alone.
      if (!/^\p{Lu}/u.test(m[0])) continue;
      const sentenceStart = m.index === 0 || /[.!?…:]["”’)]*\s+["“‘(]?$/u.test(text.slice(Math.max(0, m.index - 4), m.index));
      if (!sentenceStart) this.capitalised.add(m[0].toLowerCase().replace(/['’]s?$/, ""));
    }
    for (const token of tokens) {
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

  /** Whether the corpus has these words in this order (folded: case, punctuation and quote styles aside). */
  hasPhrase(phrase: string): boolean {
    if (this.folded.length > 1) this.folded = [this.folded.join(" | ")];
    return this.folded[0]?.includes(phraseKey(tokenize(phrase))) ?? false;
  }

  /** Whether the corpus writes this (folded) word as a name. */
  isCapitalised(word: string): boolean {
    return this.capitalised.has(word);
  }

  /** Whether an index term is the corpus's. */
  has(term: string): boolean {
    return this.terms.has(term);
  }

  /** The text's words for a reader's word, from the lexicon (corpus/lexicon.json). */
  relatedWords(word: string): readonly string[] {
    return this.readerWords.get(word) ?? [];
  }

  /**
   * The word a reader meant: the corpus word nearest one the corpus lacks (one edit, two in long
   * words), else the everyday English word one slip away ("reveiw" → review), else the word.
   */
  correct(word: string): string {
    // A reader's word the lexicon knows ("biased") is meant as typed, however rare in the subtitles.
    if (word.length < 4 || this.surfaceWords.has(word) || this.terms.has(termOf(word)) || this.readerWords.has(word)) return word;
    // A real name or a common word is not a misspelling of another: France is not Franco, a cake is not a case.
    if (isKnownName(word) || isEnglishWord(word)) return word;
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
    return best !== word ? best : (this.soundsLike(word) ?? this.soundsLikeName(word) ?? englishNeighbour(word) ?? word);
  }

  /**
   * A name of the corpus a short word sounds like, two edits at most ("Spane" → Spain, "Franko"):
   * a reader spelling a name by ear means the review's, before any everyday word one slip away.
   */
  private soundsLikeName(word: string): string | undefined {
    if (!this.namesByKey) {
      this.namesByKey = new Map();
      for (const name of this.capitalised) {
        if (!/^\p{L}+$/u.test(name)) continue;
        for (const key of new Set(doubleMetaphone(name))) this.namesByKey.set(key, [...(this.namesByKey.get(key) ?? []), name]);
      }
    }
    let best: string | undefined;
    let bestDistance = 3;
    for (const key of new Set(doubleMetaphone(word))) {
      for (const name of this.namesByKey.get(key) ?? []) {
        if (name[0] !== word[0] || Math.abs(name.length - word.length) > 2) continue;
        const d = editDistance(word, name, bestDistance);
        if (d < bestDistance) [best, bestDistance] = [name, d];
      }
    }
    return best;
  }

  /**
   * The corpus word a long misspelling sounds like, as typed by ear ("revolushun" → revolution,
   * "kollectivisation"): the same Double Metaphone key, the fewest edits apart (fewer than half its letters).
   */
  private soundsLike(word: string): string | undefined {
    if (word.length < MIN_SOUNDED) return undefined;
    if (!this.byKey) {
      this.byKey = new Map();
      for (const w of this.surfaceWords) {
        if (w.length < MIN_SOUNDED - 1 || !/^\p{L}+$/u.test(w)) continue;
        for (const key of new Set(doubleMetaphone(w))) this.byKey.set(key, [...(this.byKey.get(key) ?? []), w]);
      }
    }
    let best: string | undefined;
    let bestDistance = Math.ceil(word.length / 2);
    for (const key of new Set(doubleMetaphone(word))) {
      for (const candidate of this.byKey.get(key) ?? []) {
        const d = editDistance(word, candidate, bestDistance);
        if (d < bestDistance) [best, bestDistance] = [candidate, d];
      }
    }
    return best;
  }
}

/** Words as the index reads them, one space between and around: how texts are compared for a phrase. */
function phraseKey(tokens: readonly string[]): string {
  return ` ${tokens.join(" ")} `;
}

/** Capitalised words in a run, with "and", "of", "the" between: "War and Peace", "World Cup". */
const CAPITALISED_RUN = /\p{Lu}[\p{L}'’]*\p{L}(?:\s+(?:(?:and|of|the)\s+)?\p{Lu}[\p{L}'’]*\p{L})+/gu;

/**
 * Titles and names of several words that the reader capitalised and the corpus never has: another
 * book or event ("who wrote Pride and Prejudice?"), whatever its single words mean to the review.
 * A run holding a name the corpus uses ("Leon Trotsky") is the corpus's; a question in title case
 * capitalises everything and says nothing.
 */
function foreignTitlesIn(text: string, vocabulary: Vocabulary): string[] {
  const longWords = (text.match(/[\p{L}'’]{3,}/gu) ?? []).filter((w) => !/^(?:and|the|of|for|with|from)$/i.test(w));
  if (longWords.length >= 3 && longWords.every((w) => /^\p{Lu}/u.test(w))) return [];
  const titles: string[] = [];
  for (const match of text.matchAll(CAPITALISED_RUN)) {
    let run = match[0];
    // A sentence's first word is capitalised anyway.
    if (/(?:^|[.!?]["”’)]*)\s*$/u.test(text.slice(0, match.index))) run = run.replace(/^\S+\s+(?:(?:and|of|the)\s+)?/u, "");
    const parts = run.split(/\s+/).filter((w) => !/^(?:and|of|the)$/.test(w));
    if (parts.length < 2 || vocabulary.hasPhrase(run)) continue;
    // Read as the reader meant it: "Leopald Treper" is Leopold Trepper.
    const meant = parts.map((w) => vocabulary.correct(w.toLowerCase().replace(/['’]s?$/, "")));
    // Foreign only with a word the corpus lacks ("Cup", "Prejudice"), and no name of the corpus's
    // own (Trotsky, Kingsley; not "War", a common word it happens to capitalise).
    const lacksWord = meant.some((w) => !vocabulary.has(termOf(w)));
    const usesCorpusName = meant.some((w) => vocabulary.isCapitalised(w) && !isCommonWord(w));
    if (lacksWord && !usesCorpusName) titles.push(run);
  }
  // One word the reader capitalised mid-sentence and the corpus lacks, even read as meant, is a
  // name too ("the Ukrainian famine", "Lenin's Testament"): another subject, not a slip.
  for (const match of text.matchAll(/\p{Lu}[\p{L}]+/gu)) {
    if (/(?:^|[.!?]["”’)]*)\s*["“‘(]?$/u.test(text.slice(0, match.index)) || titles.some((t) => t.includes(match[0]))) continue;
    const folded = match[0].toLowerCase();
    if (folded in CHAT_SPEAK) continue;
    // A quotation's first word is capitalised anyway ("what does he mean by 'He does that …'"), and
    // a word of grammar names nothing.
    if (FUNCTION_WORDS.has(folded) || (/(?:^|\s)["“‘']$/u.test(text.slice(0, match.index)) && isCommonWord(folded))) continue;
    const meant = vocabulary.correct(folded);
    // The lexicon's reader words are the corpus's too: "Communism" is the review's socialism and communists.
    const known = vocabulary.has(termOf(meant)) || vocabulary.relatedWords(folded).some((r) => vocabulary.has(termOf(r)));
    if (!known && !vocabulary.isCapitalised(meant)) titles.push(match[0]);
  }
  return titles;
}

/** A decade in words, as the texts write it in figures. */
const DECADE_WORDS: Readonly<Record<string, string>> = {
  twenties: "1920s",
  thirties: "1930s",
  forties: "1940s",
  fifties: "1950s",
  sixties: "1960s",
  seventies: "1970s",
  eighties: "1980s",
  nineties: "1990s",
};

/**
 * "The thirties", "the mid 30s": a decade of the last century, written as the texts write it
 * (1930s). Only after "the", "mid", "early" or "late": "in his thirties" is an age.
 */
export function readDecades(tokens: readonly string[]): string[] {
  return tokens.map((token, i) => {
    if (i === 0 || !/^(?:the|mid|early|late)$/.test(tokens[i - 1]!)) return token;
    const decade = Object.hasOwn(DECADE_WORDS, token) ? DECADE_WORDS[token] : /^[2-9]0s$/.test(token) ? `19${token}` : undefined;
    return decade ?? token;
  });
}

/**
 * "Able to" is how "could" is asked ("why was the bureaucracy able to take over"): grammar, not a
 * word of the subject. The review never writes "able", so kept it would count as a word it lacks.
 */
function withoutAbleTo(tokens: readonly string[]): readonly string[] {
  return tokens.filter((token, i) => !(token === "able" && tokens[i + 1] === "to"));
}

/** Verbs that ask for the reviewer's opinion ("what does the reviewer think of…", "consider", "make of"). */
const OPINION_VERBS: ReadonlySet<string> = new Set(
  "think thinks thought consider considers considered believe believes believed feel feels felt see sees view views regard regards find finds make makes".split(
    " ",
  ),
);
/** Who an opinion is asked of: the review and its writer. */
const OPINION_HOLDERS: ReadonlySet<string> = new Set("reviewer critic review writer author article piece".split(" "));
const ASKING_DO: ReadonlySet<string> = new Set(["do", "does", "did"]);
/** Words for a part of the book or review ("which aspect of the book"). */
const PARTS_OF: ReadonlySet<string> = new Set("part parts aspect aspects bit bits side sides element elements feature features".split(" "));
const BOOK_OWNERS: ReadonlySet<string> = new Set("the this his its amis".split(" "));

/**
 * Where a question frames the opinion it asks for: "does the reviewer consider", "in the critic's
 * view", "according to the review", "which part of the book". The frame says whose view is wanted, not what it is about:
 * ranked, it finds the passages whose words happen to share it ("consider" finds "we need to
 * ask"). It still counts as understood, as "the reviewer" does. The same verbs said of anyone
 * else are the subject ("did Amis think it worthwhile").
 */
function opinionFrame(tokens: readonly string[]): ReadonlySet<number> {
  const frame = new Set<number>();
  tokens.forEach((token, i) => {
    // "the most shameful part of the book": a part of the whole, as "the book" is the whole.
    if (PARTS_OF.has(token) && tokens[i + 1] === "of") {
      const owner = BOOK_OWNERS.has(tokens[i + 2] ?? "") ? tokens[i + 3] : tokens[i + 2];
      if (DOMAIN_GENERIC_WORDS.has(owner ?? "")) frame.add(i);
      return;
    }
    if (token === "according") {
      if (tokens[i + 1] === "to") frame.add(i);
      return;
    }
    if (!OPINION_VERBS.has(token) || !OPINION_HOLDERS.has(tokens[i - 1] ?? "")) return;
    // "make of" asks a view; "does the reviewer make a case" says what the reviewer does.
    if ((token === "make" || token === "makes") && tokens[i + 1] !== "of") return;
    const before = tokens[i - 2] === "the" || tokens[i - 2] === "this" ? tokens[i - 3] : tokens[i - 2];
    if (ASKING_DO.has(before ?? "") || ((token === "view" || token === "views") && before === "in")) frame.add(i);
  });
  return frame;
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
  const tokens = readDecades(withoutAbleTo(withoutOpening(expandChatSpeak(tokenize(text, { joinHyphenated: false })))));
  const frame = opinionFrame(tokens);
  for (const [at, { token: typed, phraseWords }] of vocabulary.readPhrases(tokens).entries()) {
    if (STOP_WORDS.has(typed) && !DOMAIN_GENERIC_WORDS.has(typed) && phraseWords.length === 0) continue;
    // A slip in a word (the review's, or everyday English: "reveiw", "adressed") is read as the word.
    const word = frame.has(at) ? typed : vocabulary.correct(typed);
    if (DOMAIN_GENERIC_WORDS.has(word) || frame.has(at)) {
      // "the book", "the reviewer", "does the reviewer think": in scope by definition, no use for ranking.
      known += salience(word);
      counted += salience(word);
      continue;
    }
    if (STOP_WORDS.has(word)) continue;
    const corrected = word !== typed;
    const term = termOf(word);
    const related = [
      ...new Set(
        [
          ...phraseWords,
          ...vocabulary.relatedWords(typed),
          ...(corrected ? vocabulary.relatedWords(word) : []),
          // Only a plain form the review has: "order" is no degree of "ord".
          ...degreeBases(word).filter((base) => vocabulary.has(termOf(base))),
        ].map(termOf),
      ),
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
  for (const { term, related } of words) {
    // A reader's word the review never uses ("disgraceful") can only be found through the text's
    // words for it ("shameful"): they stand in for it in full. Beside a word the review has, they
    // are lesser evidence.
    const weight = vocabulary.has(term) ? relatedWeight : 1;
    for (const r of related) if ((weights.get(r) ?? 0) < weight) weights.set(r, weight);
  }
  const terms = [...weights].map(([term, weight]) => ({ term, weight, own: own.has(term) }));
  return {
    terms,
    weights,
    own,
    words,
    coverage: counted === 0 ? 0 : known / counted,
    unknown: words.filter((w) => !w.known && !/\d/.test(w.word)).map((w) => w.word),
    foreignNames: words.filter((w) => !w.known && isName(w.word) && !typedAsCommonNoun(w.word, text)).map((w) => w.word),
    foreignTitles: foreignTitlesIn(text, vocabulary),
  };
}

/** Comparatives and superlatives English forms irregularly. */
const IRREGULAR_DEGREES: ReadonlyMap<string, string> = new Map([
  ["better", "good"],
  ["best", "good"],
  ["worse", "bad"],
  ["worst", "bad"],
  ["farther", "far"],
  ["farthest", "far"],
  ["further", "far"],
  ["furthest", "far"],
  ["elder", "old"],
  ["eldest", "old"],
]);

/**
 * The plain forms a comparative or superlative may be of ("stronger" → strong, "bigger" → big,
 * "earliest" → early, "larger" → large, "worst" → bad): the stemmer leaves them whole, so a reader's
 * "stronger" would not find the review's "strong". Every candidate; the caller keeps the known ones.
 * The same ending also gives a doer's verb (player → play, supporter → support, writer → write),
 * kept on purpose: "a big player" finds "played a minor role". Offering it only for words the
 * review lacks lost that and gained nothing on the tuning sets or the held-out ones (2026-11-27).
 */
export function degreeBases(word: string): string[] {
  const irregular = IRREGULAR_DEGREES.get(word);
  if (irregular) return [irregular];
  const degree = /^(\p{L}{2,}?)(er|est)$/u.exec(word);
  if (!degree) return [];
  const stem = degree[1]!;
  const bases = [stem, `${stem}e`];
  if (/(\p{L})\1$/u.test(stem)) bases.push(stem.slice(0, -1));
  if (stem.endsWith("i")) bases.push(`${stem.slice(0, -1)}y`);
  return bases;
}

/**
 * Whether a reader who capitalises names ("Was Trepper a Stalin loyalist?") typed in lower case a
 * word English has mostly as a name: for them it is an everyday word. The subtitles capitalise
 * "Loyalist" and "Stalinist" as parties and their members, "Grant" and "Elder" as people; "what
 * does the reviewer grant Amis", "the elder Amis" use them as words. Typed by a reader who
 * capitalises nothing, it stays a name.
 */
function typedAsCommonNoun(word: string, text: string): boolean {
  if (!isKnownName(word)) return false;
  const typed = [...text.matchAll(/[\p{L}'’]+/gu)];
  const lower = typed.filter((m) => m[0].toLowerCase().replace(/['’]s?$/, "") === word);
  if (lower.length === 0 || lower.some((m) => m[0] !== m[0].toLowerCase())) return false;
  // A capital where no sentence begins: the reader writes names with capitals.
  return typed.some((m) => /^\p{Lu}\p{Ll}/u.test(m[0]) && m.index > 0 && !/[.!?]\s*$/.test(text.slice(0, m.index)));
}

/**
 * How much of the question one paragraph answers, each of the reader's words weighed by its
 * salience: in full when it matched there, partly when only one of its synonyms did.
 */
export function shareMatched(analysed: AnalysedQuestion, matchedTerms: readonly string[]): number {
  // The lists are short (a hit's or a study question's terms): a scan beats building a set, call after call.
  const matched = matchedTerms;
  let credit = 0;
  let total = 0;
  for (const w of analysed.words) {
    total += w.salience;
    const evidence = evidenceOf(w);
    if (matched.includes(w.term)) credit += evidence;
    else if (someIncluded(w.related, matched)) credit += RELATED_EVIDENCE * evidence;
  }
  return total === 0 ? 0 : credit / total;
}

/** What a reader's word adds to {@link shareMatched}'s credit when its term matched (a synonym adds {@link RELATED_EVIDENCE} of it). */
export function evidenceOf(word: QuestionWord): number {
  return word.salience * (word.corrected ? CORRECTED_EVIDENCE : 1);
}

/** The part of a word's evidence that a synonym's match gives. */
export const RELATED_EVIDENCE = 0.7;

/** Whether any of `terms` is in `matched` (a loop: this runs hundreds of times an ask). */
function someIncluded(terms: readonly string[], matched: readonly string[]): boolean {
  for (let i = 0; i < terms.length; i++) if (matched.includes(terms[i]!)) return true;
  return false;
}
