/** /about — the review (title, book, author, date), its sections with paragraph ranges, and how to cite. */
import type { APIEmbed, APIEmbedField } from "discord.js";
import { citation } from "../src/bot/render.ts";
import { LIMITS } from "../src/bot/limits.ts";
import { cutMarkdown, escapeMarkdown } from "../src/bot/markdown.ts";
import { COLORS, footer, isPublicReply, reply } from "../src/bot/replies.ts";
import { INVITE_PERMISSIONS } from "../src/bot/permissions.ts";
import { defineCommand } from "../src/bot/registry.ts";
import type { Reply } from "../src/bot/types.ts";

export const SUPPLIED_NOTE =
  "A heading in [square brackets] is not in the source: the review has no heading there, and the editor of this collection supplied one so you can find your way. Cite it like the others, knowing the author did not write it.";

const command = defineCommand({
  name: "about",
  description: "What the review is, its sections with their paragraph numbers, and how to cite it",
  options: {},
  examples: ["/about"],
  isPublic: (_options, ctx) => isPublicReply(ctx),
  execute(_options, ctx): Reply {
    const doc = ctx.search.primary;
    const { meta } = doc;
    const what = [
      meta.book ? `A review of *${escapeMarkdown(meta.book)}*` : "A text",
      meta.bookAuthor ? ` by ${escapeMarkdown(meta.bookAuthor)}` : "",
      meta.date ? `, published ${escapeMarkdown(meta.date)}` : "",
      ".",
    ].join("");
    const sections = doc.sections.map((s) => {
      const range = s.first === s.last ? `¶${s.first}` : `¶${s.first}–${s.last}`;
      const title = s.title === null ? "(opening, before the first heading)" : escapeMarkdown(s.title);
      return `${range} · ${title}${s.supplied ? " †" : ""}`;
    });
    const printed = doc.sections.find((s) => s.title !== null && !s.supplied) ?? doc.sections[0]!;
    const example = citation({ paragraph: printed.first, section: printed.title });
    const fields: APIEmbedField[] = [];
    if (doc.sections.some((s) => s.supplied)) fields.push({ name: "† Headings in brackets", value: escapeMarkdown(SUPPLIED_NOTE) });
    fields.push({
      name: "How to cite",
      value: cutMarkdown(
        `By paragraph number and section, as every answer does: ${escapeMarkdown(example)}. Paragraphs are numbered from 1 in reading order (headings are not paragraphs); \`/quote paragraph: ${printed.first}\` shows that one. Quotes are verbatim from the source.`,
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
    const others = ctx.search.documents.slice(1);
    if (others.length > 0) {
      fields.push({
        name: "Also searchable",
        value: cutMarkdown(others.map((d) => `${escapeMarkdown(d.meta.title)} (\`${d.meta.id}#12\`)`).join("\n"), LIMITS.fieldValue),
      });
    }
    const embed: APIEmbed = {
      title: cutMarkdown(escapeMarkdown(meta.title), LIMITS.embedTitle),
      description: cutMarkdown(
        `${what} ${doc.paragraphs.length} paragraphs in ${doc.sections.length} sections:\n\n${sections.join("\n")}`,
        LIMITS.embedDescription,
      ),
      color: COLORS.info,
      fields,
      footer: footer(ctx.search),
    };
    return reply({ embeds: [embed], ephemeral: !isPublicReply(ctx) });
  },
});
export default command;
