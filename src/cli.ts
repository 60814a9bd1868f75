/**
 * The command line as a process: `npm run --silent ask|quote -- …` (see command-line.ts for the
 * contract). Only what belongs to the process lives here: its streams, .env, and a reader that
 * stops reading (`| head -1`) ending the output quietly.
 */
import { loadEnv } from "./bot/env.ts";
import { runCli } from "./command-line.ts";
import { runMain } from "./run-main.ts";

runMain(async () => {
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(0);
    throw error;
  });
  return runCli(process.argv.slice(2), {
    input: process.stdin,
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    env: () => loadEnv(),
  });
});
