import { describe, expect, it } from "vitest";
import { cutText, sentenceSpans } from "../../src/bot/cut.ts";
import { cutMarkdown, escapeMarkdown, markdownToPlain, neutraliseMentions } from "../../src/bot/markdown.ts";
import { renderPassage } from "../../src/bot/render.ts";
import { clampReply, replyViolations } from "../../src/bot/validate.ts";
import { reply } from "../../src/bot/replies.ts";
import type { Reply } from "../../src/bot/types.ts";
import { expectWithinLimits } from "./helpers.ts";

/** A small seeded PRNG so the property tests are repeatable. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const SPECIAL = "\\*_~`|<>[]#";
/** Markdown characters in `s` that are not escaped by a backslash. */
function unescapedSpecials(s: string): string[] {
  const found: string[] = [];
  for (let i = 0; i < s.length; i++) {
    if (s[i] === "\\") {
      i++;
      continue;
    }
    if (SPECIAL.includes(s[i]!)) found.push(s[i]!);
  }
  return found;
}

describe("escapeMarkdown", () => {
  const cases: Array<[string, string]> = [
    ["bold", "**Trotsky**"],
    ["italic", "*Koba* and _Koba_"],
    ["underline", "__purges__"],
    ["strikethrough", "~~lie~~"],
    ["spoiler", "||ice-axe||"],
    ["inline code", "`code`"],
    ["code block", "```js\nx\n```"],
    ["block quote", "> the Revolution was a lie"],
    ["multi-line block quote", ">>> everything after"],
    ["heading", "# Purge trials"],
    ["subtext", "-# small print"],
    ["bulleted list", "- first\n* second\n+ third"],
    ["numbered list", "1. first\n2) second"],
    ["masked link", "[click](https://example.com)"],
    ["user mention", "<@123456789012345678>"],
    ["role mention", "<@&456>"],
    ["channel", "<#789>"],
    ["timestamp", "<t:1700000000:R>"],
    ["custom emoji", "<:koba:123>"],
    ["backslash", "a\\b"],
  ];
  for (const [what, text] of cases) {
    it(`given ${what} in quoted text, it shows literally`, () => {
      const escaped = escapeMarkdown(text);
      expect(unescapedSpecials(escaped)).toEqual([]);
      // No line starts with a list, heading, subtext or quote marker any more.
      for (const line of escaped.split("\n")) expect(line).not.toMatch(/^\s*(?:[-+*>#]|\d+[.)])/);
      expect(markdownToPlain(escaped)).toBe(text);
    });
  }

  it("given @everyone and @here, it breaks them with a zero-width space", () => {
    const escaped = escapeMarkdown("hey @everyone and @here and @Everyone");
    expect(escaped).not.toMatch(/@(everyone|here)/i);
    expect(escaped).toContain("@\u200beveryone");
    expect(neutraliseMentions("@here")).toBe("@\u200bhere");
  });

  it("given random text, the escaped form has no live markdown and reads back unchanged", () => {
    const alphabet = [
      "a",
      "b",
      " ",
      "\n",
      "*",
      "_",
      "~",
      "`",
      "|",
      ">",
      "<",
      "#",
      "-",
      "+",
      "1",
      ".",
      ")",
      "[",
      "]",
      "(",
      "\\",
      "@",
      "everyone",
      "é",
      "’",
    ];
    const next = rng(7);
    for (let n = 0; n < 500; n++) {
      const text = Array.from({ length: Math.floor(next() * 40) }, () => alphabet[Math.floor(next() * alphabet.length)]).join("");
      const escaped = escapeMarkdown(text);
      expect(unescapedSpecials(escaped)).toEqual([]);
      expect(markdownToPlain(escaped)).toBe(text);
    }
  });
});

describe("cutText", () => {
  const text = "Trotsky opposed Stalin. He paid a terrible price. His family was exterminated. He was killed in Mexico.";

  it("given text that fits, it leaves it alone", () => {
    expect(cutText(text, text.length)).toBe(text);
  });

  it("given text too long, it cuts after the last whole sentence that fits and adds an ellipsis", () => {
    const cut = cutText(text, 60);
    expect(cut).toBe("Trotsky opposed Stalin. He paid a terrible price. …");
    expect(cut.length).toBeLessThanOrEqual(60);
  });

  it("given one long sentence, it cuts between words", () => {
    const cut = cutText("a".repeat(5) + " bbbbb ccccc ddddd eeeee", 15);
    expect(cut).toBe("aaaaa bbbbb…");
  });

  it("whatever the budget, the result fits and is a prefix plus an ellipsis", () => {
    const next = rng(3);
    for (let n = 0; n < 300; n++) {
      const max = 1 + Math.floor(next() * (text.length + 5));
      const cut = cutText(text, max);
      expect(cut.length).toBeLessThanOrEqual(max);
      if (cut !== text) expect(text.startsWith(cut.replace(/ ?…$/, ""))).toBe(true);
    }
  });

  it("splits sentences after . ! ? … and closing quotes", () => {
    const spans = sentenceSpans('He said "no." Then? Yes… done');
    expect(spans.map(([a, b]) => 'He said "no." Then? Yes… done'.slice(a, b))).toEqual(['He said "no."', "Then?", "Yes…", "done"]);
  });
});

describe("renderPassage", () => {
  const sentences = Array.from({ length: 40 }, (_, i) => `Sentence number ${i + 1} says something about the purges.`);
  const long = sentences.join(" ");
  const excerpt = sentences[25]!;

  it("given a passage that fits, it marks the excerpt in bold and keeps the rest verbatim", () => {
    const out = renderPassage({ text: "One. Two is *key*. Three.", excerpt: "Two is *key*.", max: 1024 });
    expect(out).toBe("One. **Two is \\*key\\*.** Three.");
  });

  it("given a long passage, it cuts at sentence boundaries around the excerpt, which stays in bold", () => {
    const out = renderPassage({ text: long, excerpt, max: 500 });
    expect(out.length).toBeLessThanOrEqual(500);
    expect(out).toContain(`**${excerpt}**`);
    expect(out.startsWith("… Sentence number")).toBe(true);
    expect(out.endsWith(" …")).toBe(true);
  });

  it("given a long passage whose excerpt is near the start, it keeps the opening", () => {
    const out = renderPassage({ text: long, excerpt: sentences[1]!, max: 300 });
    expect(out.startsWith("Sentence number 1 says")).toBe(true);
    expect(out.endsWith(" …")).toBe(true);
  });

  it("given a single sentence longer than the budget, it cuts between words and closes the bold", () => {
    const sentence = `${"word ".repeat(400)}end.`;
    const out = renderPassage({ text: sentence, excerpt: sentence, max: 300 });
    expect(out.length).toBeLessThanOrEqual(300);
    expect(out.startsWith("**word")).toBe(true);
    expect(out.endsWith("…**")).toBe(true);
  });

  it("whatever the budget, the result fits, bold is balanced and nothing is escaped by half", () => {
    const next = rng(11);
    const text = "A *star* here. Under_score there! Is it > that? " + long;
    for (let n = 0; n < 200; n++) {
      const max = 40 + Math.floor(next() * 2000);
      const out = renderPassage({ text, excerpt: sentences[Math.floor(next() * sentences.length)]!, max });
      expect(out.length).toBeLessThanOrEqual(max);
      expect((out.match(/(?<!\\)\*\*/g) ?? []).length % 2).toBe(0);
      expect(out).not.toMatch(/(?<!\\)\\$/);
    }
  });
});

describe("replyViolations and clampReply", () => {
  const huge = (n: number) => "Stalin. ".repeat(Math.ceil(n / 8)).slice(0, n);
  const oversized: Reply = reply({
    content: huge(5000),
    embeds: Array.from({ length: 12 }, (_, i) => ({
      title: huge(300),
      description: huge(5000),
      footer: { text: huge(3000) },
      fields: Array.from({ length: 30 }, (_, j) => ({ name: `${i}.${j} ${huge(300)}`, value: huge(2000) })),
    })),
    components: Array.from({ length: 7 }, (_, r) => ({
      type: 1,
      components: Array.from({ length: 7 }, (_, b) => ({
        type: 2,
        style: 2,
        custom_id: `x:${r}:${b}:${"y".repeat(r === 0 ? 120 : 1)}`,
        label: "L".repeat(90),
      })),
    })),
    ephemeral: true,
  });

  it("given a reply over every limit, it lists the violations", () => {
    const v = replyViolations(oversized);
    expect(v.some((s) => s.startsWith("content"))).toBe(true);
    expect(v.some((s) => s.includes("12 embeds"))).toBe(true);
    expect(v.some((s) => s.includes("30 fields"))).toBe(true);
    expect(v.some((s) => s.includes("7 rows"))).toBe(true);
    expect(v.some((s) => s.includes("7 buttons"))).toBe(true);
    expect(v.some((s) => s.startsWith("all embeds together"))).toBe(true);
  });

  it("given a reply over every limit, the tests' own check of Discord's numbers refuses it too", () => {
    expect(() => expectWithinLimits(oversized)).toThrow(/content: 5000 > 2000/);
  });

  it("given a reply over every limit, clamping makes it fit", () => {
    const clamped = clampReply(oversized);
    expect(replyViolations(clamped)).toEqual([]);
    // Against Discord's numbers written out in the test helpers, not the module's own.
    expectWithinLimits(clamped);
    expect(clamped.allowedMentions).toEqual({ parse: [], replied_user: false });
  });

  it("given a reply that claims to allow mentions, clamping turns them off", () => {
    const bad = {
      ...reply({ content: "hi", ephemeral: false }),
      allowedMentions: { parse: ["everyone"], replied_user: true },
    } as unknown as Reply;
    expect(replyViolations(bad)).toContain("allowed mentions are not none");
    expect(clampReply(bad).allowedMentions).toEqual({ parse: [], replied_user: false });
  });

  it("given rendered markdown too long, cutting never leaves bold open", () => {
    const md = `**${"bold words here. ".repeat(50)}** tail.`;
    const cut = cutMarkdown(md, 200);
    expect(cut.length).toBeLessThanOrEqual(200);
    expect((cut.match(/(?<!\\)\*\*/g) ?? []).length % 2).toBe(0);
  });
});
