import { describe, expect, it } from "vitest";
import { MAX_RANGE, paragraphNumbers, parseParagraphList, parseRange, rangeLabel } from "../../src/search/index.ts";
import { realSearch } from "../support/real-search.ts";
import { rangeProblemMessage } from "../../src/format/declines.ts";

const search = realSearch();
const paragraphs = search.primary.paragraphs.length;

describe("paragraph ranges", () => {
  it.each([
    ["12-14", 12, 14],
    ["¶12–14", 12, 14],
    ["¶12-¶14", 12, 14],
    ["12 to 14", 12, 14],
    ["12 13", 12, 13],
    ["¶12, ¶13", 12, 13],
    ["paragraphs 12 and 13", 12, 13],
    ["paragraphs 12—16", 12, 16],
    ["14-12", 12, 14],
    ["7-7", 7, 7],
  ])("reads %s as ¶%i–%i", (text, first, last) => {
    expect(parseRange(text, paragraphs)).toEqual({ ok: true, range: { first, last } });
  });

  it.each(["12", "¶12", "paid a terrible price", "12-14 and more", "", "12 and 20", "¶12, ¶14"])(
    "given %j, which is no range, returns null",
    (text) => {
      expect(parseRange(text, paragraphs)).toBeNull();
    },
  );

  it.each([
    ["12 and 20", [12, 20]],
    ["¶12, ¶14", [12, 14]],
    ["paragraphs 3, 9 and 14", [3, 9, 14]],
    ["20 & 12", [12, 20]],
  ])("reads %j as paragraphs listed apart: %j", (text, numbers) => {
    expect(parseParagraphList(text, paragraphs)).toEqual({ ok: true, numbers });
  });

  it("given a list with a paragraph past the end or more than five, says so; a range or one number is no list", () => {
    expect(parseParagraphList("12 and 60", paragraphs)).toEqual({
      ok: false,
      problem: { kind: "no-paragraph", paragraph: 60, paragraphs },
    });
    expect(parseParagraphList("1, 3, 5, 7, 9, 11", paragraphs)).toMatchObject({
      ok: false,
      problem: { kind: "too-many", first: 1, last: 11 },
    });
    for (const text of ["12-14", "12 and 13", "12", "paid a terrible price"]) expect(parseParagraphList(text, paragraphs)).toBeNull();
  });

  it(`given more than ${MAX_RANGE} paragraphs, says so and suggests a shorter range`, () => {
    const result = parseRange("12-20", paragraphs);
    expect(result).toEqual({ ok: false, problem: { kind: "too-many", first: 12, last: 20, max: MAX_RANGE } });
    expect(result && !result.ok && rangeProblemMessage(result.problem)).toMatch(/At most 5 paragraphs.*¶12–16/);
  });

  it("under a reading position, suggests a shorter range only within it, and says a range starting past it is past it", () => {
    const problem = { kind: "too-many", first: 12, last: 20, max: MAX_RANGE } as const;
    expect(rangeProblemMessage(problem, 30)).toBe("At most 5 paragraphs at a time: ¶12–20 is 9. Try ¶12–16.");
    expect(rangeProblemMessage(problem, 14)).toBe("At most 5 paragraphs at a time: ¶12–20 is 9. Try ¶12–14.");
    expect(rangeProblemMessage(problem, 12)).toBe("At most 5 paragraphs at a time: ¶12–20 is 9. Try ¶12.");
    expect(rangeProblemMessage(problem, 11)).toBe("¶12–20 goes past where your group has read (¶11).");
  });

  it("given a paragraph past the end, names the review's range", () => {
    const result = parseRange(`50-${paragraphs + 2}`, paragraphs);
    expect(result).toEqual({ ok: false, problem: { kind: "no-paragraph", paragraph: paragraphs + 2, paragraphs } });
    expect(result && !result.ok && rangeProblemMessage(result.problem)).toBe(
      `There is no ¶${paragraphs + 2}: the review has paragraphs 1 to ${paragraphs}.`,
    );
  });

  it.each([
    ["paragraphs three to five", 3, 5],
    ["paras twelve-fourteen", 12, 14],
    ["¶ forty to forty-two", 40, 42],
    ["Paragraphs Twenty One to Twenty-Three", 21, 23],
    ["paragraphs eight and nine", 8, 9],
  ])("reads %j, numbers in words after a word for paragraphs, as ¶%i–%i", (text, first, last) => {
    expect(parseRange(text, paragraphs)).toEqual({ ok: true, range: { first, last } });
  });

  it("reads paragraphs listed apart in words, and says a number in words past the end is past it", () => {
    expect(parseParagraphList("paragraphs three, nine and fourteen", paragraphs)).toEqual({ ok: true, numbers: [3, 9, 14] });
    expect(parseParagraphList("paragraphs twelve and twenty", paragraphs)).toEqual({ ok: true, numbers: [12, 20] });
    expect(parseRange("paragraphs fifty to ninety-nine", paragraphs)).toEqual({
      ok: false,
      problem: { kind: "no-paragraph", paragraph: 99, paragraphs },
    });
  });

  it("given number words with no word for paragraphs before them, or a paragraph word before no number, reads no range", () => {
    for (const text of ["three to five", "twenty one", "one and two", "paragraph twenty-one", "paragraphs and more"]) {
      expect(parseRange(text, paragraphs), text).toBeNull();
      expect(parseParagraphList(text, paragraphs), text).toBeNull();
    }
  });

  it.each([
    ["twenty-one", [21]],
    ["twenty one", [21]],
    ["twelve", [12]],
    ["three to five", [3, 4, 5]],
    ["seventeen and seven", [7, 17]],
    ["ninety-nine", [99]],
    ["forty-two, 12 and fourteen", [12, 14, 42]],
  ])("paragraphNumbers reads %j as %j", (text, numbers) => {
    expect(paragraphNumbers(text)).toEqual(numbers);
  });

  it("labels one paragraph and a range", () => {
    expect(rangeLabel({ first: 3, last: 3 })).toBe("¶3");
    expect(rangeLabel({ first: 12, last: 14 })).toBe("¶12–14");
  });
});

describe("ask with a section in mind (boostSection)", () => {
  const question = "how does the review argue that lenin and trotsky werent just early versions of stalin";

  it("given a close second answer inside the boosted section, prefers it", () => {
    expect(search.ask(question).results[0]?.paragraph).toBe(19);
    const boosted = search.ask(question, { boostSection: { first: 9, last: 16 } });
    expect(boosted.answered).toBe(true);
    expect(boosted.results[0]?.paragraph).toBe(11);
  });

  it("given a clearly better answer elsewhere, still gives it (boosted, not restricted)", () => {
    expect(search.ask("show trials", { boostSection: { first: 17, last: 29 } }).results[0]?.paragraph).toBe(36);
  });

  it("a reading position still caps a boosted question", () => {
    const capped = search.ask("what happened to Trotsky's family?", { upTo: 20, boostSection: { first: 40, last: 51 } });
    expect(capped).toMatchObject({ answered: false, results: [], reason: { code: "beyond-position" } });
  });
});
