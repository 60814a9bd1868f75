/**
 * `npm run deploy`: registers the slash commands with Discord — to DISCORD_GUILD_ID when set
 * (instant, for development), otherwise globally — and prints what was registered.
 */
import { parseConfig } from "./bot/config.ts";
import { deployCommands } from "./bot/deploy.ts";
import { loadEnv } from "./bot/env.ts";
import { createLogger } from "./bot/logger.ts";
import { loadCommands } from "./bot/registry.ts";
import { runMain } from "./run-main.ts";

async function main(): Promise<number> {
  const result = parseConfig(loadEnv());
  const errors = result.ok ? [] : [...result.errors];
  if (result.ok && !result.config.token) errors.push("DISCORD_TOKEN is required to deploy commands.");
  if (result.ok && result.config.token && !result.config.applicationId)
    errors.push("DISCORD_APPLICATION_ID is required to deploy commands (it could not be read from the token).");
  if (!result.ok || errors.length > 0) {
    process.stderr.write(`Configuration error (see .env.example):\n${errors.map((e) => `  - ${e}`).join("\n")}\n`);
    return 1;
  }
  const { config } = result;
  const logger = createLogger({ level: config.logLevel, secrets: [config.token] });
  const registry = await loadCommands(logger);
  try {
    const deployed = await deployCommands({
      token: config.token!,
      applicationId: config.applicationId!,
      guildId: config.guildId,
      apiUrl: config.apiUrl,
      registry,
    });
    const where = deployed.scope === "guild" ? `to guild ${config.guildId}` : "globally (may take up to an hour to appear)";
    process.stdout.write(
      `Registered ${deployed.commands.length} commands ${where}:\n${deployed.commands.map((c) => `  ${c.type === 3 ? `“${c.name}” (message menu)` : `/${c.name}`}  (id ${c.id})`).join("\n")}\n`,
    );
    return 0;
  } catch (error) {
    logger.error("deploy failed", { error });
    return 1;
  }
}

runMain(main);
