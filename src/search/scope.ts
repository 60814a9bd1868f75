/**
 * The scope decision: does the review answer this question, or not? Every rule that can decline
 * a question lives here, each a named function returning a reason (or nothing), their thresholds
 * in one object, {@link SCOPE}. The engine gathers the evidence (the analysed question, its best
 * paragraphs, the open question it resembles); this module only judges it. No index, no wording:
 * reasons are codes and facts, and the callers word them.
 */
import { contentTerms, FUNCTION_WORDS, STOP_WORDS, termOf } from "./analyze.ts";
import { isCommonWord, isEnglishWord, isKnownName, isName, salience } from "./salience.ts";
import type { AnalysedQuestion, FactKind, QuestionWord } from "./question.ts";

/**
 * The operating point, chosen from the sweep of `npm run tune` on the tuning sets (see DESIGN.md):
 * wrongly declined at most 0.03 first, then as many unanswerable questions declined as that allows.
 */
export const SCOPE = {
  /** A question whose telling words are mostly foreign to the corpus is not about it. */
  minCoverage: 0.5,
  /** Below this coverage a question is only doubtfully the review's... */
  doubtfulCoverage: 0.75,
  /** ...and its best paragraph must match at least this share of it. */
  minShareWhenDoubtful: 0.55,
  /** However well known its words, a question whose best paragraph matches less than this share of it is not answered there. */
  minShare: 0.4,
  /** ...or this share, for a question about the reviewer's (or a critic's) view. */
  minShareForViews: 0.3,
  /** Share of the question's salience a foreign name must carry to decline it on its own. */
  foreignNameShare: 0.2,
  /** A figure or date must stand within this many words of what the question asks about. */
  factWindow: 13,
  /** How much of the question a study note asking for the same kind of fact must cover. */
  minFactShare: 0.5,
  /** How much of a reader's question an open question must cover (both ways)... */
  minOpenShare: 0.7,
  /** ...and by how much more than any question the best paragraphs answer. */
  openMargin: 0.1,
} as const;

export type ScopeThresholds = { -readonly [K in keyof typeof SCOPE]: number };

/** Why a question is declined. */
export type ScopeReason =
  /** It names something the review never does ("Orwell", "Australia"). */
  | { code: "foreign-name"; names: string[] }
  /** Most of its telling words are not the review's. */
  | { code: "unknown-words"; words: string[] }
  /** Half known, and its best paragraph matches little of it. */
  | { code: "weak-match"; words: string[] }
  /** It asks for a date or a figure that no best paragraph gives. */
  | { code: "no-fact"; kind: FactKind; aboutDocument: boolean }
  /** It is one of the questions the study notes say the review leaves open. */
  | { code: "left-open"; question: string }
  /** The review names what it asks about, but not what it asks for. */
  | { code: "near-miss"; names: string[]; missing: string[] }
  /** It asks who wrote the review, which names no writer. */
  | { code: "unsigned" }
  /** It is about the bot's own commands ("how do I use /quote?") or the group's plans ("next week's meeting"). */
  | { code: "about-the-group"; asks: "bot" | "group"; words: string };

/** One of the best paragraphs, as the scope decision sees it. */
export interface ScopeCandidate {
  /** The query terms it matched, in its text or its notes. */
  matchedTerms: readonly string[];
  /** Its text, for finding a stated date or figure. */
  text: string;
  /** The index terms of its text (not its notes). */
  textTerms: ReadonlySet<string>;
  /** The kinds of fact its study notes say it gives, with how much of the question each such note covers. */
  factNotes: ReadonlyArray<{ kind: FactKind; share: number; terms: readonly string[] }>;
}

export interface ScopeEvidence {
  /** The question as cleaned, for the few patterns that words alone do not show ("where does … come from"). */
  question: string;
  analysed: AnalysedQuestion;
  /** What the question asks for, if a date or a figure. */
  factKind: FactKind | undefined;
  /** The best paragraphs, best first (at least one). */
  best: readonly ScopeCandidate[];
  /** Share of the question the best paragraph matches (see shareMatched). */
  topShare: number;
  /** The open question it most resembles and how closely, and how closely any answered study question of the best paragraphs does. */
  open: { question: string; share: number } | undefined;
  answeredShare: number;
}

/** The rules in the order they are tried; the first reason found declines. */
/** A rule: the evidence, the thresholds, and whether the fact asked for is given (worked out once, on first need). */
type Rule = (e: ScopeEvidence, t: ScopeThresholds, factGiven: () => boolean) => ScopeReason | undefined;

const RULES: readonly Rule[] = [
  aboutTheGroup,
  foreignSubject,
  unknownFocus,
  unknownWords,
  askedOfNamesOnly,
  weakMatch,
  missingFact,
  leftOpen,
  missingSpecifics,
  nearMiss,
];

/** Judges the evidence: undefined when the review answers the question, else why not. */
export function decideScope(evidence: ScopeEvidence, thresholds: ScopeThresholds = SCOPE): ScopeReason | undefined {
  let given: boolean | undefined;
  const factGiven = () => (given ??= isFactGiven(evidence, thresholds));
  for (const rule of RULES) {
    const reason = rule(evidence, thresholds, factGiven);
    if (reason) return reason;
  }
  return undefined;
}

/** Salience-weighted share of the question's content words. */
function weightOf(words: readonly QuestionWord[], all: readonly QuestionWord[]): number {
  const total = all.reduce((sum, w) => sum + w.salience, 0);
  return total === 0 ? 0 : words.reduce((sum, w) => sum + w.salience, 0) / total;
}

/** Words about the chat platform itself: a question with one the review lacks is about Discord, not the review. */
const PLATFORM_WORDS: ReadonlySet<string> = new Set(
  "discord server servers channel channels bot bots nitro emoji emojis ping pings mod mods admin admins password login username avatar dm dms app".split(
    " ",
  ),
);

/** A slash command typed into a question: "how do I use /quote?" asks about the bot. */
const SLASH_COMMAND = /(?:^|\s)(\/[a-z][\w-]*)/i;
/** Times counted from today, and the group's own meetings: a 2002 text has nothing to say of them. */
const GROUP_TIME =
  /\b(?:(?:next|this|last)\s+(?:week|month|meeting|session|weekend)(?:['’]s)?|tomorrow(?:['’]s)?|tonight(?:['’]s)?|our\s+(?:next\s+)?(?:meeting|session|group|club|server|chat))\b/i;

/**
 * Questions to the bot about itself: "how do I use this bot?", "what can you do?", "who are you?",
 * "are you an AI?", "what model are you running on?", "who made you?", "help". The review has nothing to say of them, whatever its words they share.
 */
const ABOUT_THE_BOT =
  /\b(?:(?:this|the|you|ur|your)\s+bot\b|how\s+(?:do|can|should)\s+i\s+use\s+(?:this|you|it)\b|what\s+can\s+(?:you|i)\s+(?:do|ask)\b|(?:what|which)\s+commands?\b)|^\s*(?:who|what)\s+are\s+you\s*[?!.]*$|^\s*(?:help|help\s+me|commands)\s*[?!.]*$|^\s*(?:(?:so|ok|hey|wait|lol)\s+)*(?:are|r)\s+(?:you|u)\s+(?:an?\s+)?(?:ai|a\.i\.|bot|robot|human|person|real|chat\s?gpt|gpt|llm|language\s+model)\b|\bwhat\s+(?:ai\s+|language\s+)?(?:model|llm)\s+(?:are|r)\s+(?:you|u)\b|\bwho\s+(?:made|built|created|programmed|coded|trained)\s+(?:you|u)\b/i;

/** The reason for a question to the bot about itself, if it is one (see {@link ABOUT_THE_BOT}). */
export function askedOfTheBot(question: string): ScopeReason | undefined {
  return ABOUT_THE_BOT.test(question) ? { code: "about-the-group", asks: "bot", words: "/ask" } : undefined;
}

/** Questions about the bot's commands or the group's plans, whatever words of the review's they hold. */
function aboutTheGroup({ question }: ScopeEvidence): ScopeReason | undefined {
  const slash = SLASH_COMMAND.exec(question);
  if (slash) return { code: "about-the-group", asks: "bot", words: slash[1]! };
  const time = GROUP_TIME.exec(question);
  return time ? { code: "about-the-group", asks: "group", words: time[0] } : undefined;
}

/**
 * Names the review never uses decline a question when they are a real part of it: one stray
 * capitalised word among words the review knows well does not ("the young Soviet republic").
 */
function foreignSubject(e: ScopeEvidence, t: ScopeThresholds): ScopeReason | undefined {
  const { analysed } = e;
  if (analysed.foreignTitles.length > 0) return { code: "foreign-name", names: analysed.foreignTitles };
  const foreign = analysed.words.filter((w) => analysed.foreignNames.includes(w.word) || (!w.known && PLATFORM_WORDS.has(w.word)));
  if (foreign.length === 0) return undefined;
  if (foreign.some((w) => PLATFORM_WORDS.has(w.word))) return { code: "foreign-name", names: foreign.map((w) => w.word) };
  const knownWords = analysed.words.filter((w) => w.known);
  const alone =
    foreign.length === 1 &&
    (forgivenWord(e) === foreign[0] || (knownWords.length >= 2 && weightOf(foreign, analysed.words) < t.foreignNameShare));
  return alone ? undefined : { code: "foreign-name", names: foreign.map((w) => w.word) };
}

/** Where a "what" or "which" question names what it asks for: "what are the lyrics of …", "what concessions did they win". */
const FOCUS =
  /\b(?:what|which)\s+(?:(?:is|are|was|were|r)\s+)?(?:(?:the|his|her|their|its|some|any)\s+)?(?:(?:specific|exact|main|particular|other)\s+)?/iu;
/** At most this many words make the phrase for what is asked ("crude sweeping slogans"). */
const FOCUS_WORDS = 3;

/** The words, lower case, of the phrase a "what"/"which" question asks for, up to its first function word. */
function focusPhrase(question: string): string[] {
  const start = FOCUS.exec(question);
  if (!start) return [];
  const phrase: string[] = [];
  // Word after word with nothing else between ("**best** pizza" has no phrase).
  const next = /([\p{L}'’-]+)(,?\s+|[,?.!]*$)/uy;
  next.lastIndex = start.index + start[0].length;
  for (let m = next.exec(question); m; m = next.exec(question)) {
    const word = m[1]!.toLowerCase();
    if (phrase.length === FOCUS_WORDS || FUNCTION_WORDS.has(word)) break;
    // A possessor ends the phrase as what is asked about: "which survivors' memoirs".
    if (/['’]/.test(word)) {
      phrase.push(word.replace(/['’]s?$/, ""));
      break;
    }
    phrase.push(word);
    if (m[2]!.trim() !== "" && m[2]!.trim() !== ",") break;
  }
  return phrase;
}

/** Things a text answers by describing, in its own words: "in what situation", "what role". */
const DESCRIBED: ReadonlySet<string> = new Set(
  (
    "situation situations circumstances context conditions way ways manner reason reasons role part point points view views " +
    "opinion opinions attitude approach argument arguments idea ideas thing things stuff kind sort type aspect aspects problem " +
    "problems issue issues effect effects impact result results outcome significance meaning purpose message theme themes " +
    "difference differences relationship connection lesson lessons evidence example examples happened percentage percent proportion share " +
    // The words of a reader weighing an argument: the review answers them in its own words.
    "value metaphor metaphors image images similarity similarities parallel parallels comparison comparisons gap gaps flaw flaws " +
    "weakness weaknesses strength strengths criticism criticisms complaint complaints objection objections tone language style " +
    "conclusion conclusions assumption assumptions motive motives motivation explanation explanations cause causes factor factors " +
    "checks safeguards limits measures steps methods tactics strategy"
  ).split(" "),
);

/**
 * One word the review lacks is forgiven among words it knows well, but not when it is the very
 * thing asked for: the review names the Internationale, and says nothing of its lyrics.
 */
function unknownFocus({ question, analysed, factKind }: ScopeEvidence): ScopeReason | undefined {
  if (factKind) return undefined;
  // A relative or a paper someone is said to have ("Trotsky's grandmother", "Lenin's testament")
  // is what is asked about, wherever it stands; other words after a possessive may be the
  // reader's own for something the review has ("Stalin's leadership", "Lenin's setup").
  const possession = analysed.words.find((w) => !w.known && POSSESSED_FACTS.has(w.term) && possessed(question, w.word));
  if (possession) {
    const known = analysed.words.filter((w) => w.known);
    if (known.length > 0) return { code: "near-miss", names: namesIn(known), missing: [possession.word] };
  }
  // The thing asked for is a noun phrase ("what crude, sweeping slogans", "the ground rules"): where
  // any of its words is the review's, the others may be the reader's own modifiers.
  const phrase = focusPhrase(question);
  const head = phrase.at(-1);
  if (head === undefined || DESCRIBED.has(head)) return undefined;
  const words = phrase.map((word) => analysed.words.find((w) => w.word === word));
  if (words.some((w) => !w || w.known || /\d/.test(w.word))) return undefined;
  const asked = words.at(-1)!;
  const known = analysed.words.filter((w) => w.known);
  if (known.length === 0) return undefined;
  return { code: "near-miss", names: namesIn(known), missing: [asked.word] };
}

/** Most of the question's weight is in words the corpus does not know. */
function unknownWords(e: ScopeEvidence, t: ScopeThresholds): ScopeReason | undefined {
  return effectiveCoverage(e) < t.minCoverage ? { code: "unknown-words", words: e.analysed.unknown } : undefined;
}

/** "What does the reviewer think …", "the critic's main complaint": a question about the reviewer's view. */
const VIEW_OF_THE_REVIEWER = /\b(?:reviewers?|critics?|reviewer['’]s|critic['’]s)\b/i;

/**
 * Every word the review knows is a name, and what is asked of them is in words it never uses
 * ("did Franco like football?", "was Trepper a vegetarian?"): the review names them, but says
 * nothing of that. A respelt word is left to the other rules (it may be a slip for one of the
 * review's), and so is a question with no word beside its names ("who was Trepper?").
 */
function askedOfNamesOnly({ analysed }: ScopeEvidence): ScopeReason | undefined {
  const nameLike = (w: QuestionWord) => isName(w.word) || w.salience >= NAME_LIKE_SALIENCE;
  const known = analysed.words.filter((w) => w.known);
  const unknown = analysed.words.filter((w) => !w.known && !w.corrected && !/\d/.test(w.word));
  if (known.length !== 1 || unknown.length === 0 || !known.every(nameLike) || unknown.some(nameLike)) return undefined;
  return { code: "near-miss", names: namesIn(known), missing: unknown.map((w) => w.word) };
}

/** Only doubtfully known, and its best paragraph matches little of it. */
function weakMatch(e: ScopeEvidence, t: ScopeThresholds): ScopeReason | undefined {
  const { analysed, topShare, best } = e;
  // A one-word question that only the study notes know ("tell me a joke": the notes say the
  // reviewer jokes) is not one the text answers.
  const [only] = analysed.words;
  const inText = (c: ScopeCandidate, w: QuestionWord) => c.textTerms.has(w.term) || w.related.some((r) => c.textTerms.has(r));
  if (analysed.words.length === 1 && only && !best.some((c) => inText(c, only))) {
    return { code: "weak-match", words: [only.word] };
  }
  // Without a forgiven word, raw coverage: a question with words the review lacks is doubtful.
  const odd = forgivenWord(e);
  const share = odd ? topShareWithout(analysed, odd, topShare) : topShare;
  const doubtful = effectiveCoverage(e) < t.doubtfulCoverage && share < t.minShareWhenDoubtful;
  // The reviewer's view is told in the review's own words of judgement, which share few with the question's.
  const floor = VIEW_OF_THE_REVIEWER.test(e.question) ? t.minShareForViews : t.minShare;
  return doubtful || topShare < floor ? { code: "weak-match", words: analysed.unknown } : undefined;
}

/**
 * The one word the review lacks in a question it otherwise knows well — at least two other
 * words of the review's, telling enough between them (salience half as much again as the odd
 * word's): a misspelling past correction or a reader's own word ("the young Soviet republic")
 * should not decline such a question; "best pizza in town" it still does.
 */
function forgivenWord(e: ScopeEvidence): QuestionWord | undefined {
  // Several rules ask it of the same evidence: worked out once per question.
  let odd = forgiven.get(e);
  if (odd === undefined) forgiven.set(e, (odd = findForgivenWord(e) ?? null));
  return odd ?? undefined;
}
const forgiven = new WeakMap<ScopeEvidence, QuestionWord | null>();

function findForgivenWord({ question, analysed, best }: ScopeEvidence): QuestionWord | undefined {
  const unknown = analysed.words.filter((w) => !w.known && !/\d/.test(w.word));
  // Known well: telling words that the best paragraph's own text has, not only its notes.
  const top = best[0];
  const inTopText = (w: QuestionWord) => top !== undefined && (top.textTerms.has(w.term) || w.related.some((r) => top.textTerms.has(r)));
  const known = analysed.words.filter((w) => w.known && w.salience >= TELLING && inTopText(w));
  const knownWeight = known.reduce((sum, w) => sum + w.salience, 0);
  const [odd] = unknown;
  // A name English knows (Orwell, Ukraine) is another subject, never a slip: it is not forgiven.
  if (!odd || unknown.length !== 1 || isKnownName(odd.word)) return undefined;
  // Nor is the thing someone is said to have: "Lenin's testament" asks for the testament.
  if (possessed(question, odd.word)) return undefined;
  return known.length >= 2 && knownWeight >= FORGIVE_RATIO * odd.salience ? odd : undefined;
}
const FORGIVE_RATIO = 1.5;

const POSSESSIVE = /\p{L}(?:['’]s|s['’])\s/u;

/** Whether a word of the question follows a possessive, or one word after it: "Lenin's testament", "Amis' late mother". */
function possessed(question: string, word: string): boolean {
  // Most questions hold no possessive at all: no pattern need be built for them.
  if (!POSSESSIVE.test(question)) return false;
  let pattern = possessedPatterns.get(word);
  if (!pattern) {
    const escaped = word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    pattern = new RegExp(String.raw`\p{L}(?:['’]s|s['’])\s+(?:\p{L}+\s+)?${escaped}\b`, "iu");
    // Bounded: readers' words are many but repeat; a full cache starts again.
    if (possessedPatterns.size >= 10_000) possessedPatterns.clear();
    possessedPatterns.set(word, pattern);
  }
  return pattern.test(question);
}
/** Each word's pattern for {@link possessed}, compiled once: the same words are asked of question after question. */
const possessedPatterns = new Map<string, RegExp>();

/** Relatives, papers and remains a reader asks someone had: facts of a life, which a review seldom gives. */
const POSSESSED_FACTS: ReadonlySet<string> = new Set(
  (
    "mother father parents grandmother grandfather grandparents brother brothers sister sisters son sons daughter daughters " +
    "uncle aunt cousin cousins nephew niece grandson granddaughter wife husband widow spouse girlfriend boyfriend lover mistress " +
    "testament will diary diaries letters autobiography biography memoirs funeral grave tomb body health illness disease pets dog cat house home"
  )
    .split(" ")
    .map(termOf),
);

/** Salience (nats) of a word rarer than everyday talk: "Stalinist", "bureaucracy", "period"; not "best", "town". */
const TELLING = 9;

/** The best paragraph's share of the question once a forgiven word no longer counts. */
function topShareWithout(analysed: AnalysedQuestion, odd: QuestionWord, topShare: number): number {
  const total = analysed.words.reduce((sum, w) => sum + w.salience, 0);
  const rest = total - odd.salience;
  return rest <= 0 ? topShare : Math.min(1, (topShare * total) / rest);
}

/** Coverage of the question less a forgiven word. */
function effectiveCoverage(e: ScopeEvidence): number {
  const { analysed } = e;
  const odd = forgivenWord(e);
  if (!odd) return analysed.coverage;
  const rest = analysed.words.filter((w) => w !== odd);
  return Math.max(
    analysed.coverage,
    weightOf(
      rest.filter((w) => w.known),
      rest,
    ),
  );
}

/** "Who wrote …", "who is the author of …", asked of the whole question and nothing more. */
const WHO_WROTE = String.raw`^\s*(?:(?:so|ok|and|but|wait)\s+)*who\s+(?:wrote|penned|(?:is|was)\s+the\s+(?:author|writer)\s+of)\s+`;
const END = String.raw`\s*[?.!]*\s*$`;
/** "Who wrote the book?", "who is the book's author", "who is the book by": the reviewed book's author. */
const BOOK_AUTHOR_ASKED = new RegExp(
  String.raw`${WHO_WROTE}(?:the|this|that|his)\s+book${END}|^\s*who(?:['’]s|\s+is)\s+the\s+book['’]?s?\s+author${END}|^\s*(?:(?:so|ok|and|but|wait)\s+)*who(?:['’]s|\s+is|\s+was)\s+(?:the|this|that)\s+book\s+(?:written\s+|penned\s+)?by${END}`,
  "i",
);
/** "Who wrote this review?", "who is the reviewer": the review's own writer. */
const REVIEW_AUTHOR_ASKED = new RegExp(
  String.raw`${WHO_WROTE}(?:the|this|that)\s+(?:review|article|piece)${END}|^\s*who(?:['’]s|\s+is|\s+was)\s+the\s+reviewer${END}`,
  "i",
);

/** Whether a question asks who wrote the book under review, or the review itself, and nothing more. */
export function authorshipAsked(question: string): "book" | "review" | undefined {
  return BOOK_AUTHOR_ASKED.test(question) ? "book" : REVIEW_AUTHOR_ASKED.test(question) ? "review" : undefined;
}

/** Whether a question asks about the review as a document ("when was the review published?"), whose date is in its metadata. */
export function isAboutDocument(analysed: AnalysedQuestion): boolean {
  return analysed.words.length > 0 && analysed.words.every((w) => DOCUMENT_EVENTS.has(w.term));
}

/**
 * Whether a best paragraph gives the date or figure a fact question asks for (true for other
 * questions): one that states it near what it asks about, judged from the text itself, or whose
 * study notes say it gives that kind of fact for mostly the same things.
 */
function isFactGiven({ factKind, best, analysed, question }: ScopeEvidence, t: ScopeThresholds): boolean {
  if (!factKind) return true;
  // "When did Trotsky die?": a date beside the telling of that death answers, in whatever words
  // it is told ("his own assassination in Mexico in 1940" has no "die" and names Mexico nearest).
  const death = factKind === "date" ? deathAsked(question, analysed) : undefined;
  return best.some(
    (c) =>
      c.factNotes.some((n) => n.kind === factKind && n.share >= t.minFactShare && namesAll(n.terms, analysed)) ||
      statesFact(c.text, factKind, analysed, t.factWindow) ||
      (death !== undefined && datesDeathOf(c.text, death.names, t.factWindow)),
  );
}

/**
 * Whether a note names everyone the question does: "What year does the review give for Lenin's
 * death?" is no note that the review dates Stalin's.
 */
function namesAll(noteTerms: readonly string[], analysed: AnalysedQuestion): boolean {
  const names = analysed.words.filter((w) => isName(w.word) || w.salience >= NAME_LIKE_SALIENCE);
  return names.every((w) => noteTerms.includes(w.term) || w.related.some((r) => noteTerms.includes(r)));
}

/** A date or figure question that no best paragraph answers with one (see isFactGiven). */
function missingFact({ factKind, analysed }: ScopeEvidence, _t: ScopeThresholds, factGiven: () => boolean): ScopeReason | undefined {
  return factKind && !factGiven() ? { code: "no-fact", kind: factKind, aboutDocument: isAboutDocument(analysed) } : undefined;
}

/** A question the study notes list as left open by the review, clearly closer than any it answers. */
function leftOpen(
  { question, open, answeredShare, factKind }: ScopeEvidence,
  t: ScopeThresholds,
  factGiven: () => boolean,
): ScopeReason | undefined {
  if (!open || open.share < t.minOpenShare) return undefined;
  // "How exactly did Stalinism strangle …?" is left open; "what did Stalin's camp do to it?" is not.
  const precise = PRECISELY.test(open.question);
  if (precise && !PRECISELY.test(question)) return undefined;
  // The text itself gives the date or figure asked for: no open question overrides that.
  if (factKind && factGiven()) return undefined;
  // Asked for the very detail the notes leave open, a study question as close that does not ask for it is no answer.
  const margin = precise ? 0 : t.openMargin;
  return open.share >= answeredShare + margin ? { code: "left-open", question: open.question } : undefined;
}

/** "What was the spy ring called?": a name asked for (not "why is this section called …"). */
const CALLED_QUESTION =
  /^\s*(?:(?:so|ok|and|but)\s+)*what(?:['’]s|\s+(?:was|is|were|are))\s+(?:\p{L}+['’]?s?\s+){1,5}called\s*[?.!]*\s*$/iu;

/** "What specific mistakes", "which particular historian": the items themselves asked for. */
const SPECIFIC = /\b(?:what|which)\s+(?:specific|particular|exact)\s+(\p{L}+)(?:\s+(\p{L}+s)\b)?/iu;
/** How a sentence sets out items: a list after a colon, numbered points, "such as", a quotation. */
const SETS_OUT = /:|\((?:i|1|a)\)|\bsuch as\b|\bincluding\b|\bnamely\b|["“]/i;

/**
 * A question asking for the specific items ("what specific mistakes…") is answered only where a
 * best paragraph about them sets items out; "the errors of Stalinism" in passing names no error.
 */
function missingSpecifics({ question, analysed, best }: ScopeEvidence): ScopeReason | undefined {
  const asked = SPECIFIC.exec(question);
  if (!asked) return undefined;
  // "What specific past mistakes": the plural after a describing word is the thing asked for.
  const word = (asked[2] !== undefined && analysed.words.some((w) => w.word === asked[2]!.toLowerCase()) ? asked[2] : asked[1])!;
  const noun = analysed.words.find((w) => w.word === word.toLowerCase());
  if (!noun) return undefined;
  const terms = new Set([noun.term, ...noun.related]);
  // The items may follow the sentence that announces them ("These were that (i) …"): a paragraph
  // that matches the noun, in its text or its notes, and sets items out anywhere answers.
  const setsOut = (c: ScopeCandidate) => SETS_OUT.test(c.text) && c.matchedTerms.some((term) => terms.has(term));
  if (best.some(setsOut)) return undefined;
  const known = analysed.words.filter((w) => w !== noun && w.known && !/^(?:specific|particular|exact)$/.test(w.word));
  return known.length > 0 ? { code: "near-miss", names: namesIn(known), missing: [`which ${noun.word}`] } : undefined;
}

/** Words that ask for more detail than a passage gives. */
const PRECISELY = /\b(?:exactly|specifically|precisely|in\s+detail|in\s+particular|by\s+name)\b/i;

/**
 * The review names the question's subject but not what it asks for. Readers ask for facts about
 * people and books that a review rarely gives — where someone was born, whom they married, who
 * published a book and how it sold — and a paragraph that merely names the person is no answer.
 * Such a question is answered only when a best paragraph has the fact's own words near its subject.
 */
function nearMiss({ question, analysed, best }: ScopeEvidence, t: ScopeThresholds): ScopeReason | undefined {
  const asksOrigin = originAsked(question);
  if (asksOrigin) {
    // Where information comes from is its source ("an account smuggled out from the camp"); a name's, its origin.
    const word = SOURCED.test(asksOrigin[0]) ? "source" : "origin";
    const origin: QuestionWord = { word, term: termOf(word), related: [], known: false, salience: 0, corrected: false };
    analysed = { ...analysed, words: [...analysed.words, origin] };
  }
  if (CALLED_QUESTION.test(question) && !analysed.words.some((w) => w.word === "name")) {
    // "What was Trepper's spy ring called?" asks for its name.
    const name: QuestionWord = { word: "name", term: termOf("name"), related: [], known: false, salience: 0, corrected: false };
    analysed = { ...analysed, words: [...analysed.words.filter((w) => w.word !== "called"), name] };
  }
  for (const w of analysed.words) {
    const evidence = PERSONAL_FACTS.get(w.word);
    if (!evidence || (/^degrees?$/.test(w.word) && DEGREE_OF_EXTENT.test(question))) continue;
    if (REPLY_TERMS.has(w.term) && !someonesReplyAsked(question)) continue;
    const subject = analysed.words.filter((other) => other !== w && other.known);
    if (subject.length === 0) continue;
    // Near the subject, not near the asked word's own synonyms ("name" is near "nickname" in any text).
    const aboutSubject = { ...analysed, words: subject };
    // A source is someone else by nature ("Trepper wrote: … The Trotskyites can lay claim to this honour").
    const sourced = w.term === SOURCE;
    const given = best.some((c) =>
      statesNear(c.text, (term) => evidence.has(term), aboutSubject, sourced ? 2 * t.factWindow : t.factWindow, { checkNames: !sourced }),
    );
    if (given) continue;
    return { code: "near-miss", names: namesIn(subject), missing: [w.word] };
  }
  return (
    missingDeath(question, analysed, best) ??
    missingAftermath(question, analysed, best) ??
    missingWritings(question, analysed, best) ??
    missingPerson(question, analysed, best, t)
  );
}

/** "What did Kingsley Amis write about Stalin?": someone's own words asked for. */
const WRITINGS_ASKED =
  /\bwhat\s+(?:did|does|do|has|had)\s+(?:\p{L}+['’]?s?\s+){1,4}?(?:actually\s+|himself\s+|herself\s+|really\s+|ever\s+)?(?:write|written)\b/iu;
/** A text giving someone's own words: a quotation, or "Trepper wrote:". */
const QUOTES_WORDS = /["“”]|\bwrote:/;

/**
 * What someone wrote is answered only where a best paragraph quotes words and names everyone the
 * question names: the review says Amis's book holds an open letter to Hitchens, not what it says.
 */
function missingWritings(question: string, analysed: AnalysedQuestion, best: readonly ScopeCandidate[]): ScopeReason | undefined {
  if (!WRITINGS_ASKED.test(question)) return undefined;
  const names = analysed.words.filter((w) => w.known && (isName(w.word) || w.salience >= NAME_LIKE_SALIENCE));
  if (names.length === 0) return undefined;
  const quotes = (c: ScopeCandidate) =>
    QUOTES_WORDS.test(c.text) && names.every((w) => c.textTerms.has(w.term) || w.related.some((r) => c.textTerms.has(r)));
  return best.some(quotes) ? undefined : { code: "near-miss", names: namesIn(names), missing: ["their own words"] };
}

/** The words a reader asks for a reply with: a personal fact, unless someonesReplyAsked says otherwise. */
const REPLY_WORDS = "reply replied replies replying respond responded responds responding response responses";
const REPLY_TERMS: ReadonlySet<string> = new Set(REPLY_WORDS.split(" ").map(termOf));
/** The reviewer (or the left the review speaks for) as the one who replies: "how does the reviewer respond to …". */
const REVIEW_REPLIES =
  /\b(?<!other\s)(?:reviewer|critic|review|article|socialists?|left(?:-wing)?|marxists?)(?:['’]s?)?(?:\s+[\p{L}'’-]+){0,3}?\s+(?:respond\w*|response|repl(?:y|ies|ied|ying))\b/iu;
/** "Was the purge a response to a threat", "in response to the crisis": a cause asked for, not a reply. */
const RESPONSE_AS_CAUSE =
  /\bin\s+response\s+to\b|\b(?:was|were|is|are)\s+(?:the\s+|it\s+|this\s+|that\s+)?(?:\p{L}+\s+){0,3}?an?\s+response\s+to\b/iu;
/** Whether a question asks how the review itself replies to what it reports ("how does the reviewer react to the Guardian?"). */
export function reviewReplyAsked(question: string): boolean {
  return REVIEW_REPLIES.test(question) || REVIEW_REACTS.test(question);
}
/** "The reviewer's reaction to …", "how does the critic react to …". */
const REVIEW_REACTS = /\b(?:reviewer|critic|review|article)(?:['’]?s)?\s+(?:[\p{L}'’-]+\s+){0,2}?(?:react\w*|reaction|take\s+on)\b/iu;

/** "Deserve a reply", "worth a response": whether a reply is due, a view, not a reply someone made. */
const REPLY_AS_VIEW = /\b(?:deserves?|merits?|needs?|warrants?|worth)\s+(?:a\s+|an\s+|any\s+)?(?:\p{L}+\s+)?(?:reply|replies|response)\b/iu;

/**
 * Whether a question asks for a reply someone made, a fact of their life, when it has a reply
 * word: not when a reply is only said to be due ("deserve a reply from the left": a view), nor
 * the review's own reply to what it discusses (the whole text is that reply), nor a cause ("was
 * the purge a response to a threat").
 */
function someonesReplyAsked(question: string): boolean {
  return !REPLY_AS_VIEW.test(question) && !REVIEW_REPLIES.test(question) && !RESPONSE_AS_CAUSE.test(question);
}

/** "After the war", "after Lenin died", "later in life": a time past what a text may tell. */
const AFTERMATH =
  /\b(?:after\s+(?:the\s+(?:second\s+world\s+|great\s+)?war|(?:his|her|their)\s+death|the\s+death\s+of\s+\p{L}+|\p{L}+\s+died)|later\s+in\s+(?:his|her|their)\s+life|in\s+(?:his|her|their)\s+later\s+(?:life|years))\b/iu;
/** How a text tells of a time after an end: "after the war", "after his death", "in his later years". */
const TOLD_AFTERMATH =
  /\b(?:after\s+(?:the\s+(?:\p{L}+\s+){0,2}war|(?:his|her|their|\p{L}+['’]s?)\s+death|\p{L}+\s+died)|post-?war|later\s+(?:life|years)|in\s+(?:his|her|their)\s+later)\b/iu;

/**
 * What became of someone after a war or a death is a time the review may not reach: such a
 * question is answered only where a best paragraph tells of that time in so many words.
 */
function missingAftermath(question: string, analysed: AnalysedQuestion, best: readonly ScopeCandidate[]): ScopeReason | undefined {
  const asked = AFTERMATH.exec(question);
  if (!asked || best.some((c) => TOLD_AFTERMATH.test(c.text))) return undefined;
  const when = asked[0].toLowerCase();
  const known = analysed.words.filter((w) => w.known && !when.includes(w.word));
  const nameLike = known.filter((w) => isName(w.word) || w.salience >= NAME_LIKE_SALIENCE);
  return known.length > 0
    ? { code: "near-miss", names: namesIn(nameLike.length > 0 ? nameLike : known), missing: [`what happened ${when}`] }
    : undefined;
}

/** "How did Stalin die?", "was Trepper killed?", "Lenin's death": the one whose death is asked about. */
const DEATH_OF: readonly RegExp[] = [
  /\b(?:how|when|where|why|(?:in\s+)?(?:what|which)\s+year)\s+did\s+((?:[\p{L}'’]+\s+){0,2}?[\p{L}'’]+)\s+(?:die|get\s+killed|pass\s+away)\b/iu,
  /\b(?:was|were)\s+((?:[\p{L}'’]+\s+){0,2}?[\p{L}'’]+)\s+(?:killed|murdered|assassinated|executed|shot)\b/iu,
  /\b((?:[\p{L}]+\s+)?[\p{L}]+)['’]s?\s+(?:death|murder|assassination|execution)\b/iu,
  /\b(?:death|murder|assassination|execution|killing)\s+of\s+((?:[\p{L}]+\s+)?[\p{L}]+)/iu,
  /\b(?:what|who)\s+killed\s+((?:[\p{L}]+\s+)?[\p{L}]+)/iu,
  /\bwhat\s+did\s+((?:[\p{L}'’]+\s+){0,2}?[\p{L}'’]+)\s+die\s+(?:of|from)\b/iu,
];

const PRONOUNS: ReadonlySet<string> = new Set(["his", "her"]);

/** Index terms of the words a text tells a death in. */
const DEATH_WORDS: ReadonlySet<string> = new Set(
  "die died dies dying death deaths dead kill killed killing murder murdered assassinated assassination executed execution shot"
    .split(" ")
    .map(termOf),
);

/** Index terms of the words that tell how someone died, not only that they did. */
const MANNER_OF_DEATH: ReadonlySet<string> = new Set(
  "kill killed killing murder murdered assassinated assassination executed execution shot".split(" ").map(termOf),
);

/**
 * A question about how or when someone died is answered only by a paragraph telling of that
 * person's death, not of deaths near the name: "the number of people that died because of his
 * rule" says nothing of how Stalin died.
 */
function missingDeath(question: string, analysed: AnalysedQuestion, best: readonly ScopeCandidate[]): ScopeReason | undefined {
  const asked = deathAsked(question, analysed);
  if (!asked) return undefined;
  if (best.some((c) => tellsDeathOf(c.text, asked.names, asked.told))) return undefined;
  return {
    code: "near-miss",
    names: namesIn(asked.person),
    missing: [asked.told === MANNER_OF_DEATH ? "how they died" : "how or when they died"],
  };
}

/** Whose death a question asks about (by their names' whole words) and the words that would tell it, if it asks. */
function deathAsked(
  question: string,
  analysed: AnalysedQuestion,
): { person: QuestionWord[]; names: ReadonlySet<string>; told: ReadonlySet<string> } | undefined {
  // The first pattern that matches (the rest are not tried).
  let asked: RegExpExecArray | null = null;
  for (let i = 0; i < DEATH_OF.length && !asked; i++) asked = DEATH_OF[i]!.exec(question);
  if (!asked) return undefined;
  const named = new Set(asked[1]!.toLowerCase().split(/\s+/));
  // Someone's death: "were millions murdered" asks about many deaths, told as such.
  const person = analysed.words.filter(
    (w) => w.known && named.has(w.word.toLowerCase()) && (isName(w.word) || w.salience >= NAME_LIKE_SALIENCE),
  );
  if (person.length === 0) return undefined;
  // Whole words, not terms: "Stalinism" stems like Stalin ("they fought Stalinism to the death").
  const names = new Set(person.map((w) => w.word.toLowerCase()));
  // "How did Lenin die?", "what did he die of": the manner, which "Lenin, who died in 1924" does not tell.
  const manner = /^how\b/i.test(asked[0]) || /\bdie\s+(?:of|from)\b/i.test(asked[0]);
  return { person, names, told: manner ? MANNER_OF_DEATH : DEATH_WORDS };
}

/**
 * For a question about someone's death, the first of the best paragraphs (after the top) that
 * tells of it, where the top one does not: "his own assassination in Mexico" answers how Trotsky
 * died, ahead of a paragraph about his life's struggle. The engine moves it first.
 */
export function tellingDeathFirst(question: string, analysed: AnalysedQuestion, best: readonly ScopeCandidate[]): number | undefined {
  // Only "how / when / where did X die": "what was he killed with" asks for the weapon, which a death told may not name.
  const asked = DEATH_OF[0]!.test(question) ? deathAsked(question, analysed) : undefined;
  return asked && firstAfterTop(best, (c) => tellsDeathOf(c.text, asked.names, asked.told));
}

/**
 * Whether a text tells of the death of someone named by these (folded) words: the name just before the
 * death ("Lenin, who died in 1924", "Kingsley Amis (who died …"), or just after it ("the
 * assassination of Trotsky"), or "his own assassination" in a paragraph about that person.
 */
function tellsDeathOf(text: string, person: ReadonlySet<string>, told: ReadonlySet<string>): boolean {
  return deathToldAt(text, person, told) >= 0;
}

/** Whether a text gives a date within `window` words of where it tells the death of someone named by these words. */
function datesDeathOf(text: string, person: ReadonlySet<string>, window: number): boolean {
  const words = wordsOf(text);
  const at = deathToldAt(text, person, DEATH_WORDS);
  if (at < 0) return false;
  const dates = new Set([...text.matchAll(DATE)].map((m) => m.index));
  return words.some((w, i) => dates.has(w.index) && Math.abs(i - at) <= window);
}

/** The place (in words) of the first word telling the death (see {@link tellsDeathOf}), or -1. */
function deathToldAt(text: string, person: ReadonlySet<string>, told: ReadonlySet<string>): number {
  const words = wordsOf(text);
  // Whom a paragraph's "his" means, at a guess: the first person it names ("Trotsky himself paid …").
  const subject = words.find((w) => w.isName || (/^\p{Lu}/u.test(text.slice(w.index)) && !isCommonWord(w.word)));
  return words.findIndex((w, i) => {
    if (!told.has(w.term)) return false;
    const before = words.slice(Math.max(0, i - 3), i);
    const after = words[i + 1]?.term === "of" ? words.slice(i + 2, i + 4) : [];
    if ([...before, ...after].some((b) => person.has(b.word))) return true;
    const pronoun = before.slice(-2).some((b) => PRONOUNS.has(b.word));
    return pronoun && subject !== undefined && person.has(subject.word);
  });
}

/**
 * "Who wrote the leader?", "which newspaper ran it?": a question asking for a person by what they
 * did, or for a paper, a book or a camp by its name, needs a name the question does not already
 * hold: a person's near what the question asks about, in the answering paragraph itself (a name
 * in a lesser one answers something else); a thing's right beside the word for it ("the Guardian
 * newspaper", "the Vorkuta camp"), in one of the best. ("Who was Trepper?" asks what he was, not who.)
 */
function missingPerson(
  question: string,
  analysed: AnalysedQuestion,
  best: readonly ScopeCandidate[],
  t: ScopeThresholds,
): ScopeReason | undefined {
  const who = WHO_DID.exec(question);
  const place = who ? null : WHICH_PLACE.exec(question);
  const which = who || place ? null : WHICH_NAMED.exec(question);
  if (!who && !which && !place) return undefined;
  // The reader's own words only: a synonym of "newspaper" may be the very name asked for (Guardian).
  const own = new Set(analysed.words.map((w) => w.term));
  const known = analysed.words.filter((w) => w.known);
  if (known.length === 0) return undefined;
  if (who) {
    const top = best[0];
    const verb = who[1]!.toLowerCase();
    // A name inside quoted words is what was said, not who did it: "If Mr Amis manages …" names no writer of the leader.
    const quoted = top ? quotedSpans(top.text) : [];
    // Nor is an owner ("exterminated by Stalin’s terror apparatus": the apparatus did it, and has no
    // name) — unless what is owned is what someone says ("AMIS’ REASONING … "The Revolution was a
    // lie…"" names who said it) — nor a place ("his own assassination in Mexico").
    const doer = (term: string, index: number) =>
      nameOfSomeoneElse(term, index, top!.text, own) &&
      !quoted.some(([from, to]) => index > from && index < to) &&
      !OWNER.test(top!.text.slice(index)) &&
      !/\b(?:in|at|from|to|into|across)\s+(?:the\s+)?$/i.test(top!.text.slice(0, index));
    // Where the text tells the deed in the question's own verb, the doer is named near it
    // ("an account smuggled out from the camp" names no one who smuggled it).
    const deed = analysed.words.find((w) => w.word === verb && top?.textTerms.has(w.term));
    const given =
      top !== undefined &&
      statesNear(top.text, doer, analysed, 2 * t.factWindow, { checkNames: false }) &&
      (deed === undefined || doerNamed(top.text, deed.term, (term, index) => nameOfSomeoneElse(term, index, top.text, own)));
    return given ? undefined : { code: "near-miss", names: namesIn(known), missing: [`who ${verb}`] };
  }
  if (place) {
    // A place is named as one ("in Spain", "from Moscow") near what the question asks about, in the answering paragraph.
    const top = best[0];
    // Nor is a place the question names itself, in any form: Mexico is no answer to "which Mexican town".
    const named = new Set([...own, ...analysed.words.flatMap((w) => w.related)]);
    const isPlace = (term: string, index: number) =>
      top !== undefined &&
      nameOfSomeoneElse(term, index, top.text, named) &&
      /\b(?:in|at|from|to|into|across)\s+(?:the\s+)?$/i.test(top.text.slice(0, index));
    if (top !== undefined && statesNear(top.text, isPlace, analysed, t.factWindow, { checkNames: false })) return undefined;
    // Or beside the word for a place itself: "in countries like Germany".
    if (top !== undefined && namedBeside(top.text, PLACE_NOUNS, named)) return undefined;
    return { code: "near-miss", names: namesIn(known), missing: [`which ${place[1]!.toLowerCase()}`] };
  }
  if (namingParagraphs(which!, analysed, best).length > 0) return undefined;
  return { code: "near-miss", names: namesIn(known), missing: [`which ${namedNoun(which!)}`] };
}

/**
 * The best paragraphs (their indexes) that name the thing a "which newspaper", "what are his
 * novels" question asks for — right beside the word for it, in a paragraph matching the rest of
 * the question too: "the Guardian newspaper" ran a leader, and is no answer to which newspapers
 * printed extracts.
 */
function namingParagraphs(which: RegExpExecArray, analysed: AnalysedQuestion, best: readonly ScopeCandidate[]): number[] {
  const noun = namedNoun(which);
  const kind = NAMED_THINGS.find((group) => group.has(termOf(noun)))!;
  const own = new Set(analysed.words.map((w) => w.term));
  // In its own text, or in its notes for half the question at least: a paragraph naming "the
  // Socialist Party" whose notes share only "Trotskyists" with a question on the Spanish civil
  // war does not answer which party.
  const rest = analysed.words.filter((w) => !kind.has(w.term));
  const has = (terms: { has(term: string): boolean }, w: QuestionWord) => terms.has(w.term) || w.related.some((r) => terms.has(r));
  const matchesRest = (c: ScopeCandidate) => {
    if (rest.length === 0 || rest.some((w) => has(c.textTerms, w))) return true;
    const matched = new Set(c.matchedTerms);
    return 2 * rest.filter((w) => has(matched, w)).length >= rest.length;
  };
  return best.flatMap((c, i) => (matchesRest(c) && namedBeside(c.text, kind, own) ? [i] : []));
}

/**
 * Of the best paragraphs, the one to show first for a date or figure question when the first
 * does not state one near what is asked but another does (the engine moves it up only over a
 * near tie): "how long did Trotsky oppose Stalin"
 * is answered by "the last two decades of his life", not by a paragraph that only says he did.
 */
export function statingFirst(
  factKind: FactKind | undefined,
  analysed: AnalysedQuestion,
  best: readonly ScopeCandidate[],
  t: ScopeThresholds = SCOPE,
): number | undefined {
  if (!factKind) return undefined;
  return firstAfterTop(best, (c) => statesFact(c.text, factKind, analysed, t.factWindow));
}

/** Whether a text (a paragraph or one of its sentences) states the kind of fact asked for near what the question asks about. */
export function statesFactAsked(text: string, factKind: FactKind, analysed: AnalysedQuestion, t: ScopeThresholds = SCOPE): boolean {
  return statesFact(text, factKind, analysed, t.factWindow);
}

/**
 * The first of the best paragraphs after the top that answers as `answers` judges, where the top
 * does not: the one the engine shows first. The "…First" rules below are this, each with its test.
 */
function firstAfterTop(best: readonly ScopeCandidate[], answers: (c: ScopeCandidate) => boolean): number | undefined {
  if (best[0] === undefined || answers(best[0])) return undefined;
  const index = best.findIndex((c, i) => i > 0 && answers(c));
  return index > 0 ? index : undefined;
}

/**
 * Of the best paragraphs, the one to show first for a question asking for a thing by its name
 * when the first does not name it: that one answers, the first only mentions the thing.
 */
/** "Who was Trepper?", "was Trepper a Trotskyist?", "is Koba Stalin": what someone is, asked of them by name. */
const IDENTITY = /^\s*(?:(?:so|ok|okay|and|but|wait)\s+)*(?:who\s+(?:was|is)\s+(?:this\s+)?|(?:was|is)\s+)(\p{L}+(?:\s+\p{L}+)?)/iu;

/**
 * For a question asking what someone is, the first of the best paragraphs (after the top) that
 * says so in a sentence of its own, the name its subject ("Trepper was a supporter of Stalin"),
 * where the top one only names them. The engine moves it first when it nearly ties.
 */
export function definingFirst(question: string, analysed: AnalysedQuestion, best: readonly ScopeCandidate[]): number | undefined {
  const asked = IDENTITY.exec(question);
  if (!asked) return undefined;
  const typed = new Set(asked[1]!.toLowerCase().split(/\s+/));
  const names = analysed.words.filter(
    (w) => w.known && (isName(w.word) || w.salience >= NAME_LIKE_SALIENCE) && (typed.has(w.word) || w.corrected),
  );
  if (names.length === 0) return undefined;
  const sayings = names.map((w) => new RegExp(String.raw`(?:^|[.!?…]["”’)]*\s+)(?:\p{L}+\s+)?${w.word}\s+(?:was|is)\b`, "iu"));
  // Or says whom the name stands for ("a nickname of Soviet dictator Joseph Stalin": who Koba is).
  const tellsWhomItNames = (c: ScopeCandidate) => TELLS_MEANING.test(c.text) && names.some((w) => c.matchedTerms.includes(w.term));
  return firstAfterTop(best, (c) => sayings.some((saying) => saying.test(c.text)) || tellsWhomItNames(c));
}

/** "What is State and Revolution?", "what's the Left Opposition about": a thing asked for by a name of several words. */
const WHAT_IS_NAMED =
  /^\s*(?:(?:so|ok|okay|and|but|wait)\s+)*what(?:'s|\s+is|\s+was|s)\s+(?:the\s+)?(\p{L}+(?:\s+(?:&|\p{L}+)){1,5}?)(?:\s+about)?\s*[?.!]*\s*$/iu;

/**
 * For "what is X?" with X a name of several words, the first of the best paragraphs (after the
 * top) that writes X itself, where the top only shares its words ("what is State and
 * Revolution?": ¶14 reads "State and Revolution", ¶20 only "the Soviet state" and "revolution").
 */
export function namingFirst(question: string, best: readonly ScopeCandidate[]): number | undefined {
  const asked = WHAT_IS_NAMED.exec(question.replace(/[’‘]/g, "'"));
  if (!asked) return undefined;
  const words = asked[1]!
    .toLowerCase()
    .replace(/\s*&\s*/g, " and ")
    .split(/\s+/);
  if (words.length < 2) return undefined;
  const written = new RegExp(String.raw`(?<![\p{L}])${words.join(String.raw`\s+`)}(?![\p{L}])`, "iu");
  return firstAfterTop(best, (c) => written.test(c.text));
}

/** "What did Amis call Trotsky?", "what does Trepper say about the Trotskyists": someone's own words about someone, asked for. */
const WORDS_ASKED =
  /\bwhat\s+(?:did|does|do|has|had)\s+(?:\p{L}+['’]?s?\s+){1,3}?(?:actually\s+|really\s+)?(?:call|calls|called|say|said|says|write|wrote|written)\s+(?:about\s+|of\s+)?(\p{L}+)/iu;

/**
 * For a question asking what someone said of someone, the first of the best paragraphs (after the
 * top) that quotes words naming them ("Trotsky was a murdering bastard"), where the top one quotes
 * none about them. The engine moves it first when it nearly ties.
 */
export function quotingFirst(question: string, analysed: AnalysedQuestion, best: readonly ScopeCandidate[]): number | undefined {
  const asked = WORDS_ASKED.exec(question);
  if (!asked) return undefined;
  const about = analysed.words.find((w) => w.word === asked[1]!.toLowerCase().replace(/['’]s?$/, ""));
  if (!about) return undefined;
  const terms = new Set([about.term, ...about.related]);
  const quotesAbout = (c: ScopeCandidate) =>
    quotedSpans(c.text).some(([from, to]) => contentTerms(c.text.slice(from, to)).some((term) => terms.has(term)));
  return firstAfterTop(best, quotesAbout);
}

/** "What does Koba mean?", "what's the title supposed to mean", "the meaning of …": what a name or word stands for. */
// ("Stand for" and "refer to" are left out: "what did Stalin stand for" asks what he represented.)
const MEANING_ASKED = /\b(?:mean|means|meaning|short\s+for)\b/i;
/** Words a text says what a name or title stands for in. */
const TELLS_MEANING =
  /\b(?:means|meaning|meant|relates\s+to|refers\s+to|stands\s+for|short\s+for|nickname|named\s+after|a\s+name\s+for)\b/i;

/**
 * For a question asking what a name or title means, the first of the best paragraphs (after the
 * top) that says what something stands for ("This book’s title relates to a nickname of …"),
 * where the top one does not. The engine moves it first.
 */
export function meaningFirst(question: string, best: readonly ScopeCandidate[]): number | undefined {
  return MEANING_ASKED.test(question) ? firstAfterTop(best, (c) => TELLS_MEANING.test(c.text)) : undefined;
}

export function answeringFirst(question: string, analysed: AnalysedQuestion, best: readonly ScopeCandidate[]): number | undefined {
  if (WHO_DID.test(question) || WHICH_PLACE.test(question)) return undefined;
  const which = WHICH_NAMED.exec(question);
  const [first] = which ? namingParagraphs(which, analysed, best) : [];
  return first !== undefined && first > 0 ? first : undefined;
}

/**
 * Whether a text names a thing of this kind right beside the word for it ("the Guardian
 * newspaper", "Lenin's work State and Revolution") — a thing whose owner is someone the question
 * does not ask about ("one of Lenin's works", asked which novels Amis wrote) does not count.
 */
function namedBeside(text: string, kind: ReadonlySet<string>, own: ReadonlySet<string>): boolean {
  const words = wordsOf(text);
  const isOther = (i: number) => nameOfSomeoneElse(words[i]!.term, words[i]!.index, text, own);
  return words.some((w, i) => {
    if (!kind.has(w.term)) return false;
    const possessor = i > 0 && /^\p{Lu}[\p{L}]*['’]s?\s*$/u.test(text.slice(words[i - 1]!.index, w.index));
    if (possessor && isOther(i - 1)) return false;
    for (let j = Math.max(0, i - NAMED_THING_WINDOW); j <= Math.min(words.length - 1, i + NAMED_THING_WINDOW); j++) {
      if (j !== i && !(possessor && j === i - 1) && isOther(j)) return true;
    }
    return false;
  });
}

/**
 * Whether a text names who did a deed told in this verb: a name earlier in the verb's sentence
 * ("Trepper … who organised the Soviet espionage network"), or "by" and a name right after it.
 */
function doerNamed(text: string, verb: string, isName: (term: string, index: number) => boolean): boolean {
  const words = wordsOf(text);
  return words.some((w, i) => {
    if (w.term !== verb) return false;
    for (let j = i - 1; j >= 0 && !/[.!?]/.test(text.slice(words[j]!.index, words[j + 1]!.index)); j--) {
      if (isName(words[j]!.term, words[j]!.index)) return true;
    }
    const next = words.slice(i + 1, i + 4);
    return next[0]?.term === "by" && next.slice(1).some((n) => isName(n.term, n.index));
  });
}

/** A capital in a text that names someone or something the question does not. */
function nameOfSomeoneElse(term: string, index: number, text: string, own: ReadonlySet<string>): boolean {
  const word =
    /^[\p{L}'’]+/u
      .exec(text.slice(index))?.[0]
      .toLowerCase()
      .replace(/['’]s?$/, "") ?? "";
  return (
    !own.has(term) &&
    !STOP_WORDS.has(word) &&
    !HONORIFICS.has(word) &&
    /^\p{Lu}/u.test(text.slice(index)) &&
    // Capitals for emphasis ("A NEW book") name nothing.
    !(isCommonWord(word) && /^\p{Lu}{2,}\b/u.test(text.slice(index))) &&
    // A capital that opens a sentence or a quotation is a name only if the word is one ("Trepper was…").
    (!isCommonWord(word) || !/(?:^|[.!?…:]["”’)]*\s+["“‘(]?|["“‘(])$/u.test(text.slice(0, index)))
  );
}

/** Where a text quotes someone's words: each span from its opening to its closing double quote. */
function quotedSpans(text: string): Array<[number, number]> {
  return [...text.matchAll(/["“][^"”]*["”]?/g)].map((m) => [m.index, m.index + m[0].length]);
}

/** How near a thing asked for by name its name must stand: "the Guardian newspaper", "Lenin's work State and Revolution". */
const NAMED_THING_WINDOW = 3;

/** The words a text calls places by, each with its plural. */
const PLACE_WORDS = "city cities town towns country countries region regions place places";
/** "Which city", "in which country": places a reader asks for by their names. */
const WHICH_PLACE = new RegExp(
  String.raw`\b(?:which|what)\s+(?:other\s+)?(?:(?!(?:is|are|was|were|did|does|do)\b)[a-z]+\s+)?(${PLACE_WORDS.split(" ").join("|")})\b`,
  "i",
);

/** The same words as index terms, for a name right beside one ("countries like Germany"). */
const PLACE_NOUNS: ReadonlySet<string> = new Set(PLACE_WORDS.split(" ").map(termOf));

/** Things a reader asks for by their names, each with the words a text calls them by. */
const NAMED_THINGS: ReadonlyArray<ReadonlySet<string>> = [
  "newspaper paper magazine journal press",
  "book novel work title memoir speech article pamphlet essay",
  "camp prison gulag",
  "publisher",
  "writer author journalist historian poet novelist",
  "party organisation organization militia movement",
].map((group) => new Set(group.split(" ").map(termOf)));

/** "Which newspaper", "what other novels": things a reader asks for by their names (see NAMED_THINGS). */
const NAMED_THING_NOUNS = String.raw`(newspapers?|papers?|magazines?|journals?|books?|novels?|works?|memoirs?|speech(?:es)?|articles?|pamphlets?|essays?|camps?|prisons?|publishers?|writers?|authors?|journalists?|historians?|poets?|novelists?|parties|party|organi[sz]ations?|militias?|movements?)`;
const WHICH_NAMED = new RegExp(
  // "which newspaper", "which Spanish parties", "which of Trotsky's own books", "is there a Trotsky book".
  String.raw`\b(?:(?:(?:which|what)(?:\s+of\s+(?:[\p{L}]+\s+){0,2}?[\p{L}]+['’]s?)?|is\s+there\s+(?:a|an|any))\s+(?:other\s+|own\s+)?(?:(?!(?:is|are|was|were|did|does|do|of)\b)\p{L}+\s+)?${NAMED_THING_NOUNS}` +
    // "what are some of Martin Amis's novels": things asked for by their owner's name.
    String.raw`|what\s+(?:are|were)\s+(?:some\s+of\s+|any\s+of\s+)?(?:[\p{L}]+\s+){0,2}[\p{L}]+['’]s?\s+(newspapers|books|novels|memoirs|works|camps|parties)` +
    // "what's Kingsley Amis's most famous novel", "what is the best known book by…": one named by a superlative.
    String.raw`|what(?:['’]s|\s+is|\s+was|\s+are|\s+were)\s+(?:the\s+|(?:[\p{L}]+\s+){0,2}?[\p{L}]+['’]s?\s+)(?:most\s+\p{L}+|best(?:[\s-]+known)?|greatest|finest|biggest|first|latest)\s+${NAMED_THING_NOUNS})\b`,
  "iu",
);

/** The word for the thing a WHICH_NAMED question asks for ("newspaper", "novels"), lower case. */
function namedNoun(which: RegExpExecArray): string {
  return (which[1] ?? which[2] ?? which[3]!).toLowerCase();
}

const HONORIFICS: ReadonlySet<string> = new Set(["mr", "mrs", "ms", "dr", "sir", "comrade"]);

/** "who wrote", "who killed", "who published": a person asked for by a deed (not "who was", "who is"). */
/** A name owning something other than its words: "Stalin’s terror apparatus", not "Amis’ reasoning". */
const OWNER =
  /^\p{L}+['’]s?\s+(?!(?:own\s+)?(?:words?|reasoning|arguments?|claims?|views?|books?|letters?|accounts?|statements?|articles?|speech|writings?|quotes?|lines?|remarks?)\b)/iu;

const WHO_DID =
  /^\s*(?:(?:and|so|ok|but|wait|like)\s+)*who\s+(?:(?:was|were)\s+the\s+(?:person|man|woman|people|one|guy)\s+(?:who|that)\s+)?(?:(?:actually|really|exactly|first|originally|eventually|finally|later|then|ultimately)\s+)?(?!(?:is|was|were|are|does|did|do|has|had|have|'?s)\b)([a-z]+ed|wrote|won|led|ran|took|gave|made|shot|killed|founded|published|translated|edited|invented|said|told)\b/i;

/** What a near-miss says the review mentions: the question's names, else its two most telling words. */
function namesIn(words: readonly QuestionWord[]): string[] {
  const names = words.filter((w) => w.salience >= 10 && isName(w.word));
  if (names.length > 0) return names.map((w) => w.word);
  // Telling words only: "where does trepper come from" mentions Trepper, not "come".
  const [first, ...rest] = [...words].sort((a, b) => b.salience - a.salience);
  return first ? [first, ...rest.filter((w) => w.salience >= TELLING).slice(0, 1)].map((w) => w.word) : [];
}

const SOURCE = termOf("source");

/** What an origin question asks the source of, not the origin: information, an account, a figure. */
const SOURCED = /\b(?:information|info|account|story|stories|quote|quotation|figure|figures|estimate|claim|claims|evidence|details?)\b/i;

/** "Where does the name come from?", "why was he called Koba?": a question about where something comes from. */
const ORIGIN_QUESTION = /\bwhere\b.{0,60}\bcomes?\s+from\b|\bwhy\b.{0,40}\b(?:called|nicknamed|named)\b/i;
/** What "where does … come from" asks of: "the nickname Koba", "Trepper"; not "Stalin's terror". */
const WHERE_FROM = /\bwhere\s+(?:does|did|do|is|was|were)\s+(.{1,60}?)\s+(?:\p{L}+ly\s+)?comes?\s+from\b/iu;
const NAMING_WORDS = /\b(?:nick)?names?\b|\bwords?\b|\bterms?\b|\btitles?\b|\bphrases?\b|\bexpressions?\b|\blabels?\b|\bsayings?\b/i;

/**
 * A question for the origin of a name, a word or a person ("where does the nickname Koba come
 * from", "why was he called …"). Where a thing the review explains comes from ("where did the
 * bureaucracy's privileges come from") is asked of its causes, which the text gives in its own words.
 */
function originAsked(question: string): RegExpExecArray | null {
  const asked = ORIGIN_QUESTION.exec(question);
  if (!asked || NAMING_WORDS.test(question)) return asked;
  const whereFrom = WHERE_FROM.exec(question);
  if (!whereFrom) return asked;
  // Someone's: typed as a name, or a word that is no English word ("trepper").
  const isSomeone = (typed: string) => {
    const word = typed.toLowerCase().replace(/['’]s?$/, "");
    return /^\p{Lu}/u.test(typed) || isName(word) || !isEnglishWord(word);
  };
  const of = whereFrom[1]!.replace(/^(?:the|a|an)\s+/i, "").split(/\s+/);
  return of.every(isSomeone) ? asked : null;
}

/**
 * Facts about a person or a book that readers ask for and a review seldom states, each with the
 * words a text states it in. Keys and values are index terms.
 */
const PERSONAL_FACTS: ReadonlyMap<string, ReadonlySet<string>> = (() => {
  // The words that ask, as typed (with their inflections), and the words that state the fact. By
  // the asking words themselves, not their stems: "universal" is no university, "responsible" no response.
  const groups: Array<[string, string]> = [
    ["born birth birthplace birthday", "born birth"],
    ["publish published publisher publishers publishing", "published publisher"],
    ["sell sold sales copies bestseller", "sold sales copies"],
    ["translate translated translation translations translator", "translated translation"],
    ["marry married marriage marriages wife husband spouse", "married marriage wife husband"],
    ["children child kids kid daughter daughters", "children child daughter family"],
    [
      "school schools schooling schooled educated education university universities college colleges degree degrees",
      "school educated education university college",
    ],
    ["age aged", "age aged"],
    ["origin origins original originally derive derived", "origin origins derive derived derives"],
    ["source sources", "source sources account according testimony memoir memoirs witness wrote written relates recalled quoted quotes"],
    ["name names named naming", "name named names called entitled titled title nickname nicknamed"],
    [REPLY_WORDS, "reply replied response responded"],
  ];
  const map = new Map<string, Set<string>>();
  for (const [asked, stated] of groups) {
    const terms = new Set(stated.split(" ").map(termOf));
    for (const word of asked.split(" ")) map.set(word, terms);
  }
  return map;
})();

/** "To what degree", "by degrees": an extent, not a qualification. */
const DEGREE_OF_EXTENT =
  /\b(?:to|by)\s+(?:what|which|some|a|an|any|this|that|the\s+same|a\s+(?:large|great|certain|lesser|greater))?\s*(?:\p{L}+\s+)?degrees?\b/iu;

/** Words of a question about the review as a document: "when was this review published?" */
const DOCUMENT_EVENTS: ReadonlySet<string> = new Set(
  ["publish", "written", "write", "come", "out", "date", "print", "appear", "release", "released"].map(termOf),
);

/** Digits, percentages and number words: what "how many / how much" is answered with. */
const FIGURE =
  /\b(?:\d[\d,.]*%?|\d+(?:st|nd|rd|th)|(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred|thousand|million|billion)s?|half|dozens?|(?:higher|more|less|fewer|lower)\s+than|every|all(?!\s+(?:their|his|her|its|our|your|my)\s+(?:lives|life|days|years)\b)|none|virtually\s+every|majority|minority)\b/gi;
/**
 * What "how much" is answered with: a figure, a comparison ("no higher wage than a skilled worker")
 * or a degree ("had advanced enormously").
 */
const AMOUNT = new RegExp(
  String.raw`${FIGURE.source}|\b(?:(?:higher|more|less|lower|greater)\s+[\p{L}-]+\s+than|enormously|hugely|massively|vastly|greatly|considerably|substantially|dramatically|tremendously)\b`,
  "giu",
);
/** Years, decades, dated months: what "when / what year" is answered with. */
const DATE =
  /\b(?:1[5-9]\d\d(?:['’]?s)?|20\d\d|(?:mid|early|late)-\d{4}['’]?s|(?:january|february|march|april|may|june|july|august|september|october|november|december)\s+\d{1,4}|(?:nineteen|eighteen)[\w-]+)\b/gi;
/** A year written in figures, as FIGURE would otherwise read it. */
const YEAR = /^(?:1[5-9]\d\d|20\d\d)$/;
/** A span of time: what "how long" is answered with. */
const DURATION =
  /\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|twelve|twenty|thirty|several|many|few)\s+(?:years?|months?|weeks?|days?|decades?|hours?)\b/gi;
/** An age: what "how old" is answered with. */
const AGE = /\b(?:aged?\s+\d+|\d+\s+years?\s+old|at\s+(?:the\s+)?age\s+of)\b/gi;

/**
 * Whether a paragraph states a fact of the kind asked for near the question's own words: a
 * year within a few words of what the question is about ("Kingsley Amis (who died in 1995").
 */
function statesFact(text: string, kind: FactKind, asked: AnalysedQuestion, window: number): boolean {
  // The scope decision and the choice of the paragraph to show first ask this of the same paragraphs: worked out once.
  let byText = statedFacts.get(asked);
  if (!byText) statedFacts.set(asked, (byText = new Map<string, boolean>()));
  const key = `${kind} ${window}`;
  let stated = byText.get(key + text);
  if (stated === undefined) byText.set(key + text, (stated = statesFactAfresh(text, kind, asked, window)));
  return stated;
}

/** Per analysed question, whether each paragraph text states the fact (by kind and window, then text). */
const statedFacts = new WeakMap<AnalysedQuestion, Map<string, boolean>>();

function statesFactAfresh(text: string, kind: FactKind, asked: AnalysedQuestion, window: number): boolean {
  // The words that only say what kind of fact is wanted ("how long did it last", "in what year")
  // are no part of what it is about: "the last two decades" says nothing of a strike's length.
  const about = asked.words.filter((w) => !FACT_KIND_WORDS.has(w.term));
  const analysed = about.length > 0 ? { ...asked, words: about } : asked;
  const pattern = { date: DATE, figure: FIGURE, amount: AMOUNT, duration: DURATION, age: AGE }[kind];
  // A year is no answer to "how many": "didn't join the Communist Party until 1941" counts no members.
  const starts = new Set(
    [...text.matchAll(pattern)].filter((m) => (kind !== "figure" && kind !== "amount") || !YEAR.test(m[0])).map((m) => m.index),
  );
  // What happened (died, joined) must stand near the date too, not only who: "Kingsley Amis (who
  // died in 1995 …" gives no date for when he left the party.
  // Names by the text's own capitals too: "Party" in "the Communist Party" is who, not what happened.
  const capitalised = new Set(wordsOf(text).flatMap((w) => (w.isName ? [w.term] : [])));
  const events = analysed.words.filter((w) => !isName(w.word) && w.salience < NAME_LIKE_SALIENCE && !capitalised.has(w.term));
  const isFact = (_term: string, index: number) => starts.has(index);
  if (!statesNear(text, isFact, analysed, window)) return false;
  // "When did it begin?" asks for the start: a date near the thing is no answer unless the start is told there.
  const edge = analysed.words.filter((w) => EDGE_EVENTS.has(w.term));
  if (edge.length > 0 && !statesNear(text, isFact, { ...analysed, words: edge }, window, { checkNames: false })) return false;
  return events.length === 0 || statesNear(text, isFact, { ...analysed, words: events }, window, { checkNames: false });
}

/** Words a question names its kind of fact with: "how long did it last", "in what year", "how many times". */
const FACT_KIND_WORDS: ReadonlySet<string> = new Set(
  "long last lasted year years date month decade number many much time times old age".split(" ").map(termOf),
);

/** Words for when something began or ended: a date question with one asks for that moment. */
const EDGE_EVENTS: ReadonlySet<string> = new Set(
  "begin began begun start started launch launched introduce introduced end ended finish finished stop stopped".split(" ").map(termOf),
);

/** A word of a paragraph as the fact rules read it. */
interface TextWord {
  index: number;
  /** The word folded: lower case, a possessive's tail dropped ("Stalin’s" → stalin). */
  word: string;
  term: string;
  /** Capitalised where no sentence or text begins: a name. */
  isName: boolean;
}

/** Paragraph texts already read into words: the same few paragraphs are the best for question after question. */
const wordsByText = new Map<string, readonly TextWord[]>();

function wordsOf(text: string): readonly TextWord[] {
  let words = wordsByText.get(text);
  if (!words) {
    words = [...text.matchAll(/[\p{L}\p{N}%'’]+/gu)].map((m) => {
      const folded = m[0].toLowerCase().replace(/['’]s?$/, "");
      const before = text.slice(Math.max(0, m.index - 16), m.index);
      const sentenceStart = m.index === 0 || /[.!?…]["”’)]*\s+["“‘(]?$/u.test(before);
      return { index: m.index, word: folded, term: termOf(folded), isName: /^\p{Lu}/u.test(m[0]) && !sentenceStart };
    });
    // Bounded by the corpus (its paragraphs), but a caller passing other texts must not grow it forever.
    if (wordsByText.size >= 100_000) wordsByText.clear();
    wordsByText.set(text, words);
  }
  return words;
}

/** Words this telling (salience, nats) are the names and terms a question is about, not what it asks happened. */
const NAME_LIKE_SALIENCE = 13;

/**
 * Whether a word of the paragraph that `isFact` accepts stands within `window` words of one of
 * the question's words — and, when the question names someone the paragraph names, whether the
 * name nearest that word is one the question asks about: "Lenin, who died in 1924" is no
 * answer to when Stalin died.
 */
function statesNear(
  text: string,
  isFact: (term: string, index: number) => boolean,
  analysed: AnalysedQuestion,
  window: number,
  { checkNames = true }: { checkNames?: boolean } = {},
): boolean {
  const words = wordsOf(text);
  const asked = new Set(analysed.words.flatMap((w) => [w.term, ...w.related]));
  const isNameHere = (i: number) => words[i]!.isName;
  const askedNames = new Set(words.filter((w, i) => isNameHere(i) && asked.has(w.term)).map((w) => w.term));
  return words.some((fact, at) => {
    if (!isFact(fact.term, fact.index)) return false;
    if (!words.some((w, i) => i !== at && asked.has(w.term) && Math.abs(i - at) <= window)) return false;
    if (!checkNames || askedNames.size === 0) return true;
    // The name the fact is told of: the nearest before it ("Lenin, who died in 1924"), else the
    // first one after it, with the words that go with it ("a nickname of Soviet dictator Joseph Stalin").
    // A name of several words counts whole: "didn't join the Communist Party until 1941" is told of the Communist Party.
    for (let i = at - 1; i >= 0; i--) {
      if (!isNameHere(i)) continue;
      let first = i;
      while (first > 0 && isNameHere(first - 1)) first--;
      return namesAsked(words.slice(first, i + 1), askedNames);
    }
    const after = words.findIndex((_, i) => i > at && isNameHere(i));
    if (after < 0) return true;
    return words.slice(after, after + NAME_PHRASE).some((w, i) => isNameHere(after + i) && askedNames.has(w.term));
  });
}

/**
 * Whether a name of one or more words is one the question asks about: by its most telling word, so
 * that "the Communist Party" is not the Socialist Party for sharing "Party", while "Joseph Stalin" is Stalin.
 */
function namesAsked(name: readonly TextWord[], askedNames: ReadonlySet<string>): boolean {
  if (name.length === 1) return askedNames.has(name[0]!.term);
  const telling = name.reduce((a, b) => (salience(b.word) > salience(a.word) ? b : a));
  return askedNames.has(telling.term);
}

/** Words a name and its titles may run to: "Soviet dictator Joseph Stalin". */
const NAME_PHRASE = 4;
