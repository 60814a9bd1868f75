import { describe, expect, it } from "vitest";
import { NameCasing } from "../../src/search/casing.ts";
import { realSearch } from "../support/real-search.ts";

const search = realSearch();

describe("withNamesCased (names as the review writes them)", () => {
  it.each([
    ["what words come after the colon in the name of amis's new book", "what words come after the colon in the name of Amis's new book"],
    [
      "did lenin and trotsky have to battle to keep these principles alive",
      "did Lenin and Trotsky have to battle to keep these principles alive",
    ],
    ["was trepper brave", "was Trepper brave"],
    ["who stood up to the regime inside the soviet union", "who stood up to the regime inside the Soviet Union"],
    ["was amis's old man ever in the communist party", "was Amis's old man ever in the Communist Party"],
    ["why is the book called koba the dread", "why is the book called Koba the Dread"],
    ["did the guardian’s leader mention amis’ novels", "did the Guardian’s leader mention Amis’ novels"],
  ])("given the note %j, capitalises the review's names: %j", (note, cased) => {
    expect(search.withNamesCased(note)).toBe(cased);
  });

  it.each([
    // The review writes "the revolution" and "the Russian Revolution": not a name on its own.
    "did any other country follow the revolution",
    // "Party" only ever follows "Communist" or "Socialist" in the review; "party" is everyday English.
    "which party published this review",
    // The review writes "the great Purges" but also "the purge".
    "how many people were put on trial in the purges",
    // "Wall Street" is a name; a wall is not.
    "was there a wall around the camp",
    // A word the review has only at a sentence's start or shouted ("WHO WAS Stalin") is no name.
    "who was it and what was he",
  ])("given %j, leaves words the review also writes in lower case as typed", (note) => {
    expect(search.withNamesCased(note)).toBe(note);
  });

  it("leaves a word the note already capitalises as the note wrote it", () => {
    expect(search.withNamesCased("What does Amis fail to acknowledge about STALIN?")).toBe(
      "What does Amis fail to acknowledge about STALIN?",
    );
  });
});

describe("NameCasing", () => {
  it("learns a name from inside a sentence, not from a sentence's or a list item's first word", () => {
    const names = new NameCasing(["Popular demand grew. Then (ii) Elections came, and Orwell wrote."]);
    expect(names.apply("popular elections, said orwell")).toBe("popular elections, said Orwell");
  });

  it("keeps the spelling the text uses most, and a possessive as typed", () => {
    const names = new NameCasing(["It was McCarthy, then McCarthy again, then Mccarthy."]);
    expect(names.apply("mccarthy's era")).toBe("McCarthy's era");
  });

  it("capitalises a name of several words only where the note types all of it", () => {
    const names = new NameCasing(["He joined the Labour Party in May."]);
    expect(names.apply("the labour party and the party line")).toBe("the Labour Party and the party line");
  });
});
