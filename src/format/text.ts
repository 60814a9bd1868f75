import { declineMessage } from "./declines.ts";
import { citation, citedDocuments, citedTitle } from "../bot/render.ts";
import type { Answer } from "../search/types.ts";
import type { ReviewSearch } from "../search/engine.ts";

/** A readable, cited answer for a terminal: the verbatim paragraphs, the answering sentence marked, each document it cites. */
export function formatAnswerText(answer: Answer, search: ReviewSearch): string {
  const lines: string[] = [];
  if (!answer.answered) {
    lines.push(answer.reason ? declineMessage(answer.reason) : "The review does not say.");
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
