/**
 * /quote [paragraph] [text] — one paragraph verbatim with its citation, by number or by a phrase
 * remembered from it; `text` suggests passages as you type.
 * A range (`12-14`, `¶12–14`, at most 5 paragraphs) quotes each paragraph with its citation, and so
 * do paragraphs listed apart (`12 and 20`).
 * Buttons: "Show context" and "Post to channel", both stateless (ids: src/bot/custom-ids.ts).
 * With a reading position set (/plan), nothing past it is quoted, suggested or shown as context;
 * a phrase found only further on is said to be so, without saying where, with /ask's private
 * "Show anyway (spoiler)", which paragraphs asked for past it (one, a range wholly past, those of
 * a list) get too, unless the server keeps spoilers strict.
 */
import { declineMessage, pastPosition, rangeProblemMessage } from "../src/format/declines.ts";
import type { APIEmbed } from "discord.js";
import { citation, citationMarkdown, citedTitle, renderPassage } from "../src/bot/render.ts";
import { formatRef, parseReaderReference, refOf, type ParagraphRef } from "../src/corpus/ref.ts";
import {
  parseParagraphList,
  parseRange,
  rangeLabel,
  type Answer,
  type Paragraph,
  type ParagraphRange,
  type ReviewSearch,
} from "../src/search/index.ts";
import { cutText } from "../src/bot/cut.ts";
import { LIMITS } from "../src/bot/limits.ts";
import { escapeMarkdown } from "../src/bot/markdown.ts";
import {
  COLORS,
  footer,
  isPublicReply,
  notice,
  passageButtons,
  passageEmbed,
  passageField,
  reply,
  rowsOf,
  STALE_BUTTON,
} from "../src/bot/replies.ts";
import { defineCommand } from "../src/bot/registry.ts";
import { minCap } from "../src/bot/study.ts";
import { parseComponentId, PREFIX } from "../src/bot/custom-ids.ts";
import { cleanText } from "../src/search/input.ts";
import type { Choice, FocusedOption, HandlerContext, Reply } from "../src/bot/types.ts";
import { pastReply, spoilerOffer } from "./ask.ts";

export const MAX_PHRASE = 200;

const command = defineCommand({
  name: "quote",
  description: "Show a paragraph of the review verbatim, by its number or a phrase you remember",
  options: {
    // No minValue: the search core says "There is no ¶0: the review has paragraphs 1 to 51." for
    // either end, in the words /context uses, rather than an option's "must be 1 or more".
    paragraph: { type: "integer", description: "Paragraph number, e.g. 42 (/about lists the sections)" },
    text: {
      type: "string",
      description: "A phrase you remember from it, or a range like 12-14; pick a suggestion as you type",
      maxLength: MAX_PHRASE,
      autocomplete: true,
    },
  },
  examples: ["/quote paragraph: 42", "/quote text: paid a terrible personal price", "/quote text: 12-14"],
  isPublic: (_options, ctx) => isPublicReply(ctx),
  // A quote posted to the channel counts against the member cooldown, as a public answer does.
  cooldown: (_options, ctx) => isPublicReply(ctx),
  execute(options, ctx): Reply {
    const ephemeral = !isPublicReply(ctx);
    const phrase = cleanText(options.text ?? "");
    if (options.paragraph === undefined && !phrase) {
      return notice(
        "Tell me which passage: a paragraph number (`/quote paragraph: 42`) or a phrase you remember (`/quote text: paid a terrible personal price`). /about lists the sections with their paragraph numbers.",
      );
    }
    if (options.paragraph !== undefined && phrase) {
      return notice(
        "Give either a paragraph number or a phrase, not both: `/quote paragraph: 42` or `/quote text: paid a terrible personal price`.",
      );
    }
    const upTo = ctx.readingPosition;
    if (options.paragraph === undefined) {
      const range = parseRange(phrase, ctx.search.primary.paragraphs.length);
      if (range && !range.ok) return notice(escapeMarkdown(rangeProblemMessage(range.problem, upTo)));
      if (range) return quoteRange(ctx, range.range, phrase, ephemeral);
      const list = parseParagraphList(phrase, ctx.search.primary.paragraphs.length);
      if (list && !list.ok) return notice(escapeMarkdown(rangeProblemMessage(list.problem, upTo)));
      if (list) return quoteList(ctx, list.numbers, phrase, ephemeral);
    }
    const unknown = options.paragraph === undefined ? unknownReading(phrase, ctx.search.documentIds) : null;
    if (unknown) return notice(unknown);
    // A chosen suggestion arrives as "¶42"; a typed phrase as itself. The core re-checks either.
    const input = options.paragraph !== undefined ? String(options.paragraph) : phrase;
    const reference =
      options.paragraph !== undefined ? { doc: null, paragraph: options.paragraph } : parseReaderReference(phrase, ctx.search.documentIds);
    const byNumber = reference !== null;
    const answer = ctx.search.quote(input, { limit: 3, upTo: upTo ?? undefined });
    // A paragraph asked for by number is there, only further on than the group has read: said so, as
    // /context does, with the private spoiler button a list's past paragraphs get.
    if (reference && answer.reason?.code === "beyond-position") {
      const doc = reference.doc ?? ctx.search.primary.meta.id;
      const upToNow = answer.reason.upTo;
      const said =
        doc === ctx.search.primary.meta.id
          ? pastPosition([reference.paragraph], upToNow)
          : `That passage is past where your group has read (¶${upToNow}).`;
      return pastReply(ctx, said, [{ doc, paragraph: reference.paragraph }], 1, phrase || input, ephemeral);
    }
    // A phrase found only further on: said as a quote's answer, without saying where, and shown
    // privately on request, as /ask offers it.
    if (answer.reason?.code === "beyond-position") return laterPhrase(ctx, input, phrase, ephemeral);
    const best = answer.results[0];
    if (answer.answered && best) {
      const excerpt = byNumber || best.excerpt === best.text ? null : best.excerpt;
      return reply({
        embeds: [passageEmbed(ctx.search, { ...best, excerpt })],
        components: rowsOf(passageButtons([best], ephemeral, upTo)),
        ephemeral,
      });
    }
    const message = escapeMarkdown((answer.reason && declineMessage(answer.reason)) ?? "No passage of the review reads like that.");
    if (answer.results.length === 0) return notice(message);
    const embed: APIEmbed = {
      title: escapeMarkdown(`“${cutText(phrase, 200)}”`),
      description: `${message}\n\nMaybe related:`,
      color: COLORS.related,
      fields: answer.results.map((r) => passageField(ctx.search, r)),
      footer: footer(ctx.search, answer.results),
    };
    return reply({ embeds: [embed], components: rowsOf(passageButtons(answer.results, ephemeral, upTo)), ephemeral });
  },
  autocomplete: suggest,
  buttons: { [PREFIX.context]: showContext, [PREFIX.post]: postToChannel },
  publicButtons: [PREFIX.post],
});
export default command;

/** Said of a phrase the group has not reached yet: neutral, nothing in it hints at where it is. */
export const LATER_PHRASE = "That phrase is from a part of the review your group hasn't reached yet.";

/** A phrase only past the reading position: {@link LATER_PHRASE}, with "Show anyway (spoiler)" unless the server keeps spoilers strict. */
function laterPhrase(ctx: HandlerContext, input: string, phrase: string, ephemeral: boolean): Reply {
  const whole = ctx.search.quote(input, { limit: 1 });
  return pastReply(ctx, LATER_PHRASE, whole.answered ? whole.results.slice(0, 1) : [], 1, phrase, ephemeral);
}

/**
 * A passage of a few paragraphs (a parsed range), each as its own cited embed, within Discord's
 * 6,000 characters. One that goes past the reading position is one passage, declined whole; one
 * wholly past it gets the private spoiler button a paragraph past it gets.
 */
function quoteRange(ctx: HandlerContext, range: ParagraphRange, phrase: string, ephemeral: boolean): Reply {
  const { search, readingPosition: upTo } = ctx;
  // The search core picks the paragraphs and keeps to the reading position, as for the command line.
  const answer = search.quoteRange(range, { upTo: upTo ?? undefined });
  if (upTo !== null && answer.reason?.code === "beyond-position") {
    const said = `${rangeLabel(range)} goes past where your group has read (¶${upTo}).`;
    // The part read, as the command that quotes it (as /discuss suggests one); one paragraph as one number.
    if (range.first <= upTo) return notice(`${said} Try \`/quote text: ${range.first === upTo ? upTo : `${range.first}-${upTo}`}\`.`);
    const refs = Array.from({ length: range.last - range.first + 1 }, (_, k) => ({
      doc: search.primary.meta.id,
      paragraph: range.first + k,
    }));
    return pastReply(ctx, said, refs, refs.length, phrase, ephemeral);
  }
  return passagesReply(search, answer, upTo, ephemeral);
}

/**
 * Paragraphs listed apart ("12 and 20"), each as its own cited embed, as a range's are. Under a
 * reading position, those read are quoted and those past it named, with /ask's private "Show
 * anyway (spoiler)" for them: paragraphs apart are separate asks, unlike a range, which is one
 * passage and is declined whole.
 */
function quoteList(ctx: HandlerContext, numbers: readonly number[], phrase: string, ephemeral: boolean): Reply {
  const { search, readingPosition: upTo } = ctx;
  const past = upTo === null ? [] : numbers.filter((n) => n > upTo);
  if (upTo === null || past.length === 0)
    return passagesReply(search, search.quoteParagraphs(numbers, { upTo: upTo ?? undefined }), upTo, ephemeral);
  const read = numbers.filter((n) => n <= upTo);
  const labels = (ns: readonly number[]) => ns.map((n) => `¶${n}`).join(" and ");
  const refs = past.map((paragraph) => ({ doc: search.primary.meta.id, paragraph }));
  // /quote's and /ask's words for what lies past, then which of the list are quoted here.
  const pastSaid = pastPosition(past, upTo);
  if (read.length === 0) return pastReply(ctx, pastSaid, refs, refs.length, phrase, ephemeral);
  const offer = spoilerOffer(ctx, refs, refs.length, phrase);
  const said = `${pastSaid.slice(0, -1)}: here ${read.length === 1 ? "is" : "are"} ${labels(read)}.${offer.strictSaid}`;
  const quoted = passagesReply(search, search.quoteParagraphs(read, { upTo }), upTo, ephemeral);
  const buttons = (quoted.components ?? []).map((row) => row.components);
  return reply({ ...quoted, content: escapeMarkdown(said), components: rowsOf([...buttons, ...offer.buttons]) });
}

/** A few whole paragraphs, each as its own cited embed, within Discord's 6,000 characters; a decline in its words. */
function passagesReply(search: ReviewSearch, answer: Answer, upTo: number | null, ephemeral: boolean): Reply {
  if (!answer.answered) return notice(escapeMarkdown((answer.reason && declineMessage(answer.reason)) ?? "There is no such passage."));
  const passages = answer.results;
  const each = Math.floor((LIMITS.embedsTotal - 200) / Math.max(1, passages.length)) - 120;
  const embeds = passages.map((p, i) => {
    const embed = passageEmbed(search, { ...p, excerpt: null });
    embed.description = renderPassage({ text: p.text, excerpt: null, max: Math.min(LIMITS.embedDescription, each) });
    // One footer for the passage, on its last embed.
    if (i < passages.length - 1) delete embed.footer;
    return embed;
  });
  const refs = passages.map((p) => ({ doc: p.doc, paragraph: p.paragraph }));
  return reply({ embeds, components: rowsOf(passageButtons(refs, ephemeral, upTo)), ephemeral });
}

/** The value of a suggestion: "¶42", or "doc#3" outside the first document — resolves exactly. */
export function choiceValue(search: ReviewSearch, ref: ParagraphRef): string {
  return ref.doc === search.primary.meta.id ? `¶${ref.paragraph}` : formatRef(ref);
}

/** "¶42 · Heroic opposition — Trotsky himself paid a terrible personal price…" (another document's title first) within 100 characters. */
export function choiceName(search: ReviewSearch, p: { doc: string; paragraph: number; section: string | null }, snippet: string): string {
  const head = citation(p, citedTitle(search, p.doc));
  const room = LIMITS.choiceName - head.length - 3;
  const flat = snippet.replace(/\s+/g, " ").trim();
  return room > 10 && flat ? `${head} — ${cutText(flat, room)}` : cutText(head, LIMITS.choiceName);
}

/**
 * Suggestions for `text` as the user types, from every document: the section openings for an
 * empty input, paragraphs by number for a reference (`12`, `¶12`, `week-3#2`; the first
 * document's first), otherwise passages holding the phrase. At most 25; never throws (the
 * router answers an empty list if it ever did).
 */
export function suggest(focused: FocusedOption, ctx: HandlerContext): Choice[] {
  if (focused.name !== "text") return [];
  const search = ctx.search;
  const upTo = ctx.readingPosition;
  const read = (p: Paragraph) => upTo === null || (p.doc === search.primary.meta.id && p.number <= upTo);
  const typed = String(focused.value ?? "")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, 300);
  const toChoice = (p: Paragraph, snippet = p.text): Choice => ({
    name: choiceName(search, { doc: p.doc, paragraph: p.number, section: p.section }, snippet),
    value: choiceValue(search, refOf(p)),
  });

  const reference = typed ? parseReaderReference(typed, search.documentIds) : null;
  let choices: Choice[];
  if (!typed) {
    // Pinned: where each section of each document starts.
    choices = search.documents
      .flatMap((d) => d.sections.map((s) => search.paragraph(d.meta.id, s.first)))
      .filter((p): p is Paragraph => p !== undefined && read(p))
      .map((p) => toChoice(p));
  } else if (reference) {
    const digits = reference.digits;
    const all = search.documents
      .filter((d) => reference.doc === null || d.meta.id === reference.doc)
      .flatMap((d) => d.paragraphs.filter(read));
    const exact = all.filter((p) => String(p.number) === digits);
    const starting = all.filter((p) => String(p.number).startsWith(digits) && String(p.number) !== digits);
    choices = [...exact, ...starting].map((p) => toChoice(p));
  } else {
    choices = search.suggest(typed, LIMITS.choices, { upTo: upTo ?? undefined }).flatMap((r) => {
      const p = search.paragraph(r.doc, r.paragraph);
      return p ? [toChoice(p, r.excerpt && r.excerpt !== r.text ? `“${r.excerpt}”` : r.text)] : [];
    });
  }
  return choices.filter((c) => String(c.value).length <= LIMITS.choiceValue).slice(0, LIMITS.choices);
}

/**
 * For `name#3` (or `name:3`) where the name, which has a letter, is no document's id: how to
 * quote instead, rather than a search for the phrase "name#3" that finds nothing. Null otherwise.
 */
function unknownReading(phrase: string, ids: readonly string[]): string | null {
  const m = /^([a-z0-9-]*[a-z][a-z0-9-]*)\s*[#:]\s*\d+$/i.exec(phrase.trim());
  if (!m || ids.some((id) => id.toLowerCase() === m[1]!.toLowerCase())) return null;
  const others = ids.slice(1);
  const how =
    others.length > 0
      ? `the review by number (\`/quote text: 12\`), another reading by its id (\`${others[0]!}#3\`; /about lists them)`
      : "the review by number: `/quote text: 12` or `/quote paragraph: 12`";
  return `There is no reading called “${escapeMarkdown(cutText(m[1]!, 40))}”. Quote ${how}.`;
}

/**
 * "Show context": the paragraphs before and after, only for the one who clicked. Under a reading
 * position (the one the button carries or the live one, whichever is smaller) nothing past it.
 */
function showContext(customId: string, ctx: HandlerContext): Reply {
  const id = parseComponentId(customId, "context");
  const center = id ? ctx.search.paragraph(id.ref.doc, id.ref.paragraph) : undefined;
  if (!id || !center) return notice(STALE_BUTTON);
  const cap = minCap(id.cap, ctx.readingPosition);
  const read = (p: Paragraph) => cap === null || (p.doc === ctx.search.primary.meta.id && p.number <= cap);
  if (!read(center)) return notice(`That passage is past where your group has read (¶${cap}).`);
  const around = ctx.search.context(center.doc, center.number, 1).filter(read);
  const embed: APIEmbed = {
    title: `Context of ${citationMarkdown(ctx.search, { ...refOf(center), section: center.section })}`,
    color: COLORS.info,
    fields: around.map((p) => ({
      name: `${p.number === center.number ? "▶ " : ""}${citationMarkdown(ctx.search, { ...refOf(p), section: p.section })}`,
      value: renderPassage({ text: p.text, excerpt: null, max: Math.min(LIMITS.fieldValue, Math.floor(5400 / around.length) - 60) }),
    })),
    footer: footer(ctx.search, [center]),
  };
  const neighbours = around.filter((p) => p.number !== center.number).map((p) => ({ doc: p.doc, paragraph: p.number }));
  const [contextButtons = []] = passageButtons(neighbours, false, cap);
  const [, postButtons = []] = passageButtons(
    around.map((p) => ({ doc: p.doc, paragraph: p.number })),
    true,
  );
  return reply({ embeds: [embed], components: rowsOf([contextButtons, postButtons]), ephemeral: true });
}

/**
 * "Post to channel": the passage, posted publicly, naming who shared it. The mention renders as
 * a name but pings nobody (allowed mentions are none on every reply).
 */
function postToChannel(customId: string, ctx: HandlerContext): Reply {
  const id = parseComponentId(customId, "post");
  const p = id ? ctx.search.paragraph(id.ref.doc, id.ref.paragraph) : undefined;
  if (!id || !p) return notice(STALE_BUTTON);
  const who = /^\d{17,20}$/.test(ctx.user.id) ? `<@${ctx.user.id}>` : `**${escapeMarkdown(ctx.user.name)}**`;
  const [contextButtons = []] = passageButtons([{ doc: p.doc, paragraph: p.number }], false);
  return reply({
    content: `${who} shared ${citationMarkdown(ctx.search, { ...refOf(p), section: p.section })}:`,
    embeds: [passageEmbed(ctx.search, { doc: p.doc, paragraph: p.number, section: p.section, text: p.text, excerpt: null })],
    components: rowsOf([contextButtons]),
    ephemeral: false,
  });
}
