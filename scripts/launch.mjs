#!/usr/bin/env node
/**
 * Runs an entry point of the project (`node scripts/launch.mjs src/cli.ts ask …`) in this very
 * process: its compiled JavaScript in dist/ when the build is newer than every source file, else
 * its TypeScript through tsx. So `npm start` and `npm run ask` start fast after `npm install`
 * (which builds), and never run stale code after an edit that was not rebuilt.
 */
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import process from "node:process";
import { fileURLToPath, pathToFileURL, URL } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const entry = process.argv[2];
if (!entry || !/^(src|commands)\/.+\.ts$/.test(entry)) {
  process.stderr.write("usage: node scripts/launch.mjs src/ENTRY.ts [arguments]\n");
  process.exit(2);
}
// The entry reads its own arguments from process.argv.slice(2), as when run directly.
process.argv.splice(2, 1);

/** The newest modification time of the files the build compiles from. */
function newestSource() {
  let newest = 0;
  const visit = (path) => {
    const stat = statSync(path);
    if (stat.isDirectory()) for (const name of readdirSync(path)) visit(join(path, name));
    else newest = Math.max(newest, stat.mtimeMs);
  };
  for (const name of ["src", "commands", "tsconfig.json", "tsconfig.build.json", "package.json"]) {
    if (existsSync(join(root, name))) visit(join(root, name));
  }
  return newest;
}

const stamp = join(root, "dist", ".built");
const fresh = existsSync(stamp) && statSync(stamp).mtimeMs >= newestSource();
if (fresh) {
  await import(pathToFileURL(join(root, "dist", entry.replace(/\.ts$/, ".js"))).href);
} else {
  const { register } = await import("tsx/esm/api");
  register();
  await import(pathToFileURL(join(root, entry)).href);
}
