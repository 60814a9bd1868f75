/**
 * How a question is read before any paragraph is ranked: which of its words are names the review
 * never uses. The vocabulary is the real corpus's, as the engine builds it.
 */
import { describe, expect, it } from "vitest";
import { loadCorpus } from "../../src/search/index.ts";
import { analyseQuestion, degreeBases } from "../../src/search/question.ts";
import { corpusVocabulary } from "../support/vocabulary.ts";

const vocabulary = corpusVocabulary(loadCorpus());
const foreignNames = (question: string) => analyseQuestion(question, vocabulary, 0.35).foreignNames;

describe("names the review never uses", () => {
  it("given a word English has mostly as a name, typed in lower case by a reader who capitalises names, reads it as a word", () => {
    // The subtitles have only "Frank", "Major" and "Loyalist".
    expect(foreignNames("Is the reviewer frank about Amis and his errors?")).toEqual([]);
    expect(foreignNames("What major mistake does Amis make about Lenin?")).toEqual([]);
    expect(foreignNames("Was Trepper a Stalin loyalist?")).toEqual([]);
  });

  it("given such a word typed with a capital, or by a reader who capitalises nothing, reads it as a name", () => {
    expect(foreignNames("What did Frank think of Amis?")).toEqual(["frank"]);
    expect(foreignNames("is the reviewer frank about amis")).toEqual(["frank"]);
    expect(foreignNames("did Trotsky ever meet Orwell")).toEqual(["orwell"]);
  });

  it("given a quotation of the review opening with a capital ('He does that …'), reads no name into its first word", () => {
    const analysed = analyseQuestion("What does the reviewer mean by 'He does that with good reason, of course'?", vocabulary, 0.35);
    expect(analysed.foreignTitles).toEqual([]);
    expect(analysed.foreignNames).toEqual([]);
  });

  it("given a quoted title the review lacks, names it without the closing quote mark", () => {
    expect(analyseQuestion("what did Trotsky think of 'Animal Farm'", vocabulary, 0.35).foreignTitles).toEqual(["Animal Farm"]);
  });
});

describe("the text's words for a reader's word", () => {
  const weights = (question: string) => Object.fromEntries(analyseQuestion(question, vocabulary, 0.35).weights);

  it("given a reader's word the review never uses ('disgraceful'), weighs the text's word for it ('shameful') in full", () => {
    expect(vocabulary.has("disgrac")).toBe(false);
    expect(weights("the most disgraceful thing about the book")).toMatchObject({ disgrac: 1, shame: 1 });
  });

  it("given a reader's word the review has ('testimony'), weighs the text's word for it ('account') as lesser evidence", () => {
    expect(vocabulary.has("testimoni")).toBe(true);
    expect(weights("whose testimony is quoted")).toMatchObject({ testimoni: 1, account: 0.35 });
  });
});

describe("a chat message's opening", () => {
  it("given a question opening with the reader's state of mind, reads the question alone: no word of it is unknown", () => {
    const analysed = analyseQuestion("I'm so confused, what did Trepper say about the Trotskyists?", vocabulary, 0.35);
    expect(analysed.unknown).toEqual([]);
    expect(analysed.coverage).toBe(1);
  });
});

describe("grammar words", () => {
  it("given pronouns, prepositions and light verbs as common as 'the' ('anybody', 'onto', 'whether', 'goes'), reads none as a word of the subject", () => {
    const analysed = analyseQuestion("whether anybody goes onto the streets among the workers", vocabulary, 0.35);
    expect(analysed.words.map((w) => w.word)).toEqual(["streets", "workers"]);
  });
});

describe("'able to'", () => {
  it("given 'able to' (the review never writes 'able'), reads it as grammar, as 'could', not as a word the review lacks", () => {
    const analysed = analyseQuestion("why was the bureaucracy able to take over", vocabulary, 0.35);
    expect(analysed.words.map((w) => w.word)).not.toContain("able");
    expect(analysed.unknown).toEqual([]);
  });
});

describe("a reader's word the lexicon knows", () => {
  it("given a word rare in the subtitles but a reader's word of the lexicon ('biased'), reads it as typed, not as a slip for another ('based')", () => {
    const analysed = analyseQuestion("is the reviewer biased?", vocabulary, 0.35);
    expect(analysed.words.map((w) => w.word)).toEqual(["biased"]);
    expect(analysed.unknown).toEqual([]);
  });
});

describe("asking words", () => {
  it.each(["define megalomaniac", "what's the definition of megalomaniac"])(
    "given %j, asks what the word means: only the word is ranked",
    (question) => {
      expect(analyseQuestion(question, vocabulary, 0.35).words.map((w) => w.word)).toEqual(["megalomaniac"]);
    },
  );
});

describe("the frame of an opinion asked for", () => {
  const ranked = (question: string) => analyseQuestion(question, vocabulary, 0.35).words.map((w) => w.word);

  it.each([
    ["Does the critic consider Amis's book shameful?", "consider"],
    ["What did the reviewer think about the purge trials?", "think"],
    ["What does the review make of the Guardian's leader?", "make"],
    ["Was Stalin a murderer, in the reviewer's view?", "view"],
    ["How was Trotsky killed, according to the review?", "according"],
    ["Which aspect of the book is the most shameful?", "aspect"],
    ["What is the worst part of Amis's book?", "part"],
  ])("given %j, does not rank by %j (it says whose view is wanted, not what about)", (question, frame) => {
    expect(ranked(question)).not.toContain(frame);
  });

  it("still counts the frame as understood, as it counts 'the reviewer': a word the review lacks weighs less beside it", () => {
    const framed = analyseQuestion("Does the critic consider Amis's book pretentious?", vocabulary, 0.35);
    const bare = analyseQuestion("Is Amis's book pretentious?", vocabulary, 0.35);
    expect(framed.unknown).toEqual(bare.unknown);
    expect(framed.coverage).toBeGreaterThan(bare.coverage);
  });

  it.each([
    ["Did Amis think it worthwhile to read Trotsky?", "think"],
    ["What part did Stalin play in the 1917 Revolution?", "part"],
    ["Which side of the Spanish civil war did Stalin's policy help?", "side"],
    ["In the fabrication section, what did he make up?", "make"],
    ["Does the reviewer make a case against Amis?", "make"],
  ])("given %j, where the verb or noun is said of the subject, ranks by %j", (question, word) => {
    expect(ranked(question)).toContain(word);
  });
});

describe("comparatives and superlatives", () => {
  it.each([
    ["stronger", "strong"],
    ["bigger", "big"],
    ["earliest", "early"],
    ["larger", "large"],
    ["worst", "bad"],
    ["better", "good"],
  ])("given %j, offers its plain form %j", (word, base) => {
    expect(degreeBases(word)).toContain(base);
  });

  it("given a word that is no degree, offers nothing", () => {
    expect(degreeBases("state")).toEqual([]);
  });

  it("given a comparative the review lacks ('weaker'), finds the review's plain form ('weak'); a plain form the review lacks is not offered", () => {
    const weaker = analyseQuestion("was the young state weaker than the old one", vocabulary, 0.35).words.find((w) => w.word === "weaker");
    expect(weaker?.related).toContain("weak");
    expect(weaker?.known).toBe(true);
    const order = analyseQuestion("what order did stalin give", vocabulary, 0.35).words.find((w) => w.word === "order");
    expect(order?.related).not.toContain("ord");
  });
});
