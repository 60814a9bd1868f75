import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { defaultCorpusDir, loadCorpus } from "../../src/search/index.ts";
import { parseDocument } from "../../src/corpus/load.ts";
import { Vocabulary } from "../../src/search/question.ts";

/**
 * The web page the review was copied from: the review, then the page's donation and comment
 * chrome. A copy is kept in tests/fixtures so a fresh clone can check the corpus against it; the
 * shared original, where present beside the project, must be the same page.
 */
const seed = readFileSync(join(defaultCorpusDir, "../tests/fixtures/source-page.txt"), "utf8");
const sharedSeed = join(defaultCorpusDir, "../../shared/seeds/000_7ffd91957bcffdf4.txt");
const seedParagraphs = seed
  .split("Special financial appeal")[0]!
  .split(/\n\s*\n/)
  .map((b) => b.trim())
  .filter(Boolean)
  .slice(1) // the title line
  .filter((b) => !["Total fabrication", "Purge trials", "Heroic opposition"].includes(b));

describe("the review as a corpus", () => {
  const corpus = loadCorpus();
  const review = corpus.documents.find((d) => d.meta.id === "koba-the-dread-review")!;

  it("has the review with its metadata", () => {
    expect(review).toBeDefined();
    expect(review.meta.title).toBe("Review: Martin Amis: Koba the Dread, Laughter and the twenty millions");
    expect(review.meta.bookAuthor).toBe("Martin Amis");
    expect(review.meta.book).toMatch(/^Koba the Dread/);
    expect(review.meta.date).toBe("October 2002");
  });

  it.skipIf(!existsSync(sharedSeed))("checks against an exact copy of the shared source page", () => {
    expect(readFileSync(sharedSeed, "utf8")).toBe(seed);
  });

  it("has 51 paragraphs, numbered 1..51 in reading order, each verbatim from the seed", () => {
    expect(review.paragraphs).toHaveLength(51);
    expect(seedParagraphs).toHaveLength(51);
    review.paragraphs.forEach((p, i) => {
      expect(p.number).toBe(i + 1);
      expect(p.text).toBe(seedParagraphs[i]);
    });
  });

  it("keeps headings out of the paragraphs and in the sections", () => {
    expect(review.sections.map((s) => [s.title, s.first, s.last])).toEqual([
      [null, 1, 8],
      ["Total fabrication", 9, 16],
      ["[Who was Stalin?]", 17, 29],
      ["Purge trials", 30, 39],
      ["Heroic opposition", 40, 51],
    ]);
    expect(review.paragraphs.some((p) => /^(Total fabrication|Purge trials|Heroic opposition)$/.test(p.text))).toBe(false);
    expect(review.paragraphs[29]!.section).toBe("Purge trials");
  });

  it("marks the heading that the source lacks as supplied, not as printed", () => {
    const untitled = review.sections.find((s) => s.first === 17)!;
    expect(untitled.supplied).toBe(true);
    expect(review.paragraphs[16]!.text.startsWith("WHO WAS Stalin")).toBe(true);
    expect(review.sections.filter((s) => s.supplied)).toHaveLength(1);
  });

  it("leaves out the page's donation appeal and comment form", () => {
    const all = review.paragraphs.map((p) => p.text).join("\n");
    for (const chrome of ["Special financial appeal", "Donate via Paypal", "Patreon", "Leave a Reply", "Be the first to comment"]) {
      expect(all).not.toContain(chrome);
    }
    expect(review.paragraphs.at(-1)!.text).toMatch(/^It is from this tradition/);
  });

  it("gives every paragraph study notes, which are not the text", () => {
    for (const p of review.paragraphs) {
      expect(p.notes, `¶${p.number}`).not.toBeNull();
      expect(p.notes!.summary.length, `¶${p.number}`).toBeGreaterThan(20);
      expect(p.notes!.questions.length, `¶${p.number}`).toBeGreaterThan(0);
      expect(p.notes!.unanswered.length, `¶${p.number}`).toBeGreaterThan(0);
    }
  });

  it("reads every document in the folder, so a study group can add its own reading, the review staying first", () => {
    const dir = mkdtempSync(join(tmpdir(), "corpus-"));
    copyFileSync(join(defaultCorpusDir, "koba-the-dread-review.md"), join(dir, "koba-the-dread-review.md"));
    writeFileSync(
      join(dir, "aa-notes.md"),
      "---\nid: group-notes\ntitle: Our notes\n---\n\n## Week 1\n\nFirst thought.\n\nSecond\nthought wrapped.\n",
    );
    const both = loadCorpus(dir);
    rmSync(dir, { recursive: true, force: true });
    expect(both.documents.map((d) => d.meta.id)).toEqual(["koba-the-dread-review", "group-notes"]);
    expect(Object.keys(both.documents[0]!).sort()).toEqual(["meta", "paragraphs", "sections"]);
    const extra = both.documents[1]!;
    expect(extra.paragraphs.map((p) => [p.number, p.section, p.text])).toEqual([
      [1, "Week 1", "First thought."],
      [2, "Week 1", "Second thought wrapped."],
    ]);
  });

  it("given a lexicon with phrases, a non-string and a reader word that is its text word, keeps words and short phrases and says what it dropped", () => {
    const dir = mkdtempSync(join(tmpdir(), "corpus-"));
    writeFileSync(join(dir, "walrus.md"), "---\nid: walrus\ntitle: Walrus\n---\n\nThe walrus sang at dawn.\n");
    writeFileSync(
      join(dir, "lexicon.json"),
      JSON.stringify({
        sang: ["crooned", "Burst  into song", "burst out into a song", "sang!", 7, "Sang"],
        dawn: ["Sunrise"],
        walrus: "tusker",
      }),
    );
    const corpus = loadCorpus(dir);
    rmSync(dir, { recursive: true, force: true });
    expect([...corpus.readerWords]).toEqual([
      ["crooned", ["sang"]],
      ["burst into song", ["sang"]],
      ["sunrise", ["dawn"]],
    ]);
    expect(corpus.warnings).toEqual([
      'lexicon.json: “sang”: "burst out into a song" dropped (not a word or a phrase of two or three words)',
      'lexicon.json: “sang”: "sang!" dropped (not a word or a phrase of two or three words)',
      "lexicon.json: “sang”: 7 dropped (not a string)",
      'lexicon.json: “sang”: "Sang" dropped (the text word itself)',
      'lexicon.json: “walrus”: "tusker" dropped (not a list of reader words)',
    ]);
    // The question's analysis adds the text's word to the phrase's first telling word, in any inflection.
    const vocabulary = new Vocabulary(corpus.readerWords);
    const read = (tokens: string[]) => vocabulary.readPhrases(tokens).map((r) => [r.token, ...r.phraseWords].join("+"));
    expect(read(["the", "walrus", "bursts", "into", "song"])).toEqual(["the", "walrus", "bursts+sang", "into", "song"]);
    expect(read(["burst", "into", "tears"])).toEqual(["burst", "into", "tears"]);
  });

  it("the project's corpus loads with nothing dropped", () => {
    expect(loadCorpus().warnings).toEqual([]);
  });

  it("reads the verdict, argument and praise paragraphs from the front matter, in the order given", () => {
    expect(loadCorpus().documents[0]!.meta.verdict).toEqual([5, 30, 40, 9]);
    expect(loadCorpus().documents[0]!.meta.argument).toEqual([11, 22, 25, 16]);
    expect(loadCorpus().documents[0]!.meta.praise).toEqual([30]);
    expect(parseDocument("---\nverdict: 2, 1\n---\n\nOne.\n\nTwo.\n", "two.md").meta.verdict).toEqual([2, 1]);
    expect(parseDocument("One paragraph.\n", "plain.md").meta.verdict).toEqual([]);
  });

  it.each([
    ["verdict: 3", /verdict: "3" is not one of its paragraphs \(1 to 2\)/],
    ["verdict: 1, two", /verdict: "two" is not one of its paragraphs/],
    ["verdict: 1, 1", /named twice/],
    ["argument: 0", /argument: "0" is not one of its paragraphs/],
    ["praise: 3", /praise: "3" is not one of its paragraphs/],
  ])("rejects front matter %j, naming the file", (line, message) => {
    expect(() => parseDocument(`---\n${line}\n---\n\nOne.\n\nTwo.\n`, "bad.md")).toThrow(message);
  });

  it("rejects a document with unclosed front matter, naming the file", () => {
    expect(() => parseDocument("---\nid: x\nno end", "broken.md")).toThrow(/corpus: broken\.md/);
  });
});
