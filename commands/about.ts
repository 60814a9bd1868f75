/**
 * /about — every document in the corpus: the review first (title, book, author, date, its
 * sections with paragraph ranges, how to cite), then each reading a study group added, with its
 * sections and how to quote it.
 */
import type { APIEmbed, APIEmbedField } from "discord.js";
import { citation } from "../src/bot/render.ts";
import { LIMITS } from "../src/bot/limits.ts";
import { cutMarkdown, escapeMarkdown } from "../src/bot/markdown.ts";
import { embedLength } from "../src/bot/validate.ts";
import { COLORS, footer, isPublicReply, reply } from "../src/bot/replies.ts";
import { INVITE_PERMISSIONS } from "../src/bot/permissions.ts";
import { defineCommand } from "../src/bot/registry.ts";
import { sectionTitle } from "../src/bot/study.ts";
import type { Reply } from "../src/bot/types.ts";
import { formatRef } from "../src/corpus/ref.ts";
import type { CorpusDocument } from "../src/search/index.ts";

export const SUPPLIED_NOTE =
  "A heading in [square brackets] is not in the source: the review has no heading there, and the editor of this collection supplied one so you can find your way. Cite it like the others, knowing the author did not write it.";

const command = defineCommand({
  name: "about",
  description: "What the review and any added readings are, their sections, and how to cite them",
  options: {},
  examples: ["/about"],
  isPublic: (_options, ctx) => isPublicReply(ctx),
  execute(_options, ctx): Reply {
    const [doc, ...others] = ctx.search.documents;
    if (!doc) throw new Error("about: the corpus has no documents");
    const printed = doc.sections.find((s) => s.title !== null && !s.supplied) ?? doc.sections[0]!;
    const example = citation({ paragraph: printed.first, section: printed.title });
    const fields: APIEmbedField[] = [];
    if (doc.sections.some((s) => s.supplied)) fields.push({ name: "† Headings in brackets", value: escapeMarkdown(SUPPLIED_NOTE) });
    fields.push({
      name: "How to cite",
      value: cutMarkdown(
        `By paragraph number and section, as every answer does: ${escapeMarkdown(example)}. Paragraphs are numbered from 1 in reading order (headings are not paragraphs); \`/quote paragraph: ${printed.first}\` shows that one. Quotes are verbatim from the source.${others.length > 0 ? " A bare ¶ number is always this document's; the other readings below are cited with their title." : ""}`,
        LIMITS.fieldValue,
      ),
    });
    fields.push({
      name: "Study groups",
      value: cutMarkdown(
        `Organisers set where the group has read with \`/plan\` (Manage Server); answers then cite nothing past it. \`/progress\` shows the plan, \`/discuss\` opens a thread per section or passage. For threads the bot needs the **Create Public Threads** and **Send Messages in Threads** permissions (invite permissions ${INVITE_PERMISSIONS}: Send Messages, Embed Links and those two).`,
        LIMITS.fieldValue,
      ),
    });
    const main: APIEmbed = {
      title: cutMarkdown(escapeMarkdown(doc.meta.title), LIMITS.embedTitle),
      description: cutMarkdown(`${describe(doc)}:\n\n${sectionLines(doc).join("\n")}`, LIMITS.embedDescription),
      color: COLORS.info,
      fields,
      footer: footer(ctx.search),
    };
    // Each added reading gets its own embed, sharing what is left of Discord's 6,000 characters.
    const shown = others.slice(0, LIMITS.embeds - 1);
    const share = Math.floor((LIMITS.embedsTotal - embedLength(main) - 50) / Math.max(1, shown.length));
    const added = shown.map((d, i) => readingEmbed(d, share, i === shown.length - 1 ? others.length - shown.length : 0));
    return reply({ embeds: [main, ...added], ephemeral: !isPublicReply(ctx) });
  },
});
export default command;

/** "A review of *Book* by Author, published October 2002. 51 paragraphs in 9 sections" */
function describe(doc: CorpusDocument): string {
  const { meta } = doc;
  const what = [
    meta.book ? `A review of *${escapeMarkdown(meta.book)}*` : "A text",
    meta.bookAuthor ? ` by ${escapeMarkdown(meta.bookAuthor)}` : "",
    meta.date ? `, published ${escapeMarkdown(meta.date)}` : "",
    ".",
  ].join("");
  const count = (n: number, what: string) => `${n} ${what}${n === 1 ? "" : "s"}`;
  return `${what} ${count(doc.paragraphs.length, "paragraph")} in ${count(doc.sections.length, "section")}`;
}

/** "¶17–29 · [Who was Stalin?] †" for each section. */
function sectionLines(doc: CorpusDocument): string[] {
  return doc.sections.map((s) => {
    const range = s.first === s.last ? `¶${s.first}` : `¶${s.first}–${s.last}`;
    // The part before the first heading is named as /progress and citations name it.
    const title = escapeMarkdown(sectionTitle(s));
    return `${range} · ${title}${s.supplied ? " †" : ""}`;
  });
}

/** An added reading: its title, what it is, its sections, and how to quote it, within `max` characters. */
function readingEmbed(doc: CorpusDocument, max: number, notShown: number): APIEmbed {
  const title = cutMarkdown(escapeMarkdown(doc.meta.title), Math.min(LIMITS.embedTitle, Math.floor(max / 3)));
  const quoteAs = `Quote it as \`/quote text: ${formatRef({ doc: doc.meta.id, paragraph: 1 })}\`; answers cite it by its title.`;
  const more = notShown > 0 ? `\n\n(and ${notShown} more reading${notShown === 1 ? "" : "s"}: ask about them, or quote them by id)` : "";
  const body = `${describe(doc)}. ${quoteAs}${more}\n\n${sectionLines(doc).join("\n")}`;
  return {
    title,
    description: cutMarkdown(body, Math.max(1, Math.min(LIMITS.embedDescription, max - title.length))),
    color: COLORS.info,
  };
}
