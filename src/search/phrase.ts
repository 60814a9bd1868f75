import { fold, FUNCTION_WORDS, sentencesOf, termOf } from "./analyze.ts";
import { withinOneEdit } from "./edits.ts";

/** A paragraph reference a reader may type: `12`, `¶12`, `p12`, `p. 12`, `para 12`, `#12`, `doc-id:12`. */
export function parseParagraphReference(
  input: string,
  docIds: readonly string[],
): { doc: string | null; number: number; /** The number as typed (a huge one is not rounded when echoed). */ digits: string } | null {
  const match = /^(?:([a-z0-9][a-z0-9-]*)\s*[:#]\s*)?(?:¶|§|#|p\.?|para\.?|paragraph|par\.?)?\s*(-?\d+)\.?$/i.exec(input.trim());
  if (!match) return null;
  const doc = match[1] ? docIds.find((id) => id.toLowerCase() === match[1]!.toLowerCase()) : null;
  if (match[1] && !doc) return null;
  return { doc: doc ?? null, number: Number(match[2]), digits: match[2]! };
}

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
  for (const match of text.matchAll(/[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu)) {
    const word = fold(match[0]).replace(/'s$/, "").replace(/'/g, "");
    if (!word) continue;
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
  const spans = sentencesOf(text).filter((s) => s.end > first && s.start < last);
  return {
    score: Math.min(1, best.score / total),
    start: spans[0]?.start ?? first,
    end: spans.at(-1)?.end ?? last,
  };
}
