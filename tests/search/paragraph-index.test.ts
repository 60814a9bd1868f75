/**
 * The paragraph index remembers the terms a query term matches fuzzily; it must answer exactly
 * as plain MiniSearch does, the first time and every time after, and after a paragraph is added.
 * Its ranking path adds up BM25 in typed arrays instead of MiniSearch's objects: it must give
 * MiniSearch's documents, scores (to the last bit), matched terms and order for every question of
 * every question set, as ranking asks them, on the review and on a corpus three times its size.
 */
import MiniSearch, { type Options } from "minisearch";
import { describe, expect, it } from "vitest";
import { STOP_WORDS, termOf, tokenize } from "../../src/search/analyze.ts";
import { syntheticCorpus } from "../../bench/synthetic.ts";
import { termMatching, type IndexedParagraph } from "../../src/search/engine.ts";
import { loadCorpus, type Corpus } from "../../src/search/index.ts";
import { ParagraphIndex, type RankedDocument } from "../../src/search/paragraph-index.ts";
import { analyseQuestion, Vocabulary } from "../../src/search/question.ts";
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

const paragraphOptions: Options<IndexedParagraph> = {
  fields: ["text", "summary", "names", "questions", "section"],
  tokenize: (text) => tokenize(text),
  processTerm: (token) => (STOP_WORDS.has(token) ? null : termOf(token)),
  searchOptions: { tokenize: (query) => query.split(" "), processTerm: (term) => term },
};

/** Both indexes over a corpus, and every question set's question analysed against its words. */
function rankedSetUp(corpus: Corpus) {
  const entries: IndexedParagraph[] = corpus.documents.flatMap((d) =>
    d.paragraphs.map((p) => ({
      id: `${p.doc}#${p.number}`,
      text: p.text,
      summary: p.notes?.summary ?? "",
      names: p.notes?.names.join(" ; ") ?? "",
      questions: p.notes?.questions.join(" ; ") ?? "",
      section: p.section ?? "",
    })),
  );
  const vocabulary = new Vocabulary(corpus.readerWords);
  for (const entry of entries)
    for (const field of [entry.text, entry.summary, entry.names, entry.questions, entry.section]) vocabulary.add(field);
  const plain = new MiniSearch<IndexedParagraph>(paragraphOptions);
  const index = new ParagraphIndex<IndexedParagraph>(paragraphOptions);
  plain.addAll(entries);
  index.addAll(entries);
  const asked = [...new Set(allQuestionSets().map((item) => item.question))]
    .map((q) => analyseQuestion(q, vocabulary, 0.35))
    .filter((a) => a.terms.length > 0);
  return { plain, index, asked, entries };
}

/** What ranking reads of MiniSearch's hits. */
const readOff = (hits: ReadonlyArray<{ id: unknown; score: number; queryTerms: string[] }>) =>
  hits.map((hit) => ({ id: String(hit.id), score: hit.score, queryTerms: hit.queryTerms }));

/**
 * A ranking as MiniSearch would report it: each hit's `number` (which `search` has no word for)
 * checked to be the index's number for its document, then left out of the comparison.
 */
function reported(index: ParagraphIndex<IndexedParagraph>, hits: ReadonlyArray<RankedDocument>) {
  const ids = (index as unknown as { _documentIds: Map<number, unknown> })._documentIds;
  return hits.map(({ number, ...hit }) => {
    if (number !== undefined) expect(String(ids.get(number)), `the number of ${hit.id}`).toBe(hit.id);
    return hit;
  });
}

describe("ParagraphIndex.rank against MiniSearch's search", () => {
  const corpora = [
    ["the review", loadCorpus()],
    ["a synthetic corpus three times the review", syntheticCorpus(loadCorpus(), 3)],
  ] as const;
  for (const [name, corpus] of corpora) {
    it(`given every question set's question as ranking asks it, on ${name}, gives the same documents, scores to the bit, terms and order`, () => {
      const { plain, index, asked } = rankedSetUp(corpus);
      expect(asked.length).toBeGreaterThan(300);
      let compared = 0;
      for (const round of [1, 2]) {
        for (const analysed of asked) {
          const query = analysed.terms.map((t) => t.term).join(" ");
          const options = {
            boostTerm: (term: string) => analysed.weights.get(term) ?? 1,
            ...termMatching(analysed),
            weights: { fuzzy: 0.4, prefix: 0.3 },
            boost: { text: 1.5, questions: 2.5, summary: 1.2, names: 1.2, section: 0.5 },
          };
          const expected = readOff(plain.search(query, options));
          expect(reported(index, index.rank(query, options)), `${round}: ${query}`).toEqual(expected);
          // As met, they are the same documents, which a stable sort puts in the same order.
          expect(
            reported(index, index.rankAsMet(query, options)).sort((a, b) => b.score - a.score),
            `${round}, as met: ${query}`,
          ).toEqual(expected);
          compared += expected.length;
          // The fast path numbers every hit (checked above to be its document's).
          expect(index.rankAsMet(query, options).every((hit) => hit.number !== undefined)).toBe(true);
        }
      }
      expect(compared).toBeGreaterThan(1000);
    });
  }

  it("given plain queries with prefix, fuzzy shares and some fields only, gives MiniSearch's hits", () => {
    const { plain, index } = rankedSetUp(loadCorpus());
    for (const options of [{}, { prefix: true }, { fuzzy: 0.2 }, { fuzzy: true, prefix: true, maxFuzzy: 1 }, { fields: ["text"] }]) {
      for (const query of ["trotski famili", "stalin", "collect farm peasant", "xyzzy", ""]) {
        expect(reported(index, index.rank(query, options)), `${JSON.stringify(options)} ${query}`).toEqual(
          readOff(plain.search(query, options)),
        );
      }
    }
  });

  it("given what this path leaves to MiniSearch (a term twice, AND, a discarded paragraph), gives MiniSearch's hits", () => {
    const { plain, index, entries } = rankedSetUp(loadCorpus());
    expect(reported(index, index.rank("stalin trotski stalin"))).toEqual(readOff(plain.search("stalin trotski stalin")));
    const allTerms: Options<IndexedParagraph> = {
      ...paragraphOptions,
      searchOptions: { ...paragraphOptions.searchOptions, combineWith: "AND" },
    };
    const plainAnd = new MiniSearch<IndexedParagraph>(allTerms);
    const indexAnd = new ParagraphIndex<IndexedParagraph>(allTerms);
    plainAnd.addAll(entries);
    indexAnd.addAll(entries);
    expect(indexAnd.rank("stalin trotski").length).toBeGreaterThan(0);
    expect(reported(indexAnd, indexAnd.rank("stalin trotski"))).toEqual(readOff(plainAnd.search("stalin trotski")));
    plain.discard(entries[41]!.id);
    index.discard(entries[41]!.id);
    expect(reported(index, index.rank("trotski famili"))).toEqual(readOff(plain.search("trotski famili")));
  });

  it("given every paragraph removed after a ranking, ranks none of them, then only those added, by their own ids", () => {
    const { plain, index, entries } = rankedSetUp(loadCorpus());
    expect(index.rank("trotski famili", { fuzzy: 1 }).length).toBeGreaterThan(0);
    const others = entries.slice(0, 20).map((entry, i) => ({ ...entry, id: `other#${i}`, text: entries[40 - i]!.text }));
    for (const search of [plain, index]) search.removeAll();
    expect(index.rank("trotski famili", { fuzzy: 1 })).toEqual([]);
    for (const search of [plain, index]) search.addAll(others);
    const after = index.rank("trotski famili", { fuzzy: 1 });
    expect(after.length).toBeGreaterThan(0);
    expect(reported(index, after)).toEqual(readOff(plain.search("trotski famili", { fuzzy: 1 })));
  });

  it("given a paragraph added after a ranking, ranks it with the statistics the addition changed", () => {
    const { plain, index, entries } = rankedSetUp(loadCorpus());
    const before = index.rank("trotski famili", { fuzzy: 1 });
    const added = { ...entries[0]!, id: "extra#1", text: "Trotsky's family and Trotskiy." };
    plain.add(added);
    index.add(added);
    const after = index.rank("trotski famili", { fuzzy: 1 });
    expect(reported(index, after)).toEqual(readOff(plain.search("trotski famili", { fuzzy: 1 })));
    expect(after.map((hit) => hit.id)).toContain("extra#1");
    expect(before.map((hit) => hit.id)).not.toContain("extra#1");
  });

  it("given every question ranked in turn with reused hits, changed and added to as ranking does, gives rankAsMet's hits each time", () => {
    const { index, asked } = rankedSetUp(syntheticCorpus(loadCorpus(), 3));
    let previous: RankedDocument[] = [];
    let largest = 0;
    for (const analysed of asked) {
      const query = analysed.terms.map((t) => t.term).join(" ");
      const options = { ...termMatching(analysed), boostTerm: (term: string) => analysed.weights.get(term) ?? 1 };
      // What the engine does to a ranking before the next: scores changed, terms replaced, hits added and sorted.
      for (const hit of previous) {
        hit.score = hit.score / 3 + 1;
        hit.queryTerms = ["changed"];
      }
      previous.push({ id: "added#1", score: 99, queryTerms: [] });
      previous.sort((a, b) => b.score - a.score);
      const expected = index.rankAsMet(query, options).map((hit) => ({ ...hit }));
      const reused = index.rankAsMetReused(query, options);
      expect(
        reused.map((hit) => ({ ...hit })),
        query,
      ).toEqual(expected);
      // Within one ranking, each hit is its own object.
      expect(new Set(reused).size).toBe(reused.length);
      largest = Math.max(largest, reused.length);
      previous = reused;
    }
    expect(largest).toBeGreaterThan(100);
  });

  it("given rankings one after another, hands out the same hit objects, not new ones, and new ones after the documents change", () => {
    const { index, entries } = rankedSetUp(loadCorpus());
    const first = [...index.rankAsMetReused("stalin trotski famili", { fuzzy: 0.2 })];
    const second = index.rankAsMetReused("stalin lenin", { fuzzy: 0.2 });
    expect(first.length).toBeGreaterThan(10);
    expect(second.length).toBeGreaterThan(10);
    for (let i = 0; i < Math.min(first.length, second.length); i++) expect(second[i]).toBe(first[i]);
    index.add({ ...entries[0]!, id: "extra#1", text: "Stalin and Lenin." });
    const after = index.rankAsMetReused("stalin lenin", { fuzzy: 0.2 });
    expect(after).not.toContain(first[0]);
    expect(after.map((hit) => ({ ...hit }))).toEqual(index.rankAsMet("stalin lenin", { fuzzy: 0.2 }));
  });
});

/** Everything MiniSearch holds for a search, in the order it holds it (the term tree's, each term's fields', each field's documents'). */
function contents(index: MiniSearch<IndexedParagraph>) {
  const internals = index as unknown as {
    _index: Iterable<[string, Map<number, Map<number, number>>]>;
    _fieldLength: Map<number, number[]>;
    _avgFieldLength: number[];
  };
  return {
    json: JSON.stringify(index),
    terms: [...internals._index].map(([term, fields]) => [term, [...fields].map(([field, docs]) => [field, [...docs]])]),
    fieldLengths: [...internals._fieldLength],
    averages: internals._avgFieldLength,
  };
}

describe("ParagraphIndex.addAll against MiniSearch's", () => {
  const corpora = [
    ["the review", loadCorpus()],
    ["a synthetic corpus three times the review, where the notes repeat", syntheticCorpus(loadCorpus(), 3)],
  ] as const;
  for (const [name, corpus] of corpora) {
    it(`given ${name}, builds the same index entry for entry and in the same order`, () => {
      const { plain, index, entries } = rankedSetUp(corpus);
      expect(entries.length).toBeGreaterThan(40);
      expect(contents(index)).toEqual(contents(plain));
    });
  }

  it("given a field left out, a text repeated and a field analysed to a list of terms, builds the same index", () => {
    const options: Options<{ id: string; text?: string; notes?: string }> = {
      fields: ["text", "notes"],
      storeFields: ["notes"],
      tokenize: (text) => text.split(" "),
      processTerm: (token, field) => (token === "" ? null : field === "notes" ? [token, token.toUpperCase()] : token),
    };
    const docs = [
      { id: "a", text: "one two one", notes: "x y" },
      { id: "b", notes: "x y" },
      { id: "c", text: "one two one", notes: "y  y" },
    ];
    const plain = new MiniSearch(options);
    const index = new ParagraphIndex(options);
    plain.addAll(docs);
    index.addAll(docs);
    expect(JSON.stringify(index)).toEqual(JSON.stringify(plain));
    expect(index.search("x")).toEqual(plain.search("x"));
  });

  it("given a document without an id or an id twice, throws MiniSearch's error", () => {
    const index = new ParagraphIndex<{ id?: string; text: string }>({ fields: ["text"] });
    expect(() => index.addAll([{ text: "no id" }])).toThrow('MiniSearch: document does not have ID field "id"');
    expect(() =>
      index.addAll([
        { id: "a", text: "one" },
        { id: "a", text: "two" },
      ]),
    ).toThrow("MiniSearch: duplicate ID a");
  });
});
