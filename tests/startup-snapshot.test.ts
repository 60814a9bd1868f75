/**
 * When the console may start from the build's snapshot: only while what it was built from still
 * holds (src/startup-snapshot.ts). A made-up build folder here; the real snapshot is tested on the
 * compiled build in tests/e2e/production.test.ts.
 */
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { defaultCorpusDir } from "../src/corpus/load.ts";
import { consoleFromSnapshot, freshSnapshot, snapshotFiles, snapshotStamp, startedFromSnapshot } from "../src/startup-snapshot.ts";

let folder: string;
let dist: string;
let corpus: string;

/** A build whose snapshot was made from `corpus` by this process, with `change` applied to its stamp. */
function writeSnapshot(change: Record<string, string> = {}): string {
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

  it("given a stamp that is not JSON, is null", () => {
    writeSnapshot();
    writeFileSync(snapshotFiles(dist).stamp, "{ cut sho");
    expect(freshSnapshot(dist, corpus)).toBeNull();
  });
});

describe("a process not started from a snapshot", () => {
  it("says so and finds no console in one", () => {
    expect(startedFromSnapshot()).toBe(false);
    expect(consoleFromSnapshot(defaultCorpusDir)).toBeNull();
  });
});
