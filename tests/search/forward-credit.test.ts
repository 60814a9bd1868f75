/**
 * The head of the ranking after credit passes forward (forward-credit.ts) against the plain
 * reference it replaced, kept here: copy every allowed hit, pass credit in ranking order, sort
 * them all stably by score, take the head. Random rankings with many ties, chains of announcing
 * paragraphs, announced paragraphs ranked nowhere, and paragraphs not allowed.
 */
import { describe, expect, it } from "vitest";
import { random } from "../../bench/synthetic.ts";
import { continuationsOfHead, headAfterCredit, union, type RankedHit } from "../../src/search/forward-credit.ts";

function headByFullSort(
  ranked: readonly RankedHit[],
  allowed: (id: string) => boolean,
  announced: (hit: RankedHit) => string | undefined,
  factor: number,
  k: number,
): RankedHit[] {
  const hits = ranked.filter((hit) => allowed(hit.id)).map((hit) => ({ ...hit }));
  const byId = new Map(hits.map((h) => [h.id, h]));
  for (const hit of hits) {
    const nextId = announced(hit);
    if (nextId === undefined) continue;
    const next = byId.get(nextId) ?? { id: nextId, score: 0, queryTerms: [] };
    next.score = Math.max(next.score, hit.score * factor);
    next.queryTerms = [...new Set([...next.queryTerms, ...hit.queryTerms])];
    byId.set(nextId, next);
  }
  return [...byId.values()].sort((a, b) => b.score - a.score).slice(0, k);
}

describe("headAfterCredit against copying and sorting every hit", () => {
  it("given random rankings with ties, chains and paragraphs not allowed, gives the same head", () => {
    const next = random(5);
    const terms = ["stalin", "trotski", "purg", "famin", "lenin"];
    for (let round = 0; round < 3000; round++) {
      const size = 1 + Math.floor(next() * 40);
      // Paragraphs p0..p(2·size): about half are ranked, in a random order, with scores from a few values (ties).
      const ids = Array.from({ length: size * 2 }, (_, i) => `p${i}`).filter(() => next() < 0.5);
      const ranked = ids
        .map((id) => ({ id, score: Math.floor(next() * 6) / 5, queryTerms: terms.filter(() => next() < 0.4) }))
        .sort((a, b) => b.score - a.score);
      const announcing = new Set(ids.filter(() => next() < 0.3));
      const blocked = new Set(Array.from({ length: size * 2 + 1 }, (_, i) => `p${i}`).filter(() => next() < 0.15));
      const allowed = (id: string) => !blocked.has(id);
      const announced = (hit: RankedHit) => {
        if (!announcing.has(hit.id)) return undefined;
        const nextId = `p${Number(hit.id.slice(1)) + 1}`;
        return allowed(nextId) ? nextId : undefined;
      };
      const factor = next() < 0.5 ? 1.001 : 1.2;
      const k = 1 + Math.floor(next() * 6);
      expect(headAfterCredit(ranked, allowed, { announces: (id) => announcing.has(id), announced, factor }, k)).toEqual(
        headByFullSort(ranked, allowed, announced, factor, k),
      );
    }
  });

  it("given random rankings, continuationsOfHead finds what a scan of every hit for one continuing the head finds", () => {
    const next = random(8);
    let found = 0;
    for (let round = 0; round < 3000; round++) {
      const size = 1 + Math.floor(next() * 60);
      const ids = Array.from({ length: size * 2 }, (_, i) => `p${i}`).filter(() => next() < 0.5);
      const ranked = ids.map((id) => ({ id, score: next(), queryTerms: [] as string[] })).sort((a, b) => b.score - a.score);
      // Paragraphs that point back to the one before them (which may be ranked or not).
      const continuing = new Set(Array.from({ length: size * 2 }, (_, i) => `p${i}`).filter(() => next() < 0.4));
      const head = 1 + Math.floor(next() * 12);
      const previous = (id: string) => `p${Number(id.slice(1)) - 1}`;
      const firsts = new Map(ranked.slice(0, head).map((hit) => [hit.id, hit]));
      const expected = ranked.flatMap((hit) => {
        const before = continuing.has(hit.id) ? firsts.get(previous(hit.id)) : undefined;
        return before ? [{ hit, before }] : [];
      });
      const continuationOf = (id: string) => {
        const following = `p${Number(id.slice(1)) + 1}`;
        return continuing.has(following) ? following : undefined;
      };
      expect(continuationsOfHead(ranked, head, continuationOf)).toEqual(expected);
      found += expected.length;
    }
    expect(found).toBeGreaterThan(1000);
  });

  it("given two term lists, union keeps each term once in order of first appearance", () => {
    expect(union(["a", "b", "a"], ["c", "b", "d"])).toEqual(["a", "b", "c", "d"]);
  });
});
