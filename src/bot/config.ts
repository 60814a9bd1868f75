/**
 * Configuration: a pure function of an environment record. Every variable is checked at start;
 * a mistake is reported by the variable's name, all mistakes at once.
 */
import { corpusDirFrom, defaultCorpusDir } from "../corpus/load.ts";
import { maskTokens, type LogLevel } from "./logger.ts";

export interface CooldownConfig {
  /** Asks allowed per user within the window. */
  limit: number;
  /** Window length in seconds. */
  seconds: number;
}

export interface BotConfig {
  /** Bot token; null runs the local console instead of connecting to Discord. */
  token: string | null;
  /** Application (bot user) id, for deploying commands; taken from the token when not given. */
  applicationId: string | null;
  /** Guild to deploy commands to (instant, for development); null deploys globally. */
  guildId: string | null;
  /** Overrides the REST base (e.g. `http://127.0.0.1:8080/api`) to run against a local emulator. */
  apiUrl: string | null;
  /** Servers where replies are public by default (otherwise only the asker sees them). */
  publicGuildIds: ReadonlySet<string>;
  cooldown: CooldownConfig;
  logLevel: LogLevel;
  /** Append log lines to this file instead of stderr (the console writes logs only there, or errors only to stderr). */
  logFile: string | null;
  /** Defer a reply when a handler has not answered after this many milliseconds (Discord allows 3 s). */
  deferAfterMs: number;
  /** The SQLite file of the study groups' memory (used when `databaseUrl` is null). */
  databasePath: string;
  /** A PostgreSQL URL (`postgres://…`): several machines share one database. Null for SQLite. */
  databaseUrl: string | null;
  /** How long start-up may wait for Discord (login and every shard ready) before giving up, in seconds. */
  startTimeoutSeconds: number;
  /** The shards this process runs (SHARDS, e.g. `0,1` or `[0,1]`); null leaves it to discord.js (all of SHARD_COUNT). */
  shards: number[] | null;
  /** Total shards over every process and machine (SHARD_COUNT); null for one. */
  shardCount: number | null;
  /** The corpus folder (`CORPUS_DIR`, default the project's `corpus/`). */
  corpusDir: string;
}

export type ConfigResult = { ok: true; config: BotConfig } | { ok: false; errors: string[] };

export type Env = Readonly<Record<string, string | undefined>>;

/** Every variable read, with what it is for: .env.example documents the same list. */
export const CONFIG_VARIABLES = [
  "DISCORD_TOKEN",
  "DISCORD_APPLICATION_ID",
  "DISCORD_GUILD_ID",
  "DISCORD_API_URL",
  "PUBLIC_GUILD_IDS",
  "ASK_COOLDOWN_LIMIT",
  "ASK_COOLDOWN_SECONDS",
  "LOG_LEVEL",
  "LOG_FILE",
  "DEFER_AFTER_MS",
  "DATABASE_PATH",
  "DATABASE_URL",
  "START_TIMEOUT_SECONDS",
  "SHARDS",
  "SHARD_COUNT",
  "CORPUS_DIR",
] as const;

const DEFAULTS = {
  cooldown: { limit: 5, seconds: 30 },
  logLevel: "info" as LogLevel,
  deferAfterMs: 2000,
  databasePath: "data/bot.sqlite",
  startTimeoutSeconds: 15,
} as const;

const LOG_LEVELS: readonly LogLevel[] = ["debug", "info", "warn", "error", "silent"];
const SNOWFLAKE = /^\d{17,20}$/;

type ConfigVariable = (typeof CONFIG_VARIABLES)[number];

/** Reads variables from the environment, trimmed, and collects what is wrong with them, in order. */
class EnvReader {
  readonly errors: string[] = [];
  private readonly env: Env;
  constructor(env: Env) {
    this.env = env;
  }

  /** A variable's value, null when unset or blank. */
  get(name: ConfigVariable): string | null {
    const value = this.env[name]?.trim();
    return value ? value : null;
  }

  /** A whole number within bounds; the fallback (and an error) when it is not one. */
  integer(name: ConfigVariable, fallback: number, min: number, max: number): number {
    const value = this.get(name);
    if (value === null) return fallback;
    const n = /^\d+$/.test(value) ? Number(value) : NaN;
    if (!Number.isSafeInteger(n) || n < min || n > max) {
      this.errors.push(`${name} must be a whole number from ${min} to ${max}, not “${maskTokens(value)}”.`);
      return fallback;
    }
    return n;
  }

  /** A Discord id, or null when unset. */
  snowflake(name: "DISCORD_APPLICATION_ID" | "DISCORD_GUILD_ID"): string | null {
    const value = this.get(name);
    if (value !== null && !SNOWFLAKE.test(value))
      this.errors.push(`${name} must be a Discord id (17 to 20 digits), not “${maskTokens(value)}”.`);
    return value;
  }
}

/**
 * Reads and checks the configuration, in steps: Discord (token, ids, API URL, public servers),
 * timing (cooldown, defer, start timeout), sharding, logging, storage, the corpus folder. Every
 * mistake is listed, not only the first.
 *
 * @example
 * const result = parseConfig(process.env);
 * if (!result.ok) console.error(result.errors.join("\n"));
 */
export function parseConfig(env: Env): ConfigResult {
  const read = new EnvReader(env);
  const discord = readDiscord(read);
  const timing = readTiming(read);
  const sharding = readSharding(read);
  const logLevel = readLogLevel(read);
  const storage = readStorage(read);
  const corpus = corpusDirFrom(env);
  if ("error" in corpus) read.errors.push(corpus.error);

  if (read.errors.length > 0 || "error" in corpus) return { ok: false, errors: read.errors };
  return {
    ok: true,
    config: { ...discord, ...timing, ...sharding, logLevel, ...storage, logFile: read.get("LOG_FILE"), corpusDir: corpus.dir },
  };
}

/** The token (bare, three dotted parts), the application and guild ids, the API URL and the public servers. */
function readDiscord(read: EnvReader): Pick<BotConfig, "token" | "applicationId" | "guildId" | "apiUrl" | "publicGuildIds"> {
  const token = read.get("DISCORD_TOKEN");
  if (token !== null) {
    if (/^bot\s/i.test(token)) read.errors.push("DISCORD_TOKEN must be the bare token, without the “Bot ” prefix.");
    else if (/\s/.test(token)) read.errors.push("DISCORD_TOKEN must not contain spaces.");
    else if (token.split(".").length !== 3)
      read.errors.push("DISCORD_TOKEN does not look like a bot token (three parts separated by dots).");
  }
  const applicationId = read.snowflake("DISCORD_APPLICATION_ID") ?? (token ? applicationIdFromToken(token) : null);
  const guildId = read.snowflake("DISCORD_GUILD_ID");

  const apiUrl = read.get("DISCORD_API_URL");
  if (apiUrl !== null) {
    let url: URL | null = null;
    try {
      url = new URL(apiUrl);
    } catch {
      url = null;
    }
    if (!url || (url.protocol !== "http:" && url.protocol !== "https:")) {
      read.errors.push(`DISCORD_API_URL must be an http(s) URL such as http://127.0.0.1:8080/api, not “${maskTokens(apiUrl)}”.`);
    }
  }

  const publicGuildIds = new Set<string>();
  for (const id of (read.get("PUBLIC_GUILD_IDS") ?? "").split(/[\s,]+/).filter(Boolean)) {
    if (SNOWFLAKE.test(id)) publicGuildIds.add(id);
    else read.errors.push(`PUBLIC_GUILD_IDS must be a comma-separated list of Discord ids; “${maskTokens(id)}” is not one.`);
  }
  return { token, applicationId, guildId, apiUrl, publicGuildIds };
}

/** The member cooldown, when to defer a slow reply, and how long to wait for Discord at start. */
function readTiming(read: EnvReader): Pick<BotConfig, "cooldown" | "deferAfterMs" | "startTimeoutSeconds"> {
  const cooldown = {
    limit: read.integer("ASK_COOLDOWN_LIMIT", DEFAULTS.cooldown.limit, 1, 1000),
    seconds: read.integer("ASK_COOLDOWN_SECONDS", DEFAULTS.cooldown.seconds, 1, 86_400),
  };
  const deferAfterMs = read.integer("DEFER_AFTER_MS", DEFAULTS.deferAfterMs, 0, 2500);
  const startTimeoutSeconds = read.integer("START_TIMEOUT_SECONDS", DEFAULTS.startTimeoutSeconds, 1, 600);
  return { cooldown, deferAfterMs, startTimeoutSeconds };
}

/** SHARD_COUNT, and SHARDS checked against it. */
function readSharding(read: EnvReader): Pick<BotConfig, "shards" | "shardCount"> {
  const shardCountText = read.get("SHARD_COUNT");
  const shardCount = shardCountText === null ? null : read.integer("SHARD_COUNT", 1, 1, 100_000);
  const shards = parseShards(read.get("SHARDS"), shardCountText === null ? null : shardCount, read.errors);
  return { shards, shardCount };
}

function readLogLevel(read: EnvReader): LogLevel {
  const level = read.get("LOG_LEVEL")?.toLowerCase() ?? DEFAULTS.logLevel;
  if (!LOG_LEVELS.includes(level as LogLevel))
    read.errors.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(", ")}, not “${maskTokens(level)}”.`);
  return level as LogLevel;
}

/** The SQLite file, or a PostgreSQL URL that replaces it. */
function readStorage(read: EnvReader): Pick<BotConfig, "databasePath" | "databaseUrl"> {
  const databasePath = read.get("DATABASE_PATH") ?? DEFAULTS.databasePath;
  const databaseUrl = read.get("DATABASE_URL");
  if (databaseUrl !== null && !/^postgres(?:ql)?:\/\/\S+$/i.test(databaseUrl)) {
    read.errors.push("DATABASE_URL must be a PostgreSQL URL such as postgres://user:password@host:5432/koba (or empty for SQLite).");
  }
  return { databasePath, databaseUrl };
}

/**
 * SHARDS as README writes it (`0,1`) or as discord.js's ShardingManager passes it (`1`, `[0,1]`):
 * distinct whole numbers below SHARD_COUNT, which it needs.
 */
function parseShards(value: string | null, shardCount: number | null, errors: string[]): number[] | null {
  if (value === null) return null;
  const parts = value
    .replace(/^\[|\]$/g, "")
    .split(/[\s,]+/)
    .filter(Boolean);
  if (parts.length === 0 || !parts.every((p) => /^\d{1,6}$/.test(p))) {
    errors.push(`SHARDS must be shard numbers separated by commas, such as 0,1, not “${maskTokens(value)}”.`);
    return null;
  }
  const shards = parts.map(Number);
  if (shardCount === null) {
    errors.push("SHARDS needs SHARD_COUNT, the total number of shards over every machine (e.g. SHARDS=0,1 SHARD_COUNT=4).");
    return null;
  }
  const outside = shards.filter((n) => n >= shardCount);
  if (outside.length > 0)
    errors.push(`SHARDS must be below SHARD_COUNT (${shardCount}): shard numbers start at 0, so ${outside.join(", ")} do not exist.`);
  else if (new Set(shards).size !== shards.length) errors.push(`SHARDS lists a shard twice: “${value}”.`);
  return shards;
}

/** A bot token's first part is the bot's user id (= application id) in base64. */
export function applicationIdFromToken(token: string): string | null {
  const first = token.split(".")[0] ?? "";
  try {
    const decoded = Buffer.from(first, "base64").toString("utf8");
    return SNOWFLAKE.test(decoded) ? decoded : null;
  } catch {
    return null;
  }
}

/** A configuration for tests and the console: no token, defaults everywhere. */
export function defaultConfig(overrides: Partial<BotConfig> = {}): BotConfig {
  return {
    token: null,
    applicationId: null,
    guildId: null,
    apiUrl: null,
    publicGuildIds: new Set(),
    cooldown: { ...DEFAULTS.cooldown },
    logLevel: DEFAULTS.logLevel,
    logFile: null,
    deferAfterMs: DEFAULTS.deferAfterMs,
    databasePath: DEFAULTS.databasePath,
    databaseUrl: null,
    startTimeoutSeconds: DEFAULTS.startTimeoutSeconds,
    shards: null,
    shardCount: null,
    corpusDir: defaultCorpusDir,
    ...overrides,
  };
}
