/**
 * The few values of Discord's API enums the transport-free code uses (buttons, the ephemeral
 * flag, the error codes the router expects), spelled here with discord-api-types' own types:
 * importing the enums themselves loads about 200 modules, a tenth of a second of every console
 * and CLI start. tests/bot/discord-values.test.ts checks each against discord-api-types.
 */
import type {
  ButtonStyle as ButtonStyles,
  ChannelType as ChannelTypes,
  ComponentType as ComponentTypes,
  TextInputStyle as TextInputStyles,
  ThreadAutoArchiveDuration as ArchiveDurations,
  MessageFlags as Flags,
  RESTJSONErrorCodes as Codes,
} from "discord-api-types/v10";

export const ButtonStyle = {
  Primary: 1 as ButtonStyles.Primary,
  Secondary: 2 as ButtonStyles.Secondary,
  Success: 3 as ButtonStyles.Success,
} as const;

export const ComponentType = {
  ActionRow: 1 as ComponentTypes.ActionRow,
  Button: 2 as ComponentTypes.Button,
  TextInput: 4 as ComponentTypes.TextInput,
} as const;

export const TextInputStyle = {
  Short: 1 as TextInputStyles.Short,
  Paragraph: 2 as TextInputStyles.Paragraph,
} as const;

export const MessageFlags = {
  Ephemeral: 64 as Flags.Ephemeral,
} as const;

export const RESTJSONErrorCodes = {
  UnknownInteraction: 10062 as Codes.UnknownInteraction,
  InteractionHasAlreadyBeenAcknowledged: 40060 as Codes.InteractionHasAlreadyBeenAcknowledged,
  UnknownWebhook: 10015 as Codes.UnknownWebhook,
  InvalidWebhookToken: 50027 as Codes.InvalidWebhookToken,
  UnknownMessage: 10008 as Codes.UnknownMessage,
} as const;

export const ChannelType = {
  GuildText: 0 as ChannelTypes.GuildText,
  PublicThread: 11 as ChannelTypes.PublicThread,
} as const;

export const ThreadAutoArchiveDuration = {
  OneDay: 1440 as ArchiveDurations.OneDay,
} as const;

/** Permission bits (discord-api-types' PermissionFlagsBits), as bigints. */
export const PermissionFlagsBits = {
  Administrator: 1n << 3n,
  ManageGuild: 1n << 5n,
  SendMessages: 1n << 11n,
  EmbedLinks: 1n << 14n,
  CreatePublicThreads: 1n << 35n,
  SendMessagesInThreads: 1n << 38n,
} as const;
