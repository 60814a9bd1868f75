/**
 * One router, one error boundary.
 *
 * {@link Dispatcher} is transport-free: it looks a command, an autocomplete or a button up in the
 * registry, validates options, applies the cooldown, runs the handler, and turns every failure
 * into a friendly reply (logged with the command and its options). The console uses it as is.
 * It is also where members' text enters: secret-shaped strings are left out of every option,
 * form field, right-clicked message and button id before anything else reads them, and the
 * reply says so (secrets.ts).
 *
 * {@link createInteractionRouter} is the Discord side: it narrows a discord.js interaction,
 * defers when a handler is slow, replies or follows up, always answers autocomplete, and treats
 * the Discord errors one expects (unknown interaction, already acknowledged) as routine.
 */
// Enum values spelled out, not discord.js's: the console runs this router without loading discord.js.
import type {
  AutocompleteInteraction,
  CommandInteractionOption,
  Interaction,
  InteractionReplyOptions,
  MessagePayload,
  ModalSubmitInteraction,
  RepliableInteraction,
} from "discord.js";
import type { ReviewSearch } from "../search/index.ts";
import { editDistance } from "../search/edits.ts";
import { cleanText } from "../search/input.ts";
import type { BotConfig } from "./config.ts";
import { Cooldown, describeWait } from "./cooldown.ts";
import { MessageFlags, RESTJSONErrorCodes } from "./discord-values.ts";
import { cutText } from "./cut.ts";
import { LIMITS } from "./limits.ts";
import { toEditOptions, toModal, toReplyOptions } from "./render.ts";
import { clampReply } from "./validate.ts";
import type { Logger } from "./logger.ts";
import { parseOptions } from "./options.ts";
import type { Registry } from "./registry.ts";
import { APOLOGY, notice, STALE_BUTTON } from "./replies.ts";
import { isCurrentVersion } from "./custom-ids.ts";
import type { Storage } from "../storage/index.ts";
import type { TargetMessage } from "./message-commands.ts";
import { hasPermissions, notOrganiser } from "./permissions.ts";
import { leaveOutSecrets, SECRET_LEFT_OUT } from "./secrets.ts";
import { NO_STUDY, studyState, type StudyState } from "./study.ts";
import { channelOf } from "./threads.ts";
import type { ChannelInfo, Choice, Clock, FocusedOption, HandlerContext, Reply, Requester, ThreadOpener } from "./types.ts";

/** Who is asking and where: everything of an interaction a handler may know besides its options. */
export interface Origin {
  user: Requester;
  guildId: string | null;
  channel?: ChannelInfo | null;
  /** The member's permissions there; null or absent outside a server. */
  memberPermissions?: bigint | null;
  /** The bot's permissions there; null or absent when unknown. */
  appPermissions?: bigint | null;
  /** Opens threads in the interaction's channel, where the transport can. */
  threads?: ThreadOpener | null;
  /** The console's own user at the keyboard: the member cooldown does not apply. */
  local?: boolean;
}

export interface DispatcherOptions {
  registry: Registry;
  search: ReviewSearch;
  config: BotConfig;
  logger: Logger;
  clock?: Clock;
  /** The study group's memory; without it, no position, plan or threads are kept. */
  store?: Storage | null;
}

/** The transport-free half of the router, shared by Discord and the console. Never throws. */
export class Dispatcher {
  readonly registry: Registry;
  readonly search: ReviewSearch;
  readonly config: BotConfig;
  readonly logger: Logger;
  readonly clock: Clock;
  readonly cooldown: Cooldown;
  readonly store: Storage | null;

  constructor(options: DispatcherOptions) {
    this.store = options.store ?? null;
    this.registry = options.registry;
    this.search = options.search;
    this.config = options.config;
    this.logger = options.logger;
    this.clock = options.clock ?? Date;
    this.cooldown = new Cooldown({ ...options.config.cooldown, clock: this.clock });
  }

  /** The context a handler gets; `study` is what {@link Dispatcher.study} read from storage. */
  context(origin: Origin, study: StudyState = NO_STUDY): HandlerContext {
    // The study state's fields named, not spread: V8 builds a spread followed by a dozen
    // properties on a slow path, some 15 µs an interaction against 0.1 µs for this literal.
    return {
      readingPosition: study.readingPosition,
      discussion: study.discussion,
      settings: study.settings,
      search: this.search,
      config: this.config,
      clock: this.clock,
      user: origin.user,
      guildId: origin.guildId,
      commands: this.registry.summaries,
      channel: origin.channel ?? null,
      memberPermissions: origin.memberPermissions ?? null,
      appPermissions: origin.appPermissions ?? null,
      store: this.store,
      threads: origin.threads ?? null,
      local: origin.local ?? false,
    };
  }

  /** The reading position and discussion where the interaction happened (nothing without storage). */
  study(origin: Origin): Promise<StudyState> {
    return studyState(this.store, { guildId: origin.guildId, channel: origin.channel ?? null });
  }

  /** Whether the command's reply will be public (to defer with the right visibility). False when unsure. */
  isPublic(name: string, given: Readonly<Record<string, unknown>>, origin: Origin): boolean {
    try {
      const command = this.registry.get(name);
      if (!command?.isPublic) return false;
      const parsed = parseOptions(command.options, secretsLeftOut(given).values);
      return parsed.ok ? command.isPublic(parsed.options, this.context(origin)) : false;
    } catch {
      return false;
    }
  }

  /**
   * Runs a slash command. Unknown commands, invalid options, the cooldown and errors all give a
   * friendly reply. Secrets are left out of the options first, and the reply says so.
   */
  async command(name: string, given: Readonly<Record<string, unknown>>, origin: Origin): Promise<Reply> {
    const { values, removed } = secretsLeftOut(given);
    return withSecretNote(await this.runCommand(name, values, origin), removed);
  }

  private async runCommand(name: string, raw: Readonly<Record<string, unknown>>, origin: Origin): Promise<Reply> {
    const command = this.registry.get(name);
    if (!command) {
      this.logger.warn("unknown command", { command: name, options: raw, user: origin.user.id, guildId: origin.guildId });
      const typed = cutText(cleanText(name), 32);
      const near = [...this.registry.commands.keys()]
        .map((known) => ({ known, distance: editDistance(typed.toLowerCase(), known, 3) }))
        .filter((c) => c.distance <= 2)
        .sort((a, b) => a.distance - b.distance)[0];
      if (near) return notice(`I don't know the command /${typed}. Did you mean /${near.known}? /help lists the commands.`);
      // At the console it was mistyped; on Discord only a registration older than the bot sends one.
      if (origin.local) return notice(`I don't know the command /${typed}. /help lists the commands.`);
      return notice(
        `Sorry, something went wrong: I don't know the command /${typed} (the bot may have been updated since). /help lists the commands.`,
      );
    }
    const required = command.defaultMemberPermissions;
    if (required !== undefined && required !== 0n && !hasPermissions(origin.memberPermissions ?? null, required)) {
      this.logger.info("not permitted", { command: name, user: origin.user.id, guildId: origin.guildId });
      return notice(notOrganiser(`/${name}`));
    }
    const parsed = parseOptions(command.options, raw);
    if (!parsed.ok) {
      this.logger.info("invalid options", { command: name, options: raw, errors: parsed.errors });
      return notice(
        `That did not work: ${parsed.errors.join("; ")}. Usage: ${command.usage} — for example ${command.examples[0] ?? command.usage}`,
      );
    }
    let ctx: HandlerContext;
    try {
      ctx = this.context(origin, await this.study(origin));
    } catch (error) {
      this.logger.error("command failed", { command: name, options: raw, user: origin.user.id, guildId: origin.guildId, error });
      return notice(APOLOGY);
    }
    if (this.counts(command.cooldown, parsed.options, ctx)) {
      const wait = this.takeCooldown(origin, { command: name });
      if (wait) {
        const { limit, seconds } = this.config.cooldown;
        return notice(
          `You are asking quickly: ${limit} questions every ${seconds} seconds at most, so everyone gets a turn. Please try again in ${wait}.`,
        );
      }
    }
    try {
      return clampReply(await command.execute(parsed.options, ctx));
    } catch (error) {
      this.logger.error("command failed", { command: name, options: raw, user: origin.user.id, guildId: origin.guildId, error });
      return notice(APOLOGY);
    }
  }

  /** Whether a command's use counts against the member cooldown (never for the local console user). */
  private counts<O>(rule: boolean | ((options: O, ctx: HandlerContext) => boolean) | undefined, options: O, ctx: HandlerContext): boolean {
    if (!rule || ctx.local) return false;
    if (rule === true) return true;
    try {
      return rule(options, ctx);
    } catch {
      return true;
    }
  }

  /** Counts one use; null if allowed, else how long to wait ("12 seconds"). */
  private takeCooldown(origin: Origin, details: Record<string, unknown>): string | null {
    const allowed = this.cooldown.take(origin.user.id);
    if (allowed.ok) return null;
    this.logger.info("cooldown", { ...details, user: origin.user.id, retryAfterMs: allowed.retryAfterMs });
    return describeWait(allowed.retryAfterMs);
  }

  /** Runs a message command (right-click a message → Apps) on its target, without its secrets. Never throws. */
  async messageCommand(name: string, given: TargetMessage, origin: Origin): Promise<Reply> {
    const content = leaveOutSecrets(given.content);
    return withSecretNote(await this.runMessageCommand(name, { ...given, content: content.text }, origin), content.removed);
  }

  private async runMessageCommand(name: string, target: TargetMessage, origin: Origin): Promise<Reply> {
    const command = this.registry.messageCommand(name);
    if (!command) {
      this.logger.warn("unknown message command", { command: name, user: origin.user.id, guildId: origin.guildId });
      return notice(`Sorry, I don't know “${cutText(name, 32)}” (the bot may have been updated since). /help lists the commands.`);
    }
    const required = command.defaultMemberPermissions;
    if (required !== undefined && required !== 0n && !hasPermissions(origin.memberPermissions ?? null, required)) {
      this.logger.info("not permitted", { command: name, user: origin.user.id, guildId: origin.guildId });
      return notice(notOrganiser(`“${name}”`));
    }
    try {
      return clampReply(await command.execute(target, this.context(origin, await this.study(origin))));
    } catch (error) {
      this.logger.error("message command failed", {
        command: name,
        message: target.id,
        user: origin.user.id,
        guildId: origin.guildId,
        error,
      });
      return notice(APOLOGY);
    }
  }

  /** A submitted form (modal), by the prefix of its custom id, its fields without secrets. Unknown or stale ids get a friendly reply. */
  async modal(customId: string, given: Readonly<Record<string, string>>, origin: Origin): Promise<Reply> {
    const fields = secretsLeftOut(given);
    return withSecretNote(await this.runModal(customId, fields.values, origin), fields.removed);
  }

  private async runModal(customId: string, fields: Readonly<Record<string, string>>, origin: Origin): Promise<Reply> {
    const entry = this.registry.modal(customId);
    if (!entry || !isCurrentVersion(customId)) {
      this.logger.info("stale form", { customId, user: origin.user.id, why: entry ? "older version" : "unknown prefix" });
      return notice(STALE_BUTTON);
    }
    try {
      return clampReply(await entry.handler(customId, fields, this.context(origin, await this.study(origin))));
    } catch (error) {
      this.logger.error("form failed", { command: entry.command, customId, user: origin.user.id, guildId: origin.guildId, error });
      return notice(APOLOGY);
    }
  }

  /** Autocomplete choices: at most 25, names and values within 100 characters, [] on any error. */
  async autocomplete(name: string, given: FocusedOption, origin: Origin): Promise<Choice[]> {
    // Nowhere to say so in a list of choices: the secret is simply not searched, echoed or logged.
    const focused = { name: given.name, value: leaveOutSecrets(String(given.value)).text };
    try {
      const command = this.registry.get(name);
      if (!command?.autocomplete) return [];
      return sanitizeChoices(await command.autocomplete(focused, this.context(origin, await this.study(origin))));
    } catch (error) {
      this.logger.warn("autocomplete failed", { command: name, option: focused.name, value: String(focused.value).slice(0, 200), error });
      return [];
    }
  }

  /**
   * A button click, by the prefix of its custom id. Unknown or stale ids get a friendly reply.
   * The id comes from the member's client, and a button made before secrets were left out may
   * still carry one in its question: it is read without it.
   */
  async button(given: string, origin: Origin): Promise<Reply> {
    const id = leaveOutSecrets(given);
    return withSecretNote(await this.runButton(id.text, origin), id.removed);
  }

  private async runButton(customId: string, origin: Origin): Promise<Reply> {
    const entry = this.registry.button(customId);
    // A button from an older version of the bot is answered kindly before its handler could misread it.
    if (!entry || !isCurrentVersion(customId)) {
      this.logger.info("stale button", { customId, user: origin.user.id, why: entry ? "older version" : "unknown prefix" });
      return notice(STALE_BUTTON);
    }
    if (entry.cooldown && !origin.local) {
      const wait = this.takeCooldown(origin, { command: entry.command, customId });
      if (wait) {
        const { limit, seconds } = this.config.cooldown;
        return notice(
          `You are posting quickly: ${limit} questions or posts every ${seconds} seconds at most, so the channel stays readable. Please try again in ${wait}.`,
        );
      }
    }
    try {
      return clampReply(await entry.handler(customId, this.context(origin, await this.study(origin))));
    } catch (error) {
      this.logger.error("button failed", { command: entry.command, customId, user: origin.user.id, guildId: origin.guildId, error });
      return notice(APOLOGY);
    }
  }
}

/** Member text with secrets left out: each string value (others as they are), and whether any held one. */
function secretsLeftOut<V>(given: Readonly<Record<string, V>>): { values: Record<string, V | string>; removed: boolean } {
  const values: Record<string, V | string> = {};
  let removed = false;
  for (const [name, value] of Object.entries(given)) {
    if (typeof value !== "string") {
      values[name] = value;
      continue;
    }
    const left = leaveOutSecrets(value);
    values[name] = left.text;
    removed ||= left.removed;
  }
  return { values, removed };
}

/** The reply, saying first (so no cut drops it) that a secret was left out, when one was. */
function withSecretNote(reply: Reply, removed: boolean): Reply {
  if (!removed) return reply;
  return clampReply({ ...reply, content: reply.content ? `${SECRET_LEFT_OUT}\n\n${reply.content}` : SECRET_LEFT_OUT });
}

/** Keeps only valid choices: non-empty names cut to 100 characters, values within 100, no duplicates, at most 25. */
function sanitizeChoices(choices: unknown): Choice[] {
  if (!Array.isArray(choices)) return [];
  const seen = new Set<string>();
  const out: Choice[] = [];
  for (const c of choices as Partial<Choice>[]) {
    if (out.length >= LIMITS.choices) break;
    if (!c || typeof c.name !== "string" || (typeof c.value !== "string" && typeof c.value !== "number")) continue;
    const name = cutText(c.name.replace(/\s+/g, " ").trim(), LIMITS.choiceName);
    const key = `${typeof c.value}:${c.value}`;
    if (!name || String(c.value).length > LIMITS.choiceValue || String(c.value).length === 0 || seen.has(key)) continue;
    seen.add(key);
    out.push({ name, value: c.value });
  }
  return out;
}

// ---------------------------------------------------------------- Discord side

/** Discord API errors that mean "too late" or "already answered": logged quietly, not re-thrown. */
const EXPECTED_DISCORD_CODES: ReadonlySet<number> = new Set([
  RESTJSONErrorCodes.UnknownInteraction, // 10062: the 3-second window passed, or the interaction is gone
  RESTJSONErrorCodes.InteractionHasAlreadyBeenAcknowledged, // 40060
  RESTJSONErrorCodes.UnknownWebhook, // 10015: the 15-minute follow-up window passed
  RESTJSONErrorCodes.InvalidWebhookToken, // 50027
  RESTJSONErrorCodes.UnknownMessage, // 10008: the reply was deleted meanwhile
]);

function isExpectedDiscordError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  // By shape, not instanceof: @discordjs/rest ships ESM and CommonJS builds, with one class each.
  if (error.name.startsWith("DiscordAPIError")) return typeof code === "number" && EXPECTED_DISCORD_CODES.has(code);
  // discord.js's own guard when an interaction was answered twice.
  return code === "InteractionAlreadyReplied" || code === "InteractionNotReplied";
}

export interface InteractionRouterOptions {
  dispatcher: Dispatcher;
  logger: Logger;
  /** Defer when no reply is ready after this long (Discord's deadline is 3 s). */
  deferAfterMs?: number;
  /** Give up on autocomplete after this long and answer an empty list. */
  autocompleteTimeoutMs?: number;
  /**
   * What the first reply hands discord.js: the gateway gives reply-payload.ts's `replyPayload`
   * (the body made here, not by discord.js); by default the options {@link toReplyOptions} makes.
   */
  replyPayload?: ReplyPayload;
}

/** A reply description as what `interaction.reply` takes. */
export type ReplyPayload = (interaction: RepliableInteraction, reply: Reply) => MessagePayload | InteractionReplyOptions;

export type InteractionRouter = (interaction: Interaction) => Promise<void>;

/** The interactionCreate listener. Resolves when the interaction is answered; never rejects. */
export function createInteractionRouter(options: InteractionRouterOptions): InteractionRouter {
  const { dispatcher, logger } = options;
  const deferAfterMs = options.deferAfterMs ?? dispatcher.config.deferAfterMs;
  const autocompleteTimeoutMs = options.autocompleteTimeoutMs ?? 2500;
  const payload: ReplyPayload = options.replyPayload ?? ((_, reply) => toReplyOptions(reply));

  return async (interaction) => {
    const origin = originOf(interaction);
    // What a log line about this interaction says, built only when one is written.
    let about: Record<string, unknown> = {};
    const details = (): Record<string, unknown> => ({
      interaction: interaction.id,
      user: origin.user.id,
      guildId: origin.guildId,
      ...about,
    });
    try {
      // Autocomplete must answer fast: it takes the channel as cached, never fetching it.
      Object.assign(origin, await channelOf(interaction, !interaction.isAutocomplete()));
      if (interaction.isChatInputCommand()) {
        const raw = optionsRecord(interaction.options.data);
        about = { command: interaction.commandName, options: raw };
        const publicReply = dispatcher.isPublic(interaction.commandName, raw, origin);
        await respond(interaction, dispatcher.command(interaction.commandName, raw, origin), !publicReply, deferAfterMs, payload);
      } else if (interaction.isMessageContextMenuCommand()) {
        const message = interaction.targetMessage;
        const target: TargetMessage = {
          id: message.id,
          content: message.content,
          authorId: message.author.id,
          channelId: message.channelId,
        };
        about = { command: interaction.commandName, message: message.id };
        await respond(interaction, dispatcher.messageCommand(interaction.commandName, target, origin), true, deferAfterMs, payload);
      } else if (interaction.isAutocomplete()) {
        about = { command: interaction.commandName, autocomplete: true };
        await answerAutocomplete(interaction, dispatcher, origin, autocompleteTimeoutMs, logger, details);
      } else if (interaction.isButton()) {
        about = { customId: interaction.customId };
        await respond(interaction, dispatcher.button(interaction.customId, origin), true, deferAfterMs, payload);
      } else if (interaction.isModalSubmit()) {
        about = { customId: interaction.customId };
        await respond(interaction, dispatcher.modal(interaction.customId, textFieldsOf(interaction), origin), true, deferAfterMs, payload);
      } else {
        logger.debug("ignored interaction", { ...details(), type: interaction.type });
      }
    } catch (error) {
      await fail(interaction, error, details(), logger);
    }
  };
}

/** Who is asking, where, and with which permissions (the channel is added once fetched). */
function originOf(interaction: Interaction): Origin {
  return {
    user: { id: interaction.user.id, name: interaction.user.globalName ?? interaction.user.username },
    guildId: interaction.guildId ?? null,
    memberPermissions: interaction.memberPermissions?.bitfield ?? null,
    appPermissions: interaction.inGuild() ? (interaction.appPermissions?.bitfield ?? null) : null,
  };
}

/** Always answers, in time: the choices, or none when the handler fails or is too slow. */
async function answerAutocomplete(
  interaction: AutocompleteInteraction,
  dispatcher: Dispatcher,
  origin: Origin,
  timeoutMs: number,
  logger: Logger,
  details: () => Record<string, unknown>,
): Promise<void> {
  let choices: Choice[] = [];
  try {
    const focused = interaction.options.getFocused(true);
    choices = await withTimeout(
      dispatcher.autocomplete(interaction.commandName, { name: focused.name, value: String(focused.value ?? "") }, origin),
      timeoutMs,
      [],
    );
  } catch (error) {
    logger.warn("autocomplete failed", { ...details(), error });
  }
  await interaction.respond(choices);
}

/** A submitted form's text inputs by custom id. */
function textFieldsOf(interaction: ModalSubmitInteraction): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [id, field] of interaction.fields.fields) if ("value" in field && typeof field.value === "string") fields[id] = field.value;
  return fields;
}

/** Replies with the handler's reply, deferring first if it is not ready in time. */
async function respond(
  interaction: RepliableInteraction,
  pending: Promise<Reply>,
  deferEphemeral: boolean,
  deferAfterMs: number,
  payload: ReplyPayload,
): Promise<void> {
  const early = await withTimeout(pending, deferAfterMs, null);
  if (early) {
    // A form can only be the first response; where none can be shown, its content is the reply.
    if (early.modal && (interaction.isButton() || interaction.isCommand())) await interaction.showModal(toModal(early.modal));
    else await interaction.reply(payload(interaction, early));
    return;
  }
  await interaction.deferReply(deferEphemeral ? { flags: MessageFlags.Ephemeral } : {});
  const reply = await pending;
  if (reply.ephemeral === deferEphemeral) {
    await interaction.editReply(toEditOptions(reply));
    return;
  }
  // The deferral's visibility cannot change: replace the "thinking…" message with a follow-up.
  await interaction.deleteReply().catch(() => undefined);
  await interaction.followUp(toReplyOptions(reply));
}

/** The error boundary's last step: log, then apologise ephemerally if Discord still lets us. */
async function fail(interaction: Interaction, error: unknown, details: Record<string, unknown>, logger: Logger): Promise<void> {
  if (isExpectedDiscordError(error)) {
    logger.warn("interaction expired or already answered", { ...details, error });
    return;
  }
  logger.error("interaction failed", { ...details, error });
  try {
    if (interaction.isAutocomplete()) {
      if (!interaction.responded) await interaction.respond([]);
      return;
    }
    if (!interaction.isRepliable()) return;
    const apology = toReplyOptions(notice(APOLOGY));
    if (interaction.replied || interaction.deferred) await interaction.followUp(apology);
    else await interaction.reply(apology);
  } catch (second) {
    if (isExpectedDiscordError(second)) logger.warn("could not apologise: interaction expired", { ...details, error: second });
    else logger.error("could not apologise", { ...details, error: second });
  }
}

/** Option values by name (sub-commands are not used here). */
function optionsRecord(data: readonly CommandInteractionOption[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const o of data) if (o.value !== undefined) out[o.name] = o.value;
  return out;
}

/** The promise's value, or `fallback` if it has not settled after `ms`. Rejections propagate. */
function withTimeout<T, F>(promise: Promise<T>, ms: number, fallback: F): Promise<T | F> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<F>((resolve) => {
    timer = setTimeout(() => resolve(fallback), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}
