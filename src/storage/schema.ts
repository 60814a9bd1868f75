/**
 * The tables, as Kysely sees them. One schema for SQLite and PostgreSQL: ids (Discord snowflakes)
 * are text, times are ISO-8601 text, counts and paragraph numbers are integers.
 */
import type { Generated } from "kysely";

/** Where a group has read up to: server-wide (`channel_id` = "") or for one channel or thread. */
export interface ReadingPositionTable {
  guild_id: string;
  /** "" for the whole server, else the channel or thread it overrides the server's position in. */
  channel_id: string;
  /** The last paragraph read (of the review). */
  up_to: number;
  set_by: string;
  set_at: string;
}

/** A reading session of the plan: one section of the review and the day it is read. */
export interface PlanSessionTable {
  guild_id: string;
  /** 1-based section number of the review. */
  section: number;
  /** YYYY-MM-DD. */
  date: string;
  set_by: string;
  set_at: string;
}

/** A discussion thread opened by /discuss, with the passage it discusses and the prompts shown so far. */
export interface DiscussionThreadTable {
  thread_id: string;
  guild_id: string;
  /** The channel the thread was opened in. */
  parent_id: string;
  first: number;
  last: number;
  name: string;
  opened_by: string;
  opened_at: string;
  /** How many prompts were posted; "Another prompt" posts the next one. */
  prompts_shown: Generated<number>;
}

/** One /ask in a server: the question, what it cited, and whether it was answered (the unanswered log, feedback). */
export interface AskLogTable {
  /** Random, carried by the answer's vote buttons. */
  id: string;
  guild_id: string;
  question: string;
  /** The cited paragraphs in rank order, "42,12" ("" for none). */
  paragraphs: string;
  /** 1 answered, 0 declined. */
  answered: number;
  /** The decline's code (not-covered, no-match…), null when answered. */
  reason: string | null;
  asked_at: string;
}

/** Longest "What were you looking for?" kept. */
export const MAX_COMMENT = 200;

/** A member's 👍 or 👎 on an answer: one per member per answer, changeable; never shown with the member's name. */
export interface AnswerVoteTable {
  answer_id: string;
  user_id: string;
  guild_id: string;
  vote: "up" | "down";
  /** "What were you looking for?" (👎 only, at most 200 characters). */
  comment: string | null;
  voted_at: string;
}

/** A server's choices (/settings); a server without a row has the defaults. */
export interface GuildSettingsTable {
  guild_id: string;
  /** 1 public, 0 private, null: as PUBLIC_GUILD_IDS says. */
  public_default: number | null;
  /** Channels where answers are public, "id,id" ("" for none). */
  public_channels: string;
  spoilers: "strict" | "show-anyway";
  reminder_channel: string | null;
  /** HH:MM, UTC. */
  reminder_time: string | null;
  /** The only role the bot may ever mention (reminders); null: off. */
  reader_role: string | null;
  updated_by: string;
  updated_at: string;
}

/** A reading reminder: one per planned session, due on its date at the server's reminder time; sent once. */
export interface ReminderTable {
  guild_id: string;
  section: number;
  channel_id: string;
  /** ISO-8601, UTC. */
  due_at: string;
  /** Null until a shard claims and sends it. */
  sent_at: string | null;
}

export interface Database {
  reading_position: ReadingPositionTable;
  plan_session: PlanSessionTable;
  discussion_thread: DiscussionThreadTable;
  ask_log: AskLogTable;
  answer_vote: AnswerVoteTable;
  guild_settings: GuildSettingsTable;
  reminder: ReminderTable;
}
