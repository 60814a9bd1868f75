/**
 * Boosting, not restricting: a question asked inside a discussion thread prefers the passage the
 * thread discusses, but a clearly better answer elsewhere still wins.
 */

/** The first document's paragraphs `first..last` (a section or a passage under discussion). */
export interface BoostRange {
  first: number;
  last: number;
}

/** How much a paragraph inside the boosted range gains (its score is multiplied by this). */
const BOOST_FACTOR = 1.3;

/**
 * Multiplies the scores of the hits inside `range` by {@link BOOST_FACTOR} and re-sorts; the
 * hits unchanged when there is no range.
 */
export function boostHits<H extends { id: string; score: number }>(
  hits: readonly H[],
  range: BoostRange | undefined,
  inRange: (id: string, range: BoostRange) => boolean,
): H[] {
  if (!range) return [...hits];
  return hits.map((h) => (inRange(h.id, range) ? { ...h, score: h.score * BOOST_FACTOR } : h)).sort((a, b) => b.score - a.score);
}
