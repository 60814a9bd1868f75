import { loadCorpus } from "../corpus/load.ts";
import { contentTerms, sentencesOf, STOP_WORDS, termOf, tokenize } from "./analyze.ts";
import { AnswerCache, type CacheStats } from "./cache.ts";
import { NameCasing } from "./casing.ts";
import { cleanQuery } from "./input.ts";
import { boostHits, type BoostRange } from "./boost.ts";
import { continuationsOfHead, headAfterCredit, union } from "./forward-credit.ts";
import { ParagraphIndex } from "./paragraph-index.ts";
import { PhraseIndex, type PhraseMatch } from "./phrase.ts";
import { MAX_RANGE, parseParagraphList, parseRange, rangeLabel, type ParagraphRange } from "./range.ts";
import { formatRef, parseReaderReference } from "../corpus/ref.ts";
import { analyseQuestion, factKindOf, shareMatched, Vocabulary, type AnalysedQuestion, type FactKind, type QueryTerm } from "./question.ts";
import { OpenQuestions } from "./open-questions.ts";
import { isName } from "./salience.ts";
import { QuestionTerms, type TermMatching } from "./question-terms.ts";
import { StudyCredit } from "./study-credit.ts";
import {
  asksTheArgument,
  asksTheBest,
  asksTheVerdict,
  asksWhatTheBookCovers,
  asksTheWorst,
  asksWhyTheBookIsCalled,
  explainsTheTitle,
  findStructureReference,
  namesTheWorst,
  saysWhatTheBookCovers,
  type StructureReference,
} from "./structure.ts";
import {
  answeringFirst,
  askedOfTheBot,
  authorshipAsked,
  decideScope,
  definingFirst,
  quotingFirst,
  isAboutDocument,
  meaningFirst,
  namingFirst,
  SCOPE,
  reviewReplyAsked,
  statesFactAsked,
  statingFirst,
  tellingDeathFirst,
  type ScopeCandidate,
  type ScopeEvidence,
  type ScopeThresholds,
} from "./scope.ts";
import type { Corpus, CorpusDocument, Paragraph } from "../corpus/types.ts";
import type { Answer, Decline, Passage, SearchOptions } from "./types.ts";

/** What MiniSearch indexes for each paragraph: the text and its study notes, as separate fields. */
export interface IndexedParagraph {
  id: string;
  text: string;
  summary: string;
  names: string;
  questions: string;
  section: string;
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

/** The hit at `at` first with the top's score, the top next with its score, the rest in order. */
function promoted(hits: readonly RankedParagraph[], at: number): RankedParagraph[] {
  const first = hits[0]!;
  const moved = hits[at]!;
  return [{ ...moved, score: first.score }, { ...first, score: moved.score }, ...hits.slice(1, at), ...hits.slice(at + 1)];
}

/** The kind of fact a question asks for, with the question: what an excerpt should state. */
interface AskedFact {
  kind: FactKind;
  analysed: AnalysedQuestion;
}

/** Where a second question begins: "… and what happened in Spain?", "…, and who was Trepper?". */
const SECOND_QUESTION = /\s*,?\s+(?:and|also|plus)\s+(?=(?:what|who|whom|whose|why|how|when|where|which)\b)/i;

/** Words pointing back to what the question named before: a part holding one is no question of its own. */
const POINTS_BACK = /\b(?:he|she|it|they|him|her|them|his|its|their|theirs|this|that|these|those)\b/i;

/**
 * A question's parts, when it asks two or more that stand alone ("what was the Guardian article
 * about and who was Trepper?"); else the question alone. "Who was Trepper and what did he
 * write?" is one question: its second part is about the first's subject.
 */
function questionParts(text: string): string[] {
  const parts = text.split(SECOND_QUESTION).map((part) => part.trim());
  if (parts.length < 2 || parts.slice(1).some((part) => POINTS_BACK.test(part))) return [text];
  return parts.every((part) => part.split(/\s+/).length >= 2) ? parts : [text];
}

/** A question asking for a reason, and the words a text gives one in. */
const WHY_QUESTION = /\bwhy\b|\bwhat (?:was|is) the reason\b|\bhow come\b/i;
const GIVES_REASON = /\b(?:because|reason|as a result|result of|since|for fear|so that|due to|owing to|in order to|threat)\b/i;

/**
 * Whether a paragraph continues the one before it: a demonstrative among its first words points back
 * ("That’s an important view", "The movement of this class", "Many of these individuals").
 */
function continuesPrevious(text: string): boolean {
  return /^(?:\S+\s+){0,6}?(?:this|these|that|those|such)\b/i.test(text.split(/\s+/, 8).join(" "));
}

/** A continuation ranks just below the paragraph it continues, when the two together answer clearly more. */
const CONTINUATION_CREDIT = 0.95;
const CONTINUATION_GAIN = 0.1;
/** How far down the ranking an antecedent may stand to lift its continuation. */
const CONTINUATION_HEAD = 10;

/** A declined question's best paragraphs are offered as maybe related only when they match this share of it. */
const RELATED_SHARE = 0.5;

/** An announcing paragraph's next one ranks just above it. */
const FORWARD_CREDIT = 1.001;

/**
 * Whether a paragraph announces what the next one says: it ends in a colon, or its last sentence
 * says a fact or an account is coming ("One simple fact immediately strikes you.").
 */
function announcesNext(text: string): boolean {
  const end = text.trimEnd().replace(/["”’)]+$/, "");
  if (end.endsWith(":")) return true;
  const body = end.replace(/[.!?]+$/, "");
  const last = body.slice(Math.max(body.lastIndexOf("."), body.lastIndexOf("!"), body.lastIndexOf("?")) + 1);
  return /\b(?:strikes you|as follows|the following|(?:here|this) is what|consider this)\b/i.test(last);
}

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
/** Of the first WHOLE_TEXT_HEAD hits, one whose text holds WHOLE_TEXT_SHARE of the question gains this share of the top score. */
const WHOLE_TEXT_CREDIT = 0.3;
const WHOLE_TEXT_SHARE = 0.9;
const WHOLE_TEXT_HEAD = 3;
/** A paragraph stating the fact asked for goes first only over one it nearly ties with: a clearly better match stays first. */
const NEAR_TIE = 0.9;
/**
 * A paragraph giving the date right beside what it is told of ("Lenin, who died in 1924") goes
 * first over a rather better match that gives no such date. (A figure is looser: "how many died"
 * is better answered by the paragraph about the estimate than by "millions of deaths" in passing.)
 */
const CLOSE_DATE_WINDOW = 3;
const CLOSE_DATE_TIE = 0.75;
/** A sentence saying what someone is ("Trepper was …") is the answer to who they were over a somewhat better match. */
const DEFINING_TIE = 0.8;
/** A best sentence shorter than this is read with the one after it. */
const SHORT_SENTENCE = 80;

/** With a reading position, a passage read so far answers only when it scores this share of the best one further on. */
const SPOILER_MARGIN = 0.75;

/** Share of a remembered phrase that must be found, in order, for a quote lookup to count as found. */
const MIN_PHRASE_MATCH = 0.6;
/** A phrase matched at this share is matched word for word, in order, with nothing between (the alignment's whole weight). */
const EXACT_PHRASE = 1 - 1e-9;
/** A phrase's "maybe related" passages match at least this share of it... */
const MIN_RELATED_PHRASE = 0.25;
/** ...and are chosen among this many of the best aligned, by how many of its words they hold. */
const MAYBE_QUOTED_POOL = 25;

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
  /** The documents' ids, in citation order: what a reader's "doc:12" may name. */
  readonly documentIds: readonly string[];
  private readonly index: ParagraphIndex<IndexedParagraph>;
  /** The study notes' questions by term (see question-terms.ts). */
  private readonly questionTerms: QuestionTerms;
  private readonly byId = new Map<string, Paragraph>();
  /** Every paragraph in reading order (documents in citation order), as the phrase index numbers them. */
  private readonly ordered: Paragraph[] = [];
  /** Each paragraph's place in `ordered`, by id. */
  private readonly ordinals = new Map<string, number>();
  /** Adds each paragraph's best study question to a ranking (see study-credit.ts). */
  private readonly studyCredit: StudyCredit;
  /** The paragraphs' words for quote lookups and autocomplete, indexed on the first lookup (an ask never needs it). */
  private phraseIndex: PhraseIndex | undefined;
  /** The corpus's names as its text writes them (see withNamesCased), learnt on first use. */
  private nameCasing: NameCasing | undefined;
  /** The words the corpus knows (text, notes, lexicon), for understanding questions. */
  private readonly vocabulary: Vocabulary;
  /** Per paragraph, its study questions as index terms: worked out when a question first ranks it among the best. */
  private readonly studyQuestions = new Map<string, StudyQuestion[]>();
  /** Study questions' analyses by wording: it depends only on the wording, the vocabulary being complete once indexed. */
  private readonly questionAnalyses = new Map<string, Omit<StudyQuestion, "question" | "paragraph">>();
  /** Per analysed question, the shares of the study questions of the paragraphs it looked at (see studyShares). */
  private readonly studySharesByQuestion = new WeakMap<AnalysedQuestion, Map<string, readonly number[]>>();
  /** Every paragraph's open questions: what a reader asks next that the review never answers. */
  private readonly openQuestions: OpenQuestions;
  /** Each paragraph's sentences and their terms, by text, filled on first use (a paragraph's text never changes). */
  private readonly sentenceCache = new Map<string, ReadonlyArray<{ span: { start: number; end: number }; terms: ReadonlySet<string> }>>();
  /** Each paragraph's text as index terms (not its notes). */
  private readonly textTerms = new Map<string, Set<string>>();
  /** Paragraphs that announce what the next one says (see announcesNext). */
  private readonly announcing = new Set<string>();
  /** What describingTheBook found, once. */
  private bookDescriptions?: Paragraph[];
  /** Paragraphs that continue the one before them (see continuesPrevious), by the id of the one before. */
  private readonly continuationOf = new Map<string, string>();
  /** In how many paragraphs' text a term occurs: rarer terms mark the answering sentence. */
  private readonly textFrequency = new Map<string, number>();

  /** The last answers given, by cleaned question, limit and reading position (see cache.ts). */
  private readonly answers = new AnswerCache();

  /** The scope decision's operating point; the tuning sweep (`npm run tune`) tries others. */
  private readonly thresholds: ScopeThresholds;

  /** Loads `corpus/` (or `dir`) and indexes it. */
  static fromDirectory(dir?: string): ReviewSearch {
    return new ReviewSearch(loadCorpus(dir));
  }

  constructor(corpus: Corpus, thresholds: Partial<ScopeThresholds> = {}) {
    this.thresholds = { ...SCOPE, ...thresholds };
    if (corpus.documents.length === 0) throw new Error("ReviewSearch: the corpus has no documents");
    this.corpus = corpus;
    this.documentIds = corpus.documents.map((d) => d.meta.id);
    this.vocabulary = new Vocabulary(corpus.readerWords);
    // Notes and section titles repeat from paragraph to paragraph (and across a book's copies): each
    // distinct text is tokenised once while indexing, and taught to the vocabulary once.
    const tokens = new Map<string, string[]>();
    const tokensOf = (text: string) => {
      let list = tokens.get(text);
      if (!list) tokens.set(text, (list = ANALYSIS.tokenize(text)));
      return list;
    };
    this.index = new ParagraphIndex<IndexedParagraph>({
      fields: ["text", "summary", "names", "questions", "section"],
      ...ANALYSIS,
      tokenize: (text) => (tokens.size > 0 ? tokensOf(text) : ANALYSIS.tokenize(text)),
    });
    const entries: IndexedParagraph[] = [];
    for (const doc of corpus.documents) {
      for (const p of doc.paragraphs) {
        const id = paragraphId(p.doc, p.number);
        this.byId.set(id, p);
        if (announcesNext(p.text)) this.announcing.add(id);
        if (continuesPrevious(p.text)) this.continuationOf.set(paragraphId(p.doc, p.number - 1), id);
        const entry: IndexedParagraph = {
          id,
          text: p.text,
          summary: p.notes?.summary ?? "",
          names: p.notes?.names.join(" ; ") ?? "",
          questions: p.notes?.questions.join(" ; ") ?? "",
          section: p.section?.replace(/[[\]]/g, "") ?? "",
        };
        entries.push(entry);
        for (const field of [entry.text, entry.summary, entry.names, entry.questions, entry.section]) {
          if (!tokens.has(field)) this.vocabulary.add(field, tokensOf(field));
        }
        // The text's content terms from the tokens just made (contentTerms' steps): each text is tokenised once.
        const textTerms = new Set(tokensOf(p.text).flatMap((token) => (STOP_WORDS.has(token) ? [] : [termOf(token)])));
        this.textTerms.set(id, textTerms);
        for (const term of textTerms) this.textFrequency.set(term, (this.textFrequency.get(term) ?? 0) + 1);
      }
    }
    this.index.addAll(entries);
    tokens.clear();
    this.ordered.push(...this.byId.values());
    for (const [id] of this.byId) this.ordinals.set(id, this.ordinals.size);
    this.studyCredit = new StudyCredit(this.ordinals, (share) => QUESTION_WEIGHT * share * share);
    this.questionTerms = new QuestionTerms(
      [...this.byId].flatMap(([id, p]) => (p.notes?.questions ?? []).map((question) => ({ paragraph: id, question }))),
      (text) => ANALYSIS.tokenize(text).flatMap((token) => ANALYSIS.processTerm(token) ?? []),
    );
    // The open questions as index terms, now: any question may resemble one. (The questions each
    // paragraph answers are analysed when a question first ranks it among the best.)
    this.openQuestions = new OpenQuestions(
      [...this.byId].flatMap(([id, p]) => (p.notes?.unanswered ?? []).map((q) => this.studyQuestion(id, q))),
    );
  }

  /** A study question as index terms; notes repeated across documents (a book's editions or copies) are analysed once. */
  private studyQuestion(paragraph: string, question: string): StudyQuestion {
    let analysis = this.questionAnalyses.get(question);
    if (!analysis) {
      const analysed = analyseQuestion(question, this.vocabulary, RELATED_WEIGHT);
      analysis = { kind: factKindOf(question), analysed, terms: analysed.words.flatMap((w) => [w.term, ...w.related]) };
      this.questionAnalyses.set(question, analysis);
    }
    return { question, paragraph, ...analysis };
  }

  /**
   * How much of a reader's question each of a paragraph's study questions covers (see
   * shareMatched), in the notes' order; kept for the question's other passes (a reading
   * position's capped and whole answers, a place's fallback), which look at the same paragraphs.
   */
  private studyShares(analysed: AnalysedQuestion, id: string): readonly number[] {
    let byParagraph = this.studySharesByQuestion.get(analysed);
    if (!byParagraph) this.studySharesByQuestion.set(analysed, (byParagraph = new Map<string, readonly number[]>()));
    let shares = byParagraph.get(id);
    if (!shares) byParagraph.set(id, (shares = this.studyQuestionsOf(id).map((q) => shareMatched(analysed, q.terms))));
    return shares;
  }

  /** The questions a paragraph's study notes say it answers, as index terms. */
  private studyQuestionsOf(id: string): StudyQuestion[] {
    let questions = this.studyQuestions.get(id);
    if (!questions) {
      questions = (this.byId.get(id)?.notes?.questions ?? []).map((q) => this.studyQuestion(id, q));
      this.studyQuestions.set(id, questions);
    }
    return questions;
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
   * `text` with the corpus's names capitalised as its text writes them, for showing a study note
   * or a reader's words ("amis's book" → "Amis's book"); other words are left as typed.
   *
   * @example
   * search.withNamesCased("what is amis's new book called"); // "what is Amis's new book called"
   */
  withNamesCased(text: string): string {
    // Learnt on first use: an ask never needs it.
    this.nameCasing ??= new NameCasing(this.ordered.map((p) => p.text));
    return this.nameCasing.apply(text);
  }

  /**
   * Answers a question with the best passages, best first. `answered` is false when the review
   * does not cover the question; `results` then holds the closest passages, if any, as "maybe related".
   * A question asked again (the same once cleaned, with the same limit and reading position) is
   * answered from the answer cache.
   */
  ask(question: string, options: SearchOptions = {}): Answer {
    const cleaned = cleanQuery(question);
    if ("decline" in cleaned) return this.answerQuestion(question, options);
    // Everything an answer depends on besides the index: the cleaned question, the limit, the reading position, a discussion's passage.
    const boost = options.boostSection ? `${options.boostSection.first}-${options.boostSection.last}` : "";
    const key = `${clampLimit(options.limit)}|${options.upTo ?? ""}|${boost}|${cleaned.text}`;
    return this.answers.get(key, () => this.answerQuestion(question, options, cleaned));
  }

  /** How the answer cache has done: hits, misses, hit rate. */
  answerCacheStats(): CacheStats {
    return this.answers.stats();
  }

  /** Forgets every cached answer (benchmarks time asks without it). */
  clearAnswerCache(): void {
    this.answers.clear();
  }

  /**
   * {@link ask} without the cache. Two questions in one ("what did Amis say about Lenin and what
   * happened in Spain?") that no passage answers together are answered part by part, each part's
   * best passages in turn, when every part is answered.
   */
  private answerQuestion(question: string, options: SearchOptions, cleaned = cleanQuery(question)): Answer {
    const whole = this.answerWhole(question, options, cleaned);
    if (whole.answered || whole.reason?.code !== "not-covered" || "decline" in cleaned) return whole;
    const parts = questionParts(cleaned.text);
    if (parts.length < 2) return whole;
    const answers = parts.map((part) => this.answerWhole(part, options));
    // A part declined (not covered, or past the reading position) is not dropped unsaid: the whole is declined as before.
    if (!answers.every((a) => a.answered)) return whole;
    const limit = clampLimit(options.limit);
    const results: Passage[] = [];
    const seen = new Set<string>();
    for (let rank = 0; results.length < limit && answers.some((a) => a.answered && rank < a.results.length); rank++) {
      for (const a of answers) {
        const passage = a.answered ? a.results[rank] : undefined;
        const id = passage && paragraphId(passage.doc, passage.paragraph);
        if (!passage || !id || seen.has(id) || results.length >= limit) continue;
        seen.add(id);
        results.push(passage);
      }
    }
    return { query: cleaned.text, answered: true, results, together: Math.min(answers.length, results.length) };
  }

  /** {@link answerQuestion} of the question as one. */
  private answerWhole(question: string, options: SearchOptions, cleaned = cleanQuery(question)): Answer {
    const limit = clampLimit(options.limit);
    if ("decline" in cleaned) return declined(question, cleaned.decline);
    // "How do I use this bot?", "who are you?": /help answers, not the review (even "help" alone, which has no words to search).
    const toTheBot = askedOfTheBot(cleaned.text);
    if (toTheBot) return declined(cleaned.text, { code: "not-covered", scope: toTheBot, documentDate: this.primary.meta.date });
    // "In the purge trials section, …", "how does the review open?": a place in the review, then the question.
    const found = findStructureReference(cleaned.text, this.primary.sections);
    // "Who was Stalin?" asked before the group reaches the section it heads is a question like any
    // other, answered from what they have read, not a place they may not look at yet.
    const place = found && options.upTo !== undefined && found.first > options.upTo && asksHeading(cleaned.text, found) ? undefined : found;
    const asked = analyseQuestion(place?.rest ?? cleaned.text, this.vocabulary, RELATED_WEIGHT);
    const upTo = options.upTo;
    const reading = upTo === undefined ? () => true : this.readUpTo(upTo);
    const direct = this.answerWithoutSearch(cleaned.text, place, asked, limit, reading, upTo, options.boostSection !== undefined);
    if (direct) return direct;
    // "In the 'who was Stalin' part, what let him rise?": the heading tells what the rest is about,
    // so it counts within the section (where it no longer outweighs the question's own words).
    const analysed = place?.heading ? analyseQuestion(`${place.rest} ${place.heading}`, this.vocabulary, RELATED_WEIGHT) : asked;
    if (analysed.terms.length === 0) {
      return declined(cleaned.text, { code: "no-words", asked: "only-question-words" });
    }
    const inPlace = (id: string) => {
      const p = this.byId.get(id);
      return !place || (p !== undefined && p.doc === this.primary.meta.id && p.number >= place.first && p.number <= place.last);
    };
    // Inside a discussion, its passage is preferred (boosted, not restricted).
    const hits = this.rank(analysed);
    const ranked = options.boostSection ? boostHits(hits, options.boostSection, (id, r) => this.inRange(id, r)) : hits;
    const within = (allowed: (id: string) => boolean) => {
      const placed = this.answer(cleaned.text, analysed, ranked, limit, (id) => allowed(id) && inPlace(id));
      // A place with no match for the question is ignored rather than answered from nothing.
      return place && placed.results.length === 0 ? this.answer(cleaned.text, analysed, ranked, limit, allowed) : placed;
    };
    if (upTo === undefined)
      return this.toldFrom(
        within(() => true),
        () => true,
      );
    const capped = this.toldFrom(within(reading), reading);
    const whole = within(() => true);
    // The whole review does not answer it, so nothing read so far does: a position never turns a
    // decline into an answer from the passages that happen to be left.
    if (!whole.answered) return capped.answered ? this.toldFrom({ ...whole, results: capped.results }, reading) : capped;
    const best = whole.results[0];
    if (!best || reading(paragraphId(best.doc, best.paragraph))) return capped;
    // The best answer lies further on: a passage read so far answers only if it is nearly as good.
    const readBest = capped.answered ? (capped.results[0]?.score ?? 0) : 0;
    return readBest >= SPOILER_MARGIN * best.score ? capped : beyondPosition(cleaned.text, upTo);
  }

  /**
   * A decline as the reader may be told it: its reason names only what the text they may read has
   * (the whole text, or up to their position). A name the text first uses further on or a word only
   * the study notes use ("memoir") is not said to be mentioned; an open question of a later
   * paragraph's notes, or a reason left naming nothing, becomes the plain "does not say anything
   * about that".
   */
  private toldFrom(answer: Answer, reading: (id: string) => boolean): Answer {
    const reason = answer.reason;
    if (answer.answered || reason?.code !== "not-covered" || !reason.scope) return answer;
    const scope = reason.scope;
    const readIds = () => [...this.byId.keys()].filter(reading);
    const plain = { ...answer, reason: { code: "not-covered", scope: null, documentDate: this.primary.meta.date } } as const;
    if (scope.code === "left-open") {
      return readIds().some((id) => this.byId.get(id)?.notes?.unanswered.includes(scope.question)) ? answer : plain;
    }
    if (scope.code !== "near-miss") return answer;
    // The names it mentions are those the text read has; with none of them, nothing is named.
    const read = readIds();
    const names = scope.names.filter((name) => read.some((id) => this.textTerms.get(id)?.has(termOf(name))));
    if (names.length === scope.names.length) return answer;
    return names.length === 0 ? plain : { ...answer, reason: { ...reason, scope: { ...scope, names } } };
  }

  /**
   * The questions answered without ranking: what the whole is about (its opening paragraphs), a
   * place in the document asked for itself ("how does the review open?", "what does the first
   * paragraph say about …"), who wrote the book or the review, and when the review was published.
   */
  private answerWithoutSearch(
    text: string,
    place: StructureReference | undefined,
    analysed: AnalysedQuestion,
    limit: number,
    reading: (id: string) => boolean,
    upTo: number | undefined,
    /** Asked in a discussion of a passage: "it" is that passage, not the book. */
    discussed: boolean,
  ): Answer | undefined {
    const show = (paragraphs: Paragraph[]): Answer => {
      const shown = paragraphs.filter((p) => reading(paragraphId(p.doc, p.number))).slice(0, limit);
      if (shown.length === 0) return beyondPosition(text, upTo!);
      return { query: text, answered: true, results: shown.map((p) => this.toPassage(p, firstSentences(p.text), 1)) };
    };
    const doc = this.primary;
    // Paragraphs asked for by number ("explain ¶21", "paragraphs 12 and 20").
    if (place?.kind === "paragraphs") {
      const numbers = place.numbers ?? [];
      if (place.first < 1 || place.last > doc.paragraphs.length) {
        const paragraph = String(place.first < 1 ? place.first : place.last);
        return declined(text, { code: "out-of-range", paragraph, title: null, paragraphs: doc.paragraphs.length });
      }
      if (numbers.length > MAX_RANGE) {
        return declined(text, {
          code: "bad-range",
          problem: { kind: "too-many", first: place.first, last: place.last, max: MAX_RANGE },
          upTo,
        });
      }
      // Each paragraph asked for, whatever else is asked; all or none, as /quote's lists: one past the position is not dropped unsaid.
      if (upTo !== undefined && !(place.last <= Math.floor(upTo))) {
        // Which of them: the reader named them, so they are told those are past it, as /quote tells them.
        const past = numbers.filter((n) => !(n <= Math.floor(upTo)));
        return declined(text, { code: "beyond-position", upTo: Math.floor(upTo), paragraphs: past });
      }
      const named = show(numbers.map((n) => this.paragraph(doc.meta.id, n)!));
      return { ...named, together: named.results.length };
    }
    // What the whole is about, told by its opening.
    if (place?.kind === "overview") {
      return show(Array.from({ length: place.last - place.first + 1 }, (_, i) => this.paragraph(doc.meta.id, place.first + i)!));
    }
    if (place && (analysed.terms.length === 0 || (place.kind !== "section" && place.first === place.last))) {
      // The opening paragraph, the last one, a section's first; and "what does the first paragraph
      // say about …" is answered by that paragraph, whatever it says.
      return show([this.paragraph(doc.meta.id, place.kind === "closing" ? place.last : place.first)!]);
    }
    // "What does the reviewer think of the book?", "what is the review's main argument?": the
    // paragraphs its front matter names as its verdict and its argument.
    const named = place ? [] : asksTheVerdict(text, !discussed) ? doc.meta.verdict : asksTheArgument(text) ? doc.meta.argument : [];
    if (named.length > 0) {
      const paragraphs = named.map((n) => this.paragraph(doc.meta.id, n)!);
      // "The worst thing about the book": the verdict naming the worst of it first ("THE MOST shameful aspect …");
      // "anything good about it?": what the front matter names as its praise first.
      const praised = new Set(named === doc.meta.verdict && asksTheBest(text) ? doc.meta.praise : []);
      const worst = asksTheWorst(text);
      const firstOf = (p: Paragraph) => (praised.has(p.number) ? 2 : 0) + (worst && namesTheWorst(p.text) ? 1 : 0);
      return show([...paragraphs].sort((a, b) => firstOf(b) - firstOf(a)));
    }
    // "Why is the book called Koba the Dread?": the paragraphs telling what its title refers to.
    const explainingTitle =
      !place && asksWhyTheBookIsCalled(text, doc.meta.book) ? doc.paragraphs.filter((p) => explainsTheTitle(p.text)) : [];
    if (explainingTitle.length > 0) return show(explainingTitle);
    const authorship = place ? undefined : authorshipAsked(text);
    if (authorship === "review") return declined(text, { code: "not-covered", scope: { code: "unsigned" }, documentDate: doc.meta.date });
    const author = doc.meta.bookAuthor;
    // "Who wrote the book?": the paragraph that first names its author.
    const naming = authorship === "book" && author ? doc.paragraphs.find((p) => p.text.includes(author)) : undefined;
    if (naming) return show([naming]);
    // "What does most of the book cover?": the paragraphs saying what the book under review
    // describes, the one matching the rest of the question best first, then in reading order.
    const describing = asksWhatTheBookCovers(text)
      ? this.describingTheBook().filter((p) => !place || (p.number >= place.first && p.number <= place.last))
      : [];
    if (describing.length > 0) {
      const scores = new Map(analysed.terms.length > 0 ? this.rank(analysed).map((hit) => [hit.id, hit.score]) : []);
      const score = (p: Paragraph) => scores.get(paragraphId(p.doc, p.number)) ?? 0;
      return show([...describing].sort((a, b) => score(b) - score(a)));
    }
    if (factKindOf(text) === "date" && isAboutDocument(analysed)) {
      const scope = { code: "no-fact", kind: "date", aboutDocument: true } as const;
      return declined(text, { code: "not-covered", scope, documentDate: doc.meta.date });
    }
    return undefined;
  }

  /** The first document's paragraphs that say what the book under review describes ("The book is largely a description of …"). */
  private describingTheBook(): Paragraph[] {
    this.bookDescriptions ??= this.primary.paragraphs.filter((p) => saysWhatTheBookCovers(p.text));
    return this.bookDescriptions;
  }

  /** Whether a paragraph id is one of the first document's ¶first..last. */
  private inRange(id: string, range: BoostRange): boolean {
    const p = this.byId.get(id);
    return p !== undefined && p.doc === this.primary.meta.id && p.number >= range.first && p.number <= range.last;
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
  private answer(
    query: string,
    analysed: AnalysedQuestion,
    ranked: readonly RankedParagraph[],
    limit: number,
    allowed: (id: string) => boolean,
  ): Answer {
    // Only the head of the ranking is read: the results, and the best three for the scope decision.
    const hits = this.reasonFirst(query, this.passCreditForward(ranked, allowed, analysed.terms, Math.max(limit, 3)));
    const asked = factKindOf(query);
    const fact = asked ? { kind: asked, analysed } : undefined;
    const results = hits.slice(0, limit).map((hit) => this.passage(String(hit.id), hit.score, analysed.terms, fact));
    if (results.length === 0) {
      return declined(query, { code: "not-covered", scope: null, documentDate: this.primary.meta.date });
    }
    const best = hits.slice(0, 3);
    const factKind = factKindOf(query);
    const candidates = best.map((hit) => this.scopeCandidate(hit, analysed, factKind));
    const topShare = shareMatched(analysed, hits[0]!.queryTerms);
    const reason = decideScope(
      { question: query, analysed, factKind, best: candidates, topShare, ...this.openQuestionEvidence(analysed, best, allowed) },
      this.thresholds,
    );
    if (reason) {
      // Nothing of the review is "maybe related" to the bot's commands or the group's plans, nor to a
      // question it matches in a word or two ("whats ur favourite colour", "did Amis win the Booker").
      const related = reason.code === "about-the-group" || topShare < RELATED_SHARE ? [] : results;
      return {
        query,
        answered: false,
        reason: { code: "not-covered", scope: reason, documentDate: this.primary.meta.date },
        results: related,
      };
    }
    // "Which newspaper …?": the paragraph that names it answers, ahead of one that only mentions newspapers.
    // "How long …?": the paragraph that states the length answers, ahead of one that only tells the story.
    // "When did Lenin die?": "Lenin, who died in 1924" answers, even some way behind the best match.
    // "Who was Trepper?": the paragraph saying what he was ("Trepper was …"), ahead of one that only names him.
    const nearlyTies = (index: number | undefined, tie: number) =>
      index !== undefined && hits[index]!.score >= tie * hits[0]!.score ? index : undefined;
    const answeringIndex =
      answeringFirst(query, analysed, candidates) ??
      tellingDeathFirst(query, analysed, candidates) ??
      meaningFirst(query, candidates) ??
      nearlyTies(definingFirst(query, analysed, candidates), DEFINING_TIE) ??
      namingFirst(query, candidates) ??
      nearlyTies(quotingFirst(query, analysed, candidates), DEFINING_TIE) ??
      nearlyTies(statingFirst(factKind, analysed, candidates, this.thresholds), NEAR_TIE) ??
      (factKind === "date"
        ? nearlyTies(statingFirst(factKind, analysed, candidates, { ...this.thresholds, factWindow: CLOSE_DATE_WINDOW }), CLOSE_DATE_TIE)
        : undefined);
    if (answeringIndex !== undefined) {
      const [answering] = results.splice(answeringIndex, 1);
      results.unshift({ ...answering!, score: results[0]!.score });
    }
    return { query, answered: true, results };
  }

  /** One of the best paragraphs as the scope decision sees it. */
  private scopeCandidate(hit: RankedParagraph, analysed: AnalysedQuestion, factKind: FactKind | undefined): ScopeCandidate {
    return {
      matchedTerms: hit.queryTerms,
      text: this.byId.get(hit.id)!.text,
      textTerms: this.textTerms.get(hit.id) ?? new Set<string>(),
      // Only a fact question reads them: no share is worked out for the others.
      factNotes: factKind
        ? this.studyQuestionsOf(hit.id).flatMap((q, i) =>
            q.kind ? [{ kind: q.kind, share: this.studyShares(analysed, hit.id)[i]!, terms: q.terms }] : [],
          )
        : [],
    };
  }

  /**
   * Finds a paragraph by number (`12`, `¶12`, `p12`, `para 12`), a passage of the first document
   * by a range (`12-14`, `12 and 13`: see {@link quoteRange}), its paragraphs listed apart (`12 and
   * 20`: see {@link quoteParagraphs}), or a paragraph by a remembered phrase, tolerant of a changed,
   * dropped or reordered word, of case, punctuation and quote styles.
   */
  quote(input: string, options: SearchOptions = {}): Answer {
    const limit = clampLimit(options.limit);
    const cleaned = cleanQuery(input, "phrase");
    if ("decline" in cleaned) return declined(input, cleaned.decline);
    const range = parseRange(cleaned.text, this.primary.paragraphs.length);
    if (range) {
      if (!range.ok) return declined(cleaned.text, { code: "bad-range", problem: range.problem, upTo: options.upTo });
      return { ...this.quoteRange(range.range, options), query: cleaned.text };
    }
    const list = parseParagraphList(cleaned.text, this.primary.paragraphs.length);
    if (list) {
      if (!list.ok) return declined(cleaned.text, { code: "bad-range", problem: list.problem, upTo: options.upTo });
      return { ...this.quoteParagraphs(list.numbers, options), query: cleaned.text };
    }
    const reference = parseReaderReference(cleaned.text, this.documentIds);
    if (reference) {
      const doc = this.corpus.documents.find((d) => d.meta.id === reference.doc) ?? this.primary;
      const p = this.paragraph(doc.meta.id, reference.paragraph);
      if (p && options.upTo !== undefined && !this.readUpTo(options.upTo)(paragraphId(p.doc, p.number))) {
        return beyondPosition(cleaned.text, options.upTo);
      }
      if (!p) {
        return declined(cleaned.text, {
          code: "out-of-range",
          paragraph: reference.digits,
          title: doc === this.primary ? null : doc.meta.title,
          paragraphs: doc.paragraphs.length,
        });
      }
      return { query: cleaned.text, answered: true, results: [this.toPassage(p, p.text, 1)] };
    }
    const phrase = quotedPart(cleaned.text);
    const allowed = options.upTo === undefined ? () => true : this.readUpTo(options.upTo);
    const ranked = this.matchPhrase(phrase, { lastWordIsPrefix: false, allowed, need: limit });
    const results = ranked.map(({ p, match }) => this.toPassage(p, p.text.slice(match.start, match.end), match.score));
    const bestRead = ranked[0]?.match.score ?? 0;
    // Under a position, what the whole review holds decides whether the phrase is from further on:
    // found only there, or word for word there while what is read holds it only in part (a reader
    // who typed a later sentence exactly is not quoting the one that shares three of its words).
    // A phrase held word for word in what is read is quoted from there, whatever lies further on.
    if (options.upTo !== undefined && bestRead < EXACT_PHRASE) {
      const bestAnywhere = this.matchPhrase(phrase, { lastWordIsPrefix: false, allowed: () => true, need: 1 })[0]?.match.score ?? 0;
      if (bestAnywhere >= MIN_PHRASE_MATCH && (bestRead < MIN_PHRASE_MATCH || bestAnywhere >= EXACT_PHRASE)) {
        return beyondPosition(cleaned.text, options.upTo);
      }
    }
    if (bestRead < MIN_PHRASE_MATCH) {
      return { query: cleaned.text, answered: false, reason: { code: "no-match" }, results: this.maybeQuoted(phrase, allowed, limit) };
    }
    return { query: cleaned.text, answered: true, results };
  }

  /**
   * The passages a phrase that matched nowhere may still come from, "maybe related": those holding
   * more of its words first. Words remembered out of order ("price personal terrible paid") align
   * no better than one word anywhere, but the paragraph holding them all is the likeliest.
   */
  private maybeQuoted(phrase: string, allowed: (id: string) => boolean, limit: number): Passage[] {
    const terms = [...new Set(contentTerms(phrase))];
    const held = (p: Paragraph) => {
      const text = this.textTerms.get(paragraphId(p.doc, p.number));
      return terms.filter((t) => text?.has(t)).length;
    };
    return this.matchPhrase(phrase, { lastWordIsPrefix: false, allowed, need: MAYBE_QUOTED_POOL, minScore: MIN_RELATED_PHRASE })
      .map((m) => ({ ...m, held: held(m.p) }))
      .sort((a, b) => b.held - a.held || b.match.score - a.match.score)
      .slice(0, limit)
      .map(({ p, match }) => this.toPassage(p, p.text.slice(match.start, match.end), match.score));
  }

  /**
   * Paragraphs of the first document listed apart ("12 and 20", as {@link parseParagraphList}
   * reads them): each whole, in reading order, declined as a whole when one lies past the reading
   * position, as a range is.
   *
   * @example
   * search.quoteParagraphs([20, 12]).results.map((r) => r.paragraph); // [12, 20]
   */
  quoteParagraphs(numbers: readonly number[], options: SearchOptions = {}): Answer {
    const ordered = [...new Set(numbers)].sort((a, b) => a - b);
    const query = ordered.map((n) => `¶${n}`).join(", ");
    const paragraphs = this.primary.paragraphs.length;
    const upTo = options.upTo;
    const wrong = ordered.find((n) => !Number.isInteger(n) || n < 1 || n > paragraphs);
    if (wrong !== undefined || ordered.length === 0) {
      return declined(query, { code: "bad-range", problem: { kind: "no-paragraph", paragraph: wrong ?? 0, paragraphs }, upTo });
    }
    if (ordered.length > MAX_RANGE) {
      return declined(query, {
        code: "bad-range",
        problem: { kind: "too-many", first: ordered[0]!, last: ordered.at(-1)!, max: MAX_RANGE },
        upTo,
      });
    }
    return this.quoteWhole(ordered, query, options);
  }

  /**
   * Paragraphs of the first document, checked to exist and in order, each whole, at most `limit`:
   * declined as a whole when the last lies past the reading position (a group quotes only what it
   * has read). Not "> upTo": a position that is no number (NaN) admits nothing, as ask's does.
   */
  private quoteWhole(ordered: readonly number[], query: string, options: SearchOptions): Answer {
    const upTo = options.upTo;
    if (upTo !== undefined && !(ordered.at(-1)! <= Math.floor(upTo))) return beyondPosition(query, upTo);
    const results = ordered.slice(0, clampLimit(options.limit)).map((n) => {
      const p = this.paragraph(this.primary.meta.id, n)!;
      return this.toPassage(p, p.text, 1);
    });
    return { query, answered: true, results };
  }

  /**
   * A passage of the first document (a range {@link parseRange} read): each paragraph whole, in
   * reading order, at most `limit` of them. A passage running past the reading position is declined
   * with `beyond-position`, as a paragraph past it is: a group quotes only what it has read.
   *
   * @example
   * search.quoteRange({ first: 12, last: 14 }).results.map((r) => r.paragraph); // [12, 13, 14]
   */
  quoteRange(asked: ParagraphRange, options: SearchOptions = {}): Answer {
    // Read forwards, as parseRange reads "14-12"; only whole paragraph numbers exist.
    const range = { first: Math.min(asked.first, asked.last), last: Math.max(asked.first, asked.last) };
    const query = rangeLabel(range);
    const paragraphs = this.primary.paragraphs.length;
    const upTo = options.upTo;
    if (!Number.isInteger(range.first) || range.first < 1 || !Number.isInteger(range.last) || range.last > paragraphs) {
      const paragraph = !Number.isInteger(range.first) || range.first < 1 ? range.first : range.last;
      return declined(query, { code: "bad-range", problem: { kind: "no-paragraph", paragraph, paragraphs }, upTo });
    }
    if (range.last - range.first + 1 > MAX_RANGE) {
      return declined(query, { code: "bad-range", problem: { kind: "too-many", ...range, max: MAX_RANGE }, upTo });
    }
    return this.quoteWhole(
      Array.from({ length: range.last - range.first + 1 }, (_, i) => range.first + i),
      query,
      options,
    );
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
    // A passage is made only when it will be listed: one not allowed, seen or past the limit is skipped.
    const push = (id: string, passage: () => Passage) => {
      if (allowed(id) && !seen.has(id) && out.length < limit) {
        seen.add(id);
        out.push(passage());
      }
    };
    for (const { p, match } of this.matchPhrase(cleaned.text, { lastWordIsPrefix: true, allowed, need: limit, minScore: 0.5 })) {
      push(paragraphId(p.doc, p.number), () => this.toPassage(p, p.text.slice(match.start, match.end), match.score));
    }
    const terms = contentTerms(cleaned.text);
    if (terms.length > 0 && out.length < limit) {
      const hits = this.index.search(terms.join(" "), {
        fields: ["text"],
        prefix: (_t, i, all) => i === all.length - 1,
        combineWith: "AND",
      });
      const queryTerms = terms.map((term) => ({ term, weight: 1, own: true }));
      for (const hit of hits) {
        if (out.length >= limit) break;
        push(String(hit.id), () => this.passage(String(hit.id), hit.score, queryTerms));
      }
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
      ...termMatching(analysed),
      weights: { fuzzy: 0.4, prefix: 0.3 },
    };
    // Sorted once, with the study questions' credit (see study-credit.ts). The hits are the index's
    // own, rewritten by the next ranking: none outlives the ask (the answer's head is made of copies).
    const paragraphHits = this.index.rankAsMetReused(query, { ...options, boost: { ...FIELD_BOOST } });
    let topParagraph = paragraphHits.length > 0 ? 0 : 1;
    // An indexed loop: rank runs once an ask, and V8 may leave a for-of here unoptimised, an object per hit.
    for (let i = 0; i < paragraphHits.length; i++) topParagraph = Math.max(topParagraph, paragraphHits[i]!.score);
    // Each paragraph's best study question, by how much of the reader's question it covers
    // (worked out once per list of terms: questions holding the same terms share one).
    const questions = this.questionTerms.matchForCredit(
      analysed.terms.map((t) => t.term),
      options,
      (queryTerms) => shareMatched(analysed, queryTerms),
    );
    return this.creditWholeText(analysed, this.creditContinuations(analysed, this.studyCredit.add(paragraphHits, questions, topParagraph)));
  }

  /**
   * A paragraph among the first few whose own text holds (nearly) the whole question ranks up by a
   * share of the top score: "did Trepper support Stalin?" is said in so many words in ¶48 ("Trepper
   * was a supporter of Stalin"), while the paragraph after it matches as much only through its notes.
   */
  private creditWholeText(analysed: AnalysedQuestion, ranked: RankedParagraph[]): RankedParagraph[] {
    // What is asked of the names, not the names alone: "who was Leopold Trepper" is not said in
    // so many words by a paragraph that only names him in full.
    const asked = analysed.words.filter((w) => !isName(w.word) && !this.vocabulary.isCapitalised(w.word));
    if (ranked.length < 2 || asked.length === 0) return ranked;
    const bonus = WHOLE_TEXT_CREDIT * ranked[0]!.score;
    let changed = false;
    for (let i = 0; i < Math.min(WHOLE_TEXT_HEAD, ranked.length); i++) {
      const hit = ranked[i]!;
      const text = this.textTerms.get(hit.id);
      if (!text) continue;
      const inText = analysed.terms.filter((t) => text.has(t.term)).map((t) => t.term);
      const saysWhatIsAsked = asked.some((w) => text.has(w.term) || w.related.some((r) => text.has(r)));
      if (saysWhatIsAsked && shareMatched(analysed, inText) >= WHOLE_TEXT_SHARE) {
        hit.score += bonus;
        changed = true;
      }
    }
    // Stable: hits that tie keep the order they were ranked in.
    return changed ? ranked.sort((a, b) => b.score - a.score) : ranked;
  }

  /**
   * A paragraph that continues the one before it ("The movement of this class …", "It was these
   * principles …") ranks just below it when the two together answer clearly more of the question
   * than the one before alone: the continuation says what the antecedent sets up, and is shown beside it.
   */
  private creditContinuations(analysed: AnalysedQuestion, ranked: RankedParagraph[]): RankedParagraph[] {
    // Only an antecedent among the head can lift its continuation where an answer reads it.
    let changed = false;
    for (const { hit, before } of continuationsOfHead(ranked, CONTINUATION_HEAD, (id) => this.continuationOf.get(id))) {
      if (before.score * CONTINUATION_CREDIT <= hit.score) continue;
      const together = shareMatched(analysed, union(before.queryTerms, hit.queryTerms));
      if (together >= shareMatched(analysed, before.queryTerms) + CONTINUATION_GAIN && together > shareMatched(analysed, hit.queryTerms)) {
        hit.score = before.score * CONTINUATION_CREDIT;
        changed = true;
      }
    }
    // Stable: hits that tie keep the order they were ranked in.
    return changed ? ranked.sort((a, b) => b.score - a.score) : ranked;
  }

  /**
   * The paragraphs that hold the phrase best, best first (ties in reading order): exactly the head
   * of aligning the phrase against every allowed paragraph, `need` long, only those scoring at
   * least `minScore` (and above 0). The phrase index aligns only the paragraphs that can be in it.
   */
  private matchPhrase(
    phrase: string,
    options: { lastWordIsPrefix: boolean; allowed: (id: string) => boolean; need: number; minScore?: number },
  ): Array<{ p: Paragraph; match: PhraseMatch }> {
    const { allowed } = options;
    this.phraseIndex ??= new PhraseIndex(this.ordered.map((p) => p.text));
    return this.phraseIndex
      .lookup(phrase, { ...options, allowed: (index) => allowed(paragraphId(this.ordered[index]!.doc, this.ordered[index]!.number)) })
      .map((match) => ({ p: this.ordered[match.index]!, match }));
  }

  /**
   * The open question the reader's question most resembles — each covering most of the other —
   * and how much of it the best paragraphs' own study questions cover, for the scope decision.
   */
  private openQuestionEvidence(
    analysed: AnalysedQuestion,
    hits: readonly RankedParagraph[],
    allowed: (id: string) => boolean,
  ): Pick<ScopeEvidence, "open" | "answeredShare"> {
    const open = this.openQuestions.closest(analysed, allowed);
    // Read only beside an open question close enough to count (see leftOpen): a tenth of an ask's work, skipped otherwise.
    if (!open || open.share < this.thresholds.minOpenShare) return { open, answeredShare: 0 };
    const answeredShare = Math.max(0, ...hits.flatMap((hit) => this.studyShares(analysed, hit.id)));
    return { open, answeredShare };
  }

  /**
   * A "why" question between two neighbouring paragraphs, the claim and the reason for it, is
   * answered by the one that gives the reason ("He does that with good reason, …").
   */
  private reasonFirst(query: string, hits: RankedParagraph[]): RankedParagraph[] {
    const [first, second] = hits;
    if (first && second && reviewReplyAsked(query)) return this.replyFirst(hits);
    if (!first || !second || !WHY_QUESTION.test(query)) return hits;
    const a = this.byId.get(first.id)!;
    const b = this.byId.get(second.id)!;
    if (a.doc !== b.doc || Math.abs(a.number - b.number) !== 1) return hits;
    if (GIVES_REASON.test(a.text) || !GIVES_REASON.test(b.text)) return hits;
    return promoted(hits, 1);
  }

  /**
   * How the review replies to what a paragraph reports is the paragraph after it, when that one
   * ranks among the best three ("How does the reviewer react to the Guardian's editorial?": ¶7
   * quotes the Guardian, ¶8 replies "So there you have it. Any old rubbish …").
   */
  private replyFirst(hits: RankedParagraph[]): RankedParagraph[] {
    const first = hits[0]!;
    const a = this.byId.get(first.id)!;
    const at = hits.findIndex((hit, i) => {
      const b = this.byId.get(hit.id)!;
      return i > 0 && i < 3 && b.doc === a.doc && b.number === a.number + 1;
    });
    return at < 0 ? hits : promoted(hits, at);
  }

  /**
   * A paragraph that announces what the next one says ("One simple fact immediately strikes
   * you.", "Trepper wrote:") lends its match to the paragraph that answers, which is shown first.
   */
  private passCreditForward(
    ranked: readonly RankedParagraph[],
    allowed: (id: string) => boolean,
    terms: QueryTerm[],
    head: number,
  ): RankedParagraph[] {
    const announced = (hit: RankedParagraph) => {
      const p = this.byId.get(hit.id)!;
      // Only when the question matches the announcement itself: the paragraph's other sentences answer for themselves.
      if (this.bestSentenceIndex(p.text, terms) !== this.sentencesOf(p.text).length - 1) return undefined;
      const nextId = paragraphId(p.doc, p.number + 1);
      return this.byId.has(nextId) && allowed(nextId) ? nextId : undefined;
    };
    return headAfterCredit(ranked, allowed, { announces: (id) => this.announcing.has(id), announced, factor: FORWARD_CREDIT }, head);
  }

  private passage(id: string, score: number, terms: QueryTerm[], fact?: AskedFact): Passage {
    const p = this.byId.get(id)!;
    return this.toPassage(p, this.bestSentence(p.text, terms, fact), score);
  }

  private toPassage(p: Paragraph, excerpt: string, score: number): Passage {
    return { doc: p.doc, paragraph: p.number, section: p.section, text: p.text, excerpt, score: Math.round(score * 1000) / 1000 };
  }

  /** The sentence of a paragraph sharing the most (and rarest) terms with the query. */
  /** A paragraph's sentences with their content terms, worked out once per paragraph text. */
  private sentencesOf(text: string): ReadonlyArray<{ span: { start: number; end: number }; terms: ReadonlySet<string> }> {
    let sentences = this.sentenceCache.get(text);
    if (!sentences) {
      sentences = sentencesOf(text).map((span) => ({ span, terms: new Set(contentTerms(text.slice(span.start, span.end))) }));
      this.sentenceCache.set(text, sentences);
    }
    return sentences;
  }

  /**
   * The index of the sentence of a paragraph sharing the most (and rarest) terms with the query;
   * for a question asking for a date or a figure, of those that state one near what is asked,
   * when any does ("When did the purge trials take place?": "… the mid-1930’s, the purge trials …").
   */
  private bestSentenceIndex(text: string, terms: QueryTerm[], fact?: AskedFact): number {
    const weights = new Map(terms.map((t) => [t.term, t.weight]));
    const sentences = this.sentencesOf(text);
    const scores = sentences.map(({ terms: sentenceTerms }) => {
      let score = 0;
      for (const term of sentenceTerms) {
        const w = weights.get(term);
        if (w) score += w / (this.textFrequency.get(term) ?? 1);
      }
      return score;
    });
    const bestOf = (admits: (i: number) => boolean) => {
      let best = -1;
      scores.forEach((score, i) => {
        if (admits(i) && (best < 0 || score > scores[best]!)) best = i;
      });
      return best;
    };
    const best = Math.max(
      0,
      bestOf(() => true),
    );
    if (!fact || sentences.length < 2) return best;
    const stating = (i: number) => {
      const span = sentences[i]!.span;
      return statesFactAsked(text.slice(span.start, span.end), fact.kind, fact.analysed, this.thresholds);
    };
    if (stating(best)) return best;
    const statingBest = bestOf((i) => scores[i]! > 0 && stating(i));
    return statingBest >= 0 ? statingBest : best;
  }

  private bestSentence(text: string, terms: QueryTerm[], fact?: AskedFact): string {
    const spans = this.sentencesOf(text).map((s) => s.span);
    const best = this.bestSentenceIndex(text, terms, fact);
    const span = spans[best];
    if (!span) return text;
    // A sentence that introduces what follows ("The account describes what happened…", "Trepper
    // wrote:") is not the answer alone: take the quotation or sentence it announces with it.
    const next = spans[best + 1];
    const sentence = text.slice(span.start, span.end);
    const announces = /[:,]["”’]?$/.test(sentence) || span.end - span.start < SHORT_SENTENCE;
    const quoteFollows = next !== undefined && /^["“‘]/.test(text.slice(next.start, next.end));
    // A question the text asks is answered by what follows it ("But who did protest at the time?
    // Who rose up …? The Trotskyites can lay claim to this honour."): through to that statement.
    if (/\?["”’]?$/.test(sentence)) {
      let last = best + 1;
      while (last < spans.length - 1 && last - best < 3 && /\?["”’]?$/.test(text.slice(spans[last]!.start, spans[last]!.end))) last++;
      if (spans[last]) return text.slice(span.start, spans[last]!.end);
    }
    // "These he undoubtedly was, but …", "This is State and Revolution …": a sentence saying what
    // the one before means reads as nothing without it, so the two are marked together.
    const pointingBack = (at: { start: number; end: number }) => /^["“‘]?(?:These|This|Those|Such)\b/.test(text.slice(at.start, at.end));
    const pointsBack = next !== undefined && pointingBack(next);
    // The marked sentence itself points back: it goes with the one before.
    const previous = spans[best - 1];
    const start = previous && pointingBack(span) ? previous.start : span.start;
    return text.slice(start, next && (announces || quoteFollows || pointsBack) ? next.end : span.end);
  }
}

/** Whether a question is a section's heading itself ("Who was Stalin?" for "[Who was Stalin?]"), not a place named by it. */
function asksHeading(question: string, place: StructureReference): boolean {
  const bare = question
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s]/gu, " ")
    .trim()
    .split(/\s+/)
    .join(" ");
  return place.kind === "section" && place.rest === "" && place.heading === bare;
}

/** The opening of a paragraph for an answer about a place: its first sentence, or two when the first is short. */
function firstSentences(text: string): string {
  const [first, second] = sentencesOf(text);
  if (!first) return text;
  return text.slice(first.start, second && first.end - first.start < SHORT_SENTENCE ? second.end : first.end);
}

/** Which index terms a question's term matches besides itself, in ranking (MiniSearch's fuzzy and prefix options). */
export function termMatching(analysed: AnalysedQuestion): TermMatching {
  return {
    // A misspelling the corrector missed still finds its word: one edit in a long word.
    fuzzy: (term) => (analysed.own.has(term) && term.length >= 6 ? 1 : false),
    prefix: (term) => analysed.own.has(term) && term.length >= 5,
  };
}

/** The key of a paragraph in the indexes and maps: its reference's written form. */
function paragraphId(doc: string, number: number): string {
  return formatRef({ doc, paragraph: number });
}

function clampLimit(limit: number | undefined): number {
  if (limit === undefined || !Number.isFinite(limit)) return DEFAULT_LIMIT;
  return Math.min(MAX_LIMIT, Math.max(1, Math.floor(limit)));
}

/** The neutral reply when the answer lies past a group's reading position: it hints at nothing further on. */
function beyondPosition(query: string, upTo: number): Answer {
  return declined(query, { code: "beyond-position", upTo: Math.floor(upTo) });
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
