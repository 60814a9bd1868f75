/**
 * Paragraph ranges as a study group writes them: `12-14`, `¶12–14`, `¶12-¶14`, `12 to 14`,
 * `paragraphs 12–14`, `12 and 13`, `paragraphs three to five`. Pure; the bot and /discuss use it
 * to quote a passage of a few paragraphs.
 */
import { NUMBER_WORD, numberWordValue } from "../corpus/ref.ts";

/** At most this many paragraphs in one range: a passage, not a chapter. */
export const MAX_RANGE = 5;

export interface ParagraphRange {
  first: number;
  last: number;
}

/** What is wrong with a range, as facts the bot words: a paragraph past the end, or too many at once. */
export type RangeProblem =
  { kind: "no-paragraph"; paragraph: number; paragraphs: number } | { kind: "too-many"; first: number; last: number; max: number };

export type RangeResult = { ok: true; range: ParagraphRange } | { ok: false; problem: RangeProblem };

/** "paragraphs", "para.", "p", "¶¶", "§": what may stand before the numbers. */
const PREFIX = String.raw`(?:(?:paragraphs?|paras?\.?|pp?\.?|¶¶?|§)\s*)?`;
/** "12-14", "12 to 14", "12..14": a range joined. */
const JOINED = String.raw`\s*(?:-|–|—|\bto\b|\.\.)\s*`;
/** "12 13", "12, 13", "12 and 13", "12 & 13": paragraphs listed. */
const LISTED = String.raw`(?:\s*(?:,|&|\band\b)\s*|\s+)`;
const NUMBER = String.raw`(?:¶|p\.?)?\s*(\d{1,4})`;

const RANGE = new RegExp(String.raw`^${PREFIX}(\d{1,4})(?:${JOINED}|${LISTED})${NUMBER}\.?$`, "i");
const RANGE_JOINED = new RegExp(String.raw`^${PREFIX}\d{1,4}${JOINED}`, "i");
const LIST = new RegExp(String.raw`^${PREFIX}\d{1,4}(?:${LISTED}(?:¶|p\.?)?\s*\d{1,4}){1,}\.?$`, "i");

/** A word for paragraphs, which numbers in words must follow to be read as paragraph numbers. */
const WORD_PREFIX = /^(?:paragraphs?|paras?\.?|¶¶?|§)\s*/i;
const NUMBER_WORDS = new RegExp(NUMBER_WORD, "giu");

/**
 * "paragraphs three to five" as "paragraphs 3 to 5". Only after a word for paragraphs: "three to
 * five" alone, like "twenty million", may be a remembered phrase.
 */
function withNumerals(text: string): string {
  return WORD_PREFIX.test(text) ? text.replace(NUMBER_WORDS, (words) => String(numberWordValue(words))) : text;
}

/**
 * Reads a range; null when the text is not a range at all (a phrase, a single number, or
 * paragraphs listed apart: "12 and 20" is two paragraphs, see {@link parseParagraphList}). Two
 * paragraphs listed side by side ("12 13", "12 and 13") are the passage from one to the other. A
 * range written backwards is read forwards; one past the text's end or longer than
 * {@link MAX_RANGE} paragraphs is a problem, said as facts.
 *
 * @example
 * parseRange("¶12–14", 51); // { ok: true, range: { first: 12, last: 14 } }
 * parseRange("12-30", 51);  // { ok: false, problem: { kind: "too-many", first: 12, last: 30, max: 5 } }
 */
export function parseRange(text: string, paragraphs: number, max: number = MAX_RANGE): RangeResult | null {
  const trimmed = withNumerals(text.trim());
  const m = RANGE.exec(trimmed);
  if (!m) return null;
  const a = Number(m[1]);
  const b = Number(m[2]);
  if (!RANGE_JOINED.test(trimmed) && Math.abs(a - b) > 1) return null;
  const first = Math.min(a, b);
  const last = Math.max(a, b);
  if (first < 1 || last > paragraphs)
    return { ok: false, problem: { kind: "no-paragraph", paragraph: first < 1 ? first : last, paragraphs } };
  if (last - first + 1 > max) return { ok: false, problem: { kind: "too-many", first, last, max } };
  return { ok: true, range: { first, last } };
}

export type ListResult = { ok: true; numbers: number[] } | { ok: false; problem: RangeProblem };

/**
 * Reads paragraphs listed apart ("12 and 20", "¶3, ¶9, ¶14"): each named once, in order. Null
 * when the text is no such list — a range (see {@link parseRange}), one number, or a phrase.
 *
 * @example parseParagraphList("12 and 20", 51); // { ok: true, numbers: [12, 20] }
 */
export function parseParagraphList(text: string, paragraphs: number, max: number = MAX_RANGE): ListResult | null {
  const trimmed = withNumerals(text.trim());
  if (!LIST.test(trimmed) || parseRange(trimmed, paragraphs, max) !== null) return null;
  const numbers = paragraphNumbers(trimmed);
  if (numbers.length < 2) return null;
  const wrong = numbers.find((n) => n < 1 || n > paragraphs);
  if (wrong !== undefined) return { ok: false, problem: { kind: "no-paragraph", paragraph: wrong, paragraphs } };
  if (numbers.length > max) return { ok: false, problem: { kind: "too-many", first: numbers[0]!, last: numbers.at(-1)!, max } };
  return { ok: true, numbers };
}

/** "¶12" or "¶12–14". */
export function rangeLabel(r: ParagraphRange): string {
  return r.first === r.last ? `¶${r.first}` : `¶${r.first}–${r.last}`;
}

/** A number in digits or in words, or a dash or "to" joining a range. */
const NUMBER_OR_JOIN = new RegExp(String.raw`(\d{1,4})|(${NUMBER_WORD})|(-|–|—|\bto\b)`, "giu");

/**
 * The paragraph numbers a run of numbers names, in order, each once: a dash or "to" joins a
 * range, anything else lists ("12-14 and 20" → 12, 13, 14, 20). Numbers may be written in words,
 * from one to ninety-nine ("twenty-one", "three to five"); the caller knows the run names paragraphs.
 */
export function paragraphNumbers(list: string): number[] {
  const named = new Set<number>();
  let previous: number | undefined;
  let range = false;
  for (const m of list.matchAll(NUMBER_OR_JOIN)) {
    if (m[3]) {
      range = true;
      continue;
    }
    const n = m[1] !== undefined ? Number(m[1]) : numberWordValue(m[2]!)!;
    // A range is spelt out only when short enough to quote; a longer one keeps its ends, for "too many".
    if (range && previous !== undefined && Math.abs(n - previous) < 1000) {
      for (let k = Math.min(previous, n); k <= Math.max(previous, n); k++) named.add(k);
    }
    named.add(n);
    previous = n;
    range = false;
  }
  return [...named].sort((a, b) => a - b);
}
