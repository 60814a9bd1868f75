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
import { sql, SqliteAdapter, SqliteDialect, type DialectAdapter, type Kysely, type MigrationLockOptions } from "kysely";
import Libsql from "libsql";

/** How long a statement waits for another process's write lock. */
const BUSY_TIMEOUT_MS = 5000;

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

class LockingSqliteDialect extends SqliteDialect {
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
  return new LockingSqliteDialect({ database: db });
}
