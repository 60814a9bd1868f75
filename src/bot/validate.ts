/**
 * Whether a whole reply fits Discord's limits (and our rule that nobody is pinged), and the last
 * line of defence that makes it fit: the router clamps every reply before sending, and the
 * tests list a reply's violations.
 */
import type { APIEmbed } from "discord.js";
import { cutText } from "./cut.ts";
import { LIMITS } from "./limits.ts";
import { cutMarkdown } from "./markdown.ts";
import type { ModalSpec, Reply } from "./types.ts";

/** Characters of an embed that count towards the 6,000 total. */
export function embedLength(embed: APIEmbed): number {
  return (
    (embed.title?.length ?? 0) +
    (embed.description?.length ?? 0) +
    (embed.footer?.text.length ?? 0) +
    (embed.author?.name.length ?? 0) +
    (embed.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0)
  );
}

/** Every way a reply breaks Discord's limits (or our rule that nobody is pinged); empty when it fits. */
export function replyViolations(reply: Reply): string[] {
  const v: string[] = [];
  const over = (what: string, length: number, max: number) => {
    if (length > max) v.push(`${what} is ${length} characters (max ${max})`);
  };
  if (reply.allowedMentions.parse.length !== 0 || reply.allowedMentions.replied_user !== false) v.push("allowed mentions are not none");
  if (reply.content !== undefined) over("content", reply.content.length, LIMITS.content);
  if (!reply.content && !(reply.embeds?.length ?? 0)) v.push("reply has neither content nor embeds");
  const embeds = reply.embeds ?? [];
  if (embeds.length > LIMITS.embeds) v.push(`${embeds.length} embeds (max ${LIMITS.embeds})`);
  embeds.forEach((e, i) => {
    if (e.title !== undefined) over(`embed ${i} title`, e.title.length, LIMITS.embedTitle);
    if (e.description !== undefined) over(`embed ${i} description`, e.description.length, LIMITS.embedDescription);
    if (e.footer) over(`embed ${i} footer`, e.footer.text.length, LIMITS.footer);
    if (e.author) over(`embed ${i} author`, e.author.name.length, LIMITS.authorName);
    const fields = e.fields ?? [];
    if (fields.length > LIMITS.fields) v.push(`embed ${i} has ${fields.length} fields (max ${LIMITS.fields})`);
    fields.forEach((f, j) => {
      over(`embed ${i} field ${j} name`, f.name.length, LIMITS.fieldName);
      over(`embed ${i} field ${j} value`, f.value.length, LIMITS.fieldValue);
      if (!f.name.trim() || !f.value.trim()) v.push(`embed ${i} field ${j} is empty`);
    });
  });
  over(
    "all embeds together",
    embeds.reduce((n, e) => n + embedLength(e), 0),
    LIMITS.embedsTotal,
  );
  const rows = reply.components ?? [];
  if (rows.length > LIMITS.rows) v.push(`${rows.length} rows (max ${LIMITS.rows})`);
  const ids = new Set<string>();
  rows.forEach((row, i) => {
    if (row.components.length > LIMITS.buttonsPerRow) v.push(`row ${i} has ${row.components.length} buttons (max ${LIMITS.buttonsPerRow})`);
    if (row.components.length === 0) v.push(`row ${i} is empty`);
    for (const button of row.components) {
      if ("label" in button && button.label !== undefined) over(`button label`, button.label.length, LIMITS.buttonLabel);
      if ("custom_id" in button) {
        over(`custom id ${button.custom_id}`, button.custom_id.length, LIMITS.customId);
        if (ids.has(button.custom_id)) v.push(`custom id ${button.custom_id} is used twice`);
        ids.add(button.custom_id);
      }
    }
  });
  return v;
}

/**
 * The last line of defence before sending: whatever a handler built, the result fits. Texts are
 * cut (markdown-safely), extra embeds, fields, rows and buttons dropped, mentions forced off.
 */
export function clampReply(reply: Reply): Reply {
  const out: Reply = { ephemeral: reply.ephemeral, allowedMentions: { parse: [], replied_user: false } };
  if (reply.content !== undefined) out.content = cutMarkdown(reply.content, LIMITS.content);
  if (reply.embeds) out.embeds = clampEmbeds(reply.embeds);
  if (reply.components) out.components = clampComponents(reply.components);
  if (!out.content && !(out.embeds?.length ?? 0)) out.content = "(nothing to show)";
  if (reply.modal && reply.modal.customId.length <= LIMITS.customId) out.modal = clampModal(reply.modal);
  return out;
}

/** At most ten embeds within 6,000 characters together, each text within its own limit; empty ones dropped. */
function clampEmbeds(embeds: readonly APIEmbed[]): APIEmbed[] {
  let budget: number = LIMITS.embedsTotal;
  const out: APIEmbed[] = [];
  for (const e of embeds.slice(0, LIMITS.embeds)) {
    const embed: APIEmbed = { ...e };
    const take = (s: string, max: number): string => {
      const cut = cutMarkdown(s, Math.min(max, Math.max(0, budget)));
      budget -= cut.length;
      return cut;
    };
    if (e.title !== undefined) embed.title = take(e.title, LIMITS.embedTitle);
    if (e.footer) embed.footer = { ...e.footer, text: take(e.footer.text, LIMITS.footer) };
    if (e.author) embed.author = { ...e.author, name: take(e.author.name, LIMITS.authorName) };
    if (e.description !== undefined) embed.description = take(e.description, LIMITS.embedDescription);
    if (e.fields) {
      embed.fields = [];
      for (const f of e.fields.slice(0, LIMITS.fields)) {
        if (budget < 20) break;
        const name = take(f.name, LIMITS.fieldName);
        const value = take(f.value, LIMITS.fieldValue);
        if (name.trim() && value.trim()) embed.fields.push({ ...f, name, value });
      }
    }
    if (embedLength(embed) === 0 && !embed.image && !embed.thumbnail) continue;
    out.push(embed);
    if (budget <= 0) break;
  }
  return out;
}

/** At most five rows of five buttons, custom ids that fit and are not repeated, labels cut. */
function clampComponents(rows: NonNullable<Reply["components"]>): NonNullable<Reply["components"]> {
  const seen = new Set<string>();
  return rows
    .map((row) => ({
      ...row,
      components: row.components
        .filter((b) => {
          if (!("custom_id" in b)) return true;
          if (b.custom_id.length > LIMITS.customId || seen.has(b.custom_id)) return false;
          seen.add(b.custom_id);
          return true;
        })
        .slice(0, LIMITS.buttonsPerRow)
        .map((b) => ("label" in b && b.label !== undefined ? { ...b, label: cutText(b.label, LIMITS.buttonLabel) } : b)),
    }))
    .filter((row) => row.components.length > 0)
    .slice(0, LIMITS.rows);
}

/** A form's title, labels and placeholders cut, at most five fields, each text input's length within Discord's. */
function clampModal(modal: ModalSpec): ModalSpec {
  return {
    customId: modal.customId,
    title: cutText(modal.title, LIMITS.modalTitle),
    fields: modal.fields.slice(0, LIMITS.rows).map((f) => ({
      ...f,
      label: cutText(f.label, LIMITS.modalLabel),
      maxLength: Math.min(Math.max(1, f.maxLength), LIMITS.textInput),
      ...(f.placeholder !== undefined ? { placeholder: cutText(f.placeholder, LIMITS.modalPlaceholder) } : {}),
    })),
  };
}
