/**
 * Search-core benchmark, in process: index build time, and ask/quote latency (median, p99) over
 * the development questions (../shared/eval/dev.jsonl when present, else the project's own
 * tests/fixtures/questions.jsonl). Prints figures; asserts nothing (the machine is shared and noisy).
 */
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { loadCorpus, ReviewSearch } from "../src/search/index.ts";

interface Item {
  kind: string;
  question: string;
}

const candidates = ["../../shared/eval/dev.jsonl", "../tests/fixtures/questions.jsonl"].map((p) =>
  fileURLToPath(new URL(p, import.meta.url)),
);
const file = candidates.find((p) => existsSync(p));
if (!file) throw new Error("bench: no question set found");
const items: Item[] = readFileSync(file, "utf8")
  .split("\n")
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l) as Item);

function stats(samples: number[]): { median: number; p99: number; n: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return { median: at(0.5), p99: at(0.99), n: sorted.length };
}

function time(fn: () => void): number {
  const start = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

const corpus = loadCorpus();
const builds: number[] = [];
let search = new ReviewSearch(corpus); // warm-up
for (let i = 0; i < 20; i++) builds.push(time(() => (search = new ReviewSearch(corpus))));

const asks = items.filter((i) => i.kind !== "quote").map((i) => i.question);
const quotes = items.filter((i) => i.kind === "quote").map((i) => i.question);
const rounds = 20;
const askTimes: number[] = [];
const quoteTimes: number[] = [];
for (let r = 0; r < rounds; r++) {
  for (const q of asks) askTimes.push(time(() => search.ask(q)));
  for (const q of quotes) quoteTimes.push(time(() => search.quote(q)));
}

const fmt = (s: ReturnType<typeof stats>) => `median ${s.median.toFixed(3)} ms  p99 ${s.p99.toFixed(3)} ms  (n=${s.n})`;
console.log(`question set: ${file}`);
console.log(`index build   ${fmt(stats(builds))}`);
console.log(`ask           ${fmt(stats(askTimes))}`);
console.log(`quote         ${fmt(stats(quoteTimes))}`);
