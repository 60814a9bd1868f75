/**
 * The paragraph index: MiniSearch, with the terms one query term matches fuzzily remembered. The
 * walk of the term tree for the terms one edit away is the dearest step of looking a term up,
 * and readers use the same few hundred words question after question; the index never changes
 * once built (a document added or removed forgets what was remembered). Scores are MiniSearch's
 * own: only the walk is skipped, and MiniSearch gets a fresh copy of what the walk found.
 */
import MiniSearch, { type Options } from "minisearch";

/** Bounded: a full memory starts again. */
const MAX_REMEMBERED = 20_000;

export class ParagraphIndex<T> extends MiniSearch<T> {
  readonly #fuzzyMatches = new Map<string, ReturnType<MiniSearch<T>["_index"]["fuzzyGet"]>>();

  constructor(options: Options<T>) {
    super(options);
    const tree = this._index;
    const walk = tree.fuzzyGet.bind(tree);
    tree.fuzzyGet = (key, maxEditDistance) => {
      const remembered = `${maxEditDistance}:${key}`;
      let found = this.#fuzzyMatches.get(remembered);
      if (!found) {
        if (this.#fuzzyMatches.size >= MAX_REMEMBERED) this.#fuzzyMatches.clear();
        this.#fuzzyMatches.set(remembered, (found = walk(key, maxEditDistance)));
      }
      // MiniSearch deletes from the map it is given (a term matched by prefix too).
      return new Map(found);
    };
  }

  override add(document: T): void {
    this.#fuzzyMatches.clear();
    super.add(document);
  }

  override remove(document: T): void {
    this.#fuzzyMatches.clear();
    super.remove(document);
  }

  override discard(id: unknown): void {
    this.#fuzzyMatches.clear();
    super.discard(id);
  }
}
