/**
 * A pasted secret end to end: the real bot (discord.js client, real index, a real database)
 * against the emulator. A member pastes tokens into /ask (public), the 👎 form, a message they
 * look up and /quote's autocomplete; "Ask the group" and /unanswered follow. Nothing the bot sent
 * Discord, no log line and no stored row holds any piece of them. On a SQLite file always, and on
 * PostgreSQL when TEST_DATABASE_URL is set.
 */
import { PermissionFlagsBits } from "discord-api-types/v10";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SECRET_LEFT_OUT } from "../../src/bot/secrets.ts";
import type { Storage } from "../../src/storage/index.ts";
import { testEngines } from "../support/databases.ts";
import { fakeSecrets, piecesOf } from "../support/fake-secrets.ts";
import type { DiscordEmulator } from "../emulator/index.ts";
import { buttonId, startGroupOnEmulator, visibleText, type GroupOnEmulator, type LogCapture } from "./helpers.ts";

const ORGANISER = 2248473465835073n | PermissionFlagsBits.ManageGuild; // the emulator's ordinary member, plus Manage Server
const TOKEN = fakeSecrets.discordToken!.secret;
const GITHUB = fakeSecrets.githubClassic!.secret;
const OPENAI = fakeSecrets.openAi!.secret;

let group: GroupOnEmulator;
let emulator: DiscordEmulator;
let store: Storage;
let logs: LogCapture;

describe.each(testEngines())("a pasted secret on $name", (engine) => {
  beforeEach(async () => {
    group = await startGroupOnEmulator(await engine.fresh(true));
    emulator = group.emulator;
    ({ store, logs } = await group.startBot());
  });

  afterEach(async () => {
    await group.stop();
    await engine.dispose();
  });

  it("is never sent to Discord, logged or stored, whichever way a member pasted it, and they are told it was left out", async () => {
    const ask = async (options: Record<string, string | boolean>) =>
      emulator.waitForResponse(emulator.sendCommand({ name: "ask", options }).id);

    const declined = await ask({ question: `my token is ${TOKEN} why did the Titanic sink?`, public: true });
    expect(declined.data.flags ?? 0).toBe(0);
    expect(declined.data.content).toContain(SECRET_LEFT_OUT);
    const posted = await emulator.waitForResponse(
      emulator.sendButton({ customId: buttonId(declined.message, "group:"), message: declined.message! }).id,
    );
    expect(visibleText(posted.data)).toContain("my token is … why did the Titanic sink?");

    const answer = await ask({ question: "what happened to Trotsky's family?" });
    const down = emulator.sendButton({ customId: buttonId(answer.message, "vote:v2:down:"), message: answer.message! });
    const form = (await emulator.waitForResponse(down.id)).data as unknown as { custom_id: string };
    const thanks = await emulator.waitForResponse(
      emulator.sendModalSubmit({ customId: form.custom_id, values: { wanted: `the year; my key ${GITHUB}` }, message: answer.message! }).id,
    );
    expect(thanks.data.content).toContain(SECRET_LEFT_OUT);

    const found = await emulator.waitForResponse(
      emulator.sendMessageCommand({ name: "Find in the review", message: { content: `${OPENAI} what happened to Trotsky's family?` } }).id,
    );
    expect(visibleText(found.data)).toMatch(/¶\d+/);
    const suggested = await emulator.waitForResponse(
      emulator.sendAutocomplete({ name: "quote", options: { text: `${OPENAI} Stalin` }, focused: "text" }).id,
    );
    expect(suggested.data.choices?.length ?? 0).toBeGreaterThan(0);

    const list = await emulator.waitForResponse(emulator.sendCommand({ name: "unanswered", memberPermissions: ORGANISER }).id);
    expect(visibleText(list.data)).toContain("looking for: “the year; my key …”");

    const sent = JSON.stringify(emulator.requests.map((r) => r.body));
    const rows = JSON.stringify([
      await store.db.selectFrom("ask_log").selectAll().execute(),
      await store.db.selectFrom("answer_vote").selectAll().execute(),
    ]);
    expect(rows).toContain("my token is … why did the Titanic sink?");
    for (const secret of [TOKEN, GITHUB, OPENAI]) {
      for (const piece of piecesOf(secret)) {
        expect(sent.includes(piece), `“${piece}” sent to Discord`).toBe(false);
        expect(logs.raw.join("").includes(piece), `“${piece}” logged`).toBe(false);
        expect(rows.includes(piece), `“${piece}” stored`).toBe(false);
      }
    }
  });
});
