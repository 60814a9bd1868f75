/**
 * “Find in the review” end to end: a member right-clicks another member's message → Apps, the
 * real discord.js client receives the message command (the target in data.resolved.messages),
 * and the real handler answers privately from the real index, with Post to channel.
 */
import { InteractionResponseType } from "discord-api-types/v10";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NOTHING_TO_LOOK_UP } from "../../commands/find.ts";
import { deployCommands } from "../../src/bot/deploy.ts";
import {
  buttonId,
  buttonsOf,
  EPHEMERAL,
  NO_MENTIONS,
  realRegistry,
  startBotOnEmulator,
  visibleText,
  type BotOnEmulator,
} from "./helpers.ts";

let env: BotOnEmulator;

beforeAll(async () => {
  env = await startBotOnEmulator();
  await deployCommands({
    token: env.emulator.token,
    applicationId: env.emulator.applicationId,
    guildId: env.emulator.guilds[0]!.id,
    apiUrl: env.emulator.apiUrl,
    registry: await realRegistry(),
  });
});

afterAll(async () => {
  await env?.stop();
});

async function findIn(content: string) {
  const author = env.emulator.addUser({ username: "lev" });
  const sent = env.emulator.sendMessageCommand({ name: "Find in the review", message: { content, authorId: author.id } });
  return env.emulator.waitForResponse(sent.id);
}

describe("“Find in the review” through the real client", () => {
  it("is deployed as a message command (type 3) beside the slash commands", () => {
    const deployed = env.emulator.commands.guild.get(env.emulator.guilds[0]!.id) ?? [];
    expect(deployed.find((c) => c.name === "Find in the review")).toMatchObject({ type: 3 });
  });

  it("given a right-click on a member's message, it answers privately with the cited passage, and Post to channel shares it", async () => {
    const response = await findIn("Does anyone know what happened to Trotsky's family? @everyone");
    expect(response.callbackType).toBe(InteractionResponseType.ChannelMessageWithSource);
    expect(response.data.flags).toBe(EPHEMERAL);
    expect(response.data.allowed_mentions).toEqual(NO_MENTIONS);
    const text = visibleText(response.data);
    expect(text).toContain("¶42 · Heroic opposition");
    expect(text).toContain("Virtually every member of his family was systematically exterminated");
    expect(buttonsOf(response.message).map((b) => b.label)).toContain("Post ¶42 to channel");

    const click = env.emulator.sendButton({ customId: buttonId(response.message, "post:"), message: response.message! });
    const posted = await env.emulator.waitForResponse(click.id);
    expect(posted.data.flags ?? 0).toBe(0);
    expect(posted.data.allowed_mentions).toEqual(NO_MENTIONS);
    expect(visibleText(posted.data)).toContain("¶42 · Heroic opposition");
  });

  it("given a right-click on an image or sticker alone, it says there is nothing to look up", async () => {
    const response = await findIn("");
    expect(response.data.flags).toBe(EPHEMERAL);
    expect(response.data.content).toBe(NOTHING_TO_LOOK_UP);
  });

  it("given a long message, it answers from its telling sentence", async () => {
    const chatter = "Sorry I missed the last meeting, work was busy and the train was late again this week. ".repeat(3);
    const response = await findIn(`${chatter}\nWho was Leopold Trepper?\n${chatter}`);
    expect(response.data.flags).toBe(EPHEMERAL);
    expect(visibleText(response.data)).toMatch(/¶4[78] · Heroic opposition/);
  });
});
