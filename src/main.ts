/**
 * `npm start`: the bot on Discord when DISCORD_TOKEN is set, otherwise the local console.
 * Configuration is checked first; a mistake names the variable and stops with exit code 1.
 * Commands are not deployed here: that is `npm run deploy`.
 */
import { parseConfig } from "./bot/config.ts";
import { runConsole } from "./bot/console.ts";
import { loadEnv } from "./bot/env.ts";
import { createLogger } from "./bot/logger.ts";
import { loadCommands } from "./bot/registry.ts";
import { Dispatcher } from "./bot/router.ts";
import { ReviewSearch } from "./search/index.ts";
import { Storage, StorageError } from "./storage/index.ts";
import { runMain } from "./run-main.ts";

async function main(): Promise<number> {
  const env = loadEnv();
  const result = parseConfig(env);
  if (!result.ok) {
    process.stderr.write(`Configuration error (see .env.example):\n${result.errors.map((e) => `  - ${e}`).join("\n")}\n`);
    return 1;
  }
  const { config } = result;
  // In the console, logs would only clutter the terminal: errors only unless LOG_LEVEL asks for more.
  const level = config.token === null && !env.LOG_LEVEL ? "error" : config.logLevel;
  const logger = createLogger({ level, secrets: [config.token, passwordOf(config.databaseUrl)] });
  const search = ReviewSearch.fromDirectory(config.corpusDir);
  const registry = await loadCommands();
  let store: Storage;
  try {
    store = await Storage.open({ url: config.databaseUrl, path: config.databasePath });
  } catch (error) {
    const where = config.databaseUrl ? "DATABASE_URL" : `DATABASE_PATH (${config.databasePath})`;
    const message = error instanceof StorageError ? error.message : `could not open the database: ${String(error)}`;
    logger.error("could not open the database", { error });
    process.stderr.write(`${message}
Check ${where} (see .env.example).
`);
    return 1;
  }
  logger.info("storage ready", { engine: store.engine });

  if (config.token === null) {
    const dispatcher = new Dispatcher({ registry, search, config, logger, store });
    const code = await runConsole({
      dispatcher,
      input: process.stdin,
      output: process.stdout,
      interactive: Boolean(process.stdin.isTTY && process.stdout.isTTY),
    });
    await store.close();
    return code;
  }

  // Loaded only to connect: the console never loads discord.js (a quarter of a second at start).
  const { createBot } = await import("./bot/gateway.ts");
  const bot = createBot({ token: config.token, apiUrl: config.apiUrl, search, config, logger, registry, store });
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
    await bot.stop().catch(() => undefined);
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
