import { describe, expect, it } from "vitest";
import { formatRef, numberWordValue, parseReaderReference, parseRef, refOf } from "../../src/corpus/ref.ts";
import { parseDocument } from "../../src/corpus/load.ts";

describe("paragraph references", () => {
  it("given a reference, formatRef writes doc#n and parseRef reads it back", () => {
    for (const ref of [
      { doc: "koba-the-dread-review", paragraph: 42 },
      { doc: "a", paragraph: 1 },
      { doc: "week-3", paragraph: 999_999 },
    ]) {
      expect(formatRef(ref)).toBe(`${ref.doc}#${ref.paragraph}`);
      expect(parseRef(formatRef(ref))).toEqual(ref);
    }
  });

  it("given anything but the written form, parseRef says null", () => {
    for (const text of ["42", "¶42", "doc#0", "doc#-1", "doc#4.2", "Doc#4", "doc #4", "doc#4 ", "#4", "doc#", "doc:4", "doc#1234567"]) {
      expect(parseRef(text), text).toBeNull();
    }
  });

  it("refOf names a corpus paragraph by its document and number", () => {
    expect(refOf({ doc: "x", number: 3 })).toEqual({ doc: "x", paragraph: 3 });
  });

  const docs = ["koba-the-dread-review", "week-3"];
  it.each([
    ["42", null, 42],
    ["¶42", null, 42],
    ["p. 42", null, 42],
    ["paragraph 42.", null, 42],
    ["#7", null, 7],
    ["week-3#4", "week-3", 4],
    ["Week-3: ¶4", "week-3", 4],
    ["KOBA-THE-DREAD-REVIEW:12", "koba-the-dread-review", 12],
  ])("a reader's %s is ¶%s of %s", (typed, doc, paragraph) => {
    expect(parseReaderReference(typed, docs)).toMatchObject({ doc, paragraph });
  });

  it.each([
    ["paragraph twenty-one", 21],
    ["para twelve", 12],
    ["¶ seven", 7],
    ["Paragraph Forty Two.", 42],
    ["paragraph ninety-nine", 99],
  ])("a reader's %j, a number in words after a word for paragraphs, is ¶%i", (typed, paragraph) => {
    expect(parseReaderReference(typed, docs)).toEqual({ doc: null, paragraph, digits: String(paragraph) });
  });

  it("numberWordValue reads one to ninety-nine in words, and nothing else", () => {
    const read = ["one", "Nine", "ten", "nineteen", "twenty", "Twenty-One", "fourty two", "ninety-nine"].map(numberWordValue);
    expect(read).toEqual([1, 9, 10, 19, 20, 21, 42, 99]);
    for (const text of ["twelve-one", "one-two", "twenty twenty", "twenty-one-two", "million", "", "21"]) expect(numberWordValue(text), text).toBeNull();
  });

  it("given a number in words with no word for paragraphs before it, parseReaderReference says null: it may be a phrase", () => {
    for (const typed of ["twenty", "twenty million", "paragraph twenty million", "one"]) {
      expect(parseReaderReference(typed, docs), typed).toBeNull();
    }
  });

  it("given a phrase or an unknown document, parseReaderReference says null", () => {
    for (const typed of ["paid a terrible price", "no-such-doc#4", "12-14", "¶", ""]) {
      expect(parseReaderReference(typed, docs), typed).toBeNull();
    }
  });
});

describe("document ids", () => {
  it("given a file named freely and no id, the id is its name in lower case with hyphens", () => {
    expect(parseDocument("One paragraph.\n", "Week 3 Reading.md").meta.id).toBe("week-3-reading");
  });

  it("given an id a reader could not type, loading says which document and why", () => {
    expect(() => parseDocument("---\nid: Our Notes\n---\n\nOne paragraph.\n", "notes.md")).toThrow(/notes\.md: document id "Our Notes"/);
  });
});
