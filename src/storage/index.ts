/**
 * Study-group storage: the group's reading position, its plan and its discussion threads, kept in
 * a real database so they survive restarts. One schema, one set of migrations and queries, on two
 * engines through Kysely:
 * - SQLite in a file (`DATABASE_PATH`, default `data/bot.sqlite`, WAL), embedded, no setup;
 * - PostgreSQL (`DATABASE_URL=postgres://…`), the shared state of a bot sharded over several machines.
 *
 * Handlers reach it through the HandlerContext, never directly; the search core never imports it.
 *
 * @example
 * const storage = await Storage.open({ path: ":memory:" });
 * await storage.setPosition({ guildId: "1", channelId: null, upTo: 20, setBy: "2", at: new Date() });
 * (await storage.position("1", []))?.upTo; // 20
 */
import { randomBytes } from "node:crypto";
import { inspect } from "node:util";
import {
  Kysely,
  Migrator,
  PostgresDialect,
  sql,
  type CompiledQuery,
  type Insertable,
  type MigrationProvider,
  type Selectable,
} from "kysely";
import { MIGRATIONS } from "./migrations.ts";
import { RecentReads } from "./recent-reads.ts";
import { sqliteDialect } from "./sqlite.ts";
import {
  MAX_COMMENT,
  type AskLogTable,
  type Database,
  type DiscussionThreadTable,
  type ReadingPositionTable,
  type ReminderTable,
} from "./schema.ts";

export type { Database } from "./schema.ts";

/** The default SQLite file, relative to the working directory. */
const DEFAULT_DATABASE_PATH = "data/bot.sqlite";

/** What to open: a PostgreSQL URL wins; otherwise a SQLite file (or `:memory:`). */
export interface StorageOptions {
  /** `postgres://user:pass@host:port/db`; null or absent for SQLite. */
  url?: string | null;
  /** SQLite file; created with its folder on first start. Default {@link DEFAULT_DATABASE_PATH}. */
  path?: string;
  /**
   * Told when PostgreSQL drops a connection on its own (a server restart, an administrator's
   * terminate, a network cut). The pool replaces the connection and the next query goes on; without
   * a listener such an error would be thrown out of the event loop and end the process.
   */
  onConnectionError?: (error: Error) => void;
  /**
   * How long the study state an interaction reads (position, settings, discussion thread) may be
   * reused by {@link Storage.studyReads}: this process's writes are seen at once, another
   * process's within this time. Default {@link STUDY_READS_MAX_AGE_MS}; 0 reads every time.
   */
  studyReadsMaxAgeMs?: number;
  /** The clock of that reuse, in milliseconds that never go back (tests); `performance.now` by default. */
  studyReadsClock?: () => number;
}

/** A second: another machine's change to a position or a setting is seen within it. */
export const STUDY_READS_MAX_AGE_MS = 1000;

export type Engine = "sqlite" | "postgres";

/** A problem opening the database that the operator must fix (wrong URL, a newer schema…). */
export class StorageError extends Error {
  constructor(message: string) {
    super(`Storage: ${message}`);
    this.name = "StorageError";
  }
}

export interface ReadingPosition {
  guildId: string;
  /** Null for the server-wide position. */
  channelId: string | null;
  upTo: number;
  setBy: string;
  setAt: string;
}

export interface PlanSession {
  section: number;
  /** YYYY-MM-DD */
  date: string;
}

export interface DiscussionThread {
  threadId: string;
  guildId: string;
  parentId: string;
  first: number;
  last: number;
  name: string;
  openedBy: string;
  openedAt: string;
  promptsShown: number;
}

/** One /ask as logged: what the feedback and the unanswered-questions log refer to. */
export interface LoggedAsk {
  id: string;
  guildId: string;
  question: string;
  /** Cited paragraphs, in rank order. */
  paragraphs: number[];
  answered: boolean;
  reason: string | null;
  askedAt: string;
}

export type Vote = "up" | "down";

/** One entry of the unanswered-questions log: a declined ask, or an ask some members voted 👎. */
export interface UnansweredEntry {
  askId: string;
  question: string;
  askedAt: string;
  /** The bot declined it (not covered, or only "maybe related" passages). */
  declined: boolean;
  /** 👎 votes on its answer in the period. */
  downVotes: number;
  /** What those members were looking for (no names). */
  comments: string[];
}

/** What a server chose with /settings. */
export interface GuildSettings {
  /** Answers public by default (true), private (false), or as PUBLIC_GUILD_IDS says (null). */
  publicByDefault: boolean | null;
  /** Channels where answers are public. */
  publicChannels: string[];
  /** strict: nothing past the reading position, not even on request; show-anyway: a private "Show anyway" button. */
  spoilers: "strict" | "show-anyway";
  reminderChannel: string | null;
  /** HH:MM, UTC. */
  reminderTime: string | null;
  /** The role reminders mention (members opt in by taking it); null: reminders mention no one. */
  readerRole: string | null;
}

export const DEFAULT_SETTINGS: Readonly<GuildSettings> = Object.freeze({
  publicByDefault: null,
  publicChannels: [],
  spoilers: "show-anyway",
  reminderChannel: null,
  reminderTime: null,
  readerRole: null,
});

/** A reading reminder as stored. */
export interface Reminder {
  guildId: string;
  section: number;
  channelId: string;
  dueAt: string;
  sentAt: string | null;
}

export { MAX_COMMENT } from "./schema.ts";

const SERVER = "";

/** Random bytes for ask ids, drawn 4 KiB at a time: one call into the system's generator per 512 asks, not one each. */
let randomPool = Buffer.alloc(0);
let randomUsed = 0;

/** A new ask id: 8 random bytes in hex. */
function newAskId(): string {
  if (randomUsed + 8 > randomPool.length) {
    randomPool = randomBytes(4096);
    randomUsed = 0;
  }
  randomUsed += 8;
  return randomPool.toString("hex", randomUsed - 8, randomUsed);
}

/** Rows of the ask log written by one insert at most (7 values a row, well within either engine's limit). */
const ASKS_PER_INSERT = 200;

/** An ask waiting to be written, and whom to tell. */
interface PendingAsk {
  row: Insertable<AskLogTable>;
  written: (error: unknown) => void;
}

/** An insert of asks compiled once, and for each of its parameters the row and column it takes. */
interface CompiledAskInsert {
  query: CompiledQuery;
  sources: ReadonlyArray<{ row: number; column: keyof Insertable<AskLogTable> }>;
}

export class Storage {
  /** Asks logged since the last write; written together on the next turn of the event loop. */
  private pendingAsks: PendingAsk[] = [];
  /**
   * The ask log's inserts, compiled, by their rows' shape (count and columns): Kysely building
   * the SQL of every insert anew was three quarters of logging an ask, some 5% of the bot's CPU
   * under /ask load. At most {@link ASKS_PER_INSERT} counts.
   */
  private readonly askInserts = new Map<string, CompiledAskInsert>();
  /** Settles when the asks waiting have been written. */
  private asksWritten: Promise<void> = Promise.resolve();

  /** Recent reads of positions (by server), settings (by server) and discussion threads (by thread). */
  private readonly recentPositions: RecentReads<ReadingPosition | null>;
  private readonly recentSettings: RecentReads<Readonly<GuildSettings>>;
  private readonly recentThreads: RecentReads<Readonly<DiscussionThread> | null>;

  private constructor(
    /** The Kysely handle, for the storage tests; handlers use the methods. */
    readonly db: Kysely<Database>,
    readonly engine: Engine,
    reads: { maxAgeMs: number; now?: () => number },
  ) {
    this.recentPositions = new RecentReads(reads);
    this.recentSettings = new RecentReads(reads);
    this.recentThreads = new RecentReads(reads);
  }

  /**
   * Opens the database and brings its schema up to date. Refuses (a {@link StorageError}) a
   * database whose schema is newer than this code, rather than running on a schema it does not know.
   */
  static async open(options: StorageOptions = {}): Promise<Storage> {
    const url = options.url?.trim() || null;
    const reads = {
      maxAgeMs: options.studyReadsMaxAgeMs ?? STUDY_READS_MAX_AGE_MS,
      ...(options.studyReadsClock ? { now: options.studyReadsClock } : {}),
    };
    let storage: Storage;
    if (url) {
      if (!/^postgres(?:ql)?:\/\//i.test(url))
        throw new StorageError(`DATABASE_URL must start with postgres:// (got “${url.split(":")[0]}:…”).`);
      // Loaded only for PostgreSQL: the console and a SQLite bot start without it.
      const { default: pg } = await import("pg");
      const pool = new pg.Pool({ connectionString: url, max: 4 });
      const onConnectionError = options.onConnectionError ?? (() => undefined);
      // Every connection reports on itself, idle, lent out or being closed (the server may end it
      // before our goodbye is read); the pool repeats an idle one's error, already reported.
      pool.on("connect", (client) => client.on("error", onConnectionError));
      pool.on("error", () => undefined);
      storage = new Storage(new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }), "postgres", reads);
    } else {
      storage = new Storage(new Kysely<Database>({ dialect: sqliteDialect(options.path ?? DEFAULT_DATABASE_PATH) }), "sqlite", reads);
    }
    try {
      await storage.migrate();
    } catch (error) {
      await storage.close().catch(() => undefined);
      throw error;
    }
    return storage;
  }

  /** Applies the migrations this database lacks; idempotent. */
  async migrate(): Promise<void> {
    const known = new Set(Object.keys(MIGRATIONS));
    const applied = await this.appliedMigrations();
    const unknown = applied.filter((name) => !known.has(name));
    if (unknown.length > 0) {
      throw new StorageError(
        `the database's schema is newer than this version of the bot (it has migration ${unknown.join(", ")}, unknown here). ` +
          `Upgrade the bot, or point it at another database.`,
      );
    }
    const provider: MigrationProvider = { getMigrations: () => Promise.resolve({ ...MIGRATIONS }) };
    const { error, results } = await new Migrator({ db: this.db, provider }).migrateToLatest();
    if (error) {
      const failed = results?.find((r) => r.status === "Error")?.migrationName;
      throw new StorageError(`migration ${failed ?? "(unknown)"} failed: ${describeFailure(error)}`);
    }
  }

  /** Names of the migrations applied to this database, in order ([] for a new one). */
  async appliedMigrations(): Promise<string[]> {
    const tables = await this.db.introspection.getTables({ withInternalKyselyTables: true });
    if (!tables.some((t) => t.name === "kysely_migration")) return [];
    const rows = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(this.db);
    return rows.rows.map((r) => r.name);
  }

  async close(): Promise<void> {
    // Asks logged just before closing are written first.
    await this.asksWritten;
    await this.db.destroy();
  }

  // ---- reading position ----

  /** Sets where the group has read up to, for the server (`channelId` null) or one channel or thread. */
  async setPosition(p: { guildId: string; channelId: string | null; upTo: number; setBy: string; at: Date }): Promise<void> {
    const row = { guild_id: p.guildId, channel_id: p.channelId ?? SERVER, up_to: p.upTo, set_by: p.setBy, set_at: p.at.toISOString() };
    try {
      await this.db
        .insertInto("reading_position")
        .values(row)
        .onConflict((oc) =>
          oc.columns(["guild_id", "channel_id"]).doUpdateSet({ up_to: row.up_to, set_by: row.set_by, set_at: row.set_at }),
        )
        .execute();
    } finally {
      this.recentPositions.forget(p.guildId);
    }
  }

  /** Removes a position; true when there was one. */
  async clearPosition(guildId: string, channelId: string | null): Promise<boolean> {
    try {
      const result = await this.db
        .deleteFrom("reading_position")
        .where("guild_id", "=", guildId)
        .where("channel_id", "=", channelId ?? SERVER)
        .executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    } finally {
      this.recentPositions.forget(guildId);
    }
  }

  /**
   * The position in force: the first of `channelIds` that has one (a thread, then its parent
   * channel), else the server's; null when none is set.
   */
  async position(guildId: string, channelIds: readonly string[]): Promise<ReadingPosition | null> {
    const scopes = [...channelIds.filter((c) => c !== SERVER), SERVER];
    const rows = await this.db
      .selectFrom("reading_position")
      .selectAll()
      .where("guild_id", "=", guildId)
      .where("channel_id", "in", scopes)
      .execute();
    for (const scope of scopes) {
      const row = rows.find((r) => r.channel_id === scope);
      if (row) return toPosition(row);
    }
    return null;
  }

  /**
   * What an interaction reads before its handler runs: the position in force (as
   * {@link Storage.position}), the thread's discussion (as {@link Storage.thread}; null when
   * `threadId` is) and the server's settings (as {@link Storage.settings}). Each may be a read up
   * to `studyReadsMaxAgeMs` old, except that this process's own writes are always seen; the
   * values are frozen, shared by the interactions that reuse them.
   */
  async studyReads(
    guildId: string,
    channelIds: readonly string[],
    threadId: string | null,
  ): Promise<{ position: ReadingPosition | null; discussion: Readonly<DiscussionThread> | null; settings: Readonly<GuildSettings> }> {
    const [position, discussion, settings] = await Promise.all([
      this.recentPositions.read(guildId, channelIds.join(","), async () => frozen(await this.position(guildId, channelIds))),
      threadId === null ? null : this.recentThreads.read(threadId, "", async () => frozen(await this.thread(threadId))),
      this.recentSettings.read(guildId, "", async () => {
        const read = await this.settings(guildId);
        Object.freeze(read.publicChannels);
        return Object.freeze(read);
      }),
    ]);
    return { position, discussion, settings };
  }

  /** Every position of a server: the server's first, then channels and threads. */
  async positions(guildId: string): Promise<ReadingPosition[]> {
    const rows = await this.db.selectFrom("reading_position").selectAll().where("guild_id", "=", guildId).orderBy("channel_id").execute();
    return rows.map(toPosition);
  }

  // ---- plan ----

  /** Schedules a section for a day, or unschedules it (`date` null). */
  async setSessionDate(p: { guildId: string; section: number; date: string | null; setBy: string; at: Date }): Promise<void> {
    if (p.date === null) {
      await this.db.deleteFrom("plan_session").where("guild_id", "=", p.guildId).where("section", "=", p.section).execute();
      return;
    }
    const row = { guild_id: p.guildId, section: p.section, date: p.date, set_by: p.setBy, set_at: p.at.toISOString() };
    await this.db
      .insertInto("plan_session")
      .values(row)
      .onConflict((oc) => oc.columns(["guild_id", "section"]).doUpdateSet({ date: row.date, set_by: row.set_by, set_at: row.set_at }))
      .execute();
  }

  async sessions(guildId: string): Promise<PlanSession[]> {
    const rows = await this.db
      .selectFrom("plan_session")
      .select(["section", "date"])
      .where("guild_id", "=", guildId)
      .orderBy("section")
      .execute();
    return rows.map((r) => ({ section: Number(r.section), date: r.date }));
  }

  // ---- discussion threads ----

  async recordThread(t: Omit<DiscussionThread, "openedAt"> & { at: Date }): Promise<void> {
    try {
      await this.db
        .insertInto("discussion_thread")
        .values({
          thread_id: t.threadId,
          guild_id: t.guildId,
          parent_id: t.parentId,
          first: t.first,
          last: t.last,
          name: t.name,
          opened_by: t.openedBy,
          opened_at: t.at.toISOString(),
          prompts_shown: t.promptsShown,
        })
        .onConflict((oc) => oc.column("thread_id").doNothing())
        .execute();
    } finally {
      this.recentThreads.forget(t.threadId);
    }
  }

  /**
   * Forgets a thread Discord has deleted: its discussion (so /discuss opens a new one instead of
   * pointing to it) and any reading position set inside it. True when it was a discussion thread.
   */
  async forgetThread(guildId: string, threadId: string): Promise<boolean> {
    try {
      // Two deletes, each idempotent: a forget cut short is finished by the next.
      await this.db.deleteFrom("reading_position").where("guild_id", "=", guildId).where("channel_id", "=", threadId).execute();
      const result = await this.db.deleteFrom("discussion_thread").where("thread_id", "=", threadId).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    } finally {
      this.recentThreads.forget(threadId);
      this.recentPositions.forget(guildId);
    }
  }

  async thread(threadId: string): Promise<DiscussionThread | null> {
    const row = await this.db.selectFrom("discussion_thread").selectAll().where("thread_id", "=", threadId).executeTakeFirst();
    return row ? toThread(row) : null;
  }

  /** The most recent thread opened in a channel for exactly this passage; null when there is none. */
  async threadFor(t: { guildId: string; parentId: string; first: number; last: number }): Promise<DiscussionThread | null> {
    return this.#latestThreadFrom(t, "=");
  }

  /**
   * The most recent thread a channel opened for an earlier part of this passage: the same first
   * paragraph, ending before its last (¶9–10 for ¶9–12); null when there is none. Plain /discuss,
   * as a group reads on through a section, carries on there rather than opening one more thread.
   */
  async earlierPartThread(t: { guildId: string; parentId: string; first: number; last: number }): Promise<DiscussionThread | null> {
    return this.#latestThreadFrom(t, "<");
  }

  /**
   * The most recent thread a channel opened for this passage carried further: the same first
   * paragraph, ending after its last (¶30–39 for ¶30–35); null when there is none. Plain /discuss,
   * once the position has moved back within a section, points there rather than opening a second one.
   */
  async laterEndingThread(t: { guildId: string; parentId: string; first: number; last: number }): Promise<DiscussionThread | null> {
    return this.#latestThreadFrom(t, ">");
  }

  /** The most recent thread of a channel starting at `first` and ending at `last` ("="), before it ("<") or after it (">"). */
  async #latestThreadFrom(
    t: { guildId: string; parentId: string; first: number; last: number },
    ends: "=" | "<" | ">",
  ): Promise<DiscussionThread | null> {
    const row = await this.db
      .selectFrom("discussion_thread")
      .selectAll()
      .where("guild_id", "=", t.guildId)
      .where("parent_id", "=", t.parentId)
      .where("first", "=", t.first)
      .where("last", ends, t.last)
      .orderBy("opened_at", "desc")
      .orderBy("thread_id", "desc")
      .executeTakeFirst();
    return row ? toThread(row) : null;
  }

  /**
   * The narrowest (then the most recent) thread a channel opened for a wider passage holding this
   * one (¶12–14 for ¶13); null when there is none. A passage of its own is its own discussion:
   * this only lets /discuss say where the wider one is.
   */
  async widerThread(t: { guildId: string; parentId: string; first: number; last: number }): Promise<DiscussionThread | null> {
    const rows = await this.db
      .selectFrom("discussion_thread")
      .selectAll()
      .where("guild_id", "=", t.guildId)
      .where("parent_id", "=", t.parentId)
      .where("first", "<=", t.first)
      .where("last", ">=", t.last)
      .orderBy("opened_at", "desc")
      .orderBy("thread_id", "desc")
      .execute();
    const wider = rows.map(toThread).filter((r) => r.last - r.first > t.last - t.first);
    return wider.reduce<DiscussionThread | null>((best, r) => (!best || r.last - r.first < best.last - best.first ? r : best), null);
  }

  /**
   * A server's discussion threads, the most recent first; with `upTo`, only those whose passage
   * starts by it (the group's current reading may run past its position).
   */
  async threads(guildId: string, options: { limit?: number; upTo?: number | null } = {}): Promise<DiscussionThread[]> {
    let query = this.db.selectFrom("discussion_thread").selectAll().where("guild_id", "=", guildId);
    if (options.upTo !== undefined && options.upTo !== null) query = query.where("first", "<=", options.upTo);
    const rows = await query
      .orderBy("opened_at", "desc")
      .orderBy("thread_id", "desc")
      .limit(options.limit ?? 10)
      .execute();
    return rows.map(toThread);
  }

  /** How many discussion threads a server has opened; with `upTo`, only those whose passage starts by it. */
  async threadCount(guildId: string, upTo: number | null = null): Promise<number> {
    let query = this.db
      .selectFrom("discussion_thread")
      .select((eb) => eb.fn.countAll().as("n"))
      .where("guild_id", "=", guildId);
    if (upTo !== null) query = query.where("first", "<=", upTo);
    const row = await query.executeTakeFirst();
    // PostgreSQL's count is a bigint, which pg returns as a string.
    return Number(row?.n ?? 0);
  }

  /**
   * Counts one more prompt shown in a thread and returns how many had been shown before (the
   * index of the prompt to show now); null for a thread that is not recorded. Atomic, so two
   * clicks at once get two different prompts.
   */
  async takePrompt(threadId: string): Promise<number | null> {
    try {
      const row = await this.db
        .updateTable("discussion_thread")
        .set((eb) => ({ prompts_shown: eb("prompts_shown", "+", 1) }))
        .where("thread_id", "=", threadId)
        .returning("prompts_shown")
        .executeTakeFirst();
      return row ? Number(row.prompts_shown) - 1 : null;
    } finally {
      this.recentThreads.forget(threadId);
    }
  }

  // ---- the ask log and feedback ----

  /** Logs one /ask in a server and returns its id (for its vote buttons). */
  /**
   * Logs an /ask; resolves with its id once the row is written. The asks logged while the event
   * loop turns are written together, as one insert (under load, dozens a statement instead of one
   * statement and one commit each); should that insert fail, each row is tried alone, so one bad
   * row fails only its own ask.
   */
  recordAsk(a: {
    guildId: string;
    question: string;
    paragraphs: readonly number[];
    answered: boolean;
    reason: string | null;
    at: Date;
  }): Promise<string> {
    const id = newAskId();
    const row: Insertable<AskLogTable> = {
      id,
      guild_id: a.guildId,
      question: a.question,
      paragraphs: a.paragraphs.join(","),
      answered: a.answered ? 1 : 0,
      reason: a.reason,
      asked_at: a.at.toISOString(),
    };
    return new Promise((resolve, reject) => {
      this.pendingAsks.push({
        row,
        written: (error) => (error === null ? resolve(id) : reject(error instanceof Error ? error : new Error(inspect(error)))),
      });
      if (this.pendingAsks.length === 1) this.asksWritten = new Promise((done) => setImmediate(() => void this.writeAsks().then(done)));
    });
  }

  /** Writes the asks waiting, in inserts of at most {@link ASKS_PER_INSERT} rows. Never rejects. */
  private async writeAsks(): Promise<void> {
    const waiting = this.pendingAsks.splice(0);
    for (let i = 0; i < waiting.length; i += ASKS_PER_INSERT) {
      const batch = waiting.slice(i, i + ASKS_PER_INSERT);
      try {
        await this.insertAsks(batch.map((b) => b.row));
        for (const b of batch) b.written(null);
      } catch (error) {
        if (batch.length === 1) {
          batch[0]!.written(error);
          continue;
        }
        for (const b of batch) {
          await this.db
            .insertInto("ask_log")
            .values(b.row)
            .execute()
            .then(
              () => b.written(null),
              (alone: unknown) => b.written(alone),
            );
        }
      }
    }
  }

  /**
   * Inserts rows into the ask log as `insertInto("ask_log").values(rows)` does, with its SQL
   * compiled once per shape of rows: compiled over placeholders, each a distinct object, to learn
   * which row and column each parameter is, then run with the rows' values in their places.
   */
  private async insertAsks(rows: ReadonlyArray<Insertable<AskLogTable>>): Promise<void> {
    const columns = rows.map((row) => Object.keys(row).join(","));
    const shape = `${rows.length}|${columns[0]}`;
    if (columns.some((c) => c !== columns[0])) {
      // Rows of different columns (none are made so): Kysely's own path.
      await this.db.insertInto("ask_log").values(rows).execute();
      return;
    }
    let insert = this.askInserts.get(shape);
    if (!insert) {
      const placed = new Map<unknown, { row: number; column: keyof Insertable<AskLogTable> }>();
      const placeholders = rows.map((row, at) =>
        Object.fromEntries(
          (Object.keys(row) as Array<keyof Insertable<AskLogTable>>).map((column) => {
            const placeholder = {};
            placed.set(placeholder, { row: at, column });
            return [column, placeholder];
          }),
        ),
      ) as unknown as Array<Insertable<AskLogTable>>;
      const query = this.db.insertInto("ask_log").values(placeholders).compile();
      const sources = query.parameters.map((parameter) => placed.get(parameter));
      if (sources.length !== placed.size || sources.some((source) => source === undefined)) {
        throw new StorageError("the ask log's insert did not compile to one parameter per value");
      }
      insert = { query, sources: sources as CompiledAskInsert["sources"] };
      this.askInserts.set(shape, insert);
    }
    await this.db.executeQuery({ ...insert.query, parameters: insert.sources.map(({ row, column }) => rows[row]![column]) });
  }

  async loggedAsk(id: string): Promise<LoggedAsk | null> {
    const row = await this.db.selectFrom("ask_log").selectAll().where("id", "=", id).executeTakeFirst();
    return row ? toLoggedAsk(row) : null;
  }

  /**
   * A member's vote on an answer: one per member per answer, a new vote replaces the old (a 👍
   * drops a 👎's comment). Returns the vote it replaced, null for a first vote.
   */
  async vote(v: { answerId: string; userId: string; guildId: string; vote: Vote; at: Date }): Promise<Vote | null> {
    // Read, then upsert (not one transaction: see syncReminders); the upsert itself is atomic.
    const tx = this.db;
    {
      const before = await tx
        .selectFrom("answer_vote")
        .select("vote")
        .where("answer_id", "=", v.answerId)
        .where("user_id", "=", v.userId)
        .executeTakeFirst();
      const row = {
        answer_id: v.answerId,
        user_id: v.userId,
        guild_id: v.guildId,
        vote: v.vote,
        comment: null,
        voted_at: v.at.toISOString(),
      };
      await tx
        .insertInto("answer_vote")
        .values(row)
        .onConflict((oc) =>
          oc
            .columns(["answer_id", "user_id"])
            .doUpdateSet(
              v.vote === "up" ? { vote: "up", comment: null, voted_at: row.voted_at } : { vote: "down", voted_at: row.voted_at },
            ),
        )
        .execute();
      return before?.vote ?? null;
    }
  }

  /** What a member who voted 👎 was looking for (cut to {@link MAX_COMMENT}); an empty one clears it. Records the 👎 if missing. */
  async comment(c: { answerId: string; userId: string; guildId: string; comment: string; at: Date }): Promise<void> {
    const text = c.comment.trim().slice(0, MAX_COMMENT) || null;
    await this.db
      .insertInto("answer_vote")
      .values({ answer_id: c.answerId, user_id: c.userId, guild_id: c.guildId, vote: "down", comment: text, voted_at: c.at.toISOString() })
      .onConflict((oc) => oc.columns(["answer_id", "user_id"]).doUpdateSet({ vote: "down", comment: text, voted_at: c.at.toISOString() }))
      .execute();
  }

  /**
   * The unanswered-questions log of a server since a time: every declined ask, and every ask whose
   * answer got a 👎 (with the comments), newest first, at most `limit`. No member ids.
   */
  async unanswered(guildId: string, since: Date, limit = 2000): Promise<UnansweredEntry[]> {
    const from = since.toISOString();
    const declined = await this.db
      .selectFrom("ask_log")
      .select(["id", "question", "asked_at"])
      .where("guild_id", "=", guildId)
      .where("answered", "=", 0)
      .where("asked_at", ">=", from)
      .orderBy("asked_at", "desc")
      .limit(limit)
      .execute();
    const downs = await this.db
      .selectFrom("answer_vote")
      .innerJoin("ask_log", "ask_log.id", "answer_vote.answer_id")
      .select([
        "ask_log.id as id",
        "ask_log.question as question",
        "ask_log.asked_at as asked_at",
        "ask_log.answered as answered",
        "answer_vote.comment as comment",
      ])
      .where("answer_vote.guild_id", "=", guildId)
      .where("answer_vote.vote", "=", "down")
      .where("answer_vote.voted_at", ">=", from)
      .orderBy("answer_vote.voted_at", "desc")
      .limit(limit)
      .execute();
    const byId = new Map<string, UnansweredEntry>();
    for (const r of declined)
      byId.set(r.id, { askId: r.id, question: r.question, askedAt: r.asked_at, declined: true, downVotes: 0, comments: [] });
    for (const r of downs) {
      const entry = byId.get(r.id) ?? {
        askId: r.id,
        question: r.question,
        askedAt: r.asked_at,
        declined: Number(r.answered) === 0,
        downVotes: 0,
        comments: [],
      };
      entry.downVotes += 1;
      if (r.comment) entry.comments.push(r.comment);
      byId.set(r.id, entry);
    }
    return [...byId.values()].sort((a, b) => (a.askedAt < b.askedAt ? 1 : a.askedAt > b.askedAt ? -1 : 0));
  }

  // ---- server settings ----

  /** A server's settings; the defaults when it has chosen none. */
  async settings(guildId: string): Promise<GuildSettings> {
    const r = await this.db.selectFrom("guild_settings").selectAll().where("guild_id", "=", guildId).executeTakeFirst();
    if (!r) return { ...DEFAULT_SETTINGS, publicChannels: [] };
    return {
      publicByDefault: r.public_default === null ? null : Number(r.public_default) === 1,
      publicChannels: r.public_channels ? r.public_channels.split(",") : [],
      spoilers: r.spoilers === "strict" ? "strict" : "show-anyway",
      reminderChannel: r.reminder_channel,
      reminderTime: r.reminder_time,
      readerRole: r.reader_role,
    };
  }

  /** Changes some of a server's settings (the others stay) and returns them all. */
  async updateSettings(guildId: string, change: Partial<GuildSettings>, by: string, at: Date): Promise<GuildSettings> {
    // Read, merge, upsert (not one transaction: see syncReminders); the last organiser's change wins.
    const tx = this.db;
    {
      const next: GuildSettings = { ...(await this.settings(guildId)), ...change };
      const row = {
        guild_id: guildId,
        public_default: next.publicByDefault === null ? null : next.publicByDefault ? 1 : 0,
        public_channels: [...new Set(next.publicChannels)].join(","),
        spoilers: next.spoilers,
        reminder_channel: next.reminderChannel,
        reminder_time: next.reminderTime,
        reader_role: next.readerRole,
        updated_by: by,
        updated_at: at.toISOString(),
      };
      const { guild_id: _key, ...rest } = row;
      try {
        await tx
          .insertInto("guild_settings")
          .values(row)
          .onConflict((oc) => oc.column("guild_id").doUpdateSet(rest))
          .execute();
      } finally {
        this.recentSettings.forget(guildId);
      }
      return { ...next, publicChannels: [...new Set(next.publicChannels)] };
    }
  }

  // ---- reading reminders ----

  /** Servers whose settings name both a reminder channel and a time. */
  async reminderGuilds(): Promise<{ guildId: string; channelId: string; time: string; readerRole: string | null }[]> {
    const rows = await this.db
      .selectFrom("guild_settings")
      .select(["guild_id", "reminder_channel", "reminder_time", "reader_role"])
      .where("reminder_channel", "is not", null)
      .where("reminder_time", "is not", null)
      .execute();
    return rows.map((r) => ({ guildId: r.guild_id, channelId: r.reminder_channel!, time: r.reminder_time!, readerRole: r.reader_role }));
  }

  /**
   * Makes a server's reminders those of `wanted` (one per session): new ones are added, a changed
   * due time or channel makes one unsent again, and unsent ones no longer wanted are removed.
   * A reminder already sent for the same time stays sent.
   */
  async syncReminders(guildId: string, wanted: readonly { section: number; channelId: string; dueAt: string }[]): Promise<void> {
    // Statement by statement, not one read-then-write transaction: SQLite refuses (SQLITE_BUSY, no
    // waiting) a deferred transaction that upgrades to writing while another process writes.
    const tx = this.db;
    {
      const existing = await tx.selectFrom("reminder").selectAll().where("guild_id", "=", guildId).execute();
      const keep = new Set(wanted.map((w) => w.section));
      const stale = existing.filter((r) => !keep.has(Number(r.section)) && r.sent_at === null).map((r) => Number(r.section));
      if (stale.length > 0) await tx.deleteFrom("reminder").where("guild_id", "=", guildId).where("section", "in", stale).execute();
      for (const w of wanted) {
        const row = existing.find((r) => Number(r.section) === w.section);
        if (!row) {
          await tx
            .insertInto("reminder")
            .values({ guild_id: guildId, section: w.section, channel_id: w.channelId, due_at: w.dueAt, sent_at: null })
            .onConflict((oc) => oc.columns(["guild_id", "section"]).doNothing())
            .execute();
        } else if (row.due_at !== w.dueAt || row.channel_id !== w.channelId) {
          await tx
            .updateTable("reminder")
            .set({ channel_id: w.channelId, due_at: w.dueAt, sent_at: row.due_at === w.dueAt ? row.sent_at : null })
            .where("guild_id", "=", guildId)
            .where("section", "=", w.section)
            .execute();
        }
      }
    }
  }

  /** Unsent reminders due by `now` and not older than `since`, the earliest first. */
  async dueReminders(now: Date, since: Date): Promise<Reminder[]> {
    const rows = await this.db
      .selectFrom("reminder")
      .selectAll()
      .where("sent_at", "is", null)
      .where("due_at", "<=", now.toISOString())
      .where("due_at", ">=", since.toISOString())
      .orderBy("due_at")
      .execute();
    return rows.map(toReminder);
  }

  /**
   * Claims a due reminder for sending: true for exactly one caller, however many shards or
   * machines try at once (a conditional update), false when it was sent, claimed or changed.
   */
  async claimReminder(r: { guildId: string; section: number; dueAt: string }, at: Date): Promise<boolean> {
    const result = await this.db
      .updateTable("reminder")
      .set({ sent_at: at.toISOString() })
      .where("guild_id", "=", r.guildId)
      .where("section", "=", r.section)
      .where("due_at", "=", r.dueAt)
      .where("sent_at", "is", null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async reminders(guildId: string): Promise<Reminder[]> {
    const rows = await this.db.selectFrom("reminder").selectAll().where("guild_id", "=", guildId).orderBy("section").execute();
    return rows.map(toReminder);
  }

  /** The votes on an answer, counted (no member ids). */
  async voteCounts(answerId: string): Promise<{ up: number; down: number }> {
    const rows = await this.db
      .selectFrom("answer_vote")
      .select(["vote", (eb) => eb.fn.countAll().as("n")])
      .where("answer_id", "=", answerId)
      .groupBy("vote")
      .execute();
    const count = (vote: Vote) => Number(rows.find((r) => r.vote === vote)?.n ?? 0);
    return { up: count("up"), down: count("down") };
  }
}

/** A row read, frozen (null stays null): shared by every interaction that reuses it. */
function frozen<T extends object>(value: T | null): Readonly<T> | null {
  return value === null ? null : Object.freeze(value);
}

function toLoggedAsk(r: Selectable<AskLogTable>): LoggedAsk {
  return {
    id: r.id,
    guildId: r.guild_id,
    question: r.question,
    paragraphs: r.paragraphs ? r.paragraphs.split(",").map(Number) : [],
    answered: Number(r.answered) === 1,
    reason: r.reason,
    askedAt: r.asked_at,
  };
}

function toPosition(r: Selectable<ReadingPositionTable>): ReadingPosition {
  return {
    guildId: r.guild_id,
    channelId: r.channel_id === SERVER ? null : r.channel_id,
    upTo: Number(r.up_to),
    setBy: r.set_by,
    setAt: r.set_at,
  };
}

function toReminder(r: Selectable<ReminderTable>): Reminder {
  return { guildId: r.guild_id, section: Number(r.section), channelId: r.channel_id, dueAt: r.due_at, sentAt: r.sent_at };
}

function toThread(r: Selectable<DiscussionThreadTable>): DiscussionThread {
  return {
    threadId: r.thread_id,
    guildId: r.guild_id,
    parentId: r.parent_id,
    first: Number(r.first),
    last: Number(r.last),
    name: r.name,
    openedBy: r.opened_by,
    openedAt: r.opened_at,
    promptsShown: Number(r.prompts_shown),
  };
}

/** A migration's failure as text: an Error's message, or the thrown value itself (an object inspected, not "[object Object]"). */
function describeFailure(error: unknown): string {
  if (error instanceof Error) return error.message;
  return typeof error === "string" ? error : inspect(error);
}
