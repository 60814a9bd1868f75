/**
 * `npm start`: the bot on Discord when DISCORD_TOKEN is set, otherwise the local console.
 * Configuration is checked first; a mistake names the variable and stops with exit code 1.
 * Commands are not deployed here: that is `npm run deploy`.
 */
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { parseConfig, type BotConfig } from "./bot/config.ts";
import { loadEnv } from "./bot/env.ts";
import { appendToFile, createLogger, maskTokens, type Logger } from "./bot/logger.ts";
import type { Registry } from "./bot/registry.ts";
import type { ReviewSearch } from "./search/index.ts";
import type { Storage } from "./storage/index.ts";
import {
  consoleFromSnapshot,
  freshSnapshot,
  launchedFromSnapshot,
  runFromSnapshot,
  SNAPSHOT_DECLINED,
  snapshotDeclined,
  startedFromSnapshot,
  type ConsoleSnapshot,
} from "./startup-snapshot.ts";
import { runMain } from "./run-main.ts";

/** This module's file; compiled (dist/src/main.js) it may start from the build's snapshot, under tsx never. */
const SELF = fileURLToPath(import.meta.url);
const DIST = SELF.endsWith(".js") ? dirname(dirname(SELF)) : null;

/** Configuration, logger, corpus, commands and storage; then the console or Discord. */
async function main(): Promise<number> {
  const launched = launchedFromSnapshot();
  const result = parseConfig(loadEnv());
  if (!result.ok) {
    process.stderr.write(`Configuration error (see .env.example):\n${result.errors.map((e) => `  - ${e}`).join("\n")}\n`);
    return 1;
  }
  const { config } = result;
  // Started from the snapshot by `npm start` before anything was checked: only the console over the snapshot's corpus runs here.
  if (launched && (config.token !== null || DIST === null || freshSnapshot(DIST, config.corpusDir) === null)) return SNAPSHOT_DECLINED;
  // The console starts again from the build's snapshot, where the index is built (see
  // startup-snapshot.ts), before loading anything it would load twice.
  const tryBlob = config.token === null && DIST !== null && !startedFromSnapshot() && !snapshotDeclined();
  const blob = tryBlob ? freshSnapshot(DIST, config.corpusDir) : null;
  if (blob !== null) return runFromSnapshot(blob, SELF);
  const logger = loggerFor(config);
  const snapshot = config.token === null ? consoleFromSnapshot(config.corpusDir) : null;
  const search = snapshot?.search ?? (await import("./search/index.ts")).ReviewSearch.fromDirectory(config.corpusDir);
  logger.info("search ready", { index: snapshot ? "from the start-up snapshot" : "built" });
  for (const warning of search.corpus.warnings) logger.warn("corpus: an entry was dropped", { warning });
  const registry = snapshot?.registry ?? (await (await import("./bot/registry.ts")).loadCommands(logger));
  const store = await openStorage(config, logger);
  if (store === null) return 1;
  logger.info("storage ready", { engine: store.engine });
  return config.token === null
    ? runConsoleMode({ registry, search, config, logger, store }, snapshot)
    : runBot(config.token, { registry, search, config, logger, store });
}

/**
 * In the console, logs would interleave with the replies: at LOG_LEVEL into LOG_FILE when set,
 * otherwise errors only, on stderr (whatever LOG_LEVEL .env sets).
 */
function loggerFor(config: BotConfig): Logger {
  const level = config.token === null && !config.logFile ? "error" : config.logLevel;
  return createLogger({
    level,
    secrets: [config.token, passwordOf(config.databaseUrl)],
    ...(config.logFile ? { write: appendToFile(config.logFile) } : {}),
  });
}

/** The study groups' database; null (said on stderr, naming the variable to check) when it cannot be opened. */
async function openStorage(config: BotConfig, logger: Logger): Promise<Storage | null> {
  // Loaded here, after the choice of a snapshot: a console that starts again loads none of it.
  const { Storage, StorageError } = await import("./storage/index.ts");
  try {
    return await Storage.open({
      url: config.databaseUrl,
      path: config.databasePath,
      onConnectionError: (error) => logger.warn("the database dropped a connection; the next query opens another", { error }),
    });
  } catch (error) {
    const where = config.databaseUrl ? "DATABASE_URL" : `DATABASE_PATH (${config.databasePath})`;
    const message = error instanceof StorageError ? error.message : `could not open the database: ${String(error)}`;
    logger.error("could not open the database", { error });
    process.stderr.write(`${maskTokens(message)}
Check ${where} (see .env.example).
`);
    return null;
  }
}

interface Parts {
  registry: Registry;
  search: ReviewSearch;
  config: BotConfig;
  logger: Logger;
  store: Storage;
}

/** No DISCORD_TOKEN: the local console, until its input ends; its modules are the snapshot's when it started from one. */
async function runConsoleMode({ registry, search, config, logger, store }: Parts, snapshot: ConsoleSnapshot | null): Promise<number> {
  const { runConsole, useColor, Dispatcher } = snapshot ?? { ...(await import("./bot/console.ts")), ...(await import("./bot/router.ts")) };
  const dispatcher = new Dispatcher({ registry, search, config, logger, store });
  const code = await runConsole({
    dispatcher,
    input: process.stdin,
    output: process.stdout,
    interactive: Boolean(process.stdin.isTTY && process.stdout.isTTY),
    ...(process.stdout.isTTY ? { columns: process.stdout.columns } : {}),
    color: useColor(process.stdout.isTTY, process.env),
  });
  await store.close();
  return code;
}

/** The bot on Discord until a signal; 1 when it cannot start. */
async function runBot(token: string, { registry, search, config, logger, store }: Parts): Promise<number> {
  // Loaded only to connect: the console never loads discord.js (a quarter of a second at start).
  const { createBot } = await import("./bot/gateway.ts");
  const bot = createBot({
    token,
    apiUrl: config.apiUrl,
    search,
    config,
    logger,
    registry,
    store,
    // Checked by the configuration, so discord.js never parses SHARDS / SHARD_COUNT itself.
    ...(config.shards ? { shards: config.shards } : {}),
    ...(config.shardCount ? { shardCount: config.shardCount } : {}),
  });
  const shutdown = (signal: string) => {
    logger.info("shutting down", { signal });
    bot
      .stop()
      .then(() => store.close())
      .then(
        () => process.exit(0),
        () => process.exit(1),
      );
  };
  process.once("SIGINT", () => shutdown("SIGINT"));
  process.once("SIGTERM", () => shutdown("SIGTERM"));
  process.on("unhandledRejection", (error) => logger.error("unhandled rejection", { error }));
  try {
    await bot.start();
  } catch (error) {
    logger.error("could not start the bot", { error });
    // Whatever the log level, a failed start is said in one plain sentence.
    process.stderr.write(`Could not start the bot: ${maskTokens(error instanceof Error ? error.message : String(error))}\n`);
    await bot.stop().catch(() => undefined);
    await store.close().catch(() => undefined);
    // A request still hanging on an unresponsive API must not keep the process alive.
    setTimeout(() => process.exit(1), 200).unref();
    return 1;
  }
  return new Promise<number>(() => undefined); // Runs until a signal.
}

/** The password in a database URL, so the logs never show it. */
function passwordOf(url: string | null): string | null {
  if (!url) return null;
  try {
    return decodeURIComponent(new URL(url).password) || null;
  } catch {
    return null;
  }
}

runMain(main);
