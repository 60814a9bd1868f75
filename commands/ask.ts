/**
 * /ask question [results] [public] — the passages of the review that answer a question, quoted
 * verbatim with the answering sentence in bold, each cited "¶12 · Purge trials".
 * Button: "More results" (`ask:more:<offset>:<count>:<refs>[:<question>]`, stateless).
 *
 * Study groups: with a reading position set (/plan), only paragraphs up to it are cited; a
 * question answered further on gets a neutral reply and a private "Show anyway (spoiler)" button
 * (`spoil:<offset>:<count>:<refs>[:<question>]`). Inside a discussion thread the thread's passage
 * is preferred (boosted, not restricted).
 */
import type { APIEmbed } from "discord-api-types/v10";
import { ButtonStyle } from "../src/bot/discord-values.ts";
import type { Passage, ReviewSearch } from "../src/search/index.ts";
import { cutMarkdown, cutText, escapeMarkdown, LIMITS } from "../src/bot/limits.ts";
import {
  button,
  COLORS,
  footer,
  isPublicReply,
  notice,
  passageButtons,
  passageField,
  reply,
  rowsOf,
  STALE_BUTTON,
} from "../src/bot/replies.ts";
import { defineCommand } from "../src/bot/registry.ts";
import { cleanQuery, cleanText } from "../src/search/input.ts";
import type { HandlerContext, Reply } from "../src/bot/types.ts";

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
  examples: ["/ask question: what happened to Trotsky's family?", "/ask question: who was Leopold Trepper? results: 3"],
  // A question with nothing to search ("!!!") is answered with a hint and costs no turn.
  cooldown: (options) => "text" in cleanQuery(options.question),
  isPublic: (options, ctx) => isPublicReply(ctx, options.public),
  execute(options, ctx): Reply {
    const ephemeral = !isPublicReply(ctx, options.public);
    const count = options.results ?? DEFAULT_RESULTS;
    const upTo = ctx.readingPosition;
    const discussion = ctx.discussion;
    const boostSection = discussion ? { first: discussion.first, last: discussion.last } : undefined;
    const answer = ctx.search.ask(options.question, { limit: MAX_RESULTS, upTo: upTo ?? undefined, boostSection });
    if (answer.reason?.code === "beyond-position") {
      // Neutral: nothing in the wording hints at where the answer is. The spoiler is one click away, privately.
      const whole = ctx.search.ask(options.question, { limit: MAX_RESULTS, boostSection });
      const spoilId = whole.results.length > 0 ? encodeSpoilerId(ctx.search, whole.results, count, options.question) : null;
      return reply({
        content: escapeMarkdown(answer.reason.message),
        components: spoilId ? rowsOf([[button(spoilId, "Show anyway (spoiler)")]]) : [],
        ephemeral,
      });
    }
    if (answer.results.length === 0) {
      const message = answer.reason?.message ?? "The review does not say anything about that.";
      const notCovered = answer.reason?.code === "not-covered" || answer.reason?.code === "no-match";
      // "The review does not say" may go to the channel if asked; a mistyped question stays private.
      return notice(
        `${escapeMarkdown(message)}${notCovered ? " /about shows what the review covers." : ""}`,
        notCovered ? ephemeral : true,
      );
    }
    return answerPage(ctx.search, {
      // Echoed as the search read it: no control characters, escape sequences or invisible characters.
      question: cleanText(options.question),
      intro: answer.answered
        ? null
        : `${escapeMarkdown(answer.reason?.message ?? "The review does not seem to cover that.")}\n\nMaybe related:`,
      passages: answer.results,
      offset: 0,
      count,
      ephemeral,
      cap: upTo,
    });
  },
  buttons: { ask: more, spoil: showSpoiler },
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
}

/** One page of an answer: an embed of cited passages, "More results", context and post buttons. */
export function answerPage(search: ReviewSearch, input: PageInput): Reply {
  const { passages, offset, count, ephemeral } = input;
  const page = passages.slice(offset, offset + count);
  const title = input.question
    ? cutMarkdown(escapeMarkdown(`“${cutText(input.question.replace(/\s+/g, " ").trim(), 200)}”`), LIMITS.embedTitle)
    : "More results";
  const description = input.intro ?? (offset > 0 ? `Passages ${offset + 1}–${offset + page.length} of ${passages.length}:` : undefined);
  const foot = footer(search, page[0]?.doc);
  // Share what is left of the 6,000 characters between the passages; citations are never cut.
  const fixed = title.length + (description?.length ?? 0) + foot.text.length;
  const each = Math.floor((LIMITS.embedsTotal - fixed - 100) / Math.max(1, page.length)) - 40;
  const embed: APIEmbed = {
    title,
    color: input.intro ? COLORS.related : COLORS.answer,
    fields: page.map((p) => passageField(p, Math.min(LIMITS.fieldValue, each))),
    footer: foot,
  };
  if (description) embed.description = description;

  if (input.bare) return reply({ embeds: [embed], ephemeral });
  const next = offset + page.length;
  const moreId = next < passages.length ? encodeMoreId(search, { offset: next, count, passages, question: input.question }) : null;
  const moreButton = moreId ? [button(moreId, `More results (${passages.length - next} more)`, ButtonStyle.Primary)] : [];
  return reply({ embeds: [embed], components: rowsOf([moreButton, ...passageButtons(page, ephemeral, input.cap)]), ephemeral });
}

// ---- "More results": ask:more:<offset>:<count>:<refs>[:<question>] ----

/** `42` for a paragraph of the main document, `1.7` for ¶7 of the second. */
function refOf(search: ReviewSearch, p: { doc: string; paragraph: number }): string {
  const index = search.documents.findIndex((d) => d.meta.id === p.doc);
  return index <= 0 ? String(p.paragraph) : `${index}.${p.paragraph}`;
}

/**
 * The custom id of a "More results" button: which passages (by paragraph, in rank order) and
 * where the next page starts. The question is appended when it fits in the 100 characters, so
 * the next page can mark its answering sentences again.
 */
export function encodeMoreId(
  search: ReviewSearch,
  m: { offset: number; count: number; passages: readonly { doc: string; paragraph: number }[]; question: string | null },
): string | null {
  const base = `ask:more:${m.offset}:${m.count}:${m.passages.map((p) => refOf(search, p)).join(",")}`;
  if (base.length > LIMITS.customId) return null;
  const question = m.question?.replace(/\s+/g, " ").trim();
  const withQuestion = question ? `${base}:${question}` : base;
  return withQuestion.length <= LIMITS.customId ? withQuestion : base;
}

export interface MoreId {
  offset: number;
  count: number;
  refs: { doc: number; paragraph: number }[];
  question: string | null;
}

/** Parses a "More results" custom id; null when it is malformed. */
export function parseMoreId(customId: string): MoreId | null {
  const m = /^ask:more:(\d{1,2}):([1-9]):((?:\d{1,3}\.)?\d{1,6}(?:,(?:\d{1,3}\.)?\d{1,6}){0,9})(?::(.+))?$/s.exec(customId);
  if (!m) return null;
  const refs = m[3]!.split(",").map((r) => {
    const [a, b] = r.includes(".") ? r.split(".") : ["0", r];
    return { doc: Number(a), paragraph: Number(b) };
  });
  return { offset: Number(m[1]), count: Number(m[2]), refs, question: m[4] ?? null };
}

/** The "Show anyway (spoiler)" button's id: the whole corpus's passages, as "More results" encodes them. */
function encodeSpoilerId(
  search: ReviewSearch,
  passages: readonly { doc: string; paragraph: number }[],
  count: number,
  question: string,
): string | null {
  const more = encodeMoreId(search, { offset: 0, count, passages, question });
  return more ? `spoil:${more.slice("ask:more:".length)}` : null;
}

/** "Show anyway (spoiler)": the answer past the reading position, only for the one who clicked, with no buttons to pass it on. */
function showSpoiler(customId: string, ctx: HandlerContext): Reply {
  const parsed = parseMoreId(`ask:more:${customId.slice("spoil:".length)}`);
  const passages = parsed ? resolveRefs(ctx.search, parsed.refs) : null;
  if (!parsed || !passages) return notice(STALE_BUTTON);
  const excerpts = new Map<string, string>();
  if (parsed.question) {
    for (const r of ctx.search.ask(parsed.question, { limit: MAX_RESULTS }).results) excerpts.set(`${r.doc}#${r.paragraph}`, r.excerpt);
  }
  return answerPage(ctx.search, {
    question: parsed.question,
    intro: "Spoiler: this lies past where your group has read.",
    passages: passages.map((p) => ({ ...p, excerpt: excerpts.get(`${p.doc}#${p.paragraph}`) ?? null })),
    offset: 0,
    count: parsed.count,
    ephemeral: true,
    bare: true,
  });
}

/** The paragraphs of a button's refs; null when one no longer exists. */
function resolveRefs(
  search: ReviewSearch,
  refs: readonly { doc: number; paragraph: number }[],
): { doc: string; paragraph: number; section: string | null; text: string }[] | null {
  const out = [];
  for (const r of refs) {
    const doc = search.documents[r.doc];
    const p = doc ? search.paragraph(doc.meta.id, r.paragraph) : undefined;
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
  const parsed = parseMoreId(customId);
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
    for (const r of ctx.search.ask(parsed.question, { limit: MAX_RESULTS, upTo: upTo ?? undefined }).results)
      excerpts.set(`${r.doc}#${r.paragraph}`, r.excerpt);
  }
  return answerPage(ctx.search, {
    question: parsed.question,
    intro: null,
    passages: passages.map((p) => ({
      doc: p.doc,
      paragraph: p.number,
      section: p.section,
      text: p.text,
      excerpt: excerpts.get(`${p.doc}#${p.number}`) ?? null,
    })),
    offset: parsed.offset,
    count: parsed.count,
    ephemeral: true,
    cap: upTo,
  });
}
