/**
 * The REST half of the emulator: the routes a discord.js bot uses for login, command
 * deployment and interaction responses, plus recording and fault injection.
 */
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from "node:http";
import {
  ApplicationCommandType,
  type ApplicationFlags,
  InteractionResponseType,
  InteractionType,
  MessageFlags,
  MessageType,
  RESTJSONErrorCodes,
  type APIApplication,
  type APIApplicationCommand,
  type APIApplicationCommandOptionChoice,
  type APIMessage,
  type APIUser,
} from "discord-api-types/v10";
import type { SnowflakeGenerator } from "./ids.ts";
import { applyEdit, makeMessage, type EmulatedGuild, type MessageBody } from "./payloads.ts";
import { Recorder } from "./recorder.ts";
import type { Channels } from "./channels.ts";

/** Names of the emulated routes, usable as request matchers. */
export type RouteName =
  | "getGateway"
  | "getGatewayBot"
  | "getCurrentUser"
  | "getCurrentApplication"
  | "getGlobalCommands"
  | "putGlobalCommands"
  | "getGuildCommands"
  | "putGuildCommands"
  | "interactionCallback"
  | "executeWebhook"
  | "getWebhookMessage"
  | "editWebhookMessage"
  | "deleteWebhookMessage"
  | "getChannel"
  | "editChannel"
  | "createThread"
  | "createThreadFromMessage"
  | "createMessage";

export interface RecordedFile {
  field: string;
  filename: string;
  contentType: string;
  size: number;
}

export interface RecordedRequest {
  method: string;
  /** Decoded path below the versioned base, e.g. `/interactions/123/abc/callback`. */
  path: string;
  /** The raw request URL as received (still percent-encoded). */
  url: string;
  /** Matched route, or null for a 404. */
  route: RouteName | null;
  /** Decoded path parameters of the matched route (`id`, `token`, `appId`, `messageId`, ...). */
  params: Record<string, string>;
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
  /** Parsed JSON body (for multipart: the `payload_json` part), or null. */
  body: unknown;
  files: RecordedFile[];
  /** Status we answered with. */
  status: number;
  /** Discord's JSON error code when we answered with one (10062, 40060, 50035…), else null. */
  errorCode: number | null;
  /** True when the answer came from an injected fault. */
  fault: boolean;
  at: number;
}

/** Body of the visible response, as sent by the bot (callback `data`, or a webhook body). */
export interface ResponseBody extends MessageBody {
  choices?: APIApplicationCommandOptionChoice[];
  custom_id?: string;
  title?: string;
}

/** One accepted POST to /interactions/{id}/{token}/callback. */
export interface RecordedCallback {
  interactionId: string;
  token: string;
  type: InteractionResponseType;
  data: ResponseBody | undefined;
  at: number;
}

/** Everything that happened to one interaction's responses, in order; feeds `waitForResponse`. */
export type InteractionEvent =
  | {
      kind: "callback";
      interactionId: string;
      token: string;
      type: InteractionResponseType;
      data: ResponseBody | undefined;
      message: APIMessage | null;
    }
  | {
      kind: "webhook";
      interactionId: string;
      token: string;
      action: "followup" | "edit" | "delete";
      /** `@original` for the original response (also when addressed by its id). */
      messageId: string;
      body: ResponseBody;
      message: APIMessage | null;
    };

/** An interaction the emulator dispatched, as the REST side needs to know it. */
export interface InteractionState {
  id: string;
  token: string;
  /** When it was dispatched (ms): the first callback must come within the response deadline. */
  createdAt: number;
  type: InteractionType;
  guildId: string;
  channelId: string;
  user: APIUser;
  commandName: string | null;
  /** The message a component was clicked on. */
  componentMessage: APIMessage | null;
  acknowledged: boolean;
  original: APIMessage | null;
  followups: APIMessage[];
}

export interface RateLimitFault {
  status: 429;
  /** Sent as the Retry-After header (seconds, may be fractional) and as retry_after in the body. */
  retryAfterSeconds: number;
  global?: boolean;
  /** Set false to send retry_after only in the body (discord.js then ignores it). Default true. */
  retryAfterHeader?: boolean;
}

export interface ErrorFault {
  status: number;
  /** Defaults to a Discord-style `{ message, code }` for the status. */
  body?: unknown;
}

export type Fault = RateLimitFault | ErrorFault;

/** A route name or a predicate over the (parsed) request. */
export type RequestMatcher = RouteName | ((request: Omit<RecordedRequest, "status" | "errorCode" | "fault">) => boolean);

export interface FaultHandle {
  /** How many requests this fault has answered so far. */
  readonly hits: number;
  /** How many more it will answer (Infinity for "every time"). */
  readonly remaining: number;
  cancel(): void;
}

interface ActiveFault {
  matcher: RequestMatcher;
  fault: Fault;
  remaining: number;
  hits: number;
}

interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

type Handler = (req: ParsedRequest) => Reply;

interface ParsedRequest {
  method: string;
  params: Record<string, string>;
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
  body: unknown;
}

export interface RestConfig {
  token: string;
  applicationId: string;
  botUser: APIUser;
  guilds: readonly EmulatedGuild[];
  snowflakes: SnowflakeGenerator;
  gatewayUrl: () => string;
  log: (line: string) => void;
  channels: Channels;
  /** Discord's deadline for an interaction's first response (3 s); null turns it off. */
  responseDeadlineMs: number | null;
}

const API_PREFIX = "/api/v10";

function error(status: number, message: string, code: number): Reply {
  return { status, body: { message, code } };
}

const unknownWebhook = (): Reply => error(404, "Unknown Webhook", RESTJSONErrorCodes.UnknownWebhook);
const unknownMessage = (): Reply => error(404, "Unknown Message", RESTJSONErrorCodes.UnknownMessage);
const invalidForm = (detail: string): Reply => ({
  status: 400,
  body: {
    message: "Invalid Form Body",
    code: RESTJSONErrorCodes.InvalidFormBodyOrContentType,
    errors: { _errors: [{ code: "BASE_TYPE_INVALID", message: detail }] },
  },
});

export class RestApi {
  readonly requests = new Recorder<RecordedRequest>();
  readonly events = new Recorder<InteractionEvent>();
  readonly callbacks = new Map<string, RecordedCallback[]>();
  readonly webhookMessages = new Map<string, APIMessage[]>();
  readonly interactions = new Map<string, InteractionState>();
  readonly globalCommands: APIApplicationCommand[] = [];
  readonly guildCommands = new Map<string, APIApplicationCommand[]>();
  readonly #byToken = new Map<string, InteractionState>();
  readonly #faults: ActiveFault[] = [];
  readonly #routes: { method: string; segments: string[]; name: RouteName; handler: Handler }[] = [];
  /** Command ids by name, so the same command keeps its id across interactions and deploys. */
  readonly #commandIds = new Map<string, string>();

  constructor(private readonly config: RestConfig) {
    const route = (method: string, pattern: string, name: RouteName, handler: Handler): void => {
      this.#routes.push({ method, segments: pattern.split("/").filter(Boolean), name, handler });
    };
    route("GET", "/gateway", "getGateway", () => ({ status: 200, body: { url: this.config.gatewayUrl() } }));
    route("GET", "/gateway/bot", "getGatewayBot", (req) => this.#authed(req, () => this.#gatewayBot()));
    route("GET", "/users/@me", "getCurrentUser", (req) => this.#authed(req, () => ({ status: 200, body: this.config.botUser })));
    route("GET", "/applications/@me", "getCurrentApplication", (req) =>
      this.#authed(req, () => ({ status: 200, body: this.#application() })),
    );
    route("GET", "/applications/:appId/commands", "getGlobalCommands", (req) =>
      this.#authed(req, () => this.#ownApp(req, () => ({ status: 200, body: this.globalCommands }))),
    );
    route("PUT", "/applications/:appId/commands", "putGlobalCommands", (req) =>
      this.#authed(req, () => this.#ownApp(req, () => this.#putCommands(req.body, null))),
    );
    route("GET", "/applications/:appId/guilds/:guildId/commands", "getGuildCommands", (req) =>
      this.#authed(req, () => this.#ownApp(req, () => this.#inGuild(req, (g) => ({ status: 200, body: this.guildCommands.get(g) ?? [] })))),
    );
    route("PUT", "/applications/:appId/guilds/:guildId/commands", "putGuildCommands", (req) =>
      this.#authed(req, () => this.#ownApp(req, () => this.#inGuild(req, (g) => this.#putCommands(req.body, g)))),
    );
    route("POST", "/interactions/:id/:token/callback", "interactionCallback", (req) => this.#callback(req));
    route("POST", "/webhooks/:appId/:token", "executeWebhook", (req) => this.#webhook(req, (s) => this.#followup(s, req)));
    const channels = this.config.channels;
    route("GET", "/channels/:channelId", "getChannel", (req) => this.#authed(req, () => channels.get(req.params.channelId ?? "")));
    route("PATCH", "/channels/:channelId", "editChannel", (req) =>
      this.#authed(req, () => channels.patch(req.params.channelId ?? "", req.body)),
    );
    route("POST", "/channels/:channelId/threads", "createThread", (req) =>
      this.#authed(req, () => channels.createThread(req.params.channelId ?? "", req.body, null)),
    );
    route("POST", "/channels/:channelId/messages/:messageId/threads", "createThreadFromMessage", (req) =>
      this.#authed(req, () => channels.createThread(req.params.channelId ?? "", req.body, req.params.messageId ?? "")),
    );
    route("POST", "/channels/:channelId/messages", "createMessage", (req) =>
      this.#authed(req, () => {
        // A message posted to a channel or thread is held to the same limits as a reply (50035).
        const tooBig = limitViolations(asRecord(req.body));
        return tooBig.length > 0 ? invalidFormBody(tooBig) : channels.createMessage(req.params.channelId ?? "", req.body);
      }),
    );
    for (const method of ["GET", "PATCH", "DELETE"] as const) {
      const name = ({ GET: "getWebhookMessage", PATCH: "editWebhookMessage", DELETE: "deleteWebhookMessage" } as const)[method];
      route(method, "/webhooks/:appId/:token/messages/:messageId", name, (req) =>
        this.#webhook(req, (s) => this.#webhookMessage(s, method, req.params.messageId ?? "", req)),
      );
    }
  }

  registerInteraction(state: InteractionState): void {
    this.interactions.set(state.id, state);
    this.#byToken.set(state.token, state);
  }

  /** The id a command has (registered or not): stable per name. */
  commandId(name: string, guildId: string): string {
    const registered = (this.guildCommands.get(guildId) ?? []).concat(this.globalCommands).find((c) => c.name === name);
    if (registered) return registered.id;
    let id = this.#commandIds.get(name);
    if (!id) {
      id = this.config.snowflakes.next();
      this.#commandIds.set(name, id);
    }
    return id;
  }

  addFault(matcher: RequestMatcher, fault: Fault, times: number): FaultHandle {
    const active: ActiveFault = { matcher, fault, remaining: times, hits: 0 };
    this.#faults.push(active);
    const faults = this.#faults;
    return {
      get hits() {
        return active.hits;
      },
      get remaining() {
        return active.remaining;
      },
      cancel() {
        active.remaining = 0;
        const index = faults.indexOf(active);
        if (index >= 0) faults.splice(index, 1);
      },
    };
  }

  clearFaults(): void {
    this.#faults.length = 0;
  }

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://localhost");
    const method = (req.method ?? "GET").toUpperCase();
    const query = Object.fromEntries(url.searchParams);
    let body: unknown = null;
    let files: RecordedFile[] = [];
    let reply: Reply;
    let route: RouteName | null = null;
    let params: Record<string, string> = {};
    let path = url.pathname;
    let fault = false;
    try {
      ({ body, files } = await readBody(req));
      if (!url.pathname.startsWith(`${API_PREFIX}/`)) {
        reply = error(404, "404: Not Found", 0);
      } else {
        // Tokens with reserved characters arrive percent-encoded: decode per segment.
        const segments = url.pathname.slice(API_PREFIX.length).split("/").filter(Boolean).map(decodeSegment);
        path = `/${segments.join("/")}`;
        const match = this.#match(method, segments);
        route = match?.name ?? null;
        params = match?.params ?? {};
        const parsed = { method, path, url: req.url ?? "", route, params, query, headers: req.headers, body, files, at: Date.now() };
        const injected = this.#takeFault(parsed);
        if (injected) {
          fault = true;
          reply = injected;
        } else if (!match) {
          reply = error(404, "404: Not Found", 0);
        } else {
          reply = match.handler({ method, params, query, headers: req.headers, body });
        }
      }
    } catch (err) {
      reply = error(500, `Emulator error: ${err instanceof Error ? err.message : String(err)}`, 0);
    }
    this.config.log(`rest: ${method} ${path} -> ${reply.status}${fault ? " (injected)" : ""}`);
    this.requests.push({
      method,
      path,
      url: req.url ?? "",
      route,
      params,
      query,
      headers: req.headers,
      body,
      files,
      status: reply.status,
      errorCode: errorCodeOf(reply),
      fault,
      at: Date.now(),
    });
    const headers: Record<string, string> = { "content-type": "application/json", ...reply.headers };
    if (reply.body === undefined) {
      res.writeHead(reply.status, reply.headers ?? {});
      res.end();
    } else {
      res.writeHead(reply.status, headers);
      res.end(JSON.stringify(reply.body));
    }
  }

  #match(method: string, segments: string[]): { name: RouteName; handler: Handler; params: Record<string, string> } | null {
    for (const route of this.#routes) {
      if (route.method !== method || route.segments.length !== segments.length) continue;
      const params: Record<string, string> = {};
      const ok = route.segments.every((pattern, i) => {
        const actual = segments[i] ?? "";
        if (pattern.startsWith(":")) {
          // `@me`/`@original` are literal in other routes; don't let `:appId` swallow `@me`.
          if (actual === "@me" && pattern === ":appId") return false;
          params[pattern.slice(1)] = actual;
          return true;
        }
        return pattern === actual;
      });
      if (ok) return { name: route.name, handler: route.handler, params };
    }
    return null;
  }

  #takeFault(request: Omit<RecordedRequest, "status" | "errorCode" | "fault">): Reply | null {
    const active = this.#faults.find(
      (f) => f.remaining > 0 && (typeof f.matcher === "string" ? f.matcher === request.route : f.matcher(request)),
    );
    if (!active) return null;
    active.remaining--;
    active.hits++;
    if (active.remaining <= 0) this.#faults.splice(this.#faults.indexOf(active), 1);
    const { fault } = active;
    if (fault.status === 429 && "retryAfterSeconds" in fault) {
      const headers: Record<string, string> = { "x-ratelimit-scope": fault.global ? "global" : "user" };
      if (fault.retryAfterHeader !== false) headers["retry-after"] = String(fault.retryAfterSeconds);
      if (fault.global) headers["x-ratelimit-global"] = "true";
      return {
        status: 429,
        headers,
        body: { message: "You are being rate limited.", retry_after: fault.retryAfterSeconds, global: fault.global ?? false, code: 0 },
      };
    }
    const body = "body" in fault && fault.body !== undefined ? fault.body : { message: `${fault.status}: Emulated failure`, code: 0 };
    return { status: fault.status, body };
  }

  #authed(req: ParsedRequest, next: () => Reply): Reply {
    if (req.headers.authorization !== `Bot ${this.config.token}`) return error(401, "401: Unauthorized", 0);
    return next();
  }

  #ownApp(req: ParsedRequest, next: () => Reply): Reply {
    if (req.params.appId !== this.config.applicationId) return error(403, "Missing Access", RESTJSONErrorCodes.MissingAccess);
    return next();
  }

  #inGuild(req: ParsedRequest, next: (guildId: string) => Reply): Reply {
    const guildId = req.params.guildId ?? "";
    if (!this.config.guilds.some((g) => g.id === guildId)) return error(404, "Unknown Guild", RESTJSONErrorCodes.UnknownGuild);
    return next(guildId);
  }

  #gatewayBot(): Reply {
    return {
      status: 200,
      body: {
        url: this.config.gatewayUrl(),
        shards: 1,
        session_start_limit: { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: 1 },
      },
    };
  }

  #application(): APIApplication {
    const flags = 0 as ApplicationFlags;
    return {
      id: this.config.applicationId,
      name: this.config.botUser.username,
      icon: null,
      description: "",
      summary: "",
      bot_public: false,
      bot_require_code_grant: false,
      bot: this.config.botUser,
      verify_key: "0".repeat(64),
      team: null,
      flags,
      flags_new: String(flags),
    };
  }

  #putCommands(body: unknown, guildId: string | null): Reply {
    if (!Array.isArray(body)) return invalidForm("Expected an array of commands");
    const existing = guildId ? (this.guildCommands.get(guildId) ?? []) : this.globalCommands;
    const result: APIApplicationCommand[] = [];
    for (const raw of body as unknown[]) {
      const item = (typeof raw === "object" && raw !== null ? raw : {}) as Record<string, unknown>;
      const type: ApplicationCommandType = typeof item.type === "number" ? item.type : ApplicationCommandType.ChatInput;
      // Slash command names are one lower-case word; context-menu names (user, message) may have spaces and capitals.
      const namePattern = type === ApplicationCommandType.ChatInput ? /^[-_\p{L}\p{N}]{1,32}$/u : /^\S(?:.{0,30}\S)?$/u;
      if (typeof item.name !== "string" || !namePattern.test(item.name)) return invalidForm(`Invalid command name: ${String(item.name)}`);
      // Overwrite semantics: a command with the same name and type keeps its id.
      const id = existing.find((c) => c.name === item.name && c.type === type)?.id ?? this.config.snowflakes.next();
      result.push({
        default_member_permissions: null,
        description: "",
        nsfw: false,
        options: [],
        ...item,
        id,
        application_id: this.config.applicationId,
        version: this.config.snowflakes.next(),
        type,
        name: item.name,
        ...(guildId ? { guild_id: guildId } : {}),
      });
    }
    if (guildId) this.guildCommands.set(guildId, result);
    else this.globalCommands.splice(0, this.globalCommands.length, ...result);
    return { status: 200, body: result };
  }

  #callback(req: ParsedRequest): Reply {
    const state = this.interactions.get(req.params.id ?? "");
    if (!state || state.token !== req.params.token) return error(404, "Unknown interaction", RESTJSONErrorCodes.UnknownInteraction);
    if (state.acknowledged)
      return error(400, "Interaction has already been acknowledged.", RESTJSONErrorCodes.InteractionHasAlreadyBeenAcknowledged);
    // Like Discord: an interaction not answered (or deferred) within 3 seconds is gone.
    const deadline = this.config.responseDeadlineMs;
    if (deadline !== null && Date.now() - state.createdAt > deadline)
      return error(404, "Unknown interaction", RESTJSONErrorCodes.UnknownInteraction);
    const body = asRecord(req.body);
    const type = body.type;
    if (typeof type !== "number") return invalidForm("type is required");
    const data = body.data === undefined ? undefined : (asRecord(body.data) as ResponseBody);
    const allowed = allowedCallbackTypes(state.type);
    if (!allowed.includes(type)) return invalidForm(`Callback type ${type} is not valid for interaction type ${state.type}`);
    const tooBig = data ? limitViolations(data) : [];
    if (tooBig.length > 0) return invalidFormBody(tooBig);

    state.acknowledged = true;
    let message: APIMessage | null = null;
    // A callback type allowed above, read as Discord's enum.
    switch (type as InteractionResponseType) {
      case InteractionResponseType.ChannelMessageWithSource:
        message = this.#newMessage(state, data ?? {});
        state.original = message;
        break;
      case InteractionResponseType.DeferredChannelMessageWithSource:
        // The "thinking..." placeholder: a loading message that editReply later fills in.
        message = this.#newMessage(state, { content: "", flags: (data?.flags ?? 0) | MessageFlags.Loading });
        state.original = message;
        break;
      case InteractionResponseType.DeferredMessageUpdate:
        state.original = state.componentMessage;
        break;
      case InteractionResponseType.UpdateMessage:
        if (state.componentMessage) {
          message = applyEdit(state.componentMessage, data ?? {});
          state.original = message;
        }
        break;
      default:
        break;
    }
    const record: RecordedCallback = { interactionId: state.id, token: state.token, type, data, at: Date.now() };
    const list = this.callbacks.get(state.id) ?? [];
    list.push(record);
    this.callbacks.set(state.id, list);
    this.events.push({ kind: "callback", interactionId: state.id, token: state.token, type, data, message });

    if (req.query.with_response !== "true") return { status: 204 };
    const resource = state.original ? { type, message: state.original } : { type };
    return {
      status: 200,
      body: {
        interaction: {
          id: state.id,
          type: state.type,
          ...(state.original
            ? {
                response_message_id: state.original.id,
                response_message_loading: Boolean((state.original.flags ?? 0) & MessageFlags.Loading),
                response_message_ephemeral: Boolean((state.original.flags ?? 0) & MessageFlags.Ephemeral),
              }
            : {}),
        },
        resource,
      },
    };
  }

  /** Webhook routes for an interaction token: the app id must be ours and the token known. */
  #webhook(req: ParsedRequest, next: (state: InteractionState) => Reply): Reply {
    const state = this.#byToken.get(req.params.token ?? "");
    if (req.params.appId !== this.config.applicationId || !state) return unknownWebhook();
    // Discord only accepts webhook calls once the interaction was acknowledged.
    if (!state.acknowledged) return unknownWebhook();
    return next(state);
  }

  #followup(state: InteractionState, req: ParsedRequest): Reply {
    const body = asRecord(req.body) as ResponseBody;
    const tooBig = limitViolations(body);
    if (tooBig.length > 0) return invalidFormBody(tooBig);
    let message: APIMessage;
    let messageId: string;
    if (state.original && (state.original.flags ?? 0) & MessageFlags.Loading) {
      // The first follow-up after a deferred reply replaces the loading message.
      message = this.#finishLoading(state.original, body);
      state.original = message;
      messageId = "@original";
    } else {
      message = this.#newMessage(state, body);
      messageId = message.id;
    }
    state.followups.push(message);
    const list = this.webhookMessages.get(state.token) ?? [];
    list.push(message);
    this.webhookMessages.set(state.token, list);
    this.events.push({ kind: "webhook", interactionId: state.id, token: state.token, action: "followup", messageId, body, message });
    return req.query.wait === "false" ? { status: 204 } : { status: 200, body: message };
  }

  #webhookMessage(state: InteractionState, method: "GET" | "PATCH" | "DELETE", rawId: string, req: ParsedRequest): Reply {
    const isOriginal = rawId === "@original" || rawId === state.original?.id;
    const current = isOriginal ? state.original : (state.followups.find((m) => m.id === rawId) ?? null);
    if (!current) return unknownMessage();
    const messageId = isOriginal ? "@original" : rawId;
    if (method === "GET") return { status: 200, body: current };
    if (method === "DELETE") {
      if (isOriginal) state.original = null;
      else state.followups = state.followups.filter((m) => m.id !== rawId);
      this.events.push({
        kind: "webhook",
        interactionId: state.id,
        token: state.token,
        action: "delete",
        messageId,
        body: {},
        message: null,
      });
      return { status: 204 };
    }
    const body = asRecord(req.body) as ResponseBody;
    const tooBig = limitViolations(body);
    if (tooBig.length > 0) return invalidFormBody(tooBig);
    const edited = this.#finishLoading(current, body);
    if (isOriginal) state.original = edited;
    else state.followups = state.followups.map((m) => (m.id === rawId ? edited : m));
    const list = this.webhookMessages.get(state.token);
    if (list)
      this.webhookMessages.set(
        state.token,
        list.map((m) => (m.id === edited.id ? edited : m)),
      );
    this.events.push({ kind: "webhook", interactionId: state.id, token: state.token, action: "edit", messageId, body, message: edited });
    return { status: 200, body: edited };
  }

  /** Applies an edit and clears the loading flag a deferred reply had. */
  #finishLoading(message: APIMessage, body: ResponseBody): APIMessage {
    const edited = applyEdit(message, body);
    edited.flags = (edited.flags ?? 0) & ~MessageFlags.Loading;
    return edited;
  }

  #newMessage(state: InteractionState, body: ResponseBody): APIMessage {
    return makeMessage({
      id: this.config.snowflakes.next(),
      channelId: state.channelId,
      author: this.config.botUser,
      body,
      applicationId: this.config.applicationId,
      webhookId: this.config.applicationId,
      interaction: { id: state.id, type: state.type, user: state.user },
      type: state.type === InteractionType.ApplicationCommand ? MessageType.ChatInputCommand : MessageType.Default,
    });
  }
}

/** Discord's code in an error reply, or null. */
function errorCodeOf(reply: Reply): number | null {
  const code = reply.status >= 400 ? asRecord(reply.body).code : null;
  return typeof code === "number" ? code : null;
}

/** Discord's message and embed limits (https://discord.com/developers/docs/resources/message). */
const LIMITS = {
  content: 2000,
  embeds: 10,
  embedTotal: 6000,
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  author: 256,
  rows: 5,
  perRow: 5,
  customId: 100,
  label: 80,
  choices: 25,
  choiceName: 100,
  choiceValue: 100,
} as const;

/** Where a message body breaks Discord's limits, as `path: what` (empty when it fits). */
export function limitViolations(body: ResponseBody): string[] {
  const out: string[] = [];
  const len = (v: unknown) => (typeof v === "string" ? v.length : 0);
  const over = (path: string, value: unknown, max: number) => {
    if (len(value) > max) out.push(`${path}: Must be ${max} or fewer in length.`);
  };
  over("content", body.content, LIMITS.content);
  const embeds = Array.isArray(body.embeds) ? body.embeds : [];
  if (embeds.length > LIMITS.embeds) out.push(`embeds: Must be ${LIMITS.embeds} or fewer in length.`);
  let total = 0;
  embeds.forEach((e, i) => {
    const fields = Array.isArray(e.fields) ? e.fields : [];
    over(`embeds.${i}.title`, e.title, LIMITS.title);
    over(`embeds.${i}.description`, e.description, LIMITS.description);
    over(`embeds.${i}.footer.text`, e.footer?.text, LIMITS.footer);
    over(`embeds.${i}.author.name`, e.author?.name, LIMITS.author);
    if (fields.length > LIMITS.fields) out.push(`embeds.${i}.fields: Must be ${LIMITS.fields} or fewer in length.`);
    fields.forEach((f, j) => {
      over(`embeds.${i}.fields.${j}.name`, f.name, LIMITS.fieldName);
      over(`embeds.${i}.fields.${j}.value`, f.value, LIMITS.fieldValue);
      total += len(f.name) + len(f.value);
    });
    total += len(e.title) + len(e.description) + len(e.footer?.text) + len(e.author?.name);
  });
  if (total > LIMITS.embedTotal) out.push(`embeds: Embed size exceeds maximum size of ${LIMITS.embedTotal}`);
  const rows = Array.isArray(body.components) ? (body.components as unknown[]) : [];
  if (rows.length > LIMITS.rows) out.push(`components: Must be ${LIMITS.rows} or fewer in length.`);
  rows.forEach((row, i) => {
    const items = asRecord(row).components;
    const list = Array.isArray(items) ? (items as unknown[]) : [];
    if (list.length > LIMITS.perRow) out.push(`components.${i}.components: Must be ${LIMITS.perRow} or fewer in length.`);
    list.forEach((item, j) => {
      over(`components.${i}.components.${j}.custom_id`, asRecord(item).custom_id, LIMITS.customId);
      over(`components.${i}.components.${j}.label`, asRecord(item).label, LIMITS.label);
    });
  });
  const choices = Array.isArray(body.choices) ? body.choices : [];
  if (choices.length > LIMITS.choices) out.push(`choices: Must be ${LIMITS.choices} or fewer in length.`);
  choices.forEach((c, i) => {
    over(`choices.${i}.name`, c.name, LIMITS.choiceName);
    over(`choices.${i}.value`, typeof c.value === "string" ? c.value : "", LIMITS.choiceValue);
  });
  return out;
}

/** Discord's 50035 Invalid Form Body, naming what broke a limit. */
function invalidFormBody(violations: readonly string[]): Reply {
  const errors: Record<string, unknown> = {};
  for (const v of violations) {
    const [path = "", message = ""] = v.split(": ");
    errors[path] = { _errors: [{ code: "BASE_TYPE_MAX_LENGTH", message }] };
  }
  return { status: 400, body: { message: "Invalid Form Body", code: RESTJSONErrorCodes.InvalidFormBodyOrContentType, errors } };
}

/** Which callback types Discord accepts for each interaction type. */
function allowedCallbackTypes(type: InteractionType): number[] {
  const R = InteractionResponseType;
  switch (type) {
    case InteractionType.ApplicationCommand:
      return [R.ChannelMessageWithSource, R.DeferredChannelMessageWithSource, R.Modal, R.PremiumRequired, R.LaunchActivity];
    case InteractionType.MessageComponent:
      return [
        R.ChannelMessageWithSource,
        R.DeferredChannelMessageWithSource,
        R.DeferredMessageUpdate,
        R.UpdateMessage,
        R.Modal,
        R.PremiumRequired,
        R.LaunchActivity,
      ];
    case InteractionType.ApplicationCommandAutocomplete:
      return [R.ApplicationCommandAutocompleteResult];
    case InteractionType.ModalSubmit:
      return [R.ChannelMessageWithSource, R.DeferredChannelMessageWithSource, R.DeferredMessageUpdate, R.UpdateMessage];
    default:
      return [R.Pong];
  }
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** Reads JSON or multipart bodies (discord.js sends multipart when files are attached). */
async function readBody(req: IncomingMessage): Promise<{ body: unknown; files: RecordedFile[] }> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks);
  if (raw.length === 0) return { body: null, files: [] };
  const contentType = req.headers["content-type"] ?? "";
  if (contentType.startsWith("multipart/form-data")) {
    // Let undici's Response parse the multipart body; payload_json carries the JSON part.
    const form = await new Response(raw, { headers: { "content-type": contentType } }).formData();
    let body: unknown = null;
    const files: RecordedFile[] = [];
    for (const [field, value] of form.entries()) {
      if (typeof value === "string") {
        if (field === "payload_json") body = JSON.parse(value);
      } else {
        files.push({ field, filename: value.name, contentType: value.type, size: value.size });
      }
    }
    return { body, files };
  }
  const text = raw.toString("utf8");
  try {
    return { body: JSON.parse(text), files: [] };
  } catch {
    return { body: text, files: [] };
  }
}
