/**
 * The study state every interaction reads, reused for a short while: this process's writes seen
 * at once, another process's (a second Storage on the same database, as a second machine would
 * be) within the bound, on every engine (PostgreSQL when TEST_DATABASE_URL is set).
 */
import { afterAll, describe, expect, it } from "vitest";
import { Storage, STUDY_READS_MAX_AGE_MS, type StorageOptions } from "../../src/storage/index.ts";
import { RecentReads } from "../../src/storage/recent-reads.ts";
import { testEngines } from "../support/databases.ts";

const at = new Date("2026-11-27T10:00:00Z");
/** A discussion of ¶3–5 in channel c1. */
const THREAD = { threadId: "t1", guildId: "g1", parentId: "c1", first: 3, last: 5, name: "n", openedBy: "u", promptsShown: 0, at };

/** A clock the test moves by hand. */
function handClock(): { now: () => number; advance: (ms: number) => void } {
  let t = 0;
  return { now: () => t, advance: (ms) => (t += ms) };
}

/** A promise settled from outside. */
function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe("RecentReads", () => {
  it("reuses a value until it is maxAgeMs old, then reads again", async () => {
    const clock = handClock();
    const reads = new RecentReads<number>({ maxAgeMs: 1000, now: clock.now });
    let loads = 0;
    const load = () => Promise.resolve(++loads);
    expect(await reads.read("g", "k", load)).toBe(1);
    clock.advance(999);
    expect(await reads.read("g", "k", load)).toBe(1);
    clock.advance(1);
    expect(await reads.read("g", "k", load)).toBe(2);
    expect(await reads.read("g", "other", load)).toBe(3);
  });

  it("given forget, every key of that group is read again and other groups are kept", async () => {
    const reads = new RecentReads<string>({ maxAgeMs: 1000, now: handClock().now });
    let loads = 0;
    const load = () => Promise.resolve(`v${++loads}`);
    await reads.read("g1", "a", load);
    await reads.read("g1", "b", load);
    await reads.read("g2", "a", load);
    reads.forget("g1");
    expect(await reads.read("g1", "a", load)).toBe("v4");
    expect(await reads.read("g1", "b", load)).toBe("v5");
    expect(await reads.read("g2", "a", load)).toBe("v3");
  });

  it("given a write finishing while a read is under way, that read's value is not kept", async () => {
    const reads = new RecentReads<string>({ maxAgeMs: 1000, now: handClock().now });
    const before = deferred<string>();
    const first = reads.read("g", "k", () => before.promise);
    reads.forget("g"); // the write finished after the read began: the read may hold the old row
    // A read starting now does not join the one under way: it may not see the write.
    let loads = 0;
    const second = reads.read("g", "k", () => Promise.resolve(`after ${++loads}`));
    before.resolve("old");
    expect(await first).toBe("old");
    expect(await second).toBe("after 1");
    // Only the read begun after the write was kept.
    expect(await reads.read("g", "k", () => Promise.resolve("never"))).toBe("after 1");
  });

  it("reads of one key at once share one load; a failed load is not kept", async () => {
    const reads = new RecentReads<number>({ maxAgeMs: 1000, now: handClock().now });
    let loads = 0;
    const slow = deferred<number>();
    const both = [reads.read("g", "k", () => (loads++, slow.promise)), reads.read("g", "k", () => (loads++, slow.promise))];
    slow.resolve(7);
    expect(await Promise.all(both)).toEqual([7, 7]);
    expect(loads).toBe(1);
    await expect(reads.read("g", "bad", () => Promise.reject(new Error("down")))).rejects.toThrow("down");
    expect(await reads.read("g", "bad", () => Promise.resolve(1))).toBe(1);
  });

  it("given maxAgeMs 0, every read loads", async () => {
    const reads = new RecentReads<number>({ maxAgeMs: 0 });
    let loads = 0;
    await reads.read("g", "k", () => Promise.resolve(++loads));
    await reads.read("g", "k", () => Promise.resolve(++loads));
    expect(loads).toBe(2);
  });

  it("keeps at most maxEntries, dropping the groups read first", async () => {
    const reads = new RecentReads<number>({ maxAgeMs: 1000, now: handClock().now, maxEntries: 2 });
    let loads = 0;
    const load = () => Promise.resolve(++loads);
    await reads.read("g1", "k", load);
    await reads.read("g2", "k", load);
    await reads.read("g3", "k", load);
    expect(await reads.read("g2", "k", load)).toBe(2);
    expect(await reads.read("g1", "k", load)).toBe(4);
  });
});

describe.each(testEngines())("study reads on $name", (engine) => {
  afterAll(() => engine.dispose());

  /** Two processes on one database, as two machines; `a` reuses reads on a hand-moved clock. */
  async function twoMachines(): Promise<{ a: Storage; b: Storage; clock: ReturnType<typeof handClock>; close: () => Promise<void> }> {
    const options: StorageOptions = await engine.fresh(true);
    const clock = handClock();
    const a = await Storage.open({ ...options, studyReadsClock: clock.now });
    const b = await Storage.open(options);
    return { a, b, clock, close: async () => (await a.close(), await b.close()) };
  }

  it("gives what position, thread and settings give, frozen", async () => {
    const options = await engine.fresh();
    const storage = await Storage.open(options);
    try {
      await storage.setPosition({ guildId: "g1", channelId: "c1", upTo: 30, setBy: "u1", at });
      await storage.recordThread(THREAD);
      await storage.updateSettings("g1", { spoilers: "strict", publicChannels: ["c1"] }, "u1", at);
      const read = await storage.studyReads("g1", ["t1", "c1"], "t1");
      expect(read.position).toEqual(await storage.position("g1", ["t1", "c1"]));
      expect(read.discussion).toEqual(await storage.thread("t1"));
      expect(read.settings).toEqual(await storage.settings("g1"));
      expect(Object.isFrozen(read.settings) && Object.isFrozen(read.settings.publicChannels) && Object.isFrozen(read.discussion)).toBe(
        true,
      );
      expect(await storage.studyReads("g1", [], null)).toMatchObject({ position: null, discussion: null });
    } finally {
      await storage.close();
    }
  });

  it("this process's writes are seen at once, whatever the time since the last read", async () => {
    const { a, close } = await twoMachines();
    try {
      expect((await a.studyReads("g1", ["c1"], "t1")).position).toBeNull();
      await a.setPosition({ guildId: "g1", channelId: null, upTo: 20, setBy: "u1", at });
      expect((await a.studyReads("g1", ["c1"], "t1")).position?.upTo).toBe(20);
      await a.setPosition({ guildId: "g1", channelId: "c1", upTo: 25, setBy: "u1", at });
      expect((await a.studyReads("g1", ["c1"], "t1")).position?.upTo).toBe(25);
      expect(await a.clearPosition("g1", "c1")).toBe(true);
      expect((await a.studyReads("g1", ["c1"], "t1")).position?.upTo).toBe(20);

      expect((await a.studyReads("g1", ["c1"], "t1")).settings.spoilers).toBe("show-anyway");
      await a.updateSettings("g1", { spoilers: "strict" }, "u1", at);
      expect((await a.studyReads("g1", ["c1"], "t1")).settings.spoilers).toBe("strict");

      expect((await a.studyReads("g1", ["t1", "c1"], "t1")).discussion).toBeNull();
      await a.recordThread(THREAD);
      expect((await a.studyReads("g1", ["t1", "c1"], "t1")).discussion).toMatchObject({ first: 3, last: 5, promptsShown: 0 });
      expect(await a.takePrompt("t1")).toBe(0);
      expect((await a.studyReads("g1", ["t1", "c1"], "t1")).discussion?.promptsShown).toBe(1);
    } finally {
      await close();
    }
  });

  it("another machine's writes are seen once the reads are a second old, not before", async () => {
    const { a, b, clock, close } = await twoMachines();
    try {
      await b.setPosition({ guildId: "g1", channelId: null, upTo: 20, setBy: "u1", at });
      expect((await a.studyReads("g1", ["c1"], null)).position?.upTo).toBe(20);
      expect((await a.studyReads("g1", ["c1"], null)).settings.spoilers).toBe("show-anyway");
      await b.setPosition({ guildId: "g1", channelId: null, upTo: 10, setBy: "u1", at });
      await b.updateSettings("g1", { spoilers: "strict" }, "u1", at);
      clock.advance(STUDY_READS_MAX_AGE_MS - 1);
      // Within the bound, the read a made is reused…
      expect((await a.studyReads("g1", ["c1"], null)).position?.upTo).toBe(20);
      clock.advance(1);
      // …and no longer.
      const now = await a.studyReads("g1", ["c1"], null);
      expect(now.position?.upTo).toBe(10);
      expect(now.settings.spoilers).toBe("strict");
    } finally {
      await close();
    }
  });

  it("given studyReadsMaxAgeMs 0, another machine's write is seen at the next read", async () => {
    const options = await engine.fresh(true);
    const a = await Storage.open({ ...options, studyReadsMaxAgeMs: 0 });
    const b = await Storage.open(options);
    try {
      expect((await a.studyReads("g1", [], null)).position).toBeNull();
      await b.setPosition({ guildId: "g1", channelId: null, upTo: 7, setBy: "u1", at });
      expect((await a.studyReads("g1", [], null)).position?.upTo).toBe(7);
    } finally {
      await a.close();
      await b.close();
    }
  });
});
