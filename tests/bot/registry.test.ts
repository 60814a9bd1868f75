import { defineMessageCommand, isMessageCommand } from "../../src/bot/message-commands.ts";
import { describe, expect, expectTypeOf, it } from "vitest";
import { buildSlashCommand, offOr, parseOptions, usageOf, type OptionsOf } from "../../src/bot/options.ts";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { defineCommand, isCommand, loadCommands, Registry } from "../../src/bot/registry.ts";
import { notice } from "../../src/bot/replies.ts";
import { captureLogger, realRegistry } from "./helpers.ts";

const specs = {
  question: { type: "string", description: "The question", required: true, maxLength: 10 },
  results: { type: "integer", description: "How many", minValue: 1, maxValue: 5 },
  public: { type: "boolean", description: "Public?" },
} as const;

describe("option definitions", () => {
  it("give the handler's option types", () => {
    expectTypeOf<OptionsOf<typeof specs>>().toEqualTypeOf<{ question: string; results?: number; public?: boolean }>();
  });

  it("build the slash command Discord registers", () => {
    const json = buildSlashCommand("demo", "A demo", specs).toJSON();
    expect(json.options).toEqual([
      expect.objectContaining({ name: "question", type: 3, required: true, max_length: 10 }),
      expect.objectContaining({ name: "results", type: 4, min_value: 1, max_value: 5 }),
      expect.objectContaining({ name: "public", type: 5 }),
    ]);
    expect(usageOf("demo", specs)).toBe("/demo question [results] [public]");
  });

  it("given an invalid definition, building throws at once", () => {
    expect(() => buildSlashCommand("Bad Name", "x", {})).toThrow();
    expect(() => buildSlashCommand("ok", "x".repeat(101), {})).toThrow();
  });

  it("given valid values (typed or as console text), parsing accepts them", () => {
    expect(parseOptions(specs, { question: "hi", results: 3, public: true })).toEqual({
      ok: true,
      options: { question: "hi", results: 3, public: true },
    });
    expect(parseOptions(specs, { question: "hi", results: "2", public: "no" })).toEqual({
      ok: true,
      options: { question: "hi", results: 2, public: false },
    });
  });

  it.each([
    [{}, /“question” is required/],
    [{ question: "x".repeat(11) }, /at most 10 characters/],
    [{ question: "q", results: 9 }, /from 1 to 5/],
    [{ question: "q", results: "two" }, /whole number/],
    [{ question: "q", results: 1.5 }, /whole number/],
    [{ question: "q", public: "maybe" }, /true or false/],
    [{ question: "q", colour: "red" }, /no option “colour”/],
  ])("given %o, parsing refuses with a clear reason", (raw, reason) => {
    const parsed = parseOptions(specs, raw);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.errors.join("; ")).toMatch(reason);
  });
});

describe("an option that may turn something off", () => {
  const hour = (text: string) => (/^\d\d$/.test(text.trim()) ? Number(text) : null);

  it.each(["off", "None", " no ", "-"])("given %j, it is off", (text) => {
    expect(offOr(text, hour)).toEqual({ value: null });
  });

  it("given a value it reads, that value; given neither, null for the caller to word", () => {
    expect(offOr("18", hour)).toEqual({ value: 18 });
    expect(offOr("noon", hour)).toBeNull();
    expect(offOr("", hour)).toBeNull();
  });
});

describe("registry", () => {
  it("loads the slash commands and the message command from commands/", async () => {
    const registry = await realRegistry();
    expect([...registry.commands.keys()].sort()).toEqual([
      "about",
      "ask",
      "discuss",
      "help",
      "plan",
      "progress",
      "quote",
      "settings",
      "unanswered",
    ]);
    expect([...registry.messageCommands.keys()]).toEqual(["Find in the review"]);
    expect(registry.toJSON()).toHaveLength(10);
    expect(registry.toJSON()).toContainEqual(expect.objectContaining({ name: "Find in the review", type: 3 }));
  });

  it("given a module that is not a command, skips it and logs which file", async () => {
    const dir = mkdtempSync(join(tmpdir(), "commands-"));
    writeFileSync(join(dir, "half-done.mjs"), 'export default { data: { name: "half" } };\n');
    writeFileSync(join(dir, "helpers.mjs"), "export const shared = 1;\n");
    const { logger, lines } = captureLogger();
    const registry = await loadCommands(logger, dir);
    rmSync(dir, { recursive: true, force: true });
    expect(registry.commands.size + registry.messageCommands.size).toBe(0);
    expect(lines.map((l) => [l.level, l.msg, l["file"]])).toEqual([
      ["warn", "a module in commands/ is not a command: skipped", "half-done.mjs"],
      ["warn", "a module in commands/ is not a command: skipped", "helpers.mjs"],
    ]);
  });

  it("recognises a message command module and keeps it apart from the slash commands", () => {
    const find = defineMessageCommand({ name: "Look it up", summary: "Looks a message up", execute: () => notice("found") });
    expect(isMessageCommand(find)).toBe(true);
    expect(isCommand(find)).toBe(false);
    for (const bad of [null, {}, { ...find, kind: "slash" }, { ...find, execute: 1 }]) expect(isMessageCommand(bad)).toBe(false);
    expect(() => defineMessageCommand({ name: "x".repeat(33), summary: "", execute: () => notice("") })).toThrow(/1-32/);
    expect(() => new Registry([], [find, find])).toThrow(/two message commands/);
  });

  it("routes button custom ids by prefix", async () => {
    const registry = await realRegistry();
    expect(registry.button("ask:more:1:1:42")?.command).toBe("ask");
    expect(registry.button("ctx:koba-the-dread-review:42")?.command).toBe("quote");
    expect(registry.button("post:koba-the-dread-review:42")?.command).toBe("quote");
    expect(registry.button("nope:1")).toBeUndefined();
    expect(registry.button("")).toBeUndefined();
  });

  it("recognises a command module and rejects anything else", () => {
    const good = defineCommand({ name: "ping", description: "Ping", options: {}, examples: ["/ping"], execute: () => notice("pong") });
    expect(isCommand(good)).toBe(true);
    for (const bad of [null, 1, "ask", {}, { data: {}, execute() {} }, { ...good, execute: "no" }, { ...good, buttons: { x: 1 } }])
      expect(isCommand(bad)).toBe(false);
  });

  it("given two commands with one name or one button prefix, it refuses to start", () => {
    const a = defineCommand({
      name: "a",
      description: "A",
      options: {},
      examples: [],
      execute: () => notice("a"),
      buttons: { x: () => notice("x") },
    });
    const b = defineCommand({
      name: "b",
      description: "B",
      options: {},
      examples: [],
      execute: () => notice("b"),
      buttons: { x: () => notice("x") },
    });
    expect(() => new Registry([a, a])).toThrow(/two commands/);
    expect(() => new Registry([a, b])).toThrow(/claimed by/);
  });
});

describe("organiser commands", () => {
  it('/plan is for Manage Server (default_member_permissions "32"); /progress and /discuss are for everyone', async () => {
    const registry = await realRegistry();
    const json = registry.toJSON() as { name: string; default_member_permissions?: string | null }[];
    expect(json.find((c) => c.name === "plan")?.default_member_permissions).toBe("32");
    for (const name of ["progress", "discuss", "ask"])
      expect(json.find((c) => c.name === name)?.default_member_permissions ?? null).toBeNull();
  });
});
