/**
 * Sorting hits best first, as `hits.sort((a, b) => b.score - a.score)` does (stably: equal scores
 * keep their order), without a comparator call per comparison: a merge sort of the hits' places
 * over their scores in typed arrays. At a hundred times the review a question ranks thousands of
 * paragraphs, and the comparator's sort was a fifth of an ask.
 */

/** Below this many, the comparator's sort is as quick. */
const SMALL = 64;
/** Runs this long are first sorted by insertion. */
const RUN = 8;

/** The hits' first order while they are put in place (see byScoreDescending). */
const held: unknown[] = [];

/** The sort's working arrays, kept from call to call (grown when a longer list comes). */
let buffers = { scores: new Float64Array(0), noTies: new Float64Array(0), from: new Int32Array(0), to: new Int32Array(0) };

/**
 * `hits` sorted by score, highest first, equal scores in their order in `hits`; sorted in place
 * and returned, as `Array.prototype.sort` does. Scores are numbers, never NaN. With `ties`, equal
 * scores go by their `ties` entry (same place as the hit in `hits`), highest first, and only then
 * by their order.
 *
 * @example
 * byScoreDescending([{ score: 1 }, { score: 3 }, { score: 1 }]); // [{ score: 3 }, { score: 1 } (first), { score: 1 } (second)]
 */
export function byScoreDescending<H extends { score: number }>(hits: H[], ties?: Float64Array): H[] {
  const n = hits.length;
  if (ties && ties.length < n) throw new Error("byScoreDescending: fewer ties than hits");
  if (n < SMALL && !ties) return hits.sort((a, b) => b.score - a.score);
  if (buffers.scores.length < n) {
    buffers = { scores: new Float64Array(n * 2), noTies: new Float64Array(n * 2), from: new Int32Array(n * 2), to: new Int32Array(n * 2) };
  }
  const { scores } = buffers;
  let { from, to } = buffers;
  // Without ties, every tie is the same: equal scores keep their order.
  const tie = ties ?? buffers.noTies.fill(0, 0, n);
  for (let i = 0; i < n; i++) {
    scores[i] = hits[i]!.score;
    from[i] = i;
  }
  // Below, place `a` always comes before place `b` in `hits`, so on equal scores and ties `a` goes first.
  // Runs sorted by insertion first: a place moves left past the places it goes before.
  for (let lo = 0; lo < n; lo += RUN) {
    const hi = Math.min(lo + RUN, n);
    for (let i = lo + 1; i < hi; i++) {
      const b = from[i]!;
      let j = i - 1;
      for (; j >= lo; j--) {
        const a = from[j]!;
        if (scores[a]! > scores[b]! || (scores[a] === scores[b] && tie[a]! >= tie[b]!)) break;
        from[j + 1] = a;
      }
      from[j + 1] = b;
    }
  }
  // Then merged pairwise: on equal scores the left run's place goes first.
  for (let width = RUN; width < n; width *= 2) {
    for (let lo = 0; lo < n; lo += 2 * width) {
      const mid = Math.min(lo + width, n);
      const hi = Math.min(lo + 2 * width, n);
      let left = lo;
      let right = mid;
      let out = lo;
      while (left < mid && right < hi) {
        const a = from[left]!;
        const b = from[right]!;
        if (scores[a]! > scores[b]! || (scores[a] === scores[b] && tie[a]! >= tie[b]!)) {
          to[out++] = a;
          left++;
        } else {
          to[out++] = b;
          right++;
        }
      }
      while (left < mid) to[out++] = from[left++]!;
      while (right < hi) to[out++] = from[right++]!;
    }
    [from, to] = [to, from];
  }
  // The hits in their first order, in an array kept from call to call (emptied after, so it holds no hit).
  const original = held as H[];
  for (let i = 0; i < n; i++) original[i] = hits[i]!;
  for (let i = 0; i < n; i++) hits[i] = original[from[i]!]!;
  original.fill(undefined as unknown as H, 0, n);
  return hits;
}
