import { describe, expect, it } from "vitest";
import { reasonText } from "../support/reason.ts";
import { realSearch } from "../support/real-search.ts";

const search = realSearch();
const first = (input: string) => search.quote(input).results[0];

describe("quote", () => {
  it("given a paragraph number too large to count exactly, echoes it as typed, not rounded", () => {
    const answer = search.quote("99999999999999999999");
    expect(answer).toMatchObject({ answered: false, reason: { code: "out-of-range" } });
    expect(reasonText(answer)).toMatch(/^There is no ¶99999999999999999999: the review has paragraphs 1 to \d+\.$/);
  });

  it("given a lone ¶, asks for a paragraph number or a phrase, not a question", () => {
    const answer = search.quote("¶");
    expect(answer).toMatchObject({ answered: false, reason: { code: "no-words" } });
    expect(reasonText(answer)).toMatch(/paragraph number/);
    expect(reasonText(answer)).not.toMatch(/question/);
  });

  it.each(["12", "¶12", "p12", "P. 12", "para 12", "paragraph 12", "#12", "koba-the-dread-review:12"])(
    "finds ¶12 by the reference %j",
    (input) => {
      const answer = search.quote(input);
      expect(answer.answered).toBe(true);
      expect(answer.results).toHaveLength(1);
      expect(answer.results[0]).toMatchObject({ paragraph: 12, section: "Total fabrication" });
      expect(answer.results[0]!.text).toMatch(/^Presumably they were not just evil/);
    },
  );

  it.each([
    ["paragraph twenty-one", [21]],
    ["para twelve", [12]],
    ["paragraphs three to five", [3, 4, 5]],
    ["paragraphs twelve and twenty", [12, 20]],
  ])("finds the paragraphs named in words: %j", (input, paragraphs) => {
    expect(search.quote(input).results.map((r) => r.paragraph)).toEqual(paragraphs);
  });

  it.each(["0", "52", "¶999", "-3", "p 12345678901234"])("given the out-of-range paragraph %j, says which paragraphs exist", (input) => {
    const answer = search.quote(input);
    expect(answer).toMatchObject({ answered: false, reason: { code: "out-of-range" }, results: [] });
    expect(reasonText(answer)).toContain("1 to 51");
  });

  it.each(["12-14", "¶12–14", "¶12-¶14", "12 to 14", "paragraphs 12 to 14", "14-12"])(
    "quotes the passage ¶12–14 by the range %j",
    (input) => {
      const answer = search.quote(input);
      expect(answer).toMatchObject({ query: input, answered: true });
      expect(answer.results.map((r) => r.paragraph)).toEqual([12, 13, 14]);
      for (const r of answer.results) {
        expect(r.text).toBe(search.paragraph(search.primary.meta.id, r.paragraph)!.text);
        expect(r.excerpt).toBe(r.text);
      }
    },
  );

  it.each([
    ["12-20", { kind: "too-many", first: 12, last: 20, max: 5 }],
    ["50 60", { kind: "no-paragraph", paragraph: 60, paragraphs: 51 }],
  ])("given the range %j it cannot quote, declines with what is wrong", (input, problem) => {
    expect(search.quote(input)).toEqual({ query: input, answered: false, reason: { code: "bad-range", problem }, results: [] });
  });

  it("quotes a range only within the reading position, and at most `limit` of its paragraphs", () => {
    expect(search.quote("12-14", { upTo: 13 })).toMatchObject({
      answered: false,
      reason: { code: "beyond-position", upTo: 13 },
      results: [],
    });
    expect(search.quote("12-14", { upTo: 14 }).results.map((r) => r.paragraph)).toEqual([12, 13, 14]);
    expect(search.quote("12-14", { limit: 2 }).results.map((r) => r.paragraph)).toEqual([12, 13]);
  });

  it("given a range by its numbers, quoteRange declines one past the review's end", () => {
    expect(search.quoteRange({ first: 50, last: 52 }).reason).toEqual({
      code: "bad-range",
      problem: { kind: "no-paragraph", paragraph: 52, paragraphs: 51 },
    });
  });

  it("given a range by its numbers backwards, too long, not whole or at a position that is no number, quoteRange reads or declines it as quote does", () => {
    expect(search.quoteRange({ first: 14, last: 12 }).results.map((r) => r.paragraph)).toEqual([12, 13, 14]);
    expect(search.quoteRange({ first: 12, last: 30 }).reason).toEqual({
      code: "bad-range",
      problem: { kind: "too-many", first: 12, last: 30, max: 5 },
    });
    expect(search.quoteRange({ first: 1.5, last: 2.5 }).reason).toMatchObject({ code: "bad-range", problem: { kind: "no-paragraph" } });
    expect(search.quoteRange({ first: 1, last: 2 }, { upTo: Number.NaN }).answered).toBe(false);
  });

  it("given paragraphs listed apart, quotes each whole in order, and declines them all when one lies past the position", () => {
    expect(search.quote("20 and 12").results.map((r) => r.paragraph)).toEqual([12, 20]);
    expect(search.quote("12 and 20", { upTo: 16 })).toMatchObject({ answered: false, reason: { code: "beyond-position" }, results: [] });
    expect(search.quoteParagraphs([14, 12, 14]).results.map((r) => r.paragraph)).toEqual([12, 14]);
    expect(search.quoteParagraphs([12, 99]).reason).toMatchObject({ code: "bad-range", problem: { kind: "no-paragraph", paragraph: 99 } });
  });

  it("given a phrase found word for word past the position and only in part within it, says it lies further on rather than quoting the partial match", () => {
    // ¶11 has "who died in 1924"; ¶3 has "who died in 1995", which matches three of its four words.
    expect(search.quote("who died in 1924").results[0]?.paragraph).toBe(11);
    expect(search.quote("who died in 1924", { upTo: 8 })).toMatchObject({
      answered: false,
      reason: { code: "beyond-position", upTo: 8 },
      results: [],
    });
    // Word for word within the position: quoted as before, whatever lies further on.
    expect(search.quote("who died in 1995", { upTo: 8 }).results[0]?.paragraph).toBe(3);
    // Matched only in part everywhere: the best read so far is still the quote.
    expect(search.quote("who died in 1996", { upTo: 8 }).results[0]?.paragraph).toBe(3);
  });

  it("given a range too long at a reading position, suggests one within the position", () => {
    const answer = search.quote("12-20", { upTo: 13 });
    expect(answer.reason).toMatchObject({ code: "bad-range", upTo: 13 });
    expect(reasonText(answer)).toBe("At most 5 paragraphs at a time: ¶12–20 is 9. Try ¶12–13.");
  });

  it("given a phrase's words remembered in no order the review has, offers first the paragraph holding them all", () => {
    const answer = search.quote("price personal terrible paid");
    expect(answer).toMatchObject({ answered: false, reason: { code: "no-match" } });
    expect(answer.results[0]?.paragraph).toBe(42);
  });

  it("finds an exact phrase and quotes the whole paragraph, the phrase's sentence as excerpt", () => {
    const hit = first("paid a terrible personal price")!;
    expect(hit.paragraph).toBe(42);
    expect(hit.excerpt).toBe("Trotsky himself paid a terrible personal price for his unbending opposition.");
  });

  it.each([
    ["a word changed", "unquestioning obedience to the will of one person, the soviet leader", 12],
    ["a word dropped", "Any old rubbish is all right as long as attacks socialism", 8],
    ["words reordered", "paid a personal terrible price for his unbending opposition", 42],
    ["case and punctuation", "WHO ROSE UP TO VOICE HIS OUTRAGE", 49],
    ["straight quotes for curly", "Amis' underlying arguments", 4],
    ["curly quotes for straight", "“No compromise is possible with the Stalinist traitors”", 45],
    ["a misspelling", "unquestionning obedience", 12],
    ["hyphen left out", "destroy better off peasants as a class", 29],
    // ¶18 writes "80%" and "70%".
    ["a percent sign spelt out", "80 percent of russians were peasants and 70 per cent illiterate", 18],
  ])("tolerates %s", (_what, phrase, paragraph) => {
    const answer = search.quote(phrase);
    expect(answer.answered).toBe(true);
    expect(answer.results[0]?.paragraph).toBe(paragraph);
  });

  it("given a phrase the review does not contain, declines", () => {
    const answer = search.quote("the quick brown fox jumps over the lazy dog");
    expect(answer.answered).toBe(false);
    expect(answer.reason?.code).toBe("no-match");
  });

  it.each(["", "!!!", "🙂", "y".repeat(10_000)])("given bad input %#, declines with a reason", (input) => {
    const answer = search.quote(input);
    expect(answer.answered).toBe(false);
    expect(reasonText(answer)?.length).toBeGreaterThan(0);
  });

  it("suggests passages for a phrase still being typed", () => {
    const suggestions = search.suggest("terrible personal pr");
    expect(suggestions[0]?.paragraph).toBe(42);
    expect(search.suggest("Trepper").length).toBeGreaterThan(1);
    expect(search.suggest("")).toEqual([]);
    expect(search.suggest("Lenin", 3).length).toBeLessThanOrEqual(3);
  });

  it("gives the paragraphs around one for context", () => {
    expect(search.context("koba-the-dread-review", 1, 1).map((p) => p.number)).toEqual([1, 2]);
    expect(search.context("koba-the-dread-review", 20, 1).map((p) => p.number)).toEqual([19, 20, 21]);
    expect(search.context("koba-the-dread-review", 51, 2).map((p) => p.number)).toEqual([49, 50, 51]);
  });
});

describe("quote, given the phrase inside a request", () => {
  it.each([
    ['where\'s the part about "renewed the revolution if they had been successful"', 24],
    ["the bit where he says “they could only shout their rebellion” — which para?", 50],
    ["find 'Trotsky was a murdering bastard' please", 9],
  ])("looks for the quoted words of %j", (input, paragraph) => {
    const answer = search.quote(input);
    expect(answer.answered).toBe(true);
    expect(answer.results[0]?.paragraph).toBe(paragraph);
  });
});
