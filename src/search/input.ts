import type { Decline } from "./types.ts";

/** Longest query the core reads; longer is a mistake (a pasted page), answered with a reason. */
export const MAX_QUERY_CHARS = 1000;

/**
 * Cleans what a reader typed: control characters and runs of white space become single spaces.
 * Returns the cleaned text, or a {@link Decline} saying why there is nothing to search for.
 */
export function cleanQuery(input: string): { text: string } | { decline: Decline } {
  const text = String(input ?? "")
    .replace(/[\p{Cc}\p{Cf}\u2028\u2029]+/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
  if (!text) return { decline: { code: "empty", message: "There is nothing to look up: type a question or a phrase from the review." } };
  if (text.length > MAX_QUERY_CHARS) {
    return {
      decline: {
        code: "too-long",
        message: `That is ${text.length.toLocaleString("en")} characters; please ask in at most ${MAX_QUERY_CHARS.toLocaleString("en")}.`,
      },
    };
  }
  if (!/[\p{L}\p{N}]/u.test(text)) {
    return {
      decline: {
        code: "no-words",
        message: "That has no words in it to search for: try a question such as “what happened to Trotsky's family?”.",
      },
    };
  }
  return { text };
}
