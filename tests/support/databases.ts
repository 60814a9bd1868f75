/**
 * The engines the storage suite runs on: SQLite always (in memory, or a temporary file where a
 * test reopens the database), PostgreSQL when TEST_DATABASE_URL is set
 * (`bash tests/support/with-postgres.sh npx vitest run tests/storage` starts a throwaway one; CI does).
 * Each PostgreSQL test database is created fresh and dropped afterwards, so test files may run at once.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import type { StorageOptions } from "../../src/storage/index.ts";

export interface TestEngine {
  name: "sqlite" | "postgres";
  /** Options for a new, empty database; `persistent` when the test reopens it. */
  fresh(persistent?: boolean): Promise<StorageOptions>;
  /** Drops what fresh() made. */
  dispose(): Promise<void>;
}

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL?.trim() || null;

export function sqliteEngine(): TestEngine {
  const dirs: string[] = [];
  return {
    name: "sqlite",
    fresh(persistent = false) {
      if (!persistent) return Promise.resolve({ path: ":memory:" });
      const dir = mkdtempSync(join(tmpdir(), "koba-sqlite-"));
      dirs.push(dir);
      return Promise.resolve({ path: join(dir, "nested", "bot.sqlite") });
    },
    dispose() {
      for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
      return Promise.resolve();
    },
  };
}

export function postgresEngine(adminUrl: string): TestEngine {
  const made: string[] = [];
  let counter = 0;
  const admin = async <T>(run: (client: pg.Client) => Promise<T>): Promise<T> => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      return await run(client);
    } finally {
      await client.end();
    }
  };
  return {
    name: "postgres",
    async fresh() {
      const name = `koba_test_${process.pid}_${Date.now().toString(36)}_${counter++}`;
      await admin((c) => c.query(`create database ${name}`));
      made.push(name);
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      return { url: url.toString() };
    },
    async dispose() {
      const names = made.splice(0);
      await admin(async (c) => {
        for (const name of names) await c.query(`drop database if exists ${name} with (force)`);
      });
    },
  };
}

/** SQLite, and PostgreSQL when TEST_DATABASE_URL is set: for `describe.each`. */
export function testEngines(): TestEngine[] {
  return TEST_DATABASE_URL ? [sqliteEngine(), postgresEngine(TEST_DATABASE_URL)] : [sqliteEngine()];
}
