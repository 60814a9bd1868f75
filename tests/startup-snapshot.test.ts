/**
 * When the console may start from the build's snapshot: only while what it was built from still
 * holds (src/startup-snapshot.ts). A made-up build folder here; the real snapshot is tested on the
 * compiled build in tests/e2e/production.test.ts.
 */
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { defaultCorpusDir } from "../src/corpus/load.ts";
import {
  consoleFromSnapshot,
  freshSnapshot,
  launchFromSnapshot,
  snapshotFiles,
  snapshotStamp,
  startedFromSnapshot,
} from "../src/startup-snapshot.ts";

let folder: string;
let dist: string;
let corpus: string;

/** A build whose snapshot was made from `corpus` by this process, with `change` applied to its stamp. */
function writeSnapshot(change: Record<string, string | number> = {}): string {
  const { blob, stamp } = snapshotFiles(dist);
  mkdirSync(join(dist, "snapshot"), { recursive: true });
  writeFileSync(blob, "not a real blob: freshSnapshot never reads it");
  writeFileSync(stamp, JSON.stringify({ ...snapshotStamp(corpus), ...change }));
  return blob;
}

beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), "koba-snapshot-"));
  dist = join(folder, "dist");
  corpus = join(folder, "corpus");
  cpSync(defaultCorpusDir, corpus, { recursive: true });
});

afterEach(() => rmSync(folder, { recursive: true, force: true }));

describe("freshSnapshot", () => {
  it("given a stamp made now from the same corpus folder, names the blob", () => {
    const blob = writeSnapshot();
    expect(freshSnapshot(dist, corpus)).toBe(blob);
  });

  it("given a build without a snapshot, or a blob without its stamp, is null", () => {
    expect(freshSnapshot(dist, corpus)).toBeNull();
    writeSnapshot();
    rmSync(snapshotFiles(dist).stamp);
    expect(freshSnapshot(dist, corpus)).toBeNull();
  });

  it("given a corpus file changed after the build, is null", () => {
    writeSnapshot();
    appendFileSync(join(corpus, "koba-the-dread-review.md"), "\n");
    expect(freshSnapshot(dist, corpus)).toBeNull();
  });

  it("given a file added to the corpus folder after the build, is null", () => {
    writeSnapshot();
    writeFileSync(join(corpus, "another.md"), "# Another\n");
    expect(freshSnapshot(dist, corpus)).toBeNull();
  });

  it("given another corpus folder (CORPUS_DIR), even with the same files, is null", () => {
    writeSnapshot();
    const copy = join(folder, "copy");
    cpSync(corpus, copy, { recursive: true });
    expect(freshSnapshot(dist, copy)).toBeNull();
  });

  it("given a snapshot built by another Node or on another architecture, is null", () => {
    writeSnapshot({ node: "v99.0.0" });
    expect(freshSnapshot(dist, corpus)).toBeNull();
    writeSnapshot({ arch: process.arch === "x64" ? "arm64" : "x64" });
    expect(freshSnapshot(dist, corpus)).toBeNull();
  });

  it("given the very files stamped, untouched since well before the stamp, names the blob without reading them", () => {
    // Made 10 s after the files were copied, and with a hash no bytes have: only the files' stamps can say fresh.
    const blob = writeSnapshot({ stampedAt: Date.now() + 10_000, corpus: "0".repeat(64) });
    expect(freshSnapshot(dist, corpus)).toBe(blob);
  });

  it("given files changed within two seconds of the stamp, reads their bytes rather than trust their times", () => {
    writeSnapshot({ corpus: "0".repeat(64) });
    expect(freshSnapshot(dist, corpus)).toBeNull();
  });

  it("given a corpus file rewritten with other bytes of the same length and its modification time set back, is null", () => {
    writeSnapshot({ stampedAt: Date.now() + 10_000 });
    const file = join(corpus, "koba-the-dread-review.md");
    const { atime, mtime } = statSync(file);
    const text = readFileSync(file, "utf8");
    writeFileSync(file, text.replace("Trotsky", "Trotzky"));
    utimesSync(file, atime, mtime);
    expect(statSync(file).size).toBe(Buffer.byteLength(text));
    expect(freshSnapshot(dist, corpus)).toBeNull();
  });

  it("given corpus files touched but their bytes unchanged, names the blob (the bytes decide)", () => {
    const blob = writeSnapshot({ stampedAt: Date.now() + 10_000 });
    const later = new Date(Date.now() + 60_000);
    utimesSync(join(corpus, "koba-the-dread-review.md"), later, later);
    expect(freshSnapshot(dist, corpus)).toBe(blob);
  });

  it("given a stamp that is not JSON, is null", () => {
    writeSnapshot();
    writeFileSync(snapshotFiles(dist).stamp, "{ cut sho");
    expect(freshSnapshot(dist, corpus)).toBeNull();
  });
});

describe("launchFromSnapshot (npm start's launcher)", () => {
  const saved = { token: process.env.DISCORD_TOKEN, dotenv: process.env.DOTENV_CONFIG_PATH };
  afterEach(() => {
    for (const [name, value] of [
      ["DISCORD_TOKEN", saved.token],
      ["DOTENV_CONFIG_PATH", saved.dotenv],
    ] as const) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });

  // The blob here is no snapshot: a launcher that started node from it would get node's own failure, not null.
  const script = join(tmpdir(), "never-run.js");

  it("given a build without a snapshot, or a stamp of another Node, does not try it", async () => {
    process.env.DOTENV_CONFIG_PATH = "/dev/null";
    await expect(launchFromSnapshot(dist, script)).resolves.toBeNull();
    writeSnapshot({ node: "v99.0.0" });
    await expect(launchFromSnapshot(dist, script)).resolves.toBeNull();
  });

  it("given a bot token in the environment or on a line of the .env file, does not try it: the bot never runs from the snapshot", async () => {
    writeSnapshot();
    process.env.DOTENV_CONFIG_PATH = "/dev/null";
    process.env.DISCORD_TOKEN = "a.b.c";
    await expect(launchFromSnapshot(dist, script)).resolves.toBeNull();
    delete process.env.DISCORD_TOKEN;
    const env = join(folder, "bot.env");
    writeFileSync(env, "# the bot\nexport DISCORD_TOKEN = a.b.c\n");
    process.env.DOTENV_CONFIG_PATH = env;
    await expect(launchFromSnapshot(dist, script)).resolves.toBeNull();
  });

  it("given a .env file named that cannot be read, does not try it: the configuration explains", async () => {
    writeSnapshot();
    process.env.DOTENV_CONFIG_PATH = join(folder, "missing.env");
    await expect(launchFromSnapshot(dist, script)).resolves.toBeNull();
  });
});

describe("a process not started from a snapshot", () => {
  it("says so and finds no console in one", () => {
    expect(startedFromSnapshot()).toBe(false);
    expect(consoleFromSnapshot(defaultCorpusDir)).toBeNull();
  });
});
