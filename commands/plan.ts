/**
 * /plan — organisers (Manage Server) set where the group has read up to, by paragraph or by
 * section, for the whole server or only here (this channel or thread), and the day each section
 * is read. Every change is kept in the database and shown as the plan (/progress).
 */
import { escapeMarkdown } from "../src/bot/markdown.ts";
import { hasPermissions, NOT_ORGANISER, ORGANISER } from "../src/bot/permissions.ts";
import { defineCommand } from "../src/bot/registry.ts";
import { notice } from "../src/bot/replies.ts";
import { channelScopes, scopeName, sections, sectionTitle } from "../src/bot/study.ts";
import { offOr, type OptionsOf } from "../src/bot/options.ts";
import { dueAt, MONTHS, reminderOutlook } from "../src/bot/reminders.ts";
import type { HandlerContext, Reply } from "../src/bot/types.ts";
import type { GuildSettings, PlanSession } from "../src/storage/index.ts";
import { rangeLabel } from "../src/search/index.ts";
import { describePosition, loadProgress, NO_GUILD, NO_STORAGE, progressReply } from "./progress.ts";

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 24 * 60 * 60 * 1000;

/** A calendar date as YYYY-MM-DD, or null when it is not one (2026-02-30 is not). */
export function parseDate(text: string): string | null {
  const m = DATE.exec(text.trim());
  if (!m) return null;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === m[0] ? m[0] : null;
}

/** Why text is not a date: a day the calendar lacks (2026-02-30) is said so, anything else is shown the format. */
function notADate(text: string): string {
  const m = DATE.exec(text.trim());
  const month = m ? Number(m[2]) : 0;
  if (m && month >= 1 && month <= 12) {
    const days = new Date(Date.UTC(Number(m[1]), month, 0)).getUTCDate();
    return `${m[0]} is not a date: ${MONTHS[month - 1]} ${m[1]} has ${days} days.`;
  }
  if (m) return `${m[0]} is not a date: months run from 01 to 12 (YYYY-MM-DD).`;
  return `“${escapeMarkdown(text)}” is not a date: write it as YYYY-MM-DD, e.g. 2026-12-10.`;
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
    here: { type: "boolean", description: "true: only this channel or thread; false: the server's (default: the server's)" },
    clear: {
      type: "boolean",
      description: "Remove the position in force here (this channel's, else the server's); here: false: the server's",
    },
    session: { type: "integer", description: "A section to schedule (with date)", minValue: 1 },
    // Longer than YYYY-MM-DD, so "5 December 2026" is answered with the format rather than a length.
    date: { type: "string", description: "The day that section is read, YYYY-MM-DD, or off to unschedule it", maxLength: 20 },
  },
  // A change is announced to the channel; defer publicly when it is slow.
  isPublic: () => true,
  examples: [
    "/plan section: 3",
    "/plan paragraph: 20 here: true",
    "/plan session: 4 date: 2026-12-10",
    "/plan session: 4 date: off",
    "/plan clear: true",
    "/plan clear: true here: false",
  ],
  async execute(options, ctx): Promise<Reply> {
    if (!ctx.guildId) return notice(NO_GUILD);
    if (!ctx.store) return notice(NO_STORAGE);
    if (!hasPermissions(ctx.memberPermissions, ORGANISER)) return notice(NOT_ORGANISER);
    const all = sections(ctx.search);
    const channelId = options.here ? (ctx.channel?.id ?? null) : null;
    if (options.here && !channelId)
      return notice("I can't tell which channel this is; set the server's position instead (without `here`).");
    const mistake = planMistake(options, all.length, ctx.search.primary.paragraphs.length);
    if (mistake) return notice(mistake);

    const change: PlanChange = { guildId: ctx.guildId, store: ctx.store, userId: ctx.user.id, at: new Date(ctx.clock.now()) };
    const done: string[] = [];
    if (options.session !== undefined && options.date !== undefined) {
      const scheduled = await schedule(change, all, options.session, options.date, ctx.settings ?? null);
      if (!scheduled.ok) return notice(scheduled.mistake);
      done.push(scheduled.said);
    }
    const moved = await movePosition(change, ctx, options, channelId);
    // Clearing what was not there changes nothing: said privately, not announced to the channel.
    if (moved?.kind === "nothing-to-clear" && done.length === 0) return notice(moved.said);
    // A section (or paragraph) given with a session is done, as the README's walkthrough does, but said
    // plainly: "section" and "session" are easily mixed up, and a silent move would go unnoticed.
    if (moved?.kind === "set" && done.length > 0) {
      const given = options.section !== undefined ? `section: ${options.section}` : `paragraph: ${options.paragraph}`;
      done.push(`The reading position moved too (\`${given}\` moves it; \`session\` with \`date\` only schedules):`);
    }
    if (moved) done.push(moved.said);

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
    // The group sees where it stands; a position just set is said once, in the intro.
    const stated = moved?.kind === "set" ? (channelId ? "here" : "server") : undefined;
    return progressReply(ctx.search, data, false, done.join("\n"), stated);
  },
});

type PlanOptions = OptionsOf<(typeof command)["options"]>;

/** Who changes the plan of which server, when, and where it is kept. */
interface PlanChange {
  guildId: string;
  store: NonNullable<HandlerContext["store"]>;
  userId: string;
  at: Date;
}

/** What /plan does, said after a mistake that is not about one option. */
const PLAN_USAGE =
  "`/plan section: 3` or `/plan paragraph: 20` sets the reading position, `/plan clear: true` removes it, `/plan session: 4 date: 2026-12-10` schedules a section.";

/** What is wrong with the options as a whole (each one alone is checked by Discord), or null. */
function planMistake(options: PlanOptions, sectionCount: number, paragraphCount: number): string | null {
  if (options.paragraph !== undefined && options.section !== undefined)
    return "Give a paragraph or a section, not both: `/plan paragraph: 20` or `/plan section: 3`.";
  // Setting a position and removing it at once: neither is done, rather than "clear" silently ignored.
  if (options.clear && (options.paragraph !== undefined || options.section !== undefined))
    return "Set a position or clear it, not both: `/plan paragraph: 20` sets one, `/plan clear: true` removes it.";
  // "clear" is for the reading position; a session's date is unscheduled with date: off.
  if (options.session !== undefined && options.date === undefined && options.clear)
    return `\`clear\` removes the reading position, not a date. To unschedule session ${options.session}: \`/plan session: ${options.session} date: off\`.`;
  // A date that is no date, without a session, was not meant as a date (the console's `/plan next`).
  if (options.session === undefined && options.date !== undefined && !offOr(options.date, parseDate))
    return `/plan has no “${escapeMarkdown(options.date)}”. ${PLAN_USAGE}`;
  if ((options.session === undefined) !== (options.date === undefined))
    return "To schedule a section give both: `/plan session: 4 date: 2026-12-10` (or `date: off` to unschedule it).";
  if (options.section !== undefined && options.section > sectionCount)
    return `The review has ${sectionCount} sections; /progress lists them.`;
  if (options.session !== undefined && options.session > sectionCount)
    return `The review has ${sectionCount} sections; /progress lists them.`;
  if (options.paragraph !== undefined && options.paragraph > paragraphCount)
    return `There is no ¶${options.paragraph}: the review has paragraphs 1 to ${paragraphCount}.`;
  return null;
}

/** Sets (or with "off", clears) the day a section is read; says what changed, and when its reminder cannot go out on time. */
async function schedule(
  change: PlanChange,
  all: ReturnType<typeof sections>,
  session: number,
  dateText: string,
  settings: GuildSettings | null,
): Promise<{ ok: true; said: string } | { ok: false; mistake: string }> {
  const read = offOr(dateText, parseDate);
  if (!read) return { ok: false, mistake: notADate(dateText) };
  const date = read.value;
  if (date === null) {
    // Unscheduling twice: the second says nothing was scheduled, rather than "no longer" again.
    const wasScheduled = (await change.store.sessions(change.guildId)).some((x) => x.section === session);
    if (!wasScheduled) return { ok: false, mistake: `Session ${session} was not scheduled: nothing to unschedule.` };
  }
  // A day already past is a mistake (a wrong year, a slip of the keys): no reminder could go out for it.
  // Yesterday in UTC is still allowed, since it may be today where the organiser lives.
  const yesterday = new Date(change.at.getTime() - DAY_MS).toISOString().slice(0, 10);
  if (date !== null && date < yesterday) {
    const today = change.at.toISOString().slice(0, 10);
    return {
      ok: false,
      mistake: `${date} has passed (today is ${today}, UTC): give the day session ${session} will be read, as YYYY-MM-DD.`,
    };
  }
  await change.store.setSessionDate({ guildId: change.guildId, section: session, date, setBy: change.userId, at: change.at });
  const s = all[session - 1]!;
  if (date === null) return { ok: true, said: `Session ${session} is no longer scheduled.` };
  const said = `Session ${session} (${rangeLabel(s)} · ${escapeMarkdown(sectionTitle(s))}) is read on ${date}.`;
  const others = (await change.store.sessions(change.guildId)).filter((x) => x.section !== session);
  const reminder = await pastReminder(change, session, date, settings);
  return { ok: true, said: [said, ...outOfOrder(session, date, others), ...reminder].join(" ") };
}

/** "session 4's (2026-12-10)", for naming the sessions a date conflicts with. */
function datedSession(x: PlanSession): string {
  return `session ${x.section}'s (${x.date})`;
}

/** "a", "a and b", "a, b and c". */
function listed(items: readonly string[]): string {
  return items.length < 2 ? items.join("") : `${items.slice(0, -1).join(", ")} and ${items.at(-1)!}`;
}

/**
 * What an organiser should know when a session's date is out of the sections' order: dated before
 * an earlier session or after a later one, most likely a slip of the keys. It is kept (a group may
 * well read out of order), but said, with how to change it. Sessions on the same day are said as
 * such, without calling them a slip: a group may read two short sections at one meeting.
 */
function outOfOrder(session: number, date: string, others: readonly PlanSession[]): string[] {
  const before = others.filter((x) => x.section < session && x.date > date).map(datedSession);
  const after = others.filter((x) => x.section > session && x.date < date).map(datedSession);
  const clauses = [
    ...(before.length > 0 ? [`comes before ${listed(before)}`] : []),
    ...(after.length > 0 ? [`comes after ${listed(after)}`] : []),
  ];
  const out: string[] = [];
  if (clauses.length > 0)
    out.push(
      `Session ${session}'s date (${date}) ${clauses.join(", and ")}; if that is a slip, \`/plan session: ${session} date: YYYY-MM-DD\` changes it.`,
    );
  const same = others.filter((x) => x.date === date).map((x) => x.section);
  if (same.length === 1) out.push(`Session ${same[0]!} is read the same day.`);
  else if (same.length > 1) out.push(`Sessions ${listed(same.map(String))} are read the same day.`);
  return out;
}

/**
 * What an organiser should know about the reminder of a session dated in the past (yesterday, or
 * today past the reminder time). A reminder already sent for that very time and channel is not
 * sent again (the scheduler keeps it sent), so it is said to have gone out, not to go out now.
 */
async function pastReminder(change: PlanChange, session: number, date: string, settings: GuildSettings | null): Promise<string[]> {
  const now = change.at;
  const channel = settings?.reminderChannel ?? null;
  const time = channel ? (settings?.reminderTime ?? null) : null;
  if (!channel || !time) return date < now.toISOString().slice(0, 10) ? ["That day has already passed (UTC)."] : [];
  const due = `${date} at ${time} UTC`;
  switch (reminderOutlook(date, time, now)) {
    case "late": {
      const dueIso = dueAt(date, time)?.toISOString();
      const sent = (await change.store.reminders(change.guildId)).some(
        (r) => r.section === session && r.dueAt === dueIso && r.channelId === channel && r.sentAt !== null,
      );
      if (sent) return [`Its reminder (${due}) has already gone out.`];
      return [`Its reminder time (${due}) has passed, so its reminder goes out now, late.`];
    }
    case "missed":
      return [`Its reminder time (${due}) is more than a day past, so no reminder goes out for it.`];
    default:
      return [];
  }
}

/** What movePosition did: set or removed a position, or found none to clear; with what to say. */
type Moved = { kind: "set" | "cleared" | "nothing-to-clear"; said: string };

/** Moves the reading position (of the server, or of this channel or thread) or clears it; says what changed, or null when asked neither. */
async function movePosition(
  change: PlanChange,
  ctx: Pick<HandlerContext, "search" | "channel">,
  options: PlanOptions,
  channelId: string | null,
): Promise<Moved | null> {
  const all = sections(ctx.search);
  const upTo = options.paragraph ?? (options.section !== undefined ? all[options.section - 1]!.last : undefined);
  if (upTo !== undefined) {
    const before = (await change.store.positions(change.guildId)).find((p) => p.channelId === channelId);
    await change.store.setPosition({ guildId: change.guildId, channelId, upTo, setBy: change.userId, at: change.at });
    // Where it was is said, so a move is never silent (a section meant as a session moves it too).
    const from = before && before.upTo !== upTo ? `, moved from ¶${before.upTo}` : "";
    return {
      kind: "set",
      said: `Reading position for ${scopeName(ctx, channelId)}: ${describePosition(ctx.search, upTo)}${from}. Answers ${channelId === null ? "there" : "here"} now cite only ¶1–${upTo}.`,
    };
  }
  if (!options.clear) return null;
  return clearPosition(change, ctx, options.here);
}

/**
 * Clears a position. `here` true: this channel's or thread's own; false: the server's; absent: the
 * one in force here (a thread's, its channel's, else the server's), as an organiser reads the plan
 * where they are. Says what applies here afterwards, so clearing one never hides another.
 */
async function clearPosition(
  change: PlanChange,
  ctx: Pick<HandlerContext, "search" | "channel">,
  here: boolean | undefined,
): Promise<Moved> {
  const positions = await change.store.positions(change.guildId);
  const server = positions.find((p) => p.channelId === null) ?? null;
  const scopes = channelScopes(ctx);
  const own = scopes.map((id) => positions.find((p) => p.channelId === id)).find((p) => p !== undefined) ?? null;
  const target = here === true ? (ctx.channel?.id ?? null) : here === false ? null : (own?.channelId ?? null);
  const scope = scopeName(ctx, target);
  const removed = await change.store.clearPosition(change.guildId, target);
  if (target === null) {
    // The server's, cleared while this channel keeps its own: both said, as /progress would.
    const kept = own ? ` ${capitalise(scopeName(ctx, own.channelId))} keeps its own (¶${own.upTo}).` : "";
    if (removed) return { kind: "cleared", said: `Removed the reading position of the server.${kept}` };
    const ownHint = own ? ` ${capitalise(scopeName(ctx, own.channelId))}'s own (¶${own.upTo}) is cleared with \`/plan clear: true\`.` : "";
    const none = here === false ? "" : scopes.length > 0 ? ` Nor has ${scopeName(ctx, scopes[0]!)}.` : "";
    return { kind: "nothing-to-clear", said: `Nothing to clear: the server has no reading position.${ownHint}${none}` };
  }
  if (!removed) return { kind: "nothing-to-clear", said: `Nothing to clear: ${scope} has no reading position.` };
  // What is in force here now: a thread's channel's own, else the server's, else none.
  const rest = scopes.filter((id) => id !== target).map((id) => positions.find((p) => p.channelId === id));
  const next = rest.find((p) => p !== undefined) ?? server;
  const now = !next
    ? " No position applies here now: answers here cite the whole review."
    : next.channelId === null
      ? ` The server's position (¶${next.upTo}) still applies elsewhere and now here; to remove it too: \`/plan clear: true here: false\`.`
      : ` ${capitalise(scopeName(ctx, next.channelId))}'s position (¶${next.upTo}) now applies here.`;
  return { kind: "cleared", said: `Removed the reading position of ${scope}.${now}` };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
export default command;
