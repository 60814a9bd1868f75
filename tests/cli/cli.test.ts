import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../..", import.meta.url));

/** Runs the CLI exactly as the evaluation does: through npm, with --silent. */
function run(script: "ask" | "quote", args: string[], input?: string) {
  const result = spawnSync("npm", ["run", "--silent", script, "--", ...args], { cwd: root, input, encoding: "utf8", timeout: 60_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const RESULT_KEYS = ["doc", "paragraph", "section", "text", "excerpt", "score"];

describe("the command-line contract", () => {
  it("prints a readable cited answer", () => {
    const { status, stdout } = run("ask", ["what happened to Trotsky's family?"]);
    expect(status).toBe(0);
    expect(stdout).toContain("¶42 · Heroic opposition");
    expect(stdout).toContain("Virtually every member of his family was systematically exterminated");
    expect(stdout).toContain("October 2002");
  });

  it("says plainly when the review does not cover a question, and offers the closest passages as maybe related", () => {
    const { status, stdout } = run("ask", ["--limit", "1", "does the review compare Amis to Orwell?"]);
    expect(status).toBe(0);
    expect(stdout).toMatch(/^The review does not seem to cover that \(it never mentions “Orwell”\)\./);
    expect(stdout).toContain("Maybe related:");
    expect(stdout).toMatch(/¶\d+/);
  });

  it("prints one JSON object with --json, in the agreed shape", () => {
    const { status, stdout } = run("quote", ["--json", "--limit", "2", "paid a terrible personal price"]);
    expect(status).toBe(0);
    const lines = stdout.trim().split("\n");
    expect(lines).toHaveLength(1);
    const answer = JSON.parse(lines[0]!);
    expect(answer.query).toBe("paid a terrible personal price");
    expect(answer.answered).toBe(true);
    expect(answer.results.length).toBeGreaterThan(0);
    expect(answer.results.length).toBeLessThanOrEqual(2);
    expect(Object.keys(answer.results[0])).toEqual(RESULT_KEYS);
    expect(answer.results[0]).toMatchObject({ doc: "koba-the-dread-review", paragraph: 42, section: "Heroic opposition" });
  });

  it("answers --jsonl line by line, in order, with nothing else on stdout, bad lines included", () => {
    const questions = [
      "what happened to Trotsky's family?",
      "",
      "x".repeat(10_000),
      "?!?!",
      "🙂🙂",
      "ctrl \u0001\u0002 chars",
      "what is the capital of France?",
      "¶12",
    ];
    const { status, stdout } = run("ask", ["--jsonl"], questions.join("\n") + "\n");
    expect(status).toBe(0);
    const lines = stdout.split("\n").filter((l) => l !== "");
    expect(lines).toHaveLength(questions.length);
    const answers = lines.map((l) => JSON.parse(l));
    expect(answers[0].answered).toBe(true);
    expect(answers[0].results[0].paragraph).toBe(42);
    for (const i of [1, 2, 3, 4, 6]) {
      expect(answers[i].answered, `line ${i + 1}`).toBe(false);
      expect(answers[i].reason.message.length).toBeGreaterThan(0);
    }
    for (const a of answers) {
      expect(Object.keys(a).filter((k) => k !== "reason")).toEqual(["query", "answered", "results"]);
      expect(a.results.length).toBeLessThanOrEqual(5);
    }
  });

  it("answers quote lookups in --jsonl, out-of-range numbers declined with a reason", () => {
    const { status, stdout } = run("quote", ["--jsonl"], "12\n¶99\nWho rose up to voice his outrage?\n");
    expect(status).toBe(0);
    const [byNumber, outOfRange, byPhrase] = stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(byNumber.answered).toBe(true);
    expect(byNumber.results.map((r: { paragraph: number }) => r.paragraph)).toEqual([12]);
    expect(outOfRange).toMatchObject({ answered: false, reason: { code: "out-of-range" }, results: [] });
    expect(byPhrase.results[0].paragraph).toBe(49);
  });

  it("rejects a bad --limit with a usage message and exit code 2", () => {
    const { status, stdout, stderr } = run("ask", ["--limit", "9", "Trotsky"]);
    expect(status).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toContain("--limit");
  });

  it("with --up-to, cites only ¶1–N and declines with a reason when the answer lies further on", () => {
    const capped = JSON.parse(run("ask", ["--up-to", "20", "--json", "what happened to Trotsky's family?"]).stdout) as {
      answered: boolean;
      reason?: { code: string; message: string };
      results: unknown[];
    };
    expect(capped).toMatchObject({
      answered: false,
      reason: { code: "beyond-position", message: "Nothing up to ¶20 answers that yet." },
      results: [],
    });
    const within = JSON.parse(run("ask", ["--up-to=45", "--json", "what happened to Trotsky's family?"]).stdout) as {
      results: { paragraph: number }[];
    };
    expect(within.results[0]?.paragraph).toBe(42);
    for (const r of within.results) expect(r.paragraph).toBeLessThanOrEqual(45);
    const quote = JSON.parse(run("quote", ["--up-to", "20", "--json", "42"]).stdout) as { reason?: { code: string } };
    expect(quote.reason?.code).toBe("beyond-position");
    const bad = run("quote", ["--up-to", "x", "42"]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("--up-to");
  });
});
