/**
 * Discord permissions the study-group features need, and the checks. Discord hides and blocks an
 * organiser command from other members, but not buttons or forms: those check here themselves.
 */
// Spelled out, not discord.js's: the console checks permissions without loading discord.js.
import { PermissionFlagsBits } from "./discord-values.ts";

/** Organisers: who may change the plan and the reading position. */
export const ORGANISER = PermissionFlagsBits.ManageGuild;

/** What the bot needs to open a discussion thread and post in it. */
export const THREAD_PERMISSIONS = PermissionFlagsBits.CreatePublicThreads | PermissionFlagsBits.SendMessagesInThreads;

/** Everything the bot asks for in its invite: Send Messages, Embed Links, Create Public Threads, Send Messages in Threads. */
export const INVITE_PERMISSIONS =
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.EmbedLinks |
  PermissionFlagsBits.CreatePublicThreads |
  PermissionFlagsBits.SendMessagesInThreads;

/** The refusal of /plan and its "Next section read" button to a member without Manage Server. */
export const NOT_ORGANISER =
  "Only organisers (members with the Manage Server permission) can change the reading plan. /progress shows where the group is.";

/**
 * The dispatcher's refusal of an organiser command to a member without Manage Server, naming the
 * command tried ("/settings", or a message command's name): /settings or /unanswered are not "the reading plan". /plan keeps its own words.
 */
export function notOrganiser(tried: string): string {
  return tried === "/plan" ? NOT_ORGANISER : `Only organisers (members with the Manage Server permission) can use ${tried}.`;
}

/** Whether `permissions` has every bit of `required` (Administrator has them all); false when unknown. */
export function hasPermissions(permissions: bigint | null, required: bigint): boolean {
  if (permissions === null) return false;
  if ((permissions & PermissionFlagsBits.Administrator) !== 0n) return true;
  return (permissions & required) === required;
}

/** Names as Discord's settings show them. */
const NAMES: ReadonlyMap<bigint, string> = new Map([
  [PermissionFlagsBits.ManageGuild, "Manage Server"],
  [PermissionFlagsBits.SendMessages, "Send Messages"],
  [PermissionFlagsBits.EmbedLinks, "Embed Links"],
  [PermissionFlagsBits.CreatePublicThreads, "Create Public Threads"],
  [PermissionFlagsBits.SendMessagesInThreads, "Send Messages in Threads"],
]);

/** The names of the bits of `required` that `permissions` lacks ("Create Public Threads"…); [] when unknown. */
export function missingPermissions(permissions: bigint | null, required: bigint): string[] {
  if (permissions === null || (permissions & PermissionFlagsBits.Administrator) !== 0n) return [];
  return [...NAMES].filter(([bit]) => (required & bit) !== 0n && (permissions & bit) === 0n).map(([, name]) => name);
}
