/**
 * Pure reply builders shared by the commands: data in, a {@link Reply} out. Quoted text goes
 * through render.ts (escaped, cut at sentence boundaries); citations are never cut.
 */
import type { APIActionRowComponent, APIButtonComponent, APIEmbed, APIEmbedField } from "discord-api-types/v10";
import { ButtonStyle, ComponentType } from "./discord-values.ts";
import type { ReviewSearch } from "../search/index.ts";
import { encodeComponentId } from "./custom-ids.ts";
import { cutText } from "./cut.ts";
import { LIMITS } from "./limits.ts";
import { cutMarkdown, escapeMarkdown } from "./markdown.ts";
import { citationMarkdown, citedDocuments, renderPassage } from "./render.ts";
import type { HandlerContext, Reply } from "./types.ts";

export const COLORS = {
  answer: 0xb22222,
  related: 0x95a5a6,
  info: 0x5865f2,
} as const;

/** The one way to make a reply: allowed mentions are always none. */
export function reply(parts: Omit<Reply, "allowedMentions">): Reply {
  const out: Reply = { ephemeral: parts.ephemeral, allowedMentions: { parse: [], replied_user: false } };
  if (parts.content !== undefined) out.content = parts.content;
  if (parts.embeds !== undefined) out.embeds = parts.embeds;
  if (parts.components !== undefined && parts.components.length > 0) out.components = parts.components;
  if (parts.modal !== undefined) out.modal = parts.modal;
  return out;
}

/**
 * An asked question as a reply's heading (markdown): `“what happened to Trotsky's family?”`,
 * whitespace folded and cut to fit an embed's title. An answer's embed carries it; the console
 * prints it over every /ask reply, so piped replies can be told apart.
 */
export function questionTitle(question: string): string {
  return cutMarkdown(escapeMarkdown(`“${cutText(question.replace(/\s+/g, " ").trim(), 200)}”`), LIMITS.embedTitle);
}

/** A short ephemeral message (a hint, a decline, an apology). */
export function notice(content: string, ephemeral = true): Reply {
  return reply({ content, ephemeral });
}

export const APOLOGY = "Sorry, something went wrong answering that. Please try again in a moment.";
/** For a button or form id from an older version of the bot, a foreign or garbled one, or one whose passage is gone. */
export const STALE_BUTTON =
  "That button no longer works: it is from an older version of the bot, or what it pointed to has changed. Run the command again (ask again) to get a fresh one.";

/**
 * Whether a reply is public: an explicit choice wins; then the server's /settings (a public
 * channel, or thread of one; then its default); otherwise public only in the servers listed in
 * PUBLIC_GUILD_IDS. Ephemeral is the default, so a study group's channel stays quiet.
 */
export function isPublicReply(ctx: Pick<HandlerContext, "config" | "guildId" | "settings" | "channel">, explicit?: boolean): boolean {
  if (explicit !== undefined) return explicit;
  if (ctx.guildId === null) return false;
  const settings = ctx.settings;
  if (settings) {
    const here = [ctx.channel?.id, ctx.channel?.parentId].filter((id): id is string => typeof id === "string");
    if (here.some((id) => settings.publicChannels.includes(id))) return true;
    if (settings.publicByDefault !== null) return settings.publicByDefault;
  }
  return ctx.config.publicGuildIds.has(ctx.guildId);
}

/**
 * "Review: Martin Amis: Koba the Dread, … · October 2002": the source of the passages shown, each
 * document they come from by its own title (the first document's when there are none).
 */
export function footer(search: ReviewSearch, passages: readonly { doc: string }[] = []): { text: string } {
  const sources = citedDocuments(search, passages).map((meta) => (meta.date ? `${meta.title} · ${meta.date}` : meta.title));
  return { text: cutText(sources.join("; "), LIMITS.footer) };
}

/** A passage as an embed field: the citation as its name, the paragraph (excerpt in bold) as its value. */
export function passageField(
  search: ReviewSearch,
  p: { doc: string; paragraph: number; section: string | null; text: string; excerpt: string | null },
  max: number = LIMITS.fieldValue,
  label = "",
): APIEmbedField {
  return {
    name: `${label}${citationMarkdown(search, p)}`,
    value: renderPassage({ text: p.text, excerpt: p.excerpt, max: Math.min(max, LIMITS.fieldValue) }),
  };
}

/** A single passage as a whole embed: the citation as the title, the paragraph as the description. */
export function passageEmbed(
  search: ReviewSearch,
  p: { doc: string; paragraph: number; section: string | null; text: string; excerpt: string | null },
): APIEmbed {
  return {
    title: citationMarkdown(search, p),
    description: renderPassage({ text: p.text, excerpt: p.excerpt, max: LIMITS.embedDescription }),
    color: COLORS.answer,
    footer: footer(search, [p]),
  };
}

export function button(
  customId: string,
  label: string,
  style: (typeof ButtonStyle)[keyof typeof ButtonStyle] = ButtonStyle.Secondary,
): APIButtonComponent {
  return { type: ComponentType.Button, style, custom_id: customId, label };
}

/** Buttons in rows of at most five. */
function rows(buttons: readonly APIButtonComponent[]): APIActionRowComponent<APIButtonComponent>[] {
  const out: APIActionRowComponent<APIButtonComponent>[] = [];
  for (let i = 0; i < buttons.length; i += LIMITS.buttonsPerRow) {
    out.push({ type: ComponentType.ActionRow, components: buttons.slice(i, i + LIMITS.buttonsPerRow) });
  }
  return out;
}

/**
 * "Context ¶42" for each passage, and "Post ¶42" when the reply is ephemeral (so it can be
 * shared). Under a reading position, the context buttons carry it as their cap.
 */
export function passageButtons(
  passages: readonly { doc: string; paragraph: number }[],
  ephemeral: boolean,
  cap?: number | null,
): APIButtonComponent[][] {
  const context: APIButtonComponent[] = [];
  const post: APIButtonComponent[] = [];
  for (const p of passages.slice(0, LIMITS.buttonsPerRow)) {
    const ref = { doc: p.doc, paragraph: p.paragraph };
    const ctxId = encodeComponentId({ kind: "context", ref, cap: cap ?? null });
    if (ctxId) context.push(button(ctxId, `Show context ¶${p.paragraph}`));
    const postId = encodeComponentId({ kind: "post", ref });
    if (ephemeral && postId) post.push(button(postId, `Post ¶${p.paragraph} to channel`, ButtonStyle.Success));
  }
  return [context, post].filter((r) => r.length > 0);
}

/** Rows from groups of buttons: each group starts a row, long groups wrap; at most five rows. */
export function rowsOf(groups: readonly (readonly APIButtonComponent[])[]): APIActionRowComponent<APIButtonComponent>[] {
  return groups.flatMap((g) => rows(g)).slice(0, LIMITS.rows);
}
