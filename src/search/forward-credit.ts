/**
 * Passing an announcing paragraph's match forward to the paragraph it announces, and reading off
 * the head of the ranking that results. An answer reads only its first few hits, so only that head
 * is made: no copy of every hit, no sort of them all. The result is exactly the head of copying
 * every allowed hit, passing credit in ranking order and sorting them all stably by score (the
 * plain reference kept in tests/search/forward-credit.test.ts).
 */

/** A paragraph as ranking scores it: what passing credit reads and writes. */
export interface RankedHit {
  id: string;
  score: number;
  /** The query terms that matched it. */
  queryTerms: string[];
  /**
   * Its number in the index that ranked it, when known: a hint for finding the paragraph without a
   * lookup by id (see study-credit.ts), always checked against the id.
   */
  number?: number;
}

/** How one hit lends to the next: who it announces (if it does) and by how much its score is multiplied. */
export interface ForwardCredit<H extends RankedHit> {
  /** Whether a paragraph may announce another at all (cheap: asked of every hit). */
  announces: (id: string) => boolean;
  /** The allowed paragraph a hit announces, if it announces one, given the hit as credit passed so far has made it. */
  announced: (hit: H | RankedHit) => string | undefined;
  factor: number;
}

/**
 * The first `k` of the `allowed` hits once credit has passed forward, best first (ties in
 * ranking order, a paragraph credited from outside the hits after them all), each a fresh copy.
 *
 * @param ranked every hit, best first (sorted by score, highest first)
 */
export function headAfterCredit<H extends RankedHit>(
  ranked: readonly H[],
  allowed: (id: string) => boolean,
  credit: ForwardCredit<H>,
  k: number,
): RankedHit[] {
  // The hits credit changed or added, as copies, each with its place in the whole ranking.
  const changed = new Map<string, { hit: RankedHit; order: number }>();
  // Where an announced paragraph stands in the ranking, looked up when first needed: a handful
  // of paragraphs announce, so scanning for each beats mapping thousands of hits by id.
  const positions = new Map<string, number>();
  const positionOf = (id: string) => {
    let at = positions.get(id);
    if (at === undefined) {
      at = -1;
      for (let i = 0; i < ranked.length && at === -1; i++) if (ranked[i]!.id === id) at = i;
      positions.set(id, at);
    }
    return at === -1 ? undefined : at;
  };
  let added = 0;
  for (const original of ranked) {
    if (!credit.announces(original.id) || !allowed(original.id)) continue;
    const hit = changed.get(original.id)?.hit ?? original;
    const nextId = credit.announced(hit);
    if (nextId === undefined) continue;
    let next = changed.get(nextId);
    if (!next) {
      const at = positionOf(nextId);
      // An allowed paragraph already ranked keeps its place; one ranked nowhere comes after all.
      next =
        at !== undefined
          ? { hit: { ...ranked[at]! }, order: at }
          : { hit: { id: nextId, score: 0, queryTerms: [] }, order: ranked.length + added++ };
      changed.set(nextId, next);
    }
    next.hit.score = Math.max(next.hit.score, hit.score * credit.factor);
    next.hit.queryTerms = union(next.hit.queryTerms, hit.queryTerms);
  }
  // Merge the unchanged hits (already in order) with the changed ones, sorted the same way.
  const moved = [...changed.values()].sort((a, b) => b.hit.score - a.hit.score || a.order - b.order);
  const head: RankedHit[] = [];
  let m = 0;
  for (let i = 0; i < ranked.length && head.length < k; i++) {
    const hit = ranked[i]!;
    if (changed.has(hit.id) || !allowed(hit.id)) continue;
    while (
      m < moved.length &&
      head.length < k &&
      (moved[m]!.hit.score > hit.score || (moved[m]!.hit.score === hit.score && moved[m]!.order < i))
    ) {
      head.push(moved[m++]!.hit);
    }
    if (head.length < k) head.push({ id: hit.id, score: hit.score, queryTerms: hit.queryTerms });
  }
  while (m < moved.length && head.length < k) head.push(moved[m++]!.hit);
  return head;
}

/**
 * The hits that continue one of the first `head` hits, in ranking order, each with the hit it
 * continues: what scanning every hit for one whose paragraph before it is among the head finds,
 * but looking only for the head's continuations, and only until they are all found.
 *
 * @param continuationOf the paragraph that continues a paragraph (the next one, when it points back), if any
 */
export function continuationsOfHead<H extends RankedHit>(
  ranked: readonly H[],
  head: number,
  continuationOf: (id: string) => string | undefined,
): Array<{ hit: H; before: H }> {
  // A paragraph has one next paragraph: no two antecedents share a continuation.
  const antecedents = new Map<string, H>();
  for (let i = 0; i < Math.min(head, ranked.length); i++) {
    const next = continuationOf(ranked[i]!.id);
    if (next !== undefined) antecedents.set(next, ranked[i]!);
  }
  const found: Array<{ hit: H; before: H }> = [];
  for (let i = 0; i < ranked.length && found.length < antecedents.size; i++) {
    const before = antecedents.get(ranked[i]!.id);
    if (before) found.push({ hit: ranked[i]!, before });
  }
  return found;
}

/** The distinct terms of both lists, in order of first appearance (what `[...new Set([...a, ...b])]` gives). */
export function union(a: readonly string[], b: readonly string[]): string[] {
  const out: string[] = [];
  for (const term of a) if (!out.includes(term)) out.push(term);
  for (const term of b) if (!out.includes(term)) out.push(term);
  return out;
}
