import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { contentTerms, tokenize } from "../../src/search/analyze.ts";
import { defaultCorpusDir, loadCorpus } from "../../src/search/index.ts";

/**
 * The study notes and the lexicon are written from the text, as a study-guide author would:
 * never from a test question. A note that reads like a question of the evaluation sets would
 * make those sets measure memory, not understanding.
 */
const fixtures = join(import.meta.dirname, "../fixtures");
const devSet = join(defaultCorpusDir, "../../shared/eval/dev.jsonl");
const setFiles = [
  ...readdirSync(fixtures)
    .filter((f) => f.endsWith(".jsonl"))
    .map((f) => join(fixtures, f)),
  ...(existsSync(devSet) ? [devSet] : []),
];
const testQuestions = setFiles.flatMap((file) =>
  readFileSync(file, "utf8")
    .split("\n")
    .filter((line) => line.trim())
    .map((line) => ({ file, question: (JSON.parse(line) as { question: string }).question })),
);

/** Jaccard similarity of two questions' content terms (stop words out, stemmed). */
function similarity(a: string, b: string): number {
  const x = new Set(contentTerms(a));
  const y = new Set(contentTerms(b));
  if (x.size === 0 || y.size === 0) return 0;
  let shared = 0;
  for (const term of x) if (y.has(term)) shared++;
  return shared / (x.size + y.size - shared);
}

const MAX_SIMILARITY = 0.6;

/**
 * Resemblances between notes and questions of sets written after the notes (see its `why`): a
 * question written blind from the text often matches a note written from the same paragraph.
 */
const predating = JSON.parse(readFileSync(join(fixtures, "notes-predating-sets.json"), "utf8")) as {
  sets: Record<string, Array<{ note: string; question: string }>>;
};
const isPredating = (note: string, question: string, file: string) =>
  (predating.sets[file.split("/").pop() ?? ""] ?? []).some((pair) => pair.note === note && pair.question === question);

describe("study notes and lexicon are written from the text, not from test questions", () => {
  const corpus = loadCorpus();

  it("given any study or open question, no evaluation question is within 0.6 of it on content words", () => {
    const echoes: string[] = [];
    for (const doc of corpus.documents)
      for (const p of doc.paragraphs)
        for (const note of [...(p.notes?.questions ?? []), ...(p.notes?.unanswered ?? [])])
          for (const t of testQuestions)
            if (similarity(note, t.question) >= MAX_SIMILARITY && !isPredating(note, t.question, t.file))
              echoes.push(`¶${p.number} “${note}” ~ “${t.question}” (${t.file.split("/").pop()})`);
    expect(echoes).toEqual([]);
  });

  it("the similarity measure flags a reworded copy and passes a different question", () => {
    expect(similarity("Where was Guvorkian imprisoned?", "where was guvorkian imprisoned according to the review")).toBeGreaterThanOrEqual(
      MAX_SIMILARITY,
    );
    expect(similarity("Who was Leopold Trepper?", "what did trepper write")).toBeLessThan(MAX_SIMILARITY);
  });

  /**
   * Reader words of the subject's synonyms that lived in code (src/search/thesaurus.ts), out of
   * this check's reach, until the lexicon became the one home of synonyms. They are everyday
   * words a reader types for the text's (die, farm, dad), kept so that no answer changes;
   * whether they stay is for whoever owns answer quality. Any other such word still fails.
   */
  const FORMER_THESAURUS = new Set(["gulag", "ussr", "bolshevik", "dad", "die", "farm", "farms", "agent", "uprisings"]);

  it.skipIf(!existsSync(devSet))("given the dev questions, no lexicon reader word is a word only they use", () => {
    const devWords = new Set(
      readFileSync(devSet, "utf8")
        .split("\n")
        .filter((line) => line.trim())
        .flatMap((line) => tokenize((JSON.parse(line) as { question: string }).question)),
    );
    const textWords = new Set(corpus.documents.flatMap((d) => d.paragraphs.flatMap((p) => tokenize(p.text))));
    const copied = [...corpus.readerWords.keys()].filter(
      (word) => devWords.has(word) && !textWords.has(word) && !FORMER_THESAURUS.has(word),
    );
    expect(copied).toEqual([]);
  });
});
