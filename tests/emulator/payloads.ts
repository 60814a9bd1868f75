/**
 * Builders for realistic Discord payloads. Shapes follow discord-api-types v10; discord.js
 * constructs its structures from these, so missing "always present" fields crash it.
 */
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationFlags,
  ApplicationIntegrationType,
  ChannelType,
  ComponentType,
  GuildDefaultMessageNotifications,
  GuildExplicitContentFilter,
  GuildHubType,
  GuildMFALevel,
  GuildNSFWLevel,
  GuildPremiumTier,
  GuildSystemChannelFlags,
  GuildVerificationLevel,
  InteractionContextType,
  InteractionType,
  Locale,
  MessageType,
  type APIActionRowComponent,
  type APIApplicationCommandAutocompleteGuildInteraction,
  type APIApplicationCommandInteractionDataBasicOption,
  type APIApplicationCommandInteractionDataOption,
  type APIChatInputApplicationCommandGuildInteraction,
  type APIComponentInMessageActionRow,
  type APIEmbed,
  type APIGuildTextChannel,
  type APIInteractionGuildMember,
  type APIMessage,
  type APIMessageComponentButtonInteraction,
  type APIMessageApplicationCommandGuildInteraction,
  type APIModalSubmitGuildInteraction,
  type APIMessageTopLevelComponent,
  type APIRole,
  type APIUser,
  type ChannelFlags,
  type GuildMemberFlags,
  type RoleFlags,
  type UserFlags,
  type GatewayGuildCreateDispatchData,
  type GatewayReadyDispatchData,
} from "discord-api-types/v10";

/** Permission bits Discord sends for a typical admin-less member (as a string, like the API). */
export const DEFAULT_MEMBER_PERMISSIONS = "2248473465835073";
/** What the bot may do in the channel; discord.js only parses it. */
export const DEFAULT_APP_PERMISSIONS = "2248473465835073";
/** 10 MiB: Discord's default upload limit for unboosted guilds. */
const ATTACHMENT_SIZE_LIMIT = 10_485_760;

/** A guild the emulator pretends the bot is in. */
export interface EmulatedGuild {
  id: string;
  name: string;
  /** The one text channel of the guild; interactions default to it. */
  channelId: string;
  channelName: string;
  ownerId: string;
  joinedAt: string;
}

export function makeUser(id: string, username: string, opts: { bot?: boolean; globalName?: string | null } = {}): APIUser {
  const user: APIUser = {
    id,
    username,
    // Users migrated to unique usernames have discriminator "0"; bots keep a 4-digit one.
    discriminator: opts.bot ? "4821" : "0",
    global_name: opts.globalName ?? null,
    avatar: null,
    // No flags set; the enums have no 0 member, hence the casts.
    public_flags: 0 as UserFlags,
    flags: 0 as UserFlags,
    banner: null,
    accent_color: null,
    avatar_decoration_data: null,
  };
  if (opts.bot) user.bot = true;
  return user;
}

const APPLICATION_FLAGS =
  ApplicationFlags.GatewayGuildMembersLimited | ApplicationFlags.GatewayMessageContentLimited | ApplicationFlags.ApplicationCommandBadge;

export function makeReady(args: {
  user: APIUser;
  guildIds: readonly string[];
  sessionId: string;
  resumeUrl: string;
  shard: [number, number];
  applicationId: string;
}): GatewayReadyDispatchData {
  return {
    v: 10,
    user: args.user,
    // READY lists guilds as unavailable; the full objects follow as GUILD_CREATE.
    guilds: args.guildIds.map((id) => ({ id, unavailable: true })),
    session_id: args.sessionId,
    resume_gateway_url: args.resumeUrl,
    shard: args.shard,
    application: { id: args.applicationId, flags: APPLICATION_FLAGS, flags_new: String(APPLICATION_FLAGS) },
  };
}

export function makeTextChannel(guild: EmulatedGuild): APIGuildTextChannel<ChannelType.GuildText> {
  return {
    id: guild.channelId,
    type: ChannelType.GuildText,
    guild_id: guild.id,
    name: guild.channelName,
    position: 0,
    permission_overwrites: [],
    parent_id: null,
    topic: null,
    nsfw: false,
    rate_limit_per_user: 0,
    last_message_id: null,
    flags: 0 as ChannelFlags,
  };
}

export function makeEveryoneRole(guildId: string): APIRole {
  return {
    // The @everyone role's id is the guild id.
    id: guildId,
    name: "@everyone",
    color: 0,
    colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
    hoist: false,
    icon: null,
    unicode_emoji: null,
    position: 0,
    permissions: DEFAULT_MEMBER_PERMISSIONS,
    managed: false,
    mentionable: false,
    flags: 0 as RoleFlags,
  };
}

export function makeGuildCreate(guild: EmulatedGuild): GatewayGuildCreateDispatchData {
  return {
    id: guild.id,
    name: guild.name,
    icon: null,
    splash: null,
    discovery_splash: null,
    banner: null,
    description: null,
    owner_id: guild.ownerId,
    region: "",
    afk_channel_id: null,
    afk_timeout: 300,
    widget_enabled: false,
    widget_channel_id: null,
    verification_level: GuildVerificationLevel.None,
    default_message_notifications: GuildDefaultMessageNotifications.OnlyMentions,
    explicit_content_filter: GuildExplicitContentFilter.Disabled,
    roles: [makeEveryoneRole(guild.id)],
    emojis: [],
    stickers: [],
    features: [],
    mfa_level: GuildMFALevel.None,
    application_id: null,
    system_channel_id: guild.channelId,
    system_channel_flags: GuildSystemChannelFlags.SuppressJoinNotificationReplies,
    rules_channel_id: null,
    public_updates_channel_id: null,
    safety_alerts_channel_id: null,
    max_members: 500_000,
    max_video_channel_users: 25,
    max_stage_video_channel_users: 50,
    vanity_url_code: null,
    premium_tier: GuildPremiumTier.None,
    premium_subscription_count: 0,
    premium_progress_bar_enabled: false,
    preferred_locale: Locale.EnglishUS,
    nsfw_level: GuildNSFWLevel.Default,
    hub_type: null as GuildHubType | null,
    incidents_data: null,
    // GUILD_CREATE-only fields.
    joined_at: guild.joinedAt,
    large: false,
    unavailable: false,
    member_count: 2,
    voice_states: [],
    members: [],
    channels: [makeTextChannel(guild)],
    threads: [],
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  };
}

export function makeMember(user: APIUser, joinedAt: string, permissions: string = DEFAULT_MEMBER_PERMISSIONS): APIInteractionGuildMember {
  return {
    user,
    nick: null,
    avatar: null,
    banner: null,
    roles: [],
    joined_at: joinedAt,
    premium_since: null,
    deaf: false,
    mute: false,
    flags: 0 as GuildMemberFlags,
    pending: false,
    communication_disabled_until: null,
    permissions,
  };
}

/** Fields shared by every interaction the emulator sends (guild context). */
export interface InteractionContext {
  id: string;
  token: string;
  applicationId: string;
  guild: EmulatedGuild;
  channelId: string;
  member: APIInteractionGuildMember;
  locale: Locale;
  /** The channel as the interaction carries it (a thread: type 11 with its parent); the guild's text channel when absent. */
  channel?: Record<string, unknown>;
  /** The bot's permissions there (`app_permissions`); DEFAULT_APP_PERMISSIONS when absent. */
  appPermissions?: string;
}

function baseInteraction(ctx: InteractionContext) {
  return {
    id: ctx.id,
    application_id: ctx.applicationId,
    token: ctx.token,
    version: 1 as const,
    guild_id: ctx.guild.id,
    guild: { id: ctx.guild.id, locale: Locale.EnglishUS, features: [] },
    channel_id: ctx.channelId,
    channel: (ctx.channel ?? {
      ...makeTextChannel(ctx.guild),
      id: ctx.channelId,
      name: ctx.channelId === ctx.guild.channelId ? ctx.guild.channelName : "channel",
    }) as { id: string; type: ChannelType.GuildText },
    member: ctx.member,
    app_permissions: ctx.appPermissions ?? DEFAULT_APP_PERMISSIONS,
    locale: ctx.locale,
    guild_locale: Locale.EnglishUS,
    // discord.js iterates entitlements and reads the owners map unconditionally.
    entitlements: [],
    authorizing_integration_owners: { [ApplicationIntegrationType.GuildInstall]: ctx.guild.id },
    context: InteractionContextType.Guild,
    attachment_size_limit: ATTACHMENT_SIZE_LIMIT,
  };
}

/** The `data` a slash command and its autocomplete share. */
function chatInputData(ctx: InteractionContext, command: { id: string; name: string }) {
  return { id: command.id, name: command.name, type: ApplicationCommandType.ChatInput as const, guild_id: ctx.guild.id };
}

export function makeCommandInteraction(
  ctx: InteractionContext,
  command: { id: string; name: string; options: APIApplicationCommandInteractionDataOption[] },
): APIChatInputApplicationCommandGuildInteraction {
  return {
    ...baseInteraction(ctx),
    type: InteractionType.ApplicationCommand,
    data: { ...chatInputData(ctx, command), ...(command.options.length > 0 ? { options: command.options } : {}) },
  };
}

/**
 * A message command (right-click a message → Apps): type 2 with `data.type` 3, the message in
 * `data.resolved.messages` under `target_id`, content included (no Message Content intent needed).
 */
export function makeMessageCommandInteraction(
  ctx: InteractionContext,
  command: { id: string; name: string },
  target: APIMessage,
): APIMessageApplicationCommandGuildInteraction {
  return {
    ...baseInteraction(ctx),
    type: InteractionType.ApplicationCommand,
    data: {
      id: command.id,
      name: command.name,
      type: ApplicationCommandType.Message,
      guild_id: ctx.guild.id,
      target_id: target.id,
      resolved: { messages: { [target.id]: target } },
    },
  };
}

export function makeAutocompleteInteraction(
  ctx: InteractionContext,
  command: { id: string; name: string; options: APIApplicationCommandInteractionDataOption[] },
): APIApplicationCommandAutocompleteGuildInteraction {
  return {
    ...baseInteraction(ctx),
    type: InteractionType.ApplicationCommandAutocomplete,
    data: { ...chatInputData(ctx, command), options: command.options },
  };
}

export function makeButtonInteraction(
  ctx: InteractionContext,
  customId: string,
  message: APIMessage,
): APIMessageComponentButtonInteraction {
  return {
    ...baseInteraction(ctx),
    type: InteractionType.MessageComponent,
    data: { custom_id: customId, component_type: ComponentType.Button },
    message,
  };
}

/**
 * A submitted form (INTERACTION_CREATE type 5): the modal's custom id and each text input's value,
 * one per action row as Discord sends them; `message` when the form was opened from a button on it.
 */
export function makeModalSubmitInteraction(
  ctx: InteractionContext,
  customId: string,
  values: Readonly<Record<string, string>>,
  message: APIMessage | null,
): APIModalSubmitGuildInteraction {
  return {
    ...baseInteraction(ctx),
    type: InteractionType.ModalSubmit,
    data: {
      custom_id: customId,
      components: Object.entries(values).map(([id, value]) => ({
        type: ComponentType.ActionRow,
        components: [{ type: ComponentType.TextInput, custom_id: id, value }],
      })),
    },
    ...(message ? { message } : {}),
  };
}

/** Plain values become options typed from their JS type (integers as INTEGER, others as NUMBER). */
export type SimpleOptionValue = string | number | boolean;

export function toCommandOptions(
  input: readonly APIApplicationCommandInteractionDataOption[] | Readonly<Record<string, SimpleOptionValue>> | undefined,
  focused?: string,
): APIApplicationCommandInteractionDataOption[] {
  if (input === undefined) return [];
  if (Array.isArray(input)) return [...(input as readonly APIApplicationCommandInteractionDataOption[])];
  return Object.entries(input as Readonly<Record<string, SimpleOptionValue>>).map(
    ([name, value]): APIApplicationCommandInteractionDataBasicOption => {
      const isFocused = name === focused ? { focused: true } : {};
      if (typeof value === "boolean") return { name, type: ApplicationCommandOptionType.Boolean, value, ...isFocused };
      if (typeof value === "number") {
        return Number.isInteger(value)
          ? { name, type: ApplicationCommandOptionType.Integer, value, ...isFocused }
          : { name, type: ApplicationCommandOptionType.Number, value, ...isFocused };
      }
      return { name, type: ApplicationCommandOptionType.String, value, ...isFocused };
    },
  );
}

/** What a message-creating body (callback data, webhook POST/PATCH) may carry. */
export interface MessageBody {
  content?: string;
  embeds?: APIEmbed[];
  components?: APIMessageTopLevelComponent[];
  flags?: number;
  tts?: boolean;
  attachments?: unknown[];
  [key: string]: unknown;
}

export function makeMessage(args: {
  id: string;
  channelId: string;
  author: APIUser;
  body: MessageBody;
  applicationId: string;
  webhookId?: string;
  interaction?: { id: string; type: InteractionType; user: APIUser; name?: string };
  type?: MessageType;
}): APIMessage {
  const message: APIMessage = {
    id: args.id,
    channel_id: args.channelId,
    author: args.author,
    content: args.body.content ?? "",
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: args.body.tts ?? false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    mention_channels: [],
    attachments: [],
    embeds: args.body.embeds ?? [],
    components: args.body.components ?? [],
    reactions: [],
    pinned: false,
    type: args.type ?? MessageType.Default,
    flags: args.body.flags ?? 0,
    application_id: args.applicationId,
    position: 0,
  };
  if (args.webhookId) message.webhook_id = args.webhookId;
  if (args.interaction) {
    message.interaction_metadata = {
      id: args.interaction.id,
      type: args.interaction.type,
      user: args.interaction.user,
      authorizing_integration_owners: {},
    } as APIMessage["interaction_metadata"];
  }
  return message;
}

/** Applies an edit body the way Discord does: only fields present in the body change. */
export function applyEdit(message: APIMessage, body: MessageBody): APIMessage {
  const edited: APIMessage = { ...message, edited_timestamp: new Date().toISOString() };
  if (body.content !== undefined) edited.content = body.content ?? "";
  if (body.embeds !== undefined) edited.embeds = body.embeds ?? [];
  if (body.components !== undefined) edited.components = body.components ?? [];
  if (body.flags !== undefined) edited.flags = body.flags ?? 0;
  return edited;
}

/** A bot message carrying one button, used when a test clicks a button without a message. */
export function makeButtonRow(customId: string, label = "Click"): APIActionRowComponent<APIComponentInMessageActionRow> {
  return {
    type: ComponentType.ActionRow,
    components: [{ type: ComponentType.Button, style: 1, custom_id: customId, label }],
  };
}
