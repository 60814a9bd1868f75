/**
 * Channels and threads of the emulated guilds: the text channel each guild has, public threads
 * the bot opens in it (POST /channels/{id}/threads, or from a message), messages posted in
 * either (POST /channels/{id}/messages), GET/PATCH /channels/{id}, and THREAD_CREATE. The bot's
 * permissions per channel decide, as on Discord, whether it may open threads and post in them
 * (50013 Missing Permissions); 160004, 160005 and 160006 answer as Discord does.
 */
import { ChannelType, PermissionFlagsBits, RESTJSONErrorCodes, type APIMessage, type APIUser } from "discord-api-types/v10";
import type { SnowflakeGenerator } from "./ids.ts";
import { makeMessage, makeTextChannel, type EmulatedGuild, type MessageBody } from "./payloads.ts";

export interface ChannelReply {
  status: number;
  body?: unknown;
}

/** A public thread as the emulator keeps it. */
export interface EmulatedThread {
  id: string;
  guildId: string;
  parentId: string;
  name: string;
  ownerId: string;
  /** The message it was started from, if any. */
  messageId: string | null;
  autoArchiveDuration: number;
  archived: boolean;
  locked: boolean;
  createdAt: string;
}

export interface ChannelsConfig {
  guilds: readonly EmulatedGuild[];
  snowflakes: SnowflakeGenerator;
  botUser: APIUser;
  applicationId: string;
  /** Sends THREAD_CREATE to the guild's session. */
  onThreadCreate: (guildId: string, thread: Record<string, unknown>) => void;
}

/** What the bot may do in a channel unless a test says otherwise: send, embed, create public threads, send in threads. */
export const DEFAULT_BOT_CHANNEL_PERMISSIONS =
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.EmbedLinks |
  PermissionFlagsBits.ReadMessageHistory |
  PermissionFlagsBits.CreatePublicThreads |
  PermissionFlagsBits.SendMessagesInThreads;

const fail = (status: number, message: string, code: number): ChannelReply => ({ status, body: { message, code } });
const missingPermissions = (): ChannelReply => fail(403, "Missing Permissions", RESTJSONErrorCodes.MissingPermissions);
const unknownChannel = (): ChannelReply => fail(404, "Unknown Channel", RESTJSONErrorCodes.UnknownChannel);

export class Channels {
  readonly threads = new Map<string, EmulatedThread>();
  /** Messages by channel or thread id, in order. */
  readonly messages = new Map<string, APIMessage[]>();
  /** The bot's permissions per channel (threads use their parent's). */
  readonly #botPermissions = new Map<string, bigint>();
  /** How many active threads a channel may have before 160006. */
  maxActiveThreads = 1000;

  constructor(private readonly config: ChannelsConfig) {}

  /** Sets what the bot may do in a channel (as a role or overwrite would). */
  setBotPermissions(channelId: string, permissions: bigint): void {
    this.#botPermissions.set(channelId, permissions);
  }

  /** The bot's permissions a test set for a channel or thread (a thread's are its parent's); undefined when none was set. */
  explicitBotPermissions(channelId: string): bigint | undefined {
    return this.#botPermissions.get(this.threads.get(channelId)?.parentId ?? channelId);
  }

  /** The bot's permissions in a channel or thread (a thread's are its parent's). */
  botPermissions(channelId: string): bigint {
    const parent = this.threads.get(channelId)?.parentId ?? channelId;
    return this.#botPermissions.get(parent) ?? DEFAULT_BOT_CHANNEL_PERMISSIONS;
  }

  #guildOfChannel(channelId: string): EmulatedGuild | undefined {
    return this.config.guilds.find((g) => g.channelId === channelId);
  }

  /** A channel or thread as the API returns it; null when unknown. */
  payload(channelId: string): Record<string, unknown> | null {
    const guild = this.#guildOfChannel(channelId);
    if (guild) return { ...makeTextChannel(guild) };
    const thread = this.threads.get(channelId);
    return thread ? threadPayload(thread) : null;
  }

  get(channelId: string): ChannelReply {
    const channel = this.payload(channelId);
    return channel ? { status: 200, body: channel } : unknownChannel();
  }

  patch(channelId: string, body: unknown): ChannelReply {
    const thread = this.threads.get(channelId);
    if (!thread) return this.payload(channelId) ? missingPermissions() : unknownChannel();
    const b = (typeof body === "object" && body !== null ? body : {}) as Record<string, unknown>;
    if (typeof b.name === "string") thread.name = b.name;
    if (typeof b.archived === "boolean") thread.archived = b.archived;
    if (typeof b.locked === "boolean") thread.locked = b.locked;
    if (typeof b.auto_archive_duration === "number") thread.autoArchiveDuration = b.auto_archive_duration;
    return { status: 200, body: threadPayload(thread) };
  }

  /** POST /channels/{id}/threads (no message: type must be given) or /channels/{id}/messages/{mid}/threads. */
  createThread(channelId: string, body: unknown, messageId: string | null): ChannelReply {
    const guild = this.#guildOfChannel(channelId);
    if (!guild) return this.threads.has(channelId) ? fail(400, "Cannot create a thread in a thread", 50024) : unknownChannel();
    if ((this.botPermissions(channelId) & PermissionFlagsBits.CreatePublicThreads) === 0n) return missingPermissions();
    const b = (typeof body === "object" && body !== null ? body : {}) as Record<string, unknown>;
    if (typeof b.name !== "string" || b.name.length < 1 || b.name.length > 100) {
      return fail(400, "Invalid Form Body", RESTJSONErrorCodes.InvalidFormBodyOrContentType);
    }
    if (messageId === null && b.type !== undefined && b.type !== ChannelType.PublicThread) {
      return fail(400, "Invalid Form Body", RESTJSONErrorCodes.InvalidFormBodyOrContentType);
    }
    if (messageId !== null) {
      if (!(this.messages.get(channelId) ?? []).some((m) => m.id === messageId)) {
        return fail(404, "Unknown Message", RESTJSONErrorCodes.UnknownMessage);
      }
      if ([...this.threads.values()].some((t) => t.messageId === messageId)) {
        return fail(400, "A thread has already been created for this message", 160004);
      }
    }
    const active = [...this.threads.values()].filter((t) => t.parentId === channelId && !t.archived).length;
    if (active >= this.maxActiveThreads) return fail(400, "Maximum number of active threads reached", 160006);
    const thread: EmulatedThread = {
      id: messageId ?? this.config.snowflakes.next(),
      guildId: guild.id,
      parentId: channelId,
      name: b.name,
      ownerId: this.config.botUser.id,
      messageId,
      autoArchiveDuration: typeof b.auto_archive_duration === "number" ? b.auto_archive_duration : 4320,
      archived: false,
      locked: false,
      createdAt: new Date().toISOString(),
    };
    this.threads.set(thread.id, thread);
    this.messages.set(thread.id, []);
    this.config.onThreadCreate(guild.id, { ...threadPayload(thread), newly_created: true });
    return { status: 201, body: threadPayload(thread) };
  }

  /** POST /channels/{id}/messages: in a channel (Send Messages) or a thread (Send Messages in Threads, not locked). */
  createMessage(channelId: string, body: unknown): ChannelReply {
    const thread = this.threads.get(channelId);
    if (!thread && !this.#guildOfChannel(channelId)) return unknownChannel();
    const needed = thread ? PermissionFlagsBits.SendMessagesInThreads : PermissionFlagsBits.SendMessages;
    if ((this.botPermissions(channelId) & needed) === 0n) return missingPermissions();
    if (thread?.locked) return fail(403, "Thread is locked", 160005);
    if (thread) thread.archived = false; // Posting unarchives, as on Discord.
    const message = makeMessage({
      id: this.config.snowflakes.next(),
      channelId,
      author: this.config.botUser,
      body: (typeof body === "object" && body !== null ? body : {}) as MessageBody,
      applicationId: this.config.applicationId,
    });
    Object.assign(message, mentionsOf(message.content, (body as { allowed_mentions?: unknown } | null)?.allowed_mentions));
    const list = this.messages.get(channelId) ?? [];
    list.push(message);
    this.messages.set(channelId, list);
    return { status: 200, body: message };
  }
}

/**
 * Who a message actually mentions, as Discord decides it: a role written `<@&id>` only when
 * allowed_mentions lets it (`roles: [id]`, or `parse` with "roles"; everything when
 * allowed_mentions is absent), @everyone / @here only with "everyone".
 */
export function mentionsOf(content: string, allowed: unknown): { mention_roles: string[]; mention_everyone: boolean } {
  const a = (typeof allowed === "object" && allowed !== null ? allowed : null) as { parse?: unknown; roles?: unknown } | null;
  const parse = a === null ? ["roles", "users", "everyone"] : Array.isArray(a.parse) ? (a.parse as unknown[]) : [];
  const listed = (v: unknown) => (Array.isArray(v) ? (v as unknown[]).filter((x): x is string => typeof x === "string") : []);
  const roles = [...content.matchAll(/<@&(\d{17,20})>/g)].map((m) => m[1]!);
  return {
    mention_roles: [...new Set(roles.filter((r) => parse.includes("roles") || listed(a?.roles).includes(r)))],
    mention_everyone: parse.includes("everyone") && /@(everyone|here)/.test(content),
  };
}

/** A thread as the API returns it (type 11, public). */
export function threadPayload(t: EmulatedThread): Record<string, unknown> {
  return {
    id: t.id,
    type: ChannelType.PublicThread,
    guild_id: t.guildId,
    parent_id: t.parentId,
    name: t.name,
    owner_id: t.ownerId,
    last_message_id: null,
    rate_limit_per_user: 0,
    message_count: 0,
    member_count: 1,
    total_message_sent: 0,
    flags: 0,
    applied_tags: [],
    thread_metadata: {
      archived: t.archived,
      auto_archive_duration: t.autoArchiveDuration,
      archive_timestamp: t.createdAt,
      locked: t.locked,
      create_timestamp: t.createdAt,
    },
  };
}
