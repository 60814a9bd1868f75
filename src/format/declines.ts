/**
 * Declines in a reader's words. The search core says why it did not answer as a code and facts
 * (src/search/types.ts); the bot, the console and the CLI say it to people, all with these words.
 */
import { rangeLabel, type Decline, type RangeProblem, type ScopeReason } from "../search/index.ts";

/** The example question a reader is offered when theirs gives nothing to search for. */
const EXAMPLE_QUESTION = "what happened to Trotsky's family?";

/** Why a question or a lookup was not answered, as one or two plain sentences (not markdown). */
export function declineMessage(decline: Decline): string {
  switch (decline.code) {
    case "empty":
      return "There is nothing to look up: type a question or a phrase from the review.";
    case "too-long":
      return `That is ${decline.length.toLocaleString("en")} characters; please ask in at most ${decline.max.toLocaleString("en")}.`;
    case "no-words":
      if (decline.asked === "phrase") {
        return "That has no words or number in it: give a paragraph number such as 42, or a phrase you remember from the review.";
      }
      return decline.asked === "question"
        ? `That has no words in it to search for: try a question such as “${EXAMPLE_QUESTION}”.`
        : "That has no words to search for beyond question words: name who or what you are asking about.";
    case "not-english":
      return `The review is in English, and I answer questions in English: please ask in English, e.g. “${EXAMPLE_QUESTION}”.`;
    case "out-of-range":
      return `There is no ¶${decline.paragraph}: ${decline.title === null ? "the review" : `“${decline.title}”`} has paragraphs 1 to ${decline.paragraphs}.`;
    case "bad-range":
      return rangeProblemMessage(decline.problem, decline.upTo ?? null);
    case "not-covered":
      return decline.scope ? explainScope(decline.scope, decline.documentDate) : "The review does not say anything about that.";
    case "no-match":
      return "No passage of the review reads like that. Try fewer words, or /ask a question instead.";
    case "beyond-position":
      return decline.paragraphs?.length
        ? pastPosition(decline.paragraphs, decline.upTo)
        : `Nothing up to ¶${decline.upTo} answers that yet.`;
    case "error":
      return "Something went wrong looking that up.";
  }
}

/**
 * What is wrong with a paragraph range, in a reader's words. Under a reading position (`upTo`) a
 * shorter range is suggested only within it, so the suggestion is itself accepted; a range that
 * starts past it is said to be past it instead.
 */
export function rangeProblemMessage(problem: RangeProblem, upTo: number | null = null): string {
  if (problem.kind === "no-paragraph") return `There is no ¶${problem.paragraph}: the review has paragraphs 1 to ${problem.paragraphs}.`;
  const asked = `¶${problem.first}–${problem.last}`;
  if (upTo !== null && problem.first > upTo) return `${asked} goes past where your group has read (¶${upTo}).`;
  const last = Math.min(problem.first + problem.max - 1, upTo ?? Number.POSITIVE_INFINITY);
  const suggestion = last === problem.first ? `¶${problem.first}` : `¶${problem.first}–${last}`;
  return `At most ${problem.max} paragraphs at a time: ${asked} is ${problem.last - problem.first + 1}. Try ${suggestion}.`;
}

/**
 * Paragraphs asked for by number that lie past the reading position, as /quote and /ask say it:
 * "¶21 is past where your group has read (¶10).", "¶12–14 are …" (a run of numbers as a range).
 */
export function pastPosition(paragraphs: readonly number[], upTo: number): string {
  const runs: { first: number; last: number }[] = [];
  for (const n of [...new Set(paragraphs)].sort((a, b) => a - b)) {
    const run = runs.at(-1);
    if (run && n === run.last + 1) run.last = n;
    else runs.push({ first: n, last: n });
  }
  const verb = runs.length === 1 && runs[0]!.first === runs[0]!.last ? "is" : "are";
  return `${andList(runs.map(rangeLabel))} ${verb} past where your group has read (¶${upTo}).`;
}

/** The reason in a reader's words. */
function explainScope(reason: ScopeReason, documentDate: string | null): string {
  switch (reason.code) {
    case "foreign-name":
      return `The review does not seem to cover that (it never mentions ${quoteList(reason.names.map(capitalise))}).`;
    case "unknown-words":
    case "weak-match":
      return `The review does not seem to cover that${reason.words.length ? ` (it never mentions ${quoteList(reason.words)})` : ""}.`;
    case "no-fact":
      if (reason.kind !== "date") return "The review gives no figure for that.";
      return reason.aboutDocument && documentDate
        ? `No paragraph gives that date, but the review itself is dated ${documentDate}.`
        : "The review gives no date for that.";
    case "left-open":
      return `The review does not say: it leaves open “${reason.question.replace(/[?.!\s]+$/, "")}?”`;
    case "unsigned":
      return `The review does not name its writer${documentDate ? `; it is dated ${documentDate}` : ""}.`;
    case "about-the-group":
      return reason.asks === "bot"
        ? `That is a question about the bot, not the review: /help shows what ${reason.words} and the other commands do.`
        : `That is one for your group (“${reason.words}”): the review has nothing to say about it.`;
    case "near-miss":
      return `The review mentions ${andList(reason.names.map(capitalise))} but says nothing about ${quoteList(reason.missing)}.`;
  }
}

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

function andList(words: readonly string[]): string {
  return words.length > 1 ? `${words.slice(0, -1).join(", ")} and ${words.at(-1)}` : (words[0] ?? "");
}

function quoteList(words: readonly string[]): string {
  // Each word once: "dots … dots" typed twice is one word the review lacks.
  const quoted = [...new Set(words)].slice(0, 3).map((w) => `“${w}”`);
  return quoted.length > 1 ? `${quoted.slice(0, -1).join(", ")} or ${quoted.at(-1)}` : (quoted[0] ?? "");
}
