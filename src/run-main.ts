/**
 * Runs an entry point's `main`: its number becomes the exit code; an unexpected failure is printed
 * (with its stack) and exits 1. Setting `process.exitCode` rather than calling `process.exit` lets
 * pending output flush first.
 */
export function runMain(main: () => Promise<number>): void {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
