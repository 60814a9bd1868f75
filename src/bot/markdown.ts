/**
 * Discord markdown: escaping quoted or echoed text so it shows literally, neutralising
 * @everyone / @here, cutting rendered markdown without breaking an escape or a bold span, and
 * undoing it all for plain-text output.
 */
import { cutText } from "./cut.ts";

const ZWSP = "\u200b";

/** `@everyone` and `@here` get a zero-width space after the @, so they are not even shown as mentions. */
export function neutraliseMentions(text: string): string {
  return text.replace(/@(everyone|here)\b/gi, `@${ZWSP}$1`);
}

/**
 * What a member typed, without Discord's own syntax — code blocks, user, role and channel
 * mentions, custom emoji, timestamps, links — each left as a space: none of it is words to look
 * up in the review ("<:thinking:123…>" would otherwise be read, and spelling-corrected, as a name).
 */
export function withoutDiscordSyntax(text: string): string {
  return text
    .replace(/```[\s\S]*?```/g, " ")
    .replace(/<(?:@[!&]?|#)\d+>/g, " ")
    .replace(/<a?:\w+:\d+>/g, " ")
    .replace(/<t:-?\d+(?::[a-zA-Z])?>/g, " ")
    .replace(/https?:\/\/\S+/g, " ");
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

/** What plain text puts around a **bold** span, where Discord shows it bold. */
export interface BoldMarks {
  open: string;
  close: string;
}

/** » « : marks the review's text never holds, so a span can be found again (the tests' reading of a reply). */
const DISTINCT_BOLD: BoldMarks = { open: "»", close: "«" };

/**
 * Undoes {@link escapeMarkdown}'s backslashes, puts `bold`'s marks around **bold** (» « unless
 * told otherwise) and drops *italics* marks (for plain-text output).
 */
export function markdownToPlain(markdown: string, bold: BoldMarks = DISTINCT_BOLD): string {
  let out = "";
  let inBold = false;
  for (let i = 0; i < markdown.length; i++) {
    const ch = markdown[i]!;
    if (ch === "\\" && i + 1 < markdown.length && /[^\p{L}\p{N}\s]/u.test(markdown[i + 1]!)) {
      out += markdown[++i];
    } else if (ch === "*" && markdown[i + 1] === "*") {
      out += inBold ? bold.close : bold.open;
      inBold = !inBold;
      i++;
    } else if (ch === "*") {
      // A single unescaped * is italics: dropped.
    } else {
      out += ch;
    }
  }
  return out.replaceAll(ZWSP, "");
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
