import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    // The end-to-end tests start servers and bots: give them room, and keep files apart.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
  },
});
