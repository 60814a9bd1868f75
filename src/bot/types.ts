/**
 * The shapes every transport shares. A handler takes parsed options and a {@link HandlerContext}
 * and returns a {@link Reply}: Discord, the console and the tests all render the same description.
 * Types only: nothing here touches the network.
 */
import type { APIActionRowComponent, APIButtonComponent, APIEmbed } from "discord.js";
import type { ReviewSearch } from "../search/index.ts";
import type { DiscussionThread, GuildSettings, Storage } from "../storage/index.ts";
import type { BotConfig } from "./config.ts";
import type { OptionsOf, OptionSpecs } from "./options.ts";

/** Milliseconds since the epoch; the cooldown and the tests use it instead of `Date.now()`. */
export interface Clock {
  now(): number;
}

/** Who is asking. `name` is for logs and the console, never for a ping. */
export interface Requester {
  id: string;
  name: string;
}

/** Allowed mentions on every reply: nobody is pinged, ever. */
export interface NoMentions {
  parse: [];
  replied_user: false;
}

/**
 * What to send. `allowedMentions` is always "none"; {@link reply} in replies.ts is the only
 * place that makes one, so a handler cannot forget it.
 */
export interface Reply {
  content?: string;
  embeds?: APIEmbed[];
  components?: APIActionRowComponent<APIButtonComponent>[];
  /** Only the person who asked sees it. */
  ephemeral: boolean;
  allowedMentions: NoMentions;
  /**
   * A form to open instead of replying (a button's first response only). Where a form cannot be
   * shown (the console, a response already deferred), `content` is shown instead.
   */
  modal?: ModalSpec;
}

/** A short form (a Discord modal) of text fields; its submission goes to the command's `modals` handler. */
export interface ModalSpec {
  /** Routed by the part before the first `:`, like a button's. At most 100 characters. */
  customId: string;
  /** At most 45 characters. */
  title: string;
  fields: readonly ModalField[];
}

export interface ModalField {
  customId: string;
  /** At most 45 characters. */
  label: string;
  style: "short" | "paragraph";
  required: boolean;
  maxLength: number;
  placeholder?: string;
}

/** A one-line summary of a command, for /help. */
export interface CommandSummary {
  name: string;
  description: string;
  /** Usage line, e.g. `/ask question [results] [public]`. */
  usage: string;
  examples: readonly string[];
}

/** The channel an interaction comes from; a thread knows its parent channel. */
export interface ChannelInfo {
  id: string;
  /** The channel a thread belongs to; null for a channel. */
  parentId: string | null;
  isThread: boolean;
}

/** Why a thread could not be opened, in Discord's terms (50013, 160004, 160005, 160006…). */
export type ThreadFailure = "missing-permissions" | "thread-exists" | "locked" | "too-many-threads" | "not-here";

export type ThreadResult = { ok: true; id: string } | { ok: false; code: ThreadFailure; message: string };

/** What a thread is opened with: a name, then the messages posted in it, in order. */
export interface ThreadRequest {
  name: string;
  messages: readonly Reply[];
  /** For the audit log. */
  reason: string;
}

/**
 * Opens a public thread in the interaction's channel and posts messages in it. Given by the
 * transport: discord.js on Discord, an indented block in the console, a recorder in tests.
 */
export interface ThreadOpener {
  open(request: ThreadRequest): Promise<ThreadResult>;
}

/** Everything a handler may use. Built per interaction by the router (or the console, or a test). */
export interface HandlerContext {
  search: ReviewSearch;
  config: BotConfig;
  clock: Clock;
  user: Requester;
  /** Null in a direct message. */
  guildId: string | null;
  /** Every registered command, for /help. */
  commands: readonly CommandSummary[];
  /** Where the interaction happened; null when unknown (a direct message, some tests). */
  channel: ChannelInfo | null;
  /** The member's permissions in the channel (Discord's bit field); null outside a server. */
  memberPermissions: bigint | null;
  /** The bot's permissions in the channel; null when unknown (nothing is checked then). */
  appPermissions: bigint | null;
  /** The study group's memory (position, plan, threads); null when the bot runs without storage. */
  store: Storage | null;
  /**
   * The last paragraph the group has read where the interaction happened (a thread's own, else
   * its channel's, else the server's); null when none is set. Read by the dispatcher beforehand.
   */
  readingPosition: number | null;
  /** The discussion this thread is about, when the interaction comes from a thread /discuss opened. */
  discussion: DiscussionThread | null;
  /** Opens discussion threads; null where threads cannot be opened. */
  threads: ThreadOpener | null;
  /** The server's /settings, read by the dispatcher; null or absent: the defaults (PUBLIC_GUILD_IDS, show-anyway). */
  settings?: GuildSettings | null;
  /** The local console rather than Discord: no buttons to click, no channel to post to. */
  local?: boolean;
}

/** One autocomplete choice: name and value at most 100 characters each. */
export interface Choice {
  name: string;
  value: string | number;
}

/** The option being typed, as Discord sends it: always a string while typing. */
export interface FocusedOption {
  name: string;
  value: string;
}

/** Handles clicks on buttons whose custom id starts with `<prefix>:`; gets the whole id. */
export type ButtonHandler = (customId: string, ctx: HandlerContext) => Reply | Promise<Reply>;

/** Handles a submitted form whose custom id starts with `<prefix>:`; gets the whole id and the values by field id. */
export type ModalHandler = (customId: string, fields: Readonly<Record<string, string>>, ctx: HandlerContext) => Reply | Promise<Reply>;

/** What a slash command definition must give Discord (a SlashCommandBuilder does). */
export interface CommandData {
  readonly name: string;
  readonly description: string;
  toJSON(): unknown;
}

/** What a command does: its options, examples and handlers — shared by its definition and the built command. */
export interface CommandBehaviour<S extends OptionSpecs = OptionSpecs> {
  /** The option definition the builder, the parsers and the handler's types all derive from. */
  options: S;
  examples: readonly string[];
  /**
   * Discord's default member permissions (e.g. Manage Server for organiser commands): Discord
   * hides and blocks the command for others, and the dispatcher checks it again.
   */
  defaultMemberPermissions?: bigint;
  /**
   * Counts against the per-member cooldown: always (true), or when this says so for the options
   * (a question with words to search, a public reply).
   */
  cooldown?: boolean | ((options: OptionsOf<S>, ctx: HandlerContext) => boolean);
  /** Whether the reply is public, known before the handler runs (the router defers with it). */
  isPublic?(options: OptionsOf<S>, ctx: HandlerContext): boolean;
  execute(options: OptionsOf<S>, ctx: HandlerContext): Reply | Promise<Reply>;
  autocomplete?(focused: FocusedOption, ctx: HandlerContext): Choice[] | Promise<Choice[]>;
  /** Button handlers by custom-id prefix (the part before the first `:`). */
  buttons?: Readonly<Record<string, ButtonHandler>>;
  /** Form (modal) submission handlers by custom-id prefix. */
  modals?: Readonly<Record<string, ModalHandler>>;
  /** Prefixes of the buttons that post publicly (Post to channel): each click counts against the member cooldown. */
  publicButtons?: readonly string[];
}

/** One slash command: its definition, its handler, and optionally autocomplete and buttons. */
export interface Command<S extends OptionSpecs = OptionSpecs> extends CommandBehaviour<S> {
  /** The builder registered with Discord (derived from {@link CommandBehaviour.options}). */
  data: CommandData;
  usage: string;
}
