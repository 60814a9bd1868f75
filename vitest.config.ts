import { defineConfig } from "vitest/config";

/**
 * Two projects. `unit`: everything that runs inside the test process — handlers, the search core,
 * the router, the console and the CLI in process, storage on in-memory SQLite; no child processes,
 * no sockets (`npm run test:unit`, the edit-test loop). `process`: the rest — spawned processes, the
 * Discord emulator and the real discord.js client, storage on files and on PostgreSQL.
 * `npm test` runs both.
 */
const outOfProcess = [
  "tests/e2e/**",
  "tests/process/**",
  "tests/project/**",
  "tests/storage/**",
  // The reminder scheduler on each storage engine: a file it reopens, and PostgreSQL.
  "tests/bot/reminders.test.ts",
];

export default defineConfig({
  test: {
    // Two files at a time (vitest's default on two cores is one): the process project mostly waits
    // (on child processes, sockets, Discord's timers), and `npm test` runs both projects together.
    maxWorkers: 2,
    projects: [
      {
        test: {
          name: "unit",
          include: ["tests/**/*.test.ts"],
          exclude: outOfProcess,
          // One module cache per worker, so the real index over the real corpus (tests/bot/helpers.ts)
          // is built once per worker, not once per file. These tests leave no global state behind.
          isolate: false,
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: "process",
          include: outOfProcess.map((glob) => (glob.endsWith(".ts") ? glob : `${glob}/*.test.ts`)),
          // The end-to-end tests start servers and bots: give them room, each worker a process of its own.
          testTimeout: 30_000,
          hookTimeout: 60_000,
          pool: "forks",
          // One module cache per worker here too: discord.js (about 1 s to import) and the real index
          // are loaded once per worker, not once per file. These files change no environment variable,
          // mock nothing, and stop every server, bot and process they start.
          isolate: false,
        },
      },
    ],
  },
});
