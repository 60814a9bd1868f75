import { describe, expect, it } from "vitest";
import {
  CUSTOM_ID_VERSION,
  encodeComponentId,
  isCurrentVersion,
  parseAnyComponentId,
  parseComponentId,
  type ComponentId,
} from "../../src/bot/custom-ids.ts";
import { LIMITS } from "../../src/bot/limits.ts";

const review = "koba-the-dread-review";
const ref = (paragraph: number, doc = review) => ({ doc, paragraph });

const every: ComponentId[] = [
  { kind: "more", offset: 1, count: 2, refs: [ref(42), ref(4), ref(46)], question: "who: me?" },
  { kind: "more", offset: 3, count: 1, refs: [ref(7, "week-3"), ref(42), ref(43), ref(2, "week-3")], question: null },
  { kind: "spoiler", count: 2, refs: [ref(50), ref(51)], question: "what became of Trotsky's family?" },
  { kind: "context", ref: ref(42), cap: null },
  { kind: "context", ref: ref(3, "week-3"), cap: 45 },
  { kind: "post", ref: ref(1, "a") },
  { kind: "vote", vote: "up", answerId: "0123456789abcdef" },
  { kind: "vote", vote: "down", answerId: "fedcba9876543210" },
  { kind: "wanted", answerId: "0123456789abcdef" },
  { kind: "group", answerId: "0123456789abcdef" },
  { kind: "group", question: "who killed Trotsky: and where?" },
  { kind: "prompt", first: 12, last: 14 },
  { kind: "next-section" },
];

describe("custom ids", () => {
  it.each(every.map((id) => [id.kind, id] as const))(
    "given a %s id, encoding then parsing gives it back, in the current version",
    (kind, id) => {
      const encoded = encodeComponentId(id)!;
      expect(encoded.length).toBeLessThanOrEqual(LIMITS.customId);
      expect(encoded.split(":")[1]).toBe(CUSTOM_ID_VERSION);
      expect(isCurrentVersion(encoded)).toBe(true);
      expect(parseComponentId(encoded, kind)).toEqual(id);
      expect(parseAnyComponentId(encoded)).toEqual(id);
    },
  );

  it("names every document by its id: a paragraph of the first document is never a bare position", () => {
    expect(encodeComponentId({ kind: "more", offset: 1, count: 2, refs: [ref(42), ref(4), ref(3, "week-3")], question: null })).toBe(
      `ask:${CUSTOM_ID_VERSION}:1:2:koba-the-dread-review#42,4,week-3#3`,
    );
    expect(encodeComponentId({ kind: "context", ref: ref(42), cap: 45 })).toBe(`ctx:${CUSTOM_ID_VERSION}:koba-the-dread-review#42:45`);
  });

  it("given an id asked for as another kind, parses to null", () => {
    const post = encodeComponentId({ kind: "post", ref: ref(42) })!;
    expect(parseComponentId(post, "context")).toBeNull();
  });

  it("given a question too long to fit, More results keeps its passages and drops the question", () => {
    const id = encodeComponentId({ kind: "more", offset: 1, count: 1, refs: [ref(42), ref(4)], question: "why ".repeat(40) })!;
    expect(parseComponentId(id, "more")).toMatchObject({ refs: [ref(42), ref(4)], question: null });
  });

  it("given passages that cannot fit at all, there is no id (the button is left out)", () => {
    const long = "d".repeat(60);
    expect(encodeComponentId({ kind: "more", offset: 1, count: 1, refs: [ref(1, long), ref(2, `${long}x`)], question: null })).toBeNull();
    expect(encodeComponentId({ kind: "post", ref: ref(1, "d".repeat(95)) })).toBeNull();
  });

  it.each([
    // Ids posted by the bot before version 2 (More results named documents by position).
    "ask:more:1:2:42,4,46:who: me?",
    "ask:more:1:1:1.7",
    "spoil:0:1:42,43",
    "ctx:koba-the-dread-review:42",
    "post:koba-the-dread-review:42",
    "vote:up:0123456789abcdef",
    "wanted:0123456789abcdef",
    "group:=who killed Trotsky?",
    "prompt:12-14",
    "plan:next",
    // A version from the future, foreign ids, garbled ones.
    "ctx:v3:koba-the-dread-review#42",
    "ctx:V2:koba-the-dread-review#42",
    "gone:v2:1",
    "",
    "x".repeat(100),
    "ask:v2:1:2:",
    "ask:v2:1:0:koba-the-dread-review#42",
    "ask:v2:x:1:koba-the-dread-review#42",
    "ask:v2:1:1:42,koba-the-dread-review#4",
    "ask:v2:1:1:koba-the-dread-review#42,,4",
    "ask:v2:1:1:koba-the-dread-review#0",
    `ask:v2:1:1:${Array.from({ length: 11 }, (_, i) => `a#${i + 1}`).join(",")}`,
    "ctx:v2:koba-the-dread-review:42",
    "ctx:v2:koba-the-dread-review#42:x",
    "post:v2:koba-the-dread-review#42:45",
    "post:v2:../../etc#1",
    "vote:v2:sideways:0123456789abcdef",
    "wanted:v2:0123",
    "group:v2:=  ",
    "prompt:v2:12",
    "plan:v2:previous",
  ])("given the stale, foreign or garbled id %j, parses to null", (customId) => {
    expect(parseAnyComponentId(customId)).toBeNull();
  });

  it("tells an older version's id from a current one", () => {
    expect(isCurrentVersion("ask:more:1:1:42")).toBe(false);
    expect(isCurrentVersion("ctx:koba-the-dread-review:42")).toBe(false);
    expect(isCurrentVersion(`ctx:${CUSTOM_ID_VERSION}:koba-the-dread-review#42`)).toBe(true);
  });
});
