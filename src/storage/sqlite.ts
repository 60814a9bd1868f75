/**
 * SQLite through libsql, as Kysely's SqliteDialect drives better-sqlite3 (libsql speaks its API),
 * with a real migration lock. Kysely's SQLite adapter assumes one process per file and takes no
 * lock; two bots started at once on one file (two shard processes on one machine) would both
 * create the tables. Here each migration run is one transaction whose first statement writes the
 * lock row, so a second process waits (busy_timeout) until the first commits, then finds the
 * migrations applied.
 */
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import {
  CompiledQuery,
  sql,
  SqliteAdapter,
  SqliteDialect,
  SqliteDriver,
  type DatabaseConnection,
  type DialectAdapter,
  type Driver,
  type Kysely,
  type MigrationLockOptions,
  type SqliteDatabase,
  type SqliteDialectConfig,
  type SqliteStatement,
} from "kysely";
import Libsql from "libsql";

/** How long a statement waits for another process's write lock. */
const BUSY_TIMEOUT_MS = 5000;
/** Prepared statements kept: the bot's queries are a few dozen shapes (a reading position's scopes vary in number). */
const STATEMENT_CACHE_SIZE = 200;

class LockingSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }

  override async acquireMigrationLock(db: Kysely<unknown>, options: MigrationLockOptions): Promise<void> {
    // A write as the transaction's first statement takes SQLite's write lock for the whole run.
    await sql`update ${sql.table(options.lockTable)} set is_locked = 1 where id = ${options.lockRowId}`.execute(db);
  }

  override async releaseMigrationLock(db: Kysely<unknown>, options: MigrationLockOptions): Promise<void> {
    await sql`update ${sql.table(options.lockTable)} set is_locked = 0 where id = ${options.lockRowId}`.execute(db);
  }
}

/**
 * Transactions that take the write lock when they begin. A deferred one takes it at its first
 * write: if another process holds it then, SQLite waits (busy_timeout), but once the other commits
 * the waiting transaction's view is stale and SQLite fails it at once ("database is locked") instead
 * of waiting — two machines migrating one file at once failed so now and then.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw("begin immediate"));
  }
}

class LockingSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;

  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#config = config;
  }

  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config);
  }

  override createAdapter(): DialectAdapter {
    return new LockingSqliteAdapter();
  }
}

/** The dialect for a SQLite file (its folder created, write-ahead logged) or `:memory:`. */
export function sqliteDialect(path: string): SqliteDialect {
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const db = new Libsql(path);
  db.exec(`PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS}`);
  if (path !== ":memory:") {
    db.exec("PRAGMA journal_mode = WAL");
    // With write-ahead logging, NORMAL syncs the log at checkpoints, not at every commit: each
    // /ask's log line cost an fsync (2–3 ms, blocking the event loop, as libsql is synchronous).
    // The database stays consistent; only a power cut (not a crash of the bot) can undo the
    // last moments of writes. SQLite recommends it for WAL.
    db.exec("PRAGMA synchronous = NORMAL");
  }
  db.exec("PRAGMA foreign_keys = ON");
  return new LockingSqliteDialect({ database: reusingStatements(db) });
}

/**
 * The database with its prepared statements kept by their SQL text (least recently used dropped
 * first): Kysely prepares every query anew, and preparing cost libsql about twice the time of
 * running the query (an interaction reads the study state and an /ask logs itself). Kysely runs
 * one query at a time on the connection, so a statement is never in use twice at once.
 */
export function reusingStatements(db: SqliteDatabase, size = STATEMENT_CACHE_SIZE): SqliteDatabase {
  const statements = new Map<string, SqliteStatement>();
  return {
    close() {
      statements.clear();
      db.close();
    },
    prepare(text) {
      let statement = statements.get(text);
      if (statement) statements.delete(text);
      else {
        const prepared = db.prepare(text);
        // Whether it returns rows is asked of libsql (a native call) once, not on every run.
        const reader = prepared.reader;
        statement = {
          reader,
          all: (parameters) => prepared.all(parameters),
          run: (parameters) => prepared.run(parameters),
          iterate: (parameters) => prepared.iterate(parameters),
        };
        if (statements.size >= size) statements.delete(statements.keys().next().value!);
      }
      statements.set(text, statement);
      return statement;
    },
  };
}
