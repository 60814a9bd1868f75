/**
 * The environment as a record: the process's variables, plus a `.env` file (dotenv) for what the
 * process does not set. DOTENV_CONFIG_PATH names another file; a missing file is fine.
 */
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { parse } from "dotenv";
import type { Env } from "./config.ts";

export function loadEnv(processEnv: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): Env {
  const file = resolve(cwd, processEnv.DOTENV_CONFIG_PATH || ".env");
  const fromFile = existsSync(file) ? parse(readFileSync(file)) : {};
  return { ...fromFile, ...processEnv };
}
