import { allQuestionSets } from "../support/question-sets.ts";
import { reasonText } from "../support/reason.ts";
import { describe, expect, it } from "vitest";
import { realSearch } from "../support/real-search.ts";

const search = realSearch();
const paragraphs = search.primary.paragraphs.length;

/** Every question and phrase of the project's own question sets. */
const questions = allQuestionSets();

/** One question's answer at a position: every cited paragraph at or before it, a decline worded neutrally. */
function expectSpoilerSafe(kind: string, question: string, upTo: number): void {
  const answer = kind === "quote" ? search.quote(question, { upTo }) : search.ask(question, { upTo });
  for (const r of answer.results) expect(r.paragraph, `${question} @${upTo}`).toBeLessThanOrEqual(upTo);
  // A decline's wording never quotes what lies further on: only the position is named.
  if (answer.reason?.code === "beyond-position") expect(reasonText(answer)).toBe(`Nothing up to ¶${upTo} answers that yet.`);
}

describe("a reading position (upTo) keeps answers spoiler-safe", () => {
  const positions = Array.from({ length: paragraphs }, (_, i) => i + 1);
  // Every question at every tenth position, staggered, so each position meets a tenth of the
  // questions and each question five or so positions (every pair would take ten times as long);
  // the next test adds each question's most telling position.
  const STRIDE = 10;
  it.each(positions)("given position ¶%i, no ask, quote or suggestion cites or names a paragraph past it", (upTo) => {
    questions.forEach(({ kind, question }, i) => {
      if (i % STRIDE === upTo % STRIDE) expectSpoilerSafe(kind, question, upTo);
    });
    for (const r of search.suggest("the", 25, { upTo })) expect(r.paragraph).toBeLessThanOrEqual(upTo);
  });

  it("given each question at the position just before its first answer, nothing past it is cited", () => {
    // Where a leak would show first: the answer lies one paragraph further on.
    for (const { kind, question } of questions) {
      const first = (kind === "quote" ? search.quote(question) : search.ask(question)).results[0]?.paragraph;
      if (first !== undefined && first > 1) expectSpoilerSafe(kind, question, first - 1);
    }
  });

  it("given a question answered only further on, declines neutrally with no passages", () => {
    const answer = search.ask("what happened to Trotsky's family?", { upTo: 20 });
    expect(answer).toMatchObject({ answered: false, results: [], reason: { code: "beyond-position", upTo: 20 } });
  });

  it("given a question the review does not answer, declines it at any position too, not from the passages left", () => {
    for (const { kind, question } of questions) {
      if (kind === "quote" || search.ask(question).answered) continue;
      for (const upTo of [5, 16, 29]) expect(search.ask(question, { upTo }).answered, `${question} @${upTo}`).toBe(false);
    }
  });

  it("given the review's reason for declining names a place first met past the position, the decline does not name it", () => {
    const question = "who murdered Trotsky in Mexico?";
    const whole = search.ask(question);
    expect(whole.reason).toMatchObject({ code: "not-covered", scope: { code: "near-miss", names: ["trotsky", "mexico"] } });
    // Trotsky is named by ¶4; Mexico first in ¶42.
    const early = search.ask(question, { upTo: 16 });
    expect(early).toMatchObject({ answered: false, reason: { code: "not-covered", scope: { code: "near-miss", names: ["trotsky"] } } });
    expect(early.results.length).toBeGreaterThan(0);
    for (const r of early.results) expect(r.paragraph).toBeLessThanOrEqual(16);
    // Past ¶42, the reason is the review's own.
    expect(search.ask(question, { upTo: 45 }).reason).toEqual(whole.reason);
  });

  it("given a decline of the part read whose reason names someone met only further on, names nobody", () => {
    // Trepper is first named in ¶47.
    const early = search.ask("who published Trepper's memoir?", { upTo: 12 });
    expect(early).toMatchObject({ answered: false, reason: { code: "not-covered", scope: null } });
    expect(reasonText(early)).not.toMatch(/Trepper/i);
  });

  it("given a section's heading asked as a question before the group reaches it, answers from what they have read", () => {
    // "[Who was Stalin?]" heads ¶17–29; ¶2 calls him "Soviet dictator Joseph Stalin".
    expect(search.ask("who was Stalin?").results[0]?.paragraph).toBe(17);
    const early = search.ask("who was Stalin?", { upTo: 16 });
    expect(early.answered).toBe(true);
    expect(early.results[0]?.paragraph).toBe(2);
    // The section asked for as a place is still one they have not reached.
    expect(search.ask("the who was Stalin section", { upTo: 16 }).reason?.code).toBe("beyond-position");
  });

  it("given a position past the answer, answers as without one", () => {
    const capped = search.ask("what happened to Trotsky's family?", { upTo: 45 });
    expect(capped.answered).toBe(true);
    expect(capped.results[0]?.paragraph).toBe(42);
  });

  it("given a paragraph number or phrase past the position, quote declines neutrally", () => {
    expect(search.quote("42", { upTo: 20 }).reason?.code).toBe("beyond-position");
    expect(search.quote("paid a terrible personal price", { upTo: 20 })).toMatchObject({ answered: false, results: [] });
    expect(search.quote("paid a terrible personal price", { upTo: 42 }).results[0]?.paragraph).toBe(42);
  });
});
