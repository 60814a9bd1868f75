/**
 * The storage suite, on every engine: SQLite in memory always, PostgreSQL when TEST_DATABASE_URL
 * is set (CI starts one; locally: `bash tests/support/with-postgres.sh npx vitest run tests/storage`).
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Migrator, sql } from "kysely";
import Libsql from "libsql";
import { afterAll, describe, expect, it } from "vitest";
import { DEFAULT_SETTINGS, MAX_COMMENT, Storage, StorageError, type StorageOptions } from "../../src/storage/index.ts";
import { MIGRATIONS } from "../../src/storage/migrations.ts";
import { reusingStatements } from "../../src/storage/sqlite.ts";
import { TEST_DATABASE_URL, testEngines } from "../support/databases.ts";

const at = new Date("2026-11-27T10:00:00Z");
const root = fileURLToPath(new URL("../..", import.meta.url));

/** One machine starting: a process that opens (and migrates) the database, then stops. */
function startMachine(options: StorageOptions): Promise<{ code: number | null; stdout: string; stderr: string }> {
  // node with tsx's loader, not the tsx command, which would start a second node to run it.
  const child = spawn(process.execPath, ["--import", "tsx", join(root, "tests/support/open-storage.ts"), JSON.stringify(options)], {
    cwd: root,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (c: Buffer) => (stdout += c.toString("utf8")));
  child.stderr.on("data", (c: Buffer) => (stderr += c.toString("utf8")));
  return new Promise((resolve) => child.on("close", (code) => resolve({ code, stdout, stderr })));
}

describe("storage engines", () => {
  it("run PostgreSQL too whenever TEST_DATABASE_URL is set (always in CI)", () => {
    if (process.env.CI === "true") expect(TEST_DATABASE_URL).not.toBeNull();
    expect(testEngines().map((e) => e.name)).toEqual(TEST_DATABASE_URL ? ["sqlite", "postgres"] : ["sqlite"]);
  });
});

describe.each(testEngines())("storage on $name", (engine) => {
  afterAll(() => engine.dispose());

  const open = async (persistent = false) => Storage.open(await engine.fresh(persistent));

  it("opens a new database on the right engine with every migration applied", async () => {
    const storage = await open();
    try {
      expect(storage.engine).toBe(engine.name);
      expect(await storage.appliedMigrations()).toEqual([
        "0001_study_groups",
        "0002_feedback",
        "0003_settings",
        "0004_reminders",
        "0005_secrets_left_out",
      ]);
    } finally {
      await storage.close();
    }
  });

  it("given no position, the position is null; a server position applies in every channel", async () => {
    const storage = await open();
    try {
      expect(await storage.position("g1", ["c1"])).toBeNull();
      await storage.setPosition({ guildId: "g1", channelId: null, upTo: 20, setBy: "u1", at });
      expect(await storage.position("g1", ["c1"])).toEqual({
        guildId: "g1",
        channelId: null,
        upTo: 20,
        setBy: "u1",
        setAt: at.toISOString(),
      });
      expect(await storage.position("g1", [])).toMatchObject({ upTo: 20 });
      expect(await storage.position("g2", [])).toBeNull();
    } finally {
      await storage.close();
    }
  });

  it("a thread's position beats its channel's, which beats the server's; clearing falls back", async () => {
    const storage = await open();
    try {
      await storage.setPosition({ guildId: "g1", channelId: null, upTo: 20, setBy: "u1", at });
      await storage.setPosition({ guildId: "g1", channelId: "c1", upTo: 30, setBy: "u1", at });
      await storage.setPosition({ guildId: "g1", channelId: "t1", upTo: 10, setBy: "u2", at });
      expect((await storage.position("g1", ["t1", "c1"]))?.upTo).toBe(10);
      expect((await storage.position("g1", ["t2", "c1"]))?.upTo).toBe(30);
      expect((await storage.position("g1", ["c2"]))?.upTo).toBe(20);
      expect(await storage.clearPosition("g1", "t1")).toBe(true);
      expect(await storage.clearPosition("g1", "t1")).toBe(false);
      expect((await storage.position("g1", ["t1", "c1"]))?.upTo).toBe(30);
      expect((await storage.positions("g1")).map((p) => [p.channelId, p.upTo])).toEqual([
        [null, 20],
        ["c1", 30],
      ]);
    } finally {
      await storage.close();
    }
  });

  it("setting a position again overwrites it (an upsert, not a second row)", async () => {
    const storage = await open();
    try {
      await storage.setPosition({ guildId: "g1", channelId: null, upTo: 20, setBy: "u1", at });
      await storage.setPosition({ guildId: "g1", channelId: null, upTo: 29, setBy: "u2", at });
      const all = await storage.positions("g1");
      expect(all).toHaveLength(1);
      expect(all[0]).toMatchObject({ upTo: 29, setBy: "u2" });
      expect(typeof all[0]!.upTo).toBe("number");
    } finally {
      await storage.close();
    }
  });

  it("plan sessions are set, moved and removed per section, in section order", async () => {
    const storage = await open();
    try {
      await storage.setSessionDate({ guildId: "g1", section: 3, date: "2026-12-10", setBy: "u1", at });
      await storage.setSessionDate({ guildId: "g1", section: 1, date: "2026-12-01", setBy: "u1", at });
      await storage.setSessionDate({ guildId: "g1", section: 3, date: "2026-12-11", setBy: "u1", at });
      await storage.setSessionDate({ guildId: "g2", section: 2, date: "2026-12-05", setBy: "u1", at });
      expect(await storage.sessions("g1")).toEqual([
        { section: 1, date: "2026-12-01" },
        { section: 3, date: "2026-12-11" },
      ]);
      await storage.setSessionDate({ guildId: "g1", section: 1, date: null, setBy: "u1", at });
      expect(await storage.sessions("g1")).toEqual([{ section: 3, date: "2026-12-11" }]);
    } finally {
      await storage.close();
    }
  });

  it("discussion threads are recorded once, listed newest first and counted as a number", async () => {
    const storage = await open();
    try {
      const base = { guildId: "g1", parentId: "c1", first: 17, last: 29, name: "Discussing ¶17–29", openedBy: "u1", promptsShown: 2 };
      await storage.recordThread({ ...base, threadId: "t1", at });
      await storage.recordThread({ ...base, threadId: "t2", first: 5, last: 5, at: new Date(at.getTime() + 1000) });
      await storage.recordThread({ ...base, threadId: "t1", first: 1, last: 1, at }); // again: ignored
      expect(await storage.thread("t1")).toMatchObject({ threadId: "t1", first: 17, last: 29, promptsShown: 2 });
      expect(await storage.thread("nope")).toBeNull();
      expect((await storage.threads("g1")).map((t) => t.threadId)).toEqual(["t2", "t1"]);
      const count = await storage.threadCount("g1");
      expect(count).toBe(2);
      expect(typeof count).toBe("number");
      expect(await storage.threadCount("g2")).toBe(0);
      // Within a reading position: only the threads whose passage starts by it, listed and counted alike.
      expect((await storage.threads("g1", { upTo: 16 })).map((t) => t.threadId)).toEqual(["t2"]);
      expect(await storage.threadCount("g1", 16)).toBe(1);
      // ¶17–29 is the group's current reading at ¶20, though it runs past it.
      expect((await storage.threads("g1", { upTo: 20 })).map((t) => t.threadId)).toEqual(["t2", "t1"]);
      expect(await storage.threadCount("g1", 17)).toBe(2);
      expect((await storage.threads("g1", { upTo: 29 })).map((t) => t.threadId)).toEqual(["t2", "t1"]);
      expect(await storage.threadCount("g1", 4)).toBe(0);
      expect((await storage.threads("g1", { limit: 1 })).map((t) => t.threadId)).toEqual(["t2"]);
    } finally {
      await storage.close();
    }
  });

  it("a thread Discord deleted is forgotten: its discussion and the position set in it, nothing else", async () => {
    const storage = await open();
    try {
      const base = { guildId: "g1", parentId: "c1", first: 17, last: 29, name: "Discussing ¶17–29", openedBy: "u1", promptsShown: 0 };
      await storage.recordThread({ ...base, threadId: "t1", at });
      await storage.recordThread({ ...base, threadId: "t2", first: 5, last: 5, at });
      await storage.setPosition({ guildId: "g1", channelId: "t1", upTo: 29, setBy: "u1", at });
      await storage.setPosition({ guildId: "g1", channelId: null, upTo: 12, setBy: "u1", at });
      // Read once so that a kept read would show the thread again.
      expect(await storage.threadFor({ guildId: "g1", parentId: "c1", first: 17, last: 29 })).toMatchObject({ threadId: "t1" });
      expect((await storage.studyReads("g1", ["t1"], "t1")).discussion).toMatchObject({ threadId: "t1" });
      expect((await storage.studyReads("g1", ["t1"], "t1")).position).toMatchObject({ upTo: 29 });

      expect(await storage.forgetThread("g1", "t1")).toBe(true);
      expect(await storage.thread("t1")).toBeNull();
      expect(await storage.threadFor({ guildId: "g1", parentId: "c1", first: 17, last: 29 })).toBeNull();
      expect((await storage.studyReads("g1", ["t1"], "t1")).discussion).toBeNull();
      expect((await storage.studyReads("g1", ["t1"], "t1")).position).toMatchObject({ upTo: 12 });
      expect(await storage.thread("t2")).toMatchObject({ threadId: "t2" });
      // Again, or a thread that was never a discussion: nothing to forget.
      expect(await storage.forgetThread("g1", "t1")).toBe(false);
    } finally {
      await storage.close();
    }
  });

  it("threadFor finds the latest thread a channel opened for exactly that passage, and nothing for another passage or channel", async () => {
    const storage = await open();
    try {
      const base = { guildId: "g1", parentId: "c1", first: 17, last: 29, name: "Discussing ¶17–29", openedBy: "u1", promptsShown: 2 };
      await storage.recordThread({ ...base, threadId: "t1", at });
      await storage.recordThread({ ...base, threadId: "t2", at: new Date(at.getTime() + 1000) });
      await storage.recordThread({ ...base, threadId: "t3", first: 17, last: 20, at });
      expect(await storage.threadFor({ guildId: "g1", parentId: "c1", first: 17, last: 29 })).toMatchObject({ threadId: "t2" });
      expect(await storage.threadFor({ guildId: "g1", parentId: "c1", first: 17, last: 20 })).toMatchObject({ threadId: "t3" });
      expect(await storage.threadFor({ guildId: "g1", parentId: "c1", first: 9, last: 16 })).toBeNull();
      expect(await storage.threadFor({ guildId: "g1", parentId: "c2", first: 17, last: 29 })).toBeNull();
      expect(await storage.threadFor({ guildId: "g2", parentId: "c1", first: 17, last: 29 })).toBeNull();
    } finally {
      await storage.close();
    }
  });

  it("widerThread finds the narrowest, then latest, thread of the channel for a passage holding this one, never the same passage", async () => {
    const storage = await open();
    try {
      const base = { guildId: "g1", parentId: "c1", name: "Discussing", openedBy: "u1", promptsShown: 2 };
      await storage.recordThread({ ...base, threadId: "t1", first: 9, last: 16, at });
      await storage.recordThread({ ...base, threadId: "t2", first: 12, last: 14, at });
      await storage.recordThread({ ...base, threadId: "t3", first: 12, last: 14, at: new Date(at.getTime() + 1000) });
      await storage.recordThread({ ...base, threadId: "t4", first: 13, last: 13, at });
      expect(await storage.widerThread({ guildId: "g1", parentId: "c1", first: 13, last: 13 })).toMatchObject({ threadId: "t3" });
      expect(await storage.widerThread({ guildId: "g1", parentId: "c1", first: 12, last: 14 })).toMatchObject({ threadId: "t1" });
      expect(await storage.widerThread({ guildId: "g1", parentId: "c1", first: 9, last: 16 })).toBeNull();
      expect(await storage.widerThread({ guildId: "g1", parentId: "c1", first: 16, last: 17 })).toBeNull();
      expect(await storage.widerThread({ guildId: "g1", parentId: "c2", first: 13, last: 13 })).toBeNull();
    } finally {
      await storage.close();
    }
  });

  it("earlierPartThread finds the latest thread of the channel for the same first paragraph ending sooner, never the same passage", async () => {
    const storage = await open();
    try {
      const base = { guildId: "g1", parentId: "c1", name: "Discussing", openedBy: "u1", promptsShown: 0 };
      await storage.recordThread({ ...base, threadId: "t1", first: 9, last: 10, at });
      await storage.recordThread({ ...base, threadId: "t2", first: 9, last: 12, at: new Date(at.getTime() + 1000) });
      await storage.recordThread({ ...base, threadId: "t3", first: 10, last: 11, at });
      expect(await storage.earlierPartThread({ guildId: "g1", parentId: "c1", first: 9, last: 14 })).toMatchObject({ threadId: "t2" });
      expect(await storage.earlierPartThread({ guildId: "g1", parentId: "c1", first: 9, last: 12 })).toMatchObject({ threadId: "t1" });
      expect(await storage.earlierPartThread({ guildId: "g1", parentId: "c1", first: 9, last: 10 })).toBeNull();
      expect(await storage.earlierPartThread({ guildId: "g1", parentId: "c2", first: 9, last: 14 })).toBeNull();
    } finally {
      await storage.close();
    }
  });

  it("laterEndingThread finds the latest thread of the channel for the same first paragraph ending later, never the same passage", async () => {
    const storage = await open();
    try {
      const base = { guildId: "g1", parentId: "c1", name: "Discussing", openedBy: "u1", promptsShown: 0 };
      await storage.recordThread({ ...base, threadId: "t1", first: 30, last: 39, at });
      await storage.recordThread({ ...base, threadId: "t2", first: 30, last: 37, at: new Date(at.getTime() + 1000) });
      await storage.recordThread({ ...base, threadId: "t3", first: 31, last: 39, at });
      expect(await storage.laterEndingThread({ guildId: "g1", parentId: "c1", first: 30, last: 35 })).toMatchObject({ threadId: "t2" });
      expect(await storage.laterEndingThread({ guildId: "g1", parentId: "c1", first: 30, last: 37 })).toMatchObject({ threadId: "t1" });
      expect(await storage.laterEndingThread({ guildId: "g1", parentId: "c1", first: 30, last: 39 })).toBeNull();
      expect(await storage.laterEndingThread({ guildId: "g1", parentId: "c2", first: 30, last: 35 })).toBeNull();
    } finally {
      await storage.close();
    }
  });

  it("takePrompt hands out each prompt index once, even to simultaneous clicks", async () => {
    const storage = await open();
    try {
      await storage.recordThread({
        threadId: "t1",
        guildId: "g1",
        parentId: "c1",
        first: 1,
        last: 4,
        name: "n",
        openedBy: "u",
        promptsShown: 2,
        at,
      });
      const taken = await Promise.all([1, 2, 3, 4, 5].map(() => storage.takePrompt("t1")));
      expect([...taken].sort()).toEqual([2, 3, 4, 5, 6]);
      expect((await storage.thread("t1"))?.promptsShown).toBe(7);
      expect(await storage.takePrompt("unknown")).toBeNull();
    } finally {
      await storage.close();
    }
  });

  it("everything survives closing and reopening; migrating again changes nothing", async () => {
    const options = await engine.fresh(true);
    const first = await Storage.open(options);
    await first.setPosition({ guildId: "g1", channelId: null, upTo: 12, setBy: "u1", at });
    await first.setSessionDate({ guildId: "g1", section: 2, date: "2026-12-03", setBy: "u1", at });
    await first.recordThread({
      threadId: "t9",
      guildId: "g1",
      parentId: "c1",
      first: 12,
      last: 14,
      name: "n",
      openedBy: "u",
      promptsShown: 1,
      at,
    });
    await first.close();
    if (options.path) expect(existsSync(dirname(options.path))).toBe(true);

    const second = await Storage.open(options);
    try {
      await second.migrate();
      expect(await second.appliedMigrations()).toEqual([
        "0001_study_groups",
        "0002_feedback",
        "0003_settings",
        "0004_reminders",
        "0005_secrets_left_out",
      ]);
      expect((await second.position("g1", []))?.upTo).toBe(12);
      expect(await second.sessions("g1")).toEqual([{ section: 2, date: "2026-12-03" }]);
      expect(await second.thread("t9")).toMatchObject({ first: 12, last: 14, promptsShown: 1 });
    } finally {
      await second.close();
    }
  });

  it("two machines starting at once on one database migrate it once and share what each writes", async () => {
    const options = await engine.fresh(true);
    // Two processes, as two machines (or two shard processes on one) would be.
    const starts = await Promise.all([startMachine(options), startMachine(options)]);
    for (const start of starts)
      expect(start, start.stderr).toMatchObject({
        code: 0,
        stdout: '["0001_study_groups","0002_feedback","0003_settings","0004_reminders","0005_secrets_left_out"]\n',
      });
    const a = await Storage.open(options);
    const b = await Storage.open(options);
    try {
      await a.setPosition({ guildId: "g1", channelId: null, upTo: 33, setBy: "u1", at });
      expect((await b.position("g1", []))?.upTo).toBe(33);
      await b.recordThread({
        threadId: "t1",
        guildId: "g1",
        parentId: "c1",
        first: 1,
        last: 2,
        name: "n",
        openedBy: "u",
        promptsShown: 0,
        at,
      });
      const taken = await Promise.all([a.takePrompt("t1"), b.takePrompt("t1"), a.takePrompt("t1"), b.takePrompt("t1")]);
      expect([...taken].sort()).toEqual([0, 1, 2, 3]);
    } finally {
      await a.close();
      await b.close();
    }
  }, 60_000);

  it("a database from before feedback (0001 only) gains the feedback tables on open, keeping its study-group data", async () => {
    const options = await engine.fresh(true);
    const old = await Storage.open(options);
    const provider = { getMigrations: () => Promise.resolve({ ...MIGRATIONS }) };
    await new Migrator({ db: old.db, provider }).migrateTo("0001_study_groups");
    expect(await old.appliedMigrations()).toEqual(["0001_study_groups"]);
    await old.setPosition({ guildId: "g1", channelId: null, upTo: 7, setBy: "u1", at });
    await old.close();
    const upgraded = await Storage.open(options);
    try {
      expect(await upgraded.appliedMigrations()).toEqual([
        "0001_study_groups",
        "0002_feedback",
        "0003_settings",
        "0004_reminders",
        "0005_secrets_left_out",
      ]);
      expect((await upgraded.position("g1", []))?.upTo).toBe(7);
      expect(
        await upgraded.recordAsk({ guildId: "g1", question: "q", paragraphs: [], answered: false, reason: "not-covered", at }),
      ).toMatch(/^[0-9a-f]{16}$/);
    } finally {
      await upgraded.close();
    }
  });

  it("a database from before secrets were left out has the ones stored in questions and comments replaced on open, the rest kept", async () => {
    const token = "MTIzNDU2Nzg5MDEyMzQ1Njc4OQ.GhIjKl.AbCdEfGhIjKlMnOpQrStUvWxYz012";
    const options = await engine.fresh(true);
    const old = await Storage.open(options);
    const provider = { getMigrations: () => Promise.resolve({ ...MIGRATIONS }) };
    await new Migrator({ db: old.db, provider }).migrateDown();
    expect(await old.appliedMigrations()).toEqual(["0001_study_groups", "0002_feedback", "0003_settings", "0004_reminders"]);
    const pasted = await old.recordAsk({
      guildId: "g1",
      question: `my token is ${token} why?`,
      paragraphs: [],
      answered: false,
      reason: null,
      at,
    });
    const plain = await old.recordAsk({ guildId: "g1", question: "who was Trepper?", paragraphs: [48], answered: true, reason: null, at });
    await old.vote({ answerId: plain, userId: "u1", guildId: "g1", vote: "down", at });
    await old.comment({ answerId: plain, userId: "u1", guildId: "g1", comment: `see ghp_${"a".repeat(36)}`, at });
    await old.close();
    const upgraded = await Storage.open(options);
    try {
      expect((await upgraded.loggedAsk(pasted))?.question).toBe("my token is … why?");
      expect((await upgraded.loggedAsk(plain))?.question).toBe("who was Trepper?");
      const rows = await upgraded.db.selectFrom("answer_vote").select("comment").execute();
      expect(rows.map((r) => r.comment)).toEqual(["see …"]);
    } finally {
      await upgraded.close();
    }
  });

  it("logs an ask with its question, cited paragraphs and server; finds it by id", async () => {
    const storage = await open();
    try {
      const id = await storage.recordAsk({
        guildId: "g1",
        question: "who was Trepper?",
        paragraphs: [48, 47],
        answered: true,
        reason: null,
        at,
      });
      expect(await storage.loggedAsk(id)).toEqual({
        id,
        guildId: "g1",
        question: "who was Trepper?",
        paragraphs: [48, 47],
        answered: true,
        reason: null,
        askedAt: at.toISOString(),
      });
      expect(await storage.loggedAsk("0000000000000000")).toBeNull();
    } finally {
      await storage.close();
    }
  });

  it("given asks logged at once, writes each with its own id; a row the database refuses fails only its own ask", async () => {
    const storage = await open();
    try {
      const ask = (n: number) => ({ guildId: "g1", question: `question ${n}`, paragraphs: [n], answered: true, reason: null, at });
      // A question the schema refuses (not null), among sixty good ones logged in the same turn.
      const bad = { ...ask(0), question: null as unknown as string };
      const results = await Promise.allSettled(
        [...Array.from({ length: 30 }, (_, n) => ask(n + 1)), bad, ...Array.from({ length: 30 }, (_, n) => ask(n + 31))].map((a) =>
          storage.recordAsk(a),
        ),
      );
      expect(results[30]!.status).toBe("rejected");
      const ids = results.filter((r) => r.status === "fulfilled").map((r) => r.value);
      expect(ids).toHaveLength(60);
      expect(new Set(ids).size).toBe(60);
      expect(ids.every((id) => /^[0-9a-f]{16}$/.test(id))).toBe(true);
      const logged = await Promise.all(ids.map((id) => storage.loggedAsk(id)));
      expect(logged.map((l) => l?.question)).toEqual(Array.from({ length: 60 }, (_, n) => `question ${n + 1}`));
    } finally {
      await storage.close();
    }
  });

  it("given asks logged in turns of the same size, writes each row with its own values (the insert compiled once serves them all)", async () => {
    const storage = await open();
    try {
      const ask = (n: number) => ({
        guildId: `g${n % 3}`,
        question: `question ${n}`,
        paragraphs: n % 2 === 0 ? [n, n + 1] : [],
        answered: n % 2 === 0,
        reason: n % 2 === 0 ? null : "not-covered",
        at: new Date(at.getTime() + n * 1000),
      });
      // Three turns of four asks, then one of one: the second and third reuse the first turn's insert.
      const turns = [[1, 2, 3, 4], [5, 6, 7, 8], [9, 10, 11, 12], [13]];
      for (const turn of turns) {
        const ids = await Promise.all(turn.map((n) => storage.recordAsk(ask(n))));
        const logged = await Promise.all(ids.map((id) => storage.loggedAsk(id)));
        expect(logged).toEqual(
          turn.map((n, i) => {
            const { at: askedAt, ...rest } = ask(n);
            return { id: ids[i], ...rest, askedAt: askedAt.toISOString() };
          }),
        );
      }
    } finally {
      await storage.close();
    }
  });

  it("given asks logged just before closing, writes them before the database closes", async () => {
    const options = await engine.fresh(true);
    const storage = await Storage.open(options);
    const pending = [1, 2, 3].map((n) =>
      storage.recordAsk({ guildId: "g1", question: `late ${n}`, paragraphs: [], answered: false, reason: "not-covered", at }),
    );
    await storage.close();
    const ids = await Promise.all(pending);
    const reopened = await Storage.open(options);
    try {
      expect((await Promise.all(ids.map((id) => reopened.loggedAsk(id)))).map((l) => l?.question)).toEqual(["late 1", "late 2", "late 3"]);
    } finally {
      await reopened.close();
    }
  });

  it("one vote per member per answer: a second vote replaces the first, a 👍 drops the 👎's comment", async () => {
    const storage = await open();
    try {
      const answerId = await storage.recordAsk({ guildId: "g1", question: "q", paragraphs: [1], answered: true, reason: null, at });
      const vote = (userId: string, v: "up" | "down") => storage.vote({ answerId, userId, guildId: "g1", vote: v, at });
      expect(await vote("u1", "up")).toBeNull();
      expect(await vote("u1", "up")).toBe("up");
      expect(await vote("u2", "down")).toBeNull();
      expect(await storage.voteCounts(answerId)).toEqual({ up: 1, down: 1 });
      expect(await vote("u1", "down")).toBe("up");
      expect(await storage.voteCounts(answerId)).toEqual({ up: 0, down: 2 });
      await storage.comment({ answerId, userId: "u1", guildId: "g1", comment: `  the date of the trials ${"x".repeat(300)}`, at });
      const row = await storage.db.selectFrom("answer_vote").selectAll().where("user_id", "=", "u1").executeTakeFirstOrThrow();
      expect(row.vote).toBe("down");
      expect(row.comment).toHaveLength(MAX_COMMENT);
      expect(row.comment?.startsWith("the date of the trials")).toBe(true);
      expect(await vote("u1", "up")).toBe("down");
      const after = await storage.db.selectFrom("answer_vote").selectAll().where("user_id", "=", "u1").executeTakeFirstOrThrow();
      expect(after).toMatchObject({ vote: "up", comment: null });
    } finally {
      await storage.close();
    }
  });

  it("the unanswered log of a server: its declined asks and its 👎 with comments since a date, newest first, no member ids", async () => {
    const storage = await open();
    try {
      const day = (d: number) => new Date(Date.UTC(2026, 10, d, 10));
      const old = await storage.recordAsk({
        guildId: "g1",
        question: "old",
        paragraphs: [],
        answered: false,
        reason: "not-covered",
        at: day(1),
      });
      const declined = await storage.recordAsk({
        guildId: "g1",
        question: "capital?",
        paragraphs: [3],
        answered: false,
        reason: "not-covered",
        at: day(20),
      });
      const answered = await storage.recordAsk({
        guildId: "g1",
        question: "Trotsky?",
        paragraphs: [42],
        answered: true,
        reason: null,
        at: day(21),
      });
      await storage.recordAsk({ guildId: "g1", question: "fine", paragraphs: [1], answered: true, reason: null, at: day(22) });
      await storage.recordAsk({ guildId: "g2", question: "elsewhere", paragraphs: [], answered: false, reason: "no-match", at: day(22) });
      await storage.vote({ answerId: answered, userId: "u1", guildId: "g1", vote: "down", at: day(21) });
      await storage.comment({ answerId: answered, userId: "u1", guildId: "g1", comment: "the date", at: day(21) });
      await storage.vote({ answerId: answered, userId: "u2", guildId: "g1", vote: "down", at: day(21) });
      await storage.vote({ answerId: declined, userId: "u3", guildId: "g1", vote: "down", at: day(20) });
      const log = await storage.unanswered("g1", day(10));
      expect(log).toEqual([
        { askId: answered, question: "Trotsky?", askedAt: day(21).toISOString(), declined: false, downVotes: 2, comments: ["the date"] },
        { askId: declined, question: "capital?", askedAt: day(20).toISOString(), declined: true, downVotes: 1, comments: [] },
      ]);
      expect(log.map((e) => e.askId)).not.toContain(old);
      expect(JSON.stringify(log)).not.toMatch(/u1|u2|u3/);
    } finally {
      await storage.close();
    }
  });

  it("a server's settings: the defaults until changed, then only what changed; another server keeps the defaults", async () => {
    const storage = await open();
    try {
      expect(await storage.settings("g1")).toEqual(DEFAULT_SETTINGS);
      await storage.updateSettings("g1", { publicByDefault: true, publicChannels: ["c1", "c2", "c1"] }, "u1", at);
      const next = await storage.updateSettings(
        "g1",
        { spoilers: "strict", readerRole: "r1", reminderChannel: "c3", reminderTime: "18:00" },
        "u1",
        at,
      );
      const expected = {
        publicByDefault: true,
        publicChannels: ["c1", "c2"],
        spoilers: "strict",
        readerRole: "r1",
        reminderChannel: "c3",
        reminderTime: "18:00",
      };
      expect(next).toEqual(expected);
      expect(await storage.settings("g1")).toEqual(expected);
      await storage.updateSettings("g1", { publicByDefault: null, publicChannels: [], readerRole: null }, "u1", at);
      expect(await storage.settings("g1")).toMatchObject({
        publicByDefault: null,
        publicChannels: [],
        readerRole: null,
        spoilers: "strict",
      });
      expect(await storage.settings("g2")).toEqual(DEFAULT_SETTINGS);
    } finally {
      await storage.close();
    }
  });

  it("given a database with a newer schema than the code, opening refuses clearly", async () => {
    const options = await engine.fresh(true);
    const storage = await Storage.open(options);
    await sql`insert into kysely_migration (name, timestamp) values (${"0002_from_the_future"}, ${at.toISOString()})`.execute(storage.db);
    await storage.close();
    const error = await Storage.open(options).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(StorageError);
    expect(String(error)).toMatch(/newer than this version of the bot.*0002_from_the_future/);
  });
});

describe.runIf(TEST_DATABASE_URL)("storage on postgres, when the server drops connections", () => {
  const engine = testEngines().find((e) => e.name === "postgres")!;
  afterAll(() => engine.dispose());

  /** Ends every other connection to the database, as an administrator or a server restart would. */
  async function terminateAll(storage: Storage): Promise<number> {
    const killed = await sql<{ n: number }>`select count(pg_terminate_backend(pid))::int as n from pg_stat_activity
      where datname = current_database() and pid <> pg_backend_pid()`.execute(storage.db);
    return killed.rows[0]?.n ?? 0;
  }

  it("reports a dropped idle connection, does not crash, and the next query opens another", async () => {
    const dropped: Error[] = [];
    const options = await engine.fresh();
    const storage = await Storage.open({ ...options, onConnectionError: (e) => dropped.push(e) });
    const witness = await Storage.open(options);
    try {
      await storage.setPosition({ guildId: "g", channelId: null, upTo: 7, setBy: "u", at });
      expect(await terminateAll(witness)).toBeGreaterThan(0);
      await expect.poll(() => dropped.length, { timeout: 5000 }).toBeGreaterThan(0);
      expect(String(dropped[0])).toMatch(/terminat/);
      expect((await storage.position("g", []))?.upTo).toBe(7);
    } finally {
      await storage.close();
      await witness.close();
    }
  });
});

/** A row of guild settings, as raw SQL both a Kysely transaction and a bare libsql connection can run. */
const SETTING = (guild: string) =>
  `insert into guild_settings (guild_id, updated_by, updated_at) values ('${guild}', 'u', '2026-11-27T10:00:00Z')`;

describe("storage on a SQLite file", () => {
  it("uses write-ahead logging, synced at checkpoints rather than at every commit", async () => {
    const engine = testEngines()[0]!;
    const storage = await Storage.open(await engine.fresh(true));
    try {
      const mode = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(storage.db);
      expect(mode.rows[0]?.journal_mode).toBe("wal");
      const synchronous = await sql<{ synchronous: number }>`pragma synchronous`.execute(storage.db);
      expect(synchronous.rows[0]?.synchronous).toBe(1); // NORMAL
    } finally {
      await storage.close();
      await engine.dispose();
    }
  });

  it("a transaction holds the write lock from its start, so another process's write waits rather than making its own write fail", async () => {
    const engine = testEngines()[0]!;
    const options = await engine.fresh(true);
    const storage = await Storage.open(options);
    const other = new Libsql(options.path!);
    other.exec("PRAGMA busy_timeout = 50");
    try {
      await storage.db.transaction().execute(async (trx) => {
        // A read first: a transaction begun as deferred would hold only a view here...
        await sql`select count(*) from discussion_thread`.execute(trx);
        // ...so the other process's write would go through, and this transaction's own write then
        // fail at once on its stale view ("database is locked"). Begun immediate, the other waits.
        expect(() => other.exec(SETTING("elsewhere"))).toThrow(/locked|busy/i);
        await sql.raw(SETTING("here")).execute(trx);
      });
      const rows = await sql<{ guild_id: string }>`select guild_id from guild_settings order by guild_id`.execute(storage.db);
      expect(rows.rows.map((r) => r.guild_id)).toEqual(["here"]);
    } finally {
      other.close();
      await storage.close();
      await engine.dispose();
    }
  });

  it("given a query run again, reuses its prepared statement; past the cache's size, the least recently used is prepared anew", () => {
    const prepared: string[] = [];
    const libsql = new Libsql(":memory:");
    const db = reusingStatements({ close: () => libsql.close(), prepare: (text) => (prepared.push(text), libsql.prepare(text)) }, 2);
    try {
      const first = db.prepare("select 1");
      expect(db.prepare("select 1")).toBe(first);
      expect(first.reader).toBe(true);
      expect(first.all([])).toEqual([{ 1: 1 }]);
      db.prepare("select 2");
      db.prepare("select 1"); // now the most recently used
      db.prepare("select 3"); // drops select 2
      db.prepare("select 1");
      db.prepare("select 2");
      expect(prepared).toEqual(["select 1", "select 2", "select 3", "select 2"]);
    } finally {
      db.close();
    }
  });

  it("given a reused statement, each run binds its own values, a failed run included", () => {
    const db = reusingStatements(new Libsql(":memory:"));
    try {
      const create = db.prepare("create table t (id text primary key, n integer)");
      expect(create.reader).toBe(false);
      create.run([]);
      const insert = "insert into t (id, n) values (?, ?)";
      db.prepare(insert).run(["a", 1]);
      expect(() => db.prepare(insert).run(["a", 2])).toThrow(/UNIQUE|PRIMARY/);
      db.prepare(insert).run(["b", 3]);
      const select = "select id, n from t where n >= ? order by id";
      expect(db.prepare(select).all([2])).toEqual([{ id: "b", n: 3 }]);
      expect(db.prepare(select).all([0])).toEqual([
        { id: "a", n: 1 },
        { id: "b", n: 3 },
      ]);
    } finally {
      db.close();
    }
  });

  it("refuses a DATABASE_URL that is not PostgreSQL's", async () => {
    await expect(Storage.open({ url: "mysql://x@localhost/db" })).rejects.toThrow(StorageError);
  });
});
