import { allQuestionSets } from "../support/question-sets.ts";
import { describe, expect, it } from "vitest";
import { AnswerCache } from "../../src/search/cache.ts";
import { loadCorpus, ReviewSearch, type Answer } from "../../src/search/index.ts";

/** Every question and phrase of the project's own question sets. */
const questions = allQuestionSets().map((item) => item.question);

const answer = (query: string): Answer => ({ query, answered: true, results: [] });

describe("the answer cache (LRU)", () => {
  it("given more answers than it holds, drops the least recently used, and counts hits and misses", () => {
    const cache = new AnswerCache(2);
    let computed = 0;
    const get = (key: string) => cache.get(key, () => (computed++, answer(key)));
    get("a");
    get("b");
    get("a"); // a is now the most recent
    get("c"); // drops b
    get("a");
    get("b");
    expect(computed).toBe(4);
    expect(cache.stats()).toEqual({ hits: 2, misses: 4, size: 2, capacity: 2, hitRate: 2 / 6 });
  });

  it("given capacity 0, holds nothing and computes every time", () => {
    const cache = new AnswerCache(0);
    cache.get("a", () => answer("a"));
    cache.get("a", () => answer("a"));
    expect(cache.stats()).toMatchObject({ hits: 0, misses: 2, size: 0 });
  });
});

describe("ask through the answer cache", () => {
  const search = ReviewSearch.fromDirectory();
  const fresh = new ReviewSearch(loadCorpus());

  it("given every question of the question sets asked twice, both answers are the uncached one", () => {
    for (const q of questions) {
      const first = search.ask(q);
      const again = search.ask(q);
      expect(again, q).toEqual(first);
      expect(first, q).toEqual(fresh.ask(q));
    }
    expect(search.answerCacheStats().hits).toBeGreaterThanOrEqual(questions.length);
  });

  it("given the same question with another limit or reading position, answers it anew", () => {
    const q = "what happened to Trotsky's family?";
    expect(search.ask(q, { limit: 1 }).results).toHaveLength(1);
    expect(search.ask(q, { limit: 5 }).results.length).toBeGreaterThan(1);
    expect(search.ask(q, { upTo: 20 }).reason?.code).toBe("beyond-position");
    expect(search.ask(q, { upTo: 45 }).answered).toBe(true);
    // Spacing and control characters are cleaned away before the key is made.
    const before = search.answerCacheStats().hits;
    search.ask(`  what happened to\tTrotsky's   family?`, { limit: 1 });
    expect(search.answerCacheStats().hits).toBe(before + 1);
  });

  it("given a caller that edits its answer, the next caller gets the answer unchanged", () => {
    const q = "who was Trepper?";
    const first = search.ask(q);
    const expected = structuredClone(first);
    first.results[0]!.excerpt = "edited";
    first.results.pop();
    first.answered = !first.answered;
    expect(search.ask(q)).toEqual(expected);
    expect(search.ask(q)).toEqual(expected);
  });
});
