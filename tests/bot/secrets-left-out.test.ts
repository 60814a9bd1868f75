/**
 * A secret a member pastes is never repeated, listed or stored: through the real dispatcher, the
 * real commands and index, and a real SQLite database in a file, every path a member's text takes
 * (options, the 👎 form, a right-clicked message, autocomplete, a button id, the console's line)
 * is checked for any piece of the secret in the replies, the log lines and the database's bytes.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { PassThrough } from "node:stream";
import { PermissionFlagsBits } from "discord.js";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FIND_NAME } from "../../commands/find.ts";
import { defaultConfig } from "../../src/bot/config.ts";
import { runConsole } from "../../src/bot/console.ts";
import { parseComponentId } from "../../src/bot/custom-ids.ts";
import type { Dispatcher, Origin } from "../../src/bot/router.ts";
import { SECRET_LEFT_OUT } from "../../src/bot/secrets.ts";
import type { Reply } from "../../src/bot/types.ts";
import { Storage } from "../../src/storage/index.ts";
import { sqliteEngine, type TestEngine } from "../support/databases.ts";
import { fakeSecrets, piecesOf } from "../support/fake-secrets.ts";
import { captureLogger, componentId, customIds, FakeClock, realDispatcher, visibleText } from "./helpers.ts";

const TOKEN = fakeSecrets.discordToken!.secret;
const GITHUB = fakeSecrets.githubClassic!.secret;
const OPENAI = fakeSecrets.openAiProject!.secret;

const GUILD = "920000000000000001";
const MEMBER = PermissionFlagsBits.SendMessages;
const ORGANISER = PermissionFlagsBits.ManageGuild | PermissionFlagsBits.SendMessages;

let engine: TestEngine;
let databasePath: string;
let store: Storage;
let log: ReturnType<typeof captureLogger>;
let dispatcher: Dispatcher;
/** Every reply the test got, whole (content, embeds, button ids, forms). */
let replies: Reply[];

beforeEach(async () => {
  engine = sqliteEngine();
  const options = await engine.fresh(true);
  databasePath = options.path!;
  store = await Storage.open(options);
  log = captureLogger("debug");
  dispatcher = await realDispatcher({
    store,
    logger: log.logger,
    clock: new FakeClock(Date.parse("2026-11-27T10:00:00Z")),
    config: { ...defaultConfig(), cooldown: { limit: 1000, seconds: 30 } },
  });
  replies = [];
});
afterEach(async () => {
  await store.close().catch(() => undefined);
  await engine.dispose();
});

function origin(over: Partial<Origin> = {}): Origin {
  return {
    user: { id: "920000000000000009", name: "Rosa" },
    guildId: GUILD,
    channel: { id: "920000000000000003", parentId: null, isThread: false },
    memberPermissions: MEMBER,
    ...over,
  };
}

/** The reply, kept for {@link expectNowhere}. */
async function seen(pending: Promise<Reply>): Promise<Reply> {
  const reply = await pending;
  replies.push(reply);
  return reply;
}

/** Text shown to the member other than a reply (autocomplete choices, the console's output), kept as one. */
function shown(text: string): void {
  replies.push({ content: text, ephemeral: true, allowedMentions: { parse: [], replied_user: false } });
}

const ask = (question: string, more: Record<string, unknown> = {}) => seen(dispatcher.command("ask", { question, ...more }, origin()));
const unanswered = () => seen(dispatcher.command("unanswered", {}, origin({ memberPermissions: ORGANISER })));

/** The database's files (the file, its journal or WAL), as text: what a stored row would show. */
async function databaseText(): Promise<string> {
  await store.close();
  const dir = dirname(databasePath);
  expect(existsSync(databasePath)).toBe(true);
  return readdirSync(dir)
    .map((name) => join(dir, name))
    .filter((file) => statSync(file).isFile())
    .map((file) => readFileSync(file).toString("latin1"))
    .join("\n");
}

/** No piece of any secret in a reply the test saw, a log line, or (when `stored`) the database. */
async function expectNowhere(secrets: readonly string[], stored = true): Promise<void> {
  const places: [string, string][] = [
    ["a reply", JSON.stringify(replies)],
    ["a log line", log.raw.join("")],
  ];
  if (stored) places.push(["the database", await databaseText()]);
  for (const secret of secrets) {
    for (const piece of piecesOf(secret)) {
      for (const [where, text] of places) expect(text.includes(piece), `“${piece}” of a secret in ${where}`).toBe(false);
    }
  }
}

describe("a secret a member pastes is left out at the dispatcher", () => {
  it("given /ask with a token in a question the review does not answer, a public reply and the log say nothing of it, and the member is told", async () => {
    const reply = await ask(`my token is ${TOKEN} why does the bot not start?`, { public: true });
    expect(reply.ephemeral).toBe(false);
    expect(reply.content?.startsWith(SECRET_LEFT_OUT)).toBe(true);
    await expectNowhere([TOKEN]);
  });

  it("given /ask with a token in a question the review answers, it answers without it and the stored question has none", async () => {
    const reply = await ask(`my token is ${TOKEN} what happened to Trotsky's family?`);
    expect(visibleText(reply)).toMatch(/¶\d+/);
    expect(visibleText(reply)).toContain("Trotsky's family");
    expect(reply.content?.startsWith(SECRET_LEFT_OUT)).toBe(true);
    const vote = customIds(reply).find((id) => id.startsWith("vote:"));
    const asked = await store.loggedAsk(parseComponentId(vote!, "vote")!.answerId);
    expect(asked?.question).toBe("my token is … what happened to Trotsky's family?");
    await expectNowhere([TOKEN]);
  });

  it("given “Ask the group” on a question that held a token, the post to the channel has none of it", async () => {
    const declined = await ask(`the key ${TOKEN} is invalid, what is the capital of Australia?`);
    const group = customIds(declined).find((id) => id.startsWith("group:"));
    expect(group).toBeDefined();
    const post = await seen(dispatcher.button(group!, origin()));
    expect(post.ephemeral).toBe(false);
    expect(post.content).toContain("what is the capital of Australia?");
    await expectNowhere([TOKEN]);
  });

  it("given a button id that carries a secret (made before secrets were left out, or forged), the handler reads it without", async () => {
    const post = await seen(dispatcher.button(componentId({ kind: "group", question: `is ${GITHUB} leaked?` }), origin()));
    expect(post.content).toContain(SECRET_LEFT_OUT);
    expect(post.content).toContain("is … leaked?");
    await expectNowhere([GITHUB]);
  });

  it("given tokens in questions and in the 👎 form, /unanswered and the form's thanks list none of them", async () => {
    await ask(`my token is ${TOKEN} why did the Titanic sink?`);
    await ask(`is ${GITHUB} the right key for the football world cup?`);
    await ask(`which of ${OPENAI} or the capital of Australia?`);
    const answered = await ask("what happened to Trotsky's family?");
    const down = customIds(answered).find((id) => id.startsWith("vote:v2:down:"))!;
    await seen(dispatcher.button(down, origin()));
    const answerId = parseComponentId(down, "vote")!.answerId;
    const thanks = await seen(
      dispatcher.modal(componentId({ kind: "wanted", answerId }), { wanted: `the year he died, my key ${OPENAI} fails` }, origin()),
    );
    expect(thanks.content?.startsWith(SECRET_LEFT_OUT)).toBe(true);
    expect(thanks.content).toContain("the year he died, my key … fails");

    const list = visibleText(await unanswered());
    expect(list).toContain("looking for: “the year he died, my key … fails”");
    expect(list).toContain("world cup");
    expect(list).toContain("4 questions in 4 groups");
    await expectNowhere([TOKEN, GITHUB, OPENAI]);
  });

  it("given /plan with a token where a paragraph goes, the refusal does not quote it", async () => {
    const reply = await seen(dispatcher.command("plan", { paragraph: TOKEN }, origin({ memberPermissions: ORGANISER })));
    expect(reply.content).toContain("must be a whole number");
    expect(log.lines.some((l) => l.msg === "invalid options")).toBe(true);
    await expectNowhere([TOKEN]);
  });

  it("given “Find in the review” on a message holding a token, the private reply does not repeat it", async () => {
    const target = {
      id: "920000000000000100",
      content: `here is my token ${TOKEN} — what happened to Trotsky's family?`,
      authorId: "920000000000000010",
      channelId: "920000000000000003",
    };
    const reply = await seen(dispatcher.messageCommand(FIND_NAME, target, origin()));
    expect(visibleText(reply)).toMatch(/¶\d+/);
    await expectNowhere([TOKEN]);
  });

  it("given a secret typed into /quote's autocomplete, no choice and no log line holds it", async () => {
    const choices = await dispatcher.autocomplete("quote", { name: "text", value: `${GITHUB} Trotsky` }, origin());
    expect(choices.length).toBeGreaterThan(0);
    expect(JSON.stringify(choices)).not.toContain(GITHUB.slice(4, 10));
    shown(JSON.stringify(choices));
    await expectNowhere([GITHUB]);
  });

  it("given a token on a console line, the console's own parser does not echo it, and it says it left it out", async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    let printed = "";
    output.on("data", (chunk: Buffer) => (printed += chunk.toString("utf8")));
    input.end(`/plan paragraph: ${TOKEN}\n/ask my key ${OPENAI} what happened to Trotsky's family?\n`);
    await runConsole({ dispatcher, input, output, interactive: false });
    expect(printed).toContain("“paragraph” takes a whole number such as 3, not “…”");
    expect(printed.split(SECRET_LEFT_OUT)).toHaveLength(3);
    expect(printed).toMatch(/¶\d+/);
    shown(printed);
    await expectNowhere([TOKEN, OPENAI]);
  });
});
