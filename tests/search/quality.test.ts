import { describe, expect, it } from "vitest";
import { questionSet, type QuestionItem } from "../support/question-sets.ts";
import { realSearch } from "../support/real-search.ts";

/**
 * Answer quality on the project's question sets (tests/fixtures), each with floors a little under
 * today's figures: a change to the analysis, the notes or the weights that makes the bot
 * understand readers worse fails here. tuning-a, tuning-c, tuning-e and tuning-g to tuning-l were written
 * blind from the review alone and are the sets the scope decision is tuned on (tuning-e and
 * tuning-g: mostly on-topic questions the review does not answer, and look-alikes it does);
 * questions*.jsonl are older sets that overlap the dev set. blind-b, blind-d, blind-f and blind-g are held
 * out: never tuned on, and not floored here (see README).
 */
type Item = QuestionItem;

const search = realSearch();
const load = questionSet;

function measure(items: Item[]) {
  const rank = (results: { text: string }[], gold: string[]) => results.findIndex((r) => gold.some((g) => r.text.includes(g))) + 1;
  let [asks, r1, r3, quotes, q1, nones, declined, answerable, wronglyDeclined] = [0, 0, 0, 0, 0, 0, 0, 0, 0];
  for (const item of items) {
    if (item.kind === "quote") {
      const answer = search.quote(item.question);
      quotes++;
      answerable++;
      if (!answer.answered) wronglyDeclined++;
      if (answer.answered && rank(answer.results, item.gold) === 1) q1++;
      continue;
    }
    const answer = search.ask(item.question);
    if (item.kind === "none") {
      nones++;
      if (!answer.answered) declined++;
      continue;
    }
    asks++;
    answerable++;
    if (!answer.answered) wronglyDeclined++;
    const r = answer.answered ? rank(answer.results, item.gold) : 0;
    if (r === 1) r1++;
    if (r >= 1 && r <= 3) r3++;
  }
  return { r1: r1 / asks, r3: r3 / asks, quote: q1 / quotes, abstain: declined / nones, falseAbstain: wronglyDeclined / answerable };
}

const measured = new Map<string, ReturnType<typeof measure>>();
/** One set's figures, measured on first use inside a test (a failure fails that test, not the file) and once per set. */
function figuresOf(name: string): ReturnType<typeof measure> {
  let figures = measured.get(name);
  if (!figures) measured.set(name, (figures = measure(load(name))));
  return figures;
}

/** Floors per set: first passage right, right in the top three, unanswerable declined, answerable wrongly declined (at most). */
const FLOORS: Record<string, { r1: number; r3: number; abstain: number; falseAbstain: number }> = {
  "tuning-a.jsonl": { r1: 0.85, r3: 0.95, abstain: 0.9, falseAbstain: 0.02 },
  "tuning-c.jsonl": { r1: 0.88, r3: 0.96, abstain: 0.93, falseAbstain: 0.02 },
  "tuning-e.jsonl": { r1: 0.87, r3: 0.92, abstain: 0.75, falseAbstain: 0.03 },
  "tuning-g.jsonl": { r1: 0.8, r3: 0.93, abstain: 0.76, falseAbstain: 0.03 },
  "tuning-h.jsonl": { r1: 0.83, r3: 0.95, abstain: 0.95, falseAbstain: 0.03 },
  "tuning-i.jsonl": { r1: 0.8, r3: 0.92, abstain: 0.8, falseAbstain: 0.03 },
  "tuning-j.jsonl": { r1: 0.76, r3: 0.92, abstain: 0.9, falseAbstain: 0.03 },
  // First scored on 2026-11-27 (after the notes rewrite) at 0.786 / 0.917 / 0.87 / 0.056 and 0.833 / 0.917 / 0.90 / 0.044.
  "tuning-k.jsonl": { r1: 0.79, r3: 0.94, abstain: 0.9, falseAbstain: 0.03 },
  "tuning-l.jsonl": { r1: 0.84, r3: 0.93, abstain: 0.9, falseAbstain: 0.02 },
  "questions.jsonl": { r1: 0.82, r3: 0.96, abstain: 0.85, falseAbstain: 0.03 },
  "questions-2.jsonl": { r1: 0.85, r3: 0.97, abstain: 0.6, falseAbstain: 0.02 },
  "questions-3.jsonl": { r1: 0.78, r3: 0.97, abstain: 0.9, falseAbstain: 0.02 },
};

describe.each(Object.entries(FLOORS))("answer quality on %s", (name, floor) => {
  it("puts the answering paragraph first for most questions, and in the top three for nearly all", () => {
    const m = figuresOf(name);
    expect(m.r1).toBeGreaterThanOrEqual(floor.r1);
    expect(m.r3).toBeGreaterThanOrEqual(floor.r3);
  });

  it.skipIf(!load(name).some((item) => item.kind === "quote"))("finds every remembered phrase", () => {
    expect(figuresOf(name).quote).toBeGreaterThanOrEqual(0.95);
  });

  it("declines most questions the review does not answer, and almost never one it does", () => {
    const m = figuresOf(name);
    expect(m.abstain).toBeGreaterThanOrEqual(floor.abstain);
    expect(m.falseAbstain).toBeLessThanOrEqual(floor.falseAbstain);
  });
});
