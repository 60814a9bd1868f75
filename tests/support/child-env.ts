import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * The environment for a spawned `npm start`, `npm run deploy` or bot: this process's, without any of
 * the bot's variables (a developer's shell or .env must not leak in) nor NO_COLOR, plus `env`.
 */
export function childEnv(env: Record<string, string> = {}): NodeJS.ProcessEnv {
  // A database of its own, so the developer's data/bot.sqlite is neither read nor written.
  const out: NodeJS.ProcessEnv = {
    ...process.env,
    DOTENV_CONFIG_PATH: "/dev/null",
    DATABASE_PATH: join(mkdtempSync(join(tmpdir(), "koba-child-")), "bot.sqlite"),
  };
  for (const name of Object.keys(out)) {
    if (
      /^(DISCORD_|PUBLIC_GUILD_IDS|ASK_COOLDOWN_|LOG_LEVEL|LOG_FILE|DEFER_AFTER_MS|START_TIMEOUT_SECONDS|SHARD|SHARDING_MANAGER|DATABASE_URL|NO_COLOR)/.test(
        name,
      )
    )
      delete out[name];
  }
  return { ...out, ...env };
}
