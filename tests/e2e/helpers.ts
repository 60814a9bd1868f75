/**
 * Shared fixtures of the bot's end-to-end tests: the real bot (createBot, real discord.js client,
 * real index over the real corpus) logged in to a local Discord emulator, a logger whose lines
 * tests can wait for, reading what a member sees in a reply, and child processes killed as a tree.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { APIMessage } from "discord-api-types/v10";
import { defaultConfig, type BotConfig } from "../../src/bot/config.ts";
import { deployCommands } from "../../src/bot/deploy.ts";
import { createBot, type Bot } from "../../src/bot/gateway.ts";
import { markdownToPlain } from "../../src/bot/markdown.ts";
import { createLogger, type Logger, type LogLevel } from "../../src/bot/logger.ts";
import type { Registry } from "../../src/bot/registry.ts";
import type { Clock } from "../../src/bot/types.ts";
import { Storage, type StorageOptions } from "../../src/storage/index.ts";
import { realRegistry, realSearch } from "../bot/helpers.ts";
import { DiscordEmulator, type DiscordEmulatorOptions, type ResponseBody } from "../emulator/index.ts";
import { Recorder } from "../emulator/recorder.ts";

/** The project root (where package.json is). */
export const ROOT = fileURLToPath(new URL("../..", import.meta.url));

export const EPHEMERAL = 64;
export const NO_MENTIONS = { parse: [], replied_user: false } as const;

/** The real index and commands, built once per test file (each file is its own process). */
export { realRegistry, realSearch };

export interface LogLine {
  level: string;
  msg: string;
  [key: string]: unknown;
}

/** A real logger (JSON lines, redaction) whose parsed lines tests can read and wait for. */
export class LogCapture {
  readonly #lines = new Recorder<LogLine>();
  readonly raw: string[] = [];
  readonly logger: Logger;

  constructor(level: LogLevel = "info", secrets: string[] = []) {
    this.logger = createLogger({
      level,
      secrets,
      write: (line) => {
        this.raw.push(line);
        this.#lines.push(JSON.parse(line) as LogLine);
      },
    });
  }

  get lines(): readonly LogLine[] {
    return this.#lines.items;
  }

  waitFor(predicate: (line: LogLine) => boolean, timeoutMs = 10_000): Promise<LogLine> {
    return this.#lines.waitFor(predicate, timeoutMs, "a log line");
  }
}

export interface BotOnEmulator {
  emulator: DiscordEmulator;
  bot: Bot;
  logs: LogCapture;
  /** Stops the bot, then the emulator. */
  stop(): Promise<void>;
}

export interface StartOptions {
  emulator?: DiscordEmulatorOptions;
  config?: Partial<BotConfig>;
  registry?: Registry;
  clock?: Clock;
  logLevel?: LogLevel;
}

/** An emulator on a free port and the real bot logged in to it; resolves once the bot is ready. */
export async function startBotOnEmulator(options: StartOptions = {}): Promise<BotOnEmulator> {
  const emulator = await DiscordEmulator.start(options.emulator);
  const logs = new LogCapture(options.logLevel ?? "info", [emulator.token]);
  const bot = createBot({
    token: emulator.token,
    apiUrl: emulator.apiUrl,
    search: realSearch(),
    config: defaultConfig(options.config),
    logger: logs.logger,
    registry: options.registry ?? (await realRegistry()),
    ...(options.clock ? { clock: options.clock } : {}),
  });
  try {
    await bot.start();
  } catch (error) {
    await bot.stop();
    await emulator.stop();
    throw error;
  }
  return {
    emulator,
    bot,
    logs,
    async stop() {
      await bot.stop();
      await emulator.stop();
    },
  };
}

export interface GroupOnEmulator {
  emulator: DiscordEmulator;
  /**
   * Starts the real bot on the group's database, opened anew (a second call after stopBots() is a
   * restart: a new client, the same data). Several may run at once, one per shard.
   */
  startBot(options?: { clock?: Clock; shard?: { id: number; count: number } }): Promise<{ bot: Bot; store: Storage; logs: LogCapture }>;
  /** Stops every running bot and closes its database. */
  stopBots(): Promise<void>;
  /** Stops the bots, then the emulator. */
  stop(): Promise<void>;
}

/**
 * A study group on the emulator: the commands deployed to its first guild as `npm run deploy` does
 * (so Discord knows which are for Manage Server), and bots started on `database` on demand. With a
 * clock, a bot's reminders tick only when the test calls tick().
 */
export async function startGroupOnEmulator(database: StorageOptions, emulatorOptions?: DiscordEmulatorOptions): Promise<GroupOnEmulator> {
  const emulator = await DiscordEmulator.start(emulatorOptions);
  const registry = await realRegistry();
  await deployCommands({
    token: emulator.token,
    applicationId: emulator.applicationId,
    guildId: emulator.guilds[0]!.id,
    apiUrl: emulator.apiUrl,
    registry,
  });
  const running: { bot: Bot; store: Storage }[] = [];
  const stopBots = async () => {
    for (const { bot, store } of running.splice(0)) {
      await bot.stop();
      await store.close();
    }
  };
  return {
    emulator,
    async startBot({ clock, shard } = {}) {
      const store = await Storage.open(database);
      const logs = new LogCapture("warn", [emulator.token]);
      const bot = createBot({
        token: emulator.token,
        apiUrl: emulator.apiUrl,
        search: realSearch(),
        config: defaultConfig(),
        logger: logs.logger,
        registry,
        store,
        ...(clock ? { clock, reminderIntervalMs: 0 } : {}),
        ...(shard ? { shards: [shard.id], shardCount: shard.count } : {}),
      });
      running.push({ bot, store });
      await bot.start();
      return { bot, store, logs };
    },
    stopBots,
    async stop() {
      await stopBots();
      await emulator.stop();
    },
  };
}

/**
 * What a member or Discord would hold against the bot once things settle: an interaction answered
 * other than exactly once (the ones in `unanswered`, whose every answer a fault refused, never),
 * a second answer refused as already acknowledged (40060), or a late one refused as unknown
 * (10062). Empty when every interaction got one answer. Waits `settleMs` first, so a duplicate
 * still on its way arrives before the count.
 */
export async function onceOnlyViolations(
  env: Pick<BotOnEmulator, "emulator" | "logs">,
  options: { unanswered?: readonly string[]; settleMs?: number } = {},
): Promise<string[]> {
  await new Promise((resolve) => setTimeout(resolve, options.settleMs ?? 300));
  const { emulator, logs } = env;
  const unanswered = new Set(options.unanswered ?? []);
  const out: string[] = [];
  for (const id of emulator.interactionIds) {
    const count = emulator.callbacks.get(id)?.length ?? 0;
    const expected = unanswered.has(id) ? 0 : 1;
    if (count !== expected) out.push(`interaction ${id}: ${count} accepted callbacks, expected ${expected}`);
  }
  for (const r of emulator.requests) {
    if (r.errorCode === 40060 || r.errorCode === 10062) out.push(`${r.method} ${r.route ?? r.path} refused with ${r.errorCode}`);
  }
  for (const l of logs.lines) if (l.msg === "interaction expired or already answered") out.push(`bot logged: ${l.msg}`);
  return out;
}

/** A clock that does not move: the cooldown then depends only on how many asks a user made. */
export const frozenClock: Clock = { now: () => 1_700_000_000_000 };

/** What a member reads in a reply (content, embed texts), as plain text: escapes undone, bold as »…«. */
export function visibleText(data: Pick<ResponseBody, "content" | "embeds">): string {
  const parts: string[] = [];
  if (data.content) parts.push(data.content);
  for (const e of data.embeds ?? []) {
    parts.push(e.title ?? "", e.description ?? "", ...(e.fields ?? []).flatMap((f) => [f.name, f.value]), e.footer?.text ?? "");
  }
  return markdownToPlain(parts.join("\n"));
}

/** Buttons on a message: custom id and label. */
export function buttonsOf(message: Pick<APIMessage, "components"> | null | undefined): { customId: string; label: string }[] {
  const rows = message?.components ?? [];
  return rows.flatMap((row) =>
    "components" in row
      ? (row.components as unknown[]).flatMap((b) => {
          const button = b as { custom_id?: string; label?: string };
          return button.custom_id ? [{ customId: button.custom_id, label: button.label ?? "" }] : [];
        })
      : [],
  );
}

/** The custom id of the button whose id starts with `prefix`; throws with the buttons there are otherwise. */
export function buttonId(message: Pick<APIMessage, "components"> | null | undefined, prefix: string): string {
  const buttons = buttonsOf(message);
  const found = buttons.find((b) => b.customId.startsWith(prefix));
  if (!found) throw new Error(`no button starting with "${prefix}" on the message (buttons: ${JSON.stringify(buttons)})`);
  return found.customId;
}

/** `promise`, or a rejection saying what did not happen once `ms` have passed. */
export function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

// ---------------------------------------------------------------- child processes

export interface Child {
  process: ChildProcess;
  /** Everything written so far to stdout / stderr (of the whole process tree sharing them). */
  readonly stdout: string;
  readonly stderr: string;
  /** Resolves with the exit code (null when killed by a signal). */
  readonly exited: Promise<number | null>;
  /**
   * Resolves once the process has exited and its stdout and stderr are closed, i.e. once every
   * process that inherited them (a ShardingManager's shards, say) has exited too.
   */
  readonly closed: Promise<void>;
  /** Resolves with the first stderr line matching `pattern` (past or future); rejects after `timeoutMs`. */
  waitForStderrLine(pattern: RegExp, timeoutMs?: number): Promise<string>;
  /** Kills the whole process group (npm, sh, tsx, node, shards): SIGTERM, then SIGKILL if it lingers. */
  kill(): Promise<void>;
}

/**
 * Runs a command in its own process group, so that `kill()` reaches every process it started
 * (npm → sh → tsx → node, or a ShardingManager and its shards), not just the first.
 */
export function spawnTree(command: string, args: string[], env: NodeJS.ProcessEnv): Child {
  const child = spawn(command, args, { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"], detached: true });
  let stdout = "";
  let stderr = "";
  const stderrLines = new Recorder<string>();
  let partial = "";
  child.stdout?.on("data", (c: Buffer) => (stdout += c.toString("utf8")));
  child.stderr?.on("data", (c: Buffer) => {
    const text = c.toString("utf8");
    stderr += text;
    const lines = (partial + text).split("\n");
    partial = lines.pop() ?? "";
    for (const line of lines) stderrLines.push(line);
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const closed = new Promise<void>((resolve) => child.once("close", () => resolve()));
  const signalGroup = (signal: NodeJS.Signals): void => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      // The group is gone already.
    }
  };
  return {
    process: child,
    get stdout() {
      return stdout;
    },
    get stderr() {
      return stderr;
    },
    exited,
    closed,
    waitForStderrLine(pattern, timeoutMs = 30_000) {
      return stderrLines.waitFor((line) => pattern.test(line), timeoutMs, `a stderr line matching ${String(pattern)}`);
    },
    async kill() {
      if (child.pid === undefined) return;
      signalGroup("SIGTERM");
      const timer = setTimeout(() => signalGroup("SIGKILL"), 5_000);
      await exited;
      clearTimeout(timer);
      // Whatever the leader left behind (a shard that ignored the signal) goes now.
      signalGroup("SIGKILL");
    },
  };
}
