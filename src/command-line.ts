/**
 * Command line over the search core — used by people and by the evaluation, so its output is a
 * contract:
 *   npm run --silent ask -- "question"          readable cited answer
 *   npm run --silent ask -- --json "question"   one JSON object
 *   npm run --silent ask -- --jsonl < lines     one JSON object per input line, in order, nothing else on stdout
 *   npm run --silent quote -- ...               the same for quote lookups: a paragraph (12), a passage (12-14), a phrase
 *   --limit N                                   at most N results (1–5, default 5)
 *   --up-to N                                   a reading position: cite only ¶1–N of the first document
 * Exit codes: 0 answered or declined, 2 a usage mistake (usage on stderr); `--help` prints usage on stdout.
 */
import { declineMessage } from "./format/declines.ts";
import type { Env } from "./bot/config.ts";
import { corpusDirFrom, ReviewSearch } from "./search/index.ts";
import type { Answer } from "./search/index.ts";
import { formatAnswerText } from "./format/text.ts";
import { cleanText } from "./search/input.ts";

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

const HELP = `${USAGE}

  ask "question"       the passages of the review that answer a question, cited
  quote "phrase"       a paragraph by number (12, ¶12) or by a phrase remembered from it, or a
                       passage of up to 5 paragraphs of the review (12-14, ¶12–14, "12 and 13"),
                       or up to 5 paragraphs apart ("12 and 20", "3, 9, 14")
  --json               one JSON object: {"query", "answered", "reason"?, "results": [...]}
  --jsonl              one JSON object per line of standard input, in order (a line ends with \\n;
                       a \\r before it is dropped; a lone \\r is part of the line)
  --limit N            at most N results, 1 to 5 (default 5)
  --up-to N            a reading position: cite only ¶1–N of the first document
  --help, -h           this text
  --                   everything after it is the question, even if it starts with -

Exit codes: 0 answered or declined (with a reason), 2 a usage mistake.`;

export type ParsedArgs = CliArgs | { help: true } | { error: string };

function parseArgs(argv: readonly string[]): ParsedArgs {
  const [mode, ...rest] = argv;
  if (mode !== "ask" && mode !== "quote") {
    return { error: mode === undefined ? USAGE : `unknown command "${mode}": ask or quote\n${USAGE}` };
  }
  let output: Output = "text";
  let limit = 5;
  let upTo: number | null = null;
  const words: string[] = [];
  let onlyWords = false;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    if (onlyWords) words.push(arg);
    else if (arg === "--") onlyWords = true;
    else if (arg === "--json") output = "json";
    else if (arg === "--jsonl") output = "jsonl";
    else if (arg === "--limit" || arg.startsWith("--limit=")) {
      const value = arg.includes("=") ? arg.slice(arg.indexOf("=") + 1) : rest[++i];
      const n = /^\d+$/.test(value ?? "") ? Number(value) : NaN;
      if (!Number.isInteger(n) || n < 1 || n > 5)
        return { error: `--limit takes a whole number from 1 to 5, not "${value ?? ""}"\n${USAGE}` };
      limit = n;
    } else if (arg === "--up-to" || arg.startsWith("--up-to=")) {
      const value = arg.includes("=") ? arg.slice(arg.indexOf("=") + 1) : rest[++i];
      const n = Number(value);
      if (!/^\d+$/.test(value ?? "") || n < 1)
        return { error: `--up-to takes a paragraph number (1 or more), not "${value ?? ""}"\n${USAGE}` };
      upTo = n;
    } else if (arg === "--help" || arg === "-h") return { help: true };
    // A flag this CLI does not know is a mistake, not part of the question ("-5" or "-" is text).
    else if (/^--?[A-Za-z]/.test(arg)) return { error: `unknown option ${arg}\n${USAGE}` };
    else words.push(arg);
  }
  const query = words.join(" ");
  if (output !== "jsonl" && !query.trim())
    return { error: `${mode} needs ${mode === "ask" ? "a question" : "a paragraph number or a phrase"}\n${USAGE}` };
  return { mode, output, limit, upTo, query };
}

/** What the command line reads and writes: the process's streams, or a test's. */
export interface CliIo {
  /** Standard input, read only by --jsonl. */
  input: AsyncIterable<Buffer | string>;
  out(text: string): void;
  err(text: string): void;
  /** The environment (CORPUS_DIR), .env merged in; read only once the arguments are valid. */
  env: () => Env;
  /** The directory a relative CORPUS_DIR is resolved against. */
  cwd?: string;
  /** Builds the search over a corpus folder (tests hand in one index built once). */
  searchOver?: (dir: string) => ReviewSearch;
}

/** Answers one query; an unexpected failure becomes an unanswered result, never a crash. */
function answer(search: ReviewSearch, args: CliArgs, query: string, io: CliIo): Answer {
  try {
    const options = { limit: args.limit, ...(args.upTo !== null ? { upTo: args.upTo } : {}) };
    return args.mode === "ask" ? search.ask(query, options) : search.quote(query, options);
  } catch (error) {
    io.err(
      `${JSON.stringify({ level: "error", msg: "query failed", mode: args.mode, query: query.slice(0, 200), error: String(error) })}\n`,
    );
    return {
      query: query.slice(0, 200),
      answered: false,
      reason: { code: "error" },
      results: [],
    };
  }
}

/** The JSON contract: exactly these keys, in this order. */
function toJson(a: Answer, input: string): string {
  return JSON.stringify({
    // Always the query as it was searched: cleaned, and cut to 300 characters.
    query: cleanText(input).slice(0, 300).trimEnd(),
    answered: a.answered,
    // The reason's code, and the words a reader gets for it (the core gives only the code and its facts).
    ...(a.reason ? { reason: { code: a.reason.code, message: declineMessage(a.reason) } } : {}),
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

/**
 * The lines of a stream: each ends with \n (a \r before it is dropped, so CRLF files work); a lone
 * \r is part of its line; a last line without \n counts if it is not empty.
 */
async function* readLines(input: AsyncIterable<Buffer | string>): AsyncGenerator<string> {
  const decoder = new TextDecoder();
  let pending = "";
  for await (const chunk of input) {
    pending += typeof chunk === "string" ? chunk : decoder.decode(chunk, { stream: true });
    let end: number;
    while ((end = pending.indexOf("\n")) >= 0) {
      yield pending.slice(0, end).replace(/\r$/, "");
      pending = pending.slice(end + 1);
    }
  }
  pending += decoder.decode();
  if (pending) yield pending.replace(/\r$/, "");
}

/** Runs the command line over `argv` (mode first: ask or quote); resolves to the exit code. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv);
  if ("help" in args) {
    io.out(`${HELP}\n`);
    return 0;
  }
  if ("error" in args) {
    io.err(`${args.error}\n`);
    return 2;
  }
  const corpus = corpusDirFrom(io.env(), io.cwd);
  if ("error" in corpus) {
    io.err(`${corpus.error}\n`);
    return 2;
  }
  const search = (io.searchOver ?? ((dir) => ReviewSearch.fromDirectory(dir)))(corpus.dir);
  for (const warning of search.corpus.warnings) io.err(`corpus: ${warning}\n`);
  if (args.output === "jsonl") {
    for await (const line of readLines(io.input)) io.out(`${toJson(answer(search, args, line, io), line)}\n`);
    return 0;
  }
  const result = answer(search, args, args.query, io);
  io.out(args.output === "json" ? `${toJson(result, args.query)}\n` : `${formatAnswerText(result, search)}\n`);
  return 0;
}
