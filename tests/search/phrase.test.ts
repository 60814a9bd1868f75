/**
 * alignPhrase against the simplest reference there is: a phrase copied verbatim out of a paragraph
 * is a plain substring of it, so the alignment must score it whole and span the sentences that
 * hold it.
 */
import { describe, expect, it } from "vitest";
import { random } from "../../bench/synthetic.ts";
import { alignPhrase } from "../../src/search/phrase.ts";
import { realSearch } from "../support/real-search.ts";

const texts = realSearch()
  .documents.flatMap((d) => d.paragraphs)
  .map((p) => p.text);

/** Verbatim runs of 1 to 12 whole words out of the paragraphs, with the paragraph each came from. */
function exactPhrases(count: number, seed: number): { phrase: string; text: string }[] {
  const next = random(seed);
  const out: { phrase: string; text: string }[] = [];
  for (let n = 0; n < count; n++) {
    const text = texts[Math.floor(next() * texts.length)]!;
    const words = [...text.matchAll(/\S+/g)];
    const length = 1 + Math.floor(next() * 12);
    const first = Math.floor(next() * Math.max(1, words.length - length));
    const last = words[Math.min(words.length, first + length) - 1]!;
    const phrase = text.slice(words[first]!.index, last.index + last[0].length);
    // A run of punctuation alone ("—") holds no word to align.
    if (/[\p{L}\p{N}]/u.test(phrase)) out.push({ phrase, text });
  }
  return out;
}

describe("alignPhrase against a plain substring match", () => {
  it("given a run of words copied from a paragraph, scores it 1 there, spanning sentences that hold it", () => {
    const phrases = exactPhrases(600, 21);
    expect(phrases.length).toBeGreaterThan(550);
    for (const { phrase, text } of phrases) {
      expect(text.includes(phrase)).toBe(true);
      const match = alignPhrase(phrase, text);
      expect(match.score, phrase).toBe(1);
      // Where the phrase occurs more than once, the span may hold another occurrence, in any case.
      const span = text.slice(match.start, match.end).toLowerCase();
      expect(span, phrase).toContain(phrase.toLowerCase());
    }
  });

  it("given the same runs typed in other case and without punctuation, still scores them 1", () => {
    for (const { phrase, text } of exactPhrases(300, 22)) {
      const typed = phrase.toLowerCase().replace(/[^\p{L}\p{N}\s'’-]/gu, " ");
      expect(alignPhrase(typed, text).score, `${typed} <- ${phrase}`).toBe(1);
    }
  });
});
