/**
 * The console's start-up snapshot. Building the search index and answering a first question cold
 * takes about two thirds of the console's start; `npm run build` does both once and saves the
 * process's heap as a V8 start-up snapshot (dist/snapshot/search.blob, `node --build-snapshot`), with
 * a stamp beside it saying what it was built from. `node dist/src/main.js` in console mode then
 * starts itself again from the snapshot (`node --snapshot-blob`), where the index is already built,
 * but only when the stamp still matches: the same Node, the same corpus folder, the same bytes in
 * it. Anything else (no build, a changed corpus, another CORPUS_DIR or Node, tsx) is the normal path.
 *
 * `npm start` (scripts/launch.mjs) starts that process itself before loading the entry's modules
 * ({@link launchFromSnapshot}): the one started then checks the configuration and the stamp, and
 * declines (exit code {@link SNAPSHOT_DECLINED}, having read nothing) when they do not hold, so the
 * launcher runs the entry as usual.
 */
import { spawn } from "node:child_process";
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import type { runConsole, useColor } from "./bot/console.ts";
import type { Registry } from "./bot/registry.ts";
import type { Dispatcher } from "./bot/router.ts";
import type { ReviewSearch } from "./search/index.ts";

/** The global the snapshot's builder leaves the console's parts under (see scripts/build.mjs). */
export const SNAPSHOT_GLOBAL = Symbol.for("koba-review-bot.console-snapshot");

/**
 * What the snapshot holds: the search over one corpus folder, built and warmed, and the console's
 * modules, loaded (the commands load the search's modules again, so they are in it too). Storage is
 * not: its SQLite driver is a native module, which a snapshot cannot hold.
 */
export interface ConsoleSnapshot {
  corpusDir: string;
  search: ReviewSearch;
  registry: Registry;
  Dispatcher: typeof Dispatcher;
  runConsole: typeof runConsole;
  useColor: typeof useColor;
}

/** What a snapshot was built from; it is used only while all of it still holds. */
export interface SnapshotStamp {
  node: string;
  arch: string;
  corpusDir: string;
  /** SHA-256 of the folder's file names and bytes. */
  corpus: string;
  /**
   * The folder's files as the file system described them when the stamp was made. While every
   * one is the same file (inode), of the same size, last changed at the same times (mtime, and
   * ctime, which no tool can set back), their bytes are the ones hashed: a start compares these
   * instead of reading and hashing the corpus. Anything else falls back to the hash.
   */
  files?: FileStamp[];
  /** When the stamp was made (ms since the epoch): a file changed within the clock's grain of it proves nothing. */
  stampedAt?: number;
}

interface FileStamp {
  name: string;
  ino: number;
  size: number;
  mtimeMs: number;
  ctimeMs: number;
}

/** How close to the stamp a file's change may be and still vouch for its bytes: coarser than any file system's clock. */
const RACY_MS = 2_000;

/** The blob and its stamp in a build (`dist/`). */
export function snapshotFiles(dist: string): { blob: string; stamp: string } {
  return { blob: join(dist, "snapshot", "search.blob"), stamp: join(dist, "snapshot", "search.json") };
}

/** The stamp of this process and a corpus folder: its files are read and hashed (about a millisecond for the review). */
export function snapshotStamp(corpusDir: string): SnapshotStamp {
  const stampedAt = Date.now();
  return { node: process.version, arch: process.arch, corpusDir, corpus: corpusHash(corpusDir), files: fileStamps(corpusDir), stampedAt };
}

/** SHA-256 of a folder's file names and bytes, in name order. */
function corpusHash(corpusDir: string): string {
  // Loaded only when hashing: node:crypto is a few milliseconds of a start that mostly needs none.
  const { createHash } = createRequire(import.meta.url)("node:crypto") as typeof import("node:crypto");
  const hash = createHash("sha256");
  for (const name of fileNames(corpusDir)) {
    hash.update(`${name}\0`);
    hash.update(readFileSync(join(corpusDir, name)));
    hash.update("\0");
  }
  return hash.digest("hex");
}

/** The names of a folder's files (not folders), in code-unit order. */
function fileNames(corpusDir: string): string[] {
  return readdirSync(corpusDir, { withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => entry.name)
    .sort((a, b) => (a < b ? -1 : 1));
}

function fileStamps(corpusDir: string): FileStamp[] {
  return fileNames(corpusDir).map((name) => {
    const { ino, size, mtimeMs, ctimeMs } = statSync(join(corpusDir, name));
    return { name, ino, size, mtimeMs, ctimeMs };
  });
}

/** Whether the folder's files are, by the file system's account, the very ones stamped, changed well before the stamp. */
function sameFiles(saved: SnapshotStamp, corpusDir: string): boolean {
  const { files, stampedAt } = saved;
  if (!Array.isArray(files) || typeof stampedAt !== "number") return false;
  const now = fileStamps(corpusDir);
  return (
    now.length === files.length &&
    now.every((file, i) => {
      const was = files[i];
      return (
        was !== undefined &&
        file.name === was.name &&
        file.ino === was.ino &&
        file.size === was.size &&
        file.mtimeMs === was.mtimeMs &&
        file.ctimeMs === was.ctimeMs &&
        Math.max(file.mtimeMs, file.ctimeMs) < stampedAt - RACY_MS
      );
    })
  );
}

/** The build's snapshot blob when its stamp matches this process and `corpusDir` now; otherwise null. */
export function freshSnapshot(dist: string, corpusDir: string): string | null {
  const { blob, stamp } = snapshotFiles(dist);
  if (!existsSync(blob) || !existsSync(stamp)) return null;
  let saved: SnapshotStamp;
  try {
    saved = JSON.parse(readFileSync(stamp, "utf8")) as SnapshotStamp;
  } catch {
    return null;
  }
  // Cheap fields first: a folder or a Node that differs needs no hashing.
  if (saved.node !== process.version || saved.arch !== process.arch || saved.corpusDir !== corpusDir) return null;
  try {
    // The same files, untouched since well before the stamp: no need to read them. Otherwise their bytes decide.
    return sameFiles(saved, corpusDir) || saved.corpus === corpusHash(corpusDir) ? blob : null;
  } catch {
    return null;
  }
}

/** Whether this process was started from a snapshot (then it never starts another). */
export function startedFromSnapshot(): boolean {
  return process.execArgv.includes("--snapshot-blob");
}

/** The exit code of a process the launcher started from the snapshot that finds it should not have been. */
export const SNAPSHOT_DECLINED = 75;

/** In the environment of a process the launcher starts from the snapshot: it declines rather than runs without it. */
const LAUNCHED = "KOBA_REVIEW_BOT_LAUNCHED_FROM_SNAPSHOT";

/** Whether the launcher started this process from the snapshot (read once, and taken out of the environment it passes on). */
export function launchedFromSnapshot(): boolean {
  const launched = startedFromSnapshot() && process.env[LAUNCHED] === "1";
  delete process.env[LAUNCHED];
  return launched;
}

/** Set when a process started from the snapshot declined: this one then runs the entry without trying it again. */
let declined = false;

/** Whether the snapshot was tried from this process and declined. */
export function snapshotDeclined(): boolean {
  return declined;
}

/**
 * `npm start`'s way to the console's snapshot, taken before the entry's modules are loaded (their
 * loading and the configuration's reading would be done twice): when a blob this Node can load is
 * built and no bot token is in sight (the environment, the .env file), runs `script` from it and
 * resolves to its exit code. Null when it was not tried, or when the process started declined
 * (its configuration or corpus is not the snapshot's: see {@link launchedFromSnapshot}); the
 * caller then runs the entry itself.
 */
export async function launchFromSnapshot(dist: string, script: string): Promise<number | null> {
  const { blob, stamp } = snapshotFiles(dist);
  let saved: Partial<SnapshotStamp>;
  try {
    saved = JSON.parse(readFileSync(stamp, "utf8")) as Partial<SnapshotStamp>;
  } catch {
    return null;
  }
  if (saved.node !== process.version || saved.arch !== process.arch || !existsSync(blob) || mayBeTheBot()) return null;
  const code = await runFromSnapshot(blob, script, { [LAUNCHED]: "1" });
  if (code !== SNAPSHOT_DECLINED) return code;
  declined = true;
  return null;
}

/**
 * Whether a bot token may be set (see bot/env.ts): in the environment, or on any line of the
 * .env file naming DISCORD_TOKEN. Only a hint, read without parsing: the process started checks.
 */
function mayBeTheBot(): boolean {
  if (process.env.DISCORD_TOKEN) return true;
  const file = process.env.DOTENV_CONFIG_PATH || ".env";
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    // No .env is the console; a file that cannot be read is for the configuration to explain.
    return (error as { code?: unknown }).code !== "ENOENT" || Boolean(process.env.DOTENV_CONFIG_PATH);
  }
  return /^\s*(?:export\s+)?DISCORD_TOKEN\s*[=:]/m.test(text);
}

/** The snapshot's console, when this process started from one built over `corpusDir`; else null. */
export function consoleFromSnapshot(corpusDir: string): ConsoleSnapshot | null {
  const held = (globalThis as Record<symbol, ConsoleSnapshot | undefined>)[SNAPSHOT_GLOBAL];
  return held && held.corpusDir === corpusDir ? held : null;
}

/**
 * Runs `script` (this process's entry) again, from `blob`, with this process's arguments, standard
 * streams and environment (and `env`); resolves to its exit code. A signal sent to this process is
 * passed on; one that ended the child ends this process the same way.
 */
export function runFromSnapshot(blob: string, script: string, env: Record<string, string> = {}): Promise<number> {
  const child = spawn(process.execPath, [...process.execArgv, "--snapshot-blob", blob, script, ...process.argv.slice(2)], {
    stdio: "inherit",
    env: { ...process.env, ...env },
  });
  const signals = ["SIGINT", "SIGTERM", "SIGHUP"] as const;
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  for (const signal of signals) process.on(signal, forward);
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code, signal) => {
      for (const s of signals) process.off(s, forward);
      if (signal) process.kill(process.pid, signal);
      resolve(code ?? 1);
    });
  });
}
