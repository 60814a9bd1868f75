/**
 * The shapes every transport shares. A handler takes parsed options and a {@link HandlerContext}
 * and returns a {@link Reply}: Discord, the console and the tests all render the same description.
 * Types only: nothing here touches the network.
 */
import type { APIActionRowComponent, APIButtonComponent, APIEmbed } from "discord.js";
import type { ReviewSearch } from "../search/index.ts";
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
}

/** A one-line summary of a command, for /help. */
export interface CommandSummary {
  name: string;
  description: string;
  /** Usage line, e.g. `/ask question [results] [public]`. */
  usage: string;
  examples: readonly string[];
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
  /** Prefixes of the buttons that post publicly (Post to channel): each click counts against the member cooldown. */
  publicButtons?: readonly string[];
}

/** One slash command: its definition, its handler, and optionally autocomplete and buttons. */
export interface Command<S extends OptionSpecs = OptionSpecs> extends CommandBehaviour<S> {
  /** The builder registered with Discord (derived from {@link CommandBehaviour.options}). */
  data: CommandData;
  usage: string;
}
