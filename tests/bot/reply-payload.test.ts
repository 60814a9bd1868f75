/**
 * The first reply's body made by the bot (reply-payload.ts) is the one discord.js makes from the
 * reply options, key for key, so handing it over changes nothing Discord receives.
 */
import { afterEach, describe, expect, it } from "vitest";
import { MessagePayload } from "discord.js";
import { notice, reply } from "../../src/bot/replies.ts";
import { replyPayload } from "../../src/bot/reply-payload.ts";
import { toReplyOptions } from "../../src/bot/render.ts";
import { createInteractionRouter, type Origin } from "../../src/bot/router.ts";
import type { Reply } from "../../src/bot/types.ts";
import { FakeDiscord } from "./discord.ts";
import { captureLogger, FakeClock, realDispatcher } from "./helpers.ts";

let discord: FakeDiscord | null = null;
afterEach(async () => {
  await discord?.destroy();
  discord = null;
});

const ORIGIN: Origin = { user: { id: "1", name: "Rosa" }, guildId: null };

/** Replies of every shape the bot gives: answers with embeds and buttons, notices, declines, public and private. */
async function replies(): Promise<Reply[]> {
  const dispatcher = await realDispatcher({ logger: captureLogger("error").logger, clock: new FakeClock() });
  const made = await Promise.all([
    dispatcher.command("ask", { question: "what happened to Trotsky's family?" }, ORIGIN),
    dispatcher.command("ask", { question: "what is the best pizza recipe?" }, ORIGIN),
    dispatcher.command("quote", { paragraph: 42 }, ORIGIN),
    dispatcher.command("quote", { phrase: "heroic opposition" }, ORIGIN),
    dispatcher.command("about", {}, ORIGIN),
    dispatcher.command("help", {}, ORIGIN),
    dispatcher.command("nonsense", {}, ORIGIN),
  ]);
  const shapes = [
    ...made,
    notice(""),
    reply({ content: "@everyone look", ephemeral: false }),
    reply({ embeds: [{ title: "t" }], ephemeral: true }),
  ];
  // Each also the other way round: public and private.
  return shapes.flatMap((r) => [r, { ...r, ephemeral: !r.ephemeral }]);
}

describe("replyPayload", () => {
  it("gives, for every shape of reply, the body discord.js makes from the reply options, in the same key order", async () => {
    discord = new FakeDiscord();
    const all = await replies();
    expect(all.some((r) => r.embeds?.length && r.components?.length)).toBe(true);
    for (const r of all) {
      const interaction = discord.command("ask", { question: "anything" });
      const made = replyPayload(interaction, r);
      expect(made).toBeInstanceOf(MessagePayload);
      const theirs = MessagePayload.create(interaction, toReplyOptions(r)).resolveBody().body;
      expect(JSON.stringify((made as MessagePayload).resolveBody().body)).toBe(JSON.stringify(theirs));
    }
  });

  it("through the router, Discord receives the same callback with it as without it", async () => {
    const sent: string[][] = [];
    for (const withPayload of [false, true]) {
      discord = new FakeDiscord();
      const dispatcher = await realDispatcher({ logger: captureLogger("error").logger, clock: new FakeClock() });
      const route = createInteractionRouter({
        dispatcher,
        logger: captureLogger("error").logger,
        ...(withPayload ? { replyPayload } : {}),
      });
      await route(discord.command("ask", { question: "what happened to Trotsky's family?" }));
      await route(discord.command("quote", { paragraph: 42 }));
      await route(discord.command("help"));
      sent.push(discord.callbacks().map((c) => JSON.stringify(c)));
      await discord.destroy();
      discord = null;
    }
    expect(sent[0]).toHaveLength(3);
    expect(sent[1]).toEqual(sent[0]);
  });

  it("given a client that enforces nonces, leaves the body to discord.js", () => {
    discord = new FakeDiscord();
    discord.client.options.enforceNonce = true;
    const made = replyPayload(discord.command("ask", { question: "x" }), notice("hello"));
    expect(made).not.toBeInstanceOf(MessagePayload);
    expect(made).toEqual(toReplyOptions(notice("hello")));
  });
});
