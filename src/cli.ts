/**
 * Command line over the search core — used by people and by the evaluation, so its output is a
 * contract:
 *   npm run --silent ask -- "question"          readable cited answer
 *   npm run --silent ask -- --json "question"   one JSON object
 *   npm run --silent ask -- --jsonl < lines     one JSON object per input line, in order, nothing else on stdout
 *   npm run --silent quote -- ...               the same for quote lookups
 *   --limit N                                   at most N results (1–5, default 5)
 *   --up-to N                                   a reading position: cite only ¶1–N of the first document
 */
import { createInterface } from "node:readline";
import { loadEnv } from "./bot/env.ts";
import { corpusDirFrom, ReviewSearch } from "./search/index.ts";
import type { Answer } from "./search/index.ts";
import { formatAnswerText } from "./format/text.ts";
import { runMain } from "./run-main.ts";

type Mode = "ask" | "quote";
type Output = "text" | "json" | "jsonl";

interface CliArgs {
  mode: Mode;
  output: Output;
  limit: number;
  /** A study group's reading position, or null for the whole corpus. */
  upTo: number | null;
  query: string;
}

const USAGE = 'usage: npm run --silent ask|quote -- [--json | --jsonl] [--limit 1-5] [--up-to N] "question or phrase"';

export function parseArgs(argv: readonly string[]): CliArgs | { error: string } {
  const [mode, ...rest] = argv;
  if (mode !== "ask" && mode !== "quote") return { error: USAGE };
  let output: Output = "text";
  let limit = 5;
  let upTo: number | null = null;
  const words: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    if (arg === "--json") output = "json";
    else if (arg === "--jsonl") output = "jsonl";
    else if (arg === "--limit" || arg.startsWith("--limit=")) {
      const value = arg.includes("=") ? arg.slice(arg.indexOf("=") + 1) : rest[++i];
      const n = Number(value);
      if (!Number.isInteger(n) || n < 1 || n > 5) return { error: `--limit takes a whole number from 1 to 5, not "${value ?? ""}"` };
      limit = n;
    } else if (arg === "--up-to" || arg.startsWith("--up-to=")) {
      const value = arg.includes("=") ? arg.slice(arg.indexOf("=") + 1) : rest[++i];
      const n = Number(value);
      if (!/^\d+$/.test(value ?? "") || n < 1) return { error: `--up-to takes a paragraph number (1 or more), not "${value ?? ""}"` };
      upTo = n;
    } else if (arg === "--help" || arg === "-h") return { error: USAGE };
    else if (arg === "--") continue;
    else words.push(arg);
  }
  return { mode, output, limit, upTo, query: words.join(" ") };
}

/** Answers one query; an unexpected failure becomes an unanswered result, never a crash. */
function answer(search: ReviewSearch, args: CliArgs, query: string): Answer {
  try {
    const options = { limit: args.limit, ...(args.upTo !== null ? { upTo: args.upTo } : {}) };
    return args.mode === "ask" ? search.ask(query, options) : search.quote(query, options);
  } catch (error) {
    process.stderr.write(
      `${JSON.stringify({ level: "error", msg: "query failed", mode: args.mode, query: query.slice(0, 200), error: String(error) })}\n`,
    );
    return {
      query: query.slice(0, 200),
      answered: false,
      reason: { code: "error", message: "Something went wrong looking that up." },
      results: [],
    };
  }
}

/** The JSON contract: exactly these keys, in this order. */
function toJson(a: Answer): string {
  return JSON.stringify({
    query: a.query,
    answered: a.answered,
    ...(a.reason ? { reason: a.reason } : {}),
    results: a.results.map((r) => ({
      doc: r.doc,
      paragraph: r.paragraph,
      section: r.section,
      text: r.text,
      excerpt: r.excerpt,
      score: r.score,
    })),
  });
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  if ("error" in args) {
    process.stderr.write(`${args.error}\n`);
    return 2;
  }
  const corpus = corpusDirFrom(loadEnv());
  if ("error" in corpus) {
    process.stderr.write(`${corpus.error}\n`);
    return 2;
  }
  const search = ReviewSearch.fromDirectory(corpus.dir);
  if (args.output === "jsonl") {
    const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
    for await (const line of lines) process.stdout.write(`${toJson(answer(search, args, line))}\n`);
    return 0;
  }
  const result = answer(search, args, args.query);
  process.stdout.write(args.output === "json" ? `${toJson(result)}\n` : `${formatAnswerText(result, search)}\n`);
  return 0;
}

runMain(main);
