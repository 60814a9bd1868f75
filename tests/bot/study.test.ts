import { describe, expect, it } from "vitest";
import { asSentence } from "../../src/bot/study.ts";

describe("asSentence (a study note shown as a discussion prompt)", () => {
  it.each([
    ["what words come after the colon in the name of amis's new book", "What words come after the colon in the name of amis's new book?"],
    ["so is the book basically a novel pretending to be history", "So is the book basically a novel pretending to be history?"],
    ["is koba a place or a person", "Is koba a place or a person?"],
    [
      "besides slander, what second aim does the critic attribute to the novelist",
      "Besides slander, what second aim does the critic attribute to the novelist?",
    ],
    ["would anyone care about this book if amis wasn't famous?", "Would anyone care about this book if amis wasn't famous?"],
    ["Give an example of a Trotskyist who opposed Stalin.", "Give an example of a Trotskyist who opposed Stalin."],
    // Not a question: capitalised, no question mark added.
    ["stalin went from doing nothing to using force on the farms", "Stalin went from doing nothing to using force on the farms"],
  ])("given %j, gives %j", (note, sentence) => {
    expect(asSentence(note)).toBe(sentence);
  });
});
