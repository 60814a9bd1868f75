/**
 * /progress — the study group's reading plan: each section of the review with its paragraph
 * range and date, where the group has read up to (server-wide, and here when this channel or
 * thread has its own position), and the discussion threads opened. Anyone may look; the "Next
 * section read" button is for organisers (it checks Manage Server itself, as Discord does not).
 */
import type { APIEmbed } from "discord.js";
import { ButtonStyle } from "../src/bot/discord-values.ts";
import { LIMITS } from "../src/bot/limits.ts";
import { cutMarkdown, escapeMarkdown } from "../src/bot/markdown.ts";
import { hasPermissions, NOT_ORGANISER, ORGANISER } from "../src/bot/permissions.ts";
import { defineCommand } from "../src/bot/registry.ts";
import { button, COLORS, footer, isPublicReply, notice, reply, rowsOf, STALE_BUTTON } from "../src/bot/replies.ts";
import { encodeComponentId, parseComponentId, PREFIX } from "../src/bot/custom-ids.ts";
import { channelScopes, scopeName, sectionOf, sections, sectionTitle } from "../src/bot/study.ts";
import type { HandlerContext, Reply } from "../src/bot/types.ts";
import { rangeLabel, type ReviewSearch } from "../src/search/index.ts";
import type { DiscussionThread, PlanSession, ReadingPosition } from "../src/storage/index.ts";

export const NO_GUILD = "Reading plans belong to a server: use this in your study group's server.";
export const NO_STORAGE = "This bot runs without a database, so it keeps no reading plan.";

/** Everything /progress shows, read from storage. */
export interface ProgressData {
  server: ReadingPosition | null;
  /** The position of this channel or thread, when it has its own. */
  here: ReadingPosition | null;
  sessions: readonly PlanSession[];
  /**
   * The most recent threads whose passage starts within the position in force here (all, without
   * one): the group's current reading is listed even where it runs past the position.
   */
  threads: readonly DiscussionThread[];
  /** How many threads start within the position in force here. */
  threadCount: number;
  /** How many threads start past it: counted, never listed, as their passages are spoilers. */
  threadsPast: number;
}

/** The most threads /progress lists; the rest are counted. */
const THREADS_LISTED = 10;

/** Reads a server's plan, its position and the one in force here; a friendly reply when there is none to read. */
export async function loadProgress(ctx: HandlerContext): Promise<{ ok: true; data: ProgressData } | { ok: false; reply: Reply }> {
  if (!ctx.guildId) return { ok: false, reply: notice(NO_GUILD) };
  if (!ctx.store) return { ok: false, reply: notice(NO_STORAGE) };
  const [positions, sessionRows, allThreads] = await Promise.all([
    ctx.store.positions(ctx.guildId),
    ctx.store.sessions(ctx.guildId),
    ctx.store.threadCount(ctx.guildId),
  ]);
  const scopes = channelScopes(ctx);
  const here = scopes.map((id) => positions.find((p) => p.channelId === id)).find((p) => p !== undefined) ?? null;
  const server = positions.find((p) => p.channelId === null) ?? null;
  const upTo = here?.upTo ?? server?.upTo ?? null;
  const [threads, threadCount] = await Promise.all([
    ctx.store.threads(ctx.guildId, { limit: THREADS_LISTED, upTo }),
    upTo === null ? Promise.resolve(allThreads) : ctx.store.threadCount(ctx.guildId, upTo),
  ]);
  return {
    ok: true,
    data: { server, here, sessions: sessionRows, threads, threadCount, threadsPast: allThreads - threadCount },
  };
}

/** "up to ¶29 (the end of [Who was Stalin?])" or "up to ¶20 (in [Who was Stalin?], ¶17–29)". */
export function describePosition(search: ReviewSearch, upTo: number): string {
  const where = sectionOf(search, upTo);
  if (!where) return `up to ¶${upTo}`;
  const title = escapeMarkdown(sectionTitle(where.section));
  return where.section.last === upTo
    ? `up to ¶${upTo} (the end of ${title})`
    : `up to ¶${upTo} (in ${title}, ${rangeLabel(where.section)})`;
}

/**
 * The plan as an embed, with the organisers' "Next section read" button. `stated` is the position
 * the intro already gives (the server's, or the one set here), which the plan then does not repeat.
 */
export function progressReply(
  search: ReviewSearch,
  data: ProgressData,
  ephemeral: boolean,
  intro?: string,
  stated?: "server" | "here",
): Reply {
  const position = data.here?.upTo ?? data.server?.upTo ?? null;
  const lines = sections(search).map((s, i) => {
    const mark = position === null ? "·" : position >= s.last ? "✓" : position >= s.first ? "▶" : "·";
    const date = data.sessions.find((x) => x.section === i + 1)?.date;
    return `${mark} ${i + 1}. ${rangeLabel(s)} · ${escapeMarkdown(sectionTitle(s))}${date ? ` — ${date}` : ""}`;
  });
  const where: string[] = [];
  if (stated !== "server") {
    where.push(
      data.server
        ? `The group has read ${describePosition(search, data.server.upTo)}.`
        : data.here
          ? "No reading position is set for the server."
          : "No reading position is set: answers may cite the whole review. Organisers set one with `/plan`.",
    );
  }
  if (data.here && stated !== "here")
    where.push(`Here (this ${data.here.channelId ? "channel or thread" : "server"}): ${describePosition(search, data.here.upTo)}.`);
  // The intro said what answers here cite, unless a position of this channel beats the server's it set.
  const citeSaid = stated === "here" || (stated === "server" && !data.here);
  if (position !== null && !citeSaid) where.push(`Answers here cite only ¶1–${position}.`);
  const blocks = [intro ? [intro] : [], where, lines].filter((b) => b.length > 0);
  const embed: APIEmbed = {
    title: "Reading plan",
    description: cutMarkdown(blocks.map((b) => b.join("\n")).join("\n\n"), LIMITS.embedDescription),
    color: COLORS.info,
    fields: threadsField(data, position),
    footer: footer(search),
  };
  const last = search.primary.paragraphs.length;
  // The button moves the position in force here (see nextSection).
  const nextId = encodeComponentId({ kind: "next-section" });
  const components = (position ?? 0) < last && nextId ? rowsOf([[button(nextId, "Next section read", ButtonStyle.Primary)]]) : [];
  return reply({ embeds: [embed], components, ephemeral });
}

/**
 * The discussion threads starting within the position in force here, the most recent first (one
 * running past it says so): the count is of those listed and those left out for room ("and 2
 * older"); those starting past the position are counted apart, their passages not said.
 */
function threadsField(data: ProgressData, position: number | null): NonNullable<APIEmbed["fields"]> {
  if (data.threadCount + data.threadsPast === 0) return [];
  const lines = data.threads.map(
    (t) => `<#${t.threadId}> ${rangeLabel(t)}${position !== null && t.last > position ? ` (runs past ¶${position})` : ""}`,
  );
  const older = data.threadCount - data.threads.length;
  if (older > 0) lines.push(`…and ${older} older`);
  if (data.threadsPast > 0 && position !== null) {
    const more = data.threadCount > 0 ? " more" : "";
    const past = data.threadsPast === 1 ? `1${more} is` : `${data.threadsPast}${more} are`;
    lines.push(`${past} about paragraphs past ¶${position}, not listed here.`);
  }
  return [{ name: `Discussion threads (${data.threadCount})`, value: cutMarkdown(lines.join("\n"), LIMITS.fieldValue) }];
}

/** The end of the section after the one a position is in (or ends). */
export function nextSectionEnd(search: ReviewSearch, upTo: number | null): number | null {
  const next = sections(search).find((s) => s.last > (upTo ?? 0));
  return next ? next.last : null;
}

/** "Next section read": organisers only; moves the position in force here (this channel's or thread's own, else the server's) to the end of the next section. */
async function nextSection(customId: string, ctx: HandlerContext): Promise<Reply> {
  if (!parseComponentId(customId, "next-section")) return notice(STALE_BUTTON);
  if (!ctx.guildId) return notice(NO_GUILD);
  if (!ctx.store) return notice(NO_STORAGE);
  // Discord's command permissions do not cover buttons: check Manage Server here.
  if (!hasPermissions(ctx.memberPermissions, ORGANISER)) return notice(NOT_ORGANISER);
  // The position in force here moves: this channel's or thread's own where it has one (the plan
  // shown here marks its sections, so its next is the one the organiser means), else the server's.
  const current = await ctx.store.position(ctx.guildId, channelScopes(ctx));
  const channelId = current?.channelId ?? null;
  const upTo = nextSectionEnd(ctx.search, current?.upTo ?? null);
  const who = channelId === null ? "the group" : scopeName(ctx, channelId);
  if (upTo === null)
    return notice(
      channelId === null
        ? "The group has read the whole review already."
        : `There is no next section: ${who} has read the whole review already.`,
    );
  await ctx.store.setPosition({ guildId: ctx.guildId, channelId, upTo, setBy: ctx.user.id, at: new Date(ctx.clock.now()) });
  const loaded = await loadProgress(ctx);
  if (!loaded.ok) return loaded.reply;
  const cite = channelId === null ? `Answers now cite only ¶1–${upTo}.` : `Answers here now cite only ¶1–${upTo}.`;
  return progressReply(
    ctx.search,
    loaded.data,
    false,
    `Marked read: ${who} has now read ${describePosition(ctx.search, upTo)}. ${cite}`,
    channelId === null ? "server" : "here",
  );
}

const command = defineCommand({
  name: "progress",
  description: "The reading plan: each section, its dates, and where the group has read up to",
  options: {},
  examples: ["/progress"],
  isPublic: (_options, ctx) => isPublicReply(ctx),
  async execute(_options, ctx): Promise<Reply> {
    const loaded = await loadProgress(ctx);
    if (!loaded.ok) return loaded.reply;
    return progressReply(ctx.search, loaded.data, !isPublicReply(ctx));
  },
  buttons: { [PREFIX["next-section"]]: nextSection },
});
export default command;
