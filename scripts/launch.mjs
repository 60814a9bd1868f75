#!/usr/bin/env node
/**
 * Runs an entry point of the project (`node scripts/launch.mjs src/cli.ts ask …`) in this very
 * process: its compiled JavaScript in dist/ when the build is newer than every source file, else
 * its TypeScript through tsx. So `npm start` and `npm run ask` start fast after `npm install`
 * (which builds), and never run stale code after an edit that was not rebuilt. `npm start`'s
 * console goes straight to the build's start-up snapshot, before loading the entry's modules
 * (see src/startup-snapshot.ts).
 */
import { join } from "node:path";
import process from "node:process";
import { fileURLToPath, pathToFileURL, URL } from "node:url";
import { buildIsFresh } from "./build-freshness.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const entry = process.argv[2];
if (!entry || !/^(src|commands)\/.+\.ts$/.test(entry)) {
  process.stderr.write("usage: node scripts/launch.mjs src/ENTRY.ts [arguments]\n");
  process.exit(2);
}
// The entry reads its own arguments from process.argv.slice(2), as when run directly.
process.argv.splice(2, 1);

if (buildIsFresh(root)) {
  const compiled = join(root, "dist", entry.replace(/\.ts$/, ".js"));
  const code =
    entry === "src/main.ts"
      ? await (
          await import(pathToFileURL(join(root, "dist", "src", "startup-snapshot.js")).href)
        ).launchFromSnapshot(join(root, "dist"), compiled)
      : null;
  if (code === null) await import(pathToFileURL(compiled).href);
  else process.exitCode = code;
} else {
  const { register } = await import("tsx/esm/api");
  register();
  await import(pathToFileURL(join(root, entry)).href);
}
