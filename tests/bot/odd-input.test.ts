/**
 * Every command, button and form of the real registry given what new users and mischief type:
 * empty, very long, emoji only, mentions and @everyone, code blocks, zero-width and right-to-left
 * characters, numbers out of range, ids that mean nothing. Whatever the input, the reply is a
 * friendly one (never the error boundary's apology), pings nobody, echoes no live @everyone or
 * @here, and fits Discord's limits.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultConfig } from "../../src/bot/config.ts";
import { PREFIX } from "../../src/bot/custom-ids.ts";
import { PermissionFlagsBits } from "../../src/bot/discord-values.ts";
import type { Registry } from "../../src/bot/registry.ts";
import { APOLOGY } from "../../src/bot/replies.ts";
import { Dispatcher, type Origin } from "../../src/bot/router.ts";
import type { Reply } from "../../src/bot/types.ts";
import { Storage } from "../../src/storage/index.ts";
import { captureLogger, expectWithinLimits, realRegistry, realSearch } from "./helpers.ts";

const GUILD = "930000000000000001";
const CHANNEL = "930000000000000002";

const ODD_TEXT = [
  "",
  "   ",
  "why ".repeat(2000),
  "😀🔥🇺🇦",
  "@everyone",
  "@here",
  "@everyone @here",
  "<@123456789012345678> <@&930000000000000001> <#930000000000000002> @everyone what happened to Trotsky's family?",
  "```js\nconsole.log('@here')\n``` who was Stalin?",
  "**bold** __u__ ~~s~~ ||spoiler|| > quote # heading",
  "who\u200bwas\u200b Trotsky\u200d\u2060\ufeff?",
  "\u202ewho was Stalin\u202c",
  "من هو ستالين؟",
  "\u0000\u0007\u001b[31m\r\n\t",
  "¶99999999999999999999",
  "0",
  "-1",
  "12-99",
  "@everyone-#3",
];

const ODD_INTEGERS = [0, -1, 1, 52, 2 ** 31, Number.MAX_SAFE_INTEGER];

let registry: Registry;
let store: Storage;
let dispatcher: Dispatcher;
let logs: ReturnType<typeof captureLogger>["lines"];

const origin: Origin = {
  user: { id: "930000000000000009", name: "Rosa" },
  guildId: GUILD,
  channel: { id: CHANNEL, parentId: null, isThread: false },
  // An organiser, so the organisers' commands run their handlers too.
  memberPermissions: PermissionFlagsBits.Administrator,
  appPermissions: PermissionFlagsBits.Administrator,
  // Not throttled: the sweep asks hundreds of times.
  local: true,
  threads: { open: () => Promise.resolve({ ok: true, id: "930000000000000010" }) },
};

beforeAll(async () => {
  registry = await realRegistry();
  store = await Storage.open({ path: ":memory:" });
  const captured = captureLogger("warn");
  logs = captured.lines;
  dispatcher = new Dispatcher({ registry, search: realSearch(), config: defaultConfig(), logger: captured.logger, store });
});
afterAll(() => store.close());

/** Everything a reply shows, as sent (markdown and escapes included). */
function sentText(reply: Reply): string {
  const embeds = (reply.embeds ?? []).flatMap((e) => [
    e.title,
    e.description,
    e.footer?.text,
    ...(e.fields ?? []).flatMap((f) => [f.name, f.value]),
  ]);
  const labels = (reply.components ?? []).flatMap((row) => row.components.map((c) => ("label" in c ? c.label : undefined)));
  return [reply.content, ...embeds, ...labels].filter((t) => t !== undefined).join("\n");
}

function expectFriendly(reply: Reply, what: string): void {
  expect(reply.content, what).not.toBe(APOLOGY);
  expect(sentText(reply), what).not.toMatch(/@(?:everyone|here)/i);
  expectWithinLimits(reply);
}

describe("odd input, every command", () => {
  it.each([
    ["odd text in each text option", "string", ODD_TEXT],
    ["numbers out of range in each number option", "integer", ODD_INTEGERS],
  ] as const)("given %s, each command answers friendly, pings nobody and fits", async (_what, type, values) => {
    for (const command of registry.commands.values()) {
      const names = Object.entries(command.options).flatMap(([name, spec]) => (spec.type === type ? [name] : []));
      for (const name of names) {
        for (const value of values) {
          const what = `/${command.data.name} ${name}: ${value}`;
          expectFriendly(await dispatcher.command(command.data.name, { [name]: value }, origin), what);
        }
      }
    }
    expect(logs.filter((l) => l.level === "error")).toEqual([]);
  });

  it("given a right-clicked message of odd text, each message command answers friendly and fits", async () => {
    for (const name of registry.messageCommands.keys()) {
      for (const content of ODD_TEXT) {
        const target = { id: "930000000000000011", content, authorId: "930000000000000012", channelId: CHANNEL };
        expectFriendly(await dispatcher.messageCommand(name, target, origin), `${name}: ${content}`);
      }
    }
    expect(logs.filter((l) => l.level === "error")).toEqual([]);
  });

  it("given button and form ids that mean nothing, each is answered friendly and fits", async () => {
    const bodies = [
      "",
      ":",
      "x",
      "-1",
      "koba-the-dread-review#0",
      "nope#3",
      "99999999999999999999",
      "1:2:",
      "up:zz",
      "1:999:#1,2",
      "@everyone",
    ];
    for (const prefix of Object.values(PREFIX)) {
      for (const body of bodies) {
        for (const id of [`${prefix}:v2:${body}`, `${prefix}:${body}`, `${prefix}:v1:${body}`]) {
          expectFriendly(await dispatcher.button(id, origin), `button ${id}`);
          expectFriendly(await dispatcher.modal(id, { wanted: "@everyone ```x```" }, origin), `form ${id}`);
        }
      }
    }
    expect(logs.filter((l) => l.level === "error")).toEqual([]);
  });
});
