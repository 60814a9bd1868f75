/**
 * The phrase index (quote lookups and autocomplete) aligns only the paragraphs that can make the
 * list; a plain full scan kept here aligns every paragraph. Speed must never change an answer:
 * both must give identical lists, on the real corpus and on a synthetic one three times its size.
 */
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { random, syntheticCorpus } from "../../bench/synthetic.ts";
import { loadCorpus } from "../../src/search/index.ts";
import { alignPhrase, PhraseIndex, type PhraseMatch } from "../../src/search/phrase.ts";
import { realSearch } from "../support/real-search.ts";

const fixtures = join(import.meta.dirname, "../fixtures");
const items = readdirSync(fixtures)
  .filter((f) => f.endsWith(".jsonl"))
  .flatMap((f) =>
    readFileSync(join(fixtures, f), "utf8")
      .split("\n")
      .filter((line) => line.trim())
      .map((line) => JSON.parse(line) as { kind: string; question: string; gold?: string[] }),
  );
const quoteItems = items.filter((i) => i.kind === "quote");

/** The reference: every paragraph aligned, kept if it scores, best first, ties in reading order. */
function fullScan(texts: readonly string[], phrase: string, lastWordIsPrefix: boolean, allowed: (i: number) => boolean): PhraseMatch[] {
  return texts
    .map((text, index) => ({ index, ...alignPhrase(phrase, text, { lastWordIsPrefix }) }))
    .filter((m) => allowed(m.index) && m.score > 0)
    .sort((a, b) => b.score - a.score);
}

/** Phrases a reader might remember from a paragraph: exact, a word dropped, changed, swapped, misspelt, cut short. */
function phrasesFrom(texts: readonly string[], count: number, seed: number): string[] {
  const next = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const phrases: string[] = [];
  for (let n = 0; n < count; n++) {
    const words = pick(texts).split(/\s+/);
    const length = 3 + Math.floor(next() * 7);
    const start = Math.floor(next() * Math.max(1, words.length - length));
    const window = words.slice(start, start + length);
    const at = Math.floor(next() * window.length);
    switch (n % 6) {
      case 1:
        window.splice(at, 1);
        break;
      case 2:
        window[at] = pick(pick(texts).split(/\s+/));
        break;
      case 3:
        if (at + 1 < window.length) [window[at], window[at + 1]] = [window[at + 1]!, window[at]!];
        break;
      case 4: {
        const word = window[at]!;
        if (word.length > 5) window[at] = word.slice(0, 2) + word.slice(3);
        break;
      }
      case 5: {
        const last = window.at(-1)!;
        window[window.length - 1] = last.slice(0, Math.max(1, Math.ceil(last.length / 2)));
        break;
      }
    }
    phrases.push(window.join(" "));
  }
  return phrases;
}

function expectSameLists(texts: readonly string[], phrases: readonly string[], allowed: (i: number) => boolean = () => true): void {
  const index = new PhraseIndex(texts);
  for (const phrase of phrases) {
    const quote = fullScan(texts, phrase, false, allowed);
    expect(index.lookup(phrase, { need: 5, allowed }), phrase).toEqual(quote.slice(0, 5));
    expect(index.lookup(phrase, { need: 1, allowed }), phrase).toEqual(quote.slice(0, 1));
    const typing = fullScan(texts, phrase, true, allowed).filter((m) => m.score >= 0.5);
    expect(index.lookup(phrase, { need: 25, minScore: 0.5, lastWordIsPrefix: true, allowed }), phrase).toEqual(typing.slice(0, 25));
  }
}

describe("the phrase index gives the full scan's lists", () => {
  const corpus = loadCorpus();
  const texts = corpus.documents.flatMap((d) => d.paragraphs.map((p) => p.text));

  it("given the question sets' quote lookups and every third question as typed, on the review", () => {
    expect(quoteItems.length).toBeGreaterThan(20);
    const asTyped = items.filter((_, i) => i % 3 === 0).map((i) => i.question);
    expectSameLists(texts, [...quoteItems.flatMap((i) => [i.question, ...(i.gold ?? [])]), ...asTyped]);
  });

  it("given phrases from paragraphs, exact and with a word dropped, changed, swapped, misspelt or cut short", () => {
    expectSameLists(texts, phrasesFrom(texts, 150, 7));
  });

  it("given function words only, single letters and words the review never uses", () => {
    expectSameLists(texts, ["the", "of the", "t", "a", "and so on", "zzzz qqqq", "Stalin", "Stal", "in the of to a", "Trotksy"]);
  });

  it("given a reading position, on the paragraphs it allows only", () => {
    expectSameLists(texts, phrasesFrom(texts, 120, 8), (i) => i < 20);
  });

  it("given scattered paragraphs allowed, where the best ones are often not, on the review and three times it", () => {
    // Whether a paragraph is allowed is asked only as it comes up: the lists must not change.
    const big = syntheticCorpus(corpus, 3).documents.flatMap((d) => d.paragraphs.map((p) => p.text));
    for (const corpusTexts of [texts, big]) {
      expectSameLists(corpusTexts, [...phrasesFrom(corpusTexts, 60, 10), "the", "of the"], (i) => i % 3 === 1 || i % 7 === 0);
    }
  });

  it("given a synthetic corpus three times the review, where words are shared far more", () => {
    const big = syntheticCorpus(corpus, 3).documents.flatMap((d) => d.paragraphs.map((p) => p.text));
    expectSameLists(big, [...phrasesFrom(big, 100, 9), ...quoteItems.map((i) => i.question)]);
  });
});

describe("quote and autocomplete through the search core", () => {
  const search = realSearch();
  const texts = search.documents.flatMap((d) => d.paragraphs);

  it("given a remembered phrase, quote lists the full scan's best paragraphs with their scores", () => {
    for (const phrase of phrasesFrom(
      texts.map((p) => p.text),
      200,
      10,
    ).filter((p) => !/["“”«»'‘’]/.test(p) && !/^\S*\d+\.?$/.test(p))) {
      const answer = search.quote(phrase);
      if (answer.reason && answer.reason.code !== "no-match") continue;
      const reference = fullScan(
        texts.map((p) => p.text),
        phrase,
        false,
        () => true,
      )
        .slice(0, 5)
        .filter((m) => answer.answered || m.score >= 0.25);
      expect(
        answer.results.map((r) => [r.paragraph, r.score]),
        phrase,
      ).toEqual(reference.map((m) => [texts[m.index]!.number, Math.round(m.score * 1000) / 1000]));
    }
  });
});
