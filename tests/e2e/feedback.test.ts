/**
 * Feedback on answers end to end: the real bot (discord.js client, real index, a real database)
 * against the emulator. A member votes 👍, changes to 👎, fills in the form the 👎 opens; another
 * member votes too; declined questions fill the organisers' /unanswered, and "Ask the group" posts
 * one to the channel; /settings is for organisers. On a SQLite file always, and on PostgreSQL when TEST_DATABASE_URL is set.
 */
import { InteractionResponseType, PermissionFlagsBits } from "discord-api-types/v10";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Storage } from "../../src/storage/index.ts";
import { testEngines } from "../support/databases.ts";
import { CommandRefused, type DiscordEmulator } from "../emulator/index.ts";
import { parseComponentId } from "../../src/bot/custom-ids.ts";
import { buttonId, buttonsOf, EPHEMERAL, NO_MENTIONS, startGroupOnEmulator, visibleText, type GroupOnEmulator } from "./helpers.ts";

const ORGANISER = 2248473465835073n | PermissionFlagsBits.ManageGuild; // the emulator's ordinary member, plus Manage Server

let group: GroupOnEmulator;
let emulator: DiscordEmulator;
let store: Storage;

describe.each(testEngines())("feedback on $name", (engine) => {
  beforeEach(async () => {
    group = await startGroupOnEmulator(await engine.fresh(true));
    emulator = group.emulator;
    ({ store } = await group.startBot());
  });

  afterEach(async () => {
    await group.stop();
    await engine.dispose();
  });

  it("votes 👍, votes again, changes to 👎 through the form, and another member votes: one vote each, stored with the question and paragraphs", async () => {
    const asked = emulator.sendCommand({ name: "ask", options: { question: "what happened to Trotsky's family?" } });
    const answer = await emulator.waitForResponse(asked.id);
    expect(buttonsOf(answer.message).map((b) => b.label)).toEqual(expect.arrayContaining(["👍", "👎"]));
    const up = buttonId(answer.message, "vote:v2:up:");
    const down = buttonId(answer.message, "vote:v2:down:");
    const answerId = parseComponentId(up, "vote")!.answerId;
    expect(await store.loggedAsk(answerId)).toMatchObject({
      guildId: emulator.guilds[0]!.id,
      question: "what happened to Trotsky's family?",
      answered: true,
      paragraphs: expect.arrayContaining([42]) as unknown,
    });

    const click = async (customId: string, userId?: string) => {
      const sent = emulator.sendButton({ customId, message: answer.message!, ...(userId ? { userId } : {}) });
      return emulator.waitForResponse(sent.id);
    };

    const first = await click(up);
    expect(first.data).toMatchObject({ flags: EPHEMERAL, allowed_mentions: NO_MENTIONS });
    expect(first.data.content).toContain("your 👍 is counted");
    expect((await click(up)).data.content).toContain("your 👍 stands");
    expect(await store.voteCounts(answerId)).toEqual({ up: 1, down: 0 });

    // 👎 opens the form: Discord shows a modal, no message.
    const thumbsDown = await click(down);
    expect(thumbsDown.callbackType).toBe(InteractionResponseType.Modal);
    const modal = thumbsDown.data as unknown as {
      custom_id: string;
      title: string;
      components: { components: { custom_id: string; max_length: number; required: boolean; label: string }[] }[];
    };
    expect(modal.title).toBe("What were you looking for?");
    expect(modal.components[0]?.components[0]).toMatchObject({ max_length: 200, required: false });
    expect(await store.voteCounts(answerId)).toEqual({ up: 0, down: 1 });

    const submitted = emulator.sendModalSubmit({
      customId: modal.custom_id,
      values: { [modal.components[0]!.components[0]!.custom_id]: "the year he was murdered @everyone" },
      message: answer.message!,
    });
    const thanks = await emulator.waitForResponse(submitted.id);
    expect(thanks.data).toMatchObject({ flags: EPHEMERAL, allowed_mentions: NO_MENTIONS });
    expect(visibleText(thanks.data)).toContain("the year he was murdered");
    expect(thanks.data.content).not.toMatch(/@everyone/);
    expect(thanks.data.content).toContain("without your name");

    const row = await store.db.selectFrom("answer_vote").selectAll().where("answer_id", "=", answerId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ vote: "down", comment: "the year he was murdered @everyone", guild_id: emulator.guilds[0]!.id });

    const other = emulator.addUser({ username: "nadia" });
    expect((await click(up, other.id)).data.content).toContain("your 👍 is counted");
    expect(await store.voteCounts(answerId)).toEqual({ up: 1, down: 1 });
  });

  it("a form submitted for an answer the database does not know gets the friendly stale reply", async () => {
    // The form must have been opened first: click 👎 on a real answer, then submit another id.
    const asked = emulator.sendCommand({ name: "ask", options: { question: "who was Leopold Trepper?" } });
    const answer = await emulator.waitForResponse(asked.id);
    const opened = await emulator.waitForResponse(
      emulator.sendButton({ customId: buttonId(answer.message, "vote:v2:down:"), message: answer.message! }).id,
    );
    const customId = (opened.data as unknown as { custom_id: string }).custom_id;
    await store.db.deleteFrom("ask_log").execute();
    const submitted = emulator.sendModalSubmit({ customId, values: { wanted: "" } });
    expect((await emulator.waitForResponse(submitted.id)).data.content).toMatch(/no longer works/);
  });

  it("after a few declined questions, /unanswered lists them grouped for an organiser, Ask the group posts one, and a member cannot run it", async () => {
    const ask = async (question: string) => emulator.waitForResponse(emulator.sendCommand({ name: "ask", options: { question } }).id);
    await ask("what is the capital of Australia?");
    await ask("capital of australia?");
    const declined = await ask("who won the football world cup? @here");

    const group = emulator.sendButton({ customId: buttonId(declined.message, "group:"), message: declined.message! });
    const posted = await emulator.waitForResponse(group.id);
    expect(posted.data.flags ?? 0).toBe(0);
    expect(posted.data.allowed_mentions).toEqual(NO_MENTIONS);
    expect(posted.message?.channel_id).toBe(emulator.guilds[0]!.channelId);
    expect(visibleText(posted.data)).toContain("who won the football world cup?");
    expect(posted.data.content).not.toContain("@here");

    const list = await emulator.waitForResponse(emulator.sendCommand({ name: "unanswered", memberPermissions: ORGANISER }).id);
    expect(list.data.flags).toBe(EPHEMERAL);
    const text = visibleText(list.data);
    expect(text).toMatch(/1\. “.*capital of australia\?” — asked 2× · declined 2×/i);
    expect(text).toContain("world cup");
    expect(text).not.toContain(emulator.user.id);

    expect(() => emulator.sendCommand({ name: "unanswered" })).toThrow(CommandRefused);
  });

  it("/settings is refused to a member without Manage Server; an organiser makes answers public, and /ask then answers the channel", async () => {
    expect(() => emulator.sendCommand({ name: "settings", options: { answers: "public" } })).toThrow(CommandRefused);
    const saved = await emulator.waitForResponse(
      emulator.sendCommand({ name: "settings", options: { answers: "public", spoilers: "strict" }, memberPermissions: ORGANISER }).id,
    );
    expect(saved.data).toMatchObject({ flags: EPHEMERAL, allowed_mentions: NO_MENTIONS, content: "Saved: answers by default, spoilers." });
    const answer = await emulator.waitForResponse(
      emulator.sendCommand({ name: "ask", options: { question: "who was Leopold Trepper?" } }).id,
    );
    expect(answer.data.flags ?? 0).toBe(0);
    expect(visibleText(answer.data)).toMatch(/¶4[78] · Heroic opposition/);
    expect(await store.settings(emulator.guilds[0]!.id)).toMatchObject({ publicByDefault: true, spoilers: "strict" });
  });
});
