/**
 * Discord's message limits, and pure functions that keep every reply inside them: cutting text
 * at a sentence boundary, escaping quoted text so Discord markdown in it shows literally,
 * neutralising @everyone / @here, and a last-line check and clamp for a whole reply.
 */
import type { APIEmbed } from "discord.js";
import type { Reply } from "./types.ts";

/** https://discord.com/developers/docs/resources/message — and the embed and component limits. */
export const LIMITS = {
  content: 2000,
  embedTitle: 256,
  embedDescription: 4096,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  authorName: 256,
  /** Title + description + field names and values + footer + author name, over all embeds. */
  embedsTotal: 6000,
  embeds: 10,
  fields: 25,
  buttonsPerRow: 5,
  rows: 5,
  buttonLabel: 80,
  customId: 100,
  choices: 25,
  choiceName: 100,
  choiceValue: 100,
  modalTitle: 45,
  modalLabel: 45,
  modalPlaceholder: 100,
  textInput: 4000,
} as const;

const ELLIPSIS = "…";

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

const ZWSP = "\u200b";

/** `@everyone` and `@here` get a zero-width space after the @, so they are not even shown as mentions. */
export function neutraliseMentions(text: string): string {
  return text.replace(/@(everyone|here)\b/gi, `@${ZWSP}$1`);
}

/**
 * Makes text show literally in Discord. discord.js's `escapeMarkdown` escapes \ * _ ~ ` and ||
 * by default; headings, lists and masked links only on request, and never block quotes (>),
 * subtext (-#), mentions, channels, emoji or timestamps (<…>). This escapes all of those, and
 * neutralises @everyone / @here. Discord shows a backslashed punctuation mark as the mark itself.
 *
 * @example escapeMarkdown("**Trotsky** > Stalin") // "\\*\\*Trotsky\\*\\* \\> Stalin"
 */
export function escapeMarkdown(text: string): string {
  const escaped = text
    .split("\n")
    .map((line) =>
      line
        .replace(/[\\*_~`|<>[\]#]/g, "\\$&")
        // Line starts: bullets (- +), subtext (-#), numbered lists (1. or 1)).
        .replace(/^(\s*)([-+])/, "$1\\$2")
        .replace(/^(\s*\d+)([.)])/, "$1\\$2"),
    )
    .join("\n");
  return neutraliseMentions(escaped);
}

/** Undoes {@link escapeMarkdown}'s backslashes, turns **bold** into »bold« and drops *italics* marks (for plain-text output). */
export function markdownToPlain(markdown: string): string {
  let out = "";
  for (let i = 0; i < markdown.length; i++) {
    const ch = markdown[i]!;
    if (ch === "\\" && i + 1 < markdown.length && /[^\p{L}\p{N}\s]/u.test(markdown[i + 1]!)) {
      out += markdown[++i];
    } else if (ch === "*" && markdown[i + 1] === "*") {
      out += countBold(out) % 2 === 0 ? "»" : "«";
      i++;
    } else if (ch === "*") {
      // A single unescaped * is italics: dropped.
    } else {
      out += ch;
    }
  }
  return out.replaceAll(ZWSP, "");
}

function countBold(s: string): number {
  let n = 0;
  for (const ch of s) if (ch === "»" || ch === "«") n++;
  return n;
}

export interface PassageRender {
  /** The paragraph verbatim. */
  text: string;
  /** A substring of `text` to mark in bold (the answering sentence), or null for none. */
  excerpt: string | null;
  /** Length budget for the rendered markdown. */
  max: number;
}

/**
 * A quoted paragraph as Discord markdown: escaped, the excerpt in bold, within `max` characters.
 * A paragraph that is too long is cut at sentence boundaries around the excerpt ("… " before,
 * " …" after), so the answering sentence stays visible; only a single sentence longer than the
 * budget is cut between words.
 */
export function renderPassage({ text, excerpt, max }: PassageRender): string {
  const bold = boldSpan(text, excerpt);
  /** [ws, we) of the text; `wordCut` when `we` falls inside a sentence. */
  const render = (ws: number, we: number, wordCut = false): string => {
    const [a, b] = bold ? [Math.max(bold[0], ws), Math.min(bold[1], we)] : [we, we];
    const mark = wordCut ? ELLIPSIS : we < text.length ? ` ${ELLIPSIS}` : "";
    const lead = ws > 0 ? `${ELLIPSIS} ` : "";
    if (a >= b) return `${lead}${escapeMarkdown(text.slice(ws, we))}${mark}`;
    const inside = wordCut && b === we; // the cut is inside the bold sentence: close the bold after "…"
    return `${lead}${escapeMarkdown(text.slice(ws, a))}**${escapeMarkdown(text.slice(a, b))}${inside ? mark : ""}**${escapeMarkdown(text.slice(b, we))}${inside ? "" : mark}`;
  };
  const whole = render(0, text.length);
  if (whole.length <= max) return whole;

  const spans = sentenceSpans(text);
  if (spans.length === 0) return "";
  const hits = spans.map((s, i) => (bold && s[1] > bold[0] && s[0] < bold[1] ? i : -1)).filter((i) => i >= 0);
  let first = hits[0] ?? 0;
  let last = hits.at(-1) ?? 0;
  const fits = (f: number, l: number) => render(spans[f]![0], spans[l]![1]).length <= max;

  if (fits(0, last)) first = 0; // Prefer starting where the paragraph starts.
  if (fits(first, last)) {
    // Grow around the excerpt, a sentence after then one before, while it fits.
    for (let grew = true; grew;) {
      grew = false;
      if (last + 1 < spans.length && fits(first, last + 1)) {
        last++;
        grew = true;
      }
      if (first > 0 && fits(first - 1, last)) {
        first--;
        grew = true;
      }
    }
    return render(spans[first]![0], spans[last]![1]);
  }
  // A sentence longer than the budget: cut it between words (binary search), the bold kept closed.
  const ws = spans[first]![0];
  const ends = [...text.slice(ws).matchAll(/\S(?=\s|$)/g)].map((m) => ws + m.index + 1);
  let lo = 0;
  let hi = ends.length - 1;
  let best = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (render(ws, ends[mid]!, true).length <= max) {
      best = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return best >= 0 ? render(ws, ends[best]!, true) : cutMarkdown(escapeMarkdown(text.slice(ws)), max);
}

/** The excerpt's span in `text`, trimmed of white space (bold markers must touch the words). */
function boldSpan(text: string, excerpt: string | null): [number, number] | null {
  if (!excerpt) return null;
  const at = text.indexOf(excerpt);
  if (at < 0) return null;
  let a = at;
  let b = at + excerpt.length;
  while (a < b && /\s/.test(text[a]!)) a++;
  while (b > a && /\s/.test(text[b - 1]!)) b--;
  return a < b ? [a, b] : null;
}

/**
 * Cuts already rendered markdown to `max` characters: at a sentence or word boundary (so an
 * escape is never split) and with an unbalanced ** closed again.
 */
export function cutMarkdown(markdown: string, max: number): string {
  if (markdown.length <= max) return markdown;
  let cut = cutText(markdown, Math.max(0, max - 2));
  if (cut.endsWith("\\") && !cut.endsWith("\\\\")) cut = cut.slice(0, -1);
  if (countUnescaped(cut, "**") % 2 === 1) cut += "**";
  return cut;
}

function countUnescaped(s: string, token: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    if (s[i] === "\\") i++;
    else if (s.startsWith(token, i)) {
      n++;
      i += token.length - 1;
    }
  }
  return n;
}

/** Characters of an embed that count towards the 6,000 total. */
export function embedLength(embed: APIEmbed): number {
  return (
    (embed.title?.length ?? 0) +
    (embed.description?.length ?? 0) +
    (embed.footer?.text.length ?? 0) +
    (embed.author?.name.length ?? 0) +
    (embed.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0)
  );
}

/** Every way a reply breaks Discord's limits (or our rule that nobody is pinged); empty when it fits. */
export function replyViolations(reply: Reply): string[] {
  const v: string[] = [];
  const over = (what: string, length: number, max: number) => {
    if (length > max) v.push(`${what} is ${length} characters (max ${max})`);
  };
  if (reply.allowedMentions.parse.length !== 0 || reply.allowedMentions.replied_user !== false) v.push("allowed mentions are not none");
  if (reply.content !== undefined) over("content", reply.content.length, LIMITS.content);
  if (!reply.content && !(reply.embeds?.length ?? 0)) v.push("reply has neither content nor embeds");
  const embeds = reply.embeds ?? [];
  if (embeds.length > LIMITS.embeds) v.push(`${embeds.length} embeds (max ${LIMITS.embeds})`);
  embeds.forEach((e, i) => {
    if (e.title !== undefined) over(`embed ${i} title`, e.title.length, LIMITS.embedTitle);
    if (e.description !== undefined) over(`embed ${i} description`, e.description.length, LIMITS.embedDescription);
    if (e.footer) over(`embed ${i} footer`, e.footer.text.length, LIMITS.footer);
    if (e.author) over(`embed ${i} author`, e.author.name.length, LIMITS.authorName);
    const fields = e.fields ?? [];
    if (fields.length > LIMITS.fields) v.push(`embed ${i} has ${fields.length} fields (max ${LIMITS.fields})`);
    fields.forEach((f, j) => {
      over(`embed ${i} field ${j} name`, f.name.length, LIMITS.fieldName);
      over(`embed ${i} field ${j} value`, f.value.length, LIMITS.fieldValue);
      if (!f.name.trim() || !f.value.trim()) v.push(`embed ${i} field ${j} is empty`);
    });
  });
  over(
    "all embeds together",
    embeds.reduce((n, e) => n + embedLength(e), 0),
    LIMITS.embedsTotal,
  );
  const rows = reply.components ?? [];
  if (rows.length > LIMITS.rows) v.push(`${rows.length} rows (max ${LIMITS.rows})`);
  const ids = new Set<string>();
  rows.forEach((row, i) => {
    if (row.components.length > LIMITS.buttonsPerRow) v.push(`row ${i} has ${row.components.length} buttons (max ${LIMITS.buttonsPerRow})`);
    if (row.components.length === 0) v.push(`row ${i} is empty`);
    for (const button of row.components) {
      if ("label" in button && button.label !== undefined) over(`button label`, button.label.length, LIMITS.buttonLabel);
      if ("custom_id" in button) {
        over(`custom id ${button.custom_id}`, button.custom_id.length, LIMITS.customId);
        if (ids.has(button.custom_id)) v.push(`custom id ${button.custom_id} is used twice`);
        ids.add(button.custom_id);
      }
    }
  });
  return v;
}

/**
 * The last line of defence before sending: whatever a handler built, the result fits. Texts are
 * cut (markdown-safely), extra embeds, fields, rows and buttons dropped, mentions forced off.
 */
export function clampReply(reply: Reply): Reply {
  const out: Reply = { ephemeral: reply.ephemeral, allowedMentions: { parse: [], replied_user: false } };
  if (reply.content !== undefined) out.content = cutMarkdown(reply.content, LIMITS.content);
  if (reply.embeds) {
    let budget: number = LIMITS.embedsTotal;
    out.embeds = [];
    for (const e of reply.embeds.slice(0, LIMITS.embeds)) {
      const embed: APIEmbed = { ...e };
      const take = (s: string, max: number): string => {
        const cut = cutMarkdown(s, Math.min(max, Math.max(0, budget)));
        budget -= cut.length;
        return cut;
      };
      if (e.title !== undefined) embed.title = take(e.title, LIMITS.embedTitle);
      if (e.footer) embed.footer = { ...e.footer, text: take(e.footer.text, LIMITS.footer) };
      if (e.author) embed.author = { ...e.author, name: take(e.author.name, LIMITS.authorName) };
      if (e.description !== undefined) embed.description = take(e.description, LIMITS.embedDescription);
      if (e.fields) {
        embed.fields = [];
        for (const f of e.fields.slice(0, LIMITS.fields)) {
          if (budget < 20) break;
          const name = take(f.name, LIMITS.fieldName);
          const value = take(f.value, LIMITS.fieldValue);
          if (name.trim() && value.trim()) embed.fields.push({ ...f, name, value });
        }
      }
      if (embedLength(embed) === 0 && !embed.image && !embed.thumbnail) continue;
      out.embeds.push(embed);
      if (budget <= 0) break;
    }
  }
  if (reply.components) {
    const seen = new Set<string>();
    out.components = reply.components
      .map((row) => ({
        ...row,
        components: row.components
          .filter((b) => {
            if (!("custom_id" in b)) return true;
            if (b.custom_id.length > LIMITS.customId || seen.has(b.custom_id)) return false;
            seen.add(b.custom_id);
            return true;
          })
          .slice(0, LIMITS.buttonsPerRow)
          .map((b) => ("label" in b && b.label !== undefined ? { ...b, label: cutText(b.label, LIMITS.buttonLabel) } : b)),
      }))
      .filter((row) => row.components.length > 0)
      .slice(0, LIMITS.rows);
  }
  if (!out.content && !(out.embeds?.length ?? 0)) out.content = "(nothing to show)";
  if (reply.modal && reply.modal.customId.length <= LIMITS.customId) {
    out.modal = {
      customId: reply.modal.customId,
      title: cutText(reply.modal.title, LIMITS.modalTitle),
      fields: reply.modal.fields.slice(0, LIMITS.rows).map((f) => ({
        ...f,
        label: cutText(f.label, LIMITS.modalLabel),
        maxLength: Math.min(Math.max(1, f.maxLength), LIMITS.textInput),
        ...(f.placeholder !== undefined ? { placeholder: cutText(f.placeholder, LIMITS.modalPlaceholder) } : {}),
      })),
    };
  }
  return out;
}
