/**
 * The paragraph index remembers the terms a query term matches fuzzily; it must answer exactly
 * as plain MiniSearch does, the first time and every time after, and after a paragraph is added.
 */
import MiniSearch, { type Options } from "minisearch";
import { describe, expect, it } from "vitest";
import { STOP_WORDS, termOf, tokenize } from "../../src/search/analyze.ts";
import { loadCorpus } from "../../src/search/index.ts";
import { ParagraphIndex } from "../../src/search/paragraph-index.ts";
import { allQuestionSets } from "../support/question-sets.ts";

interface Doc {
  id: string;
  text: string;
  notes: string;
}

const options: Options<Doc> = {
  fields: ["text", "notes"],
  tokenize: (text) => tokenize(text),
  processTerm: (token) => (STOP_WORDS.has(token) ? null : termOf(token)),
  searchOptions: { tokenize: (query) => query.split(" "), processTerm: (term) => term },
};
const docs: Doc[] = loadCorpus().documents.flatMap((d) =>
  d.paragraphs.map((p) => ({
    id: `${p.doc}#${p.number}`,
    text: p.text,
    notes: [p.notes?.summary ?? "", ...(p.notes?.questions ?? [])].join(" "),
  })),
);
const queries = [...new Set(allQuestionSets().map((item) => item.question))]
  .map((q) =>
    tokenize(q)
      .flatMap((t) => (STOP_WORDS.has(t) ? [] : [termOf(t)]))
      .join(" "),
  )
  .filter(Boolean);
const searchOptions = {
  fuzzy: (term: string) => (term.length >= 4 ? 1 : false),
  prefix: (term: string) => term.length >= 5,
  weights: { fuzzy: 0.4, prefix: 0.3 },
};

describe("ParagraphIndex against plain MiniSearch", () => {
  it("given every question set's question asked twice, gives MiniSearch's hits, scores and matches each time", () => {
    const plain = new MiniSearch<Doc>(options);
    const remembering = new ParagraphIndex<Doc>(options);
    plain.addAll(docs);
    remembering.addAll(docs);
    expect(queries.length).toBeGreaterThan(300);
    for (const round of [1, 2]) {
      for (const query of queries)
        expect(remembering.search(query, searchOptions), `${round}: ${query}`).toEqual(plain.search(query, searchOptions));
    }
  });

  it("given a paragraph added after questions were asked, finds it by a word one edit from its own", () => {
    const plain = new MiniSearch<Doc>(options);
    const remembering = new ParagraphIndex<Doc>(options);
    plain.addAll(docs);
    remembering.addAll(docs);
    const before = remembering.search("zkorpiax", { fuzzy: 1 });
    const added = { id: "extra#1", text: "Zkorpiox met him.", notes: "" };
    plain.add(added);
    remembering.add(added);
    const after = remembering.search("zkorpiax", { fuzzy: 1 });
    expect(after).toEqual(plain.search("zkorpiax", { fuzzy: 1 }));
    expect(after.map((hit) => String(hit.id))).toContain("extra#1");
    expect(before.map((hit) => String(hit.id))).not.toContain("extra#1");
  });
});
