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

/**
 * Reads and checks the configuration.
 *
 * @example
 * const result = parseConfig(process.env);
 * if (!result.ok) console.error(result.errors.join("\n"));
 */
export function parseConfig(env: Env): ConfigResult {
  const errors: string[] = [];
  const get = (name: (typeof CONFIG_VARIABLES)[number]): string | null => {
    const value = env[name]?.trim();
    return value ? value : null;
  };

  const token = get("DISCORD_TOKEN");
  if (token !== null) {
    if (/^bot\s/i.test(token)) errors.push("DISCORD_TOKEN must be the bare token, without the “Bot ” prefix.");
    else if (/\s/.test(token)) errors.push("DISCORD_TOKEN must not contain spaces.");
    else if (token.split(".").length !== 3) errors.push("DISCORD_TOKEN does not look like a bot token (three parts separated by dots).");
  }

  const snowflake = (name: "DISCORD_APPLICATION_ID" | "DISCORD_GUILD_ID"): string | null => {
    const value = get(name);
    if (value !== null && !SNOWFLAKE.test(value))
      errors.push(`${name} must be a Discord id (17 to 20 digits), not “${maskTokens(value)}”.`);
    return value;
  };
  const applicationId = snowflake("DISCORD_APPLICATION_ID") ?? (token ? applicationIdFromToken(token) : null);
  const guildId = snowflake("DISCORD_GUILD_ID");

  const apiUrl = get("DISCORD_API_URL");
  if (apiUrl !== null) {
    let url: URL | null = null;
    try {
      url = new URL(apiUrl);
    } catch {
      url = null;
    }
    if (!url || (url.protocol !== "http:" && url.protocol !== "https:")) {
      errors.push(`DISCORD_API_URL must be an http(s) URL such as http://127.0.0.1:8080/api, not “${maskTokens(apiUrl)}”.`);
    }
  }

  const publicGuildIds = new Set<string>();
  for (const id of (get("PUBLIC_GUILD_IDS") ?? "").split(/[\s,]+/).filter(Boolean)) {
    if (SNOWFLAKE.test(id)) publicGuildIds.add(id);
    else errors.push(`PUBLIC_GUILD_IDS must be a comma-separated list of Discord ids; “${maskTokens(id)}” is not one.`);
  }

  const integer = (name: (typeof CONFIG_VARIABLES)[number], fallback: number, min: number, max: number): number => {
    const value = get(name);
    if (value === null) return fallback;
    const n = /^\d+$/.test(value) ? Number(value) : NaN;
    if (!Number.isSafeInteger(n) || n < min || n > max) {
      errors.push(`${name} must be a whole number from ${min} to ${max}, not “${maskTokens(value)}”.`);
      return fallback;
    }
    return n;
  };
  const cooldown = {
    limit: integer("ASK_COOLDOWN_LIMIT", DEFAULTS.cooldown.limit, 1, 1000),
    seconds: integer("ASK_COOLDOWN_SECONDS", DEFAULTS.cooldown.seconds, 1, 86_400),
  };
  const deferAfterMs = integer("DEFER_AFTER_MS", DEFAULTS.deferAfterMs, 0, 2500);

  const startTimeoutSeconds = integer("START_TIMEOUT_SECONDS", DEFAULTS.startTimeoutSeconds, 1, 600);
  const shardCountText = get("SHARD_COUNT");
  const shardCount = shardCountText === null ? null : integer("SHARD_COUNT", 1, 1, 100_000);
  const shards = parseShards(get("SHARDS"), shardCountText === null ? null : shardCount, errors);

  const level = get("LOG_LEVEL")?.toLowerCase() ?? DEFAULTS.logLevel;
  if (!LOG_LEVELS.includes(level as LogLevel))
    errors.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(", ")}, not “${maskTokens(level)}”.`);

  const databasePath = get("DATABASE_PATH") ?? DEFAULTS.databasePath;
  const databaseUrl = get("DATABASE_URL");
  if (databaseUrl !== null && !/^postgres(?:ql)?:\/\/\S+$/i.test(databaseUrl)) {
    errors.push("DATABASE_URL must be a PostgreSQL URL such as postgres://user:password@host:5432/koba (or empty for SQLite).");
  }
  const corpus = corpusDirFrom(env);
  if ("error" in corpus) errors.push(corpus.error);

  if (errors.length > 0 || "error" in corpus) return { ok: false, errors };
  return {
    ok: true,
    config: {
      token,
      applicationId,
      guildId,
      apiUrl,
      publicGuildIds,
      cooldown,
      logLevel: level as LogLevel,
      deferAfterMs,
      databasePath,
      databaseUrl,
      logFile: get("LOG_FILE"),
      startTimeoutSeconds,
      shards,
      shardCount,
      corpusDir: corpus.dir,
    },
  };
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
