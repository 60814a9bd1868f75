/**
 * Cutting plain text to a length: after the last whole sentence that fits, else the last whole
 * word, never inside a surrogate pair. Markdown-aware cutting is markdown.ts's cutMarkdown.
 */

export const ELLIPSIS = "…";

/** A sentence ends with . ! ? or … (closing quotes and brackets included) before white space or the end. */
const SENTENCE_END = /[.!?…]+["'”’»)\]]*(?=\s|$)/gu;

/** Sentence spans of a text: [start, end) with the white space between sentences left out. */
export function sentenceSpans(text: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  let start = skipSpace(text, 0);
  for (const m of text.matchAll(SENTENCE_END)) {
    const end = m.index + m[0].length;
    if (end <= start) continue;
    spans.push([start, end]);
    start = skipSpace(text, end);
  }
  if (start < text.length) spans.push([start, trimEnd(text, text.length)]);
  return spans.filter(([s, e]) => e > s);
}

/**
 * Cuts plain text to at most `max` characters: after the last whole sentence that fits (then
 * " …"), or, when that would keep less than a third, after the last whole word (then "…").
 * Text that fits comes back unchanged.
 */
export function cutText(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 1) return max === 1 ? ELLIPSIS : "";
  const room = max - 2; // " …"
  let sentenceEnd = 0;
  for (const [, end] of sentenceSpans(text)) {
    if (end <= room) sentenceEnd = end;
    else break;
  }
  if (sentenceEnd > 0 && sentenceEnd >= max / 3) return `${text.slice(0, sentenceEnd)} ${ELLIPSIS}`;
  return `${cutWords(text, max - 1)}${ELLIPSIS}`;
}

/** The longest prefix of at most `max` characters ending at a word boundary (or a hard cut). */
function cutWords(text: string, max: number): string {
  if (text.length <= max) return text;
  const head = text.slice(0, max + 1);
  const space = head.search(/\s\S*$/);
  const cut = space > max / 3 ? trimEnd(text, space) : safeCut(text, max);
  return text.slice(0, cut);
}

/** A cut position at most `at` that does not split a surrogate pair. */
function safeCut(text: string, at: number): number {
  const code = text.charCodeAt(at - 1);
  return code >= 0xd800 && code <= 0xdbff ? at - 1 : at;
}

function skipSpace(text: string, i: number): number {
  while (i < text.length && /\s/.test(text[i]!)) i++;
  return i;
}

function trimEnd(text: string, i: number): number {
  while (i > 0 && /\s/.test(text[i - 1]!)) i--;
  return i;
}
