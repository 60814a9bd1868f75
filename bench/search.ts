/**
 * Search-core benchmark, in process. For each scale (1 = the review; `--scale 10` or `--scale 100`
 * add synthetic corpora that many times its size, see synthetic.ts), in a fresh process each:
 * index build, the phrase index (built on the first quote), resident memory, and the latency
 * (p50, p99) of ask (answer cache cleared before each), ask answered from the cache, quote and
 * autocomplete; then the growth exponent of each from 1× to every larger scale
 * (log(t_scale / t_1) / log(scale): 1 grows as the corpus, 0 not at all).
 *
 * What makes an ask's tail, apart (this machine is shared, so a p99 is easily someone else's job):
 * the first ask in the process, cold; the first round's p99 (each question met for the first time,
 * after an untimed pass over 50 of them); and, on Linux, the p99 less the time the thread waited
 * for a core (its run-queue wait, /proc/thread-self/schedstat, read around each ask), the share of
 * asks that waited, and the share during which a garbage collection ran.
 *
 * The same inputs at every scale: the questions of the project's question sets (and
 * ../shared/eval/dev.jsonl when present), quote lookups from them and phrases from the review's
 * paragraphs (exact and with a word dropped, changed, swapped or misspelt), and autocomplete as
 * each of those phrases is typed. Prints figures; asserts nothing (the machine is shared and noisy).
 *
 *   npm run bench                      1×
 *   npm run bench -- --scale 10,100    1×, 10× and 100×
 */
import { fork } from "node:child_process";
import { once } from "node:events";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { cpus } from "node:os";
import { PerformanceObserver } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { loadCorpus, ReviewSearch } from "../src/search/index.ts";
import { random, syntheticCorpus } from "./synthetic.ts";

interface Item {
  kind: string;
  question: string;
}

interface ScaleResult {
  scale: number;
  paragraphs: number;
  buildMs: number;
  phraseIndexMs: number;
  rssMiB: number;
  heapMiB: number;
  timings: Record<Operation, { p50: number; p99: number; n: number }>;
  /** The ask's tail, taken apart (see the file's comment); NaN where the system cannot tell. */
  askTail: AskTail;
}

interface AskTail {
  /** The first ask in the process: nothing of its path compiled or cached yet. */
  coldMs: number;
  /** The first round: each question met for the first time. */
  firstRoundP50: number;
  firstRoundP99: number;
  /** Every round, only the asks that did not wait for a core (run-queue wait under 50 µs). */
  p99NotWaiting: number;
  /** The first round, only the asks that did not wait for a core. */
  firstRoundP99NotWaiting: number;
  /** Asks that waited for a core at least 50 µs, and asks during which a collection ran, in % of all. */
  waitedPercent: number;
  gcPercent: number;
}

type Operation = "ask" | "ask (cached)" | "quote" | "autocomplete";
const OPERATIONS: readonly Operation[] = ["ask", "ask (cached)", "quote", "autocomplete"];

function inputs(): { asks: string[]; quotes: string[]; typing: string[] } {
  const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
  const files = readdirSync(here("../tests/fixtures"))
    .filter((f) => f.endsWith(".jsonl"))
    .map((f) => here(`../tests/fixtures/${f}`));
  if (existsSync(here("../../shared/eval/dev.jsonl"))) files.push(here("../../shared/eval/dev.jsonl"));
  const items = files.flatMap((file) =>
    readFileSync(file, "utf8")
      .split("\n")
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as Item),
  );
  const asks = [...new Set(items.filter((i) => i.kind !== "quote").map((i) => i.question))];
  // Phrases a reader remembers from the review: exact, or with one word dropped, changed, swapped or misspelt.
  const next = random(3);
  const review = loadCorpus().documents[0]!.paragraphs.map((p) => p.text.split(/\s+/));
  const remembered = Array.from({ length: 100 }, (_, n) => {
    const words = review[Math.floor(next() * review.length)]!;
    const start = Math.floor(next() * Math.max(1, words.length - 8));
    const phrase = words.slice(start, start + 4 + Math.floor(next() * 5));
    const at = Math.floor(next() * phrase.length);
    if (n % 5 === 1) phrase.splice(at, 1);
    if (n % 5 === 2) phrase[at] = review[0]![at % review[0]!.length]!;
    if (n % 5 === 3 && at + 1 < phrase.length) [phrase[at], phrase[at + 1]] = [phrase[at + 1]!, phrase[at]!];
    if (n % 5 === 4 && phrase[at]!.length > 5) phrase[at] = phrase[at]!.slice(0, 2) + phrase[at]!.slice(3);
    return phrase.join(" ");
  });
  const quotes = [...items.filter((i) => i.kind === "quote").map((i) => i.question), ...remembered];
  // Autocomplete as a phrase is typed: a word and a half, two words and a half, …
  const typing = remembered.flatMap((phrase) => {
    const words = phrase.split(" ");
    return words.map((w, i) => [...words.slice(0, i), w.slice(0, Math.ceil(w.length / 2))].join(" "));
  });
  return { asks, quotes, typing };
}

function percentile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
}

function time(fn: () => unknown): number {
  const start = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** This thread's time waiting for a core so far, in ms (Linux: schedstat's second field); undefined elsewhere. */
function runQueueWait(): number | undefined {
  try {
    return Number(readFileSync("/proc/thread-self/schedstat", "utf8").split(" ")[1]) / 1e6;
  } catch {
    return undefined;
  }
}

/** One timed ask: when it started (performance.now()), how long it took, and how much of that it waited for a core. */
interface AskSample {
  start: number;
  ms: number;
  waitMs: number;
  round: number;
}

/** The collections run, as intervals of performance.now(): an observer's entries arrive after the loop that caused them. */
function watchCollections(): { intervals: Array<{ start: number; end: number }>; stop: () => Promise<void> } {
  const intervals: Array<{ start: number; end: number }> = [];
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) intervals.push({ start: entry.startTime, end: entry.startTime + entry.duration });
  });
  observer.observe({ entryTypes: ["gc"] });
  return {
    intervals,
    stop: async () => {
      await new Promise((resolve) => setTimeout(resolve, 50));
      observer.disconnect();
    },
  };
}

/** One scale, measured in this (fresh) process. */
async function measureScale(scale: number): Promise<ScaleResult> {
  const { asks, quotes, typing } = inputs();
  const corpus = syntheticCorpus(loadCorpus(), scale);
  const paragraphs = corpus.documents.reduce((n, d) => n + d.paragraphs.length, 0);
  // The first build in a process pays for compiling the code: warm up on the review alone, then time the scale's.
  new ReviewSearch(loadCorpus()).quote("warm up");
  let search!: ReviewSearch;
  const buildMs = time(() => (search = new ReviewSearch(corpus)));
  const phraseIndexMs = time(() => search.quote("phrase index"));
  global.gc?.();
  const memory = process.memoryUsage();
  const samples: Record<Operation, number[]> = { ask: [], "ask (cached)": [], quote: [], autocomplete: [] };
  const askSamples: AskSample[] = [];
  const collections = watchCollections();
  const coldMs = time(() => search.ask(asks[0]!));
  // An untimed pass first: the first calls of each path pay for compiling it.
  for (const q of asks.slice(0, 50)) search.ask(q);
  for (const q of quotes.slice(0, 50)) search.quote(q);
  for (const t of typing.slice(0, 50)) search.suggest(t, 25);
  const rounds = scale >= 100 ? 2 : scale >= 10 ? 3 : 10;
  // A collection between groups, so that one group's garbage is not collected in the next one's timings.
  const collect = () => global.gc?.();
  for (let r = 0; r < rounds; r++) {
    collect();
    for (const q of asks) {
      search.clearAnswerCache();
      const waited = runQueueWait();
      const start = performance.now();
      const ms = time(() => search.ask(q));
      const waitMs = waited === undefined ? Number.NaN : runQueueWait()! - waited;
      samples.ask.push(ms);
      askSamples.push({ start, ms, waitMs, round: r });
      samples["ask (cached)"].push(time(() => search.ask(q)));
    }
    collect();
    for (const q of quotes) samples.quote.push(time(() => search.quote(q)));
    collect();
    for (const t of typing) samples.autocomplete.push(time(() => search.suggest(t, 25)));
  }
  const timings = Object.fromEntries(
    OPERATIONS.map((op) => {
      const sorted = [...samples[op]].sort((a, b) => a - b);
      return [op, { p50: percentile(sorted, 0.5), p99: percentile(sorted, 0.99), n: sorted.length }];
    }),
  ) as ScaleResult["timings"];
  await collections.stop();
  const askTail = tailOf(askSamples, coldMs, collections.intervals);
  return { scale, paragraphs, buildMs, phraseIndexMs, rssMiB: memory.rss / 2 ** 20, heapMiB: memory.heapUsed / 2 ** 20, timings, askTail };
}

/** A run-queue wait this long or longer means the ask lost its core to another process for a while. */
const WAITED_MS = 0.05;

function tailOf(samples: readonly AskSample[], coldMs: number, collections: ReadonlyArray<{ start: number; end: number }>): AskTail {
  const sorted = (xs: number[]) => xs.sort((a, b) => a - b);
  const firstRound = sorted(samples.filter((s) => s.round === 0).map((s) => s.ms));
  const collected = (s: AskSample) => collections.some((c) => c.start < s.start + s.ms && c.end > s.start);
  const percent = (n: number) => (100 * n) / samples.length;
  return {
    coldMs,
    firstRoundP50: percentile(firstRound, 0.5),
    firstRoundP99: percentile(firstRound, 0.99),
    p99NotWaiting: percentile(sorted(samples.filter((s) => s.waitMs < WAITED_MS).map((s) => s.ms)), 0.99),
    firstRoundP99NotWaiting: percentile(sorted(samples.filter((s) => s.round === 0 && s.waitMs < WAITED_MS).map((s) => s.ms)), 0.99),
    waitedPercent: percent(samples.filter((s) => s.waitMs >= WAITED_MS).length),
    gcPercent: percent(samples.filter(collected).length),
  };
}

async function runScale(scale: number): Promise<ScaleResult> {
  const child = fork(fileURLToPath(import.meta.url), ["--measure", String(scale)], { execArgv: ["--import", "tsx", "--expose-gc"] });
  const [message] = (await Promise.race([once(child, "message"), once(child, "exit").then(() => [null])])) as [ScaleResult | null];
  if (!message) throw new Error(`bench: scale ${scale} failed`);
  await once(child, "exit");
  return message;
}

async function main(): Promise<void> {
  const at = process.argv.indexOf("--scale");
  const requested = at >= 0 ? (process.argv[at + 1] ?? "").split(",").map(Number) : [];
  if (requested.some((s) => !Number.isInteger(s) || s < 1)) throw new Error("bench: --scale takes whole numbers, e.g. --scale 10,100");
  const scales = [...new Set([1, ...requested])].sort((a, b) => a - b);
  const results: ScaleResult[] = [];
  for (const scale of scales) results.push(await runScale(scale));

  const { asks, quotes, typing } = inputs();
  console.log(`Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? "CPU"}; each scale in a fresh process.`);
  console.log(`inputs: ${asks.length} distinct questions, ${quotes.length} quote lookups, ${typing.length} autocomplete prefixes`);
  const f = fixed;
  const rows: string[][] = [
    [
      "scale",
      "paragraphs",
      "build ms",
      "phrase index ms",
      "RSS MiB",
      "heap MiB",
      ...OPERATIONS.flatMap((op) => [`${op} p50`, `${op} p99`]),
      ...TAIL_ROWS.map(([label]) => label),
    ],
  ];
  for (const r of results) {
    rows.push([
      `${r.scale}×`,
      String(r.paragraphs),
      f(r.buildMs),
      f(r.phraseIndexMs),
      r.rssMiB.toFixed(0),
      r.heapMiB.toFixed(0),
      ...OPERATIONS.flatMap((op) => [f(r.timings[op].p50), f(r.timings[op].p99)]),
      ...TAIL_ROWS.map(([, cell]) => cell(r.askTail)),
    ]);
  }
  const base = results[0]!;
  for (const r of results.slice(1)) {
    const exponent = (a: number, b: number) => (Math.log(b / a) / Math.log(r.scale / base.scale)).toFixed(2);
    rows.push([
      `growth 1→${r.scale}×`,
      "",
      exponent(base.buildMs, r.buildMs),
      exponent(base.phraseIndexMs, r.phraseIndexMs),
      exponent(base.rssMiB, r.rssMiB),
      exponent(base.heapMiB, r.heapMiB),
      ...OPERATIONS.flatMap((op) => [exponent(base.timings[op].p50, r.timings[op].p50), exponent(base.timings[op].p99, r.timings[op].p99)]),
      ...TAIL_ROWS.map(() => ""),
    ]);
  }
  // Transposed: one line per measure, one column per scale.
  const columns = rows.length;
  const width = Math.max(...rows[0]!.map((h) => h.length));
  const colWidth = rows.slice(1).map((r) => Math.max(...r.map((c) => c.length), 8));
  for (let i = 0; i < rows[0]!.length; i++) {
    const cells = [rows[0]![i]!.padEnd(width), ...Array.from({ length: columns - 1 }, (_, c) => rows[c + 1]![i]!.padStart(colWidth[c]!))];
    console.log(cells.join("  "));
  }
  console.log("Times in ms. growth: log(t_scale / t_1) / log(scale), 1 = grows as the corpus does, 0 = not at all.");
  console.log(
    "ask tail: waited = for at least 50 µs, while other processes had the cores (Linux only); a collection = one ran during the ask.",
  );
}

/** The ask's tail rows: label and cell. */
const TAIL_ROWS: ReadonlyArray<readonly [string, (t: AskTail) => string]> = [
  ["ask, first in the process (cold)", (t) => fixed(t.coldMs)],
  ["ask first round p50", (t) => fixed(t.firstRoundP50)],
  ["ask first round p99", (t) => fixed(t.firstRoundP99)],
  ["ask p99, asks that never waited", (t) => (Number.isNaN(t.p99NotWaiting) ? "n/a" : fixed(t.p99NotWaiting))],
  ["ask first round p99, never waited", (t) => (Number.isNaN(t.firstRoundP99NotWaiting) ? "n/a" : fixed(t.firstRoundP99NotWaiting))],
  ["ask that waited for a core (%)", (t) => (Number.isNaN(t.p99NotWaiting) ? "n/a" : t.waitedPercent.toFixed(1))],
  ["ask with a collection in it (%)", (t) => t.gcPercent.toFixed(1)],
];

function fixed(n: number): string {
  return n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2);
}

const measureAt = process.argv.indexOf("--measure");
if (measureAt >= 0) process.send?.(await measureScale(Number(process.argv[measureAt + 1])));
else await main();
