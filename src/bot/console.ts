/**
 * Local console mode (no DISCORD_TOKEN): the same registry, dispatcher and handlers as on Discord,
 * one command per line, replies rendered as plain text with their citations, buttons listed as
 * hints. Interactive with a prompt on a terminal; piped input is answered line by line with no
 * prompt, and the console ends when the input does.
 */
import { createInterface, type Interface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import { PermissionFlagsBits } from "./discord-values.ts";
import { declineMessage } from "../format/declines.ts";
import { cleanText } from "../search/input.ts";
import type { CorpusDocument } from "../search/index.ts";
import { encodeComponentId, parseComponentId } from "./custom-ids.ts";
import { cutText } from "./cut.ts";
import { customIdsOf, renderReply, type NextSection } from "./render.ts";
import { questionTitle } from "./replies.ts";
import { leaveOutSecrets, SECRET_LEFT_OUT } from "./secrets.ts";
import type { OptionSpec, OptionSpecs } from "./options.ts";
import type { Registry } from "./registry.ts";
import type { Dispatcher, Origin } from "./router.ts";
import type { Reply } from "./types.ts";
import type { Storage } from "../storage/index.ts";

/** The person at the keyboard: local, so never throttled (the member cooldown is for Discord). */
export const CONSOLE_USER: Origin = { user: { id: "console", name: "you" }, guildId: null, local: true };

/** The console's one server, whose study-group state the database keeps between sessions. */
const CONSOLE_GUILD = "console";
/** Its one channel, where `/plan … here: true` keeps a position of its own. */
const CONSOLE_CHANNEL = "console";

/** The person at the keyboard runs their own study group: an administrator has every permission. */
const ALL_PERMISSIONS = PermissionFlagsBits.Administrator;

/**
 * The console as a study group: one server and one channel named "console", you its organiser,
 * so /plan, /progress and /discuss work; a thread /discuss opens is printed as an indented block
 * (collected in `threads` and written after the reply that opened it).
 */
function consoleOrigin(threads: string[], store: Storage | null): Origin {
  return {
    user: CONSOLE_USER.user,
    guildId: CONSOLE_GUILD,
    local: true,
    channel: { id: CONSOLE_CHANNEL, parentId: null, isThread: false },
    memberPermissions: ALL_PERMISSIONS,
    appPermissions: ALL_PERMISSIONS,
    threads: {
      async open({ name, messages }) {
        const id = await freeThreadId(store);
        const body = messages.map((m) => renderReply(m, CONSOLE_USER, { bold: CONSOLE_BOLD })).join("\n\n");
        threads.push([`Thread #${id}: ${name}`, ...body.split("\n")].map((line) => `    │ ${line}`.trimEnd()).join("\n"));
        return { ok: true, id };
      },
    },
  };
}

/**
 * The next console thread id the database does not hold: threads stored by an earlier session
 * (the console restarted on the same database) keep theirs, so a new thread never takes one over.
 */
async function freeThreadId(store: Storage | null): Promise<string> {
  let n = (store ? await store.threadCount(CONSOLE_GUILD) : 0) + 1;
  while (store && (await store.thread(`console-thread-${n}`))) n += 1;
  return `console-thread-${n}`;
}

export type ParsedLine =
  | { kind: "empty" }
  | { kind: "quit" }
  /** `/more`: the next passages of the last answer (its "More results" button). */
  | { kind: "more" }
  /** `/context 42` (or `/context`: the last answer's first passage): the paragraphs around it. */
  | { kind: "context"; paragraph: number | null }
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
  // "/quit now" quits too: nothing a reader adds after it is a command of its own.
  if (/^(?:\/?(?:quit|exit)|\.exit)$|^\/(?:quit|exit)\s/i.test(text)) return { kind: "quit" };
  const more = /^\/more(?:\s+(.*))?$/i.exec(text);
  if (more)
    return more[1]
      ? { kind: "error", message: "/more takes nothing after it: it shows the next passages of the last answer." }
      : { kind: "more" };
  if (text === "/") return { kind: "error", message: "Type a command after the slash, e.g. /ask who was Trepper? or /help." };
  const context = /^\/context(?:\s+(.*))?$/i.exec(text);
  if (context) {
    if (!context[1]) return { kind: "context", paragraph: null };
    const n = /^(?:¶|p\.?\s*)?(\d{1,6})$/i.exec(context[1].trim());
    return n ? { kind: "context", paragraph: Number(n[1]) } : { kind: "error", message: "Usage: /context 42 (the paragraphs around ¶42)." };
  }
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
    } else if (specs[option]!.type === "integer" && NUMBER_LIKE.test(value)) {
      // "results: 2.5", "results: 1e3": a number meant for the option, not words of the question.
      return { kind: "error", message: `“${option}” takes a whole number such as 3, not “${cutText(value, 40)}”. Usage: ${command.usage}` };
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
  const misread = keyPattern ? misreadOption(free, specs) : null;
  if (misread) return { kind: "error", message: `${misread} Usage: ${command.usage}` };
  if (free) {
    const target = names.find((n) => !(n in options) && accepts(specs[n]!.type, free));
    const colonless = target === undefined || isShort(specs[target]!) ? withColons(free, specs) : null;
    if (colonless) return { kind: "error", message: `Options need a colon after their name: /${name} ${colonless}` };
    if (!target) return { kind: "error", message: `/${name} takes no free text here. Usage: ${command.usage}` };
    const unknown = unknownOption(free, specs[target]!);
    if (unknown) return { kind: "error", message: `/${name} has no option “${unknown}”. Usage: ${command.usage}` };
    options[target] = free;
  }
  return { kind: "command", name, options };
}

/**
 * Free text that starts with one of the command's option names was meant as that option, with a
 * value it cannot take (`/plan paragraph: abc`, `/ask question:`): said so, rather than handed to
 * another option as text. A name further in stays text: "who was Trepper? results: many".
 */
function misreadOption(free: string, specs: OptionSpecs): string | null {
  const lead = /^([\w-]+):\s*([\s\S]*)$/.exec(free);
  const name = lead?.[1]?.toLowerCase();
  const spec = name !== undefined && Object.hasOwn(specs, name) ? specs[name] : undefined;
  if (!spec || !lead) return null;
  const value = cutText(lead[2]!, 40);
  if (!value) return `“${name}” needs a value after the colon.`;
  return spec.type === "integer"
    ? `“${name}” takes a whole number such as 3, not “${value}”.`
    : `“${name}” takes true or false, not “${value}”.`;
}

/**
 * Free text that opens with one of the command's option names, without its colon (`/plan clear`,
 * `/plan session 2 date 2026-12-05`), written as meant: each name with its colon, a yes/no option
 * with no value given `true`. Null when the text does not open with an option's name.
 */
function withColons(free: string, specs: OptionSpecs): string | null {
  const words = free.split(/\s+/);
  const isName = (word: string | undefined) => word !== undefined && Object.hasOwn(specs, word.toLowerCase());
  if (!isName(words[0])) return null;
  const out: string[] = [];
  words.forEach((word, i) => {
    if (!isName(word)) return void out.push(word);
    const option = word.toLowerCase();
    out.push(`${option}:`);
    const next = words[i + 1];
    if (specs[option]!.type === "boolean" && (next === undefined || isName(next) || !accepts("boolean", next))) out.push("true");
  });
  return out.join(" ");
}

/** An option that takes a word, a number or a yes/no rather than a sentence. */
function isShort(spec: OptionSpec): boolean {
  return spec.type !== "string" || (spec.maxLength !== undefined && spec.maxLength <= SHORT_VALUE);
}

/** A number a whole-number option cannot take: a fraction, an exponent, or too large to be exact. */
const NUMBER_LIKE = /^[-+]?(?:\d[\d,]*(?:\.\d*)?|\.\d+)(?:e[-+]?\d+)?$/i;

/** The longest value an option takes as a word, a number or a channel rather than as a sentence. */
const SHORT_VALUE = 40;

/**
 * Free text shaped like `name: value` bound for a short option (/settings answers takes a word)
 * names an option the command does not have: said so, rather than read as that option's value
 * (`/settings foo: bar` is not an answers setting). A question or a phrase may hold a colon.
 */
function unknownOption(free: string, target: OptionSpec): string | null {
  const short = isShort(target);
  const lead = /^([a-z][\w-]*):\s*\S/i.exec(free);
  return short && lead ? lead[1]!.toLowerCase() : null;
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

export interface ConsoleOptions {
  dispatcher: Dispatcher;
  input: Readable;
  output: Writable;
  /** Show a prompt and a greeting, complete command names with Tab, Ctrl-C clears the line (a terminal); false for piped input. */
  interactive: boolean;
  /** Wrap text at this width (the terminal's columns); no wrapping when absent. */
  columns?: number;
  /** Colour the citations, the answering sentence and the footers (a terminal without NO_COLOR). */
  color?: boolean;
}

/** Colour on a terminal only, and never when NO_COLOR is set to anything (https://no-color.org). */
export function useColor(isTTY: boolean | undefined, env: Readonly<Record<string, string | undefined>>): boolean {
  return Boolean(isTTY) && !env.NO_COLOR;
}

/** The console's own commands and the registry's, for Tab completion and help. */
const CONSOLE_COMMANDS = ["/more", "/context", "/quit"];

/**
 * Runs until the input ends, `/quit`, or Ctrl-C on an empty line (or twice in a row). Resolves
 * with the exit code: 0, or 130 after Ctrl-C.
 */
export async function runConsole({ dispatcher, input, output, interactive, columns, color = false }: ConsoleOptions): Promise<number> {
  const show = (s: string) => void output.write(style(wrap(terminalSafe(s), columns), color));
  const rl = createInterface({
    input,
    crlfDelay: Infinity,
    terminal: interactive,
    ...(interactive ? { output, prompt: "koba> ", completer: commandCompleter(dispatcher.registry) } : {}),
  });
  const interrupts = handleInterrupts(rl, output, interactive);
  if (interactive) {
    show(greeting(dispatcher.search.primary.meta));
    rl.prompt();
  }
  const session = consoleSession(dispatcher, show);
  for await (const line of rl) {
    interrupts.lineRead();
    // Escape sequences and control characters typed or pasted are gone before anything reads the
    // line, and so are secrets: the line's parser echoes a mistaken value before the dispatcher
    // (which leaves secrets out of what Discord sends) could.
    const typed = leaveOutSecrets(cleanText(line));
    const parsed = parseLine(typed.text, dispatcher.registry);
    if (parsed.kind === "quit") break;
    if (typed.removed) show(`${SECRET_LEFT_OUT}\n\n`);
    await session.answer(parsed);
    if (interrupts.stopped) break;
    if (interactive) rl.prompt();
  }
  rl.close();
  return interrupts.code;
}

/**
 * Ctrl-C: a half-typed line is cleared; on an empty line, or twice in a row, the console ends
 * (exit code 130). `stopped` is then set: a line still being answered is the last one (Node's
 * line iterator may otherwise wait forever once the interface closed under it).
 */
function handleInterrupts(
  rl: Interface,
  output: Writable,
  interactive: boolean,
): { readonly code: number; readonly stopped: boolean; lineRead(): void } {
  let interrupted = false;
  let stopped = false;
  rl.on("SIGINT", () => {
    if (rl.line.length > 0 && !interrupted) {
      interrupted = true;
      rl.write(null, { ctrl: true, name: "e" });
      rl.write(null, { ctrl: true, name: "u" });
      output.write("^C\n");
      rl.prompt();
      return;
    }
    stopped = true;
    if (interactive) output.write("\n");
    rl.close();
  });
  return {
    get code() {
      return stopped ? 130 : 0;
    },
    get stopped() {
      return stopped;
    },
    lineRead() {
      interrupted = false;
    },
  };
}

/**
 * The console's side of a conversation: answers each parsed line, and remembers the last reply
 * with buttons, whose console equivalents `/more` and `/context` press.
 */
function consoleSession(dispatcher: Dispatcher, show: (text: string) => void): { answer(parsed: ParsedLine): Promise<void> } {
  const threads: string[] = [];
  const origin = consoleOrigin(threads, dispatcher.store);
  // The last reply with buttons, whose context buttons /context presses.
  let last: Reply | null = null;
  // The last answer to a question (/ask, or a page /more showed), whose "More results" /more
  // presses, whatever came after it (/context, /quote): null until something is asked.
  let lastAnswer: Reply | null = null;
  // `heading`: an /ask reply's question, printed over declines too (their replies have no embed
  // to carry it), so each reply in a piped session says which question it answers.
  const render = async (reply: Reply, answers: boolean, heading?: string): Promise<void> => {
    if (reply.components?.length) last = reply;
    if (answers) lastAnswer = reply;
    const nextSection = customIdsOf(reply).some((id) => parseComponentId(id, "next-section")) ? await sectionToMark(dispatcher) : null;
    show(`${renderReply(reply, origin, { ...(heading ? { heading } : {}), nextSection, bold: CONSOLE_BOLD })}\n\n`);
    // A thread the command opened (/discuss), after the reply that opened it.
    for (const block of threads.splice(0)) show(`${block}\n\n`);
  };
  return {
    async answer(parsed) {
      if (parsed.kind === "error") show(`${parsed.message}\n\n`);
      if (parsed.kind === "command") {
        const asked = parsed.name === "ask" ? parsed.options.question : undefined;
        const heading = asked === undefined ? undefined : questionTitle(cleanText(asked));
        await render(await dispatcher.command(parsed.name, parsed.options, origin), parsed.name === "ask", heading);
      }
      if (parsed.kind === "more") {
        const id = lastAnswer ? moreButtonId(lastAnswer) : undefined;
        if (id) await render(await dispatcher.button(id, origin), true);
        else if (lastAnswer) show("There are no more passages for that question: /ask another one.\n\n");
        else show("Nothing more to show: /ask a question first; /more then shows its next passages.\n\n");
      }
      if (parsed.kind === "context") {
        const target = contextButtonId(last, parsed.paragraph, dispatcher.search.primary);
        if ("id" in target) await render(await dispatcher.button(target.id, origin), false);
        else show(`${target.message}\n\n`);
      }
    },
  };
}

/**
 * The section "Next section read" would mark read: the one after the position in force in the
 * console's channel (its own, else the server's, as the button moves it), which `/plan section: N`
 * (with `here: true` for the channel's own) marks read in the console; null when none is left.
 */
async function sectionToMark(dispatcher: Dispatcher): Promise<NextSection | null> {
  const position = await dispatcher.store?.position(CONSOLE_GUILD, [CONSOLE_CHANNEL]);
  const upTo = position?.upTo ?? 0;
  const index = dispatcher.search.primary.sections.findIndex((s) => s.last > upTo);
  return index < 0 ? null : { section: index + 1, here: position?.channelId === CONSOLE_CHANNEL };
}

/** Tab completion of command names: the registry's and the console's own. */
function commandCompleter(registry: Registry): (line: string) => [string[], string] {
  const names = [...[...registry.commands.keys()].map((n) => `/${n}`), ...CONSOLE_COMMANDS].sort();
  return (line) => {
    if (!/^\/\S*$/.test(line)) return [[], line];
    const hits = names.filter((n) => n.startsWith(line.toLowerCase()));
    return [hits.length === 1 ? [`${hits[0]} `] : hits.length > 0 ? hits : names, line];
  };
}

function greeting(meta: { title: string; date: string | null }): string {
  return `Console mode (no DISCORD_TOKEN): ask about “${meta.title}”${meta.date ? ` (${meta.date})` : ""}.\nTry /ask what happened to Trotsky's family?  /quote 42  /about  /help  — Tab completes a command, /quit or Ctrl-D leaves.\n`;
}

/** `/more`: the "More results" button of the last reply that had buttons. */
function moreButtonId(last: Reply): string | undefined {
  return customIdsOf(last).find((i) => parseComponentId(i, "more"));
}

/**
 * `/context [n]`: the last reply's context button (for ¶n), else a context button for ¶n of the
 * first document; a paragraph it does not have is said so, as `/quote` says it.
 */
function contextButtonId(last: Reply | null, paragraph: number | null, primary: CorpusDocument): { id: string } | { message: string } {
  const ids = last ? customIdsOf(last).filter((i) => parseComponentId(i, "context")) : [];
  const shown = paragraph === null ? ids[0] : ids.find((i) => parseComponentId(i, "context")?.ref.paragraph === paragraph);
  if (shown) return { id: shown };
  if (paragraph === null) return { message: "Which paragraph? For example /context 42 shows the paragraphs around ¶42." };
  const count = primary.paragraphs.length;
  if (paragraph < 1 || paragraph > count) {
    return { message: declineMessage({ code: "out-of-range", paragraph: String(paragraph), title: null, paragraphs: count }) };
  }
  const id = encodeComponentId({ kind: "context", ref: { doc: primary.meta.id, paragraph }, cap: null });
  return id ? { id } : { message: "Which paragraph? For example /context 42 shows the paragraphs around ¶42." };
}

/**
 * Word-wraps each line at `columns` (a word longer than a line is cut), keeping a line's leading
 * "▶ " or spaces as the indent of its continuation lines. Without `columns`, the text as is.
 */
export function wrap(text: string, columns: number | undefined): string {
  if (!columns || columns < 20) return text;
  const width = columns - 1;
  return text
    .split("\n")
    .map((line) => {
      if (line.length <= width) return line;
      const out: string[] = [];
      let current = "";
      for (const word of line.split(/ +/)) {
        let w = word;
        while (w.length > width) {
          if (current) out.push(current);
          current = "";
          out.push(w.slice(0, width));
          w = w.slice(width);
        }
        if (!current) current = w;
        else if (current.length + 1 + w.length <= width) current += ` ${w}`;
        else {
          out.push(current);
          current = w;
        }
      }
      if (current) out.push(current);
      return out.join("\n");
    })
    .join("\n");
}

/**
 * Where the console's replies hold Discord's bold: characters of Unicode's private use area, which
 * no reply's text holds, so {@link style} finds the span (the review's own “…” are not it) and
 * shows it as “…”, coloured on a terminal. Each is one column wide, as the quote mark it becomes.
 */
export const CONSOLE_BOLD = { open: "\ue000", close: "\ue001" } as const;

const SGR = { reset: "\u001b[0m", bold: "\u001b[1m", dim: "\u001b[2m", cyan: "\u001b[36m", yellow: "\u001b[33m" } as const;

/**
 * Colours rendered text for a terminal: titles bold, citations cyan, the answering sentence
 * ({@link CONSOLE_BOLD}, across wrapped lines) bold yellow as “…”, footers and hints dim. Without
 * `color`, as is but for the bold's marks, which become “ and ”.
 */
export function style(text: string, color: boolean): string {
  const quoted = (line: string) => line.replaceAll(CONSOLE_BOLD.open, "“").replaceAll(CONSOLE_BOLD.close, "”");
  if (!color) return quoted(text);
  let inExcerpt = false;
  // A footer or hint stays dim on the lines it was wrapped onto, up to the next blank line.
  let dim = false;
  return text
    .split("\n")
    .map((line) => {
      if (!line) dim = false;
      if (/^(?:— |Next: )/.test(line)) dim = true;
      // A line coloured whole shows a bold span only as its marks.
      if (dim) return `${SGR.dim}${quoted(line)}${SGR.reset}`;
      if (/^== .* ==$/.test(line)) return `${SGR.bold}${quoted(line)}${SGR.reset}`;
      if (/^(?:▶ )?¶\d+/.test(line)) return `${SGR.cyan}${SGR.bold}${quoted(line)}${SGR.reset}`;
      let out = inExcerpt ? `${SGR.bold}${SGR.yellow}` : "";
      for (const ch of line) {
        if (ch === CONSOLE_BOLD.open) {
          inExcerpt = true;
          out += `${SGR.bold}${SGR.yellow}“`;
        } else if (ch === CONSOLE_BOLD.close) {
          inExcerpt = false;
          out += `”${SGR.reset}`;
        } else out += ch;
      }
      return inExcerpt ? `${out}${SGR.reset}` : out;
    })
    .join("\n");
}
