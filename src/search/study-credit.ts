/**
 * Adding the study notes' questions to a ranking: each paragraph gains credit for the best of its
 * study questions that the reader's question matches. At a hundred times the review a question
 * meets thousands of paragraphs and notes, so the work is done in arrays indexed by each
 * paragraph's place in reading order, not in maps by id. The result is exactly what the plain
 * version gives (kept in tests/search/study-credit.test.ts): paragraphs keyed by id in a map, in
 * the ranking's order then the order first credited, each credited paragraph's best share, then a
 * stable sort by score.
 */
import { union, type RankedHit } from "./forward-credit.ts";

/** A study question that matched the reader's question: the paragraphs whose notes ask it, and how much it covers. */
export interface MatchedStudyQuestion {
  paragraphs: readonly string[];
  share: number;
  /** The reader's query terms it holds. */
  queryTerms: string[];
}

export class StudyCredit {
  readonly #ordinals: ReadonlyMap<string, number>;
  readonly #credit: (share: number) => number;
  /** Per paragraph: where it stands in the ranking being credited (-1: not in it), and its best question so far. */
  readonly #slot: Int32Array;
  readonly #bestShare: Float64Array;
  readonly #bestTerms: Array<string[] | undefined>;
  readonly #ids: Array<string | undefined>;

  /**
   * @param ordinals every paragraph id, with its place in reading order (0, 1, …)
   * @param credit what a paragraph gains for a study question covering `share` of the reader's question
   */
  constructor(ordinals: ReadonlyMap<string, number>, credit: (share: number) => number) {
    this.#ordinals = ordinals;
    this.#credit = credit;
    this.#slot = new Int32Array(ordinals.size).fill(-1);
    this.#bestShare = new Float64Array(ordinals.size);
    this.#bestTerms = new Array<string[] | undefined>(ordinals.size).fill(undefined);
    this.#ids = new Array<string | undefined>(ordinals.size).fill(undefined);
  }

  /**
   * The ranking with each paragraph's best study question credited (a paragraph only a question
   * matches joins with a score of 0 first), best first; ties keep the ranking's order, then the
   * order paragraphs were first credited. `ranked` (best first) is changed in place and returned.
   */
  add(ranked: RankedHit[], questions: Iterable<MatchedStudyQuestion>): RankedHit[] {
    const slot = this.#slot;
    const bestShare = this.#bestShare;
    const bestTerms = this.#bestTerms;
    const ids = this.#ids;
    const hits = ranked.length;
    const credited: number[] = [];
    try {
      for (let i = 0; i < hits; i++) slot[this.#at(ranked[i]!.id)] = i;
      for (const { paragraphs, share, queryTerms } of questions) {
        for (const id of paragraphs) {
          const at = this.#at(id);
          if (share > bestShare[at]!) {
            if (bestShare[at] === 0) {
              credited.push(at);
              ids[at] = id;
            }
            bestShare[at] = share;
            bestTerms[at] = queryTerms;
          }
        }
      }
      // The same two term lists meet in many paragraphs (a note repeated, the same terms matched): merged once.
      const merged = new Map<readonly string[], Map<readonly string[], string[]>>();
      const none: string[] = [];
      for (const at of credited) {
        const queryTerms = bestTerms[at]!;
        let entry = slot[at] === -1 ? undefined : ranked[slot[at]!];
        if (!entry) {
          entry = { id: ids[at]!, score: 0, queryTerms: none };
          ranked.push(entry);
        }
        entry.score += this.#credit(bestShare[at]!);
        let withTerms = merged.get(entry.queryTerms);
        if (!withTerms) merged.set(entry.queryTerms, (withTerms = new Map<readonly string[], string[]>()));
        let terms = withTerms.get(queryTerms);
        if (!terms) withTerms.set(queryTerms, (terms = union(entry.queryTerms, queryTerms)));
        entry.queryTerms = terms;
      }
      return ranked.sort((a, b) => b.score - a.score);
    } finally {
      // Sorted by now: every paragraph in the ranking is cleared, those that joined as well.
      for (const hit of ranked) slot[this.#at(hit.id)] = -1;
      for (const at of credited) {
        bestShare[at] = 0;
        bestTerms[at] = undefined;
        ids[at] = undefined;
      }
    }
  }

  #at(id: string): number {
    const at = this.#ordinals.get(id);
    if (at === undefined) throw new Error(`StudyCredit: unknown paragraph ${id}`);
    return at;
  }
}
