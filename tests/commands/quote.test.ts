import { describe, expect, it } from "vitest";
import quote, { choiceName, choiceValue, suggest } from "../../commands/quote.ts";
import { parseDocument } from "../../src/corpus/load.ts";
import { defaultConfig } from "../../src/bot/config.ts";
import { markdownToPlain } from "../../src/bot/markdown.ts";
import { STALE_BUTTON } from "../../src/bot/replies.ts";
import type { Choice, HandlerContext, Reply } from "../../src/bot/types.ts";
import { loadCorpus, ReviewSearch } from "../../src/search/index.ts";
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
  USER,
  visibleText,
} from "../bot/helpers.ts";

const search = realSearch();
const doc = search.primary;
const last = doc.paragraphs.length;

function run(options: Parameters<typeof quote.execute>[0], ctx: HandlerContext = makeContext()): Reply {
  const reply = quote.execute(options, ctx);
  if (reply instanceof Promise) throw new Error("quote is synchronous");
  return reply;
}

function complete(value: string, ctx: HandlerContext = makeContext()): Choice[] {
  return suggest({ name: "text", value }, ctx);
}

function click(customId: string, ctx: HandlerContext = makeContext()): Reply {
  const prefix = customId.split(":")[0]!;
  const handler = quote.buttons?.[prefix];
  if (!handler) throw new Error(`no handler for ${prefix}`);
  const reply = handler(customId, ctx);
  if (reply instanceof Promise) throw new Error("buttons are synchronous");
  return reply;
}

describe("/quote of a reading that is not there", () => {
  it.each(["nope#3", "Week-9:2", "chapter: 4"])("given %s, it says there is no such reading and how to quote", (text) => {
    const name = text.split(/[#:]/)[0]!;
    expect(run({ text }).content).toBe(
      `There is no reading called “${name}”. Quote the review by number: \`/quote text: 12\` or \`/quote paragraph: 12\`.`,
    );
  });

  it("given a reading's own id, or a phrase with a colon, it quotes as before", () => {
    expect(run({ text: `${doc.meta.id}#42` }).embeds![0]!.title).toMatch(/^¶42 · /);
    expect(run({ text: "12:30" }).content).not.toMatch(/no reading called/);
  });
});

describe("/quote definition", () => {
  it("declares paragraph (integer, its range checked by the command, which knows the paragraphs) and text (autocompleted string)", () => {
    const json = quote.data.toJSON() as { options: Array<Record<string, unknown>> };
    expect(json.options[0]?.min_value).toBeUndefined();
    expect(json.options).toEqual([
      expect.objectContaining({ name: "paragraph", type: 4, required: false }),
      expect.objectContaining({ name: "text", type: 3, required: false, autocomplete: true, max_length: 200 }),
    ]);
  });
});

describe("/quote", () => {
  it.each([0, -3, last + 1])("given paragraph %i, says the review has no such paragraph, as /context does", (n) => {
    expect(run({ paragraph: n }).content).toBe(`There is no ¶${n}: the review has paragraphs 1 to ${last}.`);
  });

  it("given both a paragraph number and a phrase, asks for one of them instead of ignoring the phrase", () => {
    const reply = run({ paragraph: 12, text: "paid a terrible personal price" });
    expect(reply.ephemeral).toBe(true);
    expect(visibleText(reply)).toMatch(/either a paragraph number or a phrase, not both/);
    expect(reply.embeds ?? []).toEqual([]);
  });

  it("given a paragraph number, it quotes that paragraph verbatim with its citation and the review in the footer", () => {
    const reply = run({ paragraph: 42 });
    expectWithinLimits(reply);
    const embed = reply.embeds![0]!;
    const p = search.paragraph(doc.meta.id, 42)!;
    expect(embed.title).toBe("¶42 · Heroic opposition");
    expect(markdownToPlain(embed.description!)).toBe(p.text);
    expect(embed.description).not.toContain("**");
    expect(embed.footer!.text).toBe(`${doc.meta.title} · ${doc.meta.date}`);
  });

  it("given a remembered phrase, it finds the paragraph and marks the phrase in bold", () => {
    const reply = run({ text: "paid a terrible personal price" });
    expectWithinLimits(reply);
    const embed = reply.embeds![0]!;
    expect(embed.title).toBe("¶42 · Heroic opposition");
    expect(embed.description).toMatch(/\*\*[^*]*paid a terrible personal price[^*]*\*\*/);
    expect(markdownToPlain(embed.description!).replace(/[»«]/g, "")).toBe(search.paragraph(doc.meta.id, 42)!.text);
  });

  it("given a phrase with a word changed and different quotes, it still finds it", () => {
    const reply = run({ text: "Trotsky paid a terrible price for his unbending opposition" });
    expect(reply.embeds![0]!.title).toBe("¶42 · Heroic opposition");
  });

  it("given a paragraph in a section whose heading was supplied, the citation shows the brackets literally", () => {
    const section = doc.sections.find((s) => s.supplied)!;
    const reply = run({ paragraph: section.first });
    const title = reply.embeds![0]!.title!;
    expect(title).toBe(`¶${section.first} · ${section.title!.replace(/[[\]]/g, "\\$&")}`);
    expect(markdownToPlain(title)).toBe(`¶${section.first} · ${section.title}`);
  });

  it("given neither option, it explains how to ask, ephemerally", () => {
    for (const options of [{}, { text: "   " }]) {
      const reply = run(options);
      expectWithinLimits(reply);
      expect(reply.ephemeral).toBe(true);
      expect(reply.content).toMatch(/paragraph number/);
      expect(reply.content).toMatch(/phrase you remember/);
    }
  });

  it("given a number past the end, it says which paragraphs exist", () => {
    for (const options of [{ paragraph: last + 1 }, { paragraph: 9999 }, { text: `¶${last + 1}` }]) {
      const reply = run(options);
      expectWithinLimits(reply);
      expect(reply.ephemeral).toBe(true);
      expect(reply.content).toContain(`1 to ${last}`);
    }
  });

  it("given a phrase that is not in the review, it says so and offers what comes close, or a hint", () => {
    const reply = run({ text: "the quick brown fox jumps over the lazy dog" });
    expectWithinLimits(reply);
    expect(visibleText(reply)).toMatch(/No passage of the review reads like that/);
  });

  it("given a chosen suggestion's value, it shows exactly that paragraph, whatever the user typed before", () => {
    for (const n of [1, 17, 42, last]) {
      const reply = run({ text: `¶${n}` });
      expect(reply.embeds![0]!.title!.startsWith(`¶${n}`)).toBe(true);
    }
  });

  it("ephemeral replies offer Show context and Post to channel; in a public server, only Show context", () => {
    expect(customIds(run({ paragraph: 42 }))).toEqual([contextButton(doc.meta.id, 42), postButton(doc.meta.id, 42)]);
    const publicCtx = makeContext({ config: defaultConfig({ publicGuildIds: new Set([GUILD]) }) });
    const reply = run({ paragraph: 42 }, publicCtx);
    expect(reply.ephemeral).toBe(false);
    expect(customIds(reply)).toEqual([contextButton(doc.meta.id, 42)]);
  });

  it("every paragraph of the review can be quoted within Discord's limits", () => {
    for (let n = 1; n <= last; n++) {
      const reply = run({ paragraph: n });
      expectWithinLimits(reply);
      expect(markdownToPlain(reply.embeds![0]!.description!)).toBe(search.paragraph(doc.meta.id, n)!.text);
    }
  });
});

describe("/quote with markdown in the quoted text", () => {
  const source = [
    "---",
    "id: markdown-sample",
    "title: A *sample* with __markdown__",
    "date: 2024",
    "---",
    "",
    "## Section _one_",
    "",
    "A paragraph with **bold**, _italics_, `code`, ||a spoiler||, ~~strike~~ and a [masked link](https://example.com).",
    "",
    "> A quoted line that tells @everyone and @here about <@123456789012345678> and <@&456>.",
    "",
    "- a list item, then 1. a number",
  ].join("\n");
  // The real search class over a one-document corpus (the rest of the corpus setup is the real one).
  const sample = new ReviewSearch({ ...loadCorpus(), documents: [parseDocument(source, "markdown-sample.md")] });
  const ctx = makeContext({ search: sample });

  it("given markdown in a paragraph, it is escaped so Discord shows it literally", () => {
    for (let n = 1; n <= 3; n++) {
      const reply = run({ paragraph: n }, ctx);
      expectWithinLimits(reply);
      const description = reply.embeds![0]!.description!;
      expect(description).not.toMatch(/(?<!\\)(\*\*|__|~~|\|\||`)/);
      expect(description).not.toMatch(/^[>\-#]/m);
      expect(description).not.toMatch(/(?<!\\)\[/);
      expect(markdownToPlain(description)).toBe(sample.paragraph("markdown-sample", n)!.text);
    }
  });

  it("given @everyone or mentions in a paragraph, they neither ping nor look like mentions", () => {
    const reply = run({ paragraph: 2 }, ctx);
    expect(reply.allowedMentions).toEqual({ parse: [], replied_user: false });
    const description = reply.embeds![0]!.description!;
    expect(description).not.toMatch(/@(everyone|here)/);
    expect(description).not.toMatch(/(?<!\\)<@/);
  });

  it("given markdown in a section title, the citation escapes it", () => {
    expect(run({ paragraph: 1 }, ctx).embeds![0]!.title).toBe("¶1 · Section \\_one\\_");
  });
});

describe("/quote autocomplete", () => {
  function expectValid(choices: Choice[]): void {
    expect(choices.length).toBeLessThanOrEqual(DISCORD.choices);
    for (const c of choices) {
      expect(c.name.length).toBeGreaterThan(0);
      expect(c.name.length).toBeLessThanOrEqual(DISCORD.choiceName);
      expect(String(c.value).length).toBeGreaterThan(0);
      expect(String(c.value).length).toBeLessThanOrEqual(DISCORD.choiceValue);
    }
    expect(new Set(choices.map((c) => c.value)).size).toBe(choices.length);
  }

  it("given an empty input, it pins where each section starts", () => {
    const choices = complete("");
    expectValid(choices);
    // The review's sections, then those of any reading a group adds to corpus/.
    const others = search.documents
      .slice(1)
      .flatMap((d) => d.sections.map((s) => choiceValue(search, { doc: d.meta.id, paragraph: s.first })));
    expect(choices.map((c) => c.value)).toEqual([...doc.sections.map((s) => `¶${s.first}`), ...others]);
    expect(choices[1]!.name.startsWith(`¶${doc.sections[1]!.first} · ${doc.sections[1]!.title}`)).toBe(true);
  });

  it("given part of a phrase, it offers passages holding it, the best first, each resolving to its paragraph", () => {
    const choices = complete("paid a terrible pers");
    expectValid(choices);
    expect(choices[0]!.value).toBe("¶42");
    expect(choices[0]!.name).toContain("paid a terrible personal price");
    for (const c of choices) {
      const reply = run({ text: String(c.value) });
      expect(reply.embeds![0]!.title!.startsWith(String(c.value))).toBe(true);
    }
  });

  it("given digits, it offers that paragraph first, then those whose number starts with them", () => {
    const choices = complete("4");
    expectValid(choices);
    expect(choices.map((c) => c.value).slice(0, 3)).toEqual(["¶4", "¶40", "¶41"]);
    expect(complete("¶42")[0]!.value).toBe("¶42");
  });

  it("given a common word, it never offers more than 25 choices", () => {
    expectValid(complete("the"));
    expectValid(complete("Stalin"));
  });

  it.each([
    ["a very long input", "Trotsky ".repeat(2000)],
    ["control characters", "\u0000\u0007\u001b[31m\r\n\t"],
    ["only punctuation", "?!.,;:-–—"],
    ["emoji", "🔥🚩✊"],
    ["markdown and mentions", "**@everyone** <@&1> `x`"],
    ["a lone pilcrow", "¶"],
    ["a huge number", "¶99999999999999999999"],
    ["regex syntax", "(((.*+?[ \\"],
    ["lone surrogates", "\ud800\udfff\ud800"],
  ])("given %s, it never throws and answers within the limits", (_what, value) => {
    let choices: Choice[] = [];
    expect(() => (choices = complete(value))).not.toThrow();
    expectValid(choices);
  });

  it("given another option focused, it offers nothing", () => {
    expect(suggest({ name: "paragraph", value: "4" }, makeContext())).toEqual([]);
  });

  it("cuts a choice name to 100 characters at a word boundary, keeping the citation", () => {
    const name = choiceName(search, { doc: search.primary.meta.id, paragraph: 17, section: "[Who was Stalin?]" }, "word ".repeat(100));
    expect(name.length).toBeLessThanOrEqual(100);
    expect(name.startsWith("¶17 · [Who was Stalin?] — word")).toBe(true);
    expect(name.endsWith("…")).toBe(true);
  });
});

describe("/quote buttons", () => {
  it("given Show context on ¶42, it shows ¶41 to ¶43 verbatim with ¶42 marked, only to the clicker", () => {
    const reply = click(contextButton(doc.meta.id, 42));
    expectWithinLimits(reply);
    expect(reply.ephemeral).toBe(true);
    const fields = reply.embeds![0]!.fields!;
    expect(fields.map((f) => f.name)).toEqual(["¶41 · Heroic opposition", "▶ ¶42 · Heroic opposition", "¶43 · Heroic opposition"]);
    fields.forEach((f, i) => expect(markdownToPlain(f.value)).toBe(search.paragraph(doc.meta.id, 41 + i)!.text));
    expect(reply.embeds![0]!.footer!.text).toContain(doc.meta.date!);
    // Walk on from the neighbours, or share any of the three.
    expect(customIds(reply)).toEqual([
      contextButton(doc.meta.id, 41),
      contextButton(doc.meta.id, 43),
      postButton(doc.meta.id, 41),
      postButton(doc.meta.id, 42),
      postButton(doc.meta.id, 43),
    ]);
  });

  it("given Show context at the first paragraph, it shows what exists", () => {
    const reply = click(contextButton(doc.meta.id, 1));
    expect(reply.embeds![0]!.fields!.map((f) => f.name)).toEqual(["▶ ¶1 · Opening", "¶2 · Opening"]);
  });

  it("given Post to channel, it posts the passage publicly, naming who shared it without pinging anyone", () => {
    const reply = click(postButton(doc.meta.id, 42));
    expectWithinLimits(reply);
    expect(reply.ephemeral).toBe(false);
    expect(reply.content).toBe(`<@${USER.id}> shared ¶42 · Heroic opposition:`);
    expect(reply.allowedMentions).toEqual({ parse: [], replied_user: false });
    expect(markdownToPlain(reply.embeds![0]!.description!)).toBe(search.paragraph(doc.meta.id, 42)!.text);
    expect(reply.embeds![0]!.title).toBe("¶42 · Heroic opposition");
    expect(buttonLabels(reply)).toEqual(["Show context ¶42"]);
  });

  it("given Post to channel from someone without a Discord id (the console), it names them in bold instead", () => {
    const reply = click(postButton(doc.meta.id, 3), makeContext({ user: { id: "console", name: "you_2" } }));
    expect(reply.content).toBe("**you\\_2** shared ¶3 · Opening:");
  });

  it.each([
    contextButton(doc.meta.id, last + 1),
    postButton(doc.meta.id, 0),
    contextButton("no-such-document", 4),
    postButton("no-such-document", 4),
    "ctx:",
    "ctx:koba-the-dread-review:x",
    `post:${doc.meta.id}:42:extra`,
    "post:../../etc:1",
  ])("given a stale or malformed id %s, it answers kindly and ephemerally", (id) => {
    const reply = click(id);
    expect(reply.ephemeral).toBe(true);
    expect(reply.content).toBe(STALE_BUTTON);
  });
});
