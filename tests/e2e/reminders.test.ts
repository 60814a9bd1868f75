/**
 * Reading reminders end to end: the real bot (discord.js client, real database) against the
 * emulator, with a fake clock. An organiser plans a session and sets the reminder channel, time
 * and reader role; at the due time the bot posts the reminder (POST /channels/:id/messages) with a
 * Discord timestamp, mentioning only the reader role; a restart sends nothing twice; with two
 * shards only the owner posts. On a SQLite file always, and on PostgreSQL when TEST_DATABASE_URL is set.
 */
import { PermissionFlagsBits } from "discord-api-types/v10";
import { afterEach, describe, expect, it } from "vitest";
import { shardOf } from "../../src/bot/reminders.ts";
import { testEngines } from "../support/databases.ts";
import { FakeClock } from "../bot/helpers.ts";
import { NO_MENTIONS, startGroupOnEmulator, type GroupOnEmulator } from "./helpers.ts";

const ORGANISER = 2248473465835073n | PermissionFlagsBits.ManageGuild;
const ROLE = "812345678901234571";
const SESSION = Date.parse("2026-12-10T18:00:00Z");
const HOUR = 60 * 60 * 1000;

let group: GroupOnEmulator | null = null;

describe.each(testEngines())("reading reminders on $name", (engine) => {
  afterEach(async () => {
    await group?.stop();
    group = null;
    await engine.dispose();
  });

  it("an organiser plans a session and sets reminders; at the due time the reminder is posted once, mentioning only the reader role, also across a restart", async () => {
    group = await startGroupOnEmulator(await engine.fresh(true));
    const { emulator } = group;
    const guild = emulator.guilds[0]!;
    const clock = new FakeClock(SESSION - 2 * HOUR);
    const { bot } = await group.startBot({ clock });
    const command = async (name: string, options: Record<string, string | number>) =>
      (await emulator.waitForResponse(emulator.sendCommand({ name, options, memberPermissions: ORGANISER }).id)).data;
    await command("plan", { session: 3, date: "2026-12-10" });
    const saved = await command("settings", { reminder_channel: "here", reminder_time: "18:00", reader_role: `<@&${ROLE}>` });
    expect(saved.content).toBe("Saved: reminder channel, reminder time, reader role.");

    expect(await bot.reminders!.tick()).toBe(0);
    expect(emulator.channels.messages.get(guild.channelId) ?? []).toHaveLength(0);

    // A restart between scheduling and firing: the due time waits in the database.
    await group.stopBots();
    clock.advance(3 * HOUR);
    const again = await group.startBot({ clock });
    expect(await again.bot.reminders!.tick()).toBe(1);
    expect(await again.bot.reminders!.tick()).toBe(0);
    const posted = emulator.channels.messages.get(guild.channelId) ?? [];
    expect(posted).toHaveLength(1);
    expect(posted[0]!.content).toBe(
      `<@&${ROLE}> **This week:** ¶17–29 · \\[Who was Stalin?\\] — session 3, Thursday 10 December 2026. Use /discuss to open its thread, and /ask as you read.`,
    );
    expect(posted[0]!.mention_roles).toEqual([ROLE]);
    expect(posted[0]!.mention_everyone).toBe(false);

    // Every other message the bot sent pinged no one.
    const answer = await emulator.waitForResponse(
      emulator.sendCommand({ name: "ask", options: { question: `who was Trepper? <@&${ROLE}> @everyone` } }).id,
    );
    expect(answer.data.allowed_mentions).toEqual(NO_MENTIONS);
  });

  it("with two shards on one database, only the shard owning the server posts its reminder", async () => {
    group = await startGroupOnEmulator(await engine.fresh(true), { guilds: 2 });
    const { emulator } = group;
    const clock = new FakeClock(SESSION);
    const shards = [
      await group.startBot({ clock, shard: { id: 0, count: 2 } }),
      await group.startBot({ clock, shard: { id: 1, count: 2 } }),
    ];
    const store = shards[0]!.store;
    for (const guild of emulator.guilds) {
      await store.setSessionDate({ guildId: guild.id, section: 2, date: "2026-12-10", setBy: "u", at: new Date(SESSION) });
      await store.updateSettings(guild.id, { reminderChannel: guild.channelId, reminderTime: "18:00" }, "u", new Date(SESSION));
    }
    const counts = await Promise.all(shards.map((s) => s.bot.reminders!.tick()));
    expect(counts).toEqual([1, 1]);
    for (const guild of emulator.guilds) {
      const posted = emulator.channels.messages.get(guild.channelId) ?? [];
      expect(posted).toHaveLength(1);
      expect(posted[0]!.mention_roles).toEqual([]);
    }
    // Each shard sent its own server's: shard 0 ticked once for the guild it owns, shard 1 for the other.
    expect(emulator.guilds.map((g) => shardOf(g.id, 2)).sort()).toEqual([0, 1]);
    expect(await Promise.all(shards.map((s) => s.bot.reminders!.tick()))).toEqual([0, 0]);
  });
});
