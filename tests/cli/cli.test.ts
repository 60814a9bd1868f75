/**
 * The command line's contract, run in this process through runCli (arguments, standard input and
 * output as the evaluation sees them); tests/process/cli.test.ts runs it as the evaluation does.
 */
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { runCli } from "../../src/command-line.ts";
import { defaultCorpusDir } from "../../src/search/index.ts";
import { realSearch } from "../bot/helpers.ts";

/** `npm run --silent <script> -- ...args` with `input` on standard input, in this process. */
async function run(script: string, args: string[], input = "") {
  let stdout = "";
  let stderr = "";
  const status = await runCli([script, ...args], {
    input: Readable.from([input]),
    out: (text) => (stdout += text),
    err: (text) => (stderr += text),
    env: () => ({}),
    // The project's corpus is the index every test file shares: built once, not per call.
    searchOver: (dir) => {
      expect(dir).toBe(defaultCorpusDir);
      return realSearch();
    },
  });
  return { status, stdout, stderr };
}

const RESULT_KEYS = ["doc", "paragraph", "section", "text", "excerpt", "score"];

/** One answer as the evaluation reads a --json or --jsonl line (the fields these tests look at). */
interface JsonAnswer {
  query: string;
  answered: boolean;
  reason?: { code: string; message: string };
  results: { doc: string; paragraph: number; section: string }[];
}

const parseAnswer = (line: string) => JSON.parse(line) as JsonAnswer;

describe("the command-line contract", () => {
  it("prints a readable cited answer", async () => {
    const { status, stdout } = await run("ask", ["what happened to Trotsky's family?"]);
    expect(status).toBe(0);
    expect(stdout).toContain("¶42 · Heroic opposition");
    expect(stdout).toContain("Virtually every member of his family was systematically exterminated");
    expect(stdout).toContain("October 2002");
  });

  it("says plainly when the review does not cover a question, and offers the closest passages as maybe related", async () => {
    const { status, stdout } = await run("ask", ["--limit", "1", "does the review compare Amis to Orwell?"]);
    expect(status).toBe(0);
    expect(stdout).toMatch(/^The review does not seem to cover that \(it never mentions “Orwell”\)\./);
    expect(stdout).toContain("Maybe related:");
    expect(stdout).toMatch(/¶\d+/);
  });

  it("prints one JSON object with --json, in the agreed shape", async () => {
    const { status, stdout } = await run("quote", ["--json", "--limit", "2", "paid a terrible personal price"]);
    expect(status).toBe(0);
    const lines = stdout.trim().split("\n");
    expect(lines).toHaveLength(1);
    const answer = parseAnswer(lines[0]!);
    expect(answer.query).toBe("paid a terrible personal price");
    expect(answer.answered).toBe(true);
    expect(answer.results.length).toBeGreaterThan(0);
    expect(answer.results.length).toBeLessThanOrEqual(2);
    expect(Object.keys(answer.results[0] ?? {})).toEqual(RESULT_KEYS);
    expect(answer.results[0]).toMatchObject({ doc: "koba-the-dread-review", paragraph: 42, section: "Heroic opposition" });
  });

  it("answers --jsonl line by line, in order, with nothing else on stdout, bad lines included", async () => {
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
    const { status, stdout } = await run("ask", ["--jsonl"], questions.join("\n") + "\n");
    expect(status).toBe(0);
    const lines = stdout.split("\n").filter((l) => l !== "");
    expect(lines).toHaveLength(questions.length);
    const answers = lines.map(parseAnswer);
    expect(answers[0]?.answered).toBe(true);
    expect(answers[0]?.results[0]?.paragraph).toBe(42);
    for (const i of [1, 2, 3, 4, 6]) {
      expect(answers[i]?.answered, `line ${i + 1}`).toBe(false);
      expect(answers[i]?.reason?.message.length).toBeGreaterThan(0);
    }
    for (const a of answers) {
      expect(Object.keys(a).filter((k) => k !== "reason")).toEqual(["query", "answered", "results"]);
      expect(a.results.length).toBeLessThanOrEqual(5);
    }
  });

  it("answers quote lookups in --jsonl, out-of-range numbers declined with a reason", async () => {
    const { status, stdout } = await run("quote", ["--jsonl"], "12\n¶99\nWho rose up to voice his outrage?\n");
    expect(status).toBe(0);
    const [byNumber, outOfRange, byPhrase] = stdout.trim().split("\n").map(parseAnswer);
    expect(byNumber?.answered).toBe(true);
    expect(byNumber?.results.map((r) => r.paragraph)).toEqual([12]);
    expect(outOfRange).toMatchObject({ answered: false, reason: { code: "out-of-range" }, results: [] });
    expect(byPhrase?.results[0]?.paragraph).toBe(49);
  });

  it.each([{ args: ["12-14"] }, { args: ["¶12–14"] }, { args: ["12", "to", "14"] }, { args: ["paragraphs 12 to 14"] }])(
    "given the range $args, quotes ¶12, ¶13 and ¶14 whole, each cited as a single paragraph is",
    async ({ args }) => {
      const { status, stdout } = await run("quote", args);
      expect(status).toBe(0);
      const single = (await run("quote", ["13"])).stdout;
      const body = (out: string) => out.slice(0, out.lastIndexOf("\n\n— "));
      expect(stdout.match(/^¶\d+ · .+$/gm)).toEqual(["¶12 · Total fabrication", "¶13 · Total fabrication", "¶14 · Total fabrication"]);
      expect(stdout).toContain(`\n\n${body(single)}\n\n`);
      expect(stdout).toMatch(/\n\n— Review: .*\(October 2002\)\n$/);
    },
  );

  it("answers a range in --json and --jsonl with each paragraph a result, a bad range declined with the reason /quote gives", async () => {
    const json = parseAnswer((await run("quote", ["--json", "12 13"])).stdout);
    expect(json).toMatchObject({ query: "12 13", answered: true });
    expect(json.results.map((r) => r.paragraph)).toEqual([12, 13]);
    const { stdout } = await run("quote", ["--jsonl"], "12-20\n50-60\n12, 13\n");
    const [tooMany, pastEnd, pair] = stdout.trim().split("\n").map(parseAnswer);
    expect(tooMany).toMatchObject({
      answered: false,
      reason: { code: "bad-range", message: "At most 5 paragraphs at a time: ¶12–20 is 9. Try ¶12–16." },
      results: [],
    });
    expect(pastEnd).toMatchObject({
      answered: false,
      reason: { code: "bad-range", message: "There is no ¶60: the review has paragraphs 1 to 51." },
    });
    expect(pair?.results.map((r) => r.paragraph)).toEqual([12, 13]);
    const capped = parseAnswer((await run("quote", ["--json", "--up-to", "13", "12-14"])).stdout);
    expect(capped).toMatchObject({ answered: false, reason: { code: "beyond-position" }, results: [] });
  });

  it("rejects a bad --limit with a usage message and exit code 2", async () => {
    const { status, stdout, stderr } = await run("ask", ["--limit", "9", "Trotsky"]);
    expect(status).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toContain("--limit");
  });

  it("with --up-to, cites only ¶1–N and declines with a reason when the answer lies further on", async () => {
    const capped = JSON.parse((await run("ask", ["--up-to", "20", "--json", "what happened to Trotsky's family?"])).stdout) as {
      answered: boolean;
      reason?: { code: string; message: string };
      results: unknown[];
    };
    expect(capped).toMatchObject({
      answered: false,
      reason: { code: "beyond-position", message: "Nothing up to ¶20 answers that yet." },
      results: [],
    });
    const within = JSON.parse((await run("ask", ["--up-to=45", "--json", "what happened to Trotsky's family?"])).stdout) as {
      results: { paragraph: number }[];
    };
    expect(within.results[0]?.paragraph).toBe(42);
    for (const r of within.results) expect(r.paragraph).toBeLessThanOrEqual(45);
    const quote = JSON.parse((await run("quote", ["--up-to", "20", "--json", "42"])).stdout) as { reason?: { code: string } };
    expect(quote.reason?.code).toBe("beyond-position");
    const bad = await run("quote", ["--up-to", "x", "42"]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("--up-to");
  });

  it("given an unknown flag, prints usage on stderr with exit code 2 instead of searching for it", async () => {
    const { status, stdout, stderr } = await run("ask", ["--frobnicate", "who was Trepper?"]);
    expect(status).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toMatch(/^unknown option --frobnicate\nusage: /);
  });

  it("given a command that is neither ask nor quote, names it on stderr with the usage and exit code 2", async () => {
    const { status, stdout, stderr } = await run("asks", ["who was Trepper?"]);
    expect(status).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toMatch(/^unknown command "asks": ask or quote\nusage: /);
  });

  it("given -- before it, a question that starts with a dash is a question", async () => {
    const { status, stdout } = await run("ask", ["--json", "--", "-who was Trepper?"]);
    expect(status).toBe(0);
    expect(parseAnswer(stdout).query).toBe("-who was Trepper?");
  });

  it.each(["ask", "quote"] as const)("given %s with no question, prints usage on stderr with exit code 2", async (script) => {
    const { status, stdout, stderr } = await run(script, []);
    expect(status).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toContain("usage: npm run --silent ask|quote");
  });

  it("given --help, prints usage on stdout with exit code 0", async () => {
    const { status, stdout, stderr } = await run("ask", ["--help"]);
    expect(status).toBe(0);
    expect(stderr).toBe("");
    expect(stdout).toMatch(/^usage: npm run --silent ask\|quote/);
    expect(stdout).toContain("--jsonl");
  });

  it("reads --jsonl lines ending in \\n, tolerating CRLF, with a lone CR inside a line", async () => {
    const { status, stdout } = await run("quote", ["--jsonl"], "12\r\npaid a terrible\rpersonal price\r\n¶7\n¶9");
    expect(status).toBe(0);
    const answers = stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { query: string; results: { paragraph: number }[] });
    expect(answers.map((a) => a.query)).toEqual(["12", "paid a terrible personal price", "¶7", "¶9"]);
    expect(answers.map((a) => a.results[0]?.paragraph)).toEqual([12, 42, 7, 9]);
  });

  it("echoes the query as it was searched, cleaned and at most 300 characters, answered or declined", async () => {
    const { stdout } = await run(
      "ask",
      ["--jsonl"],
      ["\u0007?!?!\u001b[2J", "what happened to Trot\u00adsky's family?", "x ".repeat(2000)].join("\n") + "\n",
    );
    const [noWords, answered, tooLong] = stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { query: string; answered: boolean });
    expect(noWords).toMatchObject({ query: "?!?!", answered: false });
    expect(answered).toMatchObject({ query: "what happened to Trotsky's family?", answered: true });
    expect(tooLong!.answered).toBe(false);
    expect(tooLong!.query).toBe("x ".repeat(150).trim());
  });

  it("given a paragraph number too large to count, says there is no such paragraph, echoing it as typed", async () => {
    const { status, stdout } = await run("quote", ["99999999999999999999"]);
    expect(status).toBe(0);
    expect(stdout).toMatch(/^There is no ¶99999999999999999999: the review has paragraphs 1 to \d+\./);
  });
});
