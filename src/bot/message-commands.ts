/**
 * Message commands (context-menu type 3, "right-click a message → Apps"). Discord sends the
 * target message in `data.resolved.messages` (discord.js: `interaction.targetMessage`), content
 * included, so the bot needs no Message Content intent. Like slash commands, a handler returns a
 * {@link Reply} and makes no Discord calls.
 */
import type { ButtonHandler, CommandData, HandlerContext, Reply } from "./types.ts";

/** ApplicationCommandType.Message. */
const MESSAGE_COMMAND = 3;

/** The message a member right-clicked: what a handler may know of it. */
export interface TargetMessage {
  id: string;
  /** The text as sent (empty for an image, a sticker or an embed alone). */
  content: string;
  authorId: string;
  channelId: string;
}

/** What a message command does: its handler and, optionally, its buttons. */
export interface MessageCommandBehaviour {
  /** One line for /help (message commands have no description on Discord). */
  summary: string;
  /** Discord's default member permissions, re-checked by the dispatcher. */
  defaultMemberPermissions?: bigint;
  execute(target: TargetMessage, ctx: HandlerContext): Reply | Promise<Reply>;
  buttons?: Readonly<Record<string, ButtonHandler>>;
}

/** A registered message command: its name (shown in the Apps menu, up to 32 characters) and what it does. */
export interface MessageCommand extends MessageCommandBehaviour {
  kind: "message";
  data: Omit<CommandData, "description">;
}

export interface MessageCommandDefinition extends MessageCommandBehaviour {
  name: string;
}

/**
 * Makes a message command.
 *
 * @example
 * export default defineMessageCommand({ name: "Find in the review", summary: "…", execute: (target, ctx) => reply(…) });
 */
export function defineMessageCommand(def: MessageCommandDefinition): MessageCommand {
  const { name, ...rest } = def;
  if (name.length < 1 || name.length > 32) throw new Error(`Registry: message command name "${name}" must be 1-32 characters`);
  // Discord's JSON for a message command (type 3), written out: no builder, so the console never loads discord.js.
  const json = {
    name,
    type: MESSAGE_COMMAND,
    ...(def.defaultMemberPermissions !== undefined ? { default_member_permissions: String(def.defaultMemberPermissions) } : {}),
  };
  return { ...rest, kind: "message", data: { name, toJSON: () => ({ ...json }) } };
}

/** Type guard for a command module's default export that is a message command. */
export function isMessageCommand(value: unknown): value is MessageCommand {
  if (typeof value !== "object" || value === null) return false;
  const c = value as Partial<MessageCommand>;
  return (
    c.kind === "message" &&
    typeof c.data === "object" &&
    c.data !== null &&
    typeof c.data.name === "string" &&
    typeof c.data.toJSON === "function" &&
    typeof c.summary === "string" &&
    typeof c.execute === "function" &&
    (c.buttons === undefined || (typeof c.buttons === "object" && Object.values(c.buttons).every((h) => typeof h === "function")))
  );
}
