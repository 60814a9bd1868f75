/**
 * The study notes' questions by index term, for ranking: which of a reader's query terms each
 * question holds. Ranking reads only that (how much of the reader's question a study question
 * covers), never a score, so a term map does what a second MiniSearch index did, matching terms
 * exactly as MiniSearch does (the term itself, longer terms it begins when `prefix` allows, terms
 * one edit away when `fuzzy` allows) without scoring every question that shares a term. A
 * question asked in several paragraphs' notes is held once.
 */
import SearchableMap from "minisearch/SearchableMap";
import type { MatchedStudyQuestion } from "./study-credit.ts";

/** How a query term may match other index terms: the same rules as the MiniSearch search options. */
export interface TermMatching {
  /** Whether longer terms beginning with the term match it. */
  prefix: (term: string) => boolean;
  /** The edit distance within which other terms match it, or false. */
  fuzzy: (term: string) => number | false;
}

/** One distinct study question: the paragraphs whose notes ask it. */
export interface StudyQuestionEntry {
  question: string;
  paragraphs: string[];
  /** Its place among the distinct questions (0, 1, …): what depends only on the question can be kept in an array by it. */
  number: number;
}

const MAX_EXPANSIONS = 20_000;
/** Most query terms a float's bits can mark exactly (2^0 … 2^52). */
const MAX_MASKED = 53;

export class QuestionTerms {
  /** Each index term, with the numbers of the distinct questions that hold it. */
  readonly #byTerm = new SearchableMap<number[]>();
  readonly #questions: StudyQuestionEntry[] = [];
  /** Per question, the query terms it holds as bits, during one match (see match). */
  #masks: Float64Array | undefined;
  /** The questions each query term matches, by term and rule: the same few terms come back question after question. */
  readonly #expansions = new Map<string, readonly number[]>();

  /**
   * @param notes every paragraph's study questions, in reading order
   * @param termsOf a text's index terms, analysed as the paragraph index analyses it
   */
  constructor(notes: Iterable<{ paragraph: string; question: string }>, termsOf: (text: string) => Iterable<string>) {
    const numbers = new Map<string, number>();
    for (const { paragraph, question } of notes) {
      let number = numbers.get(question);
      if (number === undefined) {
        number = this.#questions.length;
        numbers.set(question, number);
        this.#questions.push({ question, paragraphs: [], number });
        for (const term of new Set(termsOf(question))) {
          const holders = this.#byTerm.get(term);
          if (holders) holders.push(number);
          else this.#byTerm.set(term, [number]);
        }
      }
      this.#questions[number]!.paragraphs.push(paragraph);
    }
  }

  /**
   * The questions holding any of the query terms, each with the query terms it holds (in query
   * order): what MiniSearch reports as a hit's `queryTerms` for the same terms and options.
   * Questions holding the same terms share the list: read it, never change it.
   */
  match(queryTerms: readonly string[], matching: TermMatching): Array<{ entry: StudyQuestionEntry; queryTerms: string[] }> {
    if (queryTerms.length > MAX_MASKED || new Set(queryTerms).size < queryTerms.length) return this.#matchByLists(queryTerms, matching);
    const masks = (this.#masks ??= new Float64Array(this.#questions.length));
    const met: number[] = [];
    try {
      this.#collect(queryTerms, matching, masks, met);
      // Questions holding the same query terms share one list: what depends on it is worked out once per list.
      const lists = new Map<number, string[]>();
      return met.map((number) => {
        const mask = masks[number]!;
        let terms = lists.get(mask);
        if (!terms) lists.set(mask, (terms = termsOfMask(queryTerms, mask)));
        return { entry: this.#questions[number]!, queryTerms: terms };
      });
    } finally {
      // Cleared even when a matching rule throws part way.
      for (let k = 0; k < met.length; k++) masks[met[k]!] = 0;
    }
  }

  /**
   * {@link match}'s questions as study credit takes them, in the same order: each with its
   * paragraphs, its number, the query terms it holds and the share `shareOf` gives that list,
   * asked once per list (questions holding the same terms share it), with no object in between.
   */
  matchForCredit(
    queryTerms: readonly string[],
    matching: TermMatching,
    shareOf: (queryTerms: readonly string[]) => number,
  ): MatchedStudyQuestion[] {
    if (queryTerms.length > MAX_MASKED || new Set(queryTerms).size < queryTerms.length) {
      const shares = new Map<readonly string[], number>();
      return this.#matchByLists(queryTerms, matching).map(({ entry, queryTerms: terms }) => {
        let share = shares.get(terms);
        if (share === undefined) shares.set(terms, (share = shareOf(terms)));
        return { paragraphs: entry.paragraphs, share, queryTerms: terms, number: entry.number };
      });
    }
    const masks = (this.#masks ??= new Float64Array(this.#questions.length));
    const met: number[] = [];
    try {
      this.#collect(queryTerms, matching, masks, met);
      const lists = new Map<number, { terms: string[]; share: number }>();
      const matched = new Array<MatchedStudyQuestion>(met.length);
      for (let k = 0; k < met.length; k++) {
        const number = met[k]!;
        const mask = masks[number]!;
        let list = lists.get(mask);
        if (!list) {
          const terms = termsOfMask(queryTerms, mask);
          lists.set(mask, (list = { terms, share: shareOf(terms) }));
        }
        const entry = this.#questions[number]!;
        matched[k] = { paragraphs: entry.paragraphs, share: list.share, queryTerms: list.terms, number: entry.number };
      }
      return matched;
    } finally {
      for (let k = 0; k < met.length; k++) masks[met[k]!] = 0;
    }
  }

  /**
   * By question number, which query terms it holds, one bit per place (a sum of distinct powers
   * of two, exact up to 2^53), into `masks` (all 0 before); and into `met`, the questions in the
   * order first found. The masks are kept from call to call (one per question: thousands).
   */
  #collect(queryTerms: readonly string[], matching: TermMatching, masks: Float64Array, met: number[]): void {
    for (let i = 0; i < queryTerms.length; i++) {
      const term = queryTerms[i]!;
      const bit = 2 ** i;
      const holders = this.#holders(term, matching.prefix(term), matching.fuzzy(term));
      for (let k = 0; k < holders.length; k++) {
        const number = holders[k]!;
        if (masks[number] === 0) met.push(number);
        masks[number]! += bit;
      }
    }
  }

  /** {@link match} for a query with a term twice or too many terms for a mask: a list grown per question. */
  #matchByLists(queryTerms: readonly string[], matching: TermMatching): Array<{ entry: StudyQuestionEntry; queryTerms: string[] }> {
    const found: Array<string[] | undefined> = new Array<string[] | undefined>(this.#questions.length);
    const met: number[] = [];
    for (const term of queryTerms) {
      for (const number of this.#holders(term, matching.prefix(term), matching.fuzzy(term))) {
        const terms = found[number];
        if (terms) terms.push(term);
        else {
          found[number] = [term];
          met.push(number);
        }
      }
    }
    return met.map((number) => ({ entry: this.#questions[number]!, queryTerms: found[number]! }));
  }

  /** The questions holding the term itself, a longer term it begins (with `prefix`), or a term `distance` edits away. */
  #holders(term: string, prefix: boolean, distance: number | false): readonly number[] {
    const key = `${prefix ? "p" : ""}${distance || ""}:${term}`;
    let holders = this.#expansions.get(key);
    if (!holders) {
      const numbers = new Set(this.#byTerm.get(term));
      if (prefix) for (const [, list] of this.#byTerm.atPrefix(term)) for (const n of list) numbers.add(n);
      if (distance) for (const [list] of this.#byTerm.fuzzyGet(term, distance).values()) for (const n of list) numbers.add(n);
      holders = [...numbers];
      // Bounded: the terms readers use are many but repeat; a full cache starts again.
      if (this.#expansions.size >= MAX_EXPANSIONS) this.#expansions.clear();
      this.#expansions.set(key, holders);
    }
    return holders;
  }
}

/** The query terms a mask marks, in query order. */
function termsOfMask(queryTerms: readonly string[], mask: number): string[] {
  return queryTerms.filter((_, i) => Math.floor(mask / 2 ** i) % 2 === 1);
}
