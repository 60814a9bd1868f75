/**
 * /plan — organisers (Manage Server) set where the group has read up to, by paragraph or by
 * section, for the whole server or only here (this channel or thread), and the day each section
 * is read. Every change is kept in the database and shown as the plan (/progress).
 */
import { escapeMarkdown } from "../src/bot/markdown.ts";
import { hasPermissions, NOT_ORGANISER, ORGANISER } from "../src/bot/permissions.ts";
import { defineCommand } from "../src/bot/registry.ts";
import { notice } from "../src/bot/replies.ts";
import { sections, sectionTitle } from "../src/bot/study.ts";
import type { Reply } from "../src/bot/types.ts";
import { rangeLabel } from "../src/search/index.ts";
import { describePosition, loadProgress, NO_GUILD, NO_STORAGE, progressReply } from "./progress.ts";

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar date as YYYY-MM-DD, or null when it is not one (2026-02-30 is not). */
export function parseDate(text: string): string | null {
  const m = DATE.exec(text.trim());
  if (!m) return null;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === m[0] ? m[0] : null;
}

const command = defineCommand({
  name: "plan",
  description: "Organisers: set where the group has read up to, and when each section is read",
  defaultMemberPermissions: ORGANISER,
  options: {
    paragraph: { type: "integer", description: "The group has read up to this paragraph, e.g. 20", minValue: 1 },
    section: {
      type: "integer",
      description: "The group has read up to the end of this section (1-5, as /progress lists them)",
      minValue: 1,
    },
    here: { type: "boolean", description: "Only in this channel or thread (default: the whole server)" },
    clear: { type: "boolean", description: "Remove the position (here, or the server's), so answers cite the whole review" },
    session: { type: "integer", description: "A section to schedule (with date)", minValue: 1 },
    date: { type: "string", description: "The day that section is read, YYYY-MM-DD (or 'none' to unschedule)", maxLength: 10 },
  },
  // A change is announced to the channel; defer publicly when it is slow.
  isPublic: () => true,
  examples: ["/plan section: 3", "/plan paragraph: 20 here: true", "/plan session: 4 date: 2026-12-10", "/plan clear: true"],
  async execute(options, ctx): Promise<Reply> {
    if (!ctx.guildId) return notice(NO_GUILD);
    if (!ctx.store) return notice(NO_STORAGE);
    if (!hasPermissions(ctx.memberPermissions, ORGANISER)) return notice(NOT_ORGANISER);
    const all = sections(ctx.search);
    const last = ctx.search.primary.paragraphs.length;
    const at = new Date(ctx.clock.now());
    const channelId = options.here ? (ctx.channel?.id ?? null) : null;
    if (options.here && !channelId)
      return notice("I can't tell which channel this is; set the server's position instead (without `here`).");
    const scope = channelId ? (ctx.channel?.isThread ? "this thread" : "this channel") : "the server";
    const done: string[] = [];

    if (options.paragraph !== undefined && options.section !== undefined) {
      return notice("Give a paragraph or a section, not both: `/plan paragraph: 20` or `/plan section: 3`.");
    }
    if ((options.session === undefined) !== (options.date === undefined)) {
      return notice("To schedule a section give both: `/plan session: 4 date: 2026-12-10`.");
    }
    if (options.section !== undefined && options.section > all.length) {
      return notice(`The review has ${all.length} sections; /progress lists them.`);
    }
    if (options.session !== undefined && options.session > all.length) {
      return notice(`The review has ${all.length} sections; /progress lists them.`);
    }
    if (options.paragraph !== undefined && options.paragraph > last) {
      return notice(`There is no ¶${options.paragraph}: the review has paragraphs 1 to ${last}.`);
    }

    if (options.session !== undefined && options.date !== undefined) {
      const none = /^(none|-)$/i.test(options.date.trim());
      const date = none ? null : parseDate(options.date);
      if (!none && date === null)
        return notice(`“${escapeMarkdown(options.date)}” is not a date: write it as YYYY-MM-DD, e.g. 2026-12-10.`);
      await ctx.store.setSessionDate({ guildId: ctx.guildId, section: options.session, date, setBy: ctx.user.id, at });
      const s = all[options.session - 1]!;
      done.push(
        date
          ? `Section ${options.session} (${rangeLabel(s)} · ${escapeMarkdown(sectionTitle(s))}) is read on ${date}.`
          : `Section ${options.session} is no longer scheduled.`,
      );
    }

    const upTo = options.paragraph ?? (options.section !== undefined ? all[options.section - 1]!.last : undefined);
    if (upTo !== undefined) {
      await ctx.store.setPosition({ guildId: ctx.guildId, channelId, upTo, setBy: ctx.user.id, at });
      done.push(`Reading position for ${scope}: ${describePosition(ctx.search, upTo)}. Answers there now cite only ¶1–${upTo}.`);
    } else if (options.clear) {
      const removed = await ctx.store.clearPosition(ctx.guildId, channelId);
      done.push(
        removed ? `Removed the reading position of ${scope}.` : `${scope[0]!.toUpperCase()}${scope.slice(1)} had no reading position.`,
      );
    }

    const loaded = await loadProgress(ctx);
    if (!loaded.ok) return loaded.reply;
    const data = loaded.data;
    if (done.length === 0) {
      return progressReply(
        ctx.search,
        data,
        true,
        "Nothing changed. For example `/plan section: 3`, `/plan paragraph: 20 here: true` or `/plan session: 4 date: 2026-12-10`.",
      );
    }
    // The group sees where it stands.
    return progressReply(ctx.search, data, false, done.join("\n"));
  },
});
export default command;
