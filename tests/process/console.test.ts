/**
 * `npm start` without DISCORD_TOKEN as a real process: the console a reader runs, piped or on a
 * terminal. What the console does with each line is tests/bot/console.test.ts, in process.
 */
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { childEnv } from "../support/child-env.ts";

const root = fileURLToPath(new URL("../..", import.meta.url));

/** `npm start` as a reader runs it (no DISCORD_TOKEN, no .env), with `input` piped in. */
async function npmStart(input: string, env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  // A database of its own, so a position set at a developer's console can't cap these answers.
  const child = spawn("npm", ["start"], { cwd: root, env: childEnv(env), stdio: ["pipe", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (c: Buffer) => (stdout += c.toString("utf8")));
  child.stderr.on("data", (c: Buffer) => (stderr += c.toString("utf8")));
  child.stdin.end(input);
  const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
  return { code, stdout, stderr };
}

describe("npm start's console", () => {
  it("given LOG_FILE, npm start's console appends its log lines there, at LOG_LEVEL", async () => {
    const dir = mkdtempSync(join(tmpdir(), "koba-console-"));
    const file = join(dir, "bot.log");
    const { code, stdout, stderr } = await npmStart("/frobnicate\n/quote 42\n", { LOG_FILE: file, LOG_LEVEL: "info" });
    expect(code, stderr).toBe(0);
    expect(stdout + stderr).not.toContain('"level"');
    const lines = readFileSync(file, "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { level: string; msg: string });
    expect(lines).toContainEqual(expect.objectContaining({ level: "warn", msg: "unknown command" }));
  }, 60_000);

  /** `npm start` on a 60-column terminal (util-linux `script` gives it one), typing each of `keys` when a prompt shows. */
  async function npmStartOnTerminal(
    keys: readonly string[],
    env: Record<string, string> = {},
  ): Promise<{ output: string; code: number | null }> {
    const child = spawn("script", ["-qec", "stty cols 60 rows 40; npm start", "/dev/null"], {
      cwd: root,
      env: childEnv(env),
      stdio: ["pipe", "pipe", "pipe"],
    });
    let output = "";
    let typed = 0;
    child.stdout.on("data", (c: Buffer) => {
      output += c.toString("utf8");
      // One line per prompt: each answer is printed before the next prompt.
      const prompts = output.split("koba> ").length - 1;
      if (prompts > typed && typed < keys.length) child.stdin.write(keys[typed++]!);
    });
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    return { output, code };
  }

  it.skipIf(spawnSync("script", ["--version"]).status !== 0)(
    "on a terminal, npm start wraps at the terminal's width and colours the answer; Ctrl-C clears a half-typed line, and on an empty line ends it with exit code 130",
    async () => {
      const { output, code } = await npmStartOnTerminal([
        "/ask what happened to Trotsky's family?\n",
        "/quote 42\u0003",
        "/quote 7\n",
        "\u0003",
      ]);
      expect(code).toBe(130);
      expect(output).toContain("\u001b[1m\u001b[33m“Virtually");
      const answer = output.slice(output.indexOf("== “what happened"));
      // eslint-disable-next-line no-control-regex
      const visible = answer.replace(/\u001b\[[0-9;]*[A-Za-z]/g, "").split(/\r?\n/);
      expect(visible.filter((l) => l.includes("“Virtually") || l.includes("”")).length).toBeGreaterThan(0);
      expect(answer).not.toMatch(/[»«\ue000\ue001]/u);
      expect(visible.every((l) => l.length <= 60)).toBe(true);
      expect(output).toContain("== ¶7 · Opening ==");
      expect(output).not.toContain("== ¶42 · Heroic opposition ==");
    },
    60_000,
  );

  it("given README's .env (LOG_LEVEL=info) and no DISCORD_TOKEN, npm start answers piped commands with citations, no log lines among them, and exits 0", async () => {
    const dir = mkdtempSync(join(tmpdir(), "koba-console-"));
    writeFileSync(join(dir, ".env"), readFileSync(join(root, ".env.example"), "utf8"));
    const { code, stdout, stderr } = await npmStart(
      "/frobnicate\n/ask what happened to Trotsky's family?\n/quote paid a terrible personal price\n",
      {
        DOTENV_CONFIG_PATH: join(dir, ".env"),
      },
    );
    expect(code, stderr).toBe(0);
    expect(stderr).toBe("");
    expect(stdout).not.toContain('"level"');
    // The answer to the question, then the quote: both cited.
    const ask = stdout.indexOf("== “what happened to Trotsky's family?” ==");
    const quote = stdout.indexOf("== ¶42 · Heroic opposition ==");
    expect(ask).toBeGreaterThanOrEqual(0);
    expect(quote).toBeGreaterThan(ask);
    expect(stdout.slice(ask, quote)).toContain("¶42 · Heroic opposition");
    expect(stdout.slice(ask, quote)).toContain("“Virtually every member of his family was systematically exterminated");
    expect(stdout.slice(quote)).toContain("“Trotsky himself paid a terrible personal price for his unbending opposition.”");
    expect(stdout.match(/— Review: Martin Amis: Koba the Dread, Laughter and the twenty millions · October 2002/g)).toHaveLength(2);
    expect(stdout).not.toContain("koba>");
  }, 60_000);

  it("given CORPUS_DIR, the console answers from that folder", async () => {
    const dir = mkdtempSync(join(tmpdir(), "koba-corpus-"));
    writeFileSync(
      join(dir, "walrus.md"),
      "---\nid: walrus\ntitle: The walrus and the carpenter\n---\n\n# The walrus and the carpenter\n\nThe walrus sang at dawn.\n\nThe carpenter wept over the sand.\n",
    );
    const result = await npmStart("/quote the carpenter wept\n", { CORPUS_DIR: dir });
    rmSync(dir, { recursive: true, force: true });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain("The carpenter wept over the sand.");
  }, 60_000);
});
