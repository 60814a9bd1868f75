/**
 * The answer cache: the last answers the search core gave, so that "More results", "Show context"
 * and a question asked again cost nothing. A bounded LRU keyed by exactly what decides an answer
 * (the cleaned question, the limit, the reading position); the index is fixed for the life of a
 * ReviewSearch, so a cached answer is the answer. Callers get copies: one that edits its answer
 * cannot change the next caller's.
 */
import type { Answer } from "./types.ts";

/** How the cache has done so far. */
export interface CacheStats {
  hits: number;
  misses: number;
  /** Answers held now, and at most. */
  size: number;
  capacity: number;
  /** hits / (hits + misses), 0 before the first lookup. */
  hitRate: number;
}

/** Answers held by default: a few megabytes at most (an answer is five paragraphs' references and excerpts). */
const DEFAULT_ANSWER_CACHE_SIZE = 2_000;

/**
 * A least-recently-used map from a key to an answer.
 *
 * @example
 * const cache = new AnswerCache(100);
 * const answer = cache.get("who was trepper?|5|", () => search.ask(…));
 * cache.stats().hitRate;
 */
export class AnswerCache {
  readonly #answers = new Map<string, Answer>();
  readonly #capacity: number;
  #hits = 0;
  #misses = 0;

  constructor(capacity = DEFAULT_ANSWER_CACHE_SIZE) {
    if (!Number.isInteger(capacity) || capacity < 0) throw new Error(`AnswerCache: capacity must be a whole number, not ${capacity}`);
    this.#capacity = capacity;
  }

  /** The answer for `key`, computed by `compute` (and kept) when not held. */
  get(key: string, compute: () => Answer): Answer {
    const held = this.#answers.get(key);
    if (held) {
      this.#hits++;
      // Most recently used last: the first key is the one to drop.
      this.#answers.delete(key);
      this.#answers.set(key, held);
      return copy(held);
    }
    this.#misses++;
    const answer = compute();
    if (this.#capacity > 0) {
      this.#answers.set(key, copy(answer));
      if (this.#answers.size > this.#capacity) this.#answers.delete(this.#answers.keys().next().value!);
    }
    return answer;
  }

  stats(): CacheStats {
    const lookups = this.#hits + this.#misses;
    return {
      hits: this.#hits,
      misses: this.#misses,
      size: this.#answers.size,
      capacity: this.#capacity,
      hitRate: lookups === 0 ? 0 : this.#hits / lookups,
    };
  }

  clear(): void {
    this.#answers.clear();
  }
}

function copy(answer: Answer): Answer {
  return {
    ...answer,
    ...(answer.reason ? { reason: { ...answer.reason } } : {}),
    results: answer.results.map((r) => ({ ...r })),
  };
}
