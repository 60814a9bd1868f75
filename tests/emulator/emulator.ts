/**
 * A local stand-in for Discord (REST + gateway on one port) for end-to-end tests of a
 * discord.js v14 bot. Point the client at it with `rest: { api: emulator.apiUrl }` and
 * log in with `emulator.token`.
 */
import { once } from "node:events";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { WebSocketServer } from "ws";
import {
  GatewayDispatchEvents,
  InteractionResponseType,
  InteractionType,
  Locale,
  PermissionFlagsBits,
  type APIApplicationCommand,
  type APIApplicationCommandAutocompleteGuildInteraction,
  type APIApplicationCommandInteractionDataOption,
  type APIChatInputApplicationCommandGuildInteraction,
  type APIMessage,
  type APIMessageComponentButtonInteraction,
  type APIMessageApplicationCommandGuildInteraction,
  type APIModalSubmitGuildInteraction,
  type APIUser,
} from "discord-api-types/v10";
import { Channels } from "./channels.ts";
import { SnowflakeGenerator, makeBotToken, makeGuildIds, makeInteractionToken, shardForGuild } from "./ids.ts";
import {
  Gateway,
  type GatewaySessionInfo,
  type IdentifyRecord,
  type ReceivedGatewayPayload,
  type ResumeRecord,
  type SentDispatch,
  type Session,
} from "./gateway.ts";
import {
  makeAutocompleteInteraction,
  makeButtonInteraction,
  makeMessageCommandInteraction,
  makeModalSubmitInteraction,
  makeButtonRow,
  makeCommandInteraction,
  makeMember,
  makeMessage,
  makeUser,
  toCommandOptions,
  type EmulatedGuild,
  type InteractionContext,
  type SimpleOptionValue,
} from "./payloads.ts";
import {
  RestApi,
  type Fault,
  type FaultHandle,
  type InteractionEvent,
  type RecordedCallback,
  type RecordedRequest,
  type RequestMatcher,
  type ResponseBody,
  type RouteName,
} from "./rest.ts";

export interface DiscordEmulatorOptions {
  /** How many guilds the bot is in (default 1). Guild `i` is owned by shard `i % shardCount`. */
  guilds?: number;
  /** Application id, also the bot user's id (as for modern Discord apps). Generated if absent. */
  applicationId?: string;
  /** HELLO heartbeat_interval (default 41250 ms, Discord's usual value). */
  heartbeatIntervalMs?: number;
  botUsername?: string;
  /** Receives one line per gateway/REST event; defaults to stderr when DISCORD_EMULATOR_DEBUG is set. */
  log?: (line: string) => void;
  /**
   * Discord's deadline for an interaction's first response: a later callback gets 404 10062
   * "Unknown interaction", as on Discord. Default 3000 ms; null turns it off.
   */
  responseDeadlineMs?: number | null;
}

/** Where an emulated interaction happens; everything defaults to the first guild, its channel and the default user. */
export interface InteractionTarget {
  guildId?: string;
  channelId?: string;
  userId?: string;
  locale?: Locale;
  /** Override the generated interaction token (e.g. to test percent-encoding). */
  token?: string;
  /** The member's permissions there (default: an ordinary member's, without Manage Server). */
  memberPermissions?: bigint;
  /** The bot's permissions there (`app_permissions`); default: what the channel grants it. */
  appPermissions?: bigint;
}

/** Thrown by sendCommand when Discord would not let the member run the command at all. */
export class CommandRefused extends Error {
  constructor(name: string, required: string) {
    super(`emulator: Discord refuses /${name} to this member (default_member_permissions ${required})`);
    this.name = "CommandRefused";
  }
}

/** Options as raw API options, or a `{ name: value }` shorthand typed from JS values. */
export type CommandOptionsInput = readonly APIApplicationCommandInteractionDataOption[] | Readonly<Record<string, SimpleOptionValue>>;

export interface SendCommandOptions extends InteractionTarget {
  name: string;
  options?: CommandOptionsInput;
}

export interface SendAutocompleteOptions extends InteractionTarget {
  name: string;
  /** Raw options must mark one option `focused: true`; with the shorthand, name it in `focused`. */
  options: CommandOptionsInput;
  focused?: string;
}

export interface SendButtonOptions extends InteractionTarget {
  customId: string;
  /** The message the button is on; defaults to a bot message carrying just that button. */
  message?: APIMessage;
}

export interface SendMessageCommandOptions extends InteractionTarget {
  /** The command's name as shown in the Apps menu, e.g. "Find in the review". */
  name: string;
  /**
   * The message right-clicked: a whole API message, or its text (and author) for a member's
   * message made up in the interaction's channel. An empty text is an image or sticker alone.
   */
  message: APIMessage | { content: string; authorId?: string };
}

export type EmulatedInteractionPayload =
  | APIChatInputApplicationCommandGuildInteraction
  | APIApplicationCommandAutocompleteGuildInteraction
  | APIMessageComponentButtonInteraction
  | APIMessageApplicationCommandGuildInteraction
  | APIModalSubmitGuildInteraction;

export interface SendModalSubmitOptions extends InteractionTarget {
  /** The form's custom id, as the bot opened it. */
  customId: string;
  /** Each text input's value by its custom id (an optional field left empty is ""). */
  values: Readonly<Record<string, string>>;
  /** The message whose button opened the form, if any. */
  message?: APIMessage;
}

export interface SentInteraction<P extends EmulatedInteractionPayload = EmulatedInteractionPayload> {
  id: string;
  token: string;
  type: InteractionType;
  guildId: string;
  channelId: string;
  shardId: number;
  sessionId: string;
  /** Gateway sequence number of the INTERACTION_CREATE. */
  s: number;
  /** False when the socket was down; the event then waits in the session for a RESUME. */
  delivered: boolean;
  payload: P;
}

/** The response a user would finally see for an interaction. */
export interface InteractionResponse {
  interactionId: string;
  token: string;
  /** Type of the (first accepted) callback. */
  callbackType: InteractionResponseType;
  /** True if the callback was a deferral (type 5 or 6) and the content came later. */
  deferred: boolean;
  /** `callback` for types 4/7/8/9..., else how the deferred content arrived. */
  via: "callback" | "editOriginal" | "followup";
  /** The body that produced it: the callback's `data`, or the webhook PATCH/POST body. */
  data: ResponseBody;
  /** The resulting message (null for autocomplete, modals and deferred updates without edits). */
  message: APIMessage | null;
}

/** A request predicate for the wait helpers: a route name or a function. */
export type RequestPredicate = RouteName | ((request: RecordedRequest) => boolean);

/** Where to send a raw dispatch: the session owning a guild, or a shard's session. */
export type DispatchTarget = { guildId: string } | { shardId: number };

const DEFAULT_TIMEOUT_MS = 10_000;

export class DiscordEmulator {
  readonly token: string;
  readonly applicationId: string;
  readonly botUser: APIUser;
  /** The default user interactions come from. */
  readonly user: APIUser;
  readonly guilds: readonly EmulatedGuild[];

  readonly #server: Server;
  readonly #wss: WebSocketServer;
  readonly #gateway: Gateway;
  readonly #rest: RestApi;
  /** Channels and threads of the guilds, and what the bot may do in them. */
  readonly channels: Channels;
  readonly #snowflakes = new SnowflakeGenerator(1);
  readonly #users = new Map<string, APIUser>();
  #port = 0;
  #stopped = false;

  private constructor(options: DiscordEmulatorOptions) {
    const log =
      options.log ??
      (process.env.DISCORD_EMULATOR_DEBUG ? (line: string) => process.stderr.write(`[emulator] ${line}\n`) : () => undefined);
    this.applicationId = options.applicationId ?? this.#snowflakes.next();
    this.botUser = makeUser(this.applicationId, options.botUsername ?? "EmulatorBot", { bot: true });
    this.token = makeBotToken(this.applicationId);
    this.user = makeUser(this.#snowflakes.next(), "tester", { globalName: "Tester" });
    this.#users.set(this.user.id, this.user);
    const joinedAt = new Date(Date.now() - 86_400_000).toISOString();
    this.guilds = makeGuildIds(Math.max(1, options.guilds ?? 1)).map((id, i) => ({
      id,
      name: `Emulated Guild ${i}`,
      channelId: this.#snowflakes.next(),
      channelName: "general",
      ownerId: this.user.id,
      joinedAt,
    }));

    const gatewayUrl = (): string => this.gatewayUrl;
    this.#gateway = new Gateway({
      token: this.token,
      botUser: this.botUser,
      applicationId: this.applicationId,
      guilds: this.guilds,
      heartbeatIntervalMs: options.heartbeatIntervalMs ?? 41_250,
      gatewayUrl,
      log,
    });
    this.channels = new Channels({
      guilds: this.guilds,
      snowflakes: this.#snowflakes,
      botUser: this.botUser,
      applicationId: this.applicationId,
      onThreadCreate: (guildId, thread) => {
        // With no bot connected (a REST-only test) there is no session to tell.
        if (this.#gateway.sessions().length > 0) {
          this.#gateway.dispatch(this.#gateway.sessionForGuild(guildId), GatewayDispatchEvents.ThreadCreate, thread);
        }
      },
    });
    this.#rest = new RestApi({
      channels: this.channels,
      token: this.token,
      applicationId: this.applicationId,
      botUser: this.botUser,
      guilds: this.guilds,
      snowflakes: this.#snowflakes,
      gatewayUrl,
      log,
      responseDeadlineMs: options.responseDeadlineMs === undefined ? 3000 : options.responseDeadlineMs,
    });

    this.#server = createServer((req, res) => void this.#rest.handle(req, res));
    this.#wss = new WebSocketServer({ noServer: true });
    this.#server.on("upgrade", (req, socket, head) => {
      const path = new URL(req.url ?? "/", "http://localhost").pathname;
      if (path !== "/gateway" && path !== "/gateway/") {
        socket.destroy();
        return;
      }
      this.#wss.handleUpgrade(req, socket, head, (ws) => this.#gateway.handleConnection(ws, req));
    });
  }

  /** Starts an emulator on 127.0.0.1 on a free port. */
  static async start(options: DiscordEmulatorOptions = {}): Promise<DiscordEmulator> {
    const emulator = new DiscordEmulator(options);
    emulator.#server.listen(0, "127.0.0.1");
    await once(emulator.#server, "listening");
    emulator.#port = (emulator.#server.address() as AddressInfo).port;
    return emulator;
  }

  /** Closes every socket and the server. Safe to call twice. */
  async stop(): Promise<void> {
    if (this.#stopped) return;
    this.#stopped = true;
    this.#gateway.close();
    this.#wss.close();
    const closed = new Promise<void>((resolve) => this.#server.close(() => resolve()));
    this.#server.closeAllConnections();
    await closed;
  }

  get port(): number {
    return this.#port;
  }

  /** REST base for the client's `rest.api` option; discord.js appends `/v10`. */
  get apiUrl(): string {
    return `http://127.0.0.1:${this.#port}/api`;
  }

  get gatewayUrl(): string {
    return `ws://127.0.0.1:${this.#port}/gateway`;
  }

  // ---- records -------------------------------------------------------------------------

  /** Every REST request, in arrival order (including faulted and rejected ones). */
  get requests(): readonly RecordedRequest[] {
    return this.#rest.requests.items;
  }

  /** The ids of every interaction dispatched, in order. */
  get interactionIds(): readonly string[] {
    return [...this.#rest.interactions.keys()];
  }

  /** Accepted interaction callbacks, by interaction id. */
  get callbacks(): ReadonlyMap<string, readonly RecordedCallback[]> {
    return this.#rest.callbacks;
  }

  /** Follow-up messages (POST /webhooks/{app}/{token}) by interaction token, in their current state. */
  get webhookMessages(): ReadonlyMap<string, readonly APIMessage[]> {
    return this.#rest.webhookMessages;
  }

  /** Ordered callback and webhook activity of all interactions. */
  get interactionEvents(): readonly InteractionEvent[] {
    return this.#rest.events.items;
  }

  /** Commands deployed with PUT (global, and per guild id). */
  get commands(): { global: readonly APIApplicationCommand[]; guild: ReadonlyMap<string, readonly APIApplicationCommand[]> } {
    return { global: this.#rest.globalCommands, guild: this.#rest.guildCommands };
  }

  get identifies(): readonly IdentifyRecord[] {
    return this.#gateway.identifies.items;
  }

  get resumes(): readonly ResumeRecord[] {
    return this.#gateway.resumes.items;
  }

  /** Every payload clients sent over the gateway (identify, heartbeats, resume, ...). */
  get gatewayPayloads(): readonly ReceivedGatewayPayload[] {
    return this.#gateway.received.items;
  }

  /** Every dispatch sent (or buffered), across sessions. */
  get dispatches(): readonly SentDispatch[] {
    return this.#gateway.dispatches.items;
  }

  sessions(): GatewaySessionInfo[] {
    return this.#gateway.sessions();
  }

  /** The interaction's original response message as Discord would now show it. */
  originalMessage(interactionId: string): APIMessage | undefined {
    return this.#rest.interactions.get(interactionId)?.original ?? undefined;
  }

  /** Shard that owns `guildId` for a given shard count. */
  shardOf(guildId: string, shardCount: number): number {
    return shardForGuild(guildId, shardCount);
  }

  // ---- waiting -------------------------------------------------------------------------

  waitForRequest(predicate: RequestPredicate, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<RecordedRequest> {
    const match = toPredicate(predicate);
    return this.#rest.requests.waitFor(match, timeoutMs, `a request matching ${describe(predicate)}`);
  }

  /** Resolves once `count` requests match (e.g. a request and its retries). */
  waitForRequests(predicate: RequestPredicate, count: number, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<RecordedRequest[]> {
    return this.#rest.requests.waitForCount(toPredicate(predicate), count, timeoutMs, `${count} requests matching ${describe(predicate)}`);
  }

  /** The first accepted callback of an interaction. */
  waitForCallback(interactionId: string, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<RecordedCallback> {
    return this.#rest.events.waitUntil(
      () => this.#rest.callbacks.get(interactionId)?.[0],
      timeoutMs,
      `a callback for interaction ${interactionId}`,
    );
  }

  /**
   * The final visible response: a type 4/7/8/9 callback, or after a deferral (5/6) the
   * first PATCH of @original or follow-up.
   */
  waitForResponse(interactionId: string, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<InteractionResponse> {
    return this.#rest.events.waitUntil(
      (events) => findResponse(events, interactionId),
      timeoutMs,
      `the response to interaction ${interactionId}`,
    );
  }

  waitForIdentify(
    predicate: (identify: IdentifyRecord, index: number) => boolean = () => true,
    timeoutMs = DEFAULT_TIMEOUT_MS,
  ): Promise<IdentifyRecord> {
    return this.#gateway.identifies.waitFor(predicate, timeoutMs, "an IDENTIFY");
  }

  waitForResume(
    predicate: (resume: ResumeRecord, index: number) => boolean = () => true,
    timeoutMs = DEFAULT_TIMEOUT_MS,
  ): Promise<ResumeRecord> {
    return this.#gateway.resumes.waitFor(predicate, timeoutMs, "a RESUME");
  }

  waitForGatewayPayload(
    predicate: (payload: ReceivedGatewayPayload, index: number) => boolean,
    timeoutMs = DEFAULT_TIMEOUT_MS,
  ): Promise<ReceivedGatewayPayload> {
    return this.#gateway.received.waitFor(predicate, timeoutMs, "a gateway payload");
  }

  // ---- interactions --------------------------------------------------------------------

  /** Dispatches a CHAT_INPUT command (INTERACTION_CREATE type 2) to the shard owning the guild. */
  sendCommand(options: SendCommandOptions): SentInteraction<APIChatInputApplicationCommandGuildInteraction> {
    const ctx = this.#context(options);
    this.#checkCommandPermissions(ctx, options.name);
    const command = {
      id: this.#rest.commandId(options.name, ctx.guild.id),
      name: options.name,
      options: toCommandOptions(options.options),
    };
    return this.#deliver(ctx, makeCommandInteraction(ctx, command), options.name, null);
  }

  /**
   * Dispatches a message command (right-click a message → Apps): INTERACTION_CREATE type 2 whose
   * `data.type` is 3, the target message in `data.resolved.messages`. Refused like a slash command
   * when its default_member_permissions exclude the member.
   */
  sendMessageCommand(options: SendMessageCommandOptions): SentInteraction<APIMessageApplicationCommandGuildInteraction> {
    const ctx = this.#context(options);
    this.#checkCommandPermissions(ctx, options.name);
    const given = options.message;
    const message =
      "id" in given
        ? given
        : makeMessage({
            id: this.#snowflakes.next(),
            channelId: ctx.channelId,
            author: this.#users.get(given.authorId ?? "") ?? this.addUser({ id: given.authorId, username: "member" }),
            body: { content: given.content },
            applicationId: this.applicationId,
          });
    const command = { id: this.#rest.commandId(options.name, ctx.guild.id), name: options.name };
    return this.#deliver(ctx, makeMessageCommandInteraction(ctx, command, message), options.name, null);
  }

  /** Dispatches an autocomplete request (type 4) for one focused option. */
  sendAutocomplete(options: SendAutocompleteOptions): SentInteraction<APIApplicationCommandAutocompleteGuildInteraction> {
    const ctx = this.#context(options);
    const commandOptions = toCommandOptions(options.options, options.focused);
    if (!JSON.stringify(commandOptions).includes('"focused":true')) {
      throw new Error("emulator: sendAutocomplete needs one option with focused: true (or the `focused` name)");
    }
    const command = { id: this.#rest.commandId(options.name, ctx.guild.id), name: options.name, options: commandOptions };
    return this.#deliver(ctx, makeAutocompleteInteraction(ctx, command), options.name, null);
  }

  /** Dispatches a button click (type 3, component_type 2) on `message`. */
  sendButton(options: SendButtonOptions): SentInteraction<APIMessageComponentButtonInteraction> {
    const guild = this.#guild(options.guildId ?? this.guilds.find((g) => g.channelId === options.message?.channel_id)?.id);
    const channelId = options.channelId ?? options.message?.channel_id ?? guild.channelId;
    const ctx = this.#context({ ...options, guildId: guild.id, channelId });
    const message =
      options.message ??
      makeMessage({
        id: this.#snowflakes.next(),
        channelId,
        author: this.botUser,
        body: { content: "", components: [makeButtonRow(options.customId)] },
        applicationId: this.applicationId,
      });
    return this.#deliver(ctx, makeButtonInteraction(ctx, options.customId, message), null, message);
  }

  /**
   * Submits a form (INTERACTION_CREATE type 5). Like Discord, only a form the bot opened can be
   * submitted: some interaction must have answered with a modal (callback type 9) of that custom id.
   */
  sendModalSubmit(options: SendModalSubmitOptions): SentInteraction<APIModalSubmitGuildInteraction> {
    const opened = [...this.#rest.callbacks.values()]
      .flat()
      .some(
        (c) => c.type === InteractionResponseType.Modal && (c.data as { custom_id?: unknown } | undefined)?.custom_id === options.customId,
      );
    if (!opened) throw new Error(`emulator: no modal with custom id "${options.customId}" was opened, so none can be submitted`);
    const guild = this.#guild(options.guildId ?? this.guilds.find((g) => g.channelId === options.message?.channel_id)?.id);
    const channelId = options.channelId ?? options.message?.channel_id ?? guild.channelId;
    const ctx = this.#context({ ...options, guildId: guild.id, channelId });
    return this.#deliver(
      ctx,
      makeModalSubmitInteraction(ctx, options.customId, options.values, options.message ?? null),
      null,
      options.message ?? null,
    );
  }

  /** Sends any dispatch event (e.g. MESSAGE_CREATE) into a session; buffered if its socket is down. */
  dispatch(event: GatewayDispatchEvents | string, data: unknown, target: DispatchTarget): SentDispatch {
    const session = "guildId" in target ? this.#gateway.sessionForGuild(target.guildId) : this.#gateway.sessionForShard(target.shardId);
    return this.#gateway.dispatch(session, event, data);
  }

  /** Adds (or returns) a user that interactions can come from. */
  addUser(user: { id?: string; username: string; globalName?: string | null }): APIUser {
    const created = makeUser(user.id ?? this.#snowflakes.next(), user.username, { globalName: user.globalName ?? null });
    this.#users.set(created.id, created);
    return created;
  }

  // ---- faults --------------------------------------------------------------------------

  /**
   * Answers the next `times` matching requests with `fault` instead of handling them
   * (Infinity = every time). A 429 carries Retry-After like Discord's.
   */
  failNext(matcher: RequestMatcher, fault: Fault, times = 1): FaultHandle {
    return this.#rest.addFault(matcher, fault, times);
  }

  clearFaults(): void {
    this.#rest.clearFaults();
  }

  /** Drops gateway sockets: 1006 = no close frame (network loss), or a close code like 4000. Sessions stay resumable. */
  dropConnection(code = 1006, shardId?: number): number {
    return this.#gateway.dropConnection(code, shardId);
  }

  /** Sends op 7 RECONNECT. */
  sendReconnect(shardId?: number): number {
    return this.#gateway.sendReconnect(shardId);
  }

  /** Sends op 9 INVALID_SESSION; non-resumable also ends the session. */
  invalidateSession(resumable: boolean, shardId?: number): number {
    return this.#gateway.invalidateSession(resumable, shardId);
  }

  // ---- internals -----------------------------------------------------------------------

  #guild(guildId: string | undefined): EmulatedGuild {
    const guild = guildId === undefined ? this.guilds[0] : this.guilds.find((g) => g.id === guildId);
    if (!guild) throw new Error(`emulator: unknown guild ${String(guildId)}`);
    return guild;
  }

  #context(target: InteractionTarget): InteractionContext {
    const guild = this.#guild(target.guildId);
    const userId = target.userId ?? this.user.id;
    const user = this.#users.get(userId) ?? this.addUser({ id: userId, username: `user${userId.slice(-4)}` });
    const id = this.#snowflakes.next();
    const channelId = target.channelId ?? guild.channelId;
    const thread = this.channels.threads.has(channelId) ? this.channels.payload(channelId) : null;
    const app = target.appPermissions ?? this.channels.explicitBotPermissions(channelId);
    return {
      id,
      token: target.token ?? makeInteractionToken(id),
      applicationId: this.applicationId,
      guild,
      channelId,
      member: makeMember(user, guild.joinedAt, target.memberPermissions === undefined ? undefined : String(target.memberPermissions)),
      locale: target.locale ?? Locale.EnglishUS,
      ...(thread ? { channel: thread } : {}),
      ...(app !== undefined ? { appPermissions: String(app) } : {}),
    };
  }

  /** Discord hides and blocks a command whose default_member_permissions the member lacks. */
  #checkCommandPermissions(ctx: InteractionContext, name: string): void {
    const registered = (this.#rest.guildCommands.get(ctx.guild.id) ?? []).concat(this.#rest.globalCommands).find((c) => c.name === name);
    const required = registered?.default_member_permissions;
    if (typeof required === "string") {
      const has = BigInt(ctx.member.permissions);
      const admin = (has & PermissionFlagsBits.Administrator) !== 0n;
      if (!admin && (has & BigInt(required)) !== BigInt(required)) throw new CommandRefused(name, required);
    }
  }

  #deliver<P extends EmulatedInteractionPayload>(
    ctx: InteractionContext,
    payload: P,
    commandName: string | null,
    componentMessage: APIMessage | null,
  ): SentInteraction<P> {
    const session: Session = this.#gateway.sessionForGuild(ctx.guild.id);
    // Register before dispatching so even an instant callback finds the interaction.
    this.#rest.registerInteraction({
      id: ctx.id,
      token: ctx.token,
      createdAt: Date.now(),
      type: payload.type,
      guildId: ctx.guild.id,
      channelId: ctx.channelId,
      user: ctx.member.user,
      commandName,
      componentMessage,
      acknowledged: false,
      original: null,
      followups: [],
    });
    const sent = this.#gateway.dispatch(session, GatewayDispatchEvents.InteractionCreate, payload);
    return {
      id: ctx.id,
      token: ctx.token,
      type: payload.type,
      guildId: ctx.guild.id,
      channelId: ctx.channelId,
      shardId: session.shard[0],
      sessionId: session.id,
      s: sent.s,
      delivered: sent.delivered,
      payload,
    };
  }
}

function toPredicate(predicate: RequestPredicate): (request: RecordedRequest) => boolean {
  return typeof predicate === "string" ? (request) => request.route === predicate : predicate;
}

function describe(predicate: RequestPredicate): string {
  return typeof predicate === "string" ? predicate : "a predicate";
}

type CallbackEvent = Extract<InteractionEvent, { kind: "callback" }>;
type WebhookEvent = Extract<InteractionEvent, { kind: "webhook" }>;

function findResponse(events: readonly InteractionEvent[], interactionId: string): InteractionResponse | undefined {
  const mine = events.filter((e) => e.interactionId === interactionId);
  const index = mine.findIndex((e) => e.kind === "callback");
  if (index < 0) return undefined;
  const callback = mine[index] as CallbackEvent;
  const deferred =
    callback.type === InteractionResponseType.DeferredChannelMessageWithSource ||
    callback.type === InteractionResponseType.DeferredMessageUpdate;
  const base = { interactionId, token: callback.token, callbackType: callback.type, deferred };
  if (!deferred) return { ...base, via: "callback", data: callback.data ?? {}, message: callback.message };
  const later = mine
    .slice(index + 1)
    .find(
      (e): e is WebhookEvent => e.kind === "webhook" && (e.action === "followup" || (e.action === "edit" && e.messageId === "@original")),
    );
  if (!later) return undefined;
  return { ...base, via: later.action === "followup" ? "followup" : "editOriginal", data: later.body, message: later.message };
}
