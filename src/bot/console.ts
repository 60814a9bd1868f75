/**
 * Local console mode (no DISCORD_TOKEN): the same registry, dispatcher and handlers as on Discord,
 * one command per line, replies rendered as plain text with their citations, buttons listed as
 * hints. Interactive with a prompt on a terminal; piped input is answered line by line with no
 * prompt, and the console ends when the input does.
 */
import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import type { APIEmbed } from "discord.js";
import { cleanText } from "../search/input.ts";
import { markdownToPlain } from "./limits.ts";
import type { OptionSpecs } from "./options.ts";
import type { Registry } from "./registry.ts";
import type { Dispatcher, Origin } from "./router.ts";
import type { Reply } from "./types.ts";

/** The person at the keyboard: local, so never throttled (the member cooldown is for Discord). */
export const CONSOLE_USER: Origin = { user: { id: "console", name: "you" }, guildId: null, local: true };

export type ParsedLine =
  | { kind: "empty" }
  | { kind: "quit" }
  | { kind: "command"; name: string; options: Record<string, string> }
  | { kind: "error"; message: string };

/**
 * Reads one console line: `/name free text` or `/name option: value option: value`. Free text
 * goes to the first option that accepts it (`/quote 12` → paragraph, `/quote a phrase` → text).
 * Only the command's own option name, at a word boundary and followed by a value of its type,
 * is an option: "what were the results: of collectivisation?" is all question. An option given
 * twice is a mistake, said so rather than one value silently winning.
 */
export function parseLine(line: string, registry: Registry): ParsedLine {
  const text = line.trim();
  if (!text || text.startsWith("#")) return { kind: "empty" };
  if (/^(?:\/?(?:quit|exit)|\.exit)$/i.test(text)) return { kind: "quit" };
  const m = /^\/(\S+)\s*([\s\S]*)$/.exec(text);
  if (!m) return { kind: "error", message: "Commands start with a slash, e.g. /ask who was Trepper? or /help." };
  const name = m[1]!.toLowerCase();
  const rest = m[2]!.trim();
  const command = registry.get(name);
  if (!command) return { kind: "command", name, options: {} };
  const specs: OptionSpecs = command.options;
  const names = Object.keys(specs);
  const keyPattern = names.length > 0 ? new RegExp(`(?:^|\\s)(${names.map(escapeRegExp).join("|")}):`, "gi") : null;
  const keys = keyPattern ? [...rest.matchAll(keyPattern)] : [];
  // From the right: each key whose value (up to the next accepted key) suits its type is an option;
  // any other is text of what comes before it.
  const found: { name: string; value: string }[] = [];
  let end = rest.length;
  for (const key of keys.reverse()) {
    const option = key[1]!.toLowerCase();
    const value = rest.slice(key.index + key[0].length, end).trim();
    if (value && accepts(specs[option]!.type, value)) {
      found.unshift({ name: option, value });
      end = key.index;
    }
  }
  const options: Record<string, string> = {};
  for (const { name: option, value } of found) {
    if (option in options) {
      return { kind: "error", message: `“${option}” is given twice; give it once. Usage: ${command.usage}` };
    }
    options[option] = value;
  }
  const free = rest.slice(0, end).trim();
  if (free) {
    const target = names.find((n) => !(n in options) && accepts(specs[n]!.type, free));
    if (!target) return { kind: "error", message: `/${name} takes no free text here. Usage: ${command.usage}` };
    options[target] = free;
  }
  return { kind: "command", name, options };
}

/** Whether console text can be a value of the type: integers are digits within the safe range, booleans yes/no words. */
function accepts(type: "string" | "integer" | "boolean", text: string): boolean {
  if (type === "integer") return /^[-+]?\d+$/.test(text) && Number.isSafeInteger(Number(text));
  if (type === "boolean") return /^(?:true|false|yes|no|y|n|on|off)$/i.test(text);
  return true;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** A reply as plain text: markdown undone, the bold excerpt as »…«, citations kept, buttons as hints. */
export function renderReply(reply: Reply, origin: Origin = CONSOLE_USER): string {
  const lines: string[] = [];
  const plain = (s: string) =>
    markdownToPlain(s).replace(/<@!?(\d+|console)>/g, (_, id: string) => (id === origin.user.id ? `@${origin.user.name}` : `@${id}`));
  if (reply.content) lines.push(plain(reply.content));
  for (const embed of reply.embeds ?? []) lines.push(...renderEmbed(embed, plain));
  const buttons = (reply.components ?? [])
    .flatMap((row) => row.components)
    .map((b) => ("label" in b && b.label ? `[${b.label}]` : null))
    .filter(Boolean);
  if (buttons.length > 0) lines.push("", `Buttons (on Discord): ${buttons.join(" ")}`);
  return lines.join("\n").trim();
}

/**
 * Text safe to print on a terminal: control characters other than newline are shown as symbols
 * (ESC as ␛, C1 controls and bidirectional overrides as �), so nothing a reply echoes can move
 * the cursor, retitle the window or reorder what is shown.
 */
export function terminalSafe(text: string): string {
  return text.replace(/[\p{Cc}\u202a-\u202e\u2066-\u2069]/gu, (ch) => {
    const code = ch.codePointAt(0)!;
    if (ch === "\n") return ch;
    if (code < 0x20) return String.fromCodePoint(0x2400 + code);
    if (code === 0x7f) return "\u2421";
    return "\ufffd";
  });
}

function renderEmbed(embed: APIEmbed, plain: (s: string) => string): string[] {
  const lines: string[] = [];
  if (embed.title) lines.push(`== ${plain(embed.title)} ==`);
  if (embed.description) lines.push("", plain(embed.description));
  for (const field of embed.fields ?? []) lines.push("", plain(field.name), plain(field.value));
  if (embed.footer) lines.push("", `— ${embed.footer.text}`);
  return lines;
}

export interface ConsoleOptions {
  dispatcher: Dispatcher;
  input: Readable;
  output: Writable;
  /** Show a prompt and a greeting (a terminal); false for piped input. */
  interactive: boolean;
}

/** Runs until the input ends (or `quit`). Resolves with the exit code: 0. */
export async function runConsole({ dispatcher, input, output, interactive }: ConsoleOptions): Promise<number> {
  const write = (s: string) => void output.write(terminalSafe(s));
  const rl = createInterface({ input, crlfDelay: Infinity, terminal: interactive, ...(interactive ? { output, prompt: "koba> " } : {}) });
  // Ctrl-C ends the console like Ctrl-D (readline would otherwise only pause).
  rl.on("SIGINT", () => rl.close());
  if (interactive) {
    const meta = dispatcher.search.primary.meta;
    write(
      `Console mode (no DISCORD_TOKEN): ask about “${meta.title}”${meta.date ? ` (${meta.date})` : ""}.\nTry /ask what happened to Trotsky's family?  /quote 42  /about  /help  — quit with Ctrl-D.\n`,
    );
    rl.prompt();
  }
  for await (const line of rl) {
    // Escape sequences and control characters typed or pasted are gone before anything reads the line.
    const parsed = parseLine(cleanText(line), dispatcher.registry);
    if (parsed.kind === "quit") break;
    if (parsed.kind === "error") write(`${parsed.message}\n\n`);
    if (parsed.kind === "command") {
      const reply = await dispatcher.command(parsed.name, parsed.options, CONSOLE_USER);
      write(`${renderReply(reply)}\n\n`);
    }
    if (interactive) rl.prompt();
  }
  rl.close();
  return 0;
}
