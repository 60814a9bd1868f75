/**
 * Pure reply builders shared by the commands: data in, a {@link Reply} out. Quoted text goes
 * through render.ts (escaped, cut at sentence boundaries); citations are never cut.
 */
import type { APIActionRowComponent, APIButtonComponent, APIEmbed, APIEmbedField } from "discord-api-types/v10";
import { ButtonStyle, ComponentType } from "./discord-values.ts";
import type { ReviewSearch } from "../search/index.ts";
import { LIMITS } from "./limits.ts";
import { citationMarkdown, renderPassage } from "./render.ts";
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

/** A short ephemeral message (a hint, a decline, an apology). */
export function notice(content: string, ephemeral = true): Reply {
  return reply({ content, ephemeral });
}

export const APOLOGY = "Sorry, something went wrong answering that. Please try again in a moment.";
export const STALE_BUTTON =
  "That button no longer works (the bot has changed since it was sent). Run the command again to get a fresh one.";

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

/** "Review: Martin Amis: Koba the Dread, … · October 2002" */
export function footer(search: ReviewSearch, doc?: string): { text: string } {
  const meta = (doc ? search.documents.find((d) => d.meta.id === doc)?.meta : undefined) ?? search.primary.meta;
  return { text: meta.date ? `${meta.title} · ${meta.date}` : meta.title };
}

/** A passage as an embed field: the citation as its name, the paragraph (excerpt in bold) as its value. */
export function passageField(
  p: { paragraph: number; section: string | null; text: string; excerpt: string | null },
  max: number = LIMITS.fieldValue,
  label = "",
): APIEmbedField {
  return {
    name: `${label}${citationMarkdown(p)}`,
    value: renderPassage({ text: p.text, excerpt: p.excerpt, max: Math.min(max, LIMITS.fieldValue) }),
  };
}

/** A single passage as a whole embed: the citation as the title, the paragraph as the description. */
export function passageEmbed(
  search: ReviewSearch,
  p: { doc: string; paragraph: number; section: string | null; text: string; excerpt: string | null },
): APIEmbed {
  return {
    title: citationMarkdown(p),
    description: renderPassage({ text: p.text, excerpt: p.excerpt, max: LIMITS.embedDescription }),
    color: COLORS.answer,
    footer: footer(search, p.doc),
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

// ---- Stateless custom ids for passage buttons: `ctx:<doc>:<n>[:<cap>]` and `post:<doc>:<n>` ----

export const CONTEXT_PREFIX = "ctx";
export const POST_PREFIX = "post";

/**
 * `ctx:koba-the-dread-review:42`; null if it would not fit in a custom id. `cap` is the reading
 * position the button was made under (`ctx:…:42:45`): its click shows nothing past it.
 */
function passageId(prefix: typeof CONTEXT_PREFIX | typeof POST_PREFIX, doc: string, n: number, cap?: number | null): string | null {
  const id = `${prefix}:${doc}:${n}${cap !== undefined && cap !== null ? `:${cap}` : ""}`;
  return id.length <= LIMITS.customId ? id : null;
}

/** The passage a `ctx:`/`post:` custom id points at (and the cap it carries), or null when the id is malformed. */
export function parsePassageId(
  customId: string,
  prefix: typeof CONTEXT_PREFIX | typeof POST_PREFIX,
): { doc: string; n: number; cap: number | null } | null {
  const m = /^([a-z]+):([A-Za-z0-9][A-Za-z0-9_-]*):(\d{1,6})(?::(\d{1,6}))?$/.exec(customId);
  if (!m || m[1] !== prefix) return null;
  return { doc: m[2]!, n: Number(m[3]), cap: m[4] === undefined ? null : Number(m[4]) };
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
    const ctxId = passageId(CONTEXT_PREFIX, p.doc, p.paragraph, cap);
    if (ctxId) context.push(button(ctxId, `Show context ¶${p.paragraph}`));
    const postId = passageId(POST_PREFIX, p.doc, p.paragraph);
    if (ephemeral && postId) post.push(button(postId, `Post ¶${p.paragraph} to channel`, ButtonStyle.Success));
  }
  return [context, post].filter((r) => r.length > 0);
}

/** Rows from groups of buttons: each group starts a row, long groups wrap; at most five rows. */
export function rowsOf(groups: readonly (readonly APIButtonComponent[])[]): APIActionRowComponent<APIButtonComponent>[] {
  return groups.flatMap((g) => rows(g)).slice(0, LIMITS.rows);
}
