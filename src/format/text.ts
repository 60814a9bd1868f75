import type { Answer, DocumentMeta, Passage } from "../search/types.ts";
import type { ReviewSearch } from "../search/engine.ts";

/** Longest document title a citation carries (a title is a name here, not a headline). */
const CITED_TITLE = 60;

/**
 * `¶12 · Purge trials` — the citation a reader copies into their notes. A paragraph of a
 * document other than the first is named with its document's title: `Our notes ¶3 · Week 1`
 * (see {@link citedTitle}).
 */
export function citation(p: Pick<Passage, "paragraph" | "section">, documentTitle: string | null = null): string {
  const head = documentTitle ? `${documentTitle} ¶${p.paragraph}` : `¶${p.paragraph}`;
  return p.section ? `${head} · ${p.section}` : head;
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

/** A readable, cited answer for a terminal: the verbatim paragraphs, the answering sentence marked, each document it cites. */
export function formatAnswerText(answer: Answer, search: ReviewSearch): string {
  const lines: string[] = [];
  if (!answer.answered) {
    lines.push(answer.reason?.message ?? "The review does not say.");
    if (answer.results.length > 0) lines.push("", "Maybe related:");
  }
  for (const r of answer.results) {
    lines.push("", citation(r, citedTitle(search, r.doc)));
    lines.push(markExcerpt(r.text, r.excerpt));
  }
  lines.push("", ...citedDocuments(search, answer.results).map((meta) => `— ${meta.title}${meta.date ? ` (${meta.date})` : ""}`));
  return lines.join("\n").trimStart();
}

/** Marks the answering sentence with » « so it stands out in plain text. */
function markExcerpt(text: string, excerpt: string): string {
  const at = excerpt && excerpt !== text ? text.indexOf(excerpt) : -1;
  return at < 0 ? text : `${text.slice(0, at)}»${excerpt}«${text.slice(at + excerpt.length)}`;
}
