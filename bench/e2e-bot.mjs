/**
 * The bot side of `npm run bench:e2e` (bench/e2e.ts forks it): one bot against the emulator at
 * BENCH_API_URL until told to stop; says "ready" over IPC, and answers "cpu" with its CPU time so
 * far and its answer-cache counts.
 *
 *   node bench/e2e-bot.mjs echo|quote|ask|ask-repeated           the bot's compiled build (dist/)
 *   node --import tsx bench/e2e-bot.mjs … --typescript           its TypeScript (no fresh build)
 *
 * Plain JavaScript, so that with a fresh build the process runs as `npm start` runs the bot: with
 * tsx's hooks loaded, every `require` discord.js makes while replying (several a reply) went
 * through them, a cost the echo bot paid too, which made the bot's figures and its ratio to echo
 * look better than production's.
 */
import { once } from "node:events";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import process from "node:process";
import { Client, Events, GatewayIntentBits } from "discord.js";

const name = process.argv[2];
const typescript = process.argv.includes("--typescript");

/** The bot's modules: compiled from dist/, or the TypeScript itself (spelled out, so that knip sees what is used). */
function botModules() {
  return Promise.all(
    typescript
      ? [
          import("../src/bot/config.ts"),
          import("../src/bot/gateway.ts"),
          import("../src/bot/logger.ts"),
          import("../src/search/index.ts"),
          import("../src/storage/index.ts"),
        ]
      : [
          import("../dist/src/bot/config.js"),
          import("../dist/src/bot/gateway.js"),
          import("../dist/src/bot/logger.js"),
          import("../dist/src/search/index.js"),
          import("../dist/src/storage/index.js"),
        ],
  );
}

const token = process.env.BENCH_TOKEN ?? "";
const apiUrl = process.env.BENCH_API_URL ?? "";
let stop;
let cacheStats = () => ({ hits: 0, misses: 0 });
if (name === "echo") {
  const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: apiUrl } });
  client.on(Events.InteractionCreate, (interaction) => {
    if (interaction.isChatInputCommand()) void interaction.reply({ content: "pong" }).catch(() => undefined);
  });
  const ready = once(client, Events.ClientReady);
  await client.login(token);
  await ready;
  stop = () => client.destroy();
} else {
  const [{ defaultConfig }, { createBot }, { silentLogger }, { ReviewSearch }, { Storage }] = await botModules();
  const search = ReviewSearch.fromDirectory();
  cacheStats = () => search.answerCacheStats();
  // As `npm start` runs it: the study state read and each /ask logged in a SQLite file.
  const folder = mkdtempSync(join(tmpdir(), "bench-e2e-"));
  const store = await Storage.open({ path: join(folder, "bot.sqlite") });
  const bot = createBot({
    token,
    apiUrl,
    search,
    // One member asks thousands of times: lift the cooldown out of the way.
    config: defaultConfig({ cooldown: { limit: 1_000_000, seconds: 1 } }),
    logger: silentLogger,
    store,
  });
  await bot.start();
  stop = async () => {
    await bot.stop();
    await store.close();
    rmSync(folder, { recursive: true, force: true });
  };
}
process.on("message", (message) => {
  if (message === "cpu") process.send?.({ cpu: process.cpuUsage(), cache: cacheStats() });
  else void stop().finally(() => process.exit(0));
});
process.send?.("ready");
