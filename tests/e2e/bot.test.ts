/**
 * The bot end to end: the real discord.js client (createBot, in-process) logged in to the local
 * Discord emulator, the real commands over the real index of the real corpus. Interactions go in
 * over the emulated gateway; what Discord would show comes back over emulated REST.
 */
import { InteractionResponseType } from "discord-api-types/v10";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { defaultConfig } from "../../src/bot/config.ts";
import { markdownToPlain } from "../../src/bot/markdown.ts";
import { Dispatcher } from "../../src/bot/router.ts";
import { captureLogger } from "../bot/helpers.ts";
import type { ResponseBody } from "../emulator/index.ts";
import {
  buttonId,
  buttonsOf,
  EPHEMERAL,
  NO_MENTIONS,
  onceOnlyViolations,
  realRegistry,
  realSearch,
  startBotOnEmulator,
  visibleText,
  type BotOnEmulator,
} from "./helpers.ts";
import { contextButton } from "../bot/helpers.ts";

const search = realSearch();
const doc = search.primary;
const TROTSKY = "what happened to Trotsky's family?";

let env: BotOnEmulator;

beforeAll(async () => {
  // Many asks from the one default user: the cooldown is not what this file is about (faults.test.ts covers it).
  env = await startBotOnEmulator({ config: { cooldown: { limit: 1000, seconds: 30 } } });
});

afterAll(async () => {
  await env?.stop();
});

// Every interaction so far answered exactly once: no second answer, no late one.
afterEach(async () => {
  expect(await onceOnlyViolations(env, { settleMs: 100 })).toEqual([]);
});

/** Sends a slash command and returns the body of the response Discord would show. */
async function command(name: string, options?: Record<string, string | number | boolean>) {
  const sent = env.emulator.sendCommand({ name, ...(options ? { options } : {}) });
  const response = await env.emulator.waitForResponse(sent.id);
  return { sent, response, data: response.data };
}

function embedOf(data: ResponseBody) {
  const embed = data.embeds?.[0];
  if (!embed) throw new Error(`the reply has no embed: ${JSON.stringify(data)}`);
  return embed;
}

/** Every markdown string a member's client renders from a reply (where a live mention would be parsed). */
function renderedStrings(data: ResponseBody): string[] {
  return [
    data.content ?? "",
    ...(data.embeds ?? []).flatMap((e) => [e.title ?? "", e.description ?? "", ...(e.fields ?? []).flatMap((f) => [f.name, f.value])]),
  ];
}

describe("/ask through the real client", () => {
  it("given what happened to Trotsky's family, the reply is ephemeral, carries the handler's cited answer as it is, and pings no one", async () => {
    const { sent, response, data } = await command("ask", { question: TROTSKY });
    expect(response.callbackType).toBe(InteractionResponseType.ChannelMessageWithSource);
    expect(data.flags).toBe(EPHEMERAL);
    expect(data.allowed_mentions).toEqual(NO_MENTIONS);

    // What the answer says (¶42 verbatim, the answering sentence in bold, the citation) is the
    // handler's, tested in tests/commands/ask.test.ts: here, that it reaches Discord unchanged.
    const dispatcher = new Dispatcher({ registry: await realRegistry(), search, config: defaultConfig(), logger: captureLogger().logger });
    const handled = await dispatcher.command(
      "ask",
      { question: TROTSKY },
      { user: { id: env.emulator.user.id, name: "member" }, guildId: sent.guildId },
    );
    expect(handled.embeds?.[0]?.fields?.[0]?.name).toBe("¶42 · Heroic opposition");
    expect(data.embeds).toEqual(handled.embeds);
    // What Discord made of it: an ephemeral message with the same embed.
    expect((response.message?.flags ?? 0) & EPHEMERAL).toBe(EPHEMERAL);
    expect(response.message?.embeds[0]?.fields?.[0]?.name).toBe("¶42 · Heroic opposition");
  });

  it("given a question containing @everyone, a user mention and a role mention, the wire payload allows no mentions and the echo shows them inert", async () => {
    const question = `@everyone <@123456789012345678> <@&456789012345678901> ${TROTSKY}`;
    const { data } = await command("ask", { question, public: true });
    expect(data.allowed_mentions).toEqual(NO_MENTIONS);
    for (const text of renderedStrings(data)) {
      expect(text).not.toMatch(/@(everyone|here)/);
      expect(text).not.toMatch(/(?<!\\)<@/);
    }
    // The question is still shown, literally.
    expect(visibleText(data)).toContain(question);
    expect(embedOf(data).fields?.[0]?.name).toBe("¶42 · Heroic opposition");
  });

  it("given public: true, the answer is posted without the ephemeral flag and offers no Post button", async () => {
    const { response, data } = await command("ask", { question: TROTSKY, public: true });
    expect((data.flags ?? 0) & EPHEMERAL).toBe(0);
    expect(data.allowed_mentions).toEqual(NO_MENTIONS);
    expect(embedOf(data).fields?.[0]?.name).toBe("¶42 · Heroic opposition");
    const buttons = buttonsOf(response.message);
    expect(buttons.some((b) => b.customId.startsWith("ctx:"))).toBe(true);
    expect(buttons.some((b) => b.customId.startsWith("post:"))).toBe(false);
  });

  it("given a question the review does not cover, the reply says the review does not cover it and offers the closest passages as maybe related", async () => {
    const { data } = await command("ask", { question: "does the review compare Amis to Orwell?" });
    expect(data.flags).toBe(EPHEMERAL);
    const embed = embedOf(data);
    expect(markdownToPlain(embed.description ?? "")).toMatch(
      /^The review does not seem to cover that \(it never mentions “Orwell”\)\.\s+Maybe related:$/,
    );
    expect(embed.fields?.[0]?.name).toMatch(/^¶\d+ · /);
  });
});

describe("/quote through the real client", () => {
  it("given paragraph: 12, it quotes ¶12 verbatim with its citation, without bold", async () => {
    const { data } = await command("quote", { paragraph: 12 });
    expect(data.flags).toBe(EPHEMERAL);
    expect(data.allowed_mentions).toEqual(NO_MENTIONS);
    const embed = embedOf(data);
    expect(embed.title).toBe("¶12 · Total fabrication");
    expect(markdownToPlain(embed.description ?? "")).toBe(search.paragraph(doc.meta.id, 12)!.text);
    expect(embed.description).not.toContain("**");
  });

  it("given a remembered phrase as text, it finds ¶42 and marks the phrase in bold", async () => {
    const { data } = await command("quote", { text: "paid a terrible personal price" });
    const embed = embedOf(data);
    expect(embed.title).toBe("¶42 · Heroic opposition");
    const plain = markdownToPlain(embed.description ?? "");
    expect(plain).toMatch(/»[^«]*paid a terrible personal price[^«]*«/);
    expect(plain.replace(/[»«]/g, "")).toBe(search.paragraph(doc.meta.id, 42)!.text);
  });
});

describe("autocomplete through the real client", () => {
  it("given typing in /quote text, it answers with a type 8 callback of at most 25 choices whose names fit in 100 characters, and a chosen value quotes that paragraph", async () => {
    const sent = env.emulator.sendAutocomplete({ name: "quote", options: { text: "Stalin" }, focused: "text" });
    const response = await env.emulator.waitForResponse(sent.id);
    expect(response.callbackType).toBe(InteractionResponseType.ApplicationCommandAutocompleteResult);
    const choices = response.data.choices ?? [];
    expect(choices.length).toBeGreaterThan(0);
    expect(choices.length).toBeLessThanOrEqual(25);
    for (const choice of choices) {
      expect(choice.name.length).toBeGreaterThan(0);
      expect(choice.name.length).toBeLessThanOrEqual(100);
      expect(String(choice.value).length).toBeLessThanOrEqual(100);
    }

    // Picking the first suggestion sends its value as the text option.
    const chosen = choices[0]!;
    const { data } = await command("quote", { text: String(chosen.value) });
    expect(markdownToPlain(embedOf(data).title ?? "")).toBe(chosen.name.split(" — ")[0]);
  });

  it("given an empty /quote text, it suggests where each section starts", async () => {
    const sent = env.emulator.sendAutocomplete({ name: "quote", options: { text: "" }, focused: "text" });
    const response = await env.emulator.waitForResponse(sent.id);
    const values = (response.data.choices ?? []).map((c) => c.value);
    // The review's sections first; a reading a group adds to corpus/ pins its own after them.
    expect(values.slice(0, doc.sections.length)).toEqual(doc.sections.map((s) => `¶${s.first}`));
  });
});

describe("buttons through the real client, clicked on the bot's own replies", () => {
  it("given a click on More results, it shows the next passage of the same answer, ephemerally", async () => {
    const question = "who was Leopold Trepper?";
    const first = await command("ask", { question, results: 1 });
    const moreId = buttonId(first.response.message, "ask:");
    const click = env.emulator.sendButton({ customId: moreId, message: first.response.message! });
    const response = await env.emulator.waitForResponse(click.id);
    expect(response.callbackType).toBe(InteractionResponseType.ChannelMessageWithSource);
    expect(response.data.flags).toBe(EPHEMERAL);
    expect(response.data.allowed_mentions).toEqual(NO_MENTIONS);
    const expected = search.ask(question, { limit: 5 }).results;
    expect(expected.length).toBeGreaterThan(1);
    expect(embedOf(response.data).fields?.map((f) => f.name)).toEqual([`¶${expected[1]!.paragraph} · ${expected[1]!.section}`]);
    expect(embedOf(first.data).fields?.map((f) => f.name)).toEqual([`¶${expected[0]!.paragraph} · ${expected[0]!.section}`]);
  });

  it("given a click on Show context, it shows the paragraphs before and after the passage, ephemerally", async () => {
    const first = await command("ask", { question: TROTSKY });
    const contextId = buttonId(first.response.message, "ctx:");
    expect(contextId).toBe(contextButton(doc.meta.id, 42));
    const click = env.emulator.sendButton({ customId: contextId, message: first.response.message! });
    const { data } = await env.emulator.waitForResponse(click.id);
    expect(data.flags).toBe(EPHEMERAL);
    expect(embedOf(data).fields?.map((f) => f.name)).toEqual([
      "¶41 · Heroic opposition",
      "▶ ¶42 · Heroic opposition",
      "¶43 · Heroic opposition",
    ]);
    expect(markdownToPlain(embedOf(data).fields?.[1]?.value ?? "")).toBe(search.paragraph(doc.meta.id, 42)!.text);
  });

  it("given a click on Post to channel, it posts the passage publicly, naming the member without pinging anyone", async () => {
    const first = await command("ask", { question: TROTSKY });
    const postId = buttonId(first.response.message, "post:");
    const click = env.emulator.sendButton({ customId: postId, message: first.response.message! });
    const { data, message } = await env.emulator.waitForResponse(click.id);
    expect((data.flags ?? 0) & EPHEMERAL).toBe(0);
    expect(data.allowed_mentions).toEqual(NO_MENTIONS);
    expect(data.content).toBe(`<@${env.emulator.user.id}> shared ¶42 · Heroic opposition:`);
    expect(embedOf(data).title).toBe("¶42 · Heroic opposition");
    expect(markdownToPlain(embedOf(data).description ?? "")).toBe(search.paragraph(doc.meta.id, 42)!.text);
    expect(message?.channel_id).toBe(env.emulator.guilds[0]!.channelId);
  });
});

describe("/about and /help through the real client", () => {
  it("given /about, it names the review and lists every section with its paragraph range", async () => {
    const { data } = await command("about");
    expect(data.flags).toBe(EPHEMERAL);
    const embed = embedOf(data);
    expect(markdownToPlain(embed.title ?? "")).toBe(doc.meta.title);
    const description = markdownToPlain(embed.description ?? "");
    expect(description).toContain(`${doc.paragraphs.length} paragraphs in ${doc.sections.length} sections`);
    for (const s of doc.sections) expect(description).toContain(`¶${s.first}–${s.last}`);
    expect(embed.fields?.some((f) => f.name === "How to cite")).toBe(true);
  });

  it("given /help, it lists every command with its usage and explains the buttons", async () => {
    const { data } = await command("help");
    expect(data.flags).toBe(EPHEMERAL);
    const names = (embedOf(data).fields ?? []).map((f) => markdownToPlain(f.name));
    expect(names).toEqual(
      expect.arrayContaining(["/ask question [results] [public]", "/quote [paragraph] [text]", "/about", "/help", "Buttons"]),
    );
  });
});
