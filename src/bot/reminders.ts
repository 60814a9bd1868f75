/**
 * Reading reminders. A server's /plan dates and its /settings reminder channel and time give one
 * reminder per session, due on the session's date at that time (UTC); due times live in the
 * database, so a restart loses none, and a reminder is claimed (a conditional update) before it is
 * sent, so it goes out once however many shards, machines or restarts look at it. Only the shard
 * that owns a server (`guild_id >> 22 % shard_count`) sends its reminders. The reader role named in
 * /settings is the only mention the bot ever sends.
 */
import { rangeLabel, type ReviewSearch } from "../search/index.ts";
import type { Reminder, Storage } from "../storage/index.ts";
import { escapeMarkdown } from "./markdown.ts";
import type { Logger } from "./logger.ts";
import { sections, sectionTitle } from "./study.ts";
import type { Clock } from "./types.ts";

/** How often the scheduler looks for due reminders. */
export const REMINDER_INTERVAL_MS = 30_000;
/** A reminder more overdue than this (the bot was down for days) is not sent late. */
const OVERDUE_GRACE_MS = 24 * 60 * 60 * 1000;

/** What a reminder sends: a channel message whose only possible mention is the reader role. */
export interface ReminderMessage {
  channelId: string;
  content: string;
  allowedMentions: { parse: []; roles: string[] };
}

/** The shard owning a server, as Discord routes it: `(guild_id >> 22) % shard_count`. */
export function shardOf(guildId: string, shardCount: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(Math.max(1, shardCount)));
}

/** The moment a session's reminder is due: its date at the server's time, UTC; null for a bad date or time. */
export function dueAt(date: string, time: string): Date | null {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const t = /^(\d{2}):(\d{2})$/.exec(time);
  if (!d || !t) return null;
  return new Date(Date.UTC(Number(d[1]), Number(d[2]) - 1, Number(d[3]), Number(t[1]), Number(t[2])));
}

/**
 * What becomes of a session's reminder, dated `date` with reminders at `time` (UTC), seen at
 * `now`: sent when due ("ahead"), sent at once as it is already due but less than a day late
 * ("late", as after the bot was down), or never, being more than a day late ("missed").
 */
export function reminderOutlook(date: string, time: string, now: Date): "ahead" | "late" | "missed" | null {
  const due = dueAt(date, time);
  if (!due) return null;
  if (due.getTime() > now.getTime()) return "ahead";
  return now.getTime() - due.getTime() <= OVERDUE_GRACE_MS ? "late" : "missed";
}

/**
 * "This week: ¶17–29 · [Who was Stalin?] — session 3, Thursday 10 December 2026", the reader role
 * first when one is set. Sessions due at
 * the same moment in the same channel share one message ("sessions 3 and 4"), so the role is
 * mentioned once. Null when none of the sections exists (the corpus changed).
 */
export function reminderMessage(
  search: ReviewSearch,
  r: { channelId: string; sections: readonly number[]; dueAt: string; readerRole: string | null },
): ReminderMessage | null {
  const all = sections(search);
  const numbers = [...new Set(r.sections)].filter((n) => all[n - 1] !== undefined).sort((a, b) => a - b);
  if (numbers.length === 0) return null;
  const labels = numbers.map((n) => escapeMarkdown(`${rangeLabel(all[n - 1]!)} · ${sectionTitle(all[n - 1]!)}`));
  const which = numbers.length === 1 ? `session ${numbers[0]!}` : `sessions ${andList(numbers.map(String))}`;
  const role = r.readerRole ? `<@&${r.readerRole}> ` : "";
  return {
    channelId: r.channelId,
    content: `${role}**This week:** ${andList(labels)} — ${which}, ${sessionDay(r.dueAt)}. Use /discuss to open ${numbers.length === 1 ? "its thread" : "their threads"}, and /ask as you read.`,
    allowedMentions: { parse: [], roles: r.readerRole ? [r.readerRole] : [] },
  };
}

const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
/** The months' names, for dates said in words (a session's day here, a day a month lacks in /plan). */
export const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

/**
 * The session's day, "Thursday 10 December 2026": a session has a date and no time, and the
 * reminder goes out on that date (UTC), so the day is written out rather than given as a Discord
 * timestamp, whose time would be the reminder's own ("now").
 */
function sessionDay(dueAt: string): string {
  const d = new Date(dueAt);
  return `${WEEKDAYS[d.getUTCDay()]!} ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]!} ${d.getUTCFullYear()}`;
}

/** "a", "a and b", "a, b and c". */
function andList(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} and ${items.at(-1)!}`;
}

export interface ReminderSchedulerOptions {
  store: Storage;
  search: ReviewSearch;
  clock: Clock;
  logger: Logger;
  // Function-typed properties, not methods: the scheduler calls them without `this`.
  /** Whether this process sends a server's reminders (the shard that owns it). */
  owns: (guildId: string) => boolean;
  /** Posts the message (discord.js REST on Discord). */
  send: (message: ReminderMessage) => Promise<void>;
}

export class ReminderScheduler {
  private timer: ReturnType<typeof setInterval> | null = null;
  private running: Promise<number> | null = null;

  constructor(private readonly options: ReminderSchedulerOptions) {}

  /** Looks for due reminders now and every `intervalMs`. */
  start(intervalMs: number = REMINDER_INTERVAL_MS): void {
    if (this.timer) return;
    void this.tick();
    this.timer = setInterval(() => void this.tick(), intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running?.catch(() => undefined);
  }

  /**
   * One pass: brings the owned servers' reminders up to date, then sends those due, one message
   * for the sessions due at the same moment in the same channel. Returns how many messages were
   * sent. Never throws.
   */
  tick(): Promise<number> {
    this.running ??= this.pass().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async pass(): Promise<number> {
    const { store, search, clock, logger, owns, send } = this.options;
    let sent = 0;
    try {
      const now = new Date(clock.now());
      const guilds = (await store.reminderGuilds()).filter((g) => owns(g.guildId));
      for (const g of guilds) {
        const wanted = (await store.sessions(g.guildId)).flatMap((s) => {
          const due = dueAt(s.date, g.time);
          return due ? [{ section: s.section, channelId: g.channelId, dueAt: due.toISOString() }] : [];
        });
        await store.syncReminders(g.guildId, wanted);
      }
      const roles = new Map(guilds.map((g) => [g.guildId, g.readerRole]));
      // Sessions due together in one channel (two sections on one date) make one message: one mention of the role.
      const together = new Map<string, Reminder[]>();
      for (const r of await store.dueReminders(now, new Date(now.getTime() - OVERDUE_GRACE_MS))) {
        if (!owns(r.guildId) || !roles.has(r.guildId)) continue;
        const key = JSON.stringify([r.guildId, r.channelId, r.dueAt]);
        together.set(key, [...(together.get(key) ?? []), r]);
      }
      for (const batch of together.values()) {
        const first = batch[0]!;
        const readerRole = roles.get(first.guildId) ?? null;
        // Each session is claimed on its own, so one another process took is not sent twice.
        const claimed: Reminder[] = [];
        for (const r of batch) {
          if (!reminderMessage(search, { ...r, sections: [r.section], readerRole })) continue;
          if (await store.claimReminder(r, now)) claimed.push(r);
        }
        const message = reminderMessage(search, { ...first, sections: claimed.map((r) => r.section), readerRole });
        if (!message) continue;
        const logged = { guildId: first.guildId, sections: claimed.map((r) => r.section), channelId: first.channelId };
        try {
          await send(message);
          sent += 1;
          logger.info("reminder sent", logged);
        } catch (error) {
          // Claimed and not sent: logged, not retried, so a flaky channel never gets it twice.
          logger.warn("reminder not sent", { ...logged, error });
        }
      }
    } catch (error) {
      logger.error("reminders failed", { error });
    }
    return sent;
  }
}
