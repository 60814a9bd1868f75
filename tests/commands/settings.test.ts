/**
 * /settings through the real dispatcher, the real index and a real (in-memory SQLite) database:
 * organisers only; answers public or private by default and per channel (PUBLIC_GUILD_IDS only the
 * default); the spoiler policy; the reminder channel, time and reader role (off by default).
 */
import { PermissionFlagsBits } from "discord.js";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { STRICT_SPOILERS } from "../../commands/ask.ts";
import { parseChannel, parseRole, parseTime } from "../../commands/settings.ts";
import { defaultConfig } from "../../src/bot/config.ts";
import { Dispatcher, type Origin } from "../../src/bot/router.ts";
import { DEFAULT_SETTINGS, Storage } from "../../src/storage/index.ts";
import { buttonLabels, expectWithinLimits, realDispatcher, realRegistry, visibleText } from "../bot/helpers.ts";

const GUILD = "920000000000000001";
const CHANNEL = "920000000000000002";
const OTHER_CHANNEL = "920000000000000003";
const ROLE = "920000000000000004";
const ORGANISER = PermissionFlagsBits.ManageGuild | PermissionFlagsBits.SendMessages;
const MEMBER = PermissionFlagsBits.SendMessages;

let store: Storage;

async function dispatcherWith(publicGuilds: string[] = []): Promise<Dispatcher> {
  return realDispatcher({
    config: { ...defaultConfig(), publicGuildIds: new Set(publicGuilds), cooldown: { limit: 1000, seconds: 30 } },
    store,
  });
}

function origin(over: Partial<Origin> = {}): Origin {
  return {
    user: { id: "920000000000000009", name: "Rosa" },
    guildId: GUILD,
    channel: { id: CHANNEL, parentId: null, isThread: false },
    memberPermissions: ORGANISER,
    ...over,
  };
}

beforeEach(async () => {
  store = await Storage.open({ path: ":memory:" });
});
afterEach(() => store.close());

describe("/settings", () => {
  it("given a member without Manage Server, it refuses naming /settings, not the reading plan, and changes nothing", async () => {
    const d = await dispatcherWith();
    expect((await d.command("settings", { answers: "public" }, origin({ memberPermissions: MEMBER }))).content).toBe(
      "Only organisers (members with the Manage Server permission) can use /settings.",
    );
    expect(await store.settings(GUILD)).toEqual(DEFAULT_SETTINGS);
    const json = (await realRegistry()).toJSON() as { name: string; default_member_permissions?: string | null }[];
    expect(json.find((c) => c.name === "settings")?.default_member_permissions).toBe("32");
  });

  it("without options, it shows the defaults: private (the bot's default), no public channel, show-anyway, reminders and reader role off", async () => {
    const reply = await (await dispatcherWith()).command("settings", {}, origin());
    expect(reply.ephemeral).toBe(true);
    const text = visibleText(reply);
    expect(text).toContain("private (the bot's default)");
    expect(text).toContain("show-anyway");
    expect(text).toContain("off (reminders mention no one)");
    expectWithinLimits(reply);
  });

  it("answers: public makes /ask public by default; PUBLIC_GUILD_IDS is only the default, which answers: private overrides", async () => {
    const d = await dispatcherWith([GUILD]);
    expect((await d.command("ask", { question: "who was Trepper?" }, origin({ memberPermissions: MEMBER }))).ephemeral).toBe(false);
    expect((await d.command("settings", { answers: "private" }, origin())).content).toBe("Saved: answers by default.");
    expect((await d.command("ask", { question: "who was Trepper?" }, origin({ memberPermissions: MEMBER }))).ephemeral).toBe(true);
    await d.command("settings", { answers: "public" }, origin());
    expect((await d.command("ask", { question: "who was Trepper?" }, origin({ memberPermissions: MEMBER }))).ephemeral).toBe(false);
    // An explicit choice still wins.
    expect((await d.command("ask", { question: "who was Trepper?", public: false }, origin())).ephemeral).toBe(true);
  });

  it("a public channel (and its threads) answers publicly; elsewhere stays private; private_channel undoes it", async () => {
    const d = await dispatcherWith();
    await d.command("settings", { public_channel: "here" }, origin());
    const member = (over: Partial<Origin> = {}) => origin({ memberPermissions: MEMBER, ...over });
    expect((await d.command("ask", { question: "who was Trepper?" }, member())).ephemeral).toBe(false);
    const thread = { id: "920000000000000005", parentId: CHANNEL, isThread: true };
    expect((await d.command("ask", { question: "who was Trepper?" }, member({ channel: thread }))).ephemeral).toBe(false);
    const other = { id: OTHER_CHANNEL, parentId: null, isThread: false };
    expect((await d.command("ask", { question: "who was Trepper?" }, member({ channel: other }))).ephemeral).toBe(true);
    await d.command("settings", { private_channel: `<#${CHANNEL}>` }, origin());
    expect((await d.command("ask", { question: "who was Trepper?" }, member())).ephemeral).toBe(true);
  });

  it("spoilers: strict takes away Show anyway, and an old Show anyway button no longer shows the spoiler", async () => {
    const d = await dispatcherWith();
    await d.command("plan", { paragraph: 16 }, origin());
    const before = await d.command("ask", { question: "what happened to Trotsky's family?" }, origin());
    expect(buttonLabels(before)).toEqual(["Show anyway (spoiler)"]);
    const spoil = before.components![0]!.components[0]!;
    await d.command("settings", { spoilers: "strict" }, origin());
    const after = await d.command("ask", { question: "what happened to Trotsky's family?" }, origin());
    expect(after.content).toBe(`Nothing up to ¶16 answers that yet. ${STRICT_SPOILERS}`);
    expect(after.components).toBeUndefined();
    const click = await d.button("custom_id" in spoil ? spoil.custom_id : "", origin());
    expect(click.content).toBe(`Not yet. ${STRICT_SPOILERS}`);
  });

  it("sets the reminder channel, time and reader role, shown as mentions that ping no one; refuses @everyone and bad values", async () => {
    const d = await dispatcherWith();
    const saved = await d.command(
      "settings",
      { reminder_channel: `<#${OTHER_CHANNEL}>`, reminder_time: "18:30", reader_role: `<@&${ROLE}>` },
      origin(),
    );
    expect(saved.content).toBe("Saved: reminder channel, reminder time, reader role.");
    expect(saved.allowedMentions).toEqual({ parse: [], replied_user: false });
    expect(JSON.stringify(saved.embeds)).toContain(`<@&${ROLE}>`);
    expect(await store.settings(GUILD)).toMatchObject({ reminderChannel: OTHER_CHANNEL, reminderTime: "18:30", readerRole: ROLE });

    const refused = await d.command("settings", { reader_role: `<@&${GUILD}>`, reminder_time: "25:00" }, origin());
    expect(refused.content).toMatch(/^Nothing changed: reminder_time must be HH:MM.*; reader_role cannot be @\u200beveryone/);
    expect((await store.settings(GUILD)).readerRole).toBe(ROLE);
    for (const typed of ["@everyone", "@here", "everyone"]) {
      const words = await d.command("settings", { reader_role: typed }, origin());
      expect(words.content).toBe(
        "Nothing changed: reader_role cannot be @\u200beveryone: name a role members opt into. For example: /settings reader_role: @readers",
      );
    }
    expect((await store.settings(GUILD)).readerRole).toBe(ROLE);
    await d.command("settings", { reader_role: "off" }, origin());
    expect((await store.settings(GUILD)).readerRole).toBeNull();
  });

  it("given a mistake, the example after it is one for the option that was wrong", async () => {
    const d = await dispatcherWith();
    expect((await d.command("settings", { reminder_time: "25:00" }, origin())).content).toBe(
      "Nothing changed: reminder_time must be HH:MM in UTC (e.g. 18:00) or off. For example: /settings reminder_time: 18:00",
    );
    expect((await d.command("settings", { spoilers: "never", private_channel: "general" }, origin())).content).toBe(
      "Nothing changed: private_channel must be a #channel or here; spoilers must be strict or show-anyway. For example: /settings private_channel: here spoilers: strict",
    );
  });

  it("given a role or channel typed out after @ or # (plain text, not a mention), says so and how to give it, instead of asking for what was typed", async () => {
    const d = await dispatcherWith();
    expect((await d.command("settings", { reader_role: "@readers" }, origin())).content).toBe(
      "Nothing changed: “@readers” came as plain text, not a role: pick the role from the list Discord shows as you type @ or give its id. For example: /settings reader_role: @readers",
    );
    expect((await d.command("settings", { reminder_channel: "#reading-group" }, origin())).content).toMatch(
      /^Nothing changed: “\\?#reading-group” came as plain text, not a channel: pick the channel from the list Discord shows as you type #, say here, or give its id\./,
    );
    expect((await d.command("settings", { public_channel: "#general" }, origin())).content).toMatch(
      /“\\?#general” came as plain text, not a channel/,
    );
    expect(await store.settings(GUILD)).toMatchObject({ readerRole: null, reminderChannel: null, publicChannels: [] });
  });

  it("in the console, a role typed by name is refused with an example that the console accepts, not the same input again", async () => {
    const d = await dispatcherWith();
    const local = origin({ local: true });
    const refused = (await d.command("settings", { reader_role: "@readers" }, local)).content!;
    expect(refused).toBe(
      "Nothing changed: “@readers” is a name the console cannot look up: give the role's id. For example: /settings reader_role: 123456789012345678",
    );
    const example = /For example: \/settings reader_role: (\S+)$/.exec(refused)![1]!;
    expect((await d.command("settings", { reader_role: example }, local)).content).toMatch(/^Saved: reader role\./);
    expect((await d.command("settings", { reminder_channel: "#reading-group" }, local)).content).toBe(
      "Nothing changed: “\\#reading-group” is a name the console cannot look up: give the channel's id or here. For example: /settings reminder_channel: here",
    );
  });

  it("in the console, a reminder setting is kept and the reply says the console sends no reminders; on Discord it does not", async () => {
    const d = await dispatcherWith();
    const note = "The console sends no reminders: they go out only when the bot runs on Discord (with the same database).";
    const local = await d.command("settings", { reminder_channel: "here", reminder_time: "18:00" }, origin({ local: true }));
    expect(local.content).toBe(`Saved: reminder channel, reminder time. ${note}`);
    expect(await store.settings(GUILD)).toMatchObject({ reminderChannel: CHANNEL, reminderTime: "18:00" });
    expect((await d.command("settings", { reminder_time: "18:00" }, origin({ local: true }))).content).toBe(
      `Nothing changed. Reminder time: already 18:00. ${note}`,
    );
    expect((await d.command("settings", { answers: "public" }, origin({ local: true }))).content).toBe("Saved: answers by default.");
    expect((await d.command("settings", { reminder_time: "19:00" }, origin())).content).toBe("Saved: reminder time.");
  });

  it("given a reminder time without a channel (or a channel without a time), says no reminder goes out until the other is set", async () => {
    const d = await dispatcherWith();
    expect((await d.command("settings", { reminder_time: "18:00" }, origin())).content).toBe(
      "Saved: reminder time. No reminder goes out until a reminder channel is set: `/settings reminder_channel: here`.",
    );
    expect((await d.command("settings", { reminder_channel: "here" }, origin())).content).toBe("Saved: reminder channel.");
    expect((await d.command("settings", { reminder_time: "off" }, origin())).content).toBe(
      "Saved: reminder time. No reminder goes out until a reminder time is set: `/settings reminder_time: 18:00`.",
    );
  });

  it("reads a time given with its zone (18:00 UTC), and answers any other long value with the format, not its length", async () => {
    const d = await dispatcherWith();
    await d.command("settings", { reminder_channel: "here" }, origin());
    expect((await d.command("settings", { reminder_time: "18:00 UTC" }, origin())).content).toBe("Saved: reminder time.");
    expect(await store.settings(GUILD)).toMatchObject({ reminderTime: "18:00" });
    expect((await d.command("settings", { reminder_time: "6pm in London" }, origin())).content).toBe(
      "Nothing changed: reminder_time must be HH:MM in UTC (e.g. 18:00) or off. For example: /settings reminder_time: 18:00",
    );
  });

  it("given public_channel and private_channel for the same channel, refuses the contradiction instead of saying it is 'already public'", async () => {
    const d = await dispatcherWith();
    const reply = await d.command("settings", { public_channel: "here", private_channel: "here" }, origin());
    expect(reply.content).toBe(
      "Nothing changed: public_channel and private_channel name the same channel: give one of them. For example: /settings public_channel: here",
    );
    expect(await store.settings(GUILD)).toEqual(DEFAULT_SETTINGS);
    // Two different channels at once are fine.
    const both = await d.command("settings", { public_channel: "here", private_channel: `<#${OTHER_CHANNEL}>` }, origin());
    expect(both.content).toBe("Saved: public channels.");
  });

  it("given private_channel for a channel that was not public, says nothing changed and why, instead of 'Saved'", async () => {
    const d = await dispatcherWith();
    const reply = await d.command("settings", { private_channel: "here" }, origin());
    expect(reply.content).toBe("Nothing changed. That channel was not public: answers there follow the server's default (private).");
    expect(await store.settings(GUILD)).toEqual(DEFAULT_SETTINGS);
    await d.command("settings", { public_channel: "here", answers: "public" }, origin());
    expect((await d.command("settings", { public_channel: "here", spoilers: "strict" }, origin())).content).toBe(
      "Saved: spoilers. That channel is already public.",
    );
    expect((await d.command("settings", { private_channel: "here" }, origin())).content).toBe("Saved: public channels.");
    expect((await store.settings(GUILD)).publicChannels).toEqual([]);
    expect((await d.command("settings", { spoilers: "strict" }, origin())).content).toBe("Nothing changed. Spoilers: already strict.");
  });

  it("parses channels, roles and times as Discord sends them", () => {
    expect(parseChannel("<#920000000000000003>", CHANNEL)).toBe(OTHER_CHANNEL);
    expect(parseChannel("here", CHANNEL)).toBe(CHANNEL);
    expect(parseChannel("#general", CHANNEL)).toBeNull();
    expect(parseRole("<@&920000000000000004>")).toBe(ROLE);
    expect(parseRole("@readers")).toBeNull();
    expect(parseTime("8:05")).toBe("08:05");
    expect(parseTime("18h30")).toBe("18:30");
    expect(parseTime("24:00")).toBeNull();
  });
});
