/**
 * A reply as discord.js sends it, made here instead of by discord.js. Given reply options,
 * `interaction.reply` builds a MessagePayload whose `resolveBody` asks five getters whether the
 * target is a webhook, a user, a message…, and each getter `require`s its classes anew: about 5%
 * of the bot's CPU per interaction. A MessagePayload handed over with its body already made is
 * sent as it is (`resolveBody` returns at once). The body is the one discord.js makes from
 * {@link toReplyOptions}, key for key (a test compares the two).
 *
 * Discord side only: the console never loads this module (it would load discord.js).
 */
import {
  MessagePayload,
  type InteractionReplyOptions,
  type RepliableInteraction,
  type RESTPostAPIChannelMessageJSONBody,
} from "discord.js";
import { MessageFlags } from "./discord-values.ts";
import { toReplyOptions } from "./render.ts";
import type { Reply } from "./types.ts";

/** The first reply to an interaction: a MessagePayload with its body made, or, where discord.js adds a nonce, the options. */
export function replyPayload(interaction: RepliableInteraction, reply: Reply): MessagePayload | InteractionReplyOptions {
  // With enforceNonce on, discord.js makes a nonce for each message: left to it.
  if (interaction.client.options.enforceNonce) return toReplyOptions(reply);
  // In discord.js's order: content, tts, nonce, enforce_nonce, embeds, components, …,
  // allowed_mentions, flags; the fields it leaves undefined are left out (JSON drops them).
  const body: RESTPostAPIChannelMessageJSONBody = {};
  if (reply.content !== undefined) body.content = reply.content;
  body.tts = false;
  body.enforce_nonce = false;
  if (reply.embeds) body.embeds = reply.embeds;
  if (reply.components) body.components = reply.components;
  body.allowed_mentions = { parse: [], replied_user: false };
  if (reply.ephemeral) body.flags = MessageFlags.Ephemeral;
  const payload = new MessagePayload(interaction, {});
  payload.body = body;
  payload.files = [];
  return payload;
}
