import { maskTokens } from "./bot/logger.ts";

/**
 * Runs an entry point's `main`: its number becomes the exit code; an unexpected failure is printed
 * (with its stack, token-shaped strings masked) and exits 1. Setting `process.exitCode` rather than calling `process.exit` lets
 * pending output flush first.
 */
export function runMain(main: () => Promise<number>): void {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`${maskTokens(error instanceof Error ? (error.stack ?? error.message) : String(error))}\n`);
      process.exitCode = 1;
    },
  );
}
