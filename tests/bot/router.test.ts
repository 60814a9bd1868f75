import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { defaultConfig } from "../../src/bot/config.ts";
import { defineCommand, Registry } from "../../src/bot/registry.ts";
import { APOLOGY, button, notice, reply, rowsOf, STALE_BUTTON } from "../../src/bot/replies.ts";
import { createInteractionRouter, Dispatcher, type InteractionRouter, type Origin } from "../../src/bot/router.ts";
import { CHANNEL_ID, FakeDiscord, MEMBER } from "./discord.ts";
import {
  boom,
  captureLogger,
  componentId,
  contextButton,
  FakeClock,
  postButton,
  realRegistry,
  realSearch,
  type LogLine,
} from "./helpers.ts";

import { CUSTOM_ID_VERSION } from "../../src/bot/custom-ids.ts";
import type { StudyState } from "../../src/bot/study.ts";
import { DEFAULT_SETTINGS } from "../../src/storage/index.ts";

const REVIEW = "koba-the-dread-review";

const EPHEMERAL = 64;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** How long the slow commands take: past the 20 ms defer the slow tests set. */
const SLOW_MS = 80;

/** What the slow command answers besides its content: an embed and a row of buttons, sent as they are. */
const LATE_EMBED = { title: "¶1 · Opening", description: "late", footer: { text: "Review" } };
const LATE_ROWS = rowsOf([[button(`ctx:${CUSTOM_ID_VERSION}:${REVIEW}#1`, "Show context")]]);

const slow = defineCommand({
  name: "slow",
  description: "Answers late",
  options: { public: { type: "boolean", description: "Public?" }, fail: { type: "boolean", description: "Fail late?" } },
  examples: ["/slow"],
  isPublic: (options) => options.public ?? false,
  async execute(options) {
    await sleep(SLOW_MS);
    if (options.fail) throw new Error("late failure");
    return reply({ content: "finally", embeds: [LATE_EMBED], components: LATE_ROWS, ephemeral: !(options.public ?? false) });
  },
});

const wrongVisibility = defineCommand({
  name: "flip",
  description: "Defers publicly, answers privately",
  options: {},
  examples: ["/flip"],
  isPublic: () => true,
  async execute() {
    await sleep(SLOW_MS);
    return notice("only for you");
  },
});

const sloppy = defineCommand({
  name: "sloppy",
  description: "Suggests too much",
  options: { q: { type: "string", description: "Anything", autocomplete: true } },
  examples: ["/sloppy"],
  execute: () => notice("ok"),
  autocomplete: () => [
    ...Array.from({ length: 40 }, (_, i) => ({ name: `choice ${i} ${"long words ".repeat(20)}`, value: `v${i}` })),
    { name: "duplicate", value: "v0" },
    { name: "value too long", value: "x".repeat(101) },
    { name: "   ", value: "blank name" },
  ],
});

let registry: Registry;
beforeAll(async () => {
  registry = new Registry([...(await realRegistry()).commands.values(), boom, slow, wrongVisibility, sloppy]);
});

let discord: FakeDiscord;
let logs: LogLine[];
let raw: string[];
let route: InteractionRouter;
let dispatcher: Dispatcher;

function setup(options: { deferAfterMs?: number; clock?: FakeClock } = {}): void {
  discord = new FakeDiscord();
  const captured = captureLogger("debug");
  logs = captured.lines;
  raw = captured.raw;
  dispatcher = new Dispatcher({
    registry,
    search: realSearch(),
    config: defaultConfig(),
    logger: captured.logger,
    clock: options.clock ?? new FakeClock(),
  });
  route = createInteractionRouter({
    dispatcher,
    logger: captured.logger,
    deferAfterMs: options.deferAfterMs ?? 2000,
    autocompleteTimeoutMs: 500,
  });
}

afterEach(async () => {
  vi.useRealTimers();
  await discord?.destroy();
});

/**
 * Routes a slow command on a fake clock: the 20 ms defer, then the handler's 80 ms, fire in that
 * order without the test waiting for them.
 */
async function routeSlow(interaction: Parameters<InteractionRouter>[0]): Promise<void> {
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
  const routed = route(interaction);
  await vi.advanceTimersByTimeAsync(SLOW_MS);
  await routed;
  vi.useRealTimers();
}

describe("router: slash commands", () => {
  it("given /ask, it replies once, ephemerally, with the cited answer and no allowed mentions", async () => {
    setup();
    await route(discord.command("ask", { question: "what happened to Trotsky's family?" }));
    const callbacks = discord.callbacks();
    expect(callbacks).toHaveLength(1);
    expect(callbacks[0]!.type).toBe(4); // CHANNEL_MESSAGE_WITH_SOURCE
    const data = callbacks[0]!.data!;
    expect(data.flags).toBe(EPHEMERAL);
    expect(data.allowed_mentions).toEqual({ parse: [], replied_user: false });
    // What the answer says is the handler's (tests/commands/ask.test.ts): the router sends its embeds and buttons as they are.
    const handled = await dispatcher.command(
      "ask",
      { question: "what happened to Trotsky's family?" },
      { user: { id: MEMBER.id, name: "Rosa" }, guildId: null },
    );
    expect(handled.embeds).toHaveLength(1);
    expect(data.embeds).toEqual(handled.embeds);
    expect(handled.components).not.toHaveLength(0);
    expect(data.components).toEqual(handled.components);
  });

  it("given a question that mentions @everyone and roles, the wire payload allows no mentions and shows none", async () => {
    setup();
    await route(discord.command("ask", { question: "@everyone <@&456> <@1400000000000000004> who was Trepper?", public: true }));
    const data = discord.callbacks()[0]!.data!;
    expect(data.allowed_mentions).toEqual({ parse: [], replied_user: false });
    expect(data.flags).toBeUndefined();
    // What members see (custom ids are never shown): no live mention, not even the look of one.
    const visible = JSON.stringify({ content: data.content, embeds: data.embeds });
    expect(visible).not.toMatch(/@everyone/);
    expect(visible).toContain("@\u200beveryone");
    expect(visible).not.toMatch(/(?<!\\\\)<@/);
  });

  it("given a handler that throws, the user gets an ephemeral apology and the error is logged with the command and its options", async () => {
    setup();
    await route(discord.command("boom", { topic: "purges" }));
    const callbacks = discord.callbacks();
    expect(callbacks).toHaveLength(1);
    expect(callbacks[0]!.data).toMatchObject({ content: APOLOGY, flags: EPHEMERAL, allowed_mentions: { parse: [] } });
    const error = logs.find((l) => l.level === "error")!;
    expect(error).toMatchObject({ msg: "command failed", command: "boom", options: { topic: "purges" }, user: MEMBER.id });
    expect((error.error as { message: string }).message).toBe("kaboom");
  });

  it("given an unknown command, the user gets an ephemeral 'something went wrong' and it is logged", async () => {
    setup();
    await route(discord.command("frobnicate", { x: 1 }));
    const data = discord.callbacks()[0]!.data!;
    expect(data.flags).toBe(EPHEMERAL);
    expect(String(data.content)).toMatch(/something went wrong/i);
    expect(logs.find((l) => l.msg === "unknown command")).toMatchObject({ level: "warn", command: "frobnicate", options: { x: 1 } });
  });

  it("given an unknown command typed at the console, it says the command is unknown, not that something went wrong", async () => {
    setup();
    const answered = await dispatcher.command("frobnicate", {}, { user: { id: "console", name: "you" }, guildId: null, local: true });
    expect(answered.content).toBe("I don't know the command /frobnicate. /help lists the commands.");
  });

  it("given options Discord should have refused, the user is told what is wrong", async () => {
    setup();
    await route(discord.command("ask", { question: "who?", results: 9 }));
    const data = discord.callbacks()[0]!.data!;
    expect(data.flags).toBe(EPHEMERAL);
    expect(String(data.content)).toMatch(/“results” must be from 1 to 5/);
  });

  it("given a slow handler, it defers (ephemerally) before the deadline, then edits in the answer", async () => {
    setup({ deferAfterMs: 20 });
    const interaction = discord.command("slow");
    await routeSlow(interaction);
    const callbacks = discord.callbacks();
    expect(callbacks).toEqual([{ type: 5, data: { flags: EPHEMERAL } }]); // DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE
    const edit = discord.requests.find((r) => r.method === "PATCH")!;
    expect(edit.path).toMatch(/\/webhooks\/\d+\/[^/]+\/messages\/@original$/);
    expect(edit.body).toMatchObject({ content: "finally", allowed_mentions: { parse: [], replied_user: false } });
    expect(edit.body).toMatchObject({ embeds: [LATE_EMBED], components: LATE_ROWS });
    expect(interaction.deferred).toBe(true);
    expect(interaction.replied).toBe(true);
  });

  it("given a slow public answer, it defers publicly", async () => {
    setup({ deferAfterMs: 20 });
    await routeSlow(discord.command("slow", { public: true }));
    expect(discord.callbacks()[0]).toEqual({ type: 5, data: { flags: 0 } });
  });

  it("given a slow handler that then fails, the apology replaces the ephemeral placeholder", async () => {
    setup({ deferAfterMs: 20 });
    await routeSlow(discord.command("slow", { fail: true }));
    const edit = discord.requests.find((r) => r.method === "PATCH")!;
    expect(edit.body).toMatchObject({ content: APOLOGY });
    expect(logs.some((l) => l.msg === "command failed" && l.command === "slow")).toBe(true);
  });

  it("given a deferral whose visibility the answer does not share, it replaces the placeholder with a follow-up", async () => {
    setup({ deferAfterMs: 20 });
    await routeSlow(discord.command("flip"));
    expect(discord.callbacks()[0]).toEqual({ type: 5, data: { flags: 0 } });
    expect(discord.requests.some((r) => r.method === "DELETE" && r.path.endsWith("/messages/@original"))).toBe(true);
    const followUp = discord.requests.find((r) => r.method === "POST" && r.path.startsWith("/webhooks/"))!;
    expect(followUp.body).toMatchObject({ content: "only for you", flags: EPHEMERAL });
  });

  it("given an interaction that expired (10062), it logs a warning, does not throw, and keeps serving", async () => {
    setup();
    discord.override = (r) =>
      r.path.endsWith("/callback") ? { status: 404, body: { message: "Unknown interaction", code: 10062 } } : undefined;
    await expect(route(discord.command("ask", { question: "who was Trepper?" }))).resolves.toBeUndefined();
    expect(logs.filter((l) => l.level === "error")).toEqual([]);
    expect(logs.find((l) => l.msg === "interaction expired or already answered")).toMatchObject({ level: "warn", command: "ask" });
    // No second attempt at answering an interaction Discord has forgotten.
    expect(discord.callbacks()).toHaveLength(1);
    discord.override = () => undefined;
    await route(discord.command("about"));
    expect(discord.callbacks()).toHaveLength(2);
  });

  it("given an interaction already acknowledged elsewhere (40060), it is logged quietly", async () => {
    setup();
    discord.override = (r) =>
      r.path.endsWith("/callback")
        ? { status: 400, body: { message: "Interaction has already been acknowledged.", code: 40060 } }
        : undefined;
    await route(discord.command("help"));
    expect(logs.filter((l) => l.level === "error")).toEqual([]);
    expect(logs.some((l) => l.level === "warn" && (l.error as { code?: number }).code === 40060)).toBe(true);
  });

  it("given Discord failing unexpectedly, it logs the error with the command and tries to apologise", async () => {
    setup();
    let calls = 0;
    discord.override = (r) =>
      r.path.endsWith("/callback") && calls++ === 0 ? { status: 400, body: { message: "Invalid Form Body", code: 50035 } } : undefined;
    await route(discord.command("ask", { question: "who was Trepper?" }));
    expect(logs.find((l) => l.msg === "interaction failed")).toMatchObject({
      level: "error",
      command: "ask",
      options: { question: "who was Trepper?" },
    });
    const callbacks = discord.callbacks();
    expect(callbacks).toHaveLength(2);
    expect(callbacks[1]!.data).toMatchObject({ content: APOLOGY, flags: EPHEMERAL });
  });

  it("never logs the interaction token", async () => {
    setup();
    discord.override = (r) =>
      r.path.endsWith("/callback") ? { status: 404, body: { message: "Unknown interaction", code: 10062 } } : undefined;
    const interaction = discord.command("about");
    await route(interaction);
    expect(raw.join("")).not.toContain(interaction.token);
  });
});

describe("router: cooldown", () => {
  it("given a sixth question inside 30 seconds, it answers politely and ephemerally with when to try again", async () => {
    const clock = new FakeClock();
    setup({ clock });
    for (let i = 0; i < 5; i++) {
      await route(discord.command("ask", { question: "who was Trepper?", public: true }));
      clock.advance(1000);
    }
    await route(discord.command("ask", { question: "who was Trepper?", public: true }));
    const last = discord.callbacks().at(-1)!.data!;
    expect(last.flags).toBe(EPHEMERAL);
    expect(String(last.content)).toMatch(/try again in 25 seconds/);
    expect(
      discord
        .callbacks()
        .slice(0, 5)
        .every((c) => (c.data!.embeds as unknown[]).length === 1),
    ).toBe(true);
    // Other commands are not limited.
    await route(discord.command("quote", { paragraph: 3 }));
    expect((discord.callbacks().at(-1)!.data!.embeds as unknown[]).length).toBe(1);
    clock.advance(25_000);
    await route(discord.command("ask", { question: "who was Trepper?" }));
    expect((discord.callbacks().at(-1)!.data!.embeds as unknown[]).length).toBe(1);
  });
});

describe("router: autocomplete", () => {
  it("given typing in /quote text, it responds with at most 25 choices within the limits", async () => {
    setup();
    await route(discord.autocomplete("quote", { text: "Stalin" }, "text"));
    const callback = discord.callbacks()[0]!;
    expect(callback.type).toBe(8); // APPLICATION_COMMAND_AUTOCOMPLETE_RESULT
    const choices = callback.data!.choices as Array<{ name: string; value: string }>;
    expect(choices.length).toBeGreaterThan(0);
    expect(choices.length).toBeLessThanOrEqual(25);
    for (const c of choices) {
      expect(c.name.length).toBeLessThanOrEqual(100);
      expect(c.value.length).toBeLessThanOrEqual(100);
    }
  });

  it("given an autocomplete handler that throws, it still responds, with an empty list", async () => {
    setup();
    await route(discord.autocomplete("boom", { topic: "x" }, "topic"));
    expect(discord.callbacks()).toEqual([{ type: 8, data: { choices: [] } }]);
    expect(logs.some((l) => l.msg === "autocomplete failed" && l.command === "boom")).toBe(true);
  });

  it("given a handler suggesting too many, too long or invalid choices, the router sends at most 25 valid ones", async () => {
    setup();
    await route(discord.autocomplete("sloppy", { q: "x" }, "q"));
    const choices = discord.callbacks()[0]!.data!.choices as Array<{ name: string; value: string }>;
    expect(choices).toHaveLength(25);
    expect(choices.map((c) => c.value)).toEqual(Array.from({ length: 25 }, (_, i) => `v${i}`));
    for (const c of choices) expect(c.name.length).toBeLessThanOrEqual(100);
  });

  it("given autocomplete for an unknown command, it responds with an empty list", async () => {
    setup();
    await route(discord.autocomplete("nope", { q: "x" }, "q"));
    expect(discord.callbacks()).toEqual([{ type: 8, data: { choices: [] } }]);
  });
});

describe("router: buttons", () => {
  it("given a click on More results, it answers ephemerally with the next passage", async () => {
    setup();
    await route(
      discord.button(
        componentId({
          kind: "more",
          offset: 1,
          count: 1,
          refs: [48, 47, 49].map((paragraph) => ({ doc: REVIEW, paragraph })),
          question: "who was Trepper?",
        }),
      ),
    );
    const data = discord.callbacks()[0]!.data!;
    expect(data.flags).toBe(EPHEMERAL);
    expect((data.embeds as Array<{ fields: Array<{ name: string }> }>)[0]!.fields[0]!.name).toBe("¶47 · Heroic opposition");
  });

  it("given a click on Post to channel, it posts publicly, naming the member without pinging", async () => {
    setup();
    await route(discord.button(postButton(REVIEW, 42)));
    const data = discord.callbacks()[0]!.data!;
    expect(data.flags).toBeUndefined();
    expect(data.content).toBe(`<@${MEMBER.id}> shared ¶42 · Heroic opposition:`);
    expect(data.allowed_mentions).toEqual({ parse: [], replied_user: false });
    expect(discord.requests.every((r) => !r.path.includes(`/channels/${CHANNEL_ID}/messages`))).toBe(true);
  });

  it("given a click on Show context, it answers with the neighbouring paragraphs", async () => {
    setup();
    await route(discord.button(contextButton(REVIEW, 30)));
    const data = discord.callbacks()[0]!.data!;
    expect((data.embeds as Array<{ fields: Array<{ name: string }> }>)[0]!.fields.map((f) => f.name)).toEqual([
      "¶29 · \\[Who was Stalin?\\]",
      "▶ ¶30 · Purge trials",
      "¶31 · Purge trials",
    ]);
  });

  it.each(["gone:1", "ask:more:zzz", "ctx:koba-the-dread-review:999", contextButton(REVIEW, 999), "x".repeat(100)])(
    "given a stale button %s, it answers kindly and ephemerally",
    async (id) => {
      setup();
      await route(discord.button(id));
      expect(discord.callbacks()[0]!.data).toMatchObject({ content: STALE_BUTTON, flags: EPHEMERAL });
    },
  );

  it("given a button posted by an older version of the bot, it answers kindly before any handler and logs why", async () => {
    setup();
    // A "More results" of version 1, which named documents by position: never read as a current id.
    await route(discord.button("ask:more:1:1:48,47,49:who was Trepper?"));
    expect(discord.callbacks()[0]!.data).toMatchObject({ content: STALE_BUTTON, flags: EPHEMERAL });
    expect(logs.find((l) => l.msg === "stale button")).toMatchObject({
      why: "older version",
      customId: "ask:more:1:1:48,47,49:who was Trepper?",
    });
  });

  it("given a button handler that fails, the user gets an apology and the error is logged", async () => {
    setup();
    await route(discord.button(`boom:${CUSTOM_ID_VERSION}:1`));
    expect(discord.callbacks()[0]!.data).toMatchObject({ content: APOLOGY, flags: EPHEMERAL });
    expect(logs.find((l) => l.msg === "button failed")).toMatchObject({
      level: "error",
      command: "boom",
      customId: `boom:${CUSTOM_ID_VERSION}:1`,
    });
  });
});

describe("dispatcher: what counts against the member cooldown", () => {
  const member: Origin = { user: { id: "123456789012345678", name: "Rosa" }, guildId: "987654321098765432" };
  function dispatcher(publicHere = false): Dispatcher {
    return new Dispatcher({
      registry,
      search: realSearch(),
      config: defaultConfig({ publicGuildIds: new Set(publicHere ? [member.guildId!] : []) }),
      logger: captureLogger().logger,
      clock: new FakeClock(),
    });
  }

  it("given twenty Post to channel clicks by one member, five passages are posted and the rest are told to wait", async () => {
    const d = dispatcher();
    const replies = [];
    for (let i = 0; i < 20; i++) replies.push(await d.button(postButton(realSearch().primary.meta.id, 42), member));
    expect(replies.filter((r) => !r.ephemeral)).toHaveLength(5);
    expect(
      replies.slice(5).every((r) => r.ephemeral && /^You are posting quickly: 5 questions or posts every 30 seconds/.test(r.content ?? "")),
    ).toBe(true);
  });

  it("given a post after five questions, the post waits: questions and posts share one allowance", async () => {
    const d = dispatcher();
    for (let i = 0; i < 5; i++) await d.command("ask", { question: "who was Trepper?" }, member);
    expect((await d.button(postButton(realSearch().primary.meta.id, 42), member)).content).toMatch(/posting quickly/);
  });

  it("given /quote in a server whose replies are public, the sixth quote in 30 seconds waits; where replies are private, quotes are free", async () => {
    const publicServer = dispatcher(true);
    const quotes = [];
    for (let i = 1; i <= 6; i++) quotes.push(await publicServer.command("quote", { paragraph: i }, member));
    expect(quotes.slice(0, 5).every((r) => r.embeds?.length === 1)).toBe(true);
    expect(quotes[5]!.content).toMatch(/asking quickly/);

    const privateServer = dispatcher(false);
    for (let i = 1; i <= 10; i++) expect((await privateServer.command("quote", { paragraph: i }, member)).embeds).toHaveLength(1);
  });

  it("given questions with no usable words (!!!), they cost no turn: five real questions after ten of them are all answered", async () => {
    const d = dispatcher();
    for (let i = 0; i < 10; i++) expect((await d.command("ask", { question: "!!!" }, member)).content).not.toMatch(/quickly/);
    for (let i = 0; i < 5; i++) expect((await d.command("ask", { question: "who was Trepper?" }, member)).embeds).toHaveLength(1);
  });
});

describe("dispatcher: the handler context", () => {
  it("given a study state read from storage, the context carries every one of its fields", () => {
    setup();
    const study: StudyState = {
      readingPosition: 12,
      discussion: {
        threadId: "t",
        guildId: "g",
        parentId: "c",
        first: 3,
        last: 9,
        name: "Week 1",
        openedBy: "u",
        openedAt: "2026-11-27T00:00:00.000Z",
        promptsShown: 2,
      },
      settings: { ...DEFAULT_SETTINGS, spoilers: "strict" },
    };
    const ctx = dispatcher.context({ user: { id: MEMBER.id, name: "Rosa" }, guildId: "g" }, study);
    expect(ctx).toMatchObject(study);
  });
});
