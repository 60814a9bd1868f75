/**
 * /discuss [section] [passage] — opens a public thread for one section or passage of the review
 * ("Discussing ¶17–29 · [Who was Stalin?]"), seeded with the passage, each paragraph cited, and
 * two or three prompts from the study notes (the questions a paragraph answers and the open
 * questions it raises), with an "Another prompt" button (its id names the passage). Inside the
 * thread /ask prefers that passage. Threads auto-archive after a day; the bot never locks or
 * deletes them. Nothing past the group's reading position is opened (the default is the part of
 * the current section read so far), and a passage already
 * discussed in the channel gets a pointer to its thread rather than a second one.
 */
import { rangeProblemMessage } from "../src/format/declines.ts";
import type { APIButtonComponent, APIEmbed } from "discord.js";
import { ButtonStyle } from "../src/bot/discord-values.ts";
import { cutText } from "../src/bot/cut.ts";
import { LIMITS } from "../src/bot/limits.ts";
import { escapeMarkdown } from "../src/bot/markdown.ts";
import { citationMarkdown, renderPassage } from "../src/bot/render.ts";
import { hasPermissions, missingPermissions, ORGANISER, THREAD_PERMISSIONS } from "../src/bot/permissions.ts";
import { defineCommand } from "../src/bot/registry.ts";
import { button, COLORS, notice, reply, rowsOf, STALE_BUTTON } from "../src/bot/replies.ts";
import { channelScopes, promptLine, promptsFor, rangeTitle, sectionOf, sections } from "../src/bot/study.ts";
import type { HandlerContext, Reply, ThreadFailure } from "../src/bot/types.ts";
import { parseRange, rangeLabel, type ParagraphRange, type ReviewSearch } from "../src/search/index.ts";
import { encodeComponentId, parseComponentId, PREFIX } from "../src/bot/custom-ids.ts";
import { refOf } from "../src/corpus/ref.ts";
import { NO_GUILD, NO_STORAGE } from "./progress.ts";

/** Prompts posted when a thread opens; "Another prompt" adds one at a time. */
export const FIRST_PROMPTS = 3;

const THREAD_FAILURES: Record<ThreadFailure, string> = {
  "missing-permissions":
    "I can't open a thread here: I need the **Create Public Threads** and **Send Messages in Threads** permissions in this channel. A server admin can grant them in the channel's settings (Permissions).",
  "thread-exists": "A thread already exists on that message; open the discussion again to get a new one.",
  locked: "This channel's threads are locked, so I can't post the passage. An organiser can unlock them.",
  "too-many-threads": "This channel has too many active threads. Archive a few (or wait for them to auto-archive) and try again.",
  "not-here": "Open a discussion from a text channel, not from inside a thread or a direct message.",
};

/** The thread's name: "Discussing ¶17–29 · [Who was Stalin?]", within Discord's 100 characters. */
export function threadName(search: ReviewSearch, range: ParagraphRange): string {
  return cutText(`Discussing ${rangeTitle(search, range)}`, 100);
}

/** The passage as messages of cited embeds, each message within 10 embeds and 6,000 characters. */
export function passageMessages(search: ReviewSearch, range: ParagraphRange): Reply[] {
  const messages: Reply[] = [];
  let embeds: APIEmbed[] = [];
  let size = 0;
  for (let n = range.first; n <= range.last; n++) {
    const p = search.paragraph(search.primary.meta.id, n);
    if (!p) continue;
    const title = citationMarkdown(search, { ...refOf(p), section: p.section });
    const description = renderPassage({ text: p.text, excerpt: null, max: Math.min(LIMITS.embedDescription, 5000) });
    const length = title.length + description.length;
    if (embeds.length > 0 && (embeds.length >= LIMITS.embeds || size + length > LIMITS.embedsTotal - 200)) {
      messages.push(reply({ embeds, ephemeral: false }));
      embeds = [];
      size = 0;
    }
    embeds.push({ title, description, color: COLORS.answer });
    size += length;
  }
  if (embeds.length > 0) messages.push(reply({ embeds, ephemeral: false }));
  return messages;
}

/** The first prompts of a discussion, with the "Another prompt" button. */
export function promptsMessage(search: ReviewSearch, range: ParagraphRange): { message: Reply; shown: number } {
  const prompts = promptsFor(search, range).slice(0, FIRST_PROMPTS);
  const lines = prompts.map((p) => `• ${escapeMarkdown(promptLine(p))}`);
  const content =
    prompts.length > 0
      ? `**To discuss** (from the study notes):\n${lines.join("\n")}\n\nAsk about this passage here with /ask: answers prefer ${rangeLabel(range)}.`
      : `Ask about this passage here with /ask: answers prefer ${rangeLabel(range)}.`;
  const more = promptsFor(search, range).length > prompts.length;
  return {
    message: reply({
      content,
      components: more ? rowsOf([anotherPromptButton(range)]) : [],
      ephemeral: false,
    }),
    shown: prompts.length,
  };
}

/**
 * The most paragraphs a passage to discuss may have: as many as the review's longest section.
 * A section is the unit a group reads and discusses, and `/discuss section: 3` opens all 13 of
 * its paragraphs, so a passage written as a range may be as long; a thread carries it in as
 * many messages as it needs (unlike `/quote`, whose one reply holds at most 5).
 */
export function longestPassage(search: ReviewSearch): number {
  return Math.max(...sections(search).map((s) => s.last - s.first + 1));
}

/**
 * Which passage to discuss: a passage option, else a section, else the section being read — up to
 * the reading position, so the default is never refused as going past it.
 */
function chooseRange(
  search: ReviewSearch,
  options: { section?: number; passage?: string },
  position: number | null,
): ParagraphRange | string {
  const all = sections(search);
  const last = search.primary.paragraphs.length;
  if (options.section !== undefined && options.passage !== undefined) return "Give a section or a passage, not both.";
  if (options.passage !== undefined) {
    const text = options.passage.trim();
    const single = /^(?:¶|p\.?|para\.?)?\s*(\d{1,4})$/i.exec(text);
    if (single) {
      const n = Number(single[1]);
      return n >= 1 && n <= last ? { first: n, last: n } : `There is no ¶${n}: the review has paragraphs 1 to ${last}.`;
    }
    const longest = longestPassage(search);
    const range = parseRange(text, last, longest);
    if (!range) {
      return `Give the passage as a paragraph or a range, e.g. \`17\` or \`12-14\` (at most ${longest} paragraphs, as long as the longest section).`;
    }
    return range.ok ? range.range : rangeProblemMessage(range.problem, position);
  }
  if (options.section !== undefined) {
    const s = all[options.section - 1];
    return s ? { first: s.first, last: s.last } : `The review has ${all.length} sections; /progress lists them.`;
  }
  const current = sectionOf(search, Math.max(1, position ?? 1));
  const s = current?.section ?? all[0]!;
  return { first: s.first, last: position === null ? s.last : Math.min(s.last, Math.max(s.first, position)) };
}

/**
 * For a passage wholly past the position: the /plan that moves the position in force here to its
 * end (`here: true` where this channel keeps its own), for an organiser to run, or to ask one for.
 */
async function howToMoveOn(ctx: HandlerContext, to: string): Promise<string> {
  const inForce = ctx.guildId && ctx.store ? await ctx.store.position(ctx.guildId, channelScopes(ctx)) : null;
  const command = `\`/plan ${to}${inForce?.channelId ? " here: true" : ""}\``;
  return hasPermissions(ctx.memberPermissions, ORGANISER)
    ? `When the group has read it, ${command} moves the reading position there.`
    : `When the group has read it, an organiser moves the reading position there with ${command}.`;
}

/** Whether a passage was written last paragraph first ("9-8"), by its first number: chooseRange reads it forwards. */
function writtenBackwards(passage: string, chosen: ParagraphRange): boolean {
  const first = /\d{1,4}/.exec(passage);
  return first !== null && Number(first[0]) !== chosen.first;
}

const command = defineCommand({
  name: "discuss",
  description: "Open a discussion thread for a section or passage, with prompts from the study notes",
  options: {
    section: { type: "integer", description: "A section (1-5, as /progress lists them); default: the one being read", minValue: 1 },
    passage: { type: "string", description: "Or a passage: a paragraph or a range, e.g. 17 or 12-14", maxLength: 20 },
  },
  examples: ["/discuss section: 3", "/discuss passage: 12-14", "/discuss"],
  // Opening a thread and seeding it can take longer than Discord's 3 seconds: defer publicly, as the reply is.
  isPublic: () => true,
  // A public thread posted to the channel counts against the member cooldown, as a public answer
  // does; a /discuss that cannot open one here (a direct message, inside a thread) does not.
  cooldown: (_options, ctx) => Boolean(ctx.guildId && ctx.threads && ctx.channel && !ctx.channel.isThread),
  async execute(options, ctx): Promise<Reply> {
    if (!ctx.guildId) return notice(NO_GUILD);
    if (!ctx.store) return notice(NO_STORAGE);
    if (!ctx.threads || !ctx.channel || ctx.channel.isThread) return notice(THREAD_FAILURES["not-here"]);
    const missing = missingPermissions(ctx.appPermissions, THREAD_PERMISSIONS);
    if (missing.length > 0) return notice(THREAD_FAILURES["missing-permissions"]);

    const chosen = chooseRange(ctx.search, options, ctx.readingPosition);
    if (typeof chosen === "string") return notice(chosen);
    // A range written backwards is read forwards, as /quote reads it, and said so: the reader sees what was opened.
    const readAs =
      options.passage !== undefined && writtenBackwards(options.passage, chosen)
        ? `Read \`${options.passage.trim()}\` as ${rangeLabel(chosen)}. `
        : "";
    const upTo = ctx.readingPosition;
    if (upTo !== null && chosen.last > upTo) {
      // One paragraph is written as one number (passage: 16), as a reader would type it.
      const from = Math.max(chosen.first, upTo - longestPassage(ctx.search) + 1);
      const next =
        chosen.first <= upTo
          ? ` Try \`/discuss passage: ${from === upTo ? upTo : `${from}-${upTo}`}\`.`
          : ` ${await howToMoveOn(ctx, options.section !== undefined ? `section: ${options.section}` : `paragraph: ${chosen.last}`)}`;
      return notice(`${readAs}${rangeLabel(chosen)} goes past where your group has read (¶${upTo}).${next}`);
    }

    // One discussion per passage and channel: a second /discuss points to the thread already open.
    const existing = await ctx.store.threadFor({ guildId: ctx.guildId, parentId: ctx.channel.id, ...chosen });
    if (existing) {
      return notice(
        `${readAs}${rangeLabel(chosen)} is already being discussed in <#${existing.threadId}>: ${escapeMarkdown(existing.name)}. Carry on there; /ask inside it answers with ${rangeLabel(chosen)} in mind.`,
      );
    }
    // Plain /discuss as the group reads on through a section: the section's discussion carries on
    // in the thread opened for its earlier part, rather than one more thread per step of the position.
    if (options.section === undefined && options.passage === undefined) {
      const earlier = await ctx.store.earlierPartThread({ guildId: ctx.guildId, parentId: ctx.channel.id, ...chosen });
      const whole = chosen.first === chosen.last ? `${chosen.first}` : `${chosen.first}-${chosen.last}`;
      if (earlier) {
        return notice(
          `This section is being discussed in <#${earlier.threadId}> (${rangeLabel(earlier)}): carry on there. To open a thread for all of ${rangeLabel(chosen)} read so far: \`/discuss passage: ${whole}\`.`,
        );
      }
      // The position moved back (¶39 → ¶35): the thread opened for the section as read then is
      // still its discussion, said to run past where the group now stands.
      const later = upTo === null ? null : await ctx.store.laterEndingThread({ guildId: ctx.guildId, parentId: ctx.channel.id, ...chosen });
      if (later) {
        return notice(
          `This section is being discussed in <#${later.threadId}> (${rangeLabel(later)}, which runs past where your group has read, ¶${upTo}): carry on there. To open a thread for ${rangeLabel(chosen)} only: \`/discuss passage: ${whole}\`.`,
        );
      }
    }

    const name = threadName(ctx.search, chosen);
    const prompts = promptsMessage(ctx.search, chosen);
    const opened = await ctx.threads.open({
      name,
      messages: [...passageMessages(ctx.search, chosen), prompts.message],
      reason: `/discuss by ${ctx.user.name}`,
    });
    if (!opened.ok) return notice(THREAD_FAILURES[opened.code]);
    // A passage inside one already being discussed is a discussion of its own; the wider one is pointed to.
    const wider = await ctx.store.widerThread({ guildId: ctx.guildId, parentId: ctx.channel.id, ...chosen });
    await ctx.store.recordThread({
      threadId: opened.id,
      guildId: ctx.guildId,
      parentId: ctx.channel.id,
      first: chosen.first,
      last: chosen.last,
      name,
      openedBy: ctx.user.id,
      promptsShown: prompts.shown,
      at: new Date(ctx.clock.now()),
    });
    const alsoWider = wider ? ` ${rangeLabel(wider)}, which holds it, is being discussed in <#${wider.threadId}>.` : "";
    return reply({
      content: `${readAs}Opened <#${opened.id}>: ${escapeMarkdown(name)}. Ask there and /ask answers with ${rangeLabel(chosen)} in mind.${alsoWider}`,
      ephemeral: false,
    });
  },
  buttons: { [PREFIX.prompt]: anotherPrompt },
  // "Another prompt" posts to the thread for everyone: each click counts against the member cooldown.
  publicButtons: [PREFIX.prompt],
});
export default command;

function anotherPromptButton(range: ParagraphRange): APIButtonComponent[] {
  const id = encodeComponentId({ kind: "prompt", first: range.first, last: range.last });
  return id ? [button(id, "Another prompt", ButtonStyle.Primary)] : [];
}

/** "Another prompt": the next prompt of the thread's passage, counted in the database, so it survives restarts. */
async function anotherPrompt(customId: string, ctx: HandlerContext): Promise<Reply> {
  if (!parseComponentId(customId, "prompt")) return notice(STALE_BUTTON);
  const thread = ctx.discussion;
  if (!ctx.store || !thread) return notice("This button works inside the discussion thread it was posted in.");
  const prompts = promptsFor(ctx.search, thread);
  const index = await ctx.store.takePrompt(thread.threadId);
  if (index === null || prompts.length === 0) return notice("There are no more prompts for this passage.");
  const prompt = prompts[index % prompts.length]!;
  const again = index >= prompts.length ? " (again)" : "";
  return reply({
    content: `**Another prompt**${again}: ${escapeMarkdown(promptLine(prompt))}`,
    components: rowsOf([anotherPromptButton(thread)]),
    ephemeral: false,
  });
}
