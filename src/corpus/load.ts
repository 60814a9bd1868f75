import { readFileSync, readdirSync, existsSync, statSync } from "node:fs";
import { basename, join, resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import type { Corpus, CorpusDocument, DocumentMeta, Paragraph, Section, StudyNotes } from "./types.ts";
import { DOCUMENT_ID } from "./ref.ts";

/** The project folder (the one holding package.json), whether this runs as TypeScript (src/) or compiled (dist/src/). */
function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, "package.json")) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

/** The `corpus/` folder of this project. */
export const defaultCorpusDir = join(projectRoot(), "corpus");

/**
 * The corpus folder `CORPUS_DIR` names (relative to `cwd`), or this project's `corpus/` when it is
 * unset; an error sentence when it names no folder. The CLI, the console and the bot all read it.
 *
 * @example
 * const found = corpusDirFrom(process.env);
 * if ("error" in found) console.error(found.error); else loadCorpus(found.dir);
 */
export function corpusDirFrom(env: Readonly<Record<string, string | undefined>>, cwd = process.cwd()): { dir: string } | { error: string } {
  const value = env["CORPUS_DIR"]?.trim();
  if (!value) return { dir: defaultCorpusDir };
  const dir = resolve(cwd, value);
  let isFolder = false;
  try {
    isFolder = statSync(dir).isDirectory();
  } catch {
    isFolder = false;
  }
  return isFolder ? { dir } : { error: `CORPUS_DIR must name a folder of corpus documents (*.md); “${value}” is not one.` };
}

/** Misuse of the corpus (a malformed document) is a programming error: it throws, prefixed. */
class CorpusError extends Error {
  constructor(file: string, message: string) {
    super(`corpus: ${basename(file)}: ${message}`);
    this.name = "CorpusError";
  }
}

/**
 * Reads every document in `dir`: each `NAME.md` (front matter, `# title`, `## section`
 * headings, blank-line separated paragraphs) with its optional `NAME.notes.json` study notes.
 * Documents come in `order:` then file-name order, so citations are stable.
 *
 * @example
 * const corpus = loadCorpus();
 * corpus.documents[0].paragraphs[11]; // ¶12 with its section and text
 */
export function loadCorpus(dir: string = defaultCorpusDir): Corpus {
  const files = readdirSync(dir)
    .filter((name) => name.endsWith(".md") && name.toLowerCase() !== "readme.md")
    .sort();
  const documents = files
    .map((name) => {
      const file = join(dir, name);
      const notesFile = join(dir, name.replace(/\.md$/, ".notes.json"));
      const notes = existsSync(notesFile) ? readNotes(notesFile) : new Map<number, StudyNotes>();
      return parseDocument(readFileSync(file, "utf8"), file, notes);
    })
    // `order:` in the front matter first (the review has 1, so a bare "¶12" stays the review's
    // whatever a study group names its own files), then file names.
    .sort((a, b) => a.order - b.order)
    .map(({ order: _order, ...doc }) => doc);
  const ids = new Set<string>();
  for (const doc of documents) {
    if (ids.has(doc.meta.id)) throw new CorpusError(doc.meta.id, `duplicate document id "${doc.meta.id}"`);
    ids.add(doc.meta.id);
  }
  const lexiconFile = join(dir, "lexicon.json");
  const lexicon = existsSync(lexiconFile) ? readLexicon(lexiconFile) : { readerWords: new Map<string, string[]>(), warnings: [] };
  return { documents, readerWords: lexicon.readerWords, warnings: lexicon.warnings };
}

/** A reader's word, or phrase of up to three words: letters, apostrophes and hyphens. */
const READER_ENTRY = /^[\p{L}'-]+(?: [\p{L}'-]+){0,2}$/u;

/**
 * Reads `lexicon.json`, the one home of synonyms: `{"text word": ["reader word", ...]}`, each key a
 * word of the text (or of its subject: "stalin", "kingsley"), each value the words a reader may
 * type for it. Read into the direction a question needs, reader word → text words. A reader's
 * phrase of two or three words ("pass away", "came to power") is kept as it is, words separated by
 * one space: the question's analysis reads it as one word. Anything else (longer phrases,
 * punctuation, a non-string) is dropped, and said in `warnings`; so is a reader word that is its
 * text word.
 */
function readLexicon(file: string): { readerWords: Map<string, string[]>; warnings: string[] } {
  const raw: unknown = JSON.parse(readFileSync(file, "utf8"));
  if (!isRecord(raw)) throw new CorpusError(file, 'expected {"text word": ["reader word", ...]}');
  const readerWords = new Map<string, string[]>();
  const warnings: string[] = [];
  const drop = (textWord: string, entry: unknown, why: string) =>
    warnings.push(`${basename(file)}: “${textWord}”: ${JSON.stringify(entry)} dropped (${why})`);
  for (const [textWord, readers] of Object.entries(raw)) {
    if (!Array.isArray(readers)) {
      drop(textWord, readers, "not a list of reader words");
      continue;
    }
    for (const reader of readers as unknown[]) {
      if (typeof reader !== "string") {
        drop(textWord, reader, "not a string");
        continue;
      }
      const word = reader.trim().toLowerCase().replace(/\s+/g, " ");
      if (!READER_ENTRY.test(word)) drop(textWord, reader, "not a word or a phrase of two or three words");
      else if (word === textWord.toLowerCase()) drop(textWord, reader, "the text word itself");
      else {
        const list = readerWords.get(word) ?? [];
        if (!list.includes(textWord.toLowerCase())) list.push(textWord.toLowerCase());
        readerWords.set(word, list);
      }
    }
  }
  return { readerWords, warnings };
}

/** Parses one corpus document. Exported for tests; `file` is only used in error messages. */
export function parseDocument(source: string, file: string, notes: Map<number, StudyNotes> = new Map()): CorpusDocument & { order: number } {
  const { fields, body } = splitFrontMatter(source.replace(/\r\n?/g, "\n"), file);
  const id = fields.get("id") ?? idFromFileName(basename(file));
  if (!DOCUMENT_ID.test(id)) {
    throw new CorpusError(file, `document id "${id}" must be lower-case letters, digits and hyphens (it is typed in /quote, e.g. ${idFromFileName(id)}#3)`);
  }
  let title = fields.get("title") ?? null;

  const paragraphs: Paragraph[] = [];
  const sections: Section[] = [];
  let current: Section = { title: null, supplied: false, first: 1, last: 0 };

  for (const block of body.split(/\n\s*\n/)) {
    const text = block.trim();
    if (!text) continue;
    if (text.startsWith("## ")) {
      if (current.last >= current.first) sections.push(current);
      const heading = text.slice(3).trim();
      current = { title: heading, supplied: /^\[.*\]$/.test(heading), first: paragraphs.length + 1, last: paragraphs.length };
      continue;
    }
    if (text.startsWith("# ")) {
      title ??= text.slice(2).trim();
      continue;
    }
    const number = paragraphs.length + 1;
    // Paragraphs are one line each in the source; a wrapped one is joined, not split.
    paragraphs.push({ doc: id, number, section: current.title, text: text.replace(/\s*\n\s*/g, " "), notes: notes.get(number) ?? null });
    current.last = number;
  }
  if (current.last >= current.first) sections.push(current);
  if (paragraphs.length === 0) throw new CorpusError(file, "has no paragraphs");
  for (const n of notes.keys()) {
    if (n < 1 || n > paragraphs.length) throw new CorpusError(file, `study notes for ¶${n}, which does not exist`);
  }

  const meta: DocumentMeta = {
    id,
    title: title ?? id,
    book: fields.get("book") ?? null,
    bookAuthor: fields.get("book_author") ?? null,
    date: fields.get("date") ?? null,
    verdict: paragraphList("verdict", fields.get("verdict"), paragraphs.length, file),
    argument: paragraphList("argument", fields.get("argument"), paragraphs.length, file),
    praise: paragraphList("praise", fields.get("praise"), paragraphs.length, file),
  };
  const order = Number(fields.get("order"));
  return { meta, sections, paragraphs, order: Number.isFinite(order) ? order : Number.POSITIVE_INFINITY };
}

/** Front matter such as `verdict: 5, 30, 40`: paragraph numbers, each one the document has, each once. */
function paragraphList(name: string, field: string | undefined, paragraphs: number, file: string): number[] {
  if (field === undefined || field.trim() === "") return [];
  const numbers = field.split(/\s*,\s*/).map((n) => (/^\d+$/.test(n) ? Number(n) : NaN));
  const bad = numbers.findIndex((n) => !Number.isInteger(n) || n < 1 || n > paragraphs);
  if (bad >= 0) throw new CorpusError(file, `${name}: "${field.split(",")[bad]?.trim()}" is not one of its paragraphs (1 to ${paragraphs})`);
  if (new Set(numbers).size !== numbers.length) throw new CorpusError(file, `${name}: a paragraph is named twice in "${field}"`);
  return numbers;
}

/** "Week 3 Reading.md" → "week-3-reading": a file named freely still gives an id a reader can type. */
function idFromFileName(name: string): string {
  return (
    name
      .replace(/\.md$/, "")
      .normalize("NFKD")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "") || "document"
  );
}

function splitFrontMatter(source: string, file: string): { fields: Map<string, string>; body: string } {
  const fields = new Map<string, string>();
  if (!source.startsWith("---\n")) return { fields, body: source };
  const end = source.indexOf("\n---\n", 4);
  if (end < 0) throw new CorpusError(file, "front matter is not closed by a --- line");
  for (const line of source.slice(4, end).split("\n")) {
    const match = /^([A-Za-z_]+):\s*(.*)$/.exec(line.trim());
    if (match) fields.set(match[1]!.toLowerCase(), match[2]!.trim());
  }
  return { fields, body: source.slice(end + 5) };
}

function readNotes(file: string): Map<number, StudyNotes> {
  const raw: unknown = JSON.parse(readFileSync(file, "utf8"));
  const paragraphs = isRecord(raw) && isRecord(raw["paragraphs"]) ? raw["paragraphs"] : null;
  if (!paragraphs) throw new CorpusError(file, 'expected {"paragraphs": {"1": {...}}}');
  const notes = new Map<number, StudyNotes>();
  for (const [key, value] of Object.entries(paragraphs)) {
    const number = Number(key);
    if (!Number.isInteger(number) || !isRecord(value)) throw new CorpusError(file, `bad notes entry "${key}"`);
    notes.set(number, {
      summary: typeof value["summary"] === "string" ? value["summary"] : "",
      names: stringList(value["names"]),
      questions: stringList(value["questions"]),
      unanswered: stringList(value["unanswered"]),
    });
  }
  return notes;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}
