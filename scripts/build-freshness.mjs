/**
 * Whether dist/ (`npm run build`) is newer than every file it is compiled from: scripts/launch.mjs
 * then runs it with plain node, and the production test (tests/e2e/production.test.ts) tests it
 * instead of compiling again.
 */
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

/** The newest modification time of the files the build compiles from. */
function newestSource(root) {
  let newest = 0;
  const visit = (path) => {
    const stat = statSync(path);
    if (stat.isDirectory()) for (const name of readdirSync(path)) visit(join(path, name));
    else newest = Math.max(newest, stat.mtimeMs);
  };
  for (const name of ["src", "commands", "tsconfig.json", "tsconfig.build.json", "package.json", "scripts/build.mjs"]) {
    if (existsSync(join(root, name))) visit(join(root, name));
  }
  return newest;
}

/** True when `root`/dist was built (its stamp, dist/.built, written last) after the last edit of any source. */
export function buildIsFresh(root) {
  const stamp = join(root, "dist", ".built");
  return existsSync(stamp) && statSync(stamp).mtimeMs >= newestSource(root);
}
