import { describe, expect, it } from "vitest";
import about, { SUPPLIED_NOTE } from "../../commands/about.ts";
import help from "../../commands/help.ts";
import { defaultConfig } from "../../src/bot/config.ts";
import { markdownToPlain } from "../../src/bot/markdown.ts";
import { OPENING } from "../../src/bot/render.ts";
import type { Reply } from "../../src/bot/types.ts";
import { expectWithinLimits, GUILD, makeContext, realRegistry, realSearch, visibleText } from "../bot/helpers.ts";

const search = realSearch();
const { meta, sections } = search.primary;

async function run(command: typeof about | typeof help, ctx = makeContext()): Promise<Reply> {
  return command.execute({}, ctx);
}

describe("/about", () => {
  it("names the review, the book, its author and the date", async () => {
    const reply = await run(about);
    expectWithinLimits(reply);
    const text = visibleText(reply);
    expect(markdownToPlain(reply.embeds![0]!.title!)).toBe(meta.title);
    expect(text).toContain(meta.book!);
    expect(text).toContain(`by ${meta.bookAuthor}`);
    expect(text).toContain(meta.date!);
  });

  it("names the study-group commands and the thread permissions the bot needs, with the invite permissions", async () => {
    const text = visibleText(await run(about));
    expect(text).toContain("Create Public Threads");
    expect(text).toContain("Send Messages in Threads");
    expect(text).toContain("309237663744");
    expect(text).toMatch(/\/plan[\s\S]*\/progress[\s\S]*\/discuss/);
  });

  it("lists every section with its paragraph range, the part before the first heading named as /progress and citations name it", async () => {
    const text = visibleText(await run(about));
    for (const s of sections) {
      const line = `¶${s.first}–${s.last} · ${s.title ?? OPENING}`;
      expect(text).toContain(line);
    }
  });

  it("explains that a bracketed heading is not in the source, and marks those headings", async () => {
    const text = visibleText(await run(about));
    const supplied = sections.filter((s) => s.supplied);
    expect(supplied.length).toBeGreaterThan(0);
    expect(text).toContain(SUPPLIED_NOTE);
    for (const s of supplied) expect(text).toContain(`${s.title} †`);
    for (const s of sections.filter((x) => !x.supplied && x.title)) expect(text).not.toContain(`${s.title} †`);
  });

  it("says how to cite, with a real example", async () => {
    const text = visibleText(await run(about));
    expect(text).toMatch(/How to cite/);
    expect(text).toMatch(/¶9 · Total fabrication/);
    expect(text).toContain("/quote paragraph: 9");
  });

  it("is ephemeral except in a public server", async () => {
    expect((await run(about)).ephemeral).toBe(true);
    expect((await run(about, makeContext({ config: defaultConfig({ publicGuildIds: new Set([GUILD]) }) }))).ephemeral).toBe(false);
  });
});

describe("/help", () => {
  it("lists every registered command with its usage and an example", async () => {
    const registry = await realRegistry();
    const reply = await run(help, makeContext({ commands: registry.summaries }));
    expectWithinLimits(reply);
    const text = visibleText(reply);
    expect(registry.summaries.map((c) => c.name).sort()).toEqual([...registry.commands.keys()].sort());
    for (const c of registry.summaries) {
      expect(text).toContain(c.usage);
      expect(text).toContain(`Example: \`${c.examples[0]}\``);
    }
    expect(text).toContain("/ask question [results] [public]");
    expect(text).toContain("/quote [paragraph] [text]");
  });

  it("explains the buttons and the cooldown from the configuration", async () => {
    const ctx = makeContext({ config: defaultConfig({ cooldown: { limit: 3, seconds: 60 } }) });
    const text = visibleText(await run(help, ctx));
    for (const label of ["More results", "Show context", "Post to channel"]) expect(text).toContain(label);
    expect(text).toContain("3 questions every 60 seconds");
  });
});
