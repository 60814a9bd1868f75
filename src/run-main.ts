import { ConfigurationError } from "./bot/env.ts";
import { maskTokens } from "./bot/logger.ts";

/**
 * Runs an entry point's `main`: its number becomes the exit code; an unexpected failure is printed
 * (with its stack, token-shaped strings masked) and exits 1; a configuration mistake is one
 * sentence, without a stack. Setting `process.exitCode` rather than calling `process.exit` lets
 * pending output flush first.
 */
export function runMain(main: () => Promise<number>): void {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      if (error instanceof ConfigurationError) {
        process.stderr.write(`Configuration error (see .env.example):\n  - ${maskTokens(error.message)}\n`);
        process.exitCode = 1;
        return;
      }
      process.stderr.write(`${maskTokens(error instanceof Error ? (error.stack ?? error.message) : String(error))}\n`);
      process.exitCode = 1;
    },
  );
}
