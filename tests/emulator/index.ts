/**
 * A local Discord emulator (REST + gateway) for end-to-end tests of discord.js bots.
 *
 *   const emulator = await DiscordEmulator.start({ guilds: 2 });
 *   const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: emulator.apiUrl } });
 *   await client.login(emulator.token); // then wait for Events.ClientReady
 *   const { id } = emulator.sendCommand({ name: "ask", options: { question: "why?" } });
 *   const response = await emulator.waitForResponse(id); // response.data.content, .embeds, .message
 *   await client.destroy(); await emulator.stop();
 *
 * Set DISCORD_EMULATOR_DEBUG=1 to log every REST request and gateway event to stderr.
 */
export {
  CommandRefused,
  DiscordEmulator,
  type CommandOptionsInput,
  type DiscordEmulatorOptions,
  type DispatchTarget,
  type EmulatedInteractionPayload,
  type InteractionResponse,
  type InteractionTarget,
  type RequestPredicate,
  type SendAutocompleteOptions,
  type SendButtonOptions,
  type SendCommandOptions,
  type SendMessageCommandOptions,
  type SendModalSubmitOptions,
  type SentInteraction,
} from "./emulator.ts";
export type { GatewaySessionInfo, IdentifyRecord, ReceivedGatewayPayload, ResumeRecord, SentDispatch } from "./gateway.ts";
export type {
  ErrorFault,
  Fault,
  FaultHandle,
  InteractionEvent,
  RateLimitFault,
  RecordedCallback,
  RecordedFile,
  RecordedRequest,
  RequestMatcher,
  ResponseBody,
  RouteName,
} from "./rest.ts";
export type { EmulatedGuild, MessageBody, SimpleOptionValue } from "./payloads.ts";
export { shardForGuild } from "./ids.ts";
export { Channels, DEFAULT_BOT_CHANNEL_PERMISSIONS, type EmulatedThread } from "./channels.ts";
