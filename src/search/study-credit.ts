/**
 * Adding the study notes' questions to a ranking: each paragraph gains credit for the best of its
 * study questions that the reader's question matches. At a hundred times the review a question
 * meets thousands of paragraphs and notes, so the work is done in arrays indexed by each
 * paragraph's place in reading order, not in maps by id, and the hits are sorted once, not before
 * and after. The result is exactly what the plain version gives (kept in
 * tests/search/study-credit.test.ts): the hits sorted best first, keyed by id in a map in that
 * order then the order first credited, each credited paragraph's best share, then a stable sort.
 */
import { byScoreDescending } from "./by-score.ts";
import { union, type RankedHit } from "./forward-credit.ts";

/** A study question that matched the reader's question: the paragraphs whose notes ask it, and how much it covers. */
export interface MatchedStudyQuestion {
  paragraphs: readonly string[];
  share: number;
  /** The reader's query terms it holds. */
  queryTerms: string[];
  /** The question's own number (its StudyQuestionEntry's), if it has one: its paragraphs' places are then kept by it. */
  number?: number;
}

export class StudyCredit {
  readonly #ordinals: ReadonlyMap<string, number>;
  /** Every paragraph id by its place: a hit's number is taken for its place when the id there is its own. */
  readonly #idAt: readonly string[];
  readonly #credit: (share: number) => number;
  /** Per paragraph: where it stands in the ranking (if `#slotRanking` holds this ranking's number), its best question so far. */
  readonly #slot: Int32Array;
  readonly #slotRanking: Int32Array;
  #ranking = 0;
  /** The places of a question's paragraphs, by its list of ids (which never changes): the same questions match again and again. */
  readonly #places = new WeakMap<readonly string[], Int32Array>();
  /**
   * The same by the question's number, with the list they were worked out from: two reads of an
   * array, where the weak map's lookup was a quarter of crediting (a hundred and more questions an ask).
   */
  readonly #placesByNumber: Array<Int32Array | undefined> = [];
  readonly #listByNumber: Array<readonly string[] | undefined> = [];
  /** By the question's number, its one paragraph's place when its list (`#listByNumber`) holds one paragraph, else -1. */
  #onlyPlace = new Int32Array(0);
  readonly #bestShare: Float64Array;
  /** Reused per ranking: the places credited so far. */
  readonly #credited: Int32Array;
  readonly #bestTerms: Array<string[] | undefined>;
  readonly #ids: Array<string | undefined>;
  /** Per place in the ranking, its score before credit (-Infinity for a paragraph that joined): what breaks a tie. */
  readonly #ties: Float64Array;

  /**
   * @param ordinals every paragraph id, with its place in reading order (0, 1, …)
   * @param credit what a paragraph gains for a study question covering `share` of the reader's question
   */
  constructor(ordinals: ReadonlyMap<string, number>, credit: (share: number) => number) {
    this.#ordinals = ordinals;
    const idAt: string[] = [];
    for (const [id, at] of ordinals) idAt[at] = id;
    this.#idAt = idAt;
    this.#credit = credit;
    this.#slot = new Int32Array(ordinals.size);
    this.#slotRanking = new Int32Array(ordinals.size);
    this.#bestShare = new Float64Array(ordinals.size);
    this.#credited = new Int32Array(ordinals.size);
    this.#bestTerms = new Array<string[] | undefined>(ordinals.size).fill(undefined);
    this.#ids = new Array<string | undefined>(ordinals.size).fill(undefined);
    this.#ties = new Float64Array(ordinals.size);
  }

  /**
   * The ranking with each paragraph's score divided by `scale` and its best study question
   * credited (a paragraph only a question matches joins with a score of 0 first), best first: what
   * sorting `ranked` best first by its scores, then crediting, then sorting again stably gives. So
   * equal scores go by the score before credit, then by their order in `ranked` (a document index's
   * order of meeting them, which it keeps among equal scores), then the order first credited.
   * `ranked` (each paragraph once) is changed in place and returned.
   */
  add(ranked: RankedHit[], questions: Iterable<MatchedStudyQuestion>, scale: number): RankedHit[] {
    const slot = this.#slot;
    const slotRanking = this.#slotRanking;
    // A new number per ranking marks which places are set, so none need clearing afterwards.
    if (this.#ranking === 0x7fffffff) slotRanking.fill((this.#ranking = 0));
    const ranking = ++this.#ranking;
    const bestShare = this.#bestShare;
    const bestTerms = this.#bestTerms;
    const ids = this.#ids;
    const ties = this.#ties;
    const hits = ranked.length;
    // The places credited, in the order first credited: each at most once (its best share starts at 0).
    const credited = this.#credited;
    let creditedCount = 0;
    try {
      for (let i = 0; i < hits; i++) {
        const hit = ranked[i]!;
        ties[i] = hit.score;
        hit.score = hit.score / scale;
        // The index's number for a paragraph is its place in reading order when the index was filled in that order.
        const hint = hit.number;
        const at = hint !== undefined && this.#idAt[hint] === hit.id ? hint : this.#at(hit.id);
        slot[at] = i;
        slotRanking[at] = ranking;
      }
      // Indexed loops here and below: a for-of that V8 leaves unoptimised makes an object per step, thousands an ask at 100x.
      const matched = Array.isArray(questions) ? (questions as readonly MatchedStudyQuestion[]) : [...questions];
      for (let q = 0; q < matched.length; q++) {
        const { paragraphs, share, queryTerms, number } = matched[q]!;
        // Most questions are asked in one paragraph's notes: its place is read from one dense array, not a list of its own.
        const only = number !== undefined && this.#listByNumber[number] === paragraphs ? this.#onlyPlace[number]! : -1;
        if (only >= 0) {
          const at = only;
          if (share > bestShare[at]!) {
            if (bestShare[at] === 0) {
              credited[creditedCount++] = at;
              ids[at] = paragraphs[0];
            }
            bestShare[at] = share;
            bestTerms[at] = queryTerms;
          }
          continue;
        }
        const places = number === undefined ? this.#placesOf(paragraphs) : this.#placesOfNumber(number, paragraphs);
        for (let k = 0; k < places.length; k++) {
          const at = places[k]!;
          if (share > bestShare[at]!) {
            if (bestShare[at] === 0) {
              credited[creditedCount++] = at;
              ids[at] = paragraphs[k];
            }
            bestShare[at] = share;
            bestTerms[at] = queryTerms;
          }
        }
      }
      // The same two term lists meet in many paragraphs (a note repeated, the same terms matched): merged once.
      const merged = new Map<readonly string[], Map<readonly string[], string[]>>();
      const none: string[] = [];
      for (let c = 0; c < creditedCount; c++) {
        const at = credited[c]!;
        const queryTerms = bestTerms[at]!;
        let entry = slotRanking[at] === ranking ? ranked[slot[at]!] : undefined;
        if (!entry) {
          entry = { id: ids[at]!, score: 0, queryTerms: none };
          ties[ranked.length] = -Infinity;
          ranked.push(entry);
        }
        entry.score += this.#credit(bestShare[at]!);
        let withTerms = merged.get(entry.queryTerms);
        if (!withTerms) merged.set(entry.queryTerms, (withTerms = new Map<readonly string[], string[]>()));
        let terms = withTerms.get(queryTerms);
        if (!terms) withTerms.set(queryTerms, (terms = union(entry.queryTerms, queryTerms)));
        entry.queryTerms = terms;
      }
      return byScoreDescending(ranked, ties);
    } finally {
      for (let c = 0; c < creditedCount; c++) {
        const at = credited[c]!;
        bestShare[at] = 0;
        bestTerms[at] = undefined;
        ids[at] = undefined;
      }
    }
  }

  #placesOf(paragraphs: readonly string[]): Int32Array {
    let places = this.#places.get(paragraphs);
    if (!places) this.#places.set(paragraphs, (places = Int32Array.from(paragraphs, (id) => this.#at(id))));
    return places;
  }

  #placesOfNumber(number: number, paragraphs: readonly string[]): Int32Array {
    if (this.#listByNumber[number] === paragraphs) return this.#placesByNumber[number]!;
    const places = this.#placesOf(paragraphs);
    // Grown densely, never with holes, so the arrays stay in V8's fast form.
    while (this.#listByNumber.length <= number) {
      this.#listByNumber.push(undefined);
      this.#placesByNumber.push(undefined);
    }
    if (this.#onlyPlace.length <= number) {
      const grown = new Int32Array(Math.max(number + 1, this.#onlyPlace.length * 2)).fill(-1);
      grown.set(this.#onlyPlace);
      this.#onlyPlace = grown;
    }
    this.#listByNumber[number] = paragraphs;
    this.#placesByNumber[number] = places;
    this.#onlyPlace[number] = places.length === 1 ? places[0]! : -1;
    return places;
  }

  #at(id: string): number {
    const at = this.#ordinals.get(id);
    if (at === undefined) throw new Error(`StudyCredit: unknown paragraph ${id}`);
    return at;
  }
}
