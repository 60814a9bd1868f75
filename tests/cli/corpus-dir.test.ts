/**
 * CORPUS_DIR points the CLI, the console and the bot at a group's own readings (default: the
 * project's corpus/). The CLI runs in this process against a small corpus written for the test;
 * the console's is tests/process/console.test.ts.
 */
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { parseConfig } from "../../src/bot/config.ts";
import { runCli } from "../../src/command-line.ts";
import { corpusDirFrom, defaultCorpusDir } from "../../src/search/index.ts";

const root = fileURLToPath(new URL("../..", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "koba-corpus-"));
writeFileSync(
  join(dir, "walrus.md"),
  "---\nid: walrus\ntitle: The walrus and the carpenter\n---\n\n# The walrus and the carpenter\n\nThe walrus sang at dawn about cabbages and kings.\n\nThe carpenter wept over the sand.\n",
);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function cli(argv: string[], env: Record<string, string>) {
  let stdout = "";
  let stderr = "";
  const status = await runCli(argv, { input: Readable.from([]), out: (t) => (stdout += t), err: (t) => (stderr += t), env: () => env });
  return { status, stdout, stderr };
}

describe("CORPUS_DIR", () => {
  it("given nothing, is the project's corpus/; given a folder, that folder (relative to the working directory)", () => {
    expect(corpusDirFrom({})).toEqual({ dir: defaultCorpusDir });
    expect(corpusDirFrom({ CORPUS_DIR: " " })).toEqual({ dir: defaultCorpusDir });
    expect(corpusDirFrom({ CORPUS_DIR: "corpus" }, root)).toEqual({ dir: join(root, "corpus") });
    expect(corpusDirFrom({ CORPUS_DIR: dir })).toEqual({ dir });
  });

  it("given no such folder, the configuration names the variable", () => {
    const result = parseConfig({ CORPUS_DIR: "/nonexistent/readings" });
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.errors).toEqual([expect.stringContaining("CORPUS_DIR")]);
    const ok = parseConfig({ CORPUS_DIR: dir });
    expect(ok.ok && ok.config.corpusDir).toBe(dir);
  });

  it("given a folder, the CLI answers from it", async () => {
    const result = await cli(["quote", "--json", "walrus sang at dawn"], { CORPUS_DIR: dir });
    expect(result.status, result.stderr).toBe(0);
    const answer = JSON.parse(result.stdout) as { answered: boolean; results: Array<{ doc: string; paragraph: number }> };
    expect(answer.answered).toBe(true);
    expect(answer.results[0]).toMatchObject({ doc: "walrus", paragraph: 1 });
  });

  it("given a lexicon entry it cannot use, the CLI still answers and names the entry on stderr", async () => {
    const withLexicon = mkdtempSync(join(tmpdir(), "koba-corpus-"));
    copyFileSync(join(dir, "walrus.md"), join(withLexicon, "walrus.md"));
    writeFileSync(join(withLexicon, "lexicon.json"), JSON.stringify({ sang: ["burst out into a song"] }));
    const result = await cli(["quote", "--json", "walrus sang at dawn"], { CORPUS_DIR: withLexicon });
    rmSync(withLexicon, { recursive: true, force: true });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).toContain('corpus: lexicon.json: “sang”: "burst out into a song" dropped');
    expect((JSON.parse(result.stdout) as { answered: boolean }).answered).toBe(true);
  });

  it("given no such folder, the CLI says so and exits 2", async () => {
    const result = await cli(["ask", "who was Trepper?"], { CORPUS_DIR: "/nonexistent/readings" });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("CORPUS_DIR");
    expect(result.stdout).toBe("");
  });
});
