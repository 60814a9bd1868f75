/**
 * Questions about the document's own structure: "in the purge trials section, …", "what does the
 * intro say about …", "how does the review open?", "what is its conclusion?". Such words name a
 * place in the document, not the subject asked about, so they are taken out of the question and
 * turned into a paragraph range the answer is looked for in.
 */
import { fold, STOP_WORDS } from "./analyze.ts";
import { paragraphNumbers } from "./range.ts";
import { NUMBER_WORD } from "../corpus/ref.ts";
import type { Section } from "../corpus/types.ts";

/** Where in a document a question points. */
export interface StructureReference {
  /** Paragraphs to look in, inclusive. */
  first: number;
  last: number;
  /**
   * Whether the question asks for the place itself ("how does the review open?"), or about a
   * subject in it; "overview" asks what the whole is about ("what is the book about?"), which its
   * opening paragraphs tell; "paragraphs" names them by number ("what does ¶13 mean?").
   */
  kind: "section" | "opening" | "closing" | "overview" | "paragraphs";
  /** The question with the words that name the place taken out. */
  rest: string;
  /** The named section's heading as words ("who was stalin"): what the question is about, besides its rest. */
  heading?: string;
  /** For "paragraphs": each paragraph named, in order ("paragraphs 12 and 20": 12, 20). */
  numbers?: readonly number[];
}

/** Nouns for a part of a document; "the bit on …" and "the chapter called …" are readers' words. */
const PART = String.raw`(?:section|part|chapter|bit|heading|segment|passage)`;

/** A word for a part anywhere in a text, as a section's pattern needs one (see sectionPatterns). */
const NAMES_PART = new RegExp(PART, "i");

/** "the", "its", "the review's": the noun that follows is the document's own part. */
const THE = String.raw`(?:the|its|this|(?:the\s+)?(?:review|article|piece|reviewer)(?:'s)?)\s+(?:very\s+)?`;
const OF_DOCUMENT = String.raw`(?:\s+of\s+(?:the\s+|this\s+)?(?:review|article|piece))?`;
const OF_DOCUMENT_REQUIRED = String.raw`\s+of\s+(?:the\s+|this\s+)?(?:review|article|piece)`;
/** "at the start", "towards the end": a bare start or end is the document's only when placed like this ("right from the start" is not). */
const AT = String.raw`(?:at|near|towards?)\s+`;
const ASKED_HOW = String.raw`(?:how\s+does|how\s+did|what\s+does|where\s+does)\s+(?:the\s+|this\s+)?(?:review|article|piece|it|reviewer|author|writer)${OF_DOCUMENT}\s+`;

/** Readers' words for the opening and the close of the document. */
const OPENING = new RegExp(
  String.raw`\b(?:(?:${THE})?(?:intro|introduction)${OF_DOCUMENT}|in\s+${THE}opening${OF_DOCUMENT}(?!\s+(?:of|to)\b)|${THE}(?:opening|first)\s+(?:${PART}|paragraph|lines?|sentences?|words)${OF_DOCUMENT}|${AT}${THE}(?:opening|beginning|start)|${THE}(?:opening|beginning|start)${OF_DOCUMENT_REQUIRED}|${ASKED_HOW}(?:open|begin|start)(?:\s+with)?)\b`,
  "i",
);
const CLOSING = new RegExp(
  String.raw`\b(?:${THE}conclusion${OF_DOCUMENT}|${AT}${THE}(?:ending|end|close)|${THE}(?:ending|end|close)${OF_DOCUMENT_REQUIRED}|${THE}(?:closing|last|final)\s+(?:${PART}|paragraph|lines?|sentences?|words)${OF_DOCUMENT}|${ASKED_HOW}(?:end|close|finish|conclude|wrap\s+up|sign\s+off)(?:\s+with)?|in\s+conclusion)\b`,
  "i",
);
/** "at the start of", "towards the end of": the edge of the part named next. */
const EDGE_OF = String.raw`(?:(?:at|near|towards?|in)\s+)?the\s+(?:start|beginning|opening|end|close)\s+of\s+`;

/** "What is the book about?", "who is the book about?", "summarise the review", "tl;dr": what the whole is about, nothing more. */
const OVERVIEW =
  /^\s*(?:(?:so|ok|okay|and|but)\s+)*(?:(?:(?:what|who)(?:'s|\s+is|\s+was)|whats|whos)\s+(?:the|this|his|amis's|amis')\s+(?:review|article|piece|book)\s+(?:all\s+|mainly\s+|mostly\s+|really\s+|actually\s+)?about|(?:can\s+you\s+|please\s+)?(?:summari[sz]e|give\s+me\s+(?:a\s+)?(?:summary|gist|overview)\s+of)\s+(?:the|this)\s+(?:review|article|piece|book)|tl;?dr)\s*[?.!]*\s*$/i;

/** "What does (most of) the book cover / describe / deal with?": what the book under review is about, told by the review. */
const BOOK_CONTENT_ASKED =
  /\b(?:what|which)\b.{0,60}?\b(?:the|this|his|amis['’]?s?)\s+book\s+(?:\w+ly\s+|actually\s+|really\s+)?(?:covers?|describes?|deals?\s+with|focus(?:es)?\s+on|spends?|concentrates?\s+on|talks?\s+about|discuss(?:es)?|depicts?|documents?)\b/i;
/** A sentence saying what a book describes: "The book is largely a description of …", "Amis’ book describes …". */
const DESCRIBES_THE_BOOK =
  /\bbook(?:['’]s)?\s+(?:\w+\s+)?(?:is\s+(?:\w+\s+)?a\s+description|describes|deals\s+with|covers|recounts|depicts|is\s+(?:\w+\s+)?about)\b/i;

/** The book under review, or its author (or the quality of either), as a reader names them when asking what the review makes of it. */
const THE_BOOK = String.raw`(?:(?:the\s+)?(?:quality|depth|writing|style|standard)\s+of\s+)?(?:(?:the|this|his|amis(?:'s|')?|martin\s+amis(?:'s|')?)\s+(?:new\s+)?(?:book|work)|koba(?:\s+the\s+dread)?|(?:martin\s+)?amis|the\s+(?:author|novelist))`;
/** The review and whoever wrote it, as the one judging. */
const THE_JUDGE = String.raw`(?:the\s+|this\s+)?(?:reviewer|critic|review|writer|article)`;
const THE_JUDGES = String.raw`${THE_JUDGE}(?:'s|'|s)?`;
const VERDICT_NOUN = String.raw`(?:opinion|view|verdict|take|assessment|judge?ment|evaluation|criticism|complaint|problem|objection|issue)s?`;
/** The worst of something, as a reader asks for it: "the worst thing", "the most shameful part", "the biggest flaw". */
const WORST = String.raw`the\s+(?:worst|most\s+(?:shameful|disgraceful|damning|dishonest)|biggest\s+(?:problem|flaw|failing|fault|weakness))`;
/** A sentence naming the worst of a whole: "THE MOST shameful aspect of Amis’ book". */
const NAMES_THE_WORST = /\bthe\s+most\s+\p{L}+\s+(?:aspect|thing|part|feature|failing)\s+of\b/iu;

const WORST_ASKED = new RegExp(WORST, "i");
/** The best of the book as a reader asks for it: "the best thing", "anything good", "what does the reviewer like about it". */
const BEST_ASKED =
  /\bthe\s+(?:best|good|strongest)\s+(?:thing|part|aspect|feature|point)s?\b|\bgood\s+(?:things?|points?|parts?)\b|\banything\s+(?:good|positive|nice)\b|\bany\s+(?:praise|positives?|credit|merits?|strengths?)\b|\bpraise\b|\blike\s+about\b/i;

/** Whether a question asks for what the review grants the book ("what's the best thing about the book?"). */
export function asksTheBest(question: string): boolean {
  return BEST_ASKED.test(fold(question));
}

/** Whether a question asks for the worst of the book in the review's eyes ("what's the worst thing about the book?"). */
export function asksTheWorst(question: string): boolean {
  return WORST_ASKED.test(fold(question));
}

/** Whether a paragraph names the worst of something ("THE MOST shameful aspect of Amis’ book, however, is …"). */
export function namesTheWorst(text: string): boolean {
  return NAMES_THE_WORST.test(text);
}

/**
 * Chat before a question ("so", "ok", "tbh"). Here and in the tails below, words are parted by a
 * comma or by spaces, never by optional spaces either side of an optional comma: that let a
 * repeated word ("… overall overall …") be split in exponentially many ways (minutes per question).
 */
const CHAT_LEAD = String.raw`^\s*(?:(?:so|ok|okay|and|but|tbh|ngl|basically|overall|hey|wait)(?:\s*,\s*|\s+))*`;
/** What may follow: whose view, "overall", "at all", and the question mark. */
const VERDICT_TAIL = String.raw`(?:(?:\s*,\s*|\s+)(?:acc(?:ording|\.)?\s+to\s+${THE_JUDGE}|in\s+${THE_JUDGES}\s+(?:view|opinion|eyes)|overall|at\s+all|then|really|honestly))*\s*[?.!]*\s*$`;
/**
 * "What does the reviewer think of the book?", "does the critic like it?", "what's the reviewer's
 * verdict?", "is the book any good?": the review's judgement of the book as a whole, with nothing
 * further asked ("…of Amis as a historian" asks something more, and is searched for). `book` is
 * how the book may be named: the bare "it" is the book only outside a discussion.
 */
function verdictPattern(book: string): RegExp {
  return new RegExp(
    CHAT_LEAD +
      "(?:" +
      [
        String.raw`(?:what|how)\s+(?:do|does|did)\s+${THE_JUDGE}\s+(?:really\s+|actually\s+)?(?:think|feel|make)\s+(?:of|about)\s+${book}`,
        String.raw`(?:what(?:'s|\s+is|\s+was)?\s+|whats\s+)?${THE_JUDGES}\s+(?:overall\s+|main\s+|biggest\s+|basic\s+|real\s+|final\s+)?${VERDICT_NOUN}(?:\s+(?:of|on|about|with|against)\s+${book})?`,
        String.raw`(?:do|does|did)\s+${THE_JUDGE}\s+(?:really\s+|actually\s+)?(?:like|love|hate|dislike|rate|recommend|enjoy|praise|approve\s+of|think\s+much\s+of)\s+${book}`,
        String.raw`how\s+(?:do|does|did)\s+${THE_JUDGE}\s+(?:rate|judge|assess|see|view|evaluate)\s+${book}`,
        String.raw`(?:(?:do|does|did)\s+${THE_JUDGE}\s+(?:think|say|find)\s+)?(?:is\s+|was\s+)?${book}\s+(?:is\s+|was\s+)?(?:any\s+good|good|bad|worth\s+(?:reading|it|a\s+read))`,
        String.raw`(?:is|was)\s+${book}\s+(?:a\s+)?(?:any\s+)?(?:good|bad|great|decent|serious)\s+(?:writer|novelist|historian|author|book)`,
        String.raw`why\s+(?:do|does|did)\s+${THE_JUDGE}\s+(?:hate|dislike|criticise|criticize|attack|slam|trash|reject|not\s+like)\s+${book}`,
        String.raw`what(?:'s|\s+is|s)?\s+(?:so\s+)?wrong\s+with\s+${book}`,
        String.raw`(?:what(?:'s|\s+is|s)?\s+|what\s+(?:do|does|did)\s+${THE_JUDGE}\s+(?:see|consider|regard|think\s+is|find)\s+(?:as\s+|to\s+be\s+)?)?${WORST}\s+(?:(?:thing|part|aspect|feature|problem|flaw)\s+)?(?:about|of|in|with)\s+${book}`,
        String.raw`(?:do|does|did)\s+${THE_JUDGE}\s+(?:say|find)\s+anything\s+(?:good|positive|nice)\s+(?:about|in)\s+${book}`,
        String.raw`(?:what(?:'s|\s+is|s)?\s+|what\s+(?:do|does|did)\s+${THE_JUDGE}\s+(?:see|consider|regard|think\s+is|find)\s+(?:as\s+|to\s+be\s+)?)?the\s+(?:best|strongest)\s+(?:(?:thing|part|aspect|feature|point)\s+)?(?:about|of|in)\s+${book}`,
        String.raw`what\s+(?:do|does|did)\s+${THE_JUDGE}\s+(?:like|praise|admire)\s+(?:about|in)\s+${book}`,
        String.raw`is\s+(?:the|this)\s+review\s+(?:positive|negative|favourable|favorable)(?:\s+or\s+(?:positive|negative))?`,
      ].join("|") +
      ")" +
      VERDICT_TAIL,
    "i",
  );
}
const VERDICT_ASKED = verdictPattern(THE_BOOK);
/** Outside a discussion's thread, "is it any good?" asks of the book; inside one, of the passage discussed. */
const VERDICT_ASKED_OF_IT = verdictPattern(String.raw`(?:${THE_BOOK}|it)`);

/** The review itself, or its writer, whose argument is asked for ("the author" is the book's, Amis). */
const THE_REVIEWS = String.raw`(?:the\s+|this\s+)?(?:review|reviewer|article|piece|writer|critic)(?:'s|'|s)?`;
const ARGUMENT_NOUN = String.raw`(?:argument|point|thesis|claim|message|case|idea|takeaway|conclusion)s?`;
const MAIN = String.raw`(?:main|central|core|overall|key|basic|big|real|principal|whole)\s+`;
/** What may follow a question for the review's argument: against whom, "in short", and the question mark. */
const ARGUMENT_TAIL = String.raw`(?:(?:\s*,\s*|\s+)(?:against\s+(?:martin\s+)?amis(?:'s|')?(?:\s+book)?|about\s+(?:the|amis(?:'s|')?)\s+book|in\s+(?:the|this)\s+review|in\s+(?:short|brief|a\s+nutshell)|overall|briefly|then|really))*\s*[?.!]*\s*$`;
/**
 * "What is the review's main argument?", "what does the reviewer argue?", "what's the main point
 * of the article?": the review's own case as a whole, with nothing further asked.
 */
const ARGUMENT_ASKED = new RegExp(
  CHAT_LEAD +
    "(?:" +
    [
      String.raw`(?:what(?:'s|\s+is|\s+was|\s+are)?\s+|whats\s+)?${THE_REVIEWS}\s+(?:${MAIN})?${ARGUMENT_NOUN}`,
      String.raw`(?:what(?:'s|\s+is|\s+was|\s+are)?\s+|whats\s+)?the\s+${MAIN}${ARGUMENT_NOUN}\s+(?:of|in)\s+(?:the|this)\s+(?:review|article|piece)`,
      String.raw`what\s+(?:does|did|is)\s+${THE_JUDGE}\s+(?:really\s+|actually\s+|basically\s+)?(?:argue|arguing|claim|claiming|trying\s+to\s+say|try\s+to\s+say|want\s+to\s+say|getting\s+at)`,
      String.raw`what\s+(?:does|did)\s+${THE_JUDGE}\s+want\s+(?:us|you|readers|the\s+reader|people)\s+to\s+(?:take\s+away|understand|learn|know|think|believe|conclude)`,
      String.raw`(?:what\s+are\s+)?the\s+key\s+points\s+(?:of|in)\s+(?:the|this)\s+(?:review|article|piece)`,
    ].join("|") +
    ")" +
    ARGUMENT_TAIL,
  "i",
);

/** Whether a question asks for the review's own main argument ("what does the reviewer argue?"). */
export function asksTheArgument(question: string): boolean {
  return ARGUMENT_ASKED.test(fold(question));
}

/** Whether a question asks what the review makes of the book as a whole ("what does the reviewer think of it?"). */
export function asksTheVerdict(question: string, itIsTheBook = false): boolean {
  return (itIsTheBook ? VERDICT_ASKED_OF_IT : VERDICT_ASKED).test(fold(question));
}

/** "Why is the book called …?", "where does the title come from?": why the book under review has its title. */
const TITLE_ASKED =
  /\bwhy(?:'s|\s+is|\s+was)\s+(?:(?:the|this|his|amis(?:'s|')?)\s+book|it)\s+(?:called|named|titled|entitled)\b\s*(.*)$|\b(?:where\s+(?:does|did)\s+the\s+(?:book(?:'s|')?\s+)?title\s+come\s+from|what\s+(?:does|did)\s+the\s+(?:book(?:'s|')?\s+)?title\s+(?:mean|refer\s+to|stand\s+for)|(?:meaning|origin)\s+of\s+the\s+(?:book(?:'s|')?\s+)?title)\b(?!\s+of\s+(?:the\s+|this\s+)?(?:section|part|chapter|paragraph|heading|review|article)\b)/;
/** A sentence telling what a book's title refers to: "This book’s title relates to a nickname of …". */
const EXPLAINS_TITLE = /\btitle\s+(?:\w+\s+)?(?:relates\s+to|refers\s+to|comes\s+from|is\s+taken\s+from|alludes\s+to|is\s+drawn\s+from)\b/i;

/**
 * Whether a question asks why the book under review is called what it is: what follows "called"
 * is nothing, "that", or the start of the book's own title (`bookTitle`).
 */
export function asksWhyTheBookIsCalled(question: string, bookTitle: string | null): boolean {
  const asked = TITLE_ASKED.exec(fold(question));
  if (!asked) return false;
  const named = asked[1]?.replace(/[^\p{L}\p{N}\s]/gu, " ").trim();
  // "Why is the book called that?": nothing more asked. Anything else after "called" must be the
  // book's own title: "why is the book called Koba the Dread and what happened to Trotsky's
  // family?" asks a second question, and "why is it called the Left Opposition" another name.
  if (asked[1] === undefined || !named || /^(?:that|so|this)$/.test(named)) return true;
  const title = bookTitle
    ? fold(bookTitle)
        .replace(/[^\p{L}\p{N}\s]/gu, " ")
        .split(/\s+/)
        .filter(Boolean)
    : [];
  const words = named.split(/\s+/);
  return title.length > 0 && words.every((w, i) => title[i] === w);
}

/** Whether a paragraph tells what the book's title refers to ("This book’s title relates to …"). */
export function explainsTheTitle(text: string): boolean {
  return EXPLAINS_TITLE.test(text);
}

/** Whether a question asks what the book under review covers ("what does most of the book describe?"). */
export function asksWhatTheBookCovers(question: string): boolean {
  return BOOK_CONTENT_ASKED.test(question);
}

/** Whether a paragraph says what the book under review covers ("The book is largely a description of …"). */
export function saysWhatTheBookCovers(text: string): boolean {
  return DESCRIBES_THE_BOOK.test(text);
}

/**
 * What may follow a paragraph's number in words: the end, punctuation, a joiner, or a word asking
 * what it says. Anything else makes it a word of the sentence: "a paragraph one could quote",
 * "paragraph 5 and one more thing", "the paragraph two pages before".
 */
const AFTER_NUMBER_WORD = String.raw`\s*$|\s*[?.!,;:)]|\s+(?:and|to|or|&|say|says|said|mean|means|meant|tell|tells|talk|talks|argue|argues|is|was|about|in|on|explain|show|shows)\b|\s*[-–—]|\s+of\s+(?:the\s+|this\s+)?(?:review|article|piece|text)\b`;
/** A paragraph's number, in digits or in words ("twenty-one"). */
const NUMBER = String.raw`(?:\d{1,4}|${NUMBER_WORD}(?=${AFTER_NUMBER_WORD}))`;

/**
 * Paragraphs named by number: "¶13", "paragraph 21", "paras 12-14", "paragraphs 12, 13 and 14",
 * "paragraphs 12 and 20", "paragraph twenty-one". A dash or "to" joins a range; a comma, "and" or
 * "&" lists. Numbers in words count only here, after a word for paragraphs: "one of the victims" is no paragraph.
 */
const NUMBERED = new RegExp(
  String.raw`(?:¶\s*|\b(?:paragraphs?|paras?)\.?\s+)(${NUMBER}(?:\s*(?:,\s*(?:and\s+)?|\band\b|&|-|–|—|\bto\b)\s*(?:¶\s*)?${NUMBER})*)\b`,
  "iu",
);

/** "towards the end", "at the start": a preposition that only places. */
const PLACE_PREPOSITION = /\b(?:in|at|near|towards?|from|by)\s*$/i;

/** "the first paragraph", "the last lines": one paragraph, not the opening or close at large. */
const ONE_PARAGRAPH = /\b(?:paragraph|lines?|sentences?|words)\b/i;

/** How many paragraphs "the opening" or "the close" spans when a subject is asked about in it. */
const EDGE_PARAGRAPHS = 4;

/** "Near the end", "towards the start": vaguer than "at the end", so twice the span. */
const VAGUE_EDGE = /\b(?:near|towards?)\s/i;

function edgeSpan(match: string): number {
  return VAGUE_EDGE.test(match) ? 2 * EDGE_PARAGRAPHS : EDGE_PARAGRAPHS;
}

/**
 * Finds a reference to a section, the opening or the close of a document in a question.
 * A section counts when its heading is named with a word for a part ("the purge trials
 * section", "the part called Heroic opposition"); a heading's words alone are a subject.
 */
export function findStructureReference(question: string, sections: readonly Section[]): StructureReference | undefined {
  const folded = fold(question);
  const paragraphs = sections.at(-1)?.last ?? 0;
  if (paragraphs === 0) return undefined;
  // "Explain paragraph 21", "what does ¶13 mean?", "in paras 12-14, …": the paragraphs by number
  // (past the end, or too many to quote, the answer says so).
  const numbered = NUMBERED.exec(folded);
  if (numbered) {
    const numbers = paragraphNumbers(numbered[1]!);
    return { first: numbers[0]!, last: numbers.at(-1)!, numbers, kind: "paragraphs", rest: cut(question, numbered) };
  }
  // "Who was Stalin?" asked as the review heads a section with it: the section poses the question to answer it.
  // (A heading that only labels a topic, "Total fabrication", is a subject like any other.)
  const patterns = sectionPatterns(sections);
  const asked = bareWords(folded);
  const headed = patterns.find((p) => p.asksQuestion && p.bareHeading === asked);
  if (headed) return { first: headed.section.first, last: headed.section.last, kind: "section", rest: "", heading: headed.heading };
  // Every section's pattern names a part: a question naming none is tried against no pattern.
  const namesPart = NAMES_PART.test(folded);
  for (const { section, pattern, heading } of namesPart ? patterns : []) {
    const named = pattern.exec(folded);
    if (!named) continue;
    // "At the start of the purge trials section": its first few paragraphs; "the end of …": its last.
    const edge = new RegExp(`^${EDGE_OF}`, "i").exec(named[0]);
    const span = Math.min(EDGE_PARAGRAPHS, section.last - section.first + 1);
    const [first, last] = !edge
      ? [section.first, section.last]
      : /start|beginning|opening/i.test(edge[0])
        ? [section.first, section.first + span - 1]
        : [section.last - span + 1, section.last];
    return { first, last, kind: "section", rest: cut(question, named), heading };
  }
  const firstSection = sections[0];
  if (OVERVIEW.test(folded) && firstSection)
    return { first: 1, last: Math.min(EDGE_PARAGRAPHS - 1, firstSection.last), kind: "overview", rest: "" };
  const opening = OPENING.exec(folded);
  if (opening && firstSection) {
    const rest = cutAll(cut(question, opening), OPENING);
    const last = /\b(?:intro|introduction)\b/i.test(opening[0])
      ? firstSection.last
      : ONE_PARAGRAPH.test(opening[0])
        ? 1
        : Math.min(edgeSpan(opening[0]), firstSection.last);
    return { first: 1, last, kind: "opening", rest };
  }
  const closing = CLOSING.exec(folded);
  // "the end of the revolution" is a subject, not the document's close.
  if (closing && !/^\s+of\s/i.test(folded.slice(closing.index + closing[0].length))) {
    const first = ONE_PARAGRAPH.test(closing[0]) ? paragraphs : Math.max(1, paragraphs - edgeSpan(closing[0]) + 1);
    return { first, last: paragraphs, kind: "closing", rest: cutAll(cut(question, closing), CLOSING) };
  }
  return undefined;
}

/** Folded words without punctuation, one space apart: "who was Stalin??" and "[Who was Stalin?]" alike. */
function bareWords(folded: string): string {
  return folded
    .replace(/[^\p{L}\p{N}\s]/gu, " ")
    .trim()
    .split(/\s+/)
    .join(" ");
}

/** The question less every further naming of the same place: "what's the conclusion — how does it end?" */
function cutAll(rest: string, place: RegExp): string {
  for (let again = place.exec(fold(rest)); again; again = place.exec(fold(rest))) rest = cut(rest, again);
  return rest;
}

/** Each titled section's pattern, compiled once per list of sections rather than once per question. */
const PATTERNS = new WeakMap<readonly Section[], readonly TitledSection[]>();

/** A titled section, its heading as words, and the pattern that finds it named in a (folded) question. */
interface TitledSection {
  section: Section;
  pattern: RegExp;
  /** The heading folded, without its brackets and question mark: "who was stalin". */
  heading: string;
  /** Whether the heading asks a question ("[Who was Stalin?]"), which its section answers. */
  asksQuestion: boolean;
  /** The heading as {@link bareWords}: what a question asking it alone reads as. */
  bareHeading: string;
}

/** The titled sections with the pattern that finds each named in a (folded) question. */
function sectionPatterns(sections: readonly Section[]): readonly TitledSection[] {
  let patterns = PATTERNS.get(sections);
  if (!patterns) {
    patterns = sections.flatMap((section) => {
      if (!section.title) return [];
      const words = fold(section.title.replace(/[[\]?]/g, ""))
        .trim()
        .split(/\s+/);
      // The whole heading, or one telling word of it before a word for a part ("the fabrication section").
      const title = words.join(String.raw`\s+`);
      const telling = words.filter((w) => w.length >= 5 && !STOP_WORDS.has(w));
      const short = telling.length > 0 ? String.raw`|(?:the\s+)?(?:${telling.join("|")})\s+${PART}` : "";
      const pattern = new RegExp(
        String.raw`(?:${EDGE_OF})?(?:(?:the\s+)?${PART}\s+(?:on|about|called|titled|headed|named)?\s*(?:the\s+)?["“']?${title}["”']?|(?:the\s+)?["“']?${title}["”']?\s+${PART}${short})\b`,
        "i",
      );
      const heading = words.join(" ");
      return [{ section, pattern, heading, asksQuestion: section.title.includes("?"), bareHeading: bareWords(heading) }];
    });
    PATTERNS.set(sections, patterns);
  }
  return patterns;
}

/** The question less the matched words (and a preposition left dangling before them). */
function cut(question: string, match: RegExpExecArray): string {
  // fold() keeps lengths for the characters questions use, so offsets carry over; else fall back to the folded text.
  const source = fold(question).length === question.length ? question : fold(question);
  const before = source.slice(0, match.index).replace(PLACE_PREPOSITION, "");
  return `${before} ${source.slice(match.index + match[0].length)}`.replace(/\s+/g, " ").trim();
}
