/**
 * A corpus's vocabulary as the engine teaches it: each paragraph's text, study notes and section
 * title, for tests that analyse questions without building the whole engine.
 */
import type { Corpus } from "../../src/search/index.ts";
import { Vocabulary } from "../../src/search/question.ts";

export function corpusVocabulary(corpus: Corpus): Vocabulary {
  const vocabulary = new Vocabulary(corpus.readerWords);
  for (const p of corpus.documents.flatMap((d) => d.paragraphs)) {
    for (const field of [p.text, p.notes?.summary ?? "", ...(p.notes?.names ?? []), ...(p.notes?.questions ?? []), p.section ?? ""]) {
      vocabulary.add(field);
    }
  }
  return vocabulary;
}
