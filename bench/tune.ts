/**
 * The scope decision's operating point, chosen from a curve: for each threshold of SCOPE
 * (src/search/scope.ts), a sweep of values around the current one, each scored on the project's
 * tuning sets (not the held-out blind-b.jsonl, not ../shared/eval/dev.jsonl) for unanswerable
 * questions declined, answerable ones wrongly declined and the first passage right.
 *
 *   npm run tune                      # every threshold, a few values each
 *   npm run tune -- minCoverage       # one threshold, more values
 *
 * The rule it is read by: wrongly declined at most 0.03 first, then as many unanswerable
 * questions declined as that allows, then the best first passage.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { loadCorpus, ReviewSearch } from "../src/search/index.ts";
import { SCOPE, type ScopeThresholds } from "../src/search/scope.ts";

interface Item {
  kind: "ask" | "quote" | "none";
  question: string;
  gold: string[];
}

const TUNING_SETS = [
  "tuning-a.jsonl",
  "tuning-c.jsonl",
  "tuning-e.jsonl",
  "tuning-g.jsonl",
  "tuning-h.jsonl",
  "tuning-i.jsonl",
  "tuning-j.jsonl",
  "tuning-k.jsonl",
  "tuning-l.jsonl",
  "questions.jsonl",
  "questions-2.jsonl",
  "questions-3.jsonl",
];
const fixtures = join(import.meta.dirname, "../tests/fixtures");
const items: Item[] = TUNING_SETS.flatMap((name) =>
  readFileSync(join(fixtures, name), "utf8")
    .split("\n")
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as Item)
    .filter((item) => item.kind !== "quote"),
);
const corpus = loadCorpus();

function score(thresholds: Partial<ScopeThresholds>): { abstain: number; falseAbstain: number; r1: number } {
  const search = new ReviewSearch(corpus, thresholds);
  let [none, declined, asks, wrong, r1] = [0, 0, 0, 0, 0];
  for (const item of items) {
    const answer = search.ask(item.question);
    if (item.kind === "none") {
      none++;
      if (!answer.answered) declined++;
      continue;
    }
    asks++;
    if (!answer.answered) wrong++;
    else if (item.gold.some((g) => answer.results[0]?.text.includes(g))) r1++;
  }
  return { abstain: declined / none, falseAbstain: wrong / asks, r1: r1 / asks };
}

const only = process.argv[2];
const keys = (Object.keys(SCOPE) as Array<keyof ScopeThresholds>).filter((k) => !only || k === only);
if (keys.length === 0) {
  console.error(`tune: no threshold "${only}"; one of: ${Object.keys(SCOPE).join(", ")}`);
  process.exit(2);
}
const steps = only ? [0.5, 0.7, 0.8, 0.9, 1, 1.1, 1.2, 1.3, 1.5] : [0.7, 0.85, 1, 1.15, 1.3];
const base = score({});
const fmt = (n: number) => n.toFixed(3);
console.log(`${items.length} questions from ${TUNING_SETS.join(", ")}`);
console.log(`operating point: abstain ${fmt(base.abstain)}  false_abstain ${fmt(base.falseAbstain)}  r1 ${fmt(base.r1)}\n`);
console.log("threshold".padEnd(22) + "value".padStart(8) + "abstain".padStart(10) + "false_abs".padStart(11) + "r1".padStart(8));
for (const key of keys) {
  for (const step of steps) {
    const value = Number((SCOPE[key] * step).toPrecision(3));
    const m = score({ [key]: value });
    const mark = step === 1 ? "  ← now" : m.falseAbstain <= 0.03 && m.abstain > base.abstain ? "  ← declines more within 0.03" : "";
    console.log(
      `${key.padEnd(22)}${String(value).padStart(8)}${fmt(m.abstain).padStart(10)}${fmt(m.falseAbstain).padStart(11)}${fmt(m.r1).padStart(8)}${mark}`,
    );
  }
}
