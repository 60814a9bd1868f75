/**
 * Property tests of the spelling tolerance against simple references: withinOneEdit (the fast
 * check quote lookups use) against the full Damerau–Levenshtein distance, over words drawn from
 * the review and edited at random.
 */
import { describe, expect, it } from "vitest";
import { random } from "../../bench/synthetic.ts";
import { editDistance, withinOneEdit } from "../../src/search/edits.ts";
import { randomEdit } from "../support/random-edit.ts";
import { realSearch } from "../support/real-search.ts";

const words = [
  ...new Set(
    realSearch()
      .documents.flatMap((d) => d.paragraphs)
      .flatMap((p) => p.text.toLowerCase().match(/\p{L}+/gu) ?? []),
  ),
];

/** Pairs of words: a word and itself edited 0 to 3 times, and two different words. */
function pairs(count: number, seed: number): [string, string][] {
  const next = random(seed);
  const pick = () => words[Math.floor(next() * words.length)]!;
  const out: [string, string][] = [];
  for (let n = 0; n < count; n++) {
    const a = pick();
    let b = n % 5 === 4 ? pick() : a;
    for (let e = 0; e < n % 4; e++) b = randomEdit(b, next);
    // Callers compare real words; an empty one is the known regression below.
    if (b) out.push([a, b]);
  }
  return out;
}

describe("withinOneEdit against editDistance", () => {
  it("given words from the review edited at random, withinOneEdit is exactly a distance of at most one", () => {
    expect(words.length).toBeGreaterThan(500);
    for (const [a, b] of pairs(4000, 11)) expect(withinOneEdit(a, b), `${a} / ${b}`).toBe(editDistance(a, b) <= 1);
  });

  it("given the same pairs, the distance is symmetric, and under a cap exact below it and at least the cap above", () => {
    for (const [a, b] of pairs(1000, 12)) {
      const d = editDistance(a, b);
      expect(editDistance(b, a), `${a} / ${b}`).toBe(d);
      expect(Math.min(editDistance(a, b, 2), 2), `${a} / ${b}`).toBe(Math.min(d, 2));
    }
  });

  // Found by the property above: with an empty second word no row is scanned, so the "gave up
  // past the cap" exit fires at once (Infinity without a cap). No caller passes an empty word today.
  it.fails("KNOWN REGRESSION: given an empty word, the distance is the other word's length", () => {
    expect(editDistance("stalin", "")).toBe(6);
  });

  it("given the same pairs and any cap, the reused-row distance is the plain full table's", () => {
    for (const [a, b] of pairs(2000, 13)) {
      for (const cap of [Infinity, 1, 2, 3]) expect(editDistance(a, b, cap), `${a} / ${b} / ${cap}`).toBe(fullTableDistance(a, b, cap));
    }
  });

  it("given textbook pairs, gives the textbook distances", () => {
    expect(editDistance("kitten", "sitting")).toBe(3);
    expect(editDistance("trotsky", "trotksy")).toBe(1); // a swap of neighbours counts one
    expect(editDistance("", "stalin")).toBe(6);
    expect(editDistance("lenin", "lenin")).toBe(0);
  });
});

/** The reference: Damerau–Levenshtein over the whole table, a fresh row for each letter, giving up past `cap` the same way. */
function fullTableDistance(a: string, b: string, cap: number): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    let rowMin = Infinity;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
      rowMin = Math.min(rowMin, v);
    }
    if (rowMin >= cap) return cap;
  }
  return d[a.length]![b.length]!;
}
