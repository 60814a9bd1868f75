/** /help — every command with an example, the buttons, and who sees what. */
import type { APIEmbed } from "discord.js";
import { LIMITS } from "../src/bot/limits.ts";
import { cutMarkdown, escapeMarkdown } from "../src/bot/markdown.ts";
import { COLORS, footer, isPublicReply, reply } from "../src/bot/replies.ts";
import { defineCommand } from "../src/bot/registry.ts";
import type { Reply } from "../src/bot/types.ts";

const command = defineCommand({
  name: "help",
  description: "How to use this bot: every command with an example",
  options: {},
  examples: ["/help"],
  execute(_options, ctx): Reply {
    const { meta } = ctx.search.primary;
    const visibility = ctx.local
      ? ""
      : isPublicReply(ctx)
        ? " In this server, replies are posted to the channel."
        : " Replies are visible only to you; use “Post to channel” to share a passage with the discussion.";
    const { limit, seconds } = ctx.config.cooldown;
    const embed: APIEmbed = {
      title: "How to use this bot",
      description: cutMarkdown(
        `Ask about *${escapeMarkdown(meta.title)}*${meta.date ? ` (${escapeMarkdown(meta.date)})` : ""} and get the passages that answer, quoted verbatim and cited by paragraph, e.g. ¶42 · Heroic opposition.${visibility}`,
        LIMITS.embedDescription,
      ),
      color: COLORS.info,
      fields: [
        ...ctx.commands.map((c) => ({
          name: cutMarkdown(escapeMarkdown(c.usage), LIMITS.fieldName),
          value: cutMarkdown(
            `${escapeMarkdown(c.description)}.\n${c.examples.map((e) => `Example: \`${e.replaceAll("`", "'")}\``).join("\n")}`,
            LIMITS.fieldValue,
          ),
        })),
        ...(ctx.local
          ? []
          : [
              {
                name: "Find in the review (right-click a message → Apps)",
                value:
                  "The passages a member's message points to, only for you, with “Post to channel”. A long message is looked up by its most telling sentences.",
              },
            ]),
        ctx.local
          ? {
              name: "In the console",
              value:
                "/more shows the next passages of the last answer · /context 42 shows the paragraphs around ¶42 · Tab completes a command's name · Ctrl-C clears the line, and on an empty line leaves · /quit or Ctrl-D leaves.",
            }
          : {
              name: "Buttons",
              value: `“More results” shows the next passages · “Show context” shows the paragraphs before and after · “Post to channel” shares a passage with the channel, naming you. You can ask ${limit} questions every ${seconds} seconds; a passage posted to the channel counts as one.`,
            },
      ].slice(0, LIMITS.fields),
      footer: footer(ctx.search),
    };
    return reply({ embeds: [embed], ephemeral: !isPublicReply(ctx) });
  },
});
export default command;
