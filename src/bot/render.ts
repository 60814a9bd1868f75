/**
 * Rendering: a citation, a quoted passage and a whole reply description, for Discord (markdown,
 * discord.js reply options) and for the console (plain text). Handlers build one {@link Reply};
 * Discord, the console and the tests all read it through here.
 */
import type {
  APIEmbed,
  APIModalInteractionResponseCallbackData,
  InteractionEditReplyOptions,
  InteractionReplyOptions,
  JSONEncodable,
} from "discord.js";
import type { DocumentMeta } from "../corpus/types.ts";
import type { ReviewSearch } from "../search/engine.ts";
import type { Passage } from "../search/types.ts";
import { parseAnyComponentId } from "./custom-ids.ts";
import { ELLIPSIS, sentenceSpans } from "./cut.ts";
import { ComponentType, MessageFlags, TextInputStyle } from "./discord-values.ts";
import { cutMarkdown, escapeMarkdown, markdownToPlain, type BoldMarks } from "./markdown.ts";
import type { Origin } from "./router.ts";
import type { ModalSpec, Reply } from "./types.ts";

// ---- Citations and passages ----

/** Longest document title a citation carries (a title is a name here, not a headline). */
const CITED_TITLE = 60;

/**
 * `¶12 · Purge trials` — the citation a reader copies into their notes. A paragraph of a
 * document other than the first is named with its document's title: `Our notes ¶3 · Week 1`
 * (see {@link citedTitle}).
 */
export function citation(p: Pick<Passage, "paragraph" | "section">, documentTitle: string | null = null): string {
  const head = documentTitle ? `${documentTitle} ¶${p.paragraph}` : `¶${p.paragraph}`;
  // The review's paragraphs before its first heading are cited by the name /progress and /about give that part.
  const section = p.section ?? (documentTitle ? null : OPENING);
  return section ? `${head} · ${section}` : head;
}

/** What the first document's part before its first heading is called: in citations, the plan and /about. */
export const OPENING = "Opening";

/**
 * A citation as markdown (a supplied heading's brackets must not start a link): `¶42 · Heroic
 * opposition`, or with its document's title for any document but the first.
 */
export function citationMarkdown(search: ReviewSearch, p: { doc: string; paragraph: number; section: string | null }): string {
  return escapeMarkdown(citation(p, citedTitle(search, p.doc)));
}

/**
 * The title a citation of `doc` carries: none for the first document (a bare ¶12 is always
 * its), the document's own title for any other, cut to a name's length.
 */
export function citedTitle(search: ReviewSearch, doc: string): string | null {
  if (doc === search.primary.meta.id) return null;
  const title = search.documents.find((d) => d.meta.id === doc)?.meta.title ?? doc;
  return title.length <= CITED_TITLE ? title : `${title.slice(0, CITED_TITLE - 1).trimEnd()}…`;
}

/** The documents some passages come from, in the order first cited; the first document when there are none. */
export function citedDocuments(search: ReviewSearch, passages: readonly { doc: string }[]): DocumentMeta[] {
  const ids = passages.length > 0 ? [...new Set(passages.map((p) => p.doc))] : [search.primary.meta.id];
  return ids.map((id) => search.documents.find((d) => d.meta.id === id)?.meta).filter((meta) => meta !== undefined);
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

// ---- Discord: a reply description as discord.js options ----

/** discord.js's spelling of "no mentions" (it sends `allowed_mentions: { parse: [], replied_user: false }`). */
const noMentions = () => ({ parse: [], repliedUser: false });

/**
 * Embeds and button rows are already Discord's API shapes: handed over as JSON-encodable,
 * discord.js sends them as they are instead of re-keying every nested object to snake case
 * (lodash for each key, about a tenth of the CPU of a cached /ask).
 */
function asIs<T>(value: T): JSONEncodable<T> {
  return { toJSON: () => value };
}

/** A reply description as discord.js reply options: allowed mentions none, ephemeral as a flag. */
export function toReplyOptions(reply: Reply): InteractionReplyOptions {
  const options: InteractionReplyOptions = { allowedMentions: noMentions() };
  if (reply.content !== undefined) options.content = reply.content;
  if (reply.embeds) options.embeds = reply.embeds.map(asIs);
  if (reply.components) options.components = reply.components.map(asIs);
  if (reply.ephemeral) options.flags = MessageFlags.Ephemeral;
  return options;
}

/** The same for editing a deferred reply (its visibility was fixed when deferring). */
export function toEditOptions(reply: Reply): InteractionEditReplyOptions {
  return {
    content: reply.content ?? null,
    embeds: (reply.embeds ?? []).map(asIs),
    components: (reply.components ?? []).map(asIs),
    allowedMentions: noMentions(),
  };
}

/** A form description as Discord's modal: one text input per row. */
export function toModal(modal: ModalSpec): APIModalInteractionResponseCallbackData {
  return {
    custom_id: modal.customId,
    title: modal.title,
    components: modal.fields.map((f) => ({
      type: ComponentType.ActionRow,
      components: [
        {
          type: ComponentType.TextInput,
          custom_id: f.customId,
          label: f.label,
          style: f.style === "short" ? TextInputStyle.Short : TextInputStyle.Paragraph,
          required: f.required,
          max_length: f.maxLength,
          ...(f.placeholder !== undefined ? { placeholder: f.placeholder } : {}),
        },
      ],
    })),
  };
}

// ---- The console: a reply description as plain text ----

/** What the console knows that a reply does not say, for {@link renderReply}. */
/** The section "Next section read" marks read; `here`: the channel's own position moves, not the server's. */
export interface NextSection {
  section: number;
  here: boolean;
}

export interface ConsoleRendering {
  /** A heading (markdown) shown first as `== … ==`, unless the reply's first embed has it as its title. */
  heading?: string;
  /** What stands for Discord's bold (the answering sentence, a label): typographic quotes unless told otherwise (the console colours it). */
  bold?: BoldMarks;
  /** The section "Next section read" would mark read, and whether for this channel only, so the hint can name `/plan section: N [here: true]`. */
  nextSection?: NextSection | null;
}

/** Discord's bold in plain text for an English reader: “…”. */
const READER_BOLD: BoldMarks = { open: "“", close: "”" };

/**
 * A reply as plain text: markdown undone, the bold excerpt as “…”, citations kept, buttons as
 * hints (their console commands where they have one); a mention of the reader shows their name.
 */
export function renderReply(reply: Reply, origin: Pick<Origin, "user">, rendering: ConsoleRendering = {}): string {
  const { heading, bold = READER_BOLD } = rendering;
  const lines: string[] = [];
  const plain = (s: string) =>
    markdownToPlain(s.replace(/(?<!\\)`([^`\n]+?)`/g, "$1"), bold)
      .replace(/<@!?(\d+|console)>/g, (_, id: string) => (id === origin.user.id ? `@${origin.user.name}` : `@${id}`))
      .replace(/<#([\w-]+)>/g, "#$1")
      .replace(/<@&(\d+)>/g, "@role $1");
  if (heading && reply.embeds?.[0]?.title !== heading) lines.push(`== ${plain(heading)} ==`, "");
  if (reply.content) lines.push(plain(reply.content));
  // A blank line between embeds, as between the parts of one: a quoted passage's paragraphs stay apart.
  for (const embed of reply.embeds ?? []) lines.push(...(lines.length > 0 ? [""] : []), ...renderEmbed(embed, plain));
  const next = consoleEquivalents(reply, rendering.nextSection ?? null);
  if (next.length > 0) lines.push("", `Next: ${next.join(" · ")}`);
  return lines.join("\n").trim();
}

/**
 * The console's commands for a reply's buttons: "/more (4 more)", "/context 42", and for "Next
 * section read" `/plan section: N` (posting to a channel has none). A button with no console
 * command ("Another prompt", "Show anyway (spoiler)", "Ask the group", 👍/👎) is named as a
 * button on Discord.
 */
function consoleEquivalents(reply: Reply, nextSection: NextSection | null): string[] {
  const out: string[] = [];
  for (const id of customIdsOf(reply)) {
    const parsed = parseAnyComponentId(id);
    const label = labelOf(reply, id);
    if (parsed?.kind === "more") {
      const left = /\((\d+) more\)/.exec(label ?? "");
      out.push(left ? `/more (${left[1]} more)` : "/more");
    } else if (parsed?.kind === "context") {
      out.push(`/context ${parsed.ref.paragraph}`);
    } else if (parsed?.kind === "next-section" && nextSection !== null && label) {
      out.push(`/plan section: ${nextSection.section}${nextSection.here ? " here: true" : ""} (“${label}” on Discord)`);
    } else if (parsed?.kind !== "post" && label) out.push(`“${label}” (a button on Discord)`);
  }
  return out;
}

/** Every custom id of a reply's buttons, in order. */
export function customIdsOf(reply: Reply): string[] {
  return (reply.components ?? []).flatMap((row) => row.components).flatMap((b) => ("custom_id" in b ? [b.custom_id] : []));
}

function labelOf(reply: Reply, customId: string): string | undefined {
  const button = (reply.components ?? []).flatMap((row) => row.components).find((b) => "custom_id" in b && b.custom_id === customId);
  return button && "label" in button ? button.label : undefined;
}

function renderEmbed(embed: APIEmbed, plain: (s: string) => string): string[] {
  const lines: string[] = [];
  if (embed.title) lines.push(`== ${plain(embed.title)} ==`);
  if (embed.description) lines.push("", plain(embed.description));
  for (const field of embed.fields ?? []) lines.push("", plain(field.name), plain(field.value));
  if (embed.footer) lines.push("", `— ${embed.footer.text}`);
  return lines;
}
