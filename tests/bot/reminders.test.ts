/**
 * Reading reminders with a fake clock, the real index and a real database (SQLite, and PostgreSQL
 * when TEST_DATABASE_URL is set): due on the session's date at the server's time, sent once
 * across restarts, only by the shard owning the server, mentioning only the opt-in reader role.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { dueAt, reminderMessage, reminderOutlook, ReminderScheduler, shardOf, type ReminderMessage } from "../../src/bot/reminders.ts";
import { Storage, type StorageOptions } from "../../src/storage/index.ts";
import { testEngines } from "../support/databases.ts";
import { captureLogger, FakeClock, realSearch } from "./helpers.ts";

const GUILD = "812345678901234567";
const CHANNEL = "812345678901234570";
const ROLE = "812345678901234571";
const SESSION = Date.parse("2026-12-10T18:00:00Z");
const HOUR = 60 * 60 * 1000;

function scheduler(store: Storage, clock: FakeClock, sent: ReminderMessage[], owns: (g: string) => boolean = () => true) {
  return new ReminderScheduler({
    store,
    search: realSearch(),
    clock,
    logger: captureLogger().logger,
    owns,
    send: (m) => {
      sent.push(m);
      return Promise.resolve();
    },
  });
}

describe("reminder messages", () => {
  it("say what to read and the session's day, and mention only the reader role when there is one", () => {
    const plain = reminderMessage(realSearch(), {
      channelId: CHANNEL,
      sections: [3],
      dueAt: new Date(SESSION).toISOString(),
      readerRole: null,
    })!;
    expect(plain.content).toBe(
      `**This week:** ¶17–29 · \\[Who was Stalin?\\] — session 3, Thursday 10 December 2026. Use /discuss to open its thread, and /ask as you read.`,
    );
    expect(plain.allowedMentions).toEqual({ parse: [], roles: [] });
    const withRole = reminderMessage(realSearch(), {
      channelId: CHANNEL,
      sections: [3],
      dueAt: new Date(SESSION).toISOString(),
      readerRole: ROLE,
    })!;
    expect(withRole.content.startsWith(`<@&${ROLE}> **This week:**`)).toBe(true);
    expect(withRole.allowedMentions).toEqual({ parse: [], roles: [ROLE] });
  });

  it("given two sessions due together, make one message naming both, mentioning the role once", () => {
    const both = reminderMessage(realSearch(), {
      channelId: CHANNEL,
      sections: [4, 3],
      dueAt: new Date(SESSION).toISOString(),
      readerRole: ROLE,
    })!;
    expect(both.content).toBe(
      `<@&${ROLE}> **This week:** ¶17–29 · \\[Who was Stalin?\\] and ¶30–39 · Purge trials — sessions 3 and 4, Thursday 10 December 2026. Use /discuss to open their threads, and /ask as you read.`,
    );
    expect(
      reminderMessage(realSearch(), { channelId: CHANNEL, sections: [9], dueAt: new Date(SESSION).toISOString(), readerRole: null }),
    ).toBeNull();
  });

  it("say ahead of time whether a session's reminder is sent when due, late (at most a day overdue, as the scheduler sends it) or never", () => {
    const now = new Date(SESSION);
    expect(reminderOutlook("2026-12-10", "18:01", now)).toBe("ahead");
    expect(reminderOutlook("2026-12-10", "18:00", now)).toBe("late");
    expect(reminderOutlook("2026-12-09", "18:00", now)).toBe("late");
    expect(reminderOutlook("2026-12-09", "17:59", now)).toBe("missed");
    expect(reminderOutlook("2026-12-09", "bad", now)).toBeNull();
  });

  it("are due on the session's date at the server's time (UTC); the owning shard is guild_id >> 22 % shard_count", () => {
    expect(dueAt("2026-12-10", "18:00")?.toISOString()).toBe("2026-12-10T18:00:00.000Z");
    expect(dueAt("2026-12-10", "bad")).toBeNull();
    expect(shardOf("81384788765712384", 1)).toBe(0);
    expect(shardOf(String((5n << 22n) + 123n), 4)).toBe(1);
  });
});

describe.each(testEngines())("reminders on $name", (engine) => {
  let options: StorageOptions;
  let store: Storage;

  beforeEach(async () => {
    options = await engine.fresh(true);
    store = await Storage.open(options);
    await store.updateSettings(
      GUILD,
      { reminderChannel: CHANNEL, reminderTime: "18:00", readerRole: ROLE },
      "u1",
      new Date(SESSION - 48 * HOUR),
    );
    await store.setSessionDate({ guildId: GUILD, section: 3, date: "2026-12-10", setBy: "u1", at: new Date(SESSION - 48 * HOUR) });
  });
  afterEach(async () => {
    await store.close();
    await engine.dispose();
  });

  it("fires at the due time with a fake clock, not before, and only once", async () => {
    const clock = new FakeClock(SESSION - HOUR);
    const sent: ReminderMessage[] = [];
    const s = scheduler(store, clock, sent);
    expect(await s.tick()).toBe(0);
    clock.advance(HOUR);
    expect(await s.tick()).toBe(1);
    expect(await s.tick()).toBe(0);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ channelId: CHANNEL, allowedMentions: { parse: [], roles: [ROLE] } });
    expect(sent[0]!.content).toContain("¶17–29");
    expect((await store.reminders(GUILD))[0]?.sentAt).not.toBeNull();
  });

  it("given a restart between scheduling and firing, the overdue reminder is sent once after the restart", async () => {
    const clock = new FakeClock(SESSION - HOUR);
    const before: ReminderMessage[] = [];
    expect(await scheduler(store, clock, before).tick()).toBe(0); // scheduled: the due time is in the database
    expect((await store.reminders(GUILD)).map((r) => r.dueAt)).toEqual([new Date(SESSION).toISOString()]);
    await store.close();

    clock.advance(3 * HOUR); // the bot was down when it fell due
    store = await Storage.open(options);
    const after: ReminderMessage[] = [];
    expect(await scheduler(store, clock, after).tick()).toBe(1);
    await store.close();
    store = await Storage.open(options); // and a second restart sends nothing more
    expect(await scheduler(store, clock, after).tick()).toBe(0);
    expect(before).toHaveLength(0);
    expect(after).toHaveLength(1);
  });

  it("with two shards, only the one owning the server sends; two processes racing for one reminder send it once", async () => {
    const clock = new FakeClock(SESSION);
    const owner = shardOf(GUILD, 2);
    const sent = [[], []] as ReminderMessage[][];
    const shards = [0, 1].map((id) => scheduler(store, clock, sent[id]!, (g) => shardOf(g, 2) === id));
    await Promise.all(shards.map((s) => s.tick()));
    expect(sent[owner]).toHaveLength(1);
    expect(sent[1 - owner]).toHaveLength(0);

    // Two machines both believing they own it (a misconfiguration): the database claim still sends it once.
    await store.setSessionDate({ guildId: GUILD, section: 4, date: "2026-12-10", setBy: "u1", at: new Date(SESSION) });
    const other = await Storage.open(options);
    try {
      const racing: ReminderMessage[] = [];
      await Promise.all([scheduler(store, clock, racing).tick(), scheduler(other, clock, racing).tick()]);
      expect(racing).toHaveLength(1);
      expect(racing[0]!.content).toContain("session 4");
    } finally {
      await other.close();
    }
  });

  it("a moved session date is reminded again at its new time; a reminder days overdue is not sent late", async () => {
    const clock = new FakeClock(SESSION);
    const sent: ReminderMessage[] = [];
    const s = scheduler(store, clock, sent);
    expect(await s.tick()).toBe(1);
    await store.setSessionDate({ guildId: GUILD, section: 3, date: "2026-12-11", setBy: "u1", at: new Date(SESSION) });
    expect(await s.tick()).toBe(0);
    clock.advance(24 * HOUR);
    expect(await s.tick()).toBe(1);
    await store.setSessionDate({ guildId: GUILD, section: 2, date: "2026-12-01", setBy: "u1", at: new Date(SESSION) });
    expect(await s.tick()).toBe(0);
  });

  it("given two sessions on one date, sends one reminder covering both, pinging the reader role once", async () => {
    await store.setSessionDate({ guildId: GUILD, section: 4, date: "2026-12-10", setBy: "u1", at: new Date(SESSION - 48 * HOUR) });
    const sent: ReminderMessage[] = [];
    const s = scheduler(store, new FakeClock(SESSION), sent);
    expect(await s.tick()).toBe(1);
    expect(await s.tick()).toBe(0);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.content.match(/<@&/g)).toHaveLength(1);
    expect(sent[0]!.content).toContain("sessions 3 and 4");
    expect((await store.reminders(GUILD)).map((r) => r.sentAt !== null)).toEqual([true, true]);
  });

  it("with the reader role off, the reminder mentions no one", async () => {
    await store.updateSettings(GUILD, { readerRole: null }, "u1", new Date(SESSION));
    const sent: ReminderMessage[] = [];
    expect(await scheduler(store, new FakeClock(SESSION), sent).tick()).toBe(1);
    expect(sent[0]!.allowedMentions).toEqual({ parse: [], roles: [] });
    expect(sent[0]!.content).not.toContain("<@");
  });
});
