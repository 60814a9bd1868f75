/**
 * The corpus as loaded from `corpus/`: documents, their sections and paragraphs, the study notes
 * and the reader's words. The corpus depends on nothing else; the search core reads these.
 */

/** What a corpus document says about itself (front matter of a `corpus/*.md` file). */
export interface DocumentMeta {
  /** Stable id used in citations, e.g. `koba-the-dread-review`. */
  id: string;
  /** Title of the document as published. */
  title: string;
  /** The book it reviews, if any. */
  book: string | null;
  /** The author of that book, if any. */
  bookAuthor: string | null;
  /** Publication date as printed, e.g. `October 2002`. */
  date: string | null;
  /**
   * The paragraphs where the document judges the book it reviews as a whole, most telling first
   * (front matter `verdict: 5, 30`): what answers "what does the reviewer think of the book?".
   * Chosen by hand from the text, as a study guide would; empty when not given.
   */
  verdict: readonly number[];
  /**
   * The paragraphs that make the document's own main argument, most telling first (front matter
   * `argument: 11, 22`): what answers "what is the review's main argument?". Chosen by hand
   * from the text; empty when not given.
   */
  argument: readonly number[];
  /**
   * Of the verdict, the paragraphs where the document grants the book something, most telling
   * first (front matter `praise: 30`): shown first for "what's the best thing about the book?".
   */
  praise: readonly number[];
}

/** Study notes for one paragraph: written by hand from the text, indexed, never quoted. */
export interface StudyNotes {
  /** One sentence: what the paragraph says or argues. */
  summary: string;
  /** People, places, ideas in it, with the other names a reader may use for them. */
  names: string[];
  /** Questions the paragraph answers, in a reader's words. */
  questions: string[];
  /** Questions a reader of the paragraph asks next that the review never answers ("Who killed Trotsky?"). */
  unanswered: string[];
}

/** A section of a document. Sections whose heading is not in the source are `supplied`. */
export interface Section {
  /** Heading as printed; a supplied heading is in square brackets, e.g. `[Who was Stalin?]`; null before the first heading. */
  title: string | null;
  /** True when the heading was supplied by the editor of this corpus, not printed in the source. */
  supplied: boolean;
  /** First and last paragraph numbers (1-based, inclusive). */
  first: number;
  last: number;
}

/** One paragraph with its stable citation. */
export interface Paragraph {
  doc: string;
  /** 1-based in reading order; headings are not paragraphs. */
  number: number;
  /** Heading of the section it belongs to (see {@link Section.title}). */
  section: string | null;
  /** The paragraph verbatim from the source. */
  text: string;
  notes: StudyNotes | null;
}

export interface CorpusDocument {
  meta: DocumentMeta;
  sections: Section[];
  paragraphs: Paragraph[];
}

export interface Corpus {
  documents: CorpusDocument[];
  /**
   * Reader's words → the text's words for the same thing ("start" → began, "rival" → opponent),
   * from `corpus/lexicon.json`; used to widen a question, never to quote.
   */
  readerWords: ReadonlyMap<string, readonly string[]>;
  /** What loading dropped and why, one sentence each (a lexicon phrase, a non-string entry); the bot and the CLI log them. */
  warnings: readonly string[];
}
