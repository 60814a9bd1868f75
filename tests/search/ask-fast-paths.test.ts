/**
 * Ask's fast paths against plain references kept here. Ranking reads, per study question, which
 * of the reader's terms it holds: the term map (question-terms.ts) must report exactly what a
 * MiniSearch index of the questions reports as `queryTerms`. The scope decision reads the open
 * question a question most resembles: the grouped lookup (open-questions.ts) must pick exactly
 * what a scan of every open question sharing a term picks. Speed must never change an answer:
 * every question of every question set, on the review and on a synthetic corpus three times its
 * size (where the notes repeat), with and without a reading position.
 */
import MiniSearch from "minisearch";
import { describe, expect, it } from "vitest";
import { syntheticCorpus } from "../../bench/synthetic.ts";
import { fold, foldAnyText, STOP_WORDS, termOf, tokenize } from "../../src/search/analyze.ts";
import { termMatching } from "../../src/search/engine.ts";
import { loadCorpus, type Corpus } from "../../src/search/index.ts";
import { cleanAnyText, cleanQuery, cleanText } from "../../src/search/input.ts";
import { OpenQuestions, type OpenQuestion } from "../../src/search/open-questions.ts";
import { analyseQuestion, shareMatched, type AnalysedQuestion } from "../../src/search/question.ts";
import { QuestionTerms } from "../../src/search/question-terms.ts";
import { allQuestionSets } from "../support/question-sets.ts";
import { corpusVocabulary } from "../support/vocabulary.ts";

const indexTerms = (text: string) => tokenize(text).flatMap((token) => (STOP_WORDS.has(token) ? [] : [termOf(token)]));
const review = loadCorpus();
const questions = [...new Set(allQuestionSets().map((item) => item.question))];

/** A corpus's paragraphs with their notes, its vocabulary, and every question set's question analysed against it. */
function analysed(corpus: Corpus) {
  const paragraphs = corpus.documents.flatMap((d) => d.paragraphs.map((p) => ({ id: `${p.doc}#${p.number}`, p })));
  const vocabulary = corpusVocabulary(corpus);
  const analyse = (text: string) => analyseQuestion(text, vocabulary, 0.35);
  const asked = questions.map(analyse).filter((a) => a.terms.length > 0);
  return { paragraphs, analyse, asked };
}

// Each corpus is prepared once for both comparisons (a third of a second or more each time).
const synthetic = syntheticCorpus(review, 3);
const prepared = new Map<Corpus, ReturnType<typeof analysed>>();
function prepare(corpus: Corpus): ReturnType<typeof analysed> {
  if (!prepared.has(corpus)) prepared.set(corpus, analysed(corpus));
  return prepared.get(corpus)!;
}
const corpora = [
  ["the review", review],
  ["a synthetic corpus three times the review", synthetic],
] as const;

describe("the study questions' term map reports what a MiniSearch index of them does", () => {
  for (const [name, corpus] of corpora) {
    it(`given every question set's question, on ${name}, each study question holds the same query terms`, () => {
      const { paragraphs, asked } = prepare(corpus);
      const notes = paragraphs.flatMap(({ id, p }) => (p.notes?.questions ?? []).map((question) => ({ paragraph: id, question })));
      const plain = new MiniSearch<{ id: number; paragraph: string; question: string }>({
        fields: ["question"],
        storeFields: ["paragraph", "question"],
        tokenize: (text) => tokenize(text),
        processTerm: (token) => (STOP_WORDS.has(token) ? null : termOf(token)),
        searchOptions: { tokenize: (query) => query.split(" "), processTerm: (term) => term },
      });
      plain.addAll(notes.map((note, id) => ({ id, ...note })));
      const map = new QuestionTerms(notes, indexTerms);
      const key = (paragraph: string, question: string, terms: readonly string[]) =>
        `${paragraph} | ${question} | ${[...terms].sort().join(" ")}`;
      for (const analysed of asked) {
        const terms = analysed.terms.map((t) => t.term);
        const hits = plain.search(terms.join(" "), termMatching(analysed));
        const reference = hits.map((hit) => key(String(hit["paragraph"]), String(hit["question"]), hit.queryTerms)).sort();
        const fast = map
          .match(terms, termMatching(analysed))
          .flatMap(({ entry, queryTerms }) => entry.paragraphs.map((paragraph) => key(paragraph, entry.question, queryTerms)))
          .sort();
        expect(fast, terms.join(" ")).toEqual(reference);
        // A term given twice, or more terms than a mask holds, takes the list path: each question
        // then holds the query's terms it matched, in query order, repeats and all.
        const held = new Map(hits.map((hit) => [`${String(hit["paragraph"])} | ${String(hit["question"])}`, new Set(hit.queryTerms)]));
        for (const query of [
          [...terms, ...terms],
          [...terms, ...Array.from({ length: 60 }, (_, i) => `zzqx${i}`)],
        ]) {
          const expected = [...held].map(([at, holds]) => `${at} | ${query.filter((term) => holds.has(term)).join(" ")}`).sort();
          const listed = map
            .match(query, termMatching(analysed))
            .flatMap(({ entry, queryTerms }) =>
              entry.paragraphs.map((paragraph) => `${paragraph} | ${entry.question} | ${queryTerms.join(" ")}`),
            )
            .sort();
          expect(listed, query.join(" ")).toEqual(expected);
        }
      }
    });
  }
});

describe("the study questions' term map as study credit takes it", () => {
  it("given every question set's question, as asked, with a term twice and with too many terms, gives match's questions with each list's share", () => {
    const { paragraphs, asked } = prepare(synthetic);
    const notes = paragraphs.flatMap(({ id, p }) => (p.notes?.questions ?? []).map((question) => ({ paragraph: id, question })));
    const map = new QuestionTerms(notes, indexTerms);
    let compared = 0;
    for (const analysed of asked) {
      const terms = analysed.terms.map((t) => t.term);
      for (const query of [terms, [...terms, ...terms], [...terms, ...Array.from({ length: 60 }, (_, i) => `zzqx${i}`)]]) {
        const expected = map.match(query, termMatching(analysed)).map(({ entry, queryTerms }) => ({
          paragraphs: entry.paragraphs,
          share: shareMatched(analysed, queryTerms),
          queryTerms,
          number: entry.number,
        }));
        const listsAsked: Array<readonly string[]> = [];
        const shareOf = (queryTerms: readonly string[]) => {
          listsAsked.push(queryTerms);
          return shareMatched(analysed, queryTerms);
        };
        const matched = map.matchForCredit(query, termMatching(analysed), shareOf);
        expect(matched, query.join(" ")).toEqual(expected);
        // Each list's share is asked for once: questions holding the same terms share the list.
        expect(new Set(listsAsked).size, query.join(" ")).toBe(listsAsked.length);
        expect(new Set(matched.map((q) => q.queryTerms)).size, query.join(" ")).toBe(listsAsked.length);
        compared += matched.length;
      }
    }
    expect(compared).toBeGreaterThan(10_000);
  });
});

describe("the study questions' term map after a matching rule throws", () => {
  it("given a rule that throws part way through a match, the next match reports what a fresh map does", () => {
    const { paragraphs, asked } = prepare(review);
    const notes = paragraphs.flatMap(({ id, p }) => (p.notes?.questions ?? []).map((question) => ({ paragraph: id, question })));
    const used = new QuestionTerms(notes, indexTerms);
    const fresh = new QuestionTerms(notes, indexTerms);
    const listed = (map: QuestionTerms, terms: string[], matching: ReturnType<typeof termMatching>) =>
      map.match(terms, matching).map(({ entry, queryTerms }) => `${entry.question} | ${queryTerms.join(" ")}`);
    let compared = 0;
    for (const analysed of asked.filter((a) => a.terms.length >= 2)) {
      const terms = analysed.terms.map((t) => t.term);
      const matching = termMatching(analysed);
      const failing = { ...matching, prefix: (term: string) => (term === terms[1] ? failure() : matching.prefix(term)) };
      expect(() => used.match(terms, failing)).toThrow("rule failed");
      expect(listed(used, terms, matching), terms.join(" ")).toEqual(listed(fresh, terms, matching));
      compared++;
    }
    expect(compared).toBeGreaterThan(100);
  });
});

function failure(): never {
  throw new Error("rule failed");
}

/** The reference: every open question sharing a term, in the reader's terms' order and then reading order; the first highest share. */
function closestByScan(all: readonly OpenQuestion[], analysed: AnalysedQuestion, allowed: (paragraph: string) => boolean) {
  const readerTerms = analysed.words.flatMap((w) => [w.term, ...w.related]);
  const candidates = new Set(readerTerms.flatMap((term) => all.filter((q) => q.terms.includes(term))));
  let open: { question: string; share: number } | undefined;
  for (const q of candidates) {
    if (!allowed(q.paragraph)) continue;
    const share = Math.min(shareMatched(analysed, q.terms), shareMatched(q.analysed, readerTerms));
    if (share > (open?.share ?? 0)) open = { question: q.question, share };
  }
  return open;
}

describe("the grouped open questions pick what a scan of every open question picks", () => {
  for (const [name, corpus] of corpora) {
    it(`given every question set's question, on ${name}, with and without a reading position`, () => {
      const { paragraphs, analyse, asked } = prepare(corpus);
      const all: OpenQuestion[] = paragraphs.flatMap(({ id, p }) =>
        (p.notes?.unanswered ?? []).map((question) => {
          const analysed = analyse(question);
          return { question, paragraph: id, analysed, terms: analysed.words.flatMap((w) => [w.term, ...w.related]) };
        }),
      );
      const grouped = new OpenQuestions(all);
      const primary = corpus.documents[0]!.meta.id;
      const readTo = (n: number) => (paragraph: string) => paragraph.startsWith(`${primary}#`) && Number(paragraph.split("#")[1]) <= n;
      // Synthetic copies ask the review's open questions again: allowing only a later copy moves where a wording stands.
      const copiesOnly = (paragraph: string) => !paragraph.startsWith(`${primary}#`);
      // Scattered paragraphs, so that a wording's first allowed paragraph is often not its first.
      const scattered = (paragraph: string) => [...paragraph].reduce((h, c) => (h * 31 + c.charCodeAt(0)) % 7, 0) < 3;
      let found = 0;
      for (const analysed of asked) {
        for (const allowed of [() => true, readTo(12), readTo(30), copiesOnly, scattered]) {
          const expected = closestByScan(all, analysed, allowed);
          if (expected) found++;
          expect(grouped.closest(analysed, allowed), analysed.words.map((w) => w.word).join(" ")).toEqual(expected);
        }
      }
      // The comparison means something only if many questions resemble an open one.
      expect(found).toBeGreaterThan(asked.length);
    });
  }
});

describe("plain ASCII text takes a shortcut through folding and cleaning", () => {
  // Every question set's question, and ASCII that exercises each step: a backtick, escapes and
  // other control characters, possessives, capitals, digits and symbols, French in ASCII letters.
  const texts = [
    ...questions,
    "who was `Trepper`?",
    "who\x1b[41m was\x07 \x7fTrepper\tand\nwhy\x1b]2;title\x07 \x1bc?",
    "the guardian's deal",
    "WHO WAS TREPPER'S SON",
    "Qui est le pere de Trotsky et que fait-il?",
    "Que fait la famille de Trotsky et il le dit?",
    "le la the",
    "12345 @[`{ ~",
    "",
    "   \x00\x1f   ",
  ];

  it("given ASCII text, folds it as the Unicode steps do", () => {
    for (const text of texts) expect(fold(text), text).toBe(foldAnyText(text));
  });

  it("given ASCII text, cleans it as the Unicode steps do, and judges the same questions not English", () => {
    let notEnglish = 0;
    for (const text of texts) {
      expect(cleanText(text), JSON.stringify(text)).toBe(cleanAnyText(text));
      const cleaned = cleanAnyText(text);
      if (!/[\p{L}\p{N}]/u.test(cleaned)) continue;
      // The same text with an ellipsis after it, which adds no letter or word, takes the Unicode steps.
      const declined = (query: string) => {
        const result = cleanQuery(query);
        return "decline" in result && result.decline.code === "not-english";
      };
      expect(declined(text), text).toBe(declined(`${text} \u2026`));
      if (declined(text)) notEnglish++;
    }
    // The comparison means something only if some ASCII text is judged foreign.
    expect(notEnglish).toBeGreaterThanOrEqual(2);
  });
});
