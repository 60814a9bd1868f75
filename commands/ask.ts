/**
 * /ask question [results] [public] — the passages of the review that answer a question, quoted
 * verbatim with the answering sentence in bold, each cited "¶12 · Purge trials".
 * Button: "More results" (stateless; its custom id, like every other, is made in src/bot/custom-ids.ts).
 *
 * Study groups: with a reading position set (/plan), only paragraphs up to it are cited; a
 * question answered further on gets a neutral reply and a private "Show anyway (spoiler)" button
 * (`spoil:`). Inside a discussion thread the thread's passage
 * is preferred (boosted, not restricted).
 */
import { declineMessage, pastPosition } from "../src/format/declines.ts";
import type { APIButtonComponent, APIEmbed } from "discord-api-types/v10";
import { ButtonStyle } from "../src/bot/discord-values.ts";
import { MAX_COMMENT } from "../src/storage/schema.ts";
import type { Decline, Passage, ReviewSearch } from "../src/search/index.ts";
import { cutText } from "../src/bot/cut.ts";
import { LIMITS } from "../src/bot/limits.ts";
import { escapeMarkdown, withoutDiscordSyntax } from "../src/bot/markdown.ts";
import {
  button,
  COLORS,
  footer,
  isPublicReply,
  notice,
  passageButtons,
  passageField,
  questionTitle,
  reply,
  rowsOf,
  STALE_BUTTON,
} from "../src/bot/replies.ts";
import { defineCommand } from "../src/bot/registry.ts";
import { cleanQuery, cleanText } from "../src/search/input.ts";
import { encodeComponentId, parseComponentId, PREFIX } from "../src/bot/custom-ids.ts";
import { formatRef, parseReaderReference, type ParagraphRef } from "../src/corpus/ref.ts";
import type { HandlerContext, Reply } from "../src/bot/types.ts";

/** Said where a spoiler would be offered, when the server's /settings keep spoilers hidden. */
export const STRICT_SPOILERS = "This server keeps what lies past the reading position hidden until the group gets there.";

/** Passages fetched per question; "More results" pages through them. */
export const MAX_RESULTS = 5;
/** Passages shown when `results` is not given. */
export const DEFAULT_RESULTS = 1;
/** Longest question accepted (Discord enforces it too). */
export const MAX_QUESTION = 300;

const command = defineCommand({
  name: "ask",
  description: "Ask a question about the review: get the passages that answer it, quoted and cited",
  options: {
    question: {
      type: "string",
      description: "Your question, e.g. what happened to Trotsky's family?",
      required: true,
      maxLength: MAX_QUESTION,
    },
    results: {
      type: "integer",
      description: `How many passages to show (1-${MAX_RESULTS}, default ${DEFAULT_RESULTS})`,
      minValue: 1,
      maxValue: MAX_RESULTS,
    },
    public: { type: "boolean", description: "Show the answer to the whole channel (default: only you see it)" },
  },
  examples: [
    "/ask question: what happened to Trotsky's family?",
    "/ask question: who was Leopold Trepper? results: 3",
    "/ask question: what does the reviewer think of the book?",
  ],
  // A question with nothing to search ("!!!") is answered with a hint and costs no turn.
  cooldown: (options) => "text" in cleanQuery(withoutDiscordSyntax(options.question)),
  isPublic: (options, ctx) => isPublicReply(ctx, options.public),
  execute(options, ctx): Reply | Promise<Reply> {
    const ephemeral = !isPublicReply(ctx, options.public);
    const count = options.results ?? DEFAULT_RESULTS;
    const upTo = ctx.readingPosition;
    const discussion = ctx.discussion;
    const boostSection = discussion ? { first: discussion.first, last: discussion.last } : undefined;
    // Searched without Discord's syntax (custom emoji, links, mentions); echoed and logged as asked.
    const lookup = withoutDiscordSyntax(options.question);
    // "/ask 42", "/ask ¶42": a paragraph wanted, which /quote gives.
    const reference = parseReaderReference(lookup, ctx.search.documentIds);
    const pastWithOffer = (said: string, passages: readonly ParagraphRef[]): Reply =>
      pastReply(ctx, said, passages, count, options.question, ephemeral);
    if (reference) {
      const ref = reference.doc === null ? String(reference.paragraph) : `${reference.doc}:${reference.paragraph}`;
      const review = ctx.search.primary;
      const ofTheReview = reference.doc === null || reference.doc === review.meta.id;
      const paragraphs = review.paragraphs.length;
      if (ofTheReview && (reference.paragraph < 1 || reference.paragraph > paragraphs)) {
        return notice(declineMessage({ code: "out-of-range", paragraph: String(reference.paragraph), title: null, paragraphs }), true);
      }
      // Past the reading position /quote would refuse it: said as /quote says it, with its offer, rather than send them there.
      if (upTo !== null && ofTheReview && reference.paragraph > upTo) {
        return pastWithOffer(pastPosition([reference.paragraph], upTo), [{ doc: review.meta.id, paragraph: reference.paragraph }]);
      }
      return notice(`To read ¶${reference.paragraph}, use /quote ${ref}: /ask takes a question.`, true);
    }
    const answer = ctx.search.ask(lookup, { limit: MAX_RESULTS, upTo: upTo ?? undefined, boostSection });
    if (answer.reason?.code === "beyond-position") {
      // Neutral: nothing in the wording hints at where the answer is. The spoiler is one click away, privately.
      return pastWithOffer(declineMessage(answer.reason), ctx.search.ask(lookup, { limit: MAX_RESULTS, boostSection }).results);
    }
    if (answer.results.length === 0) {
      const message = (answer.reason && declineMessage(answer.reason)) ?? "The review does not say anything about that.";
      const notCovered = answer.reason?.code === "not-covered";
      // "The review does not say" may go to the channel if asked; a mistyped question stays private.
      const content = `${escapeMarkdown(message)}${notCovered ? " /about shows what the review covers." : ""}`;
      if (!notCovered) return notice(content, true);
      // Asked of the bot ("help", "how does /quote work?"): /help answers it, so it is no gap in
      // the review — neither logged for /unanswered nor offered to the group.
      if (askedOfTheBot(answer.reason)) return reply({ content, ephemeral });
      const question = cleanText(options.question);
      return logged(ctx, { question, paragraphs: [], answered: false, reason: answer.reason?.code ?? null }, (askId) => {
        const group = askGroupId(askId, question);
        return reply({ content, components: group ? rowsOf([[button(group, "Ask the group")]]) : [], ephemeral });
      });
    }
    const page = (answerId: string | null) =>
      answerPage(ctx.search, {
        // Echoed as the search read it: no control characters, escape sequences or invisible characters.
        question: cleanText(options.question),
        intro: answer.answered
          ? null
          : `${escapeMarkdown((answer.reason && declineMessage(answer.reason)) ?? "The review does not seem to cover that.")}\n\nMaybe related:`,
        passages: answer.results,
        offset: 0,
        // Paragraphs named together, or the parts of a question in two, are shown together.
        count: Math.max(count, answer.together ?? 0),
        ephemeral,
        cap: upTo,
        answerId,
        askGroup: answer.answered ? null : askGroupId(answerId, cleanText(options.question)),
      });
    const entry = {
      question: cleanText(options.question),
      paragraphs: answer.results.filter((r) => r.doc === ctx.search.primary.meta.id).map((r) => r.paragraph),
      answered: answer.answered,
      reason: answer.answered ? null : (answer.reason?.code ?? null),
    };
    return logged(ctx, entry, page);
  },
  buttons: { [PREFIX.more]: more, [PREFIX.spoiler]: showSpoiler, [PREFIX.vote]: vote, [PREFIX.group]: askTheGroup },
  // "Ask the group" posts to the channel: each click counts against the member cooldown, as Post to channel does.
  publicButtons: [PREFIX.group],
  modals: { [PREFIX.wanted]: wanted },
});
export default command;

interface PageInput {
  question: string | null;
  /** Markdown shown above the passages (a decline's reason), or null. */
  intro: string | null;
  /** Every ranked passage (up to five); the page shows `count` of them from `offset`. */
  passages: readonly (Omit<Passage, "excerpt" | "score"> & { excerpt: string | null })[];
  offset: number;
  count: number;
  ephemeral: boolean;
  /** The reading position the page was made under: its context buttons carry it. */
  cap?: number | null;
  /** No buttons at all (a spoiler shown on request is not to be passed on). */
  bare?: boolean;
  /** The logged ask this page answers: it gets 👍 / 👎 buttons. */
  answerId?: string | null;
  /** An "Ask the group" button's id, for a question the review does not answer. */
  askGroup?: string | null;
}

/** "Passages 2–3 of 5:" over a later page; one passage is "Passage 5 of 5:", not "Passages 5–5". */
function pageHeading(offset: number, shown: number, total: number): string {
  return shown === 1 ? `Passage ${offset + 1} of ${total}:` : `Passages ${offset + 1}–${offset + shown} of ${total}:`;
}

/** One page of an answer: an embed of cited passages, "More results", context and post buttons. */
export function answerPage(search: ReviewSearch, input: PageInput): Reply {
  const { passages, offset, count, ephemeral } = input;
  const page = passages.slice(offset, offset + count);
  const title = input.question ? questionTitle(input.question) : "More results";
  const description = input.intro ?? (offset > 0 ? pageHeading(offset, page.length, passages.length) : undefined);
  const foot = footer(search, page);
  // Share what is left of the 6,000 characters between the passages; citations are never cut.
  const fixed = title.length + (description?.length ?? 0) + foot.text.length;
  const each = Math.floor((LIMITS.embedsTotal - fixed - 100) / Math.max(1, page.length)) - 40;
  const embed: APIEmbed = {
    title,
    color: input.intro ? COLORS.related : COLORS.answer,
    fields: page.map((p) => passageField(search, p, Math.min(LIMITS.fieldValue, each))),
    footer: foot,
  };
  if (description) embed.description = description;

  if (input.bare) return reply({ embeds: [embed], ephemeral });
  const next = offset + page.length;
  const moreId =
    next < passages.length
      ? encodeComponentId({ kind: "more", offset: next, count, refs: passages.map(refOfPassage), question: input.question })
      : null;
  const moreButton = moreId ? [button(moreId, `More results (${passages.length - next} more)`, ButtonStyle.Primary)] : [];
  const votes = [
    ...(input.answerId ? voteButtons(input.answerId) : []),
    ...(input.askGroup ? [button(input.askGroup, "Ask the group")] : []),
  ];
  return reply({ embeds: [embed], components: rowsOf([moreButton, ...passageButtons(page, ephemeral, input.cap), votes]), ephemeral });
}

/** Whether a decline is of a question to the bot itself rather than to the review. */
function askedOfTheBot(reason: Decline | undefined): boolean {
  return reason?.code === "not-covered" && reason.scope?.code === "about-the-group" && reason.scope.asks === "bot";
}

// ---- Feedback: 👍 / 👎 on a logged answer, and the 👎 form "What were you looking for?" ----

/** The unanswered log and feedback keep the /ask of a server, never of a direct message. */
type AskEntry = { question: string; paragraphs: number[]; answered: boolean; reason: string | null };

/** Logs the ask (in a server with storage) and makes the reply with its id; without storage, the reply alone. */
function logged(ctx: HandlerContext, entry: AskEntry, make: (answerId: string | null) => Reply): Reply | Promise<Reply> {
  const { store, guildId } = ctx;
  if (!store || guildId === null) return make(null);
  return store.recordAsk({ ...entry, guildId, at: new Date(ctx.clock.now()) }).then(make);
}

function voteButtons(answerId: string): APIButtonComponent[] {
  return (["up", "down"] as const).flatMap((vote) => {
    const id = encodeComponentId({ kind: "vote", vote, answerId });
    return id ? [button(id, vote === "up" ? "👍" : "👎")] : [];
  });
}

export const WANTED_FIELD = "wanted";

/** 👍 / 👎 on an answer: one vote per member per answer, changeable. 👎 opens "What were you looking for?". */
async function vote(customId: string, ctx: HandlerContext): Promise<Reply> {
  const id = parseComponentId(customId, "vote");
  const { store, guildId } = ctx;
  const formId = id && encodeComponentId({ kind: "wanted", answerId: id.answerId });
  if (!id || !formId || !store || guildId === null) return notice(STALE_BUTTON);
  const { vote: choice, answerId } = id;
  const asked = await store.loggedAsk(answerId);
  if (!asked || asked.guildId !== guildId) return notice(STALE_BUTTON);
  const before = await store.vote({ answerId, userId: ctx.user.id, guildId, vote: choice, at: new Date(ctx.clock.now()) });
  if (choice === "up") {
    return notice(
      before === "up"
        ? "You already said this answer helped: your 👍 stands."
        : before === "down"
          ? "Changed your vote to 👍. Thanks!"
          : "Thanks: your 👍 is counted (one vote per answer; 👎 changes it).",
    );
  }
  return reply({
    content: `${before === "up" ? "Changed your vote to 👎." : "Your 👎 is counted."} Click 👎 again to say what you were looking for.`,
    ephemeral: true,
    modal: {
      customId: formId,
      title: "What were you looking for?",
      fields: [
        {
          customId: WANTED_FIELD,
          label: "What were you looking for? (optional)",
          style: "paragraph",
          required: false,
          maxLength: MAX_COMMENT,
          placeholder: "e.g. the date of the purge trials",
        },
      ],
    },
  });
}

// ---- "Ask the group": the logged ask, or the question itself without storage ----

/** The id of "Ask the group": the logged ask, or the question itself when it fits; null otherwise. */
export function askGroupId(askId: string | null, question: string): string | null {
  return encodeComponentId(askId ? { kind: "group", answerId: askId } : { kind: "group", question });
}

/**
 * Posts a question the review does not answer to the channel, so members can answer it: the
 * question escaped (no markdown, no live mention), nobody pinged, nobody named.
 */
async function askTheGroup(customId: string, ctx: HandlerContext): Promise<Reply> {
  const id = parseComponentId(customId, "group");
  let question: string | null = null;
  if (id && "question" in id) question = id.question;
  else if (id) {
    const asked = ctx.store ? await ctx.store.loggedAsk(id.answerId) : null;
    if (asked && asked.guildId === ctx.guildId) question = asked.question;
  }
  const text = question?.replace(/\s+/g, " ").trim();
  if (!text) return notice(STALE_BUTTON);
  return reply({
    content: `**A question for the group** — the review does not answer it:\n> ${escapeMarkdown(cutText(text, MAX_QUESTION))}\nCan anyone help? Answer here in the channel.`,
    ephemeral: false,
  });
}

/** The 👎 form: what the member was looking for, kept with the question for the organisers (never with the member's name). */
async function wanted(customId: string, fields: Readonly<Record<string, string>>, ctx: HandlerContext): Promise<Reply> {
  const id = parseComponentId(customId, "wanted");
  const { store, guildId } = ctx;
  if (!id || !store || guildId === null) return notice(STALE_BUTTON);
  const { answerId } = id;
  const asked = await store.loggedAsk(answerId);
  if (!asked || asked.guildId !== guildId) return notice(STALE_BUTTON);
  const comment = (fields[WANTED_FIELD] ?? "").replace(/\s+/g, " ").trim().slice(0, MAX_COMMENT);
  await store.comment({ answerId, userId: ctx.user.id, guildId, comment, at: new Date(ctx.clock.now()) });
  return notice(
    comment
      ? `Thanks: your 👎 is counted, noting you were looking for “${escapeMarkdown(comment)}”. The organisers see it in /unanswered, without your name.`
      : "Thanks: your 👎 is counted. The organisers see the question in /unanswered, without your name.",
  );
}

// ---- "More results" and "Show anyway (spoiler)" ----

function refOfPassage(p: { doc: string; paragraph: number }): ParagraphRef {
  return { doc: p.doc, paragraph: p.paragraph };
}

/** The "Show anyway (spoiler)" button's id: the whole corpus's passages, by reference. */
/**
 * The offer of passages past the reading position: a private "Show anyway (spoiler)" button that
 * shows `count` of them, or, where the server keeps spoilers strict, none and what to add to the reply.
 */
export function spoilerOffer(
  ctx: HandlerContext,
  passages: readonly ParagraphRef[],
  count: number,
  asked: string,
): { strictSaid: string; buttons: APIButtonComponent[][] } {
  if (ctx.settings?.spoilers === "strict") return { strictSaid: ` ${STRICT_SPOILERS}`, buttons: [] };
  const spoilId = passages.length > 0 ? encodeSpoilerId(passages, count, asked) : null;
  return { strictSaid: "", buttons: spoilId ? [[button(spoilId, "Show anyway (spoiler)")]] : [] };
}

/** What lies past the reading position, said (`said`), with {@link spoilerOffer}'s offer. */
export function pastReply(
  ctx: HandlerContext,
  said: string,
  passages: readonly ParagraphRef[],
  count: number,
  asked: string,
  ephemeral: boolean,
): Reply {
  const offer = spoilerOffer(ctx, passages, count, asked);
  return reply({ content: escapeMarkdown(`${said}${offer.strictSaid}`), components: rowsOf(offer.buttons), ephemeral });
}

export function encodeSpoilerId(passages: readonly { doc: string; paragraph: number }[], count: number, question: string): string | null {
  return encodeComponentId({ kind: "spoiler", count, refs: passages.map(refOfPassage), question });
}

/** "Show anyway (spoiler)": the answer past the reading position, only for the one who clicked, with no buttons to pass it on. */
function showSpoiler(customId: string, ctx: HandlerContext): Reply {
  if (ctx.settings?.spoilers === "strict") return notice(`Not yet. ${STRICT_SPOILERS}`);
  const parsed = parseComponentId(customId, "spoiler");
  const passages = parsed ? resolveRefs(ctx.search, parsed.refs) : null;
  if (!parsed || !passages) return notice(STALE_BUTTON);
  const excerpts = new Map<string, string>();
  if (parsed.question) {
    for (const r of ctx.search.ask(withoutDiscordSyntax(parsed.question), { limit: MAX_RESULTS }).results)
      excerpts.set(formatRef(r), r.excerpt);
  }
  return answerPage(ctx.search, {
    question: parsed.question,
    intro: "Spoiler: this lies past where your group has read.",
    passages: passages.map((p) => ({ ...p, excerpt: excerpts.get(formatRef(p)) ?? null })),
    offset: 0,
    count: parsed.count,
    ephemeral: true,
    bare: true,
  });
}

/** The paragraphs of a button's refs; null when one no longer exists. */
function resolveRefs(
  search: ReviewSearch,
  refs: readonly ParagraphRef[],
): { doc: string; paragraph: number; section: string | null; text: string }[] | null {
  const out = [];
  for (const r of refs) {
    const p = search.paragraph(r.doc, r.paragraph);
    if (!p) return null;
    out.push({ doc: p.doc, paragraph: p.number, section: p.section, text: p.text });
  }
  return out;
}

/**
 * The "More results" button: the next page, only for the one who clicked. Its passages were
 * chosen under the position of the time; a position moved back since drops those past it.
 */
function more(customId: string, ctx: HandlerContext): Reply {
  const parsed = parseComponentId(customId, "more");
  if (!parsed) return notice(STALE_BUTTON);
  const resolved = resolveRefs(ctx.search, parsed.refs);
  if (!resolved) return notice(STALE_BUTTON);
  const upTo = ctx.readingPosition;
  const passages =
    upTo === null
      ? resolved.map((p) => ({ doc: p.doc, number: p.paragraph, section: p.section, text: p.text }))
      : resolved
          .filter((p) => p.doc === ctx.search.primary.meta.id && p.paragraph <= upTo)
          .map((p) => ({ doc: p.doc, number: p.paragraph, section: p.section, text: p.text }));
  if (parsed.offset >= passages.length) {
    return notice(upTo === null ? "There are no more passages for that question." : `There are no more passages up to ¶${upTo}.`);
  }
  // Re-run the question (deterministic) only to mark the answering sentences again.
  const excerpts = new Map<string, string>();
  if (parsed.question) {
    for (const r of ctx.search.ask(withoutDiscordSyntax(parsed.question), { limit: MAX_RESULTS, upTo: upTo ?? undefined }).results)
      excerpts.set(formatRef(r), r.excerpt);
  }
  return answerPage(ctx.search, {
    question: parsed.question,
    intro: null,
    passages: passages.map((p) => ({
      doc: p.doc,
      paragraph: p.number,
      section: p.section,
      text: p.text,
      excerpt: excerpts.get(formatRef({ doc: p.doc, paragraph: p.number })) ?? null,
    })),
    offset: parsed.offset,
    count: parsed.count,
    ephemeral: true,
    cap: upTo,
  });
}
