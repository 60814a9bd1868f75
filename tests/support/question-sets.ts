import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";

/** One item of a question set (tests/fixtures/*.jsonl, the evaluation's format). */
export interface QuestionItem {
  id: string;
  kind: "ask" | "quote" | "none";
  question: string;
  gold: string[];
  style?: string;
}

const fixtures = join(import.meta.dirname, "../fixtures");

/** The items of one question set by file name, e.g. `tuning-a.jsonl`. */
export function questionSet(name: string): QuestionItem[] {
  return readFileSync(join(fixtures, name), "utf8")
    .split("\n")
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as QuestionItem);
}

/** Every item of every question set of the project. */
export function allQuestionSets(): QuestionItem[] {
  return readdirSync(fixtures)
    .filter((f) => f.endsWith(".jsonl"))
    .flatMap(questionSet);
}
