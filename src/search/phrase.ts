import { fold, FUNCTION_WORDS, sentencesOf, termOf } from "./analyze.ts";
import { withinOneEdit } from "./edits.ts";

interface Token {
  word: string;
  term: string;
  start: number;
  end: number;
  weight: number;
}

/** Words with their offsets in the original text; hyphenated words count as their parts. */
function tokensWithOffsets(text: string): Token[] {
  const tokens: Token[] = [];
  const words = [...text.matchAll(/[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu)];
  for (let i = 0; i < words.length; i++) {
    const match = words[i]!;
    const word = fold(match[0]).replace(/'s$/, "").replace(/'/g, "");
    if (!word) continue;
    // "80 percent", "80 per cent" are the text's "80%", whose sign is no word: the number stands for both.
    if (/^\d/.test(tokens.at(-1)?.word ?? "")) {
      if (word === "percent") continue;
      if (word === "per" && fold(words[i + 1]?.[0] ?? "") === "cent") {
        i++;
        continue;
      }
    }
    tokens.push({
      word,
      term: termOf(word),
      start: match.index,
      end: match.index + match[0].length,
      // Function words help place a phrase but say little about which phrase it is.
      weight: FUNCTION_WORDS.has(word) ? 0.4 : 1,
    });
  }
  return tokens;
}

/** Paragraph texts are few and fixed: tokenize each once, not once per lookup. */
const tokenCache = new Map<string, Token[]>();
function textTokens(text: string): Token[] {
  let tokens = tokenCache.get(text);
  if (!tokens) {
    tokens = tokensWithOffsets(text);
    if (tokenCache.size < 10_000) tokenCache.set(text, tokens);
  }
  return tokens;
}

function sameWord(a: Token, b: Token, asPrefix: boolean): boolean {
  if (a.word === b.word || a.term === b.term) return true;
  if (asPrefix && b.word.startsWith(a.word)) return true;
  // One slip in a longer word: a typo or a British/American spelling the rules missed.
  return a.word.length >= 5 && b.word.length >= 5 && Math.abs(a.word.length - b.word.length) <= 1 && withinOneEdit(a.word, b.word);
}

/** Cost of each paragraph word skipped inside a matched phrase (an inserted word). */
const GAP_PENALTY = 0.15;

/**
 * How well a remembered phrase matches somewhere in a paragraph: a local alignment of the
 * phrase's words against the paragraph's (words may be changed, dropped or added, each at a
 * cost), as a share of the phrase's weight (1 = every word, in order). `start`/`end` span the
 * sentences that hold the match, verbatim offsets into `text`. With `lastWordIsPrefix` the last
 * word may be unfinished (autocomplete as the reader types).
 */
export function alignPhrase(
  phrase: string,
  text: string,
  options: { lastWordIsPrefix?: boolean } = {},
): { score: number; start: number; end: number } {
  const query = tokensWithOffsets(phrase);
  const words = textTokens(text);
  const total = query.reduce((sum, t) => sum + t.weight, 0);
  if (query.length === 0 || words.length === 0 || total === 0) return { score: 0, start: 0, end: 0 };

  // Smith–Waterman over words: H[i][j] = best alignment ending at query i, text j.
  const cols = words.length + 1;
  let prev = new Float64Array(cols);
  let prevFrom = new Int32Array(cols).fill(-1);
  let best = { score: 0, from: -1, to: -1 };
  for (let i = 1; i <= query.length; i++) {
    const row = new Float64Array(cols);
    const rowFrom = new Int32Array(cols).fill(-1);
    const q = query[i - 1]!;
    for (let j = 1; j <= words.length; j++) {
      const matched = sameWord(q, words[j - 1]!, options.lastWordIsPrefix === true && i === query.length)
        ? prev[j - 1]! + q.weight
        : -Infinity;
      const dropQuery = prev[j]!; // the reader's word is not in the text: it earns nothing
      const skipText = row[j - 1]! - GAP_PENALTY; // the text has a word the reader left out
      const changed = prev[j - 1]!; // a word changed: neither earns
      let value = Math.max(0, matched, dropQuery, skipText, changed);
      let from = -1;
      if (value === 0) from = -1;
      else if (value === matched) from = prevFrom[j - 1]! >= 0 ? prevFrom[j - 1]! : j - 1;
      else if (value === dropQuery) from = prevFrom[j]!;
      else if (value === skipText) from = rowFrom[j - 1]!;
      else from = prevFrom[j - 1]!;
      if (from < 0 && value !== matched) value = 0; // nothing matched yet: don't carry a run
      row[j] = value;
      rowFrom[j] = value > 0 ? from : -1;
      if (value === matched && value > best.score) best = { score: value, from, to: j - 1 };
    }
    prev = row;
    prevFrom = rowFrom;
  }
  if (best.from < 0) return { score: 0, start: 0, end: 0 };
  const first = words[best.from]!.start;
  const last = words[best.to]!.end;
  return { score: Math.min(1, best.score / total), ...sentenceSpan(sentencesOf(text), first, last) };
}

/** The sentences holding the words from offset `first` to `last`, as verbatim offsets. */
function sentenceSpan(
  sentences: ReadonlyArray<{ start: number; end: number }>,
  first: number,
  last: number,
): { start: number; end: number } {
  const spans = sentences.filter((s) => s.end > first && s.start < last);
  return { start: spans[0]?.start ?? first, end: spans.at(-1)?.end ?? last };
}

/** One paragraph's words as ids, with their offsets in its text. */
interface IndexedText {
  text: string;
  ids: Int32Array;
  starts: Int32Array;
  ends: Int32Array;
  /** Its sentences, computed when a match in it is first reported. */
  sentences: Array<{ start: number; end: number }> | null;
}

/** A paragraph holding a phrase: its position in the index, the score and the sentences of the match. */
export interface PhraseMatch {
  index: number;
  score: number;
  start: number;
  end: number;
}

export interface PhraseLookup {
  /** The last word may be unfinished (autocomplete). */
  lastWordIsPrefix?: boolean;
  /** Which paragraphs (by position in the index) may be returned; all when absent. */
  allowed?: (index: number) => boolean;
  /** How many of the best matches are wanted (the list is exact up to this many). */
  need: number;
  /** Only matches scoring at least this count (besides scoring above 0). */
  minScore?: number;
}

/**
 * {@link alignPhrase} over many paragraphs, fast at any size, with the same results: the texts
 * are tokenised once, words become integer ids, a lookup tokenises the phrase once and works out
 * which ids each of its words matches (same word or stem, the unfinished last word as a prefix,
 * one slip in a long word). A paragraph holding none of them scores 0; one holding some scores at
 * most the weight of those it holds (its ceiling). Paragraphs are aligned best ceiling first, and
 * the lookup stops when the next ceiling cannot beat the last of the `need` best found, so the
 * cost follows the matches, not the corpus. Results are best first, ties in index order, exactly
 * as a full scan sorts them.
 *
 * @example
 * const index = new PhraseIndex(paragraphs.map((p) => p.text));
 * index.lookup("paid a terrible personal price", { need: 5 })[0]; // { index: 41, score: 1, … }
 */
export class PhraseIndex {
  readonly #texts: IndexedText[] = [];
  /** Word id → the folded word, and back. */
  readonly #words: string[] = [];
  readonly #ids = new Map<string, number>();
  /** Word id → its term; term → the ids of its words. */
  readonly #termOf: string[] = [];
  readonly #byTerm = new Map<string, number[]>();
  /** Word id → the positions of the paragraphs holding it, ascending. */
  readonly #postings: number[][] = [];
  /** Each word of five letters or more under itself and each one-letter deletion of it (one-slip matches). */
  readonly #deletions = new Map<string, number[]>();
  /** Word ids in the order of their words, for prefixes (sorted once, with the index: the first autocomplete should not wait). */
  readonly #sorted: number[];
  /** Reused per lookup: alignment rows, and a stamp marking paragraphs already taken. */
  #prev = new Float64Array(0);
  #row = new Float64Array(0);
  #prevFrom = new Int32Array(0);
  #rowFrom = new Int32Array(0);
  readonly #stamp: Int32Array;
  #lookups = 0;
  /** Reused per lookup: each paragraph's ceiling, and a mark of the phrase word last counted in it. */
  readonly #ceiling: Float64Array;
  readonly #tokenMark: Int32Array;
  #marks = 0;
  /** Reused per lookup: which word ids match (stamped with the lookup) and their row of the match table. */
  readonly #idStamp: Int32Array;
  readonly #idSlot: Int32Array;
  readonly #flags: Array<Uint8Array | undefined> = [];
  /** Reused per lookup: the paragraphs to align, as a heap by ceiling (see lookup). */
  #heap = new Int32Array(0);

  constructor(texts: readonly string[]) {
    for (const [index, text] of texts.entries()) {
      const tokens = tokensWithOffsets(text);
      const ids = new Int32Array(tokens.length);
      tokens.forEach((token, k) => {
        const id = this.#idOf(token.word, token.term);
        ids[k] = id;
        const postings = this.#postings[id]!;
        if (postings.at(-1) !== index) postings.push(index);
      });
      this.#texts.push({
        text,
        ids,
        starts: Int32Array.from(tokens, (t) => t.start),
        ends: Int32Array.from(tokens, (t) => t.end),
        sentences: null,
      });
    }
    this.#sorted = this.#words.map((_, id) => id).sort((a, b) => compare(this.#words[a]!, this.#words[b]!));
    this.#stamp = new Int32Array(this.#texts.length);
    this.#ceiling = new Float64Array(this.#texts.length);
    this.#tokenMark = new Int32Array(this.#texts.length);
    this.#idStamp = new Int32Array(this.#words.length);
    this.#idSlot = new Int32Array(this.#words.length);
  }

  get size(): number {
    return this.#texts.length;
  }

  #idOf(word: string, term: string): number {
    let id = this.#ids.get(word);
    if (id !== undefined) return id;
    id = this.#words.length;
    this.#ids.set(word, id);
    this.#words.push(word);
    this.#termOf.push(term);
    this.#postings.push([]);
    const sameTerm = this.#byTerm.get(term);
    if (sameTerm) sameTerm.push(id);
    else this.#byTerm.set(term, [id]);
    if (word.length >= 5) for (const key of deletionKeys(word)) push(this.#deletions, key, id);
    return id;
  }

  /** The ids of the corpus words that `sameWord` would accept for a phrase word. */
  #matchingIds(token: Token, asPrefix: boolean): Set<number> {
    const found = new Set<number>(this.#byTerm.get(token.term));
    const exact = this.#ids.get(token.word);
    if (exact !== undefined) found.add(exact);
    if (asPrefix) for (const id of this.#withPrefix(token.word)) found.add(id);
    if (token.word.length >= 5) {
      for (const key of deletionKeys(token.word)) {
        for (const id of this.#deletions.get(key) ?? []) {
          const word = this.#words[id]!;
          if (Math.abs(word.length - token.word.length) <= 1 && withinOneEdit(token.word, word)) found.add(id);
        }
      }
    }
    return found;
  }

  #withPrefix(prefix: string): number[] {
    const sorted = this.#sorted;
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (compare(this.#words[sorted[mid]!]!, prefix) < 0) lo = mid + 1;
      else hi = mid;
    }
    const out: number[] = [];
    for (let k = lo; k < sorted.length && this.#words[sorted[k]!]!.startsWith(prefix); k++) out.push(sorted[k]!);
    return out;
  }

  /** The best paragraphs for a phrase, best first; exact up to `need` (see the class). */
  lookup(phrase: string, options: PhraseLookup): PhraseMatch[] {
    const query = tokensWithOffsets(phrase);
    const total = query.reduce((sum, t) => sum + t.weight, 0);
    if (query.length === 0 || this.#texts.length === 0 || total === 0 || options.need <= 0) return [];
    const minScore = options.minScore ?? 0;
    const allowed = options.allowed ?? (() => true);

    // The match table: for each corpus word matching a phrase word, which phrase words it matches;
    // and for each paragraph holding a match, the most it can score: the weights of the phrase
    // words it holds, added in phrase order as the alignment adds them (so never below its score).
    const table: Uint8Array[] = [];
    const touched: number[] = [];
    const lookup = ++this.#lookups;
    query.forEach((token, i) => {
      const mark = ++this.#marks;
      for (const id of this.#matchingIds(token, options.lastWordIsPrefix === true && i === query.length - 1)) {
        if (this.#idStamp[id] !== lookup) {
          this.#idStamp[id] = lookup;
          this.#idSlot[id] = table.length;
          table.push(new Uint8Array(query.length));
        }
        table[this.#idSlot[id]!]![i] = 1;
        for (const index of this.#postings[id]!) {
          if (this.#tokenMark[index] === mark) continue;
          this.#tokenMark[index] = mark;
          if (this.#stamp[index] !== lookup) {
            this.#stamp[index] = lookup;
            this.#ceiling[index] = 0;
            touched.push(index);
          }
          this.#ceiling[index] = (this.#ceiling[index] ?? 0) + token.weight;
        }
      }
    });

    // Best ceiling first (ties in reading order); stop once no paragraph left can enter the list.
    // A common word touches most paragraphs, and few are aligned: a heap hands them out in that
    // order without sorting them all, and whether one is allowed is asked only when it comes up.
    const ceilings = this.#ceiling;
    const heap = this.#heapOf(touched.length);
    let size = 0;
    for (const index of touched) {
      const ceiling = Math.min(1, ceilings[index]! / total);
      ceilings[index] = ceiling;
      if (ceiling >= minScore) heap[size++] = index;
    }
    const before = (a: number, b: number) => ceilings[a]! > ceilings[b]! || (ceilings[a] === ceilings[b] && a < b);
    for (let k = (size >> 1) - 1; k >= 0; k--) siftDown(heap, k, size, before);
    const top: PhraseMatch[] = [];
    while (size > 0) {
      const index = heap[0]!;
      heap[0] = heap[--size]!;
      siftDown(heap, 0, size, before);
      const ceiling = ceilings[index]!;
      const last = top.length >= options.need ? top[top.length - 1]! : undefined;
      // Every paragraph after this one has a ceiling no higher (and on a tie comes later): none can enter either.
      if (last && (ceiling < last.score || (ceiling === last.score && index > last.index))) break;
      if (!allowed(index)) continue;
      const match = this.#align(query, total, table, lookup, index);
      if (!match || match.score < minScore) continue;
      let at = top.length;
      while (at > 0 && (top[at - 1]!.score < match.score || (top[at - 1]!.score === match.score && top[at - 1]!.index > index))) at--;
      if (at < options.need) {
        top.splice(at, 0, match);
        if (top.length > options.need) top.pop();
      }
    }
    return top;
  }

  /** The heap's array, reused from lookup to lookup (grown when a lookup touches more paragraphs). */
  #heapOf(size: number): Int32Array {
    if (this.#heap.length < size) this.#heap = new Int32Array(Math.max(size, 2 * this.#heap.length));
    return this.#heap;
  }

  /** {@link alignPhrase} on one indexed paragraph, with the phrase already tokenised and matched. */
  #align(query: readonly Token[], total: number, table: readonly Uint8Array[], lookup: number, index: number): PhraseMatch | null {
    const text = this.#texts[index]!;
    const n = text.ids.length;
    const cols = n + 1;
    if (this.#prev.length < cols) {
      this.#prev = new Float64Array(cols);
      this.#row = new Float64Array(cols);
      this.#prevFrom = new Int32Array(cols);
      this.#rowFrom = new Int32Array(cols);
    }
    // Each text word's row of the match table; the alignment is 0 everywhere before the first
    // matching word and cannot improve after the last, so only the columns between are worked out.
    const flags = this.#flags;
    let first = -1;
    let last = -1;
    for (let j = 0; j < n; j++) {
      const id = text.ids[j]!;
      if (this.#idStamp[id] === lookup) {
        flags[j] = table[this.#idSlot[id]!];
        if (first < 0) first = j;
        last = j;
      } else flags[j] = undefined;
    }
    if (first < 0) return null;
    let prev = this.#prev;
    let row = this.#row;
    let prevFrom = this.#prevFrom;
    let rowFrom = this.#rowFrom;
    prev.fill(0, first, last + 2);
    prevFrom.fill(-1, first, last + 2);
    let bestScore = 0;
    let bestFrom = -1;
    let bestTo = -1;
    for (let i = 1; i <= query.length; i++) {
      const weight = query[i - 1]!.weight;
      row[first] = 0;
      rowFrom[first] = -1;
      for (let j = first + 1; j <= last + 1; j++) {
        const matched = flags[j - 1]?.[i - 1] === 1 ? prev[j - 1]! + weight : -Infinity;
        const dropQuery = prev[j]!;
        const skipText = row[j - 1]! - GAP_PENALTY;
        const changed = prev[j - 1]!;
        let value = Math.max(0, matched, dropQuery, skipText, changed);
        let from = -1;
        if (value === 0) from = -1;
        else if (value === matched) from = prevFrom[j - 1]! >= 0 ? prevFrom[j - 1]! : j - 1;
        else if (value === dropQuery) from = prevFrom[j]!;
        else if (value === skipText) from = rowFrom[j - 1]!;
        else from = prevFrom[j - 1]!;
        if (from < 0 && value !== matched) value = 0;
        row[j] = value;
        rowFrom[j] = value > 0 ? from : -1;
        if (value === matched && value > bestScore) [bestScore, bestFrom, bestTo] = [value, from, j - 1];
      }
      [prev, row] = [row, prev];
      [prevFrom, rowFrom] = [rowFrom, prevFrom];
    }
    if (bestFrom < 0) return null;
    text.sentences ??= sentencesOf(text.text);
    return { index, score: Math.min(1, bestScore / total), ...sentenceSpan(text.sentences, text.starts[bestFrom]!, text.ends[bestTo]!) };
  }
}

/** Moves the entry at `k` down a binary heap of `size` entries until none below it goes `before` it. */
function siftDown(heap: Int32Array, k: number, size: number, before: (a: number, b: number) => boolean): void {
  const entry = heap[k]!;
  for (;;) {
    let child = 2 * k + 1;
    if (child >= size) break;
    if (child + 1 < size && before(heap[child + 1]!, heap[child]!)) child++;
    if (!before(heap[child]!, entry)) break;
    heap[k] = heap[child]!;
    k = child;
  }
  heap[k] = entry;
}

/** A word and each of its one-letter deletions. */
function deletionKeys(word: string): string[] {
  const keys = [word];
  for (let k = 0; k < word.length; k++) keys.push(word.slice(0, k) + word.slice(k + 1));
  return keys;
}

function push(map: Map<string, number[]>, key: string, id: number): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [id]);
  else if (list.at(-1) !== id) list.push(id);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
