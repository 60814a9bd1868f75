/**
 * "Find in the review" — a message command (right-click a member's message → Apps). The
 * passages of the review that the message's words point to, privately, cited, with Post to
 * channel. The message arrives with the interaction (Discord's exception to the Message Content
 * intent). A message with no text gets a plain "nothing to look up"; a long one is looked up by
 * its most telling sentences. Spoiler-safe like /ask: under a reading position, nothing past it.
 */
import { declineMessage } from "../src/format/declines.ts";
import type { ReviewSearch } from "../src/search/index.ts";
import { escapeMarkdown, withoutDiscordSyntax } from "../src/bot/markdown.ts";
import { defineMessageCommand, type TargetMessage } from "../src/bot/message-commands.ts";
import { notice } from "../src/bot/replies.ts";
import type { HandlerContext, Reply } from "../src/bot/types.ts";
import { answerPage, MAX_QUESTION, MAX_RESULTS, pastReply } from "./ask.ts";

export const FIND_NAME = "Find in the review";
/** Passages shown at first; "More results" pages through the rest. */
const SHOWN = 3;

export const NOTHING_TO_LOOK_UP =
  "There is nothing to look up in that message: it has no text (an image, a sticker or a link alone). Right-click a message with words in it.";

const command = defineMessageCommand({
  name: FIND_NAME,
  summary: "Right-click a message → Apps → Find in the review: the passages its words point to, only for you, with Post to channel",
  execute(target: TargetMessage, ctx: HandlerContext): Reply {
    const text = plainText(target.content);
    if (!/[\p{L}\p{N}]/u.test(text)) return notice(NOTHING_TO_LOOK_UP);
    const upTo = ctx.readingPosition ?? undefined;
    const boostSection = ctx.discussion ? { first: ctx.discussion.first, last: ctx.discussion.last } : undefined;
    const query = tellingText(ctx.search, text, MAX_QUESTION, upTo);
    const answer = ctx.search.ask(query, { limit: MAX_RESULTS, upTo, boostSection });
    if (answer.reason?.code === "beyond-position") {
      const whole = ctx.search.ask(query, { limit: MAX_RESULTS, boostSection });
      return pastReply(ctx, declineMessage(answer.reason), whole.results, SHOWN, query, true);
    }
    if (answer.results.length === 0) {
      return notice(`The review does not say anything about what that message is about. /about shows what it covers.`);
    }
    return answerPage(ctx.search, {
      question: query,
      intro: answer.answered
        ? null
        : `${escapeMarkdown((answer.reason && declineMessage(answer.reason)) ?? "The review does not seem to cover that.")}\n\nMaybe related:`,
      passages: answer.results,
      offset: 0,
      count: Math.min(SHOWN, answer.results.length),
      ephemeral: true,
      cap: ctx.readingPosition,
    });
  },
});
export default command;

/** The words of a Discord message: mentions, custom emoji, timestamps, links and markdown marks removed. */
export function plainText(content: string): string {
  return withoutDiscordSyntax(content)
    .replace(/[*_~`|>]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/** The message's sentences (a line break ends one too), without empty ones. */
export function sentencesOf(text: string): string[] {
  return text
    .split(/(?<=[.!?…])\s+|\n+/)
    .map((s) => s.trim())
    .filter((s) => /[\p{L}\p{N}]/u.test(s));
}

/** The text cut at a word boundary to at most `max` characters. */
function cutWords(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max + 1);
  const space = cut.lastIndexOf(" ");
  return (space > max / 2 ? cut.slice(0, space) : text.slice(0, max)).trim();
}

/** At most this many sentences of a long message are looked up together. */
const TELLING_SENTENCES = 2;

/**
 * What to look up: the whole text when it fits in a question; otherwise its most telling
 * sentences — those the review answers (questions first, then by score), else the best scored —
 * at most two, kept in the message's order, within `max` characters.
 */
export function tellingText(search: ReviewSearch, text: string, max: number, upTo?: number): string {
  const flat = text.replace(/\s+/g, " ").trim();
  if (flat.length <= max) return flat;
  const sentences = sentencesOf(text).map((s, index) => {
    const candidate = cutWords(s, max);
    const answer = search.ask(candidate, { limit: 1, upTo });
    return { index, text: candidate, answered: answer.answered, question: candidate.endsWith("?"), score: answer.results[0]?.score ?? 0 };
  });
  const answered = sentences.filter((s) => s.answered);
  const pool = answered.length > 0 ? answered : sentences.filter((s) => s.score > 0);
  const ranked = [...pool].sort((a, b) => Number(b.question) - Number(a.question) || b.score - a.score || a.index - b.index);
  const chosen: typeof sentences = [];
  let length = 0;
  for (const s of ranked) {
    if (chosen.length === TELLING_SENTENCES) break;
    const extra = s.text.length + (chosen.length > 0 ? 1 : 0);
    if (length + extra > max) continue;
    chosen.push(s);
    length += extra;
  }
  if (chosen.length === 0) return cutWords(flat, max);
  return chosen
    .sort((a, b) => a.index - b.index)
    .map((s) => s.text)
    .join(" ");
}
