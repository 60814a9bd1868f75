/**
 * Public types of the search core: answers, passages, declines, options. The corpus's own types
 * (documents, paragraphs, notes) are the corpus's: src/corpus/types.ts. Nothing here (or anywhere
 * under src/search, src/corpus) imports Discord: the same core serves the CLI, the console, the
 * bot and the tests.
 */

import type { RangeProblem } from "./range.ts";
import type { ScopeReason } from "./scope.ts";

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

/**
 * Why a query was not answered: a stable code and the facts behind it, never wording. The bot and
 * the CLI word them (src/format/declines.ts), so the core says nothing of commands or screens.
 */
export type Decline =
  | { code: "empty" }
  | { code: "too-long"; length: number; max: number }
  /** No words to search for: none at all (a question or a phrase), or only question words. */
  | { code: "no-words"; asked: "question" | "phrase" | "only-question-words" }
  | { code: "not-english" }
  /** A paragraph number past a document's end; `title` is null for the first document. */
  | { code: "out-of-range"; paragraph: string; title: string | null; paragraphs: number }
  /** A paragraph range (`12-14`) that runs past the first document's end or holds too many paragraphs. */
  /** A paragraph range that cannot be quoted; `upTo`, the reading position it was asked at, so that what is suggested instead lies within it. */
  | { code: "bad-range"; problem: RangeProblem; upTo?: number }
  /** The review does not answer it: why (null when nothing matched at all), and the document's own date. */
  | { code: "not-covered"; scope: ScopeReason | null; documentDate: string | null }
  /** No passage reads like a remembered phrase. */
  | { code: "no-match" }
  /**
   * The answer lies past the reading position the answer was capped at; `paragraphs`, when the
   * question named paragraphs of the first document by number, those of them past it.
   */
  | { code: "beyond-position"; upTo: number; paragraphs?: readonly number[] }
  | { code: "error" };

/**
 * The answer to an ask or a quote lookup. When `answered` is false, `reason` says why, and
 * `results` may still hold the closest passages ("maybe related"), best first.
 */
export interface Answer {
  query: string;
  answered: boolean;
  reason?: Decline;
  results: Passage[];
  /**
   * How many of the first results answer together and are shown at once, when more than the
   * best one: each paragraph named by number ("paragraphs 12 and 20"), each part's best of two
   * questions in one.
   */
  together?: number;
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
