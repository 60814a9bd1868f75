/**
 * /settings — organisers (Manage Server): how the bot behaves in this server, kept in the
 * database. Without options it shows the settings; each option changes one:
 * answers public or private by default, channels where answers are public, the spoiler policy,
 * the reminder channel and time, and the reader role reminders may mention (off by default: the
 * only mention the bot ever sends). PUBLIC_GUILD_IDS is only the default until a server chooses.
 */
import type { APIEmbed } from "discord-api-types/v10";
import { escapeMarkdown } from "../src/bot/markdown.ts";
import { cutText } from "../src/bot/cut.ts";
import { ORGANISER } from "../src/bot/permissions.ts";
import { offOr, type OptionsOf } from "../src/bot/options.ts";
import { defineCommand } from "../src/bot/registry.ts";
import { COLORS, notice, reply } from "../src/bot/replies.ts";
import type { HandlerContext, Reply } from "../src/bot/types.ts";
import type { GuildSettings } from "../src/storage/index.ts";

const NO_GUILD = "Settings belong to a server: use /settings in your study group's server.";
const NO_STORAGE = "This bot runs without a database, so it keeps no settings.";

const SNOWFLAKE = /^\d{17,20}$/;

/** A channel as typed: #channel (Discord sends <#id>), its id, or "here"; null when it is none of these. */
export function parseChannel(text: string, here: string | null): string | null {
  const t = text.trim();
  if (/^here$/i.test(t)) return here;
  const m = /^<#(\d{17,20})>$/.exec(t);
  if (m) return m[1]!;
  return SNOWFLAKE.test(t) || (here !== null && t === here) ? t : null;
}

/** A role as typed: @role (Discord sends <@&id>) or its id; null otherwise. */
export function parseRole(text: string): string | null {
  const t = text.trim();
  const m = /^<@&(\d{17,20})>$/.exec(t);
  if (m) return m[1]!;
  return SNOWFLAKE.test(t) ? t : null;
}

/** HH:MM (24-hour, UTC; "18:00 UTC" names the zone it is in anyway) or null. */
export function parseTime(text: string): string | null {
  const m = /^([01]?\d|2[0-3])[:.h]([0-5]\d)(?:\s*(?:UTC|GMT|Z))?$/i.exec(text.trim());
  return m ? `${m[1]!.padStart(2, "0")}:${m[2]!}` : null;
}

const command = defineCommand({
  name: "settings",
  description: "Organisers: how the bot answers here (public or private, spoilers, reminders)",
  defaultMemberPermissions: ORGANISER,
  options: {
    answers: { type: "string", description: "Answers by default: public, private, or default (as the bot's host set)", maxLength: 10 },
    public_channel: { type: "string", description: "Make answers public in this channel (#channel or here)", maxLength: 40 },
    private_channel: { type: "string", description: "Stop making answers public in this channel (#channel or here)", maxLength: 40 },
    spoilers: {
      type: "string",
      description: "strict (nothing past the reading position) or show-anyway (a private button)",
      maxLength: 12,
    },
    reminder_channel: { type: "string", description: "Where reading reminders go (#channel, here, or off)", maxLength: 40 },
    // Longer than HH:MM, so "18:00 UTC" is read and "6pm in London" is answered with the format, not a length.
    reminder_time: { type: "string", description: "When reminders go out, HH:MM in UTC (or off)", maxLength: 20 },
    reader_role: { type: "string", description: "The role reminders mention, for members who opt in (@role or off)", maxLength: 40 },
  },
  examples: [
    "/settings",
    "/settings answers: public",
    "/settings spoilers: strict",
    "/settings reminder_channel: here reminder_time: 18:00",
  ],
  async execute(options, ctx): Promise<Reply> {
    if (ctx.guildId === null) return notice(NO_GUILD);
    if (!ctx.store) return notice(NO_STORAGE);
    const current = await ctx.store.settings(ctx.guildId);
    const local = ctx.local === true;
    const { change, mistakes } = readChange(options, current, ctx.channel?.id ?? null, ctx.guildId, local);
    if (mistakes.length > 0) {
      const examples = local ? CONSOLE_EXAMPLES : EXAMPLES;
      const example = `/settings ${[...new Set(mistakes.map((m) => examples[m.option]))].join(" ")}`;
      return notice(`Nothing changed: ${mistakes.map((m) => m.text).join("; ")}. For example: ${example}`);
    }
    if (Object.keys(change).length === 0) return settingsReply(ctx, current, null);
    // Said as it is: a value that was already so is not "saved" (private_channel for a channel that was never public).
    const keys = Object.keys(change) as (keyof GuildSettings)[];
    const changed = keys.filter((key) => !sameValue(change[key], current[key]));
    const unchanged = keys.filter((key) => !changed.includes(key)).map((key) => alreadySo(key, options, ctx, current));
    const next = changed.length > 0 ? await ctx.store.updateSettings(ctx.guildId, change, ctx.user.id, new Date(ctx.clock.now())) : current;
    const saved = changed.length > 0 ? [`Saved: ${changed.map(describeKey).join(", ")}.`] : ["Nothing changed."];
    // The console accepts the reminder settings (they are the server's, kept for when it runs on Discord) but sends nothing.
    const reminders = options.reminder_channel !== undefined || options.reminder_time !== undefined || options.reader_role !== undefined;
    const consoleNote = local && reminders ? [CONSOLE_SENDS_NO_REMINDERS] : [];
    const halfSet = reminders ? reminderHalfSet(next) : [];
    return settingsReply(ctx, next, [...saved, ...unchanged, ...halfSet, ...consoleNote].join(" "));
  },
});
export default command;

type SettingsOptions = OptionsOf<(typeof command)["options"]>;
type OptionName = keyof SettingsOptions;

/** A value each option takes, for the example after a mistake in it. */
const EXAMPLES: Record<OptionName, string> = {
  answers: "answers: public",
  public_channel: "public_channel: here",
  private_channel: "private_channel: here",
  spoilers: "spoilers: strict",
  reminder_channel: "reminder_channel: here",
  reminder_time: "reminder_time: 18:00",
  reader_role: "reader_role: @readers",
};

/** In the console, where no role or channel can be picked from Discord's list: values typed there that work. */
const CONSOLE_EXAMPLES: Record<OptionName, string> = { ...EXAMPLES, reader_role: "reader_role: 123456789012345678" };

/** Said in the console after a reminder setting: it keeps them, but only the bot on Discord sends reminders. */
export const CONSOLE_SENDS_NO_REMINDERS =
  "The console sends no reminders: they go out only when the bot runs on Discord (with the same database).";

/** A reminder needs a channel and a time: with one of them set, says no reminder goes out until the other is. */
function reminderHalfSet(s: GuildSettings): string[] {
  if (s.reminderTime && !s.reminderChannel)
    return [`No reminder goes out until a reminder channel is set: \`/settings ${EXAMPLES.reminder_channel}\`.`];
  if (s.reminderChannel && !s.reminderTime)
    return [`No reminder goes out until a reminder time is set: \`/settings ${EXAMPLES.reminder_time}\`.`];
  return [];
}

/** What is wrong with one option's value. */
interface Mistake {
  option: OptionName;
  text: string;
}

/** One option as read: the value to keep (null turns it off), or what is wrong with it. */
type Read<T> = { value: T } | { mistake: Mistake[] };

/** An option read wrong: what is wrong with it, as Read says it. */
function mistake(option: OptionName, text: string): { mistake: Mistake[] } {
  return { mistake: [{ option, text }] };
}

/**
 * What the options change, each read on its own, and every mistake among them (all said at
 * once, so an organiser fixes them in one go). `here` is the channel "here" names.
 */
function readChange(
  options: SettingsOptions,
  current: GuildSettings,
  here: string | null,
  guildId: string,
  local: boolean,
): { change: Partial<GuildSettings>; mistakes: Mistake[] } {
  const change: Partial<GuildSettings> = {};
  const mistakes: Mistake[] = [];
  const put = <K extends keyof GuildSettings>(key: K, read: Read<GuildSettings[K]>): void => {
    if ("mistake" in read) mistakes.push(...read.mistake);
    else change[key] = read.value;
  };
  if (options.answers !== undefined) put("publicByDefault", readAnswers(options.answers));
  if (options.public_channel !== undefined || options.private_channel !== undefined) {
    put("publicChannels", readPublicChannels(options, current.publicChannels, here, local));
  }
  if (options.spoilers !== undefined) put("spoilers", readSpoilers(options.spoilers));
  if (options.reminder_channel !== undefined) {
    const channel = offOr(options.reminder_channel, (text) => parseChannel(text, here));
    put(
      "reminderChannel",
      channel ??
        mistake(
          "reminder_channel",
          plainName(options.reminder_channel, "#", "channel", local) ?? "reminder_channel must be a #channel, here or off",
        ),
    );
  }
  if (options.reminder_time !== undefined) {
    put(
      "reminderTime",
      offOr(options.reminder_time, parseTime) ?? mistake("reminder_time", "reminder_time must be HH:MM in UTC (e.g. 18:00) or off"),
    );
  }
  if (options.reader_role !== undefined) put("readerRole", readReaderRole(options.reader_role, guildId, local));
  return { change, mistakes };
}

function readAnswers(text: string): Read<boolean | null> {
  const answers = text.trim().toLowerCase();
  if (answers === "public") return { value: true };
  if (answers === "private") return { value: false };
  if (answers === "default") return { value: null };
  return mistake("answers", "answers must be public, private or default");
}

/** The public channels after adding `public_channel` and removing `private_channel`. */
function readPublicChannels(options: SettingsOptions, channels: readonly string[], here: string | null, local: boolean): Read<string[]> {
  const added = options.public_channel === undefined ? undefined : parseChannel(options.public_channel, here);
  const removed = options.private_channel === undefined ? undefined : parseChannel(options.private_channel, here);
  const mistakes: Mistake[] = [
    ...(added === null
      ? mistake("public_channel", plainName(options.public_channel!, "#", "channel", local) ?? "public_channel must be a #channel or here")
          .mistake
      : []),
    ...(removed === null
      ? mistake(
          "private_channel",
          plainName(options.private_channel!, "#", "channel", local) ?? "private_channel must be a #channel or here",
        ).mistake
      : []),
  ];
  if (mistakes.length > 0) return { mistake: mistakes };
  // One channel made public and private at once is a contradiction, refused as /plan refuses one.
  if (added && added === removed)
    return mistake("public_channel", "public_channel and private_channel name the same channel: give one of them");
  const withAdded = added ? [...channels.filter((c) => c !== added), added] : [...channels];
  return { value: withAdded.filter((c) => c !== removed) };
}

function readSpoilers(text: string): Read<GuildSettings["spoilers"]> {
  const spoilers = text.trim().toLowerCase().replace(/\s+/g, "-");
  return spoilers === "strict" || spoilers === "show-anyway"
    ? { value: spoilers }
    : mistake("spoilers", "spoilers must be strict or show-anyway");
}

/** The role reminders may mention: a role members opt into, never @everyone (whose id is the server's). */
function readReaderRole(text: string, guildId: string, local: boolean): Read<string | null> {
  // Typed as words (a string option keeps "@everyone" as text), @everyone and @here are refused as plainly as the role's id.
  const everyone = /^@?(?:everyone|here)$/i.test(text.trim()) ? guildId : null;
  const role = everyone ? { value: everyone } : offOr(text, parseRole);
  if (!role) return mistake("reader_role", plainName(text, "@", "role", local) ?? "reader_role must be a @role or off");
  // Said with the mention broken, as every @everyone the bot shows is: it must not even look live.
  if (role.value === guildId)
    return mistake("reader_role", `reader_role cannot be ${escapeMarkdown("@everyone")}: name a role members opt into`);
  return role;
}

/**
 * A name typed after @ or # that Discord did not turn into a mention ("@readers", "#reading-group":
 * typed out, not picked from its list) is plain text the bot cannot resolve: said so, with how to
 * give it, rather than "must be a @role" to someone who typed just that. The console has no list
 * to pick from: there, its id (or here, for a channel).
 */
function plainName(text: string, sigil: "@" | "#", kind: "role" | "channel", local: boolean): string | null {
  const t = text.trim();
  if (!t.startsWith(sigil) || t.length < 2) return null;
  const name = `“${escapeMarkdown(cutText(t, 40))}”`;
  if (local) return `${name} is a name the console cannot look up: give the ${kind}'s id${kind === "channel" ? " or here" : ""}`;
  const here = kind === "channel" ? ", say here," : "";
  return `${name} came as plain text, not a ${kind}: pick the ${kind} from the list Discord shows as you type ${sigil}${here} or give its id`;
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Why a setting given did not change: the channel private_channel names was not public, or the value was already so. */
function alreadySo(
  key: keyof GuildSettings,
  options: SettingsOptions,
  ctx: Pick<HandlerContext, "config" | "guildId">,
  s: GuildSettings,
): string {
  if (key === "publicChannels") {
    return options.public_channel !== undefined
      ? "That channel is already public."
      : `That channel was not public: answers there follow the server's default (${defaultAnswers(ctx, s)}).`;
  }
  const label = describeKey(key);
  return `${label.charAt(0).toUpperCase()}${label.slice(1)}: already ${valueText(key, s)}.`;
}

/** A setting's value in words (mentions render as names and ping no one). */
function valueText(key: Exclude<keyof GuildSettings, "publicChannels">, s: GuildSettings): string {
  switch (key) {
    case "publicByDefault":
      return s.publicByDefault === null ? "the bot's default" : s.publicByDefault ? "public" : "private";
    case "spoilers":
      return s.spoilers;
    case "reminderChannel":
      return s.reminderChannel ? `<#${s.reminderChannel}>` : "off";
    case "reminderTime":
      return s.reminderTime ?? "off";
    case "readerRole":
      return s.readerRole ? `<@&${s.readerRole}>` : "off";
  }
}

/** Whether answers are public or private by default here: the server's choice, else the host's. */
function defaultAnswers(ctx: Pick<HandlerContext, "config" | "guildId">, s: GuildSettings): string {
  if (s.publicByDefault !== null) return s.publicByDefault ? "public" : "private";
  return ctx.guildId !== null && ctx.config.publicGuildIds.has(ctx.guildId) ? "public" : "private";
}

function describeKey(key: string): string {
  return (
    {
      publicByDefault: "answers by default",
      publicChannels: "public channels",
      spoilers: "spoilers",
      reminderChannel: "reminder channel",
      reminderTime: "reminder time",
      readerRole: "reader role",
    }[key] ?? key
  );
}

/** The settings as an embed. Channel and role mentions render as names and, with allowed mentions none, ping no one. */
export function settingsReply(ctx: Pick<HandlerContext, "config" | "guildId">, s: GuildSettings, saved: string | null): Reply {
  const hostDefault = ctx.guildId !== null && ctx.config.publicGuildIds.has(ctx.guildId) ? "public" : "private";
  const channel = (id: string | null) => (id ? `<#${id}>` : "off");
  const embed: APIEmbed = {
    title: "Settings for this server",
    color: COLORS.info,
    fields: [
      {
        name: "Answers by default",
        value: s.publicByDefault === null ? `${hostDefault} (the bot's default)` : s.publicByDefault ? "public" : "private",
        inline: true,
      },
      {
        name: "Public in channels",
        value: s.publicChannels.length > 0 ? s.publicChannels.map((c) => `<#${c}>`).join(" ") : "none",
        inline: true,
      },
      {
        name: "Spoilers",
        value: s.spoilers === "strict" ? "strict: nothing past the reading position" : "show-anyway: a private “Show anyway” button",
        inline: false,
      },
      { name: "Reminder channel", value: channel(s.reminderChannel), inline: true },
      { name: "Reminder time (UTC)", value: s.reminderTime ?? "off", inline: true },
      {
        name: "Reader role",
        value: s.readerRole
          ? `<@&${s.readerRole}> (reminders mention it; nothing else is ever mentioned)`
          : "off (reminders mention no one)",
        inline: false,
      },
    ],
    footer: { text: "Change one with e.g. /settings answers: public · /settings spoilers: strict" },
  };
  return reply({ ...(saved ? { content: saved } : {}), embeds: [embed], ephemeral: true });
}
