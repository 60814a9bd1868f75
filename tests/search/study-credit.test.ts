/**
 * Crediting each paragraph's best study question works in arrays by paragraph and sorts once; it
 * must give exactly what the plain version kept here gives (the hits sorted best first and scaled,
 * a map by id in that order, the best share per paragraph, a stable sort), for every question of
 * every question set as ranking asks it, given the hits as the index met them or best first, on
 * the review and on a corpus three times its size where every note is asked three times.
 */
import { describe, expect, it } from "vitest";
import { syntheticCorpus } from "../../bench/synthetic.ts";
import { STOP_WORDS, termOf, tokenize } from "../../src/search/analyze.ts";
import { termMatching } from "../../src/search/engine.ts";
import { union, type RankedHit } from "../../src/search/forward-credit.ts";
import { loadCorpus, type Corpus } from "../../src/search/index.ts";
import { ParagraphIndex } from "../../src/search/paragraph-index.ts";
import { analyseQuestion, shareMatched, Vocabulary } from "../../src/search/question.ts";
import { QuestionTerms } from "../../src/search/question-terms.ts";
import { StudyCredit, type MatchedStudyQuestion } from "../../src/search/study-credit.ts";
import { allQuestionSets } from "../support/question-sets.ts";

const indexTerms = (text: string) => tokenize(text).flatMap((token) => (STOP_WORDS.has(token) ? [] : [termOf(token)]));
const credit = (share: number) => 1 * share * share;

/** The plain version: paragraphs by id in a map, in the ranking's order then the order first credited. */
function creditByMap(ranked: readonly RankedHit[], questions: readonly MatchedStudyQuestion[]): RankedHit[] {
  const byParagraph = new Map(ranked.map((hit) => [hit.id, hit]));
  const best = new Map<string, { share: number; queryTerms: string[] }>();
  for (const { paragraphs, share, queryTerms } of questions) {
    for (const id of paragraphs) if (share > (best.get(id)?.share ?? 0)) best.set(id, { share, queryTerms });
  }
  for (const [id, { share, queryTerms }] of best) {
    const entry = byParagraph.get(id) ?? { id, score: 0, queryTerms: [] };
    entry.score += credit(share);
    entry.queryTerms = union(entry.queryTerms, queryTerms);
    byParagraph.set(id, entry);
  }
  return [...byParagraph.values()].sort((a, b) => b.score - a.score);
}

/** Every question set's question as ranking asks it: the paragraphs' hits (normalised) and the study questions matched. */
function rankings(corpus: Corpus) {
  const paragraphs = corpus.documents.flatMap((d) => d.paragraphs.map((p) => ({ id: `${p.doc}#${p.number}`, p })));
  const index = new ParagraphIndex<{ id: string; text: string; notes: string }>({
    fields: ["text", "notes"],
    tokenize: (text) => tokenize(text),
    processTerm: (token) => (STOP_WORDS.has(token) ? null : termOf(token)),
    searchOptions: { tokenize: (query) => query.split(" "), processTerm: (term) => term },
  });
  index.addAll(paragraphs.map(({ id, p }) => ({ id, text: p.text, notes: p.notes?.summary ?? "" })));
  const vocabulary = new Vocabulary(corpus.readerWords);
  for (const { p } of paragraphs) for (const field of [p.text, ...(p.notes?.questions ?? [])]) vocabulary.add(field);
  const notes = paragraphs.flatMap(({ id, p }) => (p.notes?.questions ?? []).map((question) => ({ paragraph: id, question })));
  const questionTerms = new QuestionTerms(notes, indexTerms);
  const ordinals = new Map(paragraphs.map(({ id }, i) => [id, i]));
  const asked = [...new Set(allQuestionSets().map((item) => item.question))]
    .map((q) => analyseQuestion(q, vocabulary, 0.35))
    .filter((a) => a.terms.length > 0);
  return {
    ordinals,
    cases: asked.map((analysed) => {
      const terms = analysed.terms.map((t) => t.term);
      const asMet = index.rankAsMet(terms.join(" "), { ...termMatching(analysed), boostTerm: (term) => analysed.weights.get(term) ?? 1 });
      const bestFirst = () => asMet.map((hit) => ({ ...hit })).sort((a, b) => b.score - a.score);
      const top = bestFirst()[0]?.score ?? 1;
      const questions = questionTerms.match(terms, termMatching(analysed)).map(({ entry, queryTerms }) => ({
        paragraphs: entry.paragraphs,
        share: shareMatched(analysed, queryTerms),
        queryTerms,
        number: entry.number,
      }));
      return {
        terms,
        // As ranking gives them, numbered; and without numbers (their places then found by their lists).
        questions,
        unnumbered: questions.map(({ number: _number, ...q }) => q),
        top,
        // Fresh copies each time: crediting changes the ranking it is given.
        asMet: () => asMet.map((hit) => ({ ...hit })),
        bestFirst,
        /** The plain version's input: best first, scores divided by the best. */
        scaled: () => bestFirst().map((hit) => ({ ...hit, score: hit.score / top })),
      };
    }),
  };
}

describe("StudyCredit against crediting through a map by id", () => {
  const corpora = [
    ["the review", loadCorpus()],
    ["a synthetic corpus three times the review", syntheticCorpus(loadCorpus(), 3)],
  ] as const;
  for (const [name, corpus] of corpora) {
    it(`given every question set's question, on ${name}, gives the same ranking, scores, terms and order of ties, question after question`, () => {
      const { ordinals, cases } = rankings(corpus);
      const studyCredit = new StudyCredit(ordinals, credit);
      let joined = 0;
      for (const round of [1, 2]) {
        for (const { terms, questions, unnumbered, top, asMet, bestFirst, scaled } of cases) {
          const expected = creditByMap(scaled(), questions);
          expect(studyCredit.add(asMet(), questions, top), `${round}: ${terms.join(" ")}`).toEqual(expected);
          expect(studyCredit.add(asMet(), unnumbered, top), `${round}, unnumbered: ${terms.join(" ")}`).toEqual(expected);
          // A question's number is only a key, checked against its list: another question's number changes nothing.
          const renumbered = questions.map((q, i) => ({ ...q, number: (q.number + i + 1) % 7 }));
          expect(studyCredit.add(asMet(), renumbered, top), `${round}, renumbered: ${terms.join(" ")}`).toEqual(expected);
          expect(studyCredit.add(bestFirst(), questions, top), `${round}, best first: ${terms.join(" ")}`).toEqual(expected);
          // A hit's number is only a hint, checked against its id: wrong ones (another paragraph's, or beyond them all) change nothing.
          const misnumbered = studyCredit
            .add(
              asMet().map((hit, i) => ({ ...hit, number: i % 3 === 0 ? ordinals.size + i : (hit.number ?? 0) + 1 })),
              questions,
              top,
            )
            .map(({ number: _number, ...hit }) => hit);
          expect(misnumbered, `${round}, misnumbered: ${terms.join(" ")}`).toEqual(expected.map(({ number: _number, ...hit }) => hit));
          joined += expected.length - asMet().length;
        }
      }
      // Paragraphs that only a study question matches join the ranking: the comparison covers them too.
      expect(joined).toBeGreaterThan(0);
    });
  }

  it("given a credit that throws, leaves nothing behind for the next ranking", () => {
    const { ordinals, cases } = rankings(loadCorpus());
    const [first, second] = cases.filter((c) => c.questions.length > 0);
    let fail = true;
    const studyCredit = new StudyCredit(ordinals, (share) => {
      if (fail) throw new Error("credit failed");
      return credit(share);
    });
    expect(() => studyCredit.add(first!.asMet(), first!.questions, first!.top)).toThrow("credit failed");
    fail = false;
    expect(studyCredit.add(second!.asMet(), second!.questions, second!.top)).toEqual(creditByMap(second!.scaled(), second!.questions));
    expect(studyCredit.add(first!.asMet(), first!.questions, first!.top)).toEqual(creditByMap(first!.scaled(), first!.questions));
  });
});
