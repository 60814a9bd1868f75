import { loadEnglishWords } from "./subtlex.ts";

/**
 * What everyday English says about a reader's word, from SUBTLEX (word counts from 51 million
 * words of film and TV subtitles, one entry a word, capitalised where it is mostly a name):
 * - how telling a word is: "year", "last", "start" are everywhere and say little; "Stalin",
 *   "collectivisation", "Orwell" or "password" say a lot about what a question is about;
 * - whether it is a name: a name the review never uses (Orwell, Australia) means the question is
 *   about something else; a word English doesn't know at all is a name too, unless it is one
 *   slip away from an English word (a typo such as "adressed").
 */
const { index: english, counts, names, total } = loadEnglishWords();

/** How often a folded word occurs in the subtitles; 0 for a word never seen. */
function countOf(word: string): number {
  const at = english.get(word);
  return at === undefined ? 0 : counts[at]!;
}

/** Every UTF-16 unit the words are spelt with: what one edit of a word can bring in. Gathered on the first word looked up, not at start. */
let alphabet: string[] | undefined;
/** Salience of a word never seen in the subtitles: rarer than the rarest seen (a name, a term). */
const UNSEEN = -Math.log(1 / total);

/** Information content of a folded word in nats: higher is rarer and more telling. */
export function salience(word: string): number {
  const at = english.get(word);
  return at === undefined ? UNSEEN : -Math.log((counts[at]! + 1) / total);
}

/** A word everyday English uses often enough that it is no one's typo: "joke" is not "Joe". */
export function isCommonWord(word: string): boolean {
  return countOf(word) >= 50;
}

/**
 * A word of everyday English, not a slip for another: common ones, and long ones seen at all in
 * the subtitles ("concessions" is no typo for confessions; long typos are rarely words). Long is
 * seven letters and up, the length a respelling may change by two edits ("brewing" is no "bring").
 */
export function isEnglishWord(word: string): boolean {
  return isCommonWord(word) || (word.length >= 7 && countOf(word) >= 5);
}

/** A word English knows as a name: "france", "orwell", "australia". */
export function isKnownName(word: string): boolean {
  const at = english.get(word);
  return at !== undefined && names[at] === 1;
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
  /** The best's place in the list (its order among equals) and count. */
  let bestAt = -1;
  let bestCount = 0;
  const consider = (candidate: string) => {
    const at = english.get(candidate);
    if (at === undefined || counts[at]! <= 0 || candidate === word) return;
    const count = counts[at]!;
    const better =
      best === undefined ||
      count > bestCount ||
      (count === bestCount && (candidate.length < best.length || (candidate.length === best.length && at < bestAt)));
    if (better) [best, bestAt, bestCount] = [candidate, at, count];
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
  const at = english.get(word);
  if (at !== undefined) return names[at] === 1;
  return /^\p{L}{4,}$/u.test(word) && englishNeighbour(word) === undefined;
}
