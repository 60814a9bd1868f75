/** Shared test fixtures: the real search over the real corpus, contexts, a fake clock, a log capture. */
import { defaultConfig, type BotConfig } from "../../src/bot/config.ts";
import { createLogger, type Logger } from "../../src/bot/logger.ts";
import { defineCommand, loadCommands, type Registry } from "../../src/bot/registry.ts";
import type { HandlerContext, Reply } from "../../src/bot/types.ts";
import { markdownToPlain } from "../../src/bot/markdown.ts";
import { realSearch } from "../support/real-search.ts";
import { encodeComponentId, type ComponentId } from "../../src/bot/custom-ids.ts";
import { Dispatcher, type DispatcherOptions } from "../../src/bot/router.ts";

export { realSearch };

let registry: Promise<Registry> | null = null;
/** The real commands/; a module the loader skips fails the test. */
export function realRegistry(): Promise<Registry> {
  registry ??= loadCommands({
    warn: (msg, fields) => {
      throw new Error(`${msg}: ${JSON.stringify(fields)}`);
    },
  });
  return registry;
}

/** A dispatcher over the real commands and the real index: the default config and a silent captured logger unless given. */
export async function realDispatcher(options: Partial<DispatcherOptions> = {}): Promise<Dispatcher> {
  return new Dispatcher({
    registry: await realRegistry(),
    search: realSearch(),
    config: defaultConfig(),
    logger: captureLogger().logger,
    ...options,
  });
}

/** A command whose every handler fails: for the error boundary (router tests and end to end). */
export const boom = defineCommand({
  name: "boom",
  description: "Always fails",
  options: { topic: { type: "string", description: "Anything" } },
  examples: ["/boom"],
  execute: () => {
    throw new Error("kaboom");
  },
  autocomplete: () => {
    throw new Error("autocomplete kaboom");
  },
  buttons: { boom: () => Promise.reject(new Error("button kaboom")) },
});

export const USER = { id: "123456789012345678", name: "Rosa" } as const;
export const GUILD = "987654321098765432";

export class FakeClock {
  constructor(public t = 1_700_000_000_000) {}
  now(): number {
    return this.t;
  }
  advance(ms: number): void {
    this.t += ms;
  }
}

export function makeContext(overrides: Partial<HandlerContext> & { config?: BotConfig } = {}): HandlerContext {
  return {
    search: realSearch(),
    config: defaultConfig(),
    clock: new FakeClock(),
    user: { ...USER },
    guildId: GUILD,
    commands: [],
    channel: null,
    memberPermissions: null,
    appPermissions: null,
    store: null,
    readingPosition: null,
    discussion: null,
    threads: null,
    ...overrides,
  };
}

export interface LogLine {
  level: string;
  msg: string;
  [key: string]: unknown;
}

/** A logger writing parsed JSON lines into `lines` (and the raw text into `raw`). */
export function captureLogger(
  level: "debug" | "info" | "warn" | "error" = "debug",
  secrets: string[] = [],
): { logger: Logger; lines: LogLine[]; raw: string[] } {
  const lines: LogLine[] = [];
  const raw: string[] = [];
  const logger = createLogger({
    level,
    secrets,
    write: (line) => {
      raw.push(line);
      lines.push(JSON.parse(line) as LogLine);
    },
  });
  return { logger, lines, raw };
}

/**
 * Discord's documented limits, written out here from Discord's documentation (Message, Embed
 * Limits, Message Components, Autocomplete) rather than read from src/bot/limits.ts, so the
 * production constants are checked, not trusted.
 */
export const DISCORD = {
  content: 2000,
  embeds: 10,
  embedTitle: 256,
  embedDescription: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  authorName: 256,
  /** Title, description, field names and values, footer text and author name over all embeds. */
  embedsTotal: 6000,
  rows: 5,
  buttonsPerRow: 5,
  buttonLabel: 80,
  customId: 100,
  choices: 25,
  choiceName: 100,
  choiceValue: 100,
} as const;

/** Fails the test with the list of Discord's limits a reply breaks, if any. */
export function expectWithinLimits(reply: Reply): void {
  const broken: string[] = [];
  const atMost = (what: string, n: number, max: number) => {
    if (n > max) broken.push(`${what}: ${n} > ${max}`);
  };
  if (reply.allowedMentions.parse.length > 0 || reply.allowedMentions.replied_user) broken.push("allowed mentions are not none");
  if (!reply.content && !reply.embeds?.length) broken.push("neither content nor embeds");
  atMost("content", reply.content?.length ?? 0, DISCORD.content);
  const embeds = reply.embeds ?? [];
  atMost("embeds", embeds.length, DISCORD.embeds);
  let total = 0;
  for (const e of embeds) {
    const texts: Array<[string, string | undefined, number]> = [
      ["title", e.title, DISCORD.embedTitle],
      ["description", e.description, DISCORD.embedDescription],
      ["footer", e.footer?.text, DISCORD.footer],
      ["author", e.author?.name, DISCORD.authorName],
      ...(e.fields ?? []).flatMap((f): Array<[string, string, number]> => [
        ["field name", f.name, DISCORD.fieldName],
        ["field value", f.value, DISCORD.fieldValue],
      ]),
    ];
    for (const [what, text, max] of texts) {
      atMost(what, text?.length ?? 0, max);
      total += text?.length ?? 0;
    }
    atMost("fields", e.fields?.length ?? 0, DISCORD.fields);
  }
  atMost("all embeds together", total, DISCORD.embedsTotal);
  const rows = reply.components ?? [];
  atMost("rows", rows.length, DISCORD.rows);
  for (const row of rows) {
    atMost("buttons in a row", row.components.length, DISCORD.buttonsPerRow);
    for (const b of row.components) {
      if ("label" in b && b.label) atMost("button label", b.label.length, DISCORD.buttonLabel);
      if ("custom_id" in b) atMost("custom id", b.custom_id.length, DISCORD.customId);
    }
  }
  if (broken.length > 0) throw new Error(`reply breaks Discord's limits:\n${broken.join("\n")}`);
}

/** Everything a reader sees in a reply, as plain text (escapes undone, bold as »…«). */
export function visibleText(reply: Reply): string {
  const parts: string[] = [];
  if (reply.content) parts.push(reply.content);
  for (const e of reply.embeds ?? []) {
    parts.push(e.title ?? "", e.description ?? "", ...(e.fields ?? []).flatMap((f) => [f.name, f.value]), e.footer?.text ?? "");
  }
  return markdownToPlain(parts.join("\n"));
}

/** A current custom id as the bot makes it (the format itself is tested in custom-ids.test.ts). */
export function componentId(id: ComponentId): string {
  const encoded = encodeComponentId(id);
  if (encoded === null) throw new Error(`no custom id fits ${JSON.stringify(id)}`);
  return encoded;
}

/** The id of "Show context ¶n" (of `doc`), made under reading position `cap`. */
export function contextButton(doc: string, paragraph: number, cap: number | null = null): string {
  return componentId({ kind: "context", ref: { doc, paragraph }, cap });
}

/** The id of "Post ¶n to channel" (of `doc`). */
export function postButton(doc: string, paragraph: number): string {
  return componentId({ kind: "post", ref: { doc, paragraph } });
}

/** Every custom id on a reply's buttons. */
export function customIds(reply: Reply): string[] {
  return (reply.components ?? []).flatMap((row) => row.components).flatMap((b) => ("custom_id" in b ? [b.custom_id] : []));
}

export function buttonLabels(reply: Reply): string[] {
  return (reply.components ?? []).flatMap((row) => row.components).flatMap((b) => ("label" in b && b.label ? [b.label] : []));
}
