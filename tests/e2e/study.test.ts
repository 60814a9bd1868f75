/**
 * A study group end to end: the real bot (discord.js client, real index, a real SQLite file)
 * against the local Discord emulator. An organiser sets the plan, opens a discussion thread, the
 * group asks inside it; the bot restarts on the same database and the group carries on. On a
 * SQLite file always, and on PostgreSQL when TEST_DATABASE_URL is set.
 */
import { ChannelType, PermissionFlagsBits } from "discord-api-types/v10";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Bot } from "../../src/bot/gateway.ts";
import type { Storage } from "../../src/storage/index.ts";
import { testEngines } from "../support/databases.ts";
import { CommandRefused, type DiscordEmulator, type SendCommandOptions } from "../emulator/index.ts";
import { buttonId, buttonsOf, EPHEMERAL, startGroupOnEmulator, visibleText, type GroupOnEmulator, type LogCapture } from "./helpers.ts";

const MEMBER = 2248473465835073n; // the emulator's ordinary member: no Manage Server
const ORGANISER = MEMBER | PermissionFlagsBits.ManageGuild;

let group: GroupOnEmulator;
let emulator: DiscordEmulator;
let running: { bot: Bot; store: Storage; logs: LogCapture };

async function startBot(): Promise<void> {
  running = await group.startBot();
}

async function stopBot(): Promise<void> {
  await group.stopBots();
}

describe.each(testEngines())("a study group on $name", (engine) => {
  beforeEach(async () => {
    group = await startGroupOnEmulator(await engine.fresh(true));
    emulator = group.emulator;
    await startBot();
  });

  afterEach(async () => {
    await group.stop();
    await engine.dispose();
  });

  async function command(options: SendCommandOptions) {
    const sent = emulator.sendCommand({ memberPermissions: ORGANISER, ...options });
    return (await emulator.waitForResponse(sent.id)).data;
  }

  describe("a study session through the real client", () => {
    it("sets a plan, opens a thread, asks inside it, restarts the bot, and carries on", async () => {
      const guild = emulator.guilds[0]!;
      const plan = await command({ name: "plan", options: { section: 3 } });
      expect(visibleText(plan)).toContain("Reading position for the server: up to ¶29 (the end of [Who was Stalin?])");
      expect(plan.allowed_mentions).toEqual({ parse: [], replied_user: false });

      const opened = await command({ name: "discuss", options: { section: 3 } });
      const threadId = /<#(\d+)>/.exec(opened.content ?? "")?.[1];
      expect(threadId).toBeDefined();
      const create = emulator.requests.find((r) => r.route === "createThread")!;
      expect(create.params.channelId).toBe(guild.channelId);
      expect(create.body).toMatchObject({
        name: "Discussing ¶17–29 · [Who was Stalin?]",
        type: ChannelType.PublicThread,
        auto_archive_duration: 1440,
      });
      const seeded = emulator.channels.messages.get(threadId!)!;
      expect(seeded.flatMap((m) => m.embeds.map((e) => e.title))).toHaveLength(13);
      const prompts = seeded.at(-1)!;
      expect(prompts.content).toMatch(/To discuss/);
      expect(emulator.dispatches.some((d) => d.t === "THREAD_CREATE")).toBe(true);

      // Outside the thread ¶2 answers best; inside it, the thread's ¶29 (boosted, as the thread is about ¶17–29).
      const question = "how many died";
      const outsideThread = await command({ name: "ask", options: { question } });
      expect(outsideThread.embeds?.[0]?.fields?.[0]?.name).toBe("¶2 · Opening");
      const inThread = await command({ name: "ask", channelId: threadId!, options: { question } });
      expect(inThread.embeds?.[0]?.fields?.[0]?.name).toMatch(/^¶29 ·/);
      const outside = await command({ name: "ask", options: { question: "what happened to Trotsky's family?" } });
      expect(outside.content).toBe("Nothing up to ¶29 answers that yet.");
      expect(buttonsOf(outside as never).map((b) => b.label)).toEqual(["Show anyway (spoiler)"]);

      // Restart: a new process would be the same — a new client, the same database.
      await stopBot();
      await startBot();

      const again = await command({ name: "ask", channelId: threadId!, options: { question } });
      expect(again.embeds?.[0]?.fields?.[0]?.name).toMatch(/^¶29 ·/);
      const click = emulator.sendButton({
        customId: buttonId(prompts, "prompt:"),
        channelId: threadId!,
        memberPermissions: MEMBER,
        message: prompts,
      });
      const another = (await emulator.waitForResponse(click.id)).data;
      expect(another.content).toMatch(/^\*\*Another prompt\*\*: ¶(1[7-9]|2\d)/);
      expect((another.flags ?? 0) & EPHEMERAL).toBe(0);
      expect((await running.store.thread(threadId!))?.promptsShown).toBe(4);
      const progress = visibleText(await command({ name: "progress", memberPermissions: MEMBER }));
      expect(progress).toContain("✓ 3. ¶17–29 · [Who was Stalin?]");
      expect(progress).toContain("Discussion threads (1)");
      expect((await command({ name: "ask", options: { question: "what happened to Trotsky's family?" } })).content).toBe(
        "Nothing up to ¶29 answers that yet.",
      );
    });

    it("a discussion thread deleted on Discord, after a restart, is forgotten: /discuss opens a new one instead of linking it", async () => {
      const guild = emulator.guilds[0]!;
      const opened = await command({ name: "discuss", options: { section: 3 } });
      const threadId = /<#(\d+)>/.exec(opened.content ?? "")?.[1];
      expect(threadId).toBeDefined();
      expect((await command({ name: "discuss", options: { section: 3 } })).content).toContain(`already being discussed in <#${threadId}>`);

      // After a restart the thread may be in no cache of the client's: the raw dispatch is what counts.
      await stopBot();
      await startBot();
      emulator.dispatch(
        "THREAD_DELETE",
        { id: threadId, guild_id: guild.id, parent_id: guild.channelId, type: ChannelType.PublicThread },
        { guildId: guild.id },
      );
      await vi.waitFor(async () => expect(await running.store.thread(threadId!)).toBeNull());

      const reopened = await command({ name: "discuss", options: { section: 3 } });
      const newId = /<#(\d+)>/.exec(reopened.content ?? "")?.[1];
      expect(newId).toBeDefined();
      expect(newId).not.toBe(threadId);
      expect(emulator.requests.filter((r) => r.route === "createThread")).toHaveLength(2);
    });

    it("a deleted thread the database cannot forget is logged with its ids, and the bot keeps serving", async () => {
      const guild = emulator.guilds[0]!;
      const opened = await command({ name: "discuss", options: { section: 3 } });
      const threadId = /<#(\d+)>/.exec(opened.content ?? "")?.[1];
      expect(threadId).toBeDefined();
      // The fault at the storage boundary: the database refuses the write.
      running.store.forgetThread = () => Promise.reject(new Error("database is locked"));
      emulator.dispatch(
        "THREAD_DELETE",
        { id: threadId, guild_id: guild.id, parent_id: guild.channelId, type: ChannelType.PublicThread },
        { guildId: guild.id },
      );
      const logged = await running.logs.waitFor((line) => line.msg === "could not forget a deleted thread");
      expect(logged).toMatchObject({ level: "error", guildId: guild.id, threadId });
      expect(JSON.stringify(logged)).toContain("database is locked");

      const answer = await command({ name: "ask", options: { question: "what happened to Trotsky's family?" } });
      expect(answer.embeds?.[0]?.fields?.[0]?.name).toMatch(/^¶42 ·/);
    });

    it("a member without Manage Server cannot change the plan: Discord refuses the command, the bot refuses the button", async () => {
      expect(() => emulator.sendCommand({ name: "plan", options: { section: 2 }, memberPermissions: MEMBER })).toThrow(CommandRefused);
      const progress = emulator.sendCommand({ name: "progress", memberPermissions: MEMBER });
      const message = (await emulator.waitForResponse(progress.id)).message!;
      const click = emulator.sendButton({ customId: buttonId(message, "plan:"), memberPermissions: MEMBER, message });
      const refused = (await emulator.waitForResponse(click.id)).data;
      expect(refused.content).toMatch(/^Only organisers \(members with the Manage Server permission\)/);
      expect((refused.flags ?? 0) & EPHEMERAL).toBe(EPHEMERAL);
      expect(await running.store.position(emulator.guilds[0]!.id, [])).toBeNull();
    });

    it("without the thread permissions, /discuss answers plainly; when Discord refuses (160006), too", async () => {
      const channel = emulator.guilds[0]!.channelId;
      emulator.channels.setBotPermissions(channel, PermissionFlagsBits.SendMessages | PermissionFlagsBits.EmbedLinks);
      const missing = await command({ name: "discuss", options: { section: 1 } });
      expect(missing.content).toMatch(/Create Public Threads\*\* and \*\*Send Messages in Threads\*\* permissions/);
      expect(emulator.requests.some((r) => r.route === "createThread")).toBe(false);

      emulator.channels.setBotPermissions(
        channel,
        PermissionFlagsBits.SendMessages | PermissionFlagsBits.CreatePublicThreads | PermissionFlagsBits.SendMessagesInThreads,
      );
      emulator.channels.maxActiveThreads = 0;
      const full = await command({ name: "discuss", options: { section: 1 } });
      expect(full.content).toMatch(/too many active threads/);
      expect(await running.store.threadCount(emulator.guilds[0]!.id)).toBe(0);
    });
  });
});
