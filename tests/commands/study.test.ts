/**
 * The study-group commands through the real dispatcher, the real index and a real (in-memory
 * SQLite) database: positions cap every reply, /plan is for organisers, /discuss opens threads.
 */
import { PermissionFlagsBits } from "discord.js";
import { allQuestionSets } from "../support/question-sets.ts";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { NOT_ORGANISER } from "../../src/bot/permissions.ts";
import { Dispatcher, type Origin } from "../../src/bot/router.ts";
import type { Reply, ThreadRequest, ThreadResult } from "../../src/bot/types.ts";
import { Storage } from "../../src/storage/index.ts";
import { parseAnyComponentId } from "../../src/bot/custom-ids.ts";
import { promptLine, promptsFor } from "../../src/bot/study.ts";
import { ReminderScheduler, type ReminderMessage } from "../../src/bot/reminders.ts";
import { longestPassage } from "../../commands/discuss.ts";
import { STRICT_SPOILERS } from "../../commands/ask.ts";
import {
  buttonLabels,
  captureLogger,
  componentId,
  customIds,
  expectWithinLimits,
  FakeClock,
  realDispatcher,
  realSearch,
  visibleText,
} from "../bot/helpers.ts";

const GUILD = "900000000000000001";
const CHANNEL = "900000000000000002";
const ORGANISER = PermissionFlagsBits.ManageGuild | PermissionFlagsBits.SendMessages;
const MEMBER = PermissionFlagsBits.SendMessages;
const APP = PermissionFlagsBits.SendMessages | PermissionFlagsBits.CreatePublicThreads | PermissionFlagsBits.SendMessagesInThreads;

let store: Storage;
let dispatcher: Dispatcher;
let opened: ThreadRequest[];
let threadAnswer: () => ThreadResult;

beforeEach(async () => {
  store = await Storage.open({ path: ":memory:" });
  // A fixed day, so the plan's dates (2026-12-10) stay in the future whenever the tests run.
  dispatcher = await realDispatcher({ store, clock: new FakeClock(Date.parse("2026-11-27T12:00:00Z")) });
  opened = [];
  threadAnswer = () => ({ ok: true, id: `90000000000000${99 + opened.length}` });
});
afterEach(() => store.close());

function origin(over: Partial<Origin> = {}): Origin {
  return {
    user: { id: "900000000000000009", name: "Rosa" },
    guildId: GUILD,
    channel: { id: CHANNEL, parentId: null, isThread: false },
    memberPermissions: ORGANISER,
    appPermissions: APP,
    threads: {
      open(request) {
        opened.push(request);
        return Promise.resolve(threadAnswer());
      },
    },
    ...over,
  };
}

const inThread = (threadId: string, over: Partial<Origin> = {}) =>
  origin({ channel: { id: threadId, parentId: CHANNEL, isThread: true }, threads: null, ...over });

/** The paragraphs a reply quotes: its embeds' citations, in order. */
const quoted = (reply: Reply): number[] => (reply.embeds ?? []).map((e) => Number(/¶(\d+)/.exec(e.title ?? "")?.[1]));

/** Every paragraph number a reply cites or points a button at. */
function citedParagraphs(reply: Reply): number[] {
  const text = visibleText(reply);
  const cited = [...text.matchAll(/¶(\d+)/g)].map((m) => Number(m[1]));
  const fromIds = customIds(reply)
    .filter((id) => !id.startsWith("spoil:"))
    .flatMap((id) => {
      const parsed = parseAnyComponentId(id);
      if (parsed?.kind === "more") return parsed.refs.map((r) => r.paragraph);
      return parsed?.kind === "context" || parsed?.kind === "post" ? [parsed.ref.paragraph] : [];
    });
  return [...cited, ...fromIds];
}

/** Every question and phrase of the project's own question sets. */
const questions = allQuestionSets();

describe("spoiler-safe replies", () => {
  it("given each position 1–51, no /ask or /quote reply of the question sets cites, names or links a paragraph past it", async () => {
    const last = realSearch().primary.paragraphs.length;
    // Every position, a spread of questions each time (all of them over the run). The search core's
    // own sweep (tests/search/reading-position.test.ts) checks the filter; this one, that the
    // position reaches it and no button or text of a reply names what lies further on.
    for (let upTo = 1; upTo <= last; upTo++) {
      await store.setPosition({ guildId: GUILD, channelId: null, upTo, setBy: "t", at: new Date() });
      for (let i = upTo % 27; i < questions.length; i += 27) {
        const { kind, question } = questions[i]!;
        const reply =
          kind === "quote"
            ? await dispatcher.command("quote", { text: question.slice(0, 200) }, origin())
            : await dispatcher.command("ask", { question: question.slice(0, 300), results: 5 }, origin());
        for (const n of citedParagraphs(reply)) expect(n, `${question} @${upTo}`).toBeLessThanOrEqual(upTo);
      }
    }
  }, 120_000);

  it("given a question answered further on, /ask replies neutrally with a private 'Show anyway (spoiler)'", async () => {
    await store.setPosition({ guildId: GUILD, channelId: null, upTo: 20, setBy: "t", at: new Date() });
    const reply = await dispatcher.command("ask", { question: "what happened to Trotsky's family?" }, origin());
    expect(reply.content).toBe("Nothing up to ¶20 answers that yet.");
    expect(buttonLabels(reply)).toEqual(["Show anyway (spoiler)"]);
    const spoiler = await dispatcher.button(customIds(reply)[0]!, origin());
    expect(spoiler.ephemeral).toBe(true);
    expect(visibleText(spoiler)).toContain("¶42 · Heroic opposition");
    expect(visibleText(spoiler)).toContain("Spoiler");
    expect(spoiler.components).toBeUndefined();
  });

  it("given a phrase from further on, /quote says so in a quote's terms, without saying where, with a private 'Show anyway (spoiler)'", async () => {
    await store.setPosition({ guildId: GUILD, channelId: null, upTo: 16, setBy: "t", at: new Date() });
    const reply = await dispatcher.command("quote", { text: "rewarded for his obstinacy with an ice axe" }, origin());
    expect(reply.content).toBe("That phrase is from a part of the review your group hasn't reached yet.");
    expect(citedParagraphs(reply)).toEqual([]);
    expect(buttonLabels(reply)).toEqual(["Show anyway (spoiler)"]);
    const spoiler = await dispatcher.button(customIds(reply)[0]!, origin());
    expect(spoiler.ephemeral).toBe(true);
    expect(visibleText(spoiler)).toContain("¶49 · Heroic opposition");
    expect(visibleText(spoiler)).toContain("ice-axe");
    expect(spoiler.components).toBeUndefined();
    // A server that keeps spoilers strict gets no button, and is told why.
    await store.updateSettings(GUILD, { spoilers: "strict" }, "t", new Date());
    const strict = await dispatcher.command("quote", { text: "rewarded for his obstinacy with an ice axe" }, origin());
    expect(strict.content).toBe(
      "That phrase is from a part of the review your group hasn't reached yet. This server keeps what lies past the reading position hidden until the group gets there.",
    );
    expect(buttonLabels(strict)).toEqual([]);
  });

  it("a channel's position overrides the server's, and a thread's overrides its channel's", async () => {
    await store.setPosition({ guildId: GUILD, channelId: null, upTo: 20, setBy: "t", at: new Date() });
    await store.setPosition({ guildId: GUILD, channelId: CHANNEL, upTo: 45, setBy: "t", at: new Date() });
    const q = { question: "what happened to Trotsky's family?" };
    expect(visibleText(await dispatcher.command("ask", q, origin()))).toContain("¶42");
    expect(
      visibleText(await dispatcher.command("ask", q, origin({ channel: { id: "other", parentId: null, isThread: false } }))),
    ).not.toContain("¶42");
    await store.setPosition({ guildId: GUILD, channelId: "t1", upTo: 10, setBy: "t", at: new Date() });
    expect((await dispatcher.command("ask", q, inThread("t1"))).content).toBe("Nothing up to ¶10 answers that yet.");
    expect(visibleText(await dispatcher.command("ask", q, inThread("t2")))).toContain("¶42");
  });

  it("given a paragraph past the position, /quote by number says it is past where the group has read, as /context does", async () => {
    await store.setPosition({ guildId: GUILD, channelId: null, upTo: 20, setBy: "t", at: new Date() });
    await store.updateSettings(GUILD, { spoilers: "strict" }, "t", new Date());
    const strictPast = `¶42 is past where your group has read (¶20). ${STRICT_SPOILERS}`;
    expect((await dispatcher.command("quote", { paragraph: 42 }, origin())).content).toBe(strictPast);
    expect((await dispatcher.command("quote", { text: "¶42" }, origin())).content).toBe(strictPast);
    const context = await dispatcher.button(
      componentId({ kind: "context", ref: { doc: realSearch().primary.meta.id, paragraph: 42 }, cap: null }),
      origin(),
    );
    expect(context.content).toBe("That passage is past where your group has read (¶20).");
  });

  it("'Show context' uses the smaller of the cap it carries and the live position", async () => {
    await store.setPosition({ guildId: GUILD, channelId: null, upTo: 20, setBy: "t", at: new Date() });
    const quote = await dispatcher.command("quote", { paragraph: 20 }, origin());
    const ctxId = customIds(quote).find((id) => id.startsWith("ctx:"))!;
    expect(parseAnyComponentId(ctxId)).toMatchObject({ kind: "context", ref: { paragraph: 20 }, cap: 20 });
    await store.setPosition({ guildId: GUILD, channelId: null, upTo: 51, setBy: "t", at: new Date() });
    const context = await dispatcher.button(ctxId, origin());
    expect(visibleText(context)).toContain("¶19");
    expect(visibleText(context)).not.toContain("¶21");
    await store.setPosition({ guildId: GUILD, channelId: null, upTo: 19, setBy: "t", at: new Date() });
    expect((await dispatcher.button(ctxId, origin())).content).toBe("That passage is past where your group has read (¶19).");
  });

  it("autocomplete suggests nothing past the position", async () => {
    await store.setPosition({ guildId: GUILD, channelId: null, upTo: 12, setBy: "t", at: new Date() });
    const pinned = await dispatcher.autocomplete("quote", { name: "text", value: "" }, origin());
    expect(pinned.map((c) => c.value)).toEqual(["¶1", "¶9"]);
    const digits = await dispatcher.autocomplete("quote", { name: "text", value: "4" }, origin());
    expect(digits).toEqual([expect.objectContaining({ value: "¶4" })]);
    const phrase = await dispatcher.autocomplete("quote", { name: "text", value: "Trotsky" }, origin());
    for (const c of phrase) expect(Number(String(c.value).slice(1))).toBeLessThanOrEqual(12);
  });
});

describe("/quote ranges", () => {
  it("given ¶12–14, quotes each paragraph with its citation, within Discord's limits", async () => {
    const reply = await dispatcher.command("quote", { text: "¶12–14" }, origin());
    expectWithinLimits(reply);
    expect(reply.embeds?.map((e) => e.title)).toEqual(["¶12 · Total fabrication", "¶13 · Total fabrication", "¶14 · Total fabrication"]);
    expect(buttonLabels(reply)).toContain("Show context ¶14");
  });

  it("given 12-20, says at most 5 paragraphs", async () => {
    expect((await dispatcher.command("quote", { text: "12-20" }, origin())).content).toMatch(/^At most 5 paragraphs at a time/);
  });

  it("given the longest paragraphs, five at once still fit", async () => {
    for (let first = 1; first <= 47; first += 1)
      expectWithinLimits(await dispatcher.command("quote", { text: `${first}-${first + 4}` }, origin()));
  });

  it("given a question naming a paragraph past the position, /ask says it is past where the group has read in /quote's words", async () => {
    await store.setPosition({ guildId: GUILD, channelId: null, upTo: 10, setBy: "t", at: new Date() });
    const quoted = await dispatcher.command("quote", { text: "21" }, origin());
    expect(quoted.content).toBe("¶21 is past where your group has read (¶10).");
    expect((await dispatcher.command("ask", { question: "explain paragraph 21" }, origin())).content).toBe(quoted.content);
    // A bare paragraph number is sent to /quote, except when /quote would refuse it; then /quote's reply and offer.
    const bare = await dispatcher.command("ask", { question: "paragraph twenty-one" }, origin());
    expect(bare.content).toBe(quoted.content);
    expect(buttonLabels(bare)).toEqual(buttonLabels(quoted));
    expect(buttonLabels(bare)).toContain("Show anyway (spoiler)");
    expect((await dispatcher.command("ask", { question: "paragraph fifty-two" }, origin())).content).toBe(
      "There is no ¶52: the review has paragraphs 1 to 51.",
    );
    expect((await dispatcher.command("ask", { question: "9" }, origin())).content).toBe("To read ¶9, use /quote 9: /ask takes a question.");
    // A list with one past: /ask declines it whole in the same words (/quote quotes those read besides).
    expect((await dispatcher.command("ask", { question: "what do paragraphs 9 and 12 say?" }, origin())).content).toBe(
      "¶12 is past where your group has read (¶10).",
    );
  });

  it("given paragraphs listed apart (12 and 20), quotes each of them", async () => {
    const reply = await dispatcher.command("quote", { text: "12 and 20" }, origin());
    expect(reply.content).toBeUndefined();
    expect(reply.embeds?.map((e) => e.title)).toEqual(["¶12 · Total fabrication", "¶20 · \\[Who was Stalin?\\]"]);
    expect((await dispatcher.command("quote", { text: "12, 14" }, origin())).embeds).toHaveLength(2);
  });

  it("given paragraphs listed apart, some past the position, quotes those read and says which are past, with a private 'Show anyway (spoiler)' for them", async () => {
    await store.setPosition({ guildId: GUILD, channelId: null, upTo: 16, setBy: "t", at: new Date() });
    const reply = await dispatcher.command("quote", { text: "12 and 20" }, origin());
    expect(reply.content).toBe("¶20 is past where your group has read (¶16): here is ¶12.");
    expect(quoted(reply)).toEqual([12]);
    expect(buttonLabels(reply)).toContain("Show context ¶12");
    expect(buttonLabels(reply)).toContain("Show anyway (spoiler)");
    expectWithinLimits(reply);
    const spoiler = await dispatcher.button(
      customIds(reply).find((id) => id.startsWith("spoil:"))!,
      origin(),
    );
    expect(spoiler.ephemeral).toBe(true);
    expect(visibleText(spoiler)).toContain("¶20 · [Who was Stalin?]");
    expect(visibleText(spoiler)).not.toContain("¶12");
    expect(visibleText(spoiler)).toContain("Spoiler");
    expect(spoiler.components).toBeUndefined();

    const several = await dispatcher.command("quote", { text: "3, 9, 20 and 42" }, origin());
    expect(several.content).toBe("¶20 and ¶42 are past where your group has read (¶16): here are ¶3 and ¶9.");
    expect(quoted(several)).toEqual([3, 9]);
    // None read: nothing quoted, the spoiler still one click away.
    const none = await dispatcher.command("quote", { text: "20 and 42" }, origin());
    expect(none.content).toBe("¶20 and ¶42 are past where your group has read (¶16).");
    expect(buttonLabels(none)).toEqual(["Show anyway (spoiler)"]);
    // A server that keeps spoilers strict gets no button, and is told why.
    await store.updateSettings(GUILD, { spoilers: "strict" }, "t", new Date());
    const strict = await dispatcher.command("quote", { text: "12 and 20" }, origin());
    expect(strict.content).toBe(
      "¶20 is past where your group has read (¶16): here is ¶12. This server keeps what lies past the reading position hidden until the group gets there.",
    );
    expect(quoted(strict)).toEqual([12]);
    expect(buttonLabels(strict)).not.toContain("Show anyway (spoiler)");
  });

  it("given a paragraph or a range wholly past the position, /quote says so with a private 'Show anyway (spoiler)' for it, as for a list", async () => {
    await store.setPosition({ guildId: GUILD, channelId: null, upTo: 16, setBy: "t", at: new Date() });
    for (const [options, said, shown] of [
      [{ paragraph: 17 }, "¶17 is past where your group has read (¶16).", [17]],
      [{ text: "17" }, "¶17 is past where your group has read (¶16).", [17]],
      [{ text: "40-42" }, "¶40–42 goes past where your group has read (¶16).", [40, 41, 42]],
    ] as const) {
      const reply = await dispatcher.command("quote", options, origin());
      expect(reply.content).toBe(said);
      expect(quoted(reply)).toEqual([]);
      expect(buttonLabels(reply)).toEqual(["Show anyway (spoiler)"]);
      const spoiler = await dispatcher.button(customIds(reply)[0]!, origin());
      expect(spoiler.ephemeral).toBe(true);
      expect(visibleText(spoiler)).toContain("Spoiler");
      expect([...visibleText(spoiler).matchAll(/¶(\d+) ·/g)].map((m) => Number(m[1]))).toEqual(shown);
      expect(spoiler.components).toBeUndefined();
    }
    // A server that keeps spoilers strict gets no button, and is told why, in the list's words.
    await store.updateSettings(GUILD, { spoilers: "strict" }, "t", new Date());
    const strict = await dispatcher.command("quote", { text: "40-42" }, origin());
    expect(strict.content).toBe(`¶40–42 goes past where your group has read (¶16). ${STRICT_SPOILERS}`);
    expect(buttonLabels(strict)).toEqual([]);
  });

  it("given a range past the position, declines it whole and names the command that quotes what has been read", async () => {
    await store.setPosition({ guildId: GUILD, channelId: null, upTo: 13, setBy: "t", at: new Date() });
    const declined = await dispatcher.command("quote", { text: "12-14" }, origin());
    expect(declined.content).toBe("¶12–14 goes past where your group has read (¶13). Try `/quote text: 12-13`.");
    expect(quoted(declined)).toEqual([]);
    // The suggestion runs as given; one paragraph is written as one number.
    expect(quoted(await dispatcher.command("quote", { text: "12-13" }, origin()))).toEqual([12, 13]);
    expect((await dispatcher.command("quote", { text: "13-15" }, origin())).content).toBe(
      "¶13–15 goes past where your group has read (¶13). Try `/quote text: 13`.",
    );
    expect(quoted(await dispatcher.command("quote", { text: "13" }, origin()))).toEqual([13]);
  });
});

describe("/plan and /progress", () => {
  it("an organiser sets the position by section; /progress shows it with the sections' ranges", async () => {
    const set = await dispatcher.command("plan", { section: 3, session: 4, date: "2026-12-10" }, origin());
    expect(set.ephemeral).toBe(false);
    expect(visibleText(set)).toContain("Reading position for the server: up to ¶29 (the end of [Who was Stalin?])");
    expect((await store.position(GUILD, []))?.upTo).toBe(29);
    const progress = visibleText(await dispatcher.command("progress", {}, origin({ memberPermissions: MEMBER })));
    expect(progress).toContain("✓ 3. ¶17–29 · [Who was Stalin?]");
    expect(progress).toContain("· 4. ¶30–39 · Purge trials — 2026-12-10");
  });

  it.each(["none", "off", "-"])("date: %s unschedules a section, and says so", async (off) => {
    await dispatcher.command("plan", { session: 4, date: "2026-12-10" }, origin());
    const unscheduled = await dispatcher.command("plan", { session: 4, date: off }, origin());
    expect(visibleText(unscheduled)).toContain("Session 4 is no longer scheduled.");
    expect(visibleText(unscheduled)).toContain("· 4. ¶30–39 · Purge trials\n");
    expect((await store.sessions(GUILD)).find((s) => s.section === 4)?.date ?? null).toBeNull();
  });

  it("cites a paragraph before the first heading by the name /progress and /about give that part: Opening", async () => {
    const progress = visibleText(await dispatcher.command("progress", {}, origin()));
    expect(progress).toContain("1. ¶1–8 · Opening");
    const about = visibleText(await dispatcher.command("about", {}, origin()));
    expect(about).toContain("¶1–8 · Opening\n");
    expect(about).not.toMatch(/before the first heading/);
    const quoted = await dispatcher.command("quote", { paragraph: 7 }, origin());
    expect(quoted.embeds?.[0]?.title).toBe("¶7 · Opening");
  });

  it("says the session it schedules as /plan's option names it: Session 4, not Section 4", async () => {
    const set = visibleText(await dispatcher.command("plan", { session: 4, date: "2026-12-10" }, origin()));
    expect(set).toContain("Session 4 (¶30–39 · Purge trials) is read on 2026-12-10.");
  });

  it("given a date already past, declines to schedule it and says today's date; yesterday (UTC) is still someone's today", async () => {
    const past = await dispatcher.command("plan", { session: 4, date: "2020-01-01" }, origin());
    expect(past.content).toBe("2020-01-01 has passed (today is 2026-11-27, UTC): give the day session 4 will be read, as YYYY-MM-DD.");
    expect(past.ephemeral).toBe(true);
    expect(await store.sessions(GUILD)).toEqual([]);
    expect(visibleText(await dispatcher.command("plan", { session: 4, date: "2026-11-26" }, origin()))).toContain("is read on 2026-11-26");
  });

  it("given a session dated yesterday or today past the reminder time, says what becomes of its reminder", async () => {
    // The clock reads 2026-11-27 12:00 UTC. Without reminders set, only that a day is past.
    const said = async (date: string) => visibleText(await dispatcher.command("plan", { session: 4, date }, origin()));
    expect(await said("2026-11-26")).toContain(
      "Session 4 (¶30–39 · Purge trials) is read on 2026-11-26. That day has already passed (UTC).",
    );
    expect(await said("2026-11-27")).not.toMatch(/passed|reminder/);
    await store.updateSettings(GUILD, { reminderChannel: CHANNEL, reminderTime: "18:00" }, "t", new Date());
    expect(await said("2026-11-27")).not.toMatch(/passed|reminder/);
    expect(await said("2026-11-26")).toContain(
      "is read on 2026-11-26. Its reminder time (2026-11-26 at 18:00 UTC) has passed, so its reminder goes out now, late.",
    );
    await store.updateSettings(GUILD, { reminderTime: "09:00" }, "t", new Date());
    expect(await said("2026-11-27")).toContain(
      "Its reminder time (2026-11-27 at 09:00 UTC) has passed, so its reminder goes out now, late.",
    );
    expect(await said("2026-11-26")).toContain(
      "Its reminder time (2026-11-26 at 09:00 UTC) is more than a day past, so no reminder goes out for it.",
    );
    expect(await said("2026-12-10")).not.toMatch(/passed|reminder/);
  });

  it("given a session dated again for the day whose reminder already went out, says it went out, not that it goes out now", async () => {
    // The clock reads 2026-11-27 12:00 UTC; reminders at 09:00, so today's is late when first dated.
    await store.updateSettings(GUILD, { reminderChannel: CHANNEL, reminderTime: "09:00" }, "t", new Date());
    const late = "Its reminder time (2026-11-27 at 09:00 UTC) has passed, so its reminder goes out now, late.";
    expect(visibleText(await dispatcher.command("plan", { session: 4, date: "2026-11-27" }, origin()))).toContain(late);
    const sent: ReminderMessage[] = [];
    const reminders = new ReminderScheduler({
      store,
      search: realSearch(),
      clock: new FakeClock(Date.parse("2026-11-27T12:00:00Z")),
      logger: captureLogger().logger,
      owns: () => true,
      send: (m) => {
        sent.push(m);
        return Promise.resolve();
      },
    });
    expect(await reminders.tick()).toBe(1);
    // The same day again (a slip, or to check): nothing goes out, and the reply says so.
    const again = visibleText(await dispatcher.command("plan", { session: 4, date: "2026-11-27" }, origin()));
    expect(again).not.toContain(late);
    expect(again).toContain("is read on 2026-11-27. Its reminder (2026-11-27 at 09:00 UTC) has already gone out.");
    expect(await reminders.tick()).toBe(0);
    expect(sent).toHaveLength(1);
    // Another day past its reminder time is a reminder not yet sent: it goes out now, late, as said.
    expect(visibleText(await dispatcher.command("plan", { session: 4, date: "2026-11-26" }, origin()))).toContain(
      "Its reminder time (2026-11-26 at 09:00 UTC) is more than a day past, so no reminder goes out for it.",
    );
    await store.updateSettings(GUILD, { reminderTime: "10:00" }, "t", new Date());
    expect(visibleText(await dispatcher.command("plan", { session: 4, date: "2026-11-27" }, origin()))).toContain(
      "Its reminder time (2026-11-27 at 10:00 UTC) has passed, so its reminder goes out now, late.",
    );
    expect(await reminders.tick()).toBe(1);
  });

  it("given a session dated before an earlier session (or after a later one), schedules it and says so, with how to change it", async () => {
    const said = async (session: number, date: string) => visibleText(await dispatcher.command("plan", { session, date }, origin()));
    await said(4, "2026-12-10");
    const five = await said(5, "2026-12-03");
    expect(five).toContain(
      "Session 5 (¶40–51 · Heroic opposition) is read on 2026-12-03. Session 5's date (2026-12-03) comes before session 4's (2026-12-10); if that is a slip, `/plan session: 5 date: YYYY-MM-DD` changes it.",
    );
    expect((await store.sessions(GUILD)).find((s) => s.section === 5)?.date).toBe("2026-12-03");
    // From the other side: an earlier session dated after later ones names each of them.
    await said(3, "2026-12-01");
    expect(await said(2, "2026-12-12")).toContain(
      "Session 2's date (2026-12-12) comes after session 3's (2026-12-01), session 4's (2026-12-10) and session 5's (2026-12-03); if that is a slip, `/plan session: 2 date: YYYY-MM-DD` changes it.",
    );
    // In order, nothing is said.
    expect(await said(2, "2026-11-30")).not.toMatch(/comes (?:before|after)|same day/);
  });

  it("given two sessions on the same day, schedules both and says they are read the same day, without calling it a slip", async () => {
    await dispatcher.command("plan", { session: 4, date: "2026-12-10" }, origin());
    const same = visibleText(await dispatcher.command("plan", { session: 5, date: "2026-12-10" }, origin()));
    expect(same).toContain("is read on 2026-12-10. Session 4 is read the same day.");
    expect(same).not.toMatch(/comes (?:before|after)|slip/);
  });

  it("'here' sets this channel's position only; clear removes it", async () => {
    await dispatcher.command("plan", { paragraph: 20 }, origin());
    const here = await dispatcher.command("plan", { paragraph: 35, here: true }, origin());
    expect(visibleText(here)).toContain("Reading position for this channel: up to ¶35");
    expect((await store.position(GUILD, [CHANNEL]))?.upTo).toBe(35);
    expect((await store.position(GUILD, ["elsewhere"]))?.upTo).toBe(20);
    await dispatcher.command("plan", { clear: true, here: true }, origin());
    expect((await store.position(GUILD, [CHANNEL]))?.upTo).toBe(20);
  });

  it("clear without here removes the position in force here: this channel's own, saying the server's now applies here", async () => {
    await dispatcher.command("plan", { paragraph: 16 }, origin());
    await dispatcher.command("plan", { paragraph: 20, here: true }, origin());
    const cleared = await dispatcher.command("plan", { clear: true }, origin());
    expect(visibleText(cleared)).toContain(
      "Removed the reading position of this channel. The server's position (¶16) still applies elsewhere and now here; to remove it too: `/plan clear: true here: false`.",
    );
    expect(await store.position(GUILD, [CHANNEL])).toMatchObject({ channelId: null, upTo: 16 });
    // Then, with no channel position left, the server's is the one in force here.
    expect(visibleText(await dispatcher.command("plan", { clear: true }, origin()))).toContain(
      "Removed the reading position of the server.",
    );
    expect(await store.positions(GUILD)).toEqual([]);
  });

  it("in a thread, clear without here removes its channel's position when the thread has none of its own", async () => {
    await dispatcher.command("plan", { paragraph: 20, here: true }, origin());
    const cleared = visibleText(await dispatcher.command("plan", { clear: true }, inThread("900000000000000050")));
    expect(cleared).toContain("Removed the reading position of this thread's channel. No position applies here now");
    expect(await store.positions(GUILD)).toEqual([]);
  });

  it("clears the server's while this channel has its own only when asked plainly, with here: false, and says the channel's stays", async () => {
    await dispatcher.command("plan", { paragraph: 16 }, origin());
    await dispatcher.command("plan", { paragraph: 20, here: true }, origin());
    const cleared = visibleText(await dispatcher.command("plan", { clear: true, here: false }, origin()));
    expect(cleared).toContain("Removed the reading position of the server. This channel keeps its own (¶20).");
    expect((await store.positions(GUILD)).map((p) => p.channelId)).toEqual([CHANNEL]);
    expect(await dispatcher.command("plan", { clear: true, here: false }, origin())).toMatchObject({
      content: "Nothing to clear: the server has no reading position. This channel's own (¶20) is cleared with `/plan clear: true`.",
      ephemeral: true,
    });
    const progress = visibleText(await dispatcher.command("progress", {}, origin()));
    expect(progress).toContain("No reading position is set for the server.");
    expect(progress).not.toContain("answers may cite the whole review");
    expect(progress).toContain("Answers here cite only ¶1–20.");
  });

  it("given a section with a session, schedules it and says plainly that the position moved, and from where", async () => {
    await dispatcher.command("plan", { paragraph: 16 }, origin());
    const both = visibleText(await dispatcher.command("plan", { session: 3, date: "2026-12-12", section: 3 }, origin()));
    expect(both).toContain("Session 3 (¶17–29 · [Who was Stalin?]) is read on 2026-12-12.");
    expect(both).toContain(
      "The reading position moved too (`section: 3` moves it; `session` with `date` only schedules):\nReading position for the server: up to ¶29 (the end of [Who was Stalin?]), moved from ¶16.",
    );
    // A position set alone says where it was too; set to where it already is, no move is claimed.
    expect(visibleText(await dispatcher.command("plan", { paragraph: 20 }, origin()))).toContain(
      "up to ¶20 (in [Who was Stalin?], ¶17–29), moved from ¶29.",
    );
    expect(visibleText(await dispatcher.command("plan", { paragraph: 20 }, origin()))).not.toContain("moved");
  });

  it("says a day the calendar lacks does not exist, and that a session unscheduled twice was not scheduled", async () => {
    expect((await dispatcher.command("plan", { session: 2, date: "2026-02-30" }, origin())).content).toBe(
      "2026-02-30 is not a date: February 2026 has 28 days.",
    );
    expect((await dispatcher.command("plan", { session: 2, date: "5 December 2026" }, origin())).content).toBe(
      "“5 December 2026” is not a date: write it as YYYY-MM-DD, e.g. 2026-12-10.",
    );
    await dispatcher.command("plan", { session: 3, date: "2026-12-12" }, origin());
    expect(visibleText(await dispatcher.command("plan", { session: 3, date: "off" }, origin()))).toContain(
      "Session 3 is no longer scheduled.",
    );
    expect(await dispatcher.command("plan", { session: 3, date: "off" }, origin())).toMatchObject({
      content: "Session 3 was not scheduled: nothing to unschedule.",
      ephemeral: true,
    });
  });

  it("given a word that is no date and no session (the console's /plan next), says what /plan takes", async () => {
    expect((await dispatcher.command("plan", { date: "next" }, origin())).content).toBe(
      "/plan has no “next”. `/plan section: 3` or `/plan paragraph: 20` sets the reading position, `/plan clear: true` removes it, `/plan session: 4 date: 2026-12-10` schedules a section.",
    );
  });

  it("given a position and clear at once, refuses both instead of ignoring clear, and changes nothing", async () => {
    await dispatcher.command("plan", { paragraph: 20 }, origin());
    for (const options of [
      { paragraph: 10, clear: true },
      { section: 2, clear: true },
    ]) {
      const reply = await dispatcher.command("plan", options, origin());
      expect(reply).toMatchObject({
        content: "Set a position or clear it, not both: `/plan paragraph: 20` sets one, `/plan clear: true` removes it.",
        ephemeral: true,
      });
    }
    expect((await store.position(GUILD, []))?.upTo).toBe(20);
  });

  it("given clear with nothing to clear, says so privately instead of posting the plan", async () => {
    await dispatcher.command("plan", { paragraph: 20 }, origin());
    const first = await dispatcher.command("plan", { clear: true }, origin());
    expect(first.ephemeral).toBe(false);
    expect(visibleText(first)).toContain("Removed the reading position of the server.");
    const second = await dispatcher.command("plan", { clear: true }, origin());
    expect(second.ephemeral).toBe(true);
    expect(second.embeds ?? []).toEqual([]);
    expect(second.content).toMatch(/^Nothing to clear: the server has no reading position\./);
    const thisChannel = await dispatcher.command("plan", { clear: true, here: true }, origin());
    expect(thisChannel).toMatchObject({ content: "Nothing to clear: this channel has no reading position.", ephemeral: true });
  });

  it("given session with clear, says that clear is for the position and how to unschedule: date: off", async () => {
    await dispatcher.command("plan", { session: 3, date: "2026-12-10" }, origin());
    const reply = await dispatcher.command("plan", { session: 3, clear: true }, origin());
    expect(reply).toMatchObject({
      content: "`clear` removes the reading position, not a date. To unschedule session 3: `/plan session: 3 date: off`.",
      ephemeral: true,
    });
    expect((await dispatcher.command("plan", { session: 3 }, origin())).content).toBe(
      "To schedule a section give both: `/plan session: 4 date: 2026-12-10` (or `date: off` to unschedule it).",
    );
    expect(await store.sessions(GUILD)).toEqual([{ section: 3, date: "2026-12-10" }]);
    // How to unschedule is written where an organiser looks: /help's examples and the option's description.
    expect(visibleText(await dispatcher.command("help", {}, origin()))).toContain("Example: `/plan session: 4 date: off`");
    const json = dispatcher.registry.toJSON() as { name: string; options: { name: string; description: string }[] }[];
    expect(json.find((c) => c.name === "plan")?.options.find((o) => o.name === "date")?.description).toBe(
      "The day that section is read, YYYY-MM-DD, or off to unschedule it",
    );
  });

  it("states a position it sets once: in its intro, not again in the plan below it", async () => {
    const set = visibleText(await dispatcher.command("plan", { paragraph: 10 }, origin()));
    expect(set.match(/up to ¶10/g)).toHaveLength(1);
    expect(set.match(/cite only ¶1–10/g)).toHaveLength(1);
    const here = visibleText(await dispatcher.command("plan", { paragraph: 12, here: true }, origin()));
    expect(here.match(/up to ¶12/g)).toHaveLength(1);
    expect(here.match(/cite only ¶1–12/g)).toHaveLength(1);
    expect(here).toContain("Answers here now cite only ¶1–12.");
    // The server's position, set while this channel has its own: what answers here cite still said.
    const server = visibleText(await dispatcher.command("plan", { paragraph: 14 }, origin()));
    expect(server.match(/up to ¶14/g)).toHaveLength(1);
    expect(server).toContain("Answers here cite only ¶1–12.");
    await store.clearPosition(GUILD, CHANNEL);
    const marked = visibleText(await dispatcher.button(componentId({ kind: "next-section" }), origin()));
    expect(marked.match(/up to ¶16/g)).toHaveLength(1);
    expect(marked.match(/cite only ¶1–16/g)).toHaveLength(1);
  });

  it('given "Next section read" in a channel with its own position, marks the next section read here, the one its plan shows next, and leaves the server\'s', async () => {
    await store.setPosition({ guildId: GUILD, channelId: null, upTo: 16, setBy: "t", at: new Date() });
    await store.setPosition({ guildId: GUILD, channelId: CHANNEL, upTo: 8, setBy: "t", at: new Date() });
    const marked = visibleText(await dispatcher.button(componentId({ kind: "next-section" }), origin()));
    expect(marked).toContain(
      "Marked read: this channel has now read up to ¶16 (the end of Total fabrication). Answers here now cite only ¶1–16.",
    );
    expect((await store.position(GUILD, [CHANNEL]))?.upTo).toBe(16);
    expect((await store.position(GUILD, []))?.upTo).toBe(16);
    // In a thread of that channel, the channel's position is the one in force, and the one moved.
    const inItsThread = visibleText(await dispatcher.button(componentId({ kind: "next-section" }), inThread("t1")));
    expect(inItsThread).toContain("this thread's channel has now read up to ¶29");
    expect((await store.position(GUILD, [CHANNEL]))?.upTo).toBe(29);
    expect((await store.position(GUILD, []))?.upTo).toBe(16);
  });

  it("a member without Manage Server cannot change the plan, by command or by button", async () => {
    const member = origin({ memberPermissions: MEMBER });
    expect((await dispatcher.command("plan", { section: 2 }, member)).content).toBe(NOT_ORGANISER);
    expect(await dispatcher.button(componentId({ kind: "next-section" }), member)).toMatchObject({
      content: NOT_ORGANISER,
      ephemeral: true,
    });
    expect(await store.position(GUILD, [])).toBeNull();
    const moved = await dispatcher.button(
      componentId({ kind: "next-section" }),
      origin({ memberPermissions: PermissionFlagsBits.Administrator }),
    );
    expect(visibleText(moved)).toContain("the group has now read up to ¶8 (the end of Opening)");
  });

  it("mistakes get plain answers", async () => {
    expect((await dispatcher.command("plan", { section: 9 }, origin())).content).toBe("The review has 5 sections; /progress lists them.");
    expect((await dispatcher.command("plan", { session: 2, date: "2026-02-30" }, origin())).content).toMatch(/is not a date/);
    expect((await dispatcher.command("plan", { paragraph: 99 }, origin())).content).toMatch(/There is no ¶99/);
    expect((await dispatcher.command("progress", {}, origin({ guildId: null }))).content).toMatch(/belong to a server/);
  });
});

describe("/progress's discussion threads", () => {
  const record = (threadId: string, first: number, last: number, second: number) =>
    store.recordThread({
      guildId: GUILD,
      parentId: CHANNEL,
      threadId,
      first,
      last,
      name: `Discussing ¶${first}–${last}`,
      openedBy: "t",
      promptsShown: 0,
      at: new Date(Date.UTC(2026, 10, 27, 12, 0, second)),
    });

  it("lists every thread it counts: the Opening's too, the first of six opened", async () => {
    const ranges = [
      [1, 8],
      [9, 16],
      [17, 29],
      [30, 39],
      [40, 51],
      [12, 14],
    ] as const;
    for (const [i, [first, last]] of ranges.entries()) await record(`90000000000000010${i}`, first, last, i);
    const progress = visibleText(await dispatcher.command("progress", {}, origin()));
    expect(progress).toContain("Discussion threads (6)");
    for (const [first, last] of ranges) expect(progress).toContain(`¶${first}–${last}`);
    expect(progress).toContain("<#900000000000000100> ¶1–8");
  });

  it("past the reading position, counts the threads apart without their passages, and lists them again once read", async () => {
    await record("900000000000000100", 9, 16, 0);
    await record("900000000000000101", 40, 51, 1);
    await dispatcher.command("plan", { paragraph: 16 }, origin());
    const progress = visibleText(await dispatcher.command("progress", {}, origin({ memberPermissions: MEMBER })));
    expect(progress).toContain("Discussion threads (1)");
    expect(progress).toContain("<#900000000000000100> ¶9–16");
    expect(progress).toContain("1 more is about paragraphs past ¶16, not listed here.");
    expect(progress).not.toContain("> ¶40–51");
    expect(progress).not.toContain("900000000000000101");
    await dispatcher.command("plan", { paragraph: 51 }, origin());
    const later = visibleText(await dispatcher.command("progress", {}, origin()));
    expect(later).toContain("Discussion threads (2)");
    expect(later).toContain("<#900000000000000101> ¶40–51");
    expect(later).not.toContain("past ¶");
  });

  it("given a thread whose passage starts within the position, lists it as the current reading, saying it runs past the position", async () => {
    await record("900000000000000100", 1, 8, 0);
    await record("900000000000000101", 9, 16, 1);
    await record("900000000000000102", 40, 51, 2);
    await dispatcher.command("plan", { paragraph: 10, here: true }, origin());
    const progress = visibleText(await dispatcher.command("progress", {}, origin({ memberPermissions: MEMBER })));
    expect(progress).toContain("Discussion threads (2)");
    expect(progress).toContain("<#900000000000000101> ¶9–16 (runs past ¶10)");
    expect(progress).toMatch(/<#900000000000000100> ¶1–8$/m);
    expect(progress).toContain("1 more is about paragraphs past ¶10, not listed here.");
    expect(progress).not.toContain("900000000000000102");
  });

  it('given only threads past the reading position, says how many without a "more"', async () => {
    await record("900000000000000101", 40, 51, 1);
    await dispatcher.command("plan", { paragraph: 16 }, origin());
    const progress = visibleText(await dispatcher.command("progress", {}, origin()));
    expect(progress).toContain("1 is about paragraphs past ¶16, not listed here.");
  });

  it("given more threads than it lists, says how many older ones it leaves out", async () => {
    for (let i = 0; i < 12; i++) await record(`9000000000000002${String(i).padStart(2, "0")}`, i + 1, i + 1, i);
    const progress = visibleText(await dispatcher.command("progress", {}, origin()));
    expect(progress).toContain("Discussion threads (12)");
    expect(progress).toContain("…and 2 older");
    expect(progress).not.toContain("<#900000000000000200>");
  });
});

describe("/discuss", () => {
  it("opens a thread named for the section, seeded with each cited paragraph and prompts, and records it", async () => {
    const reply = await dispatcher.command("discuss", { section: 3 }, origin());
    expect(reply.content).toBe(
      "Opened <#90000000000000100>: Discussing ¶17–29 · \\[Who was Stalin?\\]. Ask there and /ask answers with ¶17–29 in mind.",
    );
    expect(opened).toHaveLength(1);
    const request = opened[0]!;
    expect(request.name).toBe("Discussing ¶17–29 · [Who was Stalin?]");
    const titles = request.messages.flatMap((m) => m.embeds ?? []).map((e) => e.title);
    expect(titles).toHaveLength(13);
    expect(titles[0]).toBe("¶17 · \\[Who was Stalin?\\]");
    for (const m of request.messages) expectWithinLimits(m);
    const prompts = request.messages.at(-1)!;
    expect(prompts.content).toMatch(/To discuss/);
    expect(prompts.content?.match(/^• /gm)).toHaveLength(3);
    expect(buttonLabels(prompts)).toEqual(["Another prompt"]);
    expect(await store.thread("90000000000000100")).toMatchObject({ first: 17, last: 29, promptsShown: 3, parentId: CHANNEL });
  });

  it("given a passage as long as a section (¶1–8, ¶17–29), opens it as the section would be; only one longer than the longest section is refused", async () => {
    const search = realSearch();
    const longest = Math.max(...search.primary.sections.map((s) => s.last - s.first + 1));
    expect(longest).toBe(13);
    expect(longestPassage(search)).toBe(longest);
    expect((await dispatcher.command("discuss", { passage: "1-8" }, origin())).content).toMatch(
      /^Opened <#\d+>: Discussing ¶1–8 · Opening\./,
    );
    expect((await dispatcher.command("discuss", { passage: "17-29" }, origin())).content).toMatch(/^Opened <#\d+>: Discussing ¶17–29/);
    expect(opened.map((o) => o.messages.flatMap((m) => m.embeds ?? []).length)).toEqual([8, 13]);
    for (const m of opened.flatMap((o) => o.messages)) expectWithinLimits(m);
    expect((await dispatcher.command("discuss", { passage: "30-43" }, origin())).content).toBe(
      "At most 13 paragraphs at a time: ¶30–43 is 14. Try ¶30–42.",
    );
    expect((await dispatcher.command("discuss", { passage: "the end" }, origin())).content).toBe(
      "Give the passage as a paragraph or a range, e.g. `17` or `12-14` (at most 13 paragraphs, as long as the longest section).",
    );
    expect(opened).toHaveLength(2);
  });

  it("shows the study notes' prompts as sentences: a capital first, a question mark on a question, names as the review writes them", () => {
    const search = realSearch();
    expect(promptsFor(search, { first: 1, last: 8 }).map(promptLine)).toContain(
      "¶1: What words come after the colon in the name of Amis's new book?",
    );
    for (const p of promptsFor(search, { first: 1, last: search.primary.paragraphs.length })) {
      const line = promptLine(p);
      expect(line.replace(/^¶\d+(?: leaves open)?: /, ""), line).toMatch(/^[^a-z]/);
      expect(line.toLowerCase().replace(/[?]$/, "")).toContain(p.text.toLowerCase().replace(/[?]$/, "").trim());
    }
  });

  it("offers first the prompts that ask why, how or what someone argues, and last those asking only to recall a word, a name or a date", async () => {
    await dispatcher.command("discuss", { section: 1 }, origin());
    const shown = opened[0]!.messages.at(-1)!.content!;
    expect(shown).not.toContain("What words come after the colon");
    const search = realSearch();
    const lines = promptsFor(search, { first: 1, last: 8 }).map(promptLine);
    expect(lines[0]).toMatch(/^¶\d+(?: leaves open)?: (?:Why|How)\b/);
    expect(lines.indexOf("¶1: What words come after the colon in the name of Amis's new book?")).toBeGreaterThan(
      lines.findLastIndex((l) => /: Why\b/.test(l)),
    );
  });

  it("offers as prompts only the notes written as questions or tasks, none written as search words", () => {
    const search = realSearch();
    const prompts = promptsFor(search, { first: 1, last: search.primary.paragraphs.length });
    for (const p of prompts)
      expect(promptLine(p), p.text).toMatch(
        /\?["'”’)]?$|: (?:Give|Name|Describe|Explain|List|Compare|Contrast|Discuss|Summari[sz]e|Outline)\b/,
      );
    // ¶2's note "Stalin death toll estimate" is for search, not for a discussion.
    expect(prompts.map((p) => p.text)).not.toContain("Stalin death toll estimate");
    expect(prompts.map((p) => p.text)).toContain("Give an example of a Trotskyist who opposed Stalin.");
  });

  it("given notes typed in lower case, /discuss and 'Another prompt' show the review's names capitalised, its other words as typed", async () => {
    await dispatcher.command("discuss", { passage: "16" }, origin());
    const shown = [opened[0]!.messages.at(-1)!.content!];
    for (let i = 0; i < 5; i++) {
      shown.push((await dispatcher.button(componentId({ kind: "prompt", first: 16, last: 16 }), inThread("90000000000000100"))).content!);
    }
    const text = shown.join("\n");
    expect(text).toMatch(/\b(?:Lenin|Trotsky|Stalin|Amis)'s\b/);
    expect(text).not.toMatch(/\b(?:lenin|trotsky|stalin)\b/);
    const search = realSearch();
    // The note reads "did lenin and trotsky have to battle to keep these principles alive" (¶16's eighth prompt).
    expect(promptsFor(search, { first: 16, last: 16 }).map(promptLine)).toContain(
      "¶16: Did Lenin and Trotsky have to battle to keep these principles alive?",
    );
    for (const p of promptsFor(search, { first: 1, last: search.primary.paragraphs.length })) {
      expect(p.text).not.toMatch(/\b(?:amis|stalin|lenin|trotsky|trotskyists?|koba|guardian)\b/);
    }
  });

  it("counts against the member cooldown, as a public post does: the sixth thread in 30 seconds waits, and so does the sixth 'Another prompt'", async () => {
    const replies = [];
    for (let i = 1; i <= 6; i++) replies.push(await dispatcher.command("discuss", { passage: String(i) }, origin()));
    expect(replies.slice(0, 5).every((r) => r.content?.startsWith("Opened <#"))).toBe(true);
    expect(replies[5]!.content).toMatch(/asking quickly/);
    expect(opened).toHaveLength(5);

    const other = { user: { id: "900000000000000010", name: "Leon" } };
    const clicks = [];
    for (let i = 0; i < 6; i++)
      clicks.push(await dispatcher.button(componentId({ kind: "prompt", first: 1, last: 1 }), inThread("90000000000000100", other)));
    expect(clicks.slice(0, 5).every((r) => r.content?.startsWith("**Another prompt**"))).toBe(true);
    expect(clicks[5]!.content).toMatch(/posting quickly/);
  });

  it("given a position inside a section, plain /discuss opens the part of it read so far instead of refusing its own default", async () => {
    await dispatcher.command("plan", { paragraph: 10 }, origin());
    const reply = await dispatcher.command("discuss", {}, origin());
    expect(reply.content).toBe(
      "Opened <#90000000000000100>: Discussing ¶9–10 · Total fabrication. Ask there and /ask answers with ¶9–10 in mind.",
    );
    expect(opened[0]!.messages.flatMap((m) => m.embeds ?? []).map((e) => e.title)).toEqual([
      "¶9 · Total fabrication",
      "¶10 · Total fabrication",
    ]);
  });

  it("given the position moved back within a section, plain /discuss points to the thread already open for it, saying it runs past the position; a passage asked for opens its own", async () => {
    await dispatcher.command("plan", { paragraph: 39 }, origin());
    await dispatcher.command("discuss", {}, origin());
    await dispatcher.command("plan", { paragraph: 35 }, origin());
    const again = await dispatcher.command("discuss", {}, origin());
    expect(again.content).toBe(
      "This section is being discussed in <#90000000000000100> (¶30–39, which runs past where your group has read, ¶35): carry on there. To open a thread for ¶30–35 only: `/discuss passage: 30-35`.",
    );
    expect(again.ephemeral).toBe(true);
    expect(opened).toHaveLength(1);
    expect((await dispatcher.command("discuss", { passage: "30-35" }, origin())).content).toMatch(
      /^Opened <#90000000000000101>: Discussing ¶30–35/,
    );
  });

  it("given the group read on within a section, plain /discuss carries on in the thread of its earlier part; a passage asked for opens its own", async () => {
    await dispatcher.command("plan", { paragraph: 10 }, origin());
    await dispatcher.command("discuss", {}, origin());
    await dispatcher.command("plan", { paragraph: 12 }, origin());
    const again = await dispatcher.command("discuss", {}, origin());
    expect(again.content).toBe(
      "This section is being discussed in <#90000000000000100> (¶9–10): carry on there. To open a thread for all of ¶9–12 read so far: `/discuss passage: 9-12`.",
    );
    expect(again.ephemeral).toBe(true);
    expect(opened).toHaveLength(1);
    expect((await dispatcher.command("discuss", { passage: "9-12" }, origin())).content).toMatch(
      /^Opened <#90000000000000101>: Discussing ¶9–12/,
    );
  });

  it("under a position, a range too long is never answered with a suggestion that is then refused", async () => {
    await dispatcher.command("plan", { paragraph: 16 }, origin());
    expect((await dispatcher.command("discuss", { passage: "40-45" }, origin())).content).toBe(
      "¶40–45 goes past where your group has read (¶16). When the group has read it, `/plan paragraph: 45` moves the reading position there.",
    );
    expect((await dispatcher.command("quote", { text: "40-45" }, origin())).content).toBe(
      "¶40–45 goes past where your group has read (¶16).",
    );
    // /discuss takes a passage as long as a section (13 paragraphs), /quote one of 5.
    const long = await dispatcher.command("discuss", { passage: "1-16" }, origin());
    expect(long.content).toBe("At most 13 paragraphs at a time: ¶1–16 is 16. Try ¶1–13.");
    expect(opened).toHaveLength(0);
    // The suggestion is accepted, by /discuss and by /quote.
    expect((await dispatcher.command("discuss", { passage: "1-13" }, origin())).content).toMatch(/^Opened <#\d+>: Discussing ¶1–13/);
    expect((await dispatcher.command("quote", { text: "13-19" }, origin())).content).toBe(
      "At most 5 paragraphs at a time: ¶13–19 is 7. Try ¶13–16.",
    );
    expect((await dispatcher.command("quote", { text: "13-16" }, origin())).embeds).toHaveLength(4);
  });

  it("given a range written backwards, /discuss reads it forwards as /quote does, and says it read it so", async () => {
    const quoted = await dispatcher.command("quote", { text: "9-8" }, origin());
    expect(quoted.embeds?.map((e) => e.title)).toEqual(["¶8 · Opening", "¶9 · Total fabrication"]);
    const reversed = await dispatcher.command("discuss", { passage: "9-8" }, origin());
    expect(reversed.content).toBe(
      "Read `9-8` as ¶8–9. Opened <#90000000000000100>: Discussing ¶8–9. Ask there and /ask answers with ¶8–9 in mind.",
    );
    expect(await store.thread("90000000000000100")).toMatchObject({ first: 8, last: 9 });
    // Said on every answer about that passage, not only on opening; a range written forwards says nothing of it.
    expect((await dispatcher.command("discuss", { passage: "¶9–¶8" }, origin())).content).toMatch(
      /^Read `¶9–¶8` as ¶8–9\. ¶8–9 is already being discussed in <#90000000000000100>/,
    );
    expect((await dispatcher.command("discuss", { passage: "8-9" }, origin())).content).toMatch(/^¶8–9 is already being discussed/);
    await dispatcher.command("plan", { paragraph: 8 }, origin());
    expect((await dispatcher.command("discuss", { passage: "9 to 8" }, origin())).content).toBe(
      "Read `9 to 8` as ¶8–9. ¶8–9 goes past where your group has read (¶8). Try `/discuss passage: 8`.",
    );
  });

  it("given a passage already discussed in the channel, /discuss points to its thread instead of opening a second one", async () => {
    await dispatcher.command("discuss", { section: 2 }, origin());
    const again = await dispatcher.command("discuss", { section: 2 }, origin());
    expect(again.content).toBe(
      "¶9–16 is already being discussed in <#90000000000000100>: Discussing ¶9–16 · Total fabrication. Carry on there; /ask inside it answers with ¶9–16 in mind.",
    );
    expect(again.ephemeral).toBe(true);
    expect(opened).toHaveLength(1);
    expect(await store.threadCount(GUILD)).toBe(1);
    // Another passage, or the same one in another channel, is another discussion.
    expect((await dispatcher.command("discuss", { passage: "9-12" }, origin())).content).toMatch(/^Opened <#90000000000000101>/);
    const elsewhere = origin({ channel: { id: "900000000000000003", parentId: null, isThread: false } });
    expect((await dispatcher.command("discuss", { section: 2 }, elsewhere)).content).toMatch(/^Opened <#90000000000000102>/);
  });

  it("given a passage inside one already being discussed, opens its own thread and points to the wider one", async () => {
    await dispatcher.command("discuss", { passage: "12-14" }, origin());
    const inside = await dispatcher.command("discuss", { passage: "13" }, origin());
    expect(inside.content).toBe(
      "Opened <#90000000000000101>: Discussing ¶13 · Total fabrication. Ask there and /ask answers with ¶13 in mind. ¶12–14, which holds it, is being discussed in <#90000000000000100>.",
    );
    // A passage holding none of the others says nothing more.
    expect((await dispatcher.command("discuss", { passage: "15-16" }, origin())).content).toBe(
      "Opened <#90000000000000102>: Discussing ¶15–16 · Total fabrication. Ask there and /ask answers with ¶15–16 in mind.",
    );
  });

  it("'Another prompt' in the thread posts the next prompt, counted in the database", async () => {
    await dispatcher.command("discuss", { passage: "12-14" }, origin());
    const thread = inThread("90000000000000100");
    const first = await dispatcher.button(componentId({ kind: "prompt", first: 12, last: 14 }), thread);
    const second = await dispatcher.button(componentId({ kind: "prompt", first: 12, last: 14 }), thread);
    expect(first.ephemeral).toBe(false);
    expect(first.content).toMatch(/^\*\*Another prompt\*\*: ¶1[234]/);
    expect(second.content).not.toBe(first.content);
    expect((await store.thread("90000000000000100"))?.promptsShown).toBe(5);
  });

  it("inside the thread, /ask prefers the thread's passage", async () => {
    await dispatcher.command("discuss", { section: 2 }, origin());
    const question = "how does the review argue that lenin and trotsky werent just early versions of stalin";
    expect(visibleText(await dispatcher.command("ask", { question }, origin()))).toMatch(/^“[^\n]*\n\n¶19 ·/);
    expect(visibleText(await dispatcher.command("ask", { question }, inThread("90000000000000100")))).toMatch(/^“[^\n]*\n\n¶11 ·/);
  });

  it("without the thread permissions, or when Discord refuses, answers plainly and records nothing", async () => {
    const noPerm = await dispatcher.command("discuss", { section: 1 }, origin({ appPermissions: PermissionFlagsBits.SendMessages }));
    expect(noPerm.content).toMatch(/Create Public Threads\*\* and \*\*Send Messages in Threads/);
    expect(opened).toHaveLength(0);
    threadAnswer = () => ({ ok: false, code: "too-many-threads", message: "160006" });
    expect((await dispatcher.command("discuss", { section: 1 }, origin())).content).toMatch(/too many active threads/);
    expect(await store.threadCount(GUILD)).toBe(0);
  });

  it("given a section wholly past the position, /discuss points the organiser to the /plan that moves the group there, and a member to an organiser", async () => {
    await store.setPosition({ guildId: GUILD, channelId: null, upTo: 39, setBy: "t", at: new Date() });
    expect((await dispatcher.command("discuss", { section: 5 }, origin())).content).toBe(
      "¶40–51 goes past where your group has read (¶39). When the group has read it, `/plan section: 5` moves the reading position there.",
    );
    expect((await dispatcher.command("discuss", { section: 5 }, origin({ memberPermissions: MEMBER }))).content).toBe(
      "¶40–51 goes past where your group has read (¶39). When the group has read it, an organiser moves the reading position there with `/plan section: 5`.",
    );
    // Where this channel keeps its own position, the /plan named is this channel's.
    await store.setPosition({ guildId: GUILD, channelId: CHANNEL, upTo: 20, setBy: "t", at: new Date() });
    expect((await dispatcher.command("discuss", { section: 4 }, origin())).content).toBe(
      "¶30–39 goes past where your group has read (¶20). When the group has read it, `/plan section: 4 here: true` moves the reading position there.",
    );
    expect(opened).toHaveLength(0);
  });

  it("does not open a discussion past the position, nor inside a thread", async () => {
    await store.setPosition({ guildId: GUILD, channelId: null, upTo: 20, setBy: "t", at: new Date() });
    expect((await dispatcher.command("discuss", { section: 3 }, origin())).content).toBe(
      "¶17–29 goes past where your group has read (¶20). Try `/discuss passage: 17-20`.",
    );
    // A passage that begins at the position: one paragraph, suggested as one number.
    expect((await dispatcher.command("discuss", { passage: "20-21" }, origin())).content).toBe(
      "¶20–21 goes past where your group has read (¶20). Try `/discuss passage: 20`.",
    );
    expect((await dispatcher.command("discuss", {}, inThread("t1"))).content).toMatch(/not from inside a thread/);
    expect(opened).toHaveLength(0);
  });
});
