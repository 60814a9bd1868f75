/**
 * Sorting by score without a comparator must give exactly the comparator's stable sort: the same
 * hits in the same order, ties in their order, on random lists full of ties and on real scores.
 */
import { describe, expect, it } from "vitest";
import { byScoreDescending } from "../../src/search/by-score.ts";
import { random } from "../../bench/synthetic.ts";

const plainSort = <H extends { score: number }>(hits: H[]) => [...hits].sort((a, b) => b.score - a.score);

describe("byScoreDescending against the comparator's sort", () => {
  it("given random lists of every length up to 300, with many ties, zeros and negative scores, gives the same order", () => {
    const next = random(7);
    for (let length = 0; length <= 300; length++) {
      const distinct = 1 + Math.floor(next() * length);
      const hits = Array.from({ length }, (_, i) => ({ i, score: Math.floor(next() * distinct) / (next() < 0.5 ? 3 : -7) }));
      const expected = plainSort(hits);
      expect(byScoreDescending([...hits]), `length ${length}`).toEqual(expected);
    }
  });

  it("given scores that differ in the last bit and ±0, keeps them apart and in order", () => {
    const near = [0.1 + 0.2, 0.3, 0.30000000000000004, 0, -0, 1e-300, -1e-300];
    const hits = Array.from({ length: 200 }, (_, i) => ({ i, score: near[i % near.length]! }));
    expect(byScoreDescending([...hits])).toEqual(plainSort(hits));
  });

  it("given ties, orders equal scores by their ties, highest first, then by their order", () => {
    const next = random(11);
    for (const length of [0, 1, 5, 63, 64, 65, 200, 1000]) {
      const hits = Array.from({ length }, (_, i) => ({ i, score: Math.floor(next() * 5), tie: Math.floor(next() * 3) - 1 }));
      const ties = Float64Array.from(hits, (hit) => (hit.tie < 0 ? -Infinity : hit.tie));
      const expected = [...hits].sort((a, b) => b.score - a.score || b.tie - a.tie);
      expect(byScoreDescending([...hits], ties), `length ${length}`).toEqual(expected);
    }
    expect(() => byScoreDescending([{ score: 1 }, { score: 2 }], new Float64Array(1))).toThrow("fewer ties than hits");
  });

  it("sorts the list it is given, as Array.prototype.sort does", () => {
    const hits = Array.from({ length: 100 }, (_, i) => ({ score: i % 10 }));
    expect(byScoreDescending(hits)).toBe(hits);
  });
});
