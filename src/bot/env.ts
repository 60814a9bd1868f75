/**
 * The environment as a record: the process's variables, plus a `.env` file (dotenv) for what the
 * process does not set. Without DOTENV_CONFIG_PATH a missing `.env` is fine; a file you name with
 * DOTENV_CONFIG_PATH must exist and be readable (`/dev/null` names none on purpose).
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { resolve } from "node:path";
import { parse } from "dotenv";
import type { Env } from "./config.ts";

/** A mistake in how the bot is configured: printed as one sentence, without a stack, exit code 1. */
export class ConfigurationError extends Error {
  override readonly name = "ConfigurationError";
}

export function loadEnv(processEnv: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): Env {
  const named = processEnv.DOTENV_CONFIG_PATH;
  const file = resolve(cwd, named || ".env");
  if (!named && !existsSync(file)) return { ...processEnv };
  let stat;
  try {
    stat = statSync(file);
  } catch {
    throw new ConfigurationError(`DOTENV_CONFIG_PATH names “${named}”, which does not exist.`);
  }
  if (stat.isDirectory())
    throw new ConfigurationError(`${named ? `DOTENV_CONFIG_PATH names “${named}”` : `“${file}”`}, which is a folder, not a file.`);
  let fromFile: Record<string, string>;
  try {
    fromFile = parse(readFileSync(file));
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    throw new ConfigurationError(`could not read “${named || file}”${typeof code === "string" ? ` (${code})` : ""}.`);
  }
  return { ...fromFile, ...processEnv };
}
