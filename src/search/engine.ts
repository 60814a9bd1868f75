import MiniSearch from "minisearch";
import { loadCorpus } from "../corpus/load.ts";
import { contentTerms, sentencesOf, STOP_WORDS, termOf, tokenize } from "./analyze.ts";
import { cleanQuery } from "./input.ts";
import { alignPhrase, parseParagraphReference } from "./phrase.ts";
import {
  analyseQuestion,
  factKindOf,
  isCovered,
  MIN_FACT_SHARE,
  notCoveredMessage,
  shareMatched,
  Vocabulary,
  type AnalysedQuestion,
  type FactKind,
  type QueryTerm,
} from "./question.ts";
import type { Answer, Corpus, CorpusDocument, Decline, Paragraph, Passage, SearchOptions } from "./types.ts";

/** What MiniSearch indexes for each paragraph: the text and its study notes, as separate fields. */
interface IndexedParagraph {
  id: string;
  text: string;
  summary: string;
  names: string;
  questions: string;
  section: string;
}

/** The weights of ranking, for experiments (bench, tuning); the defaults are tuned. */
export interface RankingTuning {
  fieldBoost: Record<"text" | "questions" | "summary" | "names" | "section", number>;
  relatedWeight: number;
  questionWeight: number;
}

/** A study question (answered or left open) as index terms. */
interface StudyQuestion {
  question: string;
  /** The paragraph whose notes hold it. */
  paragraph: string;
  /** The kind of fact it asks for, if a date or a figure. */
  kind: FactKind | undefined;
  analysed: AnalysedQuestion;
  terms: string[];
}

/** Words of a question about the review as a document: "when was this review published?" */
const DOCUMENT_EVENTS: ReadonlySet<string> = new Set(
  ["publish", "written", "write", "come", "out", "date", "print", "appear", "releas"].map(termOf),
);

/** How much of a reader's question an open question must cover, and by how much more than any answered one. */
const MIN_OPEN_SHARE = 0.7;
const OPEN_MARGIN = 0.1;

interface RankedParagraph {
  id: string;
  score: number;
  /** The query terms that matched this paragraph (text, notes or one of its questions). */
  queryTerms: string[];
}

/** Both indexes analyse text the same way; queries arrive analysed already (see analyseQuestion). */
const ANALYSIS = {
  tokenize: (text: string) => tokenize(text),
  processTerm: (token: string) => (STOP_WORDS.has(token) ? null : termOf(token)),
  searchOptions: { tokenize: (query: string) => query.split(" "), processTerm: (term: string) => term },
};

const DEFAULT_LIMIT = 5;
const MAX_LIMIT = 5;

/**
 * Field weights. The verbatim text leads; the study notes (questions a paragraph answers, the
 * names a reader may use, a plain summary) catch questions asked in other words than the text's.
 */
const FIELD_BOOST = { text: 1.5, questions: 2.5, summary: 1.2, names: 1.2, section: 0.5 };
/** Weight of a synonym relative to the reader's own word. */
const RELATED_WEIGHT = 0.35;
/** Weight of the best-matching study question relative to the paragraph's own BM25 score. */
const QUESTION_WEIGHT = 1;
/** A best sentence shorter than this is read with the one after it. */
const SHORT_SENTENCE = 80;

/** With a reading position, a passage read so far answers only when it scores this share of the best one further on. */
const SPOILER_MARGIN = 0.75;

/** Share of a remembered phrase that must be found, in order, for a quote lookup to count as found. */
const MIN_PHRASE_MATCH = 0.6;

/**
 * The search core: a MiniSearch index over the paragraphs of every corpus document and their
 * study notes. No Discord here; the CLI, the console and the bot all call this.
 *
 * @example
 * const search = ReviewSearch.fromDirectory();
 * search.ask("what happened to Trotsky's family?").results[0]; // ¶42 · Heroic opposition
 * search.quote("¶12").results[0].text;
 */
export class ReviewSearch {
  readonly corpus: Corpus;
  private readonly index: MiniSearch<IndexedParagraph>;
  /** The study notes' questions, one MiniSearch document each. */
  private readonly questionIndex: MiniSearch<{ id: string; paragraph: string; question: string }>;
  private readonly byId = new Map<string, Paragraph>();
  /** The words the corpus knows (text, notes, lexicon), for understanding questions. */
  private readonly vocabulary: Vocabulary;
  /** Per paragraph, the study questions that ask for a date or a figure, as index terms. */
  private readonly studyQuestions = new Map<string, StudyQuestion[]>();
  /** Every paragraph's open questions: what a reader asks next that the review never answers. */
  private readonly openQuestions: StudyQuestion[] = [];
  /** In how many paragraphs' text a term occurs: rarer terms mark the answering sentence. */
  private readonly textFrequency = new Map<string, number>();

  /** Ranking weights; the defaults are the tuned ones, `tuning` overrides them for experiments. */
  private readonly tuning: RankingTuning;

  /** Loads `corpus/` (or `dir`) and indexes it. */
  static fromDirectory(dir?: string): ReviewSearch {
    return new ReviewSearch(loadCorpus(dir));
  }

  constructor(corpus: Corpus, tuning: Partial<RankingTuning> = {}) {
    this.tuning = { fieldBoost: FIELD_BOOST, relatedWeight: RELATED_WEIGHT, questionWeight: QUESTION_WEIGHT, ...tuning };
    if (corpus.documents.length === 0) throw new Error("ReviewSearch: the corpus has no documents");
    this.corpus = corpus;
    this.vocabulary = new Vocabulary(corpus.readerWords);
    this.index = new MiniSearch<IndexedParagraph>({ fields: ["text", "summary", "names", "questions", "section"], ...ANALYSIS });
    this.questionIndex = new MiniSearch({ fields: ["question"], storeFields: ["paragraph"], ...ANALYSIS });
    const entries: IndexedParagraph[] = [];
    for (const doc of corpus.documents) {
      for (const p of doc.paragraphs) {
        const id = paragraphId(p.doc, p.number);
        this.byId.set(id, p);
        const entry: IndexedParagraph = {
          id,
          text: p.text,
          summary: p.notes?.summary ?? "",
          names: p.notes?.names.join(" ; ") ?? "",
          questions: p.notes?.questions.join(" ; ") ?? "",
          section: p.section?.replace(/[[\]]/g, "") ?? "",
        };
        entries.push(entry);
        for (const field of [entry.text, entry.summary, entry.names, entry.questions, entry.section]) this.vocabulary.add(field);
        for (const term of new Set(contentTerms(p.text))) this.textFrequency.set(term, (this.textFrequency.get(term) ?? 0) + 1);
      }
    }
    this.index.addAll(entries);
    this.questionIndex.addAll(
      [...this.byId].flatMap(([id, p]) => (p.notes?.questions ?? []).map((question, i) => ({ id: `${id}?${i}`, paragraph: id, question }))),
    );
    // The study questions as index terms: which facts each paragraph gives, and which it leaves open.
    const asTerms = (paragraph: string, question: string): StudyQuestion => {
      const analysed = analyseQuestion(question, this.vocabulary, this.tuning.relatedWeight);
      return { question, paragraph, kind: factKindOf(question), analysed, terms: analysed.words.flatMap((w) => [w.term, ...w.related]) };
    };
    for (const [id, p] of this.byId) {
      this.studyQuestions.set(
        id,
        (p.notes?.questions ?? []).map((q) => asTerms(id, q)),
      );
      this.openQuestions.push(...(p.notes?.unanswered ?? []).map((q) => asTerms(id, q)));
    }
  }

  /** The documents, in citation order; the first is the one a bare paragraph number refers to. */
  get documents(): readonly CorpusDocument[] {
    return this.corpus.documents;
  }

  /** The main document (the review). */
  get primary(): CorpusDocument {
    return this.corpus.documents[0]!;
  }

  /** One paragraph by citation, or undefined. */
  paragraph(doc: string, number: number): Paragraph | undefined {
    return this.byId.get(paragraphId(doc, number));
  }

  /** The paragraphs from `number - radius` to `number + radius` of a document, in order. */
  context(doc: string, number: number, radius = 1): Paragraph[] {
    const around: Paragraph[] = [];
    for (let n = number - radius; n <= number + radius; n++) {
      const p = this.paragraph(doc, n);
      if (p) around.push(p);
    }
    return around;
  }

  /**
   * Answers a question with the best passages, best first. `answered` is false when the review
   * does not cover the question; `results` then holds the closest passages, if any, as "maybe related".
   */
  ask(question: string, options: SearchOptions = {}): Answer {
    const limit = clampLimit(options.limit);
    const cleaned = cleanQuery(question);
    if ("decline" in cleaned) return declined(question, cleaned.decline);
    const analysed = analyseQuestion(cleaned.text, this.vocabulary, this.tuning.relatedWeight);
    if (analysed.terms.length === 0) {
      return declined(cleaned.text, {
        code: "no-words",
        message: "That has no words to search for beyond question words: name who or what you are asking about.",
      });
    }
    const upTo = options.upTo;
    if (upTo === undefined) return this.answer(cleaned.text, analysed, limit, () => true);
    const allowed = this.readUpTo(upTo);
    const capped = this.answer(cleaned.text, analysed, limit, allowed);
    const whole = this.answer(cleaned.text, analysed, 1, () => true);
    const best = whole.results[0];
    if (!whole.answered || !best || allowed(paragraphId(best.doc, best.paragraph))) return capped;
    // The best answer lies further on: a passage read so far answers only if it is nearly as good.
    const readBest = capped.answered ? (capped.results[0]?.score ?? 0) : 0;
    return readBest >= SPOILER_MARGIN * best.score ? capped : beyondPosition(cleaned.text, upTo);
  }

  /** Whether a paragraph id lies within a reading position: the first document's ¶1..upTo. */
  private readUpTo(upTo: number): (id: string) => boolean {
    const limit = Math.floor(upTo);
    return (id) => {
      const p = this.byId.get(id);
      return p !== undefined && p.doc === this.primary.meta.id && p.number <= limit;
    };
  }

  /** Ranks and decides over the paragraphs `allowed` admits; nothing outside them is cited or named. */
  private answer(query: string, analysed: AnalysedQuestion, limit: number, allowed: (id: string) => boolean): Answer {
    const hits = this.rank(analysed).filter((hit) => allowed(hit.id));
    const results = hits.slice(0, limit).map((hit) => this.passage(String(hit.id), hit.score, analysed.terms));
    if (results.length === 0) {
      return declined(query, { code: "not-covered", message: "The review does not say anything about that." });
    }
    if (!isCovered(analysed, shareMatched(analysed, hits[0]!.queryTerms))) {
      return {
        query,
        answered: false,
        reason: { code: "not-covered", message: notCoveredMessage(analysed) },
        results,
      };
    }
    const best = hits.slice(0, 3);
    const kind = factKindOf(query);
    if (kind && !this.givesFact(kind, analysed, best)) {
      const message = kind === "date" ? this.noDateMessage(analysed) : "The review gives no figure for that.";
      return { query, answered: false, reason: { code: "not-covered", message }, results };
    }
    const open = this.leftOpen(analysed, best, allowed);
    if (open) {
      const message = `The review does not say: it leaves open “${open.question.replace(/[?.!\s]+$/, "")}?”`;
      return { query, answered: false, reason: { code: "not-covered", message }, results };
    }
    return { query, answered: true, results };
  }

  /**
   * Finds a paragraph by number (`12`, `¶12`, `p12`, `para 12`) or by a remembered phrase,
   * tolerant of a changed, dropped or reordered word, of case, punctuation and quote styles.
   */
  quote(input: string, options: SearchOptions = {}): Answer {
    const limit = clampLimit(options.limit);
    const cleaned = cleanQuery(input);
    if ("decline" in cleaned) return declined(input, cleaned.decline);
    const reference = parseParagraphReference(
      cleaned.text,
      this.corpus.documents.map((d) => d.meta.id),
    );
    if (reference) {
      const doc = this.corpus.documents.find((d) => d.meta.id === reference.doc) ?? this.primary;
      const p = this.paragraph(doc.meta.id, reference.number);
      if (p && options.upTo !== undefined && !this.readUpTo(options.upTo)(paragraphId(p.doc, p.number))) {
        return beyondPosition(cleaned.text, options.upTo);
      }
      if (!p) {
        return declined(cleaned.text, {
          code: "out-of-range",
          message: `There is no ¶${reference.number}: ${doc === this.primary ? "the review" : `“${doc.meta.title}”`} has paragraphs 1 to ${doc.paragraphs.length}.`,
        });
      }
      return { query: cleaned.text, answered: true, results: [this.toPassage(p, p.text, 1)] };
    }
    const phrase = quotedPart(cleaned.text);
    const allowed = options.upTo === undefined ? () => true : this.readUpTo(options.upTo);
    const ranked = this.matchPhrase(phrase, false, allowed).slice(0, limit);
    const results = ranked.map(({ p, match }) => this.toPassage(p, p.text.slice(match.start, match.end), match.score));
    const best = ranked[0];
    if (!best || best.match.score < MIN_PHRASE_MATCH) {
      if (options.upTo !== undefined && (this.matchPhrase(phrase, false, () => true)[0]?.match.score ?? 0) >= MIN_PHRASE_MATCH) {
        return beyondPosition(cleaned.text, options.upTo);
      }
      return {
        query: cleaned.text,
        answered: false,
        reason: { code: "no-match", message: "No passage of the review reads like that. Try fewer words, or /ask a question instead." },
        results: results.filter((r) => r.score >= 0.25),
      };
    }
    return { query: cleaned.text, answered: true, results };
  }

  /**
   * Passages for autocomplete as the reader types part of a quote: phrase matches first, then
   * passages sharing its words (a prefix of the last word counts). Never throws.
   */
  suggest(partial: string, limit = 25, options: Pick<SearchOptions, "upTo"> = {}): Passage[] {
    const cleaned = cleanQuery(partial);
    if ("decline" in cleaned) return [];
    const allowed = options.upTo === undefined ? () => true : this.readUpTo(options.upTo);
    const seen = new Set<string>();
    const out: Passage[] = [];
    const push = (p: Passage) => {
      const id = paragraphId(p.doc, p.paragraph);
      if (allowed(id) && !seen.has(id) && out.length < limit) {
        seen.add(id);
        out.push(p);
      }
    };
    for (const { p, match } of this.matchPhrase(cleaned.text, true, allowed)) {
      if (match.score >= 0.5) push(this.toPassage(p, p.text.slice(match.start, match.end), match.score));
    }
    const terms = contentTerms(cleaned.text);
    if (terms.length > 0) {
      const hits = this.index.search(terms.join(" "), {
        fields: ["text"],
        prefix: (_t, i, all) => i === all.length - 1,
        combineWith: "AND",
      });
      for (const hit of hits)
        push(
          this.passage(
            String(hit.id),
            hit.score,
            terms.map((term) => ({ term, weight: 1, own: true })),
          ),
        );
    }
    return out;
  }

  /**
   * Ranks paragraphs for an analysed question: BM25 over each paragraph's text and notes, plus
   * the best match among the questions its study notes say it answers (a question asked the way
   * a study guide asks it is strong evidence, which a field of many questions pooled dilutes).
   */
  private rank(analysed: AnalysedQuestion): RankedParagraph[] {
    const query = analysed.terms.map((t) => t.term).join(" ");
    const options = {
      boostTerm: (term: string) => analysed.weights.get(term) ?? 1,
      // A misspelling the corrector missed still finds its word: one edit in a long word.
      fuzzy: (term: string) => (analysed.own.has(term) && term.length >= 6 ? 1 : false),
      weights: { fuzzy: 0.4, prefix: 0.3 },
      prefix: (term: string) => analysed.own.has(term) && term.length >= 5,
    };
    const byParagraph = new Map<string, RankedParagraph>();
    const paragraphHits = this.index.search(query, { ...options, boost: { ...this.tuning.fieldBoost } });
    const topParagraph = paragraphHits[0]?.score ?? 1;
    for (const hit of paragraphHits) {
      byParagraph.set(String(hit.id), { id: String(hit.id), score: hit.score / topParagraph, queryTerms: [...hit.queryTerms] });
    }
    // Each paragraph's best study question, by how much of the reader's question it covers.
    const bestQuestion = new Map<string, { share: number; queryTerms: string[] }>();
    for (const hit of this.questionIndex.search(query, options)) {
      const id = String(hit["paragraph"]);
      const share = shareMatched(analysed, hit.queryTerms);
      if (share > (bestQuestion.get(id)?.share ?? 0)) bestQuestion.set(id, { share, queryTerms: hit.queryTerms });
    }
    for (const [id, { share, queryTerms }] of bestQuestion) {
      const entry = byParagraph.get(id) ?? { id, score: 0, queryTerms: [] };
      entry.score += this.tuning.questionWeight * share * share;
      entry.queryTerms = [...new Set([...entry.queryTerms, ...queryTerms])];
      byParagraph.set(id, entry);
    }
    return [...byParagraph.values()].sort((a, b) => b.score - a.score);
  }

  /** Every paragraph scored by how well it holds the phrase, best first (ties in reading order). */
  private matchPhrase(
    phrase: string,
    lastWordIsPrefix: boolean,
    allowed: (id: string) => boolean,
  ): Array<{ p: Paragraph; match: ReturnType<typeof alignPhrase> }> {
    return [...this.byId]
      .filter(([id]) => allowed(id))
      .map(([, p]) => p)
      .map((p) => ({ p, match: alignPhrase(phrase, p.text, { lastWordIsPrefix }) }))
      .filter((r) => r.match.score > 0)
      .sort((a, b) => b.match.score - a.match.score);
  }

  /**
   * Whether one of the best paragraphs gives the date or figure a question asks for: one of its
   * study questions asks for the same kind of fact about most of the same things. "What year did
   * Stalin die?" finds "When did Lenin die?" beside a year, and that is not an answer.
   */
  private givesFact(kind: FactKind, analysed: AnalysedQuestion, hits: readonly RankedParagraph[]): boolean {
    return hits.some((hit) =>
      (this.studyQuestions.get(hit.id) ?? []).some((fact) => fact.kind === kind && shareMatched(analysed, fact.terms) >= MIN_FACT_SHARE),
    );
  }

  /** "When was the review written?" is about the document, whose date is in its metadata, not its paragraphs. */
  private noDateMessage(analysed: AnalysedQuestion): string {
    const date = this.primary.meta.date;
    const aboutDocument = analysed.words.every((w) => DOCUMENT_EVENTS.has(w.term));
    return date && aboutDocument
      ? `No paragraph gives that date, but the review itself is dated ${date}.`
      : "The review gives no date for that.";
  }

  /**
   * The open question a reader's question is, if it is one: it matches a question the study notes
   * say the review leaves open ("Who killed Trotsky?") clearly better than any question the best
   * paragraphs answer.
   */
  private leftOpen(
    analysed: AnalysedQuestion,
    hits: readonly RankedParagraph[],
    allowed: (id: string) => boolean,
  ): StudyQuestion | undefined {
    // The same question both ways: the open question covers the reader's, and the reader's covers it.
    const readerTerms = analysed.words.flatMap((w) => [w.term, ...w.related]);
    let open: StudyQuestion | undefined;
    let openShare = 0;
    for (const q of this.openQuestions) {
      if (!allowed(q.paragraph)) continue;
      const share = Math.min(shareMatched(analysed, q.terms), shareMatched(q.analysed, readerTerms));
      if (share > openShare) [open, openShare] = [q, share];
    }
    if (!open || openShare < MIN_OPEN_SHARE) return undefined;
    const answeredShare = Math.max(
      0,
      ...hits.flatMap((hit) => (this.studyQuestions.get(hit.id) ?? []).map((q) => shareMatched(analysed, q.terms))),
    );
    return openShare >= answeredShare + OPEN_MARGIN ? open : undefined;
  }

  private passage(id: string, score: number, terms: QueryTerm[]): Passage {
    const p = this.byId.get(id)!;
    return this.toPassage(p, this.bestSentence(p.text, terms), score);
  }

  private toPassage(p: Paragraph, excerpt: string, score: number): Passage {
    return { doc: p.doc, paragraph: p.number, section: p.section, text: p.text, excerpt, score: Math.round(score * 1000) / 1000 };
  }

  /** The sentence of a paragraph sharing the most (and rarest) terms with the query. */
  private bestSentence(text: string, terms: QueryTerm[]): string {
    const weights = new Map(terms.map((t) => [t.term, t.weight]));
    const spans = sentencesOf(text);
    let best = 0;
    let bestScore = -1;
    spans.forEach((span, i) => {
      let score = 0;
      for (const term of new Set(contentTerms(text.slice(span.start, span.end)))) {
        const w = weights.get(term);
        if (w) score += w / (this.textFrequency.get(term) ?? 1);
      }
      if (score > bestScore) {
        best = i;
        bestScore = score;
      }
    });
    const span = spans[best];
    if (!span) return text;
    // A sentence that introduces what follows ("The account describes what happened…", "Trepper
    // wrote:") is not the answer alone: take the quotation or sentence it announces with it.
    const next = spans[best + 1];
    const announces = /[:,]["”’]?$/.test(text.slice(span.start, span.end)) || span.end - span.start < SHORT_SENTENCE;
    const quoteFollows = next !== undefined && /^["“‘]/.test(text.slice(next.start, next.end));
    return text.slice(span.start, next && (announces || quoteFollows) ? next.end : span.end);
  }
}

function paragraphId(doc: string, number: number): string {
  return `${doc}#${number}`;
}

function clampLimit(limit: number | undefined): number {
  if (limit === undefined || !Number.isFinite(limit)) return DEFAULT_LIMIT;
  return Math.min(MAX_LIMIT, Math.max(1, Math.floor(limit)));
}

/** The neutral reply when the answer lies past a group's reading position: it hints at nothing further on. */
function beyondPosition(query: string, upTo: number): Answer {
  return declined(query, {
    code: "beyond-position",
    message: `Nothing up to ¶${Math.floor(upTo)} answers that yet.`,
    upTo: Math.floor(upTo),
  });
}

function declined(query: string, reason: Decline): Answer {
  return { query: String(query ?? "").slice(0, 200), answered: false, reason, results: [] };
}

/**
 * The phrase to look for: when the reader put it in quotes ("where's the bit about “…”"), the
 * quoted words, else all of it.
 */
function quotedPart(text: string): string {
  const quoted = /["“”«»]([^"“”«»]{8,})["“”«»]/u.exec(text) ?? /(?:^|\s)['‘]([^'‘’]{8,})['’](?:\s|[?.!]*$)/u.exec(text);
  return quoted?.[1]?.trim() || text;
}
