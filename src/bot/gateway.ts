/**
 * The gateway adapter: a discord.js Client (Guilds intent only, no privileged intents) wired to
 * the router. A function, not a script, so end-to-end tests can run the real client in-process
 * against a local emulator (`apiUrl`), and main.ts runs it as a process, also under discord.js's
 * ShardingManager (the Client then reads SHARDS / SHARD_COUNT from the environment by itself).
 */
import {
  Client,
  Events,
  GatewayDispatchEvents,
  GatewayIntentBits,
  Partials,
  RESTEvents,
  Routes,
  type ClientOptions,
  type GatewayThreadDeleteDispatchData,
} from "discord.js";
import type { ReviewSearch } from "../search/index.ts";
import type { Storage } from "../storage/index.ts";
import type { BotConfig } from "./config.ts";
import type { Logger } from "./logger.ts";
import { loadCommands, type Registry } from "./registry.ts";
import { REMINDER_INTERVAL_MS, ReminderScheduler, shardOf } from "./reminders.ts";
import { replyPayload } from "./reply-payload.ts";
import { createInteractionRouter, Dispatcher, type InteractionRouter } from "./router.ts";
import type { Clock } from "./types.ts";

export interface CreateBotOptions {
  token: string;
  /** REST base, e.g. `http://127.0.0.1:8080/api`; Discord's when absent. The gateway URL comes from `GET /gateway/bot` there. */
  apiUrl?: string | null;
  search: ReviewSearch;
  config: BotConfig;
  logger: Logger;
  /** Shards this client runs; left to discord.js (environment, else shard 0 of 1) when absent. */
  shards?: number | readonly number[] | "auto";
  shardCount?: number;
  /** The commands; loaded from commands/ at start() when absent. */
  registry?: Registry;
  /** Clock for the cooldown (tests move time). */
  clock?: Clock;
  /** The study group's memory; without it, no position, plan or threads are kept. */
  store?: Storage | null;
  /** How often to look for due reading reminders (default 30 s); 0 turns the timer off (tests call `reminders.tick()`). */
  reminderIntervalMs?: number;
  /** Extra discord.js client options for tests (e.g. `rest: { timeout }`); intents and allowed mentions are fixed. */
  clientOptions?: Partial<ClientOptions>;
}

export interface Bot {
  client: Client;
  /** Logs in and resolves once every shard of this client is ready; rejects if login fails or takes over START_TIMEOUT_SECONDS. */
  start(): Promise<void>;
  /** Disconnects; safe to call twice. */
  stop(): Promise<void>;
  /** The router listening on interactionCreate (after start()), for tests that feed interactions directly. */
  readonly router: InteractionRouter | null;
  /** The reading-reminder scheduler (after start(), with storage); null without storage. */
  readonly reminders: ReminderScheduler | null;
}

/**
 * The bot as four steps: a client with fixed intents and no mentions, its events logged; at
 * start(), the router listening, the login within START_TIMEOUT_SECONDS, then the reminders.
 */
export function createBot(options: CreateBotOptions): Bot {
  const { logger } = options;
  const client = new Client(clientOptionsOf(options));
  logClientEvents(client, logger);

  let router: InteractionRouter | null = null;
  let reminders: ReminderScheduler | null = null;
  let stopped = false;

  return {
    client,
    get router() {
      return router;
    },
    get reminders() {
      return reminders;
    },
    async start() {
      const registry = options.registry ?? (await loadCommands(logger));
      registry.toJSON(); // Builds every command's definition now: an invalid one fails the start, not a deploy.
      router = routeInteractions(client, registry, options);
      if (options.store) forgetDeletedThreads(client, options.store, logger);
      await loginWithinTimeout(client, options);
      logger.info("ready", {
        user: client.user?.tag,
        id: client.user?.id,
        guilds: client.guilds.cache.size,
        shards: client.options.shards,
        commands: [...registry.commands.keys()],
      });
      if (options.store) reminders = startReminders(client, options.store, options);
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      await reminders?.stop();
      await client.destroy();
      // How much the answer cache saved over the bot's life: hits, misses, hit rate.
      logger.info("stopped", { answerCache: options.search.answerCacheStats() });
    },
  };
}

/** Guilds intent only, partial channels, no mentions, the REST base and the shards asked for. */
function clientOptionsOf(options: CreateBotOptions): ClientOptions {
  const clientOptions: ClientOptions = {
    ...options.clientOptions,
    intents: [GatewayIntentBits.Guilds],
    // A thread not cached (after a restart) still reaches the router as a partial channel.
    partials: [Partials.Channel],
    // Belt and braces: every reply sets this too.
    allowedMentions: { parse: [], repliedUser: false },
    rest: { ...options.clientOptions?.rest, ...(options.apiUrl ? { api: options.apiUrl } : {}) },
  };
  if (options.shards !== undefined) clientOptions.shards = options.shards;
  if (options.shardCount !== undefined) clientOptions.shardCount = options.shardCount;
  return clientOptions;
}

/** The client's errors, warnings, shard life and rate limits, in the log. */
function logClientEvents(client: Client, logger: Logger): void {
  client.on(Events.Error, (error) => logger.error("client error", { error }));
  client.on(Events.Warn, (message) => logger.warn("client warning", { message }));
  client.on(Events.Debug, (message) => logger.debug("discord.js", { message }));
  client.on(Events.ShardReady, (shard) => logger.info("shard ready", { shard }));
  client.on(Events.ShardDisconnect, (event, shard) => logger.warn("shard disconnected", { shard, code: event.code }));
  client.on(Events.ShardReconnecting, (shard) => logger.info("shard reconnecting", { shard }));
  client.on(Events.ShardResume, (shard, replayed) => logger.info("shard resumed", { shard, replayed }));
  // "rateLimited" only fires when the client waits before sending; a 429 Discord actually answers
  // (interaction callbacks included) is seen only as a response.
  client.rest.on(RESTEvents.RateLimited, (info) =>
    logger.warn("rate limited", { route: info.route, retryAfter: info.retryAfter, global: info.global }),
  );
  client.rest.on(RESTEvents.Response, (request, response) => {
    if (response.status === 429) {
      logger.warn("rate limited by Discord", {
        method: request.method,
        route: request.route,
        retryAfter: response.headers.get("retry-after"),
        scope: response.headers.get("x-ratelimit-scope"),
      });
    }
  });
}

/** The dispatcher over the registry, and the router that feeds it every interaction. */
function routeInteractions(client: Client, registry: Registry, options: CreateBotOptions): InteractionRouter {
  const { logger } = options;
  const dispatcher = new Dispatcher({
    registry,
    search: options.search,
    config: options.config,
    logger,
    store: options.store ?? null,
    ...(options.clock ? { clock: options.clock } : {}),
  });
  const route = createInteractionRouter({ dispatcher, logger, deferAfterMs: options.config.deferAfterMs, replyPayload });
  client.on(Events.InteractionCreate, (interaction) => void route(interaction));
  return route;
}

/**
 * A thread deleted on Discord is forgotten, so that /discuss opens a new one instead of pointing
 * to it. Read from the raw dispatch: discord.js emits threadDelete only for threads it has
 * cached, and an archived thread, or any thread after a restart, may not be.
 */
function forgetDeletedThreads(client: Client, store: Storage, logger: Logger): void {
  client.ws.on(GatewayDispatchEvents.ThreadDelete, (data: GatewayThreadDeleteDispatchData) => {
    store.forgetThread(data.guild_id, data.id).then(
      (forgotten) => {
        if (forgotten) logger.info("discussion thread deleted on Discord, forgotten", { guildId: data.guild_id, threadId: data.id });
      },
      (error: unknown) => logger.error("could not forget a deleted thread", { error, guildId: data.guild_id, threadId: data.id }),
    );
  });
}

/** Logs in and waits for every shard to be ready; rejects after START_TIMEOUT_SECONDS. */
async function loginWithinTimeout(client: Client, options: CreateBotOptions): Promise<void> {
  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  const api = options.apiUrl ?? "https://discord.com/api";
  const seconds = options.config.startTimeoutSeconds;
  options.logger.info("connecting to Discord", { api, timeoutSeconds: seconds });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`no answer from ${api} within ${seconds} second${seconds === 1 ? "" : "s"} (START_TIMEOUT_SECONDS)`)),
      seconds * 1000,
    );
  });
  try {
    await Promise.race([client.login(options.token).then(() => ready), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** The reminder scheduler for the servers this client's shards own, posting by REST. */
function startReminders(client: Client, store: Storage, options: CreateBotOptions): ReminderScheduler {
  const configured = client.options.shards;
  const shardIds = new Set(
    client.shard?.ids ?? (Array.isArray(configured) ? configured : typeof configured === "number" ? [configured] : [0]),
  );
  const shardCount = client.shard?.count ?? client.options.shardCount ?? 1;
  const reminders = new ReminderScheduler({
    store,
    search: options.search,
    clock: options.clock ?? Date,
    logger: options.logger,
    owns: (guildId) => shardIds.has(shardOf(guildId, shardCount)),
    send: async (message) => {
      // The one place a mention may be allowed: the opt-in reader role, and nothing else.
      await client.rest.post(Routes.channelMessages(message.channelId), {
        body: { content: message.content, allowed_mentions: message.allowedMentions },
      });
    },
  });
  const interval = options.reminderIntervalMs ?? REMINDER_INTERVAL_MS;
  if (interval > 0) reminders.start(interval);
  return reminders;
}
