/** The emulator's channel and thread routes answer as Discord does, through discord.js's REST client. */
import { REST } from "@discordjs/rest";
import { ChannelType, PermissionFlagsBits, Routes, type APIMessage, type APIThreadChannel } from "discord-api-types/v10";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DiscordEmulator } from "../emulator/index.ts";

let emulator: DiscordEmulator;
let rest: REST;
let channel: string;

beforeEach(async () => {
  emulator = await DiscordEmulator.start();
  rest = new REST({ version: "10", api: emulator.apiUrl, retries: 0 }).setToken(emulator.token);
  channel = emulator.guilds[0]!.channelId;
});
afterEach(() => emulator.stop());

const code = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (e: { code?: number }) => e.code,
  );

describe("emulated channels and threads", () => {
  it("GET a channel; a public thread is created, fetched, posted in, renamed and archived", async () => {
    expect(await rest.get(Routes.channel(channel))).toMatchObject({ id: channel, type: ChannelType.GuildText });
    const thread = (await rest.post(Routes.threads(channel), {
      body: { name: "Discussing ¶1", type: ChannelType.PublicThread, auto_archive_duration: 1440 },
    })) as APIThreadChannel;
    expect(thread).toMatchObject({ type: ChannelType.PublicThread, parent_id: channel, name: "Discussing ¶1" });
    expect(thread.thread_metadata?.auto_archive_duration).toBe(1440);
    expect(await rest.get(Routes.channel(thread.id))).toMatchObject({ id: thread.id, parent_id: channel });
    const message = (await rest.post(Routes.channelMessages(thread.id), { body: { content: "hello" } })) as APIMessage;
    expect(message).toMatchObject({ channel_id: thread.id, content: "hello" });
    expect(await rest.patch(Routes.channel(thread.id), { body: { name: "renamed", archived: true } })).toMatchObject({
      name: "renamed",
      thread_metadata: { archived: true },
    });
    expect(await code(rest.get(Routes.channel("1")))).toBe(10003);
  });

  it("answers a channel or thread message over Discord's limits with 400 50035, as a reply", async () => {
    const thread = (await rest.post(Routes.threads(channel), { body: { name: "t", type: ChannelType.PublicThread } })) as APIThreadChannel;
    expect(await code(rest.post(Routes.channelMessages(channel), { body: { content: "x".repeat(2001) } }))).toBe(50035);
    const embeds = Array.from({ length: 11 }, (_, i) => ({ title: `¶${i + 1}` }));
    expect(await code(rest.post(Routes.channelMessages(thread.id), { body: { embeds } }))).toBe(50035);
    expect(await code(rest.post(Routes.channelMessages(thread.id), { body: { embeds: embeds.slice(0, 10) } }))).toBeNull();
  });

  it("a thread from a message: once per message (160004)", async () => {
    const message = (await rest.post(Routes.channelMessages(channel), { body: { content: "start here" } })) as APIMessage;
    const thread = (await rest.post(Routes.threads(channel, message.id), { body: { name: "t" } })) as APIThreadChannel;
    expect(thread.id).toBe(message.id);
    expect(await code(rest.post(Routes.threads(channel, message.id), { body: { name: "t" } }))).toBe(160004);
  });

  it("answers 50013 without the permissions, 160005 in a locked thread, 160006 past the active-thread limit", async () => {
    emulator.channels.setBotPermissions(channel, PermissionFlagsBits.SendMessages);
    expect(await code(rest.post(Routes.threads(channel), { body: { name: "t", type: ChannelType.PublicThread } }))).toBe(50013);
    emulator.channels.setBotPermissions(channel, PermissionFlagsBits.SendMessages | PermissionFlagsBits.CreatePublicThreads);
    const thread = (await rest.post(Routes.threads(channel), { body: { name: "t", type: ChannelType.PublicThread } })) as APIThreadChannel;
    expect(await code(rest.post(Routes.channelMessages(thread.id), { body: { content: "x" } }))).toBe(50013);
    emulator.channels.setBotPermissions(
      channel,
      PermissionFlagsBits.SendMessages | PermissionFlagsBits.CreatePublicThreads | PermissionFlagsBits.SendMessagesInThreads,
    );
    await rest.patch(Routes.channel(thread.id), { body: { locked: true } });
    expect(await code(rest.post(Routes.channelMessages(thread.id), { body: { content: "x" } }))).toBe(160005);
    emulator.channels.maxActiveThreads = 1;
    expect(await code(rest.post(Routes.threads(channel), { body: { name: "u", type: ChannelType.PublicThread } }))).toBe(160006);
  });
});
