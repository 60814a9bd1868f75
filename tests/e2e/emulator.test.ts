/**
 * Proves the Discord emulator against the real discord.js Client: an inline echo bot logs
 * in over the emulated REST + gateway and answers emulated interactions. The faults the bot must
 * survive (gateway drops, 429, 500, a late first response) are tested once, through the bot, in
 * faults.test.ts.
 */
import { EventEmitter, once } from "node:events";
import { afterEach, describe, expect, it } from "vitest";
import {
  ActionRowBuilder,
  ButtonBuilder,
  ButtonStyle,
  Client,
  DiscordAPIError,
  DiscordjsErrorCodes,
  EmbedBuilder,
  Events,
  GatewayIntentBits,
  type ClientOptions,
  type Interaction,
} from "discord.js";
import { InteractionResponseType, MessageFlags } from "discord-api-types/v10";
import { DiscordEmulator, type DiscordEmulatorOptions } from "../emulator/index.ts";

// Resets and re-identifies involve discord.js's own waits (0.5 s to resume, ~5 s identify throttle).
const TEST_TIMEOUT_MS = 30_000;

const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  // Reverse order: clients are destroyed before the emulator they talk to.
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function startEmulator(options?: DiscordEmulatorOptions): Promise<DiscordEmulator> {
  const emulator = await DiscordEmulator.start(options);
  cleanups.push(() => emulator.stop());
  return emulator;
}

interface EchoBot {
  client: Client;
  /** Emits "failure" with the error when a response call rejects. */
  failures: EventEmitter;
}

/**
 * A bot with no code of ours: replies with a fixed content + embed + button, defers and
 * edits for /slow, answers autocomplete, updates the message on a button click.
 */
function createEchoBot(emulator: DiscordEmulator, label = "echo", options: Partial<ClientOptions> = {}): EchoBot {
  const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: emulator.apiUrl }, ...options });
  const failures = new EventEmitter();
  const echo = async (interaction: Interaction): Promise<void> => {
    try {
      if (interaction.isAutocomplete()) {
        const focused = interaction.options.getFocused();
        await interaction.respond([
          { name: `${focused} one`, value: `${focused}-1` },
          { name: `${focused} two`, value: `${focused}-2` },
        ]);
      } else if (interaction.isButton()) {
        await interaction.update({ content: `${label}: clicked ${interaction.customId}`, components: [] });
      } else if (interaction.isChatInputCommand()) {
        const text = interaction.options.getString("text") ?? "nothing";
        if (interaction.commandName === "slow") {
          await interaction.deferReply();
          await interaction.editReply({ content: `${label}: slow ${text}` });
        } else if (interaction.commandName === "file") {
          await interaction.reply({ content: "a file", files: [{ attachment: Buffer.from("hello file"), name: "hello.txt" }] });
        } else {
          await interaction.reply({
            content: `${label}: pong ${text}`,
            embeds: [new EmbedBuilder().setTitle("Echo").setDescription(text).setColor(0x5865f2)],
            components: [
              new ActionRowBuilder<ButtonBuilder>().addComponents(
                new ButtonBuilder().setCustomId("again").setLabel("Again").setStyle(ButtonStyle.Primary),
              ),
            ],
          });
        }
      }
    } catch (error) {
      failures.emit("failure", error);
    }
  };
  client.on(Events.InteractionCreate, (interaction) => void echo(interaction));
  cleanups.push(() => client.destroy());
  return { client, failures };
}

async function loginAndWaitReady(client: Client, token: string): Promise<void> {
  const ready = once(client, Events.ClientReady);
  await client.login(token);
  await ready;
}

async function readyBot(emulator: DiscordEmulator, label?: string, options?: Partial<ClientOptions>): Promise<EchoBot> {
  const bot = createEchoBot(emulator, label, options);
  await loginAndWaitReady(bot.client, emulator.token);
  return bot;
}

describe("Discord emulator with a real discord.js client", { timeout: TEST_TIMEOUT_MS }, () => {
  it("logs in: GET /gateway/bot with the bot token, IDENTIFY, READY and GUILD_CREATE", async () => {
    const emulator = await startEmulator();
    const { client } = await readyBot(emulator);

    expect(client.user?.id).toBe(emulator.applicationId);
    expect(client.application?.id).toBe(emulator.applicationId);
    expect([...client.guilds.cache.keys()]).toEqual([emulator.guilds[0]?.id]);
    expect(client.guilds.cache.first()?.channels.cache.has(emulator.guilds[0]?.channelId ?? "")).toBe(true);

    const gatewayBot = emulator.requests.find((r) => r.route === "getGatewayBot");
    expect(gatewayBot?.headers.authorization).toBe(`Bot ${emulator.token}`);
    expect(gatewayBot?.status).toBe(200);

    expect(emulator.identifies).toHaveLength(1);
    expect(emulator.identifies[0]).toMatchObject({ token: emulator.token, intents: GatewayIntentBits.Guilds, shard: [0, 1] });
    expect(emulator.dispatches.map((d) => [d.t, d.s])).toEqual([
      ["READY", 1],
      ["GUILD_CREATE", 2],
    ]);
  });

  it("rejects login with a wrong token (401 on /gateway/bot -> TokenInvalid)", async () => {
    const emulator = await startEmulator();
    const { client } = createEchoBot(emulator);

    await expect(client.login("MTIzNDU2.wrong.token")).rejects.toMatchObject({ code: DiscordjsErrorCodes.TokenInvalid });
    const request = await emulator.waitForRequest("getGatewayBot");
    expect(request.status).toBe(401);
    expect(emulator.identifies).toHaveLength(0);
  });

  it("delivers a command and records the type 4 callback body", async () => {
    const emulator = await startEmulator();
    await readyBot(emulator);

    const sent = emulator.sendCommand({ name: "echo", options: { text: "hello" } });
    expect(sent.id).toMatch(/^\d{17,19}$/);
    expect(sent.delivered).toBe(true);

    const callback = await emulator.waitForCallback(sent.id);
    expect(callback.type).toBe(InteractionResponseType.ChannelMessageWithSource);
    expect(callback.data?.content).toBe("echo: pong hello");
    expect(callback.data?.embeds).toEqual([{ title: "Echo", description: "hello", color: 0x5865f2 }]);

    const request = await emulator.waitForRequest((r) => r.route === "interactionCallback" && r.params.id === sent.id);
    expect(request.headers.authorization).toBeUndefined();
    expect(request.query).toEqual({ with_response: "false" });
    expect(request.params.token).toBe(sent.token);

    const response = await emulator.waitForResponse(sent.id);
    expect(response).toMatchObject({ via: "callback", deferred: false });
    expect(response.message?.content).toBe("echo: pong hello");
    expect(emulator.originalMessage(sent.id)?.embeds[0]?.title).toBe("Echo");
  });

  it("decodes percent-encoded interaction tokens in callback paths", async () => {
    const emulator = await startEmulator();
    await readyBot(emulator);

    const token = "emulated:token/with spaces";
    const sent = emulator.sendCommand({ name: "echo", token });
    const response = await emulator.waitForResponse(sent.id);
    expect(response.data.content).toBe("echo: pong nothing");
    expect(response.token).toBe(token);
    const request = emulator.requests.find((r) => r.route === "interactionCallback");
    expect(request?.url).toContain("emulated%3Atoken%2Fwith%20spaces");
    expect(request?.params.token).toBe(token);
  });

  it("records a deferred reply completed by PATCH @original", async () => {
    const emulator = await startEmulator();
    await readyBot(emulator);

    const sent = emulator.sendCommand({ name: "slow", options: { text: "later" } });
    const response = await emulator.waitForResponse(sent.id);
    expect(response).toMatchObject({
      callbackType: InteractionResponseType.DeferredChannelMessageWithSource,
      deferred: true,
      via: "editOriginal",
    });
    expect(response.data.content).toBe("echo: slow later");
    const original = emulator.originalMessage(sent.id);
    expect(original?.content).toBe("echo: slow later");
    expect((original?.flags ?? 0) & MessageFlags.Loading).toBe(0);
    const edit = emulator.requests.find((r) => r.route === "editWebhookMessage");
    expect(edit?.params).toMatchObject({ appId: emulator.applicationId, token: sent.token, messageId: "@original" });
  });

  it("answers autocomplete with a type 8 callback", async () => {
    const emulator = await startEmulator();
    await readyBot(emulator);

    const sent = emulator.sendAutocomplete({ name: "search", options: { text: "ko" }, focused: "text" });
    const response = await emulator.waitForResponse(sent.id);
    expect(response.callbackType).toBe(InteractionResponseType.ApplicationCommandAutocompleteResult);
    expect(response.data.choices).toEqual([
      { name: "ko one", value: "ko-1" },
      { name: "ko two", value: "ko-2" },
    ]);
    expect(response.message).toBeNull();
  });

  it("handles a button click on the bot's own reply with an update (type 7)", async () => {
    const emulator = await startEmulator();
    await readyBot(emulator);

    const command = emulator.sendCommand({ name: "echo", options: { text: "click me" } });
    await emulator.waitForResponse(command.id);
    const message = emulator.originalMessage(command.id);
    expect(message?.components).toHaveLength(1);

    const click = emulator.sendButton({ customId: "again", message });
    const response = await emulator.waitForResponse(click.id);
    expect(response.callbackType).toBe(InteractionResponseType.UpdateMessage);
    expect(response.message).toMatchObject({ id: message?.id, content: "echo: clicked again", components: [] });

    // A click without a message gets a default bot message carrying the button.
    const bare = emulator.sendButton({ customId: "bare" });
    expect((await emulator.waitForResponse(bare.id)).data.content).toBe("echo: clicked bare");
  });

  it("records multipart replies (payload_json + files)", async () => {
    const emulator = await startEmulator();
    await readyBot(emulator);

    const sent = emulator.sendCommand({ name: "file" });
    const response = await emulator.waitForResponse(sent.id);
    expect(response.data.content).toBe("a file");
    const request = emulator.requests.find((r) => r.route === "interactionCallback" && r.params.id === sent.id);
    expect(request?.files).toEqual([expect.objectContaining({ field: "files[0]", filename: "hello.txt", size: 10 })]);
  });

  it("resumes after op 7 RECONNECT", async () => {
    const emulator = await startEmulator();
    await readyBot(emulator);

    expect(emulator.sendReconnect()).toBe(1);
    await emulator.waitForResume();
    const sent = emulator.sendCommand({ name: "echo", options: { text: "after reconnect" } });
    expect((await emulator.waitForResponse(sent.id)).data.content).toBe("echo: pong after reconnect");
    expect(emulator.identifies).toHaveLength(1);
  });

  it("re-identifies after a non-resumable INVALID_SESSION", async () => {
    const emulator = await startEmulator();
    await readyBot(emulator);
    const first = emulator.identifies[0]?.sessionId;

    expect(emulator.invalidateSession(false)).toBe(1);
    const second = await emulator.waitForIdentify((_, index) => index === 1);
    expect(second.sessionId).not.toBe(first);
    // READY and GUILD_CREATE went out with the IDENTIFY, so the command queues behind them.
    const sent = emulator.sendCommand({ name: "echo", options: { text: "new session" } });
    expect(sent.sessionId).toBe(second.sessionId);
    expect((await emulator.waitForResponse(sent.id)).data.content).toBe("echo: pong new session");
  });

  it("serves command deployment and Discord-style 404s over REST", async () => {
    const emulator = await startEmulator();
    const { client } = await readyBot(emulator);

    const global = await client.application?.commands.set([{ name: "echo", description: "Echo back" }]);
    expect(global?.first()?.id).toMatch(/^\d{17,19}$/);
    expect(emulator.commands.global.map((c) => c.name)).toEqual(["echo"]);
    const guildId = emulator.guilds[0]?.id ?? "";
    await client.guilds.cache.get(guildId)?.commands.set([{ name: "slow", description: "Deferred" }]);
    expect(emulator.commands.guild.get(guildId)?.map((c) => c.name)).toEqual(["slow"]);

    // An interaction for a deployed command carries the deployed command's id.
    const sent = emulator.sendCommand({ name: "echo" });
    expect(sent.payload.data?.id).toBe(global?.first()?.id);

    const error = await client.rest.get("/channels/1234567890123456789/nothing").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DiscordAPIError);
    expect(error).toMatchObject({ status: 404, code: 0 });
  });

  it("runs two clients as shards [0,2] and [1,2], each answering for the guild it owns", async () => {
    const emulator = await startEmulator({ guilds: 2 });
    const [guild0, guild1] = emulator.guilds;
    expect(emulator.shardOf(guild0?.id ?? "", 2)).toBe(0);
    expect(emulator.shardOf(guild1?.id ?? "", 2)).toBe(1);

    const [a, b] = await Promise.all([
      readyBot(emulator, "shard0", { shards: [0], shardCount: 2 }),
      readyBot(emulator, "shard1", { shards: [1], shardCount: 2 }),
    ]);
    expect(emulator.identifies.map((i) => i.shard).sort()).toEqual([
      [0, 2],
      [1, 2],
    ]);
    expect([...a.client.guilds.cache.keys()]).toEqual([guild0?.id]);
    expect([...b.client.guilds.cache.keys()]).toEqual([guild1?.id]);

    const to0 = emulator.sendCommand({ name: "echo", guildId: guild0?.id, options: { text: "g0" } });
    const to1 = emulator.sendCommand({ name: "echo", guildId: guild1?.id, options: { text: "g1" } });
    expect([to0.shardId, to1.shardId]).toEqual([0, 1]);
    expect((await emulator.waitForResponse(to0.id)).data.content).toBe("shard0: pong g0");
    expect((await emulator.waitForResponse(to1.id)).data.content).toBe("shard1: pong g1");
  });

  it.each([
    ["content over 2,000 characters", { content: "x".repeat(2001) }, "content"],
    ["an embed description over 4,096 characters", { embeds: [{ description: "x".repeat(4097) }] }, "embeds.0.description"],
    ["26 embed fields", { embeds: [{ fields: Array.from({ length: 26 }, (_, i) => ({ name: `f${i}`, value: "v" })) }] }, "embeds.0.fields"],
    ["embeds over 6,000 characters in all", { embeds: [{ description: "x".repeat(4000) }, { description: "y".repeat(2001) }] }, "embeds"],
  ])("answers a reply with %s with 400 50035 Invalid Form Body, as Discord does", async (_what, body, path) => {
    const emulator = await startEmulator();
    const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: emulator.apiUrl } });
    cleanups.push(() => client.destroy());
    const outcome = new EventEmitter();
    client.on(Events.InteractionCreate, (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      interaction.reply(body).then(
        () => outcome.emit("done", null),
        (error: unknown) => outcome.emit("done", error),
      );
    });
    await loginAndWaitReady(client, emulator.token);

    const sent = emulator.sendCommand({ name: "big" });
    const [error] = (await once(outcome, "done")) as [unknown];
    expect(error).toBeInstanceOf(DiscordAPIError);
    expect((error as DiscordAPIError).code).toBe(50035);
    expect(JSON.stringify((error as DiscordAPIError).rawError)).toContain(path);
    expect(emulator.callbacks.has(sent.id)).toBe(false);
  });

  it("answers a deferred reply edited over the limits with 50035 too", async () => {
    const emulator = await startEmulator();
    const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: emulator.apiUrl } });
    cleanups.push(() => client.destroy());
    const outcome = new EventEmitter();
    const answerTooLong = async (interaction: Interaction): Promise<void> => {
      if (!interaction.isChatInputCommand()) return;
      await interaction.deferReply();
      await interaction.editReply({ content: "x".repeat(2001) }).then(
        () => outcome.emit("done", null),
        (error: unknown) => outcome.emit("done", error),
      );
    };
    client.on(Events.InteractionCreate, (interaction) => void answerTooLong(interaction));
    await loginAndWaitReady(client, emulator.token);
    emulator.sendCommand({ name: "big" });
    const [error] = (await once(outcome, "done")) as [unknown];
    expect((error as DiscordAPIError).code).toBe(50035);
  });
});
