/**
 * Registers the slash and message commands with Discord: to one guild (instant, for development) or globally.
 * Deployment is a script (`npm run deploy`), never a side effect of starting the bot.
 */
import { REST } from "@discordjs/rest";
import { Routes } from "discord.js";
import type { Registry } from "./registry.ts";

export interface DeployOptions {
  token: string;
  applicationId: string;
  /** Deploy to this guild only; globally when null. */
  guildId: string | null;
  /** REST base override (a local emulator). */
  apiUrl: string | null;
  registry: Registry;
}

export interface DeployResult {
  scope: "guild" | "global";
  route: string;
  /** What Discord answered: each registered command's name, id and type (1 slash, 3 message). */
  commands: { name: string; id: string; type: number }[];
}

/** PUTs the full command list (replacing what was there) and returns what Discord registered. */
export async function deployCommands(options: DeployOptions): Promise<DeployResult> {
  const rest = new REST({ version: "10", ...(options.apiUrl ? { api: options.apiUrl } : {}) }).setToken(options.token);
  const route = options.guildId
    ? Routes.applicationGuildCommands(options.applicationId, options.guildId)
    : Routes.applicationCommands(options.applicationId);
  const answer = (await rest.put(route, { body: options.registry.toJSON() })) as { name?: unknown; id?: unknown; type?: unknown }[];
  return {
    scope: options.guildId ? "guild" : "global",
    route,
    commands: (Array.isArray(answer) ? answer : []).map((c) => ({
      name: typeof c.name === "string" ? c.name : "?",
      id: typeof c.id === "string" ? c.id : "?",
      type: typeof c.type === "number" ? c.type : 1,
    })),
  };
}
