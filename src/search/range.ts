/**
 * Paragraph ranges as a study group writes them: `12-14`, `¶12–14`, `¶12-¶14`, `12 to 14`,
 * `paragraphs 12–14`, `12 and 13`. Pure; the bot and /discuss use it to quote a passage of a few paragraphs.
 */

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

// "12 13", "12, 13", "12 and 13": two paragraphs named, read as the passage from one to the other.
const RANGE =
  /^(?:(?:paragraphs?|paras?\.?|pp?\.?|¶¶?|§)\s*)?(\d{1,4})(?:\s*(?:-|–|—|\bto\b|\.\.|,|&|\band\b)\s*|\s+)(?:¶|p\.?)?\s*(\d{1,4})\.?$/i;

/**
 * Reads a range; null when the text is not a range at all (a phrase, a single number). A range
 * written backwards is read forwards; one past the text's end or longer than {@link MAX_RANGE}
 * paragraphs is a problem, said as facts.
 *
 * @example
 * parseRange("¶12–14", 51); // { ok: true, range: { first: 12, last: 14 } }
 * parseRange("12-30", 51);  // { ok: false, problem: { kind: "too-many", first: 12, last: 30, max: 5 } }
 */
export function parseRange(text: string, paragraphs: number, max: number = MAX_RANGE): RangeResult | null {
  const m = RANGE.exec(text.trim());
  if (!m) return null;
  const a = Number(m[1]);
  const b = Number(m[2]);
  const first = Math.min(a, b);
  const last = Math.max(a, b);
  if (first < 1 || last > paragraphs)
    return { ok: false, problem: { kind: "no-paragraph", paragraph: first < 1 ? first : last, paragraphs } };
  if (last - first + 1 > max) return { ok: false, problem: { kind: "too-many", first, last, max } };
  return { ok: true, range: { first, last } };
}

/** "¶12" or "¶12–14". */
export function rangeLabel(r: ParagraphRange): string {
  return r.first === r.last ? `¶${r.first}` : `¶${r.first}–${r.last}`;
}
