/**
 * Opening discussion threads on Discord: `channel.threads.create` (POST /channels/{id}/threads,
 * a public thread, auto-archived after a day) then `thread.send` for each seed message. The
 * errors Discord answers when it can't be done become a {@link ThreadResult} the handler words
 * plainly; anything else propagates to the error boundary. The bot never locks or deletes threads.
 */
import type { Interaction, MessageCreateOptions, TextBasedChannel, TextChannel } from "discord.js";
// Enum values spelled out: the router imports this module, and the console runs the router without discord.js.
import { ChannelType, ThreadAutoArchiveDuration } from "./discord-values.ts";
import type { ChannelInfo, Reply, ThreadFailure, ThreadOpener, ThreadResult } from "./types.ts";

/** Discord's error codes for a thread that can't be opened or posted in. */
const FAILURES: ReadonlyMap<number, ThreadFailure> = new Map([
  [50001, "missing-permissions"], // Missing Access
  [50013, "missing-permissions"], // Missing Permissions
  [160004, "thread-exists"], // A thread has already been created for this message
  [160005, "locked"], // Thread is locked
  [160006, "too-many-threads"], // Maximum number of active threads reached
]);

/** A reply description as a channel message: allowed mentions none. */
function toMessageOptions(reply: Reply): MessageCreateOptions {
  const options: MessageCreateOptions = { allowedMentions: { parse: [], repliedUser: false } };
  if (reply.content !== undefined) options.content = reply.content;
  if (reply.embeds) options.embeds = reply.embeds;
  if (reply.components) options.components = reply.components;
  return options;
}

/** Opens public threads in a text channel. */
function discordThreadOpener(channel: TextChannel): ThreadOpener {
  return {
    async open({ name, messages, reason }): Promise<ThreadResult> {
      try {
        const thread = await channel.threads.create({
          name,
          type: ChannelType.PublicThread,
          autoArchiveDuration: ThreadAutoArchiveDuration.OneDay,
          reason,
        });
        for (const message of messages) await thread.send(toMessageOptions(message));
        return { ok: true, id: thread.id };
      } catch (error) {
        const code = (error as { code?: unknown }).code;
        const failure = typeof code === "number" ? FAILURES.get(code) : undefined;
        if (!failure) throw error;
        return { ok: false, code: failure, message: error instanceof Error ? error.message : String(error) };
      }
    },
  };
}

/**
 * Where an interaction happened: its channel, fetched when not cached (a thread after a restart,
 * or a channel GUILD_CREATE did not list), and a thread opener when it is a text channel.
 */
export async function channelOf(
  interaction: Interaction,
  fetch: boolean,
): Promise<{ channel: ChannelInfo | null; threads: ThreadOpener | null }> {
  const id = interaction.channelId;
  if (!id) return { channel: null, threads: null };
  let channel: TextBasedChannel | null = interaction.channel;
  if (!channel && fetch && interaction.inGuild()) {
    const fetched = await interaction.client.channels.fetch(id).catch(() => null);
    channel = fetched?.isTextBased() ? fetched : null;
  }
  if (!channel) return { channel: { id, parentId: null, isThread: false }, threads: null };
  if (channel.isThread()) return { channel: { id, parentId: channel.parentId, isThread: true }, threads: null };
  return {
    channel: { id, parentId: null, isThread: false },
    threads: channel.type === ChannelType.GuildText ? discordThreadOpener(channel) : null,
  };
}
