/**
 * The unanswered-questions log through the real dispatcher, the real index and a real (in-memory
 * SQLite) database: declined questions and 👎 are logged per server; /unanswered groups them by
 * similar wording for the organisers; "Ask the group" posts a declined question to the channel.
 */
import { PermissionFlagsBits } from "discord.js";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { groupQuestions } from "../../commands/unanswered.ts";
import { defaultConfig } from "../../src/bot/config.ts";
import { Dispatcher, type Origin } from "../../src/bot/router.ts";
import type { Reply } from "../../src/bot/types.ts";
import { Storage } from "../../src/storage/index.ts";
import {
  buttonLabels,
  customIds,
  expectWithinLimits,
  FakeClock,
  realRegistry,
  realDispatcher,
  visibleText,
  componentId,
} from "../bot/helpers.ts";
import { parseComponentId } from "../../src/bot/custom-ids.ts";

const GUILD = "910000000000000001";
const OTHER_GUILD = "910000000000000002";
const ORGANISER = PermissionFlagsBits.ManageGuild | PermissionFlagsBits.SendMessages;
const MEMBER = PermissionFlagsBits.SendMessages;
const DAY = 24 * 60 * 60 * 1000;

let store: Storage;
let clock: FakeClock;
let dispatcher: Dispatcher;

beforeEach(async () => {
  store = await Storage.open({ path: ":memory:" });
  clock = new FakeClock(Date.parse("2026-11-27T10:00:00Z"));
  dispatcher = await realDispatcher({ config: { ...defaultConfig(), cooldown: { limit: 1000, seconds: 30 } }, store, clock });
});
afterEach(() => store.close());

function origin(over: Partial<Origin> = {}): Origin {
  return {
    user: { id: "910000000000000009", name: "Rosa" },
    guildId: GUILD,
    channel: { id: "910000000000000003", parentId: null, isThread: false },
    memberPermissions: MEMBER,
    ...over,
  };
}

const ask = (question: string, over: Partial<Origin> = {}) => dispatcher.command("ask", { question }, origin(over));
const unanswered = (over: Partial<Origin> = {}) => dispatcher.command("unanswered", {}, origin({ memberPermissions: ORGANISER, ...over }));

function idStarting(reply: Reply, prefix: string): string {
  const id = customIds(reply).find((c) => c.startsWith(prefix));
  if (!id) throw new Error(`no ${prefix} button on ${JSON.stringify(customIds(reply))}`);
  return id;
}

describe("/unanswered", () => {
  it("given a member without Manage Server, it refuses naming /unanswered (Discord hides it; the dispatcher re-checks)", async () => {
    const reply = await unanswered({ memberPermissions: MEMBER });
    expect(reply.content).toBe("Only organisers (members with the Manage Server permission) can use /unanswered.");
    const json = (await realRegistry()).toJSON() as { name: string; default_member_permissions?: string | null }[];
    expect(json.find((c) => c.name === "unanswered")?.default_member_permissions).toBe("32");
  });

  it("given nothing declined, it says so", async () => {
    await ask("what happened to Trotsky's family?");
    expect((await unanswered()).content).toMatch(/^Nothing unanswered in the last 30 days/);
  });

  it("after a few declined questions and a 👎, it lists the most asked first, grouped by similar wording, with counts and comments, naming no one", async () => {
    await ask("what is the capital of Australia?");
    await ask("whats the capital of australia", { user: { id: "910000000000000010", name: "Nadia" } });
    await ask("Capital of Australia?");
    await ask("who won the football world cup?");
    const answered = await ask("what happened to Trotsky's family?");
    const down = idStarting(answered, "vote:v2:down:");
    await dispatcher.button(down, origin());
    const answerId = parseComponentId(down, "vote")!.answerId;
    await dispatcher.modal(componentId({ kind: "wanted", answerId }), { wanted: "the year he died" }, origin());
    await ask("what is the capital of Australia?", { guildId: OTHER_GUILD }); // another server's log

    const reply = await unanswered();
    expect(reply.ephemeral).toBe(true);
    expect(reply.allowedMentions).toEqual({ parse: [], replied_user: false });
    const text = visibleText(reply);
    const lines = text.split("\n").filter((l) => /^\d+\./.test(l));
    expect(lines[0]).toMatch(/^1\. “.*capital of australia.*” — asked 3× · declined 3×$/i);
    expect(lines.some((l) => /world cup.*asked 1× · declined 1×/.test(l))).toBe(true);
    expect(lines.some((l) => /Trotsky's family.*asked 1× · 👎 1/.test(l))).toBe(true);
    expect(text).toContain("looking for: “the year he died”");
    expect(text).toContain("5 questions in 3 groups");
    expect(text).not.toMatch(/Rosa|Nadia|910000000000000009|910000000000000010/);
    expectWithinLimits(reply);
  });

  it("given questions to the bot itself (help, how to use it, a command's name), they are no gap in the review: not listed, no Ask the group", async () => {
    for (const question of ["help", "how do I use this bot?", "how does /quote work?"]) {
      const reply = await ask(question);
      expect(reply.content).toMatch(/^That is a question about the bot, not the review: \/help/);
      expect(buttonLabels(reply)).not.toContain("Ask the group");
    }
    await ask("who won the football world cup?");
    const text = visibleText(await unanswered());
    expect(text).toContain("world cup");
    expect(text).not.toMatch(/help|this bot|\/quote/);
    expect(text).toContain("1 question in 1 group");
  });

  it("leaves out what is older than 30 days", async () => {
    await ask("who won the football world cup?");
    clock.advance(31 * DAY);
    await ask("what is the capital of Australia?");
    const text = visibleText(await unanswered());
    expect(text).toContain("capital of Australia");
    expect(text).not.toContain("world cup");
  });

  it("groups by similar wording, not only by identical wording", () => {
    const at = (i: number) => `2026-11-2${i}T10:00:00.000Z`;
    const entry = (question: string, i: number) => ({
      askId: `a${i}`,
      question,
      askedAt: at(i),
      declined: true,
      downVotes: 0,
      comments: [],
    });
    const groups = groupQuestions([
      entry("When was Trotsky's grandson born?", 1),
      entry("when was trotskys grandson born", 2),
      entry("What did Orwell think?", 3),
      entry("Trotsky grandson born when?", 4),
    ]);
    expect(groups.map((g) => [g.asked, g.wording])).toEqual([
      [3, "Trotsky grandson born when?"],
      [1, "What did Orwell think?"],
    ]);
  });
});

describe("Ask the group", () => {
  it("given a declined question, the reply offers Ask the group, which posts the question to the channel escaped, pinging and naming no one", async () => {
    const declined = await ask("who won the **football** world cup? @everyone <@910000000000000010>");
    expect(buttonLabels(declined)).toContain("Ask the group");
    const posted = await dispatcher.button(idStarting(declined, "group:"), origin({ user: { id: "910000000000000011", name: "Lev" } }));
    expect(posted.ephemeral).toBe(false);
    expect(posted.allowedMentions).toEqual({ parse: [], replied_user: false });
    expect(posted.content).toMatch(/^\*\*A question for the group\*\*/);
    expect(posted.content).toContain("\\*\\*football\\*\\*");
    expect(posted.content).not.toContain("@everyone");
    expect(posted.content).not.toContain("<@910000000000000010>");
    expect(visibleText(posted)).toContain("who won the **football** world cup?");
    expect(posted.content).not.toMatch(/Lev|Rosa/);
  });

  it("given an answered question, there is no Ask the group", async () => {
    expect(buttonLabels(await ask("what happened to Trotsky's family?"))).not.toContain("Ask the group");
  });

  it("a button for a question of another server gets the stale reply", async () => {
    const declined = await ask("who won the football world cup?");
    const reply = await dispatcher.button(idStarting(declined, "group:"), origin({ guildId: OTHER_GUILD }));
    expect(reply.content).toMatch(/no longer works/);
  });
});
