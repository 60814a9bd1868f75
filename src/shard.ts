/**
 * The bot sharded over processes: discord.js's ShardingManager runs src/main.ts once per shard,
 * each child reading its shard (SHARDS, SHARD_COUNT) from the environment the manager gives it.
 * Run with `tsx src/shard.ts`, with DISCORD_TOKEN and SHARD_COUNT set (DISCORD_API_URL and the
 * other variables pass through to the shards: the manager hands them this process's environment).
 *
 * SHARD_COUNT is required, a whole number: `totalShards: "auto"` would make the manager ask
 * https://discord.com/api/v10/gateway/bot for a count itself, ignoring DISCORD_API_URL (so it can
 * neither run offline nor against an emulator), and the number of shards is a deployment
 * decision anyway (Discord requires sharding from 2,500 guilds; 1 shard per 1,000 guilds is usual).
 *
 * SHARD_SPAWN_DELAY_MS (default 5500, discord.js's default) spaces the shards' start-ups: with
 * Discord's usual max_concurrency of 1, IDENTIFYs must be 5 seconds apart. Tests against the
 * emulator set it low.
 */
import { fileURLToPath } from "node:url";
import { ShardingManager } from "discord.js";
import { parseConfig, type BotConfig } from "./bot/config.ts";
import { loadEnv } from "./bot/env.ts";
import { createLogger, type Logger } from "./bot/logger.ts";
import { runMain } from "./run-main.ts";

/** Whether this runs compiled (dist/, plain node) or as TypeScript (tsx); the shards run the same way. */
const COMPILED = import.meta.url.endsWith(".js");
/** The entry each shard runs: `npm start`'s, which connects when DISCORD_TOKEN is set. */
const SHARD_ENTRY = fileURLToPath(new URL(COMPILED ? "./main.js" : "./main.ts", import.meta.url));
const DEFAULT_SPAWN_DELAY_MS = 5_500;
/** How long a shard may take from spawn to ready (Node, tsx, the index, login). */
const SPAWN_TIMEOUT_MS = 60_000;

function wholeNumber(value: string | undefined, name: string, min: number, errors: string[]): number | null {
  const text = value?.trim() ?? "";
  if (!/^\d+$/.test(text) || Number(text) < min || !Number.isSafeInteger(Number(text))) {
    errors.push(`${name} must be a whole number of at least ${min}${text ? `, not “${text}”` : " (it is not set)"}.`);
    return null;
  }
  return Number(text);
}

/** What the manager needs from the environment: the bot's configuration, the shard count and the spawn delay, or every mistake. */
function readShardConfig(
  env: Readonly<Record<string, string | undefined>>,
): { ok: true; token: string; logLevel: BotConfig["logLevel"]; totalShards: number; delay: number } | { ok: false; errors: string[] } {
  const result = parseConfig(env);
  const errors = result.ok ? [] : [...result.errors];
  if (result.ok && !result.config.token)
    errors.push("DISCORD_TOKEN is required to run shards (without it, `npm start` runs the local console).");
  // The configuration has named a malformed SHARD_COUNT already; here it is also required.
  const totalShards = errors.some((e) => e.startsWith("SHARD_COUNT")) ? null : wholeNumber(env.SHARD_COUNT, "SHARD_COUNT", 1, errors);
  const delay = env.SHARD_SPAWN_DELAY_MS?.trim()
    ? wholeNumber(env.SHARD_SPAWN_DELAY_MS, "SHARD_SPAWN_DELAY_MS", 0, errors)
    : DEFAULT_SPAWN_DELAY_MS;
  if (!result.ok || !result.config.token || errors.length > 0 || totalShards === null || delay === null) return { ok: false, errors };
  return { ok: true, token: result.config.token, logLevel: result.config.logLevel, totalShards, delay };
}

/** Kills every shard on SIGINT or SIGTERM (none respawns) and exits 0. */
function stopOnSignals(manager: ShardingManager, logger: Logger): void {
  let stopping = false;
  const shutdown = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    logger.info("shutting down shards", { signal });
    manager.respawn = false;
    for (const shard of manager.shards.values()) shard.kill();
    process.exit(0);
  };
  process.once("SIGINT", () => shutdown("SIGINT"));
  process.once("SIGTERM", () => shutdown("SIGTERM"));
}

async function main(): Promise<number> {
  const read = readShardConfig(loadEnv());
  if (!read.ok) {
    process.stderr.write(`Configuration error (see .env.example):\n${read.errors.map((e) => `  - ${e}`).join("\n")}\n`);
    return 1;
  }
  const { token, totalShards, delay } = read;
  const logger = createLogger({ level: read.logLevel, secrets: [token] });

  const manager = new ShardingManager(SHARD_ENTRY, {
    totalShards,
    token,
    mode: "process",
    // The shards run as this process does: compiled, or TypeScript through tsx (resolved here so the cwd does not matter).
    execArgv: COMPILED ? [] : ["--import", import.meta.resolve("tsx")],
    // The environment (DISCORD_API_URL, LOG_LEVEL, …) is this process's: ShardingManager copies
    // process.env into each shard and adds SHARDS, SHARD_COUNT and DISCORD_TOKEN.
  });
  manager.on("shardCreate", (shard) => {
    logger.info("shard spawned", { shard: shard.id, totalShards });
    shard.on("death", (child) =>
      logger.warn("shard process exited", { shard: shard.id, exitCode: "exitCode" in child ? child.exitCode : null }),
    );
  });
  stopOnSignals(manager, logger);

  try {
    await manager.spawn({ amount: totalShards, delay, timeout: SPAWN_TIMEOUT_MS });
  } catch (error) {
    logger.error("could not start the shards", { error });
    manager.respawn = false;
    for (const shard of manager.shards.values()) shard.kill();
    return 1;
  }
  logger.info("all shards ready", { totalShards });
  return new Promise<number>(() => undefined); // Runs until a signal; the manager respawns a shard that dies.
}

runMain(main);
