/**
 * What the study-group commands share: the reading position in force where an interaction
 * happens, the discussion a thread is about, the review's sections as reading sessions, and the
 * discussion prompts drawn from the study notes. Pure functions over the search core, plus reads
 * from the storage reached through the handler context.
 */
import { rangeLabel, type ParagraphRange, type ReviewSearch, type Section } from "../search/index.ts";
import type { DiscussionThread, GuildSettings, Storage } from "../storage/index.ts";
import { OPENING } from "./render.ts";
import type { HandlerContext } from "./types.ts";

/** The channels whose position applies here, most specific first: a thread, then its channel. */
export function channelScopes(ctx: Pick<HandlerContext, "channel">): string[] {
  const c = ctx.channel;
  if (!c) return [];
  return c.parentId ? [c.id, c.parentId] : [c.id];
}

/** "the server", "this channel", "this thread", or "this thread's channel" for a thread's parent. */
export function scopeName(ctx: Pick<HandlerContext, "channel">, channelId: string | null): string {
  if (channelId === null) return "the server";
  if (channelId !== ctx.channel?.id) return "this thread's channel";
  return ctx.channel.isThread ? "this thread" : "this channel";
}

/** What the dispatcher reads from storage before a handler runs: the position and discussion here. */
export interface StudyState {
  readingPosition: number | null;
  discussion: DiscussionThread | null;
  /** The server's /settings; null outside a server or without storage (the defaults apply). */
  settings: GuildSettings | null;
}

export const NO_STUDY: StudyState = { readingPosition: null, discussion: null, settings: null };

/**
 * The position in force here (thread, else channel, else server), the thread's discussion and the
 * server's settings: through {@link Storage.studyReads}, which reuses a read for up to a second
 * (this process's writes are seen at once).
 */
export async function studyState(
  store: Storage | null,
  where: { guildId: string | null; channel: HandlerContext["channel"] },
): Promise<StudyState> {
  if (!store || !where.guildId) return NO_STUDY;
  const { position, discussion, settings } = await store.studyReads(
    where.guildId,
    channelScopes(where),
    where.channel?.isThread ? where.channel.id : null,
  );
  return { readingPosition: position?.upTo ?? null, discussion, settings };
}

/** The smaller of two caps, either of which may be absent. */
export function minCap(a: number | null | undefined, b: number | null | undefined): number | null {
  if (a === null || a === undefined) return b ?? null;
  if (b === null || b === undefined) return a;
  return Math.min(a, b);
}

/** The review's sections, numbered from 1 as /plan and /discuss take them. */
export function sections(search: ReviewSearch): readonly Section[] {
  return search.primary.sections;
}

/** The section holding paragraph `n` (1-based section number and the section). */
export function sectionOf(search: ReviewSearch, n: number): { number: number; section: Section } | null {
  const i = search.primary.sections.findIndex((s) => s.first <= n && n <= s.last);
  return i < 0 ? null : { number: i + 1, section: search.primary.sections[i]! };
}

/** "[Who was Stalin?]", or "Opening" for the part before the first heading. */
export function sectionTitle(s: Section): string {
  return s.title ?? OPENING;
}

/** "¶17–29 · [Who was Stalin?]" for a range; the section title when the range lies in one section. */
export function rangeTitle(search: ReviewSearch, r: ParagraphRange): string {
  const first = sectionOf(search, r.first);
  const last = sectionOf(search, r.last);
  const label = rangeLabel(r);
  return first && last && first.number === last.number ? `${label} · ${sectionTitle(first.section)}` : label;
}

/** One discussion prompt: a question from the study notes, with the paragraph it belongs to. */
export interface Prompt {
  /** The note, its names capitalised as the review writes them. */
  text: string;
  paragraph: number;
  /** True for a question the review leaves open (from the notes' `unanswered`). */
  open: boolean;
}

/** A study note put as a question (as {@link asSentence} reads it) or a task ("Give an example of …"), not as search words. */
function readsAsQuestion(note: string): boolean {
  const plain = note.trim().replace(/[‘’]/g, "'");
  return /\?["'”’)]?$/.test(plain) || QUESTION_START.test(plain) || QUESTION_AFTER_COMMA.test(plain) || TASK_START.test(plain);
}
/** A study task: "Give an example of …", "Explain why …". */
const TASK_START = /^(?:give|name|describe|explain|list|compare|contrast|discuss|summari[sz]e|outline)\b/i;

/**
 * A note that asks to recall a word, a name, a figure or a date ("What words come after the colon
 * in the name of Amis's new book?", "when did Lenin die"): a quiz question, no start for a discussion.
 */
const RECALL =
  /^(?:(?:so|and|but|then|ok|okay|well|also),?\s+)?(?:(?:what|which)\s+(?:\w+\s+){0,2}?(?:words?|phrases?|terms?|names?|title|nickname|expression|image|adjective|verb|number|figure|year|date|decade|month)\b|when\b|in\s+what\s+year\b|how\s+many\b|how\s+old\b|who\s+(?:is|was)\b)/i;

/**
 * A note that asks why or how, or what someone argues or whether they are right: where a
 * discussion starts ("Why does the reviewer bother responding to Amis's arguments?").
 */
const ARGUED =
  /^(?:(?:so|and|but|then|ok|okay|well|also),?\s+)?(?:why\b|how\b(?!\s+(?:many|much|old|long|often|far|fast|well|big|large|high|soon|quickly)\b)|(?:is|are|was|were|do|does|did|should|would|could|can)\b.*\b(?:fair|right|wrong|agree|justified|convincing|true|think|believe|argue|claim|deserve)\b|what\s+(?:does|did)\s+(?:the\s+)?(?:reviewer|critic|review|amis|author|writer)\s+(?:think|argue|mean|suggest|claim|conclude|make\s+of))/i;

/**
 * The discussion prompts of a passage, in a fixed order: taking turns over its paragraphs, the
 * questions each answers and the open questions each raises; those asking why, how or what
 * someone argues first, those asking only to recall a word, a name or a date last. Deterministic, so "Another prompt" walks through them by a
 * counter kept in the database.
 */
export function promptsFor(search: ReviewSearch, r: ParagraphRange): Prompt[] {
  const notes = [];
  for (let n = r.first; n <= r.last; n++) {
    const p = search.paragraph(search.primary.meta.id, n);
    if (p?.notes) notes.push({ n, questions: p.notes.questions, open: p.notes.unanswered });
  }
  const out: Prompt[] = [];
  const seen = new Set<string>();
  const depth = Math.max(0, ...notes.map((x) => Math.max(x.questions.length, x.open.length)));
  for (let i = 0; i < depth; i++) {
    for (const x of notes) {
      for (const [text, open] of [
        [x.questions[i], false],
        [x.open[i], true],
      ] as const) {
        // A note written as search words ("Stalin death toll estimate") is no question to discuss.
        if (!text || !readsAsQuestion(text)) continue;
        const key = text.toLowerCase();
        if (seen.has(key)) continue;
        seen.add(key);
        // Notes are typed as readers type ("amis's new book"): names are shown as the review writes them.
        out.push({ text: search.withNamesCased(text), paragraph: x.n, open });
      }
    }
  }
  // Stable: within each kind, the turns over the paragraphs stay as they were.
  const kind = (p: Prompt) => (ARGUED.test(p.text.trim()) ? 0 : RECALL.test(p.text.trim()) ? 2 : 1);
  return out.sort((a, b) => kind(a) - kind(b));
}

/** A prompt as a line: "¶19: Why did …?" or, for an open question, "¶22 leaves open: Who …?" */
export function promptLine(p: Prompt): string {
  const text = asSentence(p.text);
  return p.open ? `¶${p.paragraph} leaves open: ${text}` : `¶${p.paragraph}: ${text}`;
}

/** Opens a question, possibly after "so", "and"…: a question word or an auxiliary verb ("is koba a place…"). */
const QUESTION_START =
  /^(?:(?:so|and|but|then|ok|okay|well|also),?\s+)?(?:what|what's|why|how|how's|who|who's|whom|whose|when|where|which|is|isn't|are|aren't|was|wasn't|were|weren't|do|don't|does|doesn't|did|didn't|has|hasn't|have|haven't|had|can|can't|could|couldn't|would|wouldn't|should|shouldn't|will|won't|shall|may|might|must|am)\b/i;
/** A question after a lead-in: "besides slander, what second aim…". */
const QUESTION_AFTER_COMMA = /,\s*(?:what|why|how|who|whom|whose|when|where|which)\b/i;

/**
 * A study note as a sentence: its first letter capitalised and, when it reads as a question but
 * ends without punctuation, a question mark. The notes are written as readers type questions
 * ("what words come after the colon…"); their words are kept as they are.
 */
export function asSentence(note: string): string {
  const text = note.trim();
  const capitalised = text.charAt(0).toUpperCase() + text.slice(1);
  if (/[.?!…]["'”’)]?$/.test(text)) return capitalised;
  const plain = text.replace(/[‘’]/g, "'");
  return QUESTION_START.test(plain) || QUESTION_AFTER_COMMA.test(plain) ? `${capitalised}?` : capitalised;
}
