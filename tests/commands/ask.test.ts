import { describe, expect, it } from "vitest";
import { reasonText } from "../support/reason.ts";
import ask, { DEFAULT_RESULTS } from "../../commands/ask.ts";
import { encodeComponentId, parseComponentId } from "../../src/bot/custom-ids.ts";
import { defaultConfig } from "../../src/bot/config.ts";
import { STALE_BUTTON } from "../../src/bot/replies.ts";
import type { Reply } from "../../src/bot/types.ts";
import {
  buttonLabels,
  contextButton,
  customIds,
  DISCORD,
  expectWithinLimits,
  GUILD,
  makeContext,
  postButton,
  realSearch,
  visibleText,
} from "../bot/helpers.ts";

const search = realSearch();
const meta = search.primary.meta;

function run(options: Parameters<typeof ask.execute>[0], ctx = makeContext()): Reply {
  const reply = ask.execute(options, ctx);
  if (reply instanceof Promise) throw new Error("ask is synchronous");
  return reply;
}

function click(customId: string, ctx = makeContext()): Reply {
  const handler = ask.buttons?.ask;
  if (!handler) throw new Error("ask has no button handler");
  const reply = handler(customId, ctx);
  if (reply instanceof Promise) throw new Error("the button is synchronous");
  return reply;
}

describe("/ask definition", () => {
  it("declares question (required, at most 300), results (integer 1-5) and public (boolean)", () => {
    const json = ask.data.toJSON() as { name: string; options: Array<Record<string, unknown>> };
    expect(json.name).toBe("ask");
    expect(json.options).toEqual([
      expect.objectContaining({ name: "question", type: 3, required: true, max_length: 300 }),
      expect.objectContaining({ name: "results", type: 4, required: false, min_value: 1, max_value: 5 }),
      expect.objectContaining({ name: "public", type: 5, required: false }),
    ]);
  });
});

describe("/ask", () => {
  it("given control characters and terminal escapes in the question, the reply echoes it without them", () => {
    const reply = run({ question: "what happened to \u001b]2;PWNED\u0007\u001b[2JTrot\u00adsky's\u0000 family?" });
    const text = JSON.stringify(reply);
    expect(visibleText(reply)).toContain("“what happened to Trotsky's family?”");
    expect(text).not.toMatch(/\\u00(?:0|1)[0-9a-f]|PWNED|\u00ad/);
    // eslint-disable-next-line no-control-regex
    expect(customIds(reply).join(" ")).not.toMatch(/[\u0000-\u001f]/);
  });

  it("given a question in French, says the review is in English", () => {
    expect(visibleText(run({ question: "Qu'est-il arrivé à la famille de Trotsky ?" }))).toMatch(/review is in English/);
  });

  it("given a question the review answers, ask quotes the passage with the answering sentence in bold, cited, with the review in the footer", () => {
    const reply = run({ question: "what happened to Trotsky's family?" });
    expectWithinLimits(reply);
    const embed = reply.embeds![0]!;
    expect(embed.title).toBe("“what happened to Trotsky's family?”");
    expect(embed.fields).toHaveLength(DEFAULT_RESULTS);
    const field = embed.fields![0]!;
    expect(field.name).toBe("¶42 · Heroic opposition");
    const answer = search.ask("what happened to Trotsky's family?").results[0]!;
    expect(field.value).toContain(`**${answer.excerpt}**`);
    // The whole paragraph is there, verbatim.
    expect(visibleText(reply)).toContain(answer.text.replace(answer.excerpt, `»${answer.excerpt}«`));
    expect(embed.footer!.text).toBe(`${meta.title} · ${meta.date}`);
    expect(embed.footer!.text).toContain("October 2002");
  });

  it("given results: 3, ask shows three cited passages and offers the remaining ones", () => {
    const reply = run({ question: "who was Leopold Trepper?", results: 3 });
    expectWithinLimits(reply);
    const fields = reply.embeds![0]!.fields!;
    expect(fields).toHaveLength(3);
    for (const f of fields) expect(f.name).toMatch(/^¶\d+( · .+)?$/);
    expect(buttonLabels(reply)[0]).toMatch(/^More results \(\d more\)$/);
    for (const id of customIds(reply)) expect(id.length).toBeLessThanOrEqual(DISCORD.customId);
  });

  it.each([
    ["paras 12-14 of the review", ["¶12", "¶13", "¶14"]],
    ["what did Amis say about Lenin and what happened in Spain?", ["¶14", "¶33"]],
  ])("given %j, shows at once the paragraphs named together, or each part's best, whatever the default count", (question, cited) => {
    const reply = run({ question });
    expectWithinLimits(reply);
    expect(reply.embeds![0]!.fields!.map((f) => f.name.split(" ")[0])).toEqual(cited);
  });

  it("given a question about someone the review names but a fact it does not give, ask declines plainly and offers the closest passages as maybe related", () => {
    const question = "how many children did Lenin have";
    const answer = search.ask(question, { limit: 5 });
    expect(answer.answered).toBe(false);
    const reply = run({ question });
    expectWithinLimits(reply);
    const embed = reply.embeds![0]!;
    expect(visibleText(reply)).toContain(reasonText(answer));
    expect(embed.description).toMatch(/Maybe related:$/);
    expect(embed.fields![0]!.name).toBe(`¶${answer.results[0]!.paragraph} · ${answer.results[0]!.section}`);
  });

  it("given a question the review matches in a word at most (best pizza recipe), ask declines plainly with nothing as maybe related", () => {
    const question = "what is the best pizza recipe?";
    const answer = search.ask(question, { limit: 5 });
    expect(answer.answered).toBe(false);
    expect(answer.results).toEqual([]);
    const reply = run({ question });
    expectWithinLimits(reply);
    expect(visibleText(reply)).toContain(reasonText(answer));
    expect(visibleText(reply)).not.toContain("Maybe related");
  });

  it("given a question with no words to search for, ask says so privately, without an embed", () => {
    const reply = run({ question: "??? !!!", public: true });
    expectWithinLimits(reply);
    expect(reply.embeds).toBeUndefined();
    expect(reply.content).toMatch(/no words/i);
    expect(reply.ephemeral).toBe(true);
  });

  it.each(["42", "¶42", "p. 42"])("given only a paragraph number (%j), ask says privately that /quote reads it", (question) => {
    const reply = run({ question, public: true });
    expect(reply.content).toBe("To read ¶42, use /quote 42: /ask takes a question.");
    expect(reply.ephemeral).toBe(true);
  });

  it("by default the answer is ephemeral and offers Show context and Post to channel", () => {
    const reply = run({ question: "who was Trepper?" });
    expect(reply.ephemeral).toBe(true);
    const ids = customIds(reply);
    const n = Number(reply.embeds![0]!.fields![0]!.name.match(/^¶(\d+)/)![1]);
    expect(ids).toContain(contextButton(meta.id, n));
    expect(ids).toContain(postButton(meta.id, n));
  });

  it("given public: true, the answer is public and has no Post button", () => {
    const reply = run({ question: "who was Trepper?", public: true });
    expect(reply.ephemeral).toBe(false);
    expect(customIds(reply).some((id) => id.startsWith("post:"))).toBe(false);
  });

  it("given a server listed in PUBLIC_GUILD_IDS, answers are public unless public: false", () => {
    const ctx = makeContext({ config: defaultConfig({ publicGuildIds: new Set([GUILD]) }) });
    expect(run({ question: "who was Trepper?" }, ctx).ephemeral).toBe(false);
    expect(run({ question: "who was Trepper?", public: false }, ctx).ephemeral).toBe(true);
    expect(ask.isPublic!({ question: "x" }, ctx)).toBe(true);
    expect(run({ question: "who was Trepper?" }, makeContext({ guildId: null })).ephemeral).toBe(true);
  });

  it("given a question full of mentions and markdown, nobody is pinged and the echo shows literally", () => {
    const question = "@everyone @here <@123456789012345678> <@&456> **why** did Trotsky _oppose_ Stalin? # really";
    const reply = run({ question, public: true });
    expectWithinLimits(reply);
    expect(reply.allowedMentions).toEqual({ parse: [], replied_user: false });
    const title = reply.embeds![0]!.title!;
    expect(title).not.toMatch(/@(everyone|here)/);
    expect(title).toContain("@\u200beveryone");
    expect(title).toContain("\\<@123456789012345678\\>");
    expect(title).toContain("\\<@&456\\>");
    expect(title).toContain("\\*\\*why\\*\\*");
    expect(visibleText(reply)).toContain(question.replace(/@(everyone|here)/g, "@$1"));
  });

  it.each([
    ["a custom emoji", "<:thinking_pepe:123456789012345678> who was Trepper?"],
    ["a link", "who was Trepper? https://example.com/abc"],
    ["a mention and a timestamp", "<@123456789012345678> who was Trepper? <t:1700000000:R>"],
    ["a code block", "```txt\nnotes```who was Trepper?"],
  ])("given %s beside the question, /ask answers the question and echoes it as asked", (_what, question) => {
    const reply = run({ question });
    expect(reply.embeds![0]!.fields![0]!.name).toMatch(/^¶48 · /);
    expect(reply.embeds![0]!.description).toBeUndefined();
    expect(visibleText(reply)).toContain(question.replace(/\s+/g, " ").slice(0, 30));
  });

  it("given only Discord syntax (an emoji, a link), there is nothing to look up and it costs no turn", () => {
    for (const question of ["<:thinking:123456789012345678>", "https://example.com/abc"]) {
      expect(run({ question }).content).toMatch(/^There is nothing to look up: type a question/);
      const counts = ask.cooldown;
      expect(typeof counts === "function" && counts({ question }, makeContext())).toBe(false);
    }
    const counts = ask.cooldown;
    expect(typeof counts === "function" && counts({ question: "who was Trepper?" }, makeContext())).toBe(true);
  });

  it("given many questions, every reply fits Discord's limits", () => {
    const questions = [
      "what happened to Trotsky's family?",
      "who was Stalin?",
      "what were the purge trials?",
      "did Lenin oppose Stalin?",
      "what does the Guardian say?",
      "who is Christopher Hitchens?",
      "x".repeat(300),
      "why ".repeat(75),
      "Koba",
    ];
    for (const question of questions) {
      for (const results of [1, 3, 5]) {
        for (const isPublic of [true, false]) expectWithinLimits(run({ question, results, public: isPublic }));
      }
    }
  });
});

describe("/ask More results button", () => {
  it("given a click on More results, it shows the next passage, cited, with its answering sentence in bold", () => {
    const question = "who was Leopold Trepper?";
    const first = run({ question, results: 1 });
    const moreId = customIds(first).find((id) => parseComponentId(id, "more"))!;
    const answer = search.ask(question, { limit: 5 });
    const next = click(moreId);
    expectWithinLimits(next);
    expect(next.ephemeral).toBe(true);
    const field = next.embeds![0]!.fields![0]!;
    expect(field.name.startsWith(`¶${answer.results[1]!.paragraph}`)).toBe(true);
    expect(field.value).toContain(`**`);
    expect(next.embeds![0]!.description).toBe(`Passage 2 of ${answer.results.length}:`);
    expect(next.embeds![0]!.footer!.text).toContain(meta.date!);
  });

  it("given repeated clicks, it pages through every passage and then stops offering more", () => {
    const question = "what happened to Trotsky's family?";
    const seen: string[] = [];
    let reply = run({ question, results: 2 });
    for (let i = 0; i < 5; i++) {
      seen.push(...reply.embeds![0]!.fields!.map((f) => f.name));
      const moreId = customIds(reply).find((id) => parseComponentId(id, "more"));
      if (!moreId) break;
      reply = click(moreId);
    }
    const expected = search.ask(question, { limit: 5 }).results.map((r) => `¶${r.paragraph}`);
    expect(seen.map((s) => s.split(" ")[0])).toEqual(expected);
  });

  it("given a page of several passages, its heading names their range; a page of one names just it", () => {
    const question = "what happened to Trotsky's family?";
    const total = search.ask(question, { limit: 5 }).results.length;
    expect(total).toBe(5);
    const second = click(customIds(run({ question, results: 2 })).find((id) => parseComponentId(id, "more"))!);
    expect(second.embeds![0]!.description).toBe("Passages 3–4 of 5:");
    const last = click(customIds(second).find((id) => parseComponentId(id, "more"))!);
    expect(last.embeds![0]!.description).toBe("Passage 5 of 5:");
  });

  it("given a question too long to fit in the button, More results still works, without bold", () => {
    const question = `${"tell me about Trotsky and his family and what Stalin did ".repeat(4)}?`;
    const first = run({ question, results: 1 });
    const moreId = customIds(first).find((id) => parseComponentId(id, "more"))!;
    expect(moreId.length).toBeLessThanOrEqual(DISCORD.customId);
    expect(parseComponentId(moreId, "more")!.question).toBeNull();
    const next = click(moreId);
    expectWithinLimits(next);
    expect(next.embeds![0]!.title).toBe("More results");
    expect(next.embeds![0]!.fields![0]!.name).toMatch(/^¶\d+/);
  });

  it("given an answer, its More results button names every ranked passage by document id, in rank order, with the question", () => {
    const question = "who was Leopold Trepper?";
    const moreId = customIds(run({ question, results: 1 })).find((id) => parseComponentId(id, "more"))!;
    const ranked = search.ask(question, { limit: 5 }).results.map((r) => ({ doc: r.doc, paragraph: r.paragraph }));
    expect(parseComponentId(moreId, "more")).toEqual({ kind: "more", offset: 1, count: 1, refs: ranked, question });
  });

  it.each([
    // Ids from the version before (documents by position), and garbled ones.
    "ask:more:1:2:42,4,46:who: me?",
    "ask:v2:1:1:koba-the-dread-review#99999",
    "ask:v2:1:1:no-such-document#4",
    "ask:v2:1:1:42",
    "ask:more",
    "ask:more:x:1:42",
    "ask:more:1:0:42",
    "ask:more:1:1:",
    "ask:more:1:1:42,,4",
    "ask:less:1:1:42",
    "ask:more:1:1:99999",
    "ask:more:1:1:7.42",
  ])("given a stale or malformed id %s, it answers kindly and ephemerally", (id) => {
    const reply = click(id);
    expect(reply.ephemeral).toBe(true);
    expect(reply.content).toBe(STALE_BUTTON);
    expectWithinLimits(reply);
  });

  it("given an offset past the end, it says there is nothing more", () => {
    const refs = [42, 4, 46].map((paragraph) => ({ doc: meta.id, paragraph }));
    const reply = click(encodeComponentId({ kind: "more", offset: 3, count: 1, refs, question: null })!);
    expect(reply.content).toMatch(/no more passages/);
  });
});
