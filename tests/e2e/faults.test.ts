/**
 * The bot under faults, end to end (real discord.js client against the emulator): gateway drops,
 * rate limits and server errors on the interaction callback, a handler that throws, and a burst of
 * interactions. After each fault a normal interaction must still be answered.
 */
import { InteractionResponseType } from "discord-api-types/v10";
import { afterEach, describe, expect, it } from "vitest";
import { Events } from "discord.js";
import { defineCommand, Registry } from "../../src/bot/registry.ts";
import { boom } from "../bot/helpers.ts";
import { APOLOGY, notice } from "../../src/bot/replies.ts";
import type { BotConfig } from "../../src/bot/config.ts";
import type { Clock } from "../../src/bot/types.ts";
import type { DiscordEmulator, DiscordEmulatorOptions, InteractionResponse } from "../emulator/index.ts";
import {
  EPHEMERAL,
  frozenClock,
  NO_MENTIONS,
  onceOnlyViolations,
  realRegistry,
  startBotOnEmulator,
  type BotOnEmulator,
} from "./helpers.ts";

const TROTSKY = "what happened to Trotsky's family?";

const running: BotOnEmulator[] = [];

afterEach(async () => {
  for (const env of running.splice(0)) await env.stop();
});

async function start(
  options: { registry?: Registry; clock?: Clock; config?: Partial<BotConfig>; emulator?: DiscordEmulatorOptions } = {},
): Promise<BotOnEmulator> {
  const env = await startBotOnEmulator(options);
  running.push(env);
  return env;
}

function fieldNames(response: InteractionResponse): string[] {
  return (response.data.embeds?.[0]?.fields ?? []).map((f) => f.name);
}

/** A normal interaction after a fault: /quote paragraph 42 must be answered with ¶42. */
async function expectStillServing(emulator: DiscordEmulator): Promise<void> {
  const sent = emulator.sendCommand({ name: "quote", options: { paragraph: 42 } });
  const response = await emulator.waitForResponse(sent.id);
  expect(response.callbackType).toBe(InteractionResponseType.ChannelMessageWithSource);
  expect(response.data.embeds?.[0]?.title).toBe("¶42 · Heroic opposition");
}

function callbackAttempts(emulator: DiscordEmulator, interactionId: string) {
  return emulator.requests.filter((r) => r.route === "interactionCallback" && r.params.id === interactionId);
}

describe("gateway drops", () => {
  it.each([1006, 4000])(
    "given the gateway socket drops with close %i, the bot resumes its session and answers the interaction sent while it was down",
    async (code) => {
      const { emulator, bot, logs } = await start();
      const sessionId = emulator.identifies[0]?.sessionId;

      expect(emulator.dropConnection(code)).toBe(1);
      const sent = emulator.sendCommand({ name: "ask", options: { question: TROTSKY } });
      expect(sent.delivered).toBe(false);

      const resume = await emulator.waitForResume();
      expect(resume).toMatchObject({ ok: true, sessionId, replayed: 1 });
      const response = await emulator.waitForResponse(sent.id);
      expect(fieldNames(response)).toEqual(["¶42 · Heroic opposition"]);
      expect(response.data.flags).toBe(EPHEMERAL);

      // The same session went on: no second IDENTIFY, the sequence kept growing, and the bot said what happened.
      expect(emulator.identifies).toHaveLength(1);
      expect(emulator.dispatches.filter((d) => d.sessionId === sessionId).map((d) => d.s)).toEqual([1, 2, 3, 4]);
      await logs.waitFor((l) => l.msg === "shard resumed");
      expect(logs.lines.some((l) => l.msg === "shard disconnected" || l.msg === "shard reconnecting")).toBe(true);
      expect(bot.client.isReady()).toBe(true);
      await expectStillServing(emulator);
      expect(await onceOnlyViolations({ emulator, logs })).toEqual([]);
    },
  );
});

describe("REST faults on the interaction callback", () => {
  it("given a 429 with Retry-After on the callback once, the bot retries and the reply still arrives, once", async () => {
    const { emulator, logs } = await start();
    const fault = emulator.failNext("interactionCallback", { status: 429, retryAfterSeconds: 0.2 });

    const sent = emulator.sendCommand({ name: "ask", options: { question: TROTSKY } });
    const response = await emulator.waitForResponse(sent.id);
    expect(fieldNames(response)).toEqual(["¶42 · Heroic opposition"]);
    expect(response.data.allowed_mentions).toEqual(NO_MENTIONS);

    expect(fault.hits).toBe(1);
    expect(callbackAttempts(emulator, sent.id).map((r) => [r.status, r.fault])).toEqual([
      [429, true],
      [204, false],
    ]);
    expect(emulator.callbacks.get(sent.id)).toHaveLength(1);
    await logs.waitFor((l) => l.msg === "rate limited by Discord" && l.retryAfter === "0.2");
    await expectStillServing(emulator);
    expect(await onceOnlyViolations({ emulator, logs })).toEqual([]);
  });

  it("given a callback that answers 500 every time, the failure is logged with the command, the bot keeps running, and once Discord recovers the next interaction is answered", async () => {
    const { emulator, bot, logs } = await start();
    emulator.failNext("interactionCallback", { status: 500 }, Number.POSITIVE_INFINITY);

    const sent = emulator.sendCommand({ name: "ask", options: { question: TROTSKY } });
    // The router logs the failure, tries to apologise (which fails the same way) and logs that too.
    const gaveUp = await logs.waitFor((l) => l.msg === "could not apologise");
    const failed = logs.lines.find((l) => l.msg === "interaction failed");
    expect(failed).toMatchObject({ level: "error", command: "ask", options: { question: TROTSKY }, interaction: sent.id });
    expect(failed?.error).toMatchObject({ name: "HTTPError", status: 500 });
    expect(gaveUp).toMatchObject({ level: "error", interaction: sent.id });
    expect(gaveUp.error).toMatchObject({ status: 500 });

    // The reply and the apology were each tried once plus discord.js's retries; nothing got through.
    const attempts = callbackAttempts(emulator, sent.id);
    expect(attempts).toHaveLength(2 * (bot.client.rest.options.retries + 1));
    expect(attempts.every((r) => r.status === 500 && r.fault)).toBe(true);
    expect(emulator.callbacks.has(sent.id)).toBe(false);
    // The interaction token never reaches the logs.
    expect(logs.raw.join("")).not.toContain(sent.token);

    emulator.clearFaults();
    expect(bot.client.isReady()).toBe(true);
    const next = emulator.sendCommand({ name: "ask", options: { question: TROTSKY } });
    expect(fieldNames(await emulator.waitForResponse(next.id))).toEqual(["¶42 · Heroic opposition"]);
    await expectStillServing(emulator);
    expect(await onceOnlyViolations({ emulator, logs }, { unanswered: [sent.id] })).toEqual([]);
  });
});

describe("a handler that throws", () => {
  it("given a command whose handler throws, the user gets the ephemeral apology, the error is logged, and the bot keeps serving", async () => {
    const registry = new Registry([...(await realRegistry()).commands.values(), boom]);
    const { emulator, logs } = await start({ registry });

    const sent = emulator.sendCommand({ name: "boom", options: { topic: "purges" } });
    const response = await emulator.waitForResponse(sent.id);
    expect(response.callbackType).toBe(InteractionResponseType.ChannelMessageWithSource);
    expect(response.data).toMatchObject({ content: APOLOGY, flags: EPHEMERAL, allowed_mentions: NO_MENTIONS });
    expect(response.data.embeds ?? []).toEqual([]);
    expect(emulator.callbacks.get(sent.id)).toHaveLength(1);

    const logged = logs.lines.find((l) => l.msg === "command failed");
    expect(logged).toMatchObject({ level: "error", command: "boom", options: { topic: "purges" } });
    expect(logged?.error).toMatchObject({ message: "kaboom" });
    await expectStillServing(emulator);
    expect(await onceOnlyViolations({ emulator, logs })).toEqual([]);
  });
});

describe("a burst of interactions", () => {
  const USERS = 50;
  const TOTAL = 1000;
  const QUESTIONS = [TROTSKY, "who was Leopold Trepper?", "what were the purge trials?"];

  it(
    "given 1,000 interactions at once from 50 members (15 asks and 5 quotes each), every one is answered exactly once: 5 answers and 10 polite cooldown notices per member's asks, every quote",
    { timeout: 90_000 },
    async () => {
      // A clock that does not move: the cooldown (5 asks per 30 s) then depends only on counts, not on speed.
      // No 3-second deadline: on two shared cores a thousand answers take longer than Discord allows one;
      // this test is about each being answered exactly once (the slow-handler tests cover the deadline).
      const { emulator, logs } = await start({ clock: frozenClock, emulator: { responseDeadlineMs: null } });
      const users = Array.from({ length: USERS }, (_, i) => emulator.addUser({ username: `reader${i}` }));

      const sent = Array.from({ length: TOTAL }, (_, i) => {
        const user = users[i % USERS]!;
        const round = Math.floor(i / USERS); // 0..19: this member's nth interaction
        const isQuote = round % 4 === 3;
        const interaction = isQuote
          ? emulator.sendCommand({ name: "quote", userId: user.id, options: { paragraph: 1 + (i % 51) } })
          : emulator.sendCommand({ name: "ask", userId: user.id, options: { question: QUESTIONS[i % QUESTIONS.length]! } });
        return { ...interaction, userId: user.id, isQuote };
      });
      expect(sent.every((s) => s.delivered)).toBe(true);

      await emulator.waitForRequests("interactionCallback", TOTAL, 80_000);
      // A last interaction behind the burst: once it is answered, anything the bot was still
      // going to send for the burst (a duplicate, a late follow-up) would have been sent too.
      await expectStillServing(emulator);

      const ids = new Set(sent.map((s) => s.id));
      const tokens = new Set(sent.map((s) => s.token));
      const burstRequests = emulator.requests.filter((r) => ids.has(r.params.id ?? "") || tokens.has(r.params.token ?? ""));
      // One accepted callback per interaction, and no other request about any of them (no retry, no second answer).
      expect(burstRequests.filter((r) => r.route === "interactionCallback")).toHaveLength(TOTAL);
      expect(burstRequests.filter((r) => r.route !== "interactionCallback")).toEqual([]);
      expect(burstRequests.every((r) => r.status === 204)).toBe(true);
      for (const s of sent) expect(emulator.callbacks.get(s.id)?.length ?? 0, `callbacks of interaction ${s.id}`).toBe(1);

      const answers = new Map<string, { asked: number; answered: number; cooled: number; quoted: number }>();
      for (const s of sent) {
        const callback = emulator.callbacks.get(s.id)![0]!;
        expect(callback.type).toBe(InteractionResponseType.ChannelMessageWithSource);
        expect(callback.data?.allowed_mentions).toEqual(NO_MENTIONS);
        const tally = answers.get(s.userId) ?? { asked: 0, answered: 0, cooled: 0, quoted: 0 };
        if (s.isQuote) {
          expect(callback.data?.embeds?.[0]?.title).toMatch(/^¶\d+/);
          tally.quoted++;
        } else {
          tally.asked++;
          if (callback.data?.embeds?.length) {
            // First come, first served: a member's first five asks are the answered ones.
            expect(tally.asked, `member ${s.userId}'s ask #${tally.asked} was answered`).toBeLessThanOrEqual(5);
            tally.answered++;
          } else {
            expect(callback.data?.content).toMatch(
              /^You are asking quickly: 5 questions every 30 seconds at most, .* Please try again in 30 seconds\.$/,
            );
            expect(callback.data?.flags).toBe(EPHEMERAL);
            tally.cooled++;
          }
        }
        answers.set(s.userId, tally);
      }
      expect(answers.size).toBe(USERS);
      for (const [user, tally] of answers) expect(tally, `member ${user}`).toEqual({ asked: 15, answered: 5, cooled: 10, quoted: 5 });
      expect(await onceOnlyViolations({ emulator, logs })).toEqual([]);
    },
  );
});

describe("the once-only check itself", () => {
  it("given a bot that answers every /ask twice, it reports the refused second answer, which the other checks above would miss", async () => {
    const { emulator, bot, logs } = await start();
    // The bug: the router registered twice, so every interaction is routed (and answered) twice.
    bot.client.on(Events.InteractionCreate, (interaction) => void bot.router?.(interaction));
    const sent = emulator.sendCommand({ name: "ask", options: { question: TROTSKY } });
    expect(fieldNames(await emulator.waitForResponse(sent.id))).toEqual(["¶42 · Heroic opposition"]);
    const violations = await onceOnlyViolations({ emulator, logs }, { settleMs: 1000 });
    expect(violations.some((v) => /refused with 40060/.test(v))).toBe(true);
  });
});

describe("a slow handler through the real client", () => {
  // Discord's deadline scaled down from 3 s to 1 s and the bot's defer to 200 ms: the same race in
  // a third of the time, with room for a busy machine's event-loop lag before the deadline.
  const DEADLINE_MS = 1000;
  const slowAsk = defineCommand({
    name: "slowask",
    description: "Answers after the deadline",
    options: {},
    examples: ["/slowask"],
    execute: async () => {
      await new Promise((resolve) => setTimeout(resolve, DEADLINE_MS + 100));
      return notice("finally");
    },
  });

  it("given a handler slower than Discord's deadline allows, the bot defers in time and edits the answer in", async () => {
    const registry = new Registry([...(await realRegistry()).commands.values(), slowAsk]);
    const { emulator, logs } = await start({ registry, config: { deferAfterMs: 200 }, emulator: { responseDeadlineMs: DEADLINE_MS } });
    const sent = emulator.sendCommand({ name: "slowask" });
    const response = await emulator.waitForResponse(sent.id);
    expect(response).toMatchObject({ deferred: true, via: "editOriginal", data: { content: "finally" } });
    expect(emulator.callbacks.get(sent.id)?.[0]?.type).toBe(InteractionResponseType.DeferredChannelMessageWithSource);
    expect(await onceOnlyViolations({ emulator, logs })).toEqual([]);
  });

  it("given a bot that would not defer in time, the emulator refuses the late answer with 10062, as Discord does, and the bot keeps serving", async () => {
    const registry = new Registry([...(await realRegistry()).commands.values(), slowAsk]);
    // A defer later than the deadline: only a test can set it (the configuration allows 2,500 ms of 3,000).
    const { emulator, logs } = await start({
      registry,
      config: { deferAfterMs: DEADLINE_MS + 50 },
      emulator: { responseDeadlineMs: DEADLINE_MS },
    });
    const sent = emulator.sendCommand({ name: "slowask" });
    await logs.waitFor((l) => l.msg === "interaction expired or already answered");
    expect(emulator.callbacks.has(sent.id)).toBe(false);
    expect(emulator.requests.find((r) => r.route === "interactionCallback" && r.params.id === sent.id)).toMatchObject({
      status: 404,
      errorCode: 10062,
    });
    await expectStillServing(emulator);
  });
});
