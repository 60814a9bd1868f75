/**
 * CORPUS_DIR points the CLI, the console and the bot at a group's own readings (default: the
 * project's corpus/). Spawns the real commands against a small corpus written for the test.
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { parseConfig } from "../../src/bot/config.ts";
import { corpusDirFrom, defaultCorpusDir } from "../../src/search/index.ts";

const root = fileURLToPath(new URL("../..", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "koba-corpus-"));
writeFileSync(
  join(dir, "walrus.md"),
  "---\nid: walrus\ntitle: The walrus and the carpenter\n---\n\n# The walrus and the carpenter\n\nThe walrus sang at dawn about cabbages and kings.\n\nThe carpenter wept over the sand.\n",
);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(args: string[], env: Record<string, string>, input = "") {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, DOTENV_CONFIG_PATH: "/dev/null", ...env };
  for (const name of ["DISCORD_TOKEN", "LOG_LEVEL"]) delete childEnv[name];
  return spawnSync("npm", ["run", "--silent", ...args], { cwd: root, env: childEnv, input, encoding: "utf8", timeout: 60_000 });
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

  it("given a folder, the CLI answers from it", () => {
    const result = run(["quote", "--", "--json", "walrus sang at dawn"], { CORPUS_DIR: dir });
    expect(result.status, result.stderr).toBe(0);
    const answer = JSON.parse(result.stdout) as { answered: boolean; results: Array<{ doc: string; paragraph: number }> };
    expect(answer.answered).toBe(true);
    expect(answer.results[0]).toMatchObject({ doc: "walrus", paragraph: 1 });
  }, 60_000);

  it("given a lexicon entry it cannot use, the CLI still answers and names the entry on stderr", () => {
    const withLexicon = mkdtempSync(join(tmpdir(), "koba-corpus-"));
    copyFileSync(join(dir, "walrus.md"), join(withLexicon, "walrus.md"));
    writeFileSync(join(withLexicon, "lexicon.json"), JSON.stringify({ sang: ["burst into song"] }));
    const result = run(["quote", "--", "--json", "walrus sang at dawn"], { CORPUS_DIR: withLexicon });
    rmSync(withLexicon, { recursive: true, force: true });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).toContain('corpus: lexicon.json: “sang”: "burst into song" dropped');
    expect((JSON.parse(result.stdout) as { answered: boolean }).answered).toBe(true);
  }, 60_000);

  it("given no such folder, the CLI says so and exits 2", () => {
    const result = run(["ask", "--", "who was Trepper?"], { CORPUS_DIR: "/nonexistent/readings" });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("CORPUS_DIR");
    expect(result.stdout).toBe("");
  }, 60_000);

  it("given a folder, the console answers from it", () => {
    const result = run(["start"], { CORPUS_DIR: dir }, "/quote the carpenter wept\n");
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain("The carpenter wept over the sand.");
  }, 60_000);
});
