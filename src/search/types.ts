/**
 * Public types of the search core: answers, passages, declines, options. The corpus's own types
 * (documents, paragraphs, notes) are the corpus's: src/corpus/types.ts. Nothing here (or anywhere
 * under src/search, src/corpus) imports Discord: the same core serves the CLI, the console, the
 * bot and the tests.
 */

/** One cited passage in an answer. `text` is the whole paragraph verbatim. */
export interface Passage {
  doc: string;
  paragraph: number;
  section: string | null;
  text: string;
  /** The sentence(s) of `text` that best answer the query: a verbatim substring of `text`. */
  excerpt: string;
  score: number;
}

/** Why a query was not answered. Stable codes, friendly messages. */
export type DeclineCode =
  "empty" | "too-long" | "no-words" | "out-of-range" | "not-covered" | "no-match" | "beyond-position" | "not-english" | "error";

export interface Decline {
  code: DeclineCode;
  message: string;
  /** For `beyond-position`: the reading position the answer was capped at (the answer lies past it). */
  upTo?: number;
  /**
   * The first document's paragraphs a discussion is about (`first..last`): ask prefers them
   * (their scores are multiplied), without excluding better answers elsewhere. Unset: no preference.
   */
  boostSection?: { first: number; last: number };
}

/**
 * The answer to an ask or a quote lookup. When `answered` is false, `reason` says why, and
 * `results` may still hold the closest passages ("maybe related"), best first.
 */
export interface Answer {
  query: string;
  answered: boolean;
  reason?: Decline;
  results: Passage[];
}

export interface SearchOptions {
  /** How many passages at most (1–5 in the CLI; default 5). */
  limit?: number;
  /**
   * A study group's reading position: only the first document's paragraphs 1..upTo may be cited
   * or hinted at (spoiler-safe). When the answer lies further on, the answer is declined with
   * `beyond-position` and no results. Unset: the whole corpus.
   */
  upTo?: number;
  /**
   * The first document's paragraphs a discussion is about (`first..last`): ask prefers them
   * (their scores are multiplied), without excluding better answers elsewhere. Unset: no preference.
   */
  boostSection?: { first: number; last: number };
}
