import { describe, expect, it } from "vitest";
import { maskTokens, REDACTED } from "../../src/bot/logger.ts";
import { leaveOutSecrets } from "../../src/bot/secrets.ts";
import { hasSecret, LEFT_OUT, maskSecrets, SECRET_SHAPES } from "../../src/text/secrets.ts";
import { DISCORD_TOKEN, fakeSecrets, piecesOf } from "../support/fake-secrets.ts";

describe("secret shapes", () => {
  it.each(Object.entries(fakeSecrets))("given a %s pasted inside a sentence, it is left out whole", (_shape, { pasted, secret }) => {
    const { text, removed } = leaveOutSecrets(`my key is ${pasted} why does it fail?`);
    expect(removed).toBe(true);
    expect(text).toContain(LEFT_OUT);
    expect(text.startsWith("my key is ")).toBe(true);
    expect(text.endsWith(" why does it fail?")).toBe(true);
    // Not even a piece of it.
    for (const piece of piecesOf(secret)) expect(text).not.toContain(piece);
  });

  it("given one fake secret of each kind alone, each matches one of the named shapes", () => {
    for (const { pasted } of Object.values(fakeSecrets)) {
      expect(hasSecret(pasted)).toBe(true);
      expect(Object.values(SECRET_SHAPES).some((shape) => shape.test(pasted))).toBe(true);
    }
  });

  it("given a token split by invisible characters (which the search removes), it is still found", () => {
    const hidden = `${DISCORD_TOKEN.slice(0, 10)}\u200b${DISCORD_TOKEN.slice(10)}`;
    const ansi = `${DISCORD_TOKEN.slice(0, 12)}\u001b[0m${DISCORD_TOKEN.slice(12)}`;
    for (const typed of [`token ${hidden} ok`, `token ${ansi} ok`]) {
      const { text, removed } = leaveOutSecrets(typed);
      expect(removed).toBe(true);
      expect(text).toBe(`token ${LEFT_OUT} ok`);
    }
  });

  it("given several secrets and line breaks, it leaves out each and keeps the lines", () => {
    const typed = `first ${fakeSecrets.githubClassic!.pasted}\nsecond ${fakeSecrets.openAiProject!.pasted}`;
    expect(leaveOutSecrets(typed)).toEqual({ text: `first ${LEFT_OUT}\nsecond ${LEFT_OUT}`, removed: true });
  });

  it("given ordinary text, numbers, links, ids and long words, it changes nothing", () => {
    const ordinary = [
      "what happened to Trotsky's family?",
      "Koba the Dread, p. 42: the purge trials of 1936–38",
      "123456789012345678 987654321098765432 3.14159265358979323846",
      "https://www.marxists.org/archive/trotsky/1937/dewey/session01.htm?query=abcdefghijklmnopqrstuvwxyz#section-12",
      "https://discord.com/channels/123456789012345678/123456789012345679/123456789012345680",
      "antidisestablishmentarianism incomprehensibilities pneumonoultramicroscopicsilicovolcanoconiosis",
      "task-force-for-the-reconstruction-of-history sk- skills skeleton ghp akia AKIA1234",
      "a_very_long_snake_case_identifier_with_many_parts and-a-kebab-case-one-just-as-long-as-it",
      "koba-the-dread-review#42 ask:v2:1:2:koba-the-dread-review#42,4,46:who was Trepper",
      "e.g. i.e. etc. U.S.S.R. 1917.10.25",
    ];
    for (const text of ordinary) {
      expect(leaveOutSecrets(text)).toEqual({ text, removed: false });
      expect(hasSecret(text)).toBe(false);
      expect(maskTokens(text)).toBe(text);
    }
  });

  it("given a long file name with dots, it is no token", () => {
    for (const text of [
      "see koba_the_dread_review_2002_isj.annotated.final_version_for_group.pdf for my notes",
      "koba-the-dread-review-notes-for-week-one.docx.backup-copy-of-the-first-draft",
    ]) {
      expect(leaveOutSecrets(text)).toEqual({ text, removed: false });
      expect(maskTokens(text)).toBe(text);
    }
  });

  it("the logger masks exactly what members' text leaves out: the same shapes", () => {
    for (const { pasted, secret } of Object.values(fakeSecrets)) {
      const line = `value “${pasted}” refused`;
      expect(maskTokens(line)).toBe(maskSecrets(line, REDACTED));
      expect(maskTokens(line)).not.toContain(secret);
      // The first check holds by construction (maskTokens is maskSecrets); this one is the logger's own behaviour.
      for (const piece of piecesOf(secret)) expect(maskTokens(line)).not.toContain(piece);
    }
  });
});
