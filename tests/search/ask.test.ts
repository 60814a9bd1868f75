import { describe, expect, it } from "vitest";
import { reasonText } from "../support/reason.ts";
import { realSearch } from "../support/real-search.ts";

const search = realSearch();
const top = (q: string) => search.ask(q).results[0];

describe("ask", () => {
  it("given a question the review answers, puts the answering paragraph first with its citation", () => {
    const answer = search.ask("what happened to Trotsky's family?");
    expect(answer.answered).toBe(true);
    const first = answer.results[0]!;
    expect(first).toMatchObject({ doc: "koba-the-dread-review", paragraph: 42, section: "Heroic opposition" });
    expect(first.text).toMatch(/^Trotsky himself paid a terrible personal price/);
    expect(first.text).toContain(first.excerpt);
    expect(first.excerpt).toMatch(/family/);
  });

  it("joins irregular verb forms to their base: asking what Trepper wrote finds 'Trepper wrote:'", () => {
    expect(top("what did Trepper write about the Trotskyists")?.paragraph).toBe(49);
  });

  it("marks the quotation an answering sentence announces along with it", () => {
    const guardian = top("what did the Guardian say")!;
    expect(guardian.paragraph).toBe(7);
    expect(guardian.excerpt).toContain("If Mr Amis manages to ensure that revolutionary socialism rests in an unquiet grave");
    expect(guardian.text).toContain(guardian.excerpt);
  });

  it("returns at most the requested number of results, best first", () => {
    const answer = search.ask("Lenin and Trotsky", { limit: 3 });
    expect(answer.results.length).toBeLessThanOrEqual(3);
    const scores = answer.results.map((r) => r.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    expect(search.ask("Lenin", { limit: 99 }).results.length).toBeLessThanOrEqual(5);
  });

  it.each([
    // ¶48 says who he was ("a supporter of Stalin … who organised the Soviet espionage network");
    // ¶47 only names him.
    ["who was Trepper?", 48],
    ["Vorkuta", 44],
    ["when did Lenin die", 11],
    ["the Guardian", 7],
    ["what percentage of russians were peasants", 18],
  ])("answers %j from ¶%i", (question, paragraph) => {
    expect(top(question)?.paragraph).toBe(paragraph);
  });

  // A known regression since the study notes stopped echoing test questions (issue 7): ¶16 ("It was
  // these principles…"), whose notes name State and Revolution, outranks ¶14–15, which state them,
  // when Lenin is misspelled. Kept as an expected failure so the day it passes, it turns red and is restored.
  it.fails("KNOWN REGRESSION: asking what State and Revolution proposes finds ¶14–15 (also when Lenin is misspelled)", () => {
    expect([14, 15]).toContain(top("what did Lenin's State and Revolution actually propose")?.paragraph);
    expect([14, 15]).toContain(search.ask("Leinin State and Revolution").results[0]?.paragraph);
  });

  it('given "which novels has martin amis written", declines: the review names none (¶12\'s "one of Lenin’s works" is Lenin\'s)', () => {
    expect(search.ask("which novels has martin amis written").answered).toBe(false);
  });

  it("understands a misspelled name (Stallin, Trotksy)", () => {
    expect(search.ask("Trotksy assassination Mexico").results[0]?.paragraph).toBe(42);
    expect(search.ask("Stallin ascendancy").results[0]?.paragraph).toBe(21);
  });

  it("reads a slip in an everyday word as the word (reveiw, adressed), not as a name the review lacks", () => {
    const answer = search.ask("what did Stalen represent according to the reveiw?");
    expect(answer.answered).toBe(true);
    expect(answer.results.slice(0, 3).map((r) => r.paragraph)).toContain(22);
    expect(search.ask("who are the open letters adressed to").answered).toBe(true);
  });

  it("reads a long word spelt by ear as the review's word that sounds the same (revolushun, kollectivisation)", () => {
    const byEar = search.ask("what did the Stalinist bureaucracy do to the revolushun");
    expect(byEar.answered).toBe(true);
    expect(byEar.results.map((r) => r.paragraph)).toEqual(
      search.ask("what did the Stalinist bureaucracy do to the revolution").results.map((r) => r.paragraph),
    );
    expect(search.ask("the insane policy of forced kollectivisation").results[0]?.paragraph).toBe(28);
  });

  it("reads a short name spelt by ear as the review's name (Spane → Spain), not an everyday word a slip away (space)", () => {
    const answer = search.ask("who won in Spane after stalinism strangled the revolution");
    expect(answer.answered).toBe(true);
    expect(answer.results[0]?.paragraph).toBe(34);
  });

  it("reads a reader's “role” as the text's “part” (¶17: “a comparatively minor part in the 1917 Revolution”)", () => {
    expect(search.ask("What role did Stalin play in 1917?").results[0]?.paragraph).toBe(17);
  });

  it("counts a hyphenated word of a question as its parts", () => {
    const answer = search.ask("what did the supposedly left-leaning paper say it hoped the book would do");
    expect(answer.answered).toBe(true);
    expect(answer.results[0]?.paragraph).toBe(7);
  });

  it("treats American and British spellings, curly and straight apostrophes alike", () => {
    const british = search.ask("forced collectivisation").results.map((r) => r.paragraph);
    expect(search.ask("forced collectivization").results.map((r) => r.paragraph)).toEqual(british);
    expect(search.ask("slave labor camps").results[0]?.paragraph).toBe(search.ask("slave labour camps").results[0]?.paragraph);
    expect(search.ask("Amis’ father").results.map((r) => r.paragraph)).toEqual(search.ask("Amis' father").results.map((r) => r.paragraph));
  });

  it("knows the subject's synonyms: Koba is Stalin, the Gulag is the labour camps, the USSR is the Soviet Union", () => {
    expect(search.ask("Gulag").answered).toBe(true);
    expect(
      search
        .ask("how many died in the gulag")
        .results.slice(0, 3)
        .map((r) => r.paragraph),
    ).toContain(37);
    expect(search.ask("why is the book called Koba").results[0]?.paragraph).toBe(2);
    expect(search.ask("USSR isolation").answered).toBe(true);
  });

  it.each(["what is the capital of France?", "what does the review say about Napoleon?", "how do I bake bread", "best pizza in town"])(
    "given %j, which the review does not cover, declines with a reason",
    (question) => {
      const answer = search.ask(question);
      expect(answer.answered).toBe(false);
      expect(answer.reason?.code).toBe("not-covered");
      expect(reasonText(answer)).toMatch(/review/);
    },
  );

  it.each([
    ["does the review compare Amis to Orwell?", "Orwell"],
    ["what was the death toll of the famine in Ukraine", "Ukraine"],
    ["what about the Cuban revolution", "Cuban"],
  ])("given %j, about a name the review never uses, declines naming it", (question, name) => {
    const answer = search.ask(question);
    expect(answer.answered).toBe(false);
    expect(reasonText(answer)).toContain(name);
  });

  it("does not respell a real word or name into a corpus word (France is not Franco, a cake is not a case)", () => {
    expect(search.ask("what is the capital of France").answered).toBe(false);
    expect(search.ask("where can I buy a cake").answered).toBe(false); // cake is not case
  });

  it("does not respell a word of seven letters or more that English has into a corpus word two edits away", () => {
    // "brewing" is no slip for "bring": the revolution brewing in Spain is ¶34's "incipient revolution".
    expect(top("the revolution that was brewing in spain, what became of it")?.paragraph).toBe(34);
  });

  it("weighs common words lightly: a question of everyday words with one unknown topic declines", () => {
    expect(search.ask("who won the rugby match last year").answered).toBe(false);
    expect(search.ask("is the campus library open on sundays").answered).toBe(false);
  });

  it("answers questions asked in a reader's own words, through the lexicon and study notes", () => {
    expect(top("in what circumstances did stalin begin his climb to power")?.paragraph).toBe(21);
    expect(top("what was trotsky's alternative for agriculture")?.paragraph).toBe(27);
    expect(top("what did stalin's main rival want for the peasants")?.paragraph).toBe(27);
    // ¶47 names the spy ("the Soviet master-spy, Leopold Trepper") whom ¶49 quotes.
    expect(top("which spy does the reviewer quote")?.paragraph).toBe(47);
  });

  it.each([
    ["In what year did Stalin die?", "date"],
    ["how long did Guvorkian spend at Vorkuta", "figure"],
    ["how old was Trotsky when he was killed", "figure"],
  ])("given %j, asking for a %s the review does not give, declines though its words are all the review's", (question, kind) => {
    const answer = search.ask(question);
    expect(answer.answered).toBe(false);
    expect(reasonText(answer)).toContain(`no ${kind}`);
  });

  it.each(["where does the nickname Koba come from", "how did Hitchens reply to Amis's open letter"])(
    "given %j, a question the review leaves open, declines saying what it lacks",
    (question) => {
      const answer = search.ask(question);
      expect(answer.answered).toBe(false);
      // Either an open question of the study notes, or the near-miss: the review names the subject but not the fact asked for.
      expect(reasonText(answer)).toMatch(
        /^The review does not say: it leaves open “.+\?”$|^The review mentions .+ but says nothing about “.+”\.$/,
      );
      expect(answer.results.length).toBeGreaterThan(0); // the closest passages, as "maybe related"
    },
  );

  it.each([
    ["franco and the spanish revolution", 34],
    ["Koba nickname", 2],
    ["how was Trotsky killed", 42],
  ])("given %j, which an open question merely resembles, still answers from ¶%i", (question, paragraph) => {
    const answer = search.ask(question);
    expect(answer.answered).toBe(true);
    expect(answer.results[0]?.paragraph).toBe(paragraph);
  });

  it("given a question about when the review itself appeared, says its date though no paragraph gives it", () => {
    const answer = search.ask("when was this review published?");
    expect(answer.answered).toBe(false);
    expect(reasonText(answer)).toContain("October 2002");
  });

  it.each([
    ["in which year did the author's father become a Communist Party member?", 38],
    ["when did Lenin die", 11],
    // ¶16 and ¶2 match "according" and "died" better, but only ¶11 tells the year beside the death.
    ["when did lenin die according to the article", 11],
    ["how many were murdered in the labour camps", 37],
    // "How much" is answered by a degree too: ¶31's economy "had advanced enormously".
    ["how much had the soviet economy advanced by the mid-1930s", 31],
    ["what percentage of Russians were peasants", 18],
  ])("given %j, asking for a date or figure the review gives, answers from ¶%i", (question, paragraph) => {
    const answer = search.ask(question);
    expect(answer.answered).toBe(true);
    expect(answer.results[0]?.paragraph).toBe(paragraph);
  });

  it.each([
    ["", "empty"],
    ["   \n\t ", "empty"],
    ["x".repeat(10_000), "too-long"],
    ["?!?! ... ---", "no-words"],
    ["🙂🙂🙂", "no-words"],
    ["\u0000\u0007\u001b\u009b", "empty"],
    ["what is it?", "no-words"],
  ])("given bad input %#, declines with the reason %s and no results", (input, code) => {
    const answer = search.ask(input);
    expect(answer).toMatchObject({ answered: false, reason: { code }, results: [] });
    expect(answer.query.length).toBeLessThanOrEqual(200);
  });

  it.each([
    ["a soft hyphen", "what happened to Trot\u00adsky's family?"],
    ["a zero-width space", "what happened to Trots\u200bky's family?"],
    ["a zero-width joiner and a word joiner", "what happened to Tro\u200dts\u2060ky's family?"],
    ["a byte-order mark", "\ufeffwhat happened to Trotsky\ufeff's family?"],
  ])("given %s inside a word, asks as if it were not there", (_what, question) => {
    const answer = search.ask(question);
    expect(answer.answered).toBe(true);
    expect(answer.results[0]?.paragraph).toBe(42);
    expect(answer.query).toBe("what happened to Trotsky's family?");
  });

  it.each([
    ["full-width letters", "ｗｈａｔ ｈａｐｐｅｎｅｄ ｔｏ Ｔｒｏｔｓｋｙ'ｓ ｆａｍｉｌｙ？"],
    ["a ligature", "what happened to Trotsky's ﬁrst family?"],
  ])("given %s, reads them as the plain letters", (_what, question) => {
    const answer = search.ask(question);
    expect(answer.answered).toBe(true);
    expect(answer.results[0]?.paragraph).toBe(42);
    // Only letters and digits are read plain; punctuation stays as typed ("？", "…").
    expect(answer.query).toBe(question.replace(/[\p{L}\p{N}]/gu, (c) => c.normalize("NFKC")));
  });

  it("given a word the review lacks typed twice, names it once in the decline", () => {
    const answer = search.ask("tell me about file.name.with.many.dots.and.more.dots.than.usual.md and Trotsky");
    expect(reasonText(answer)).toBe("The review does not seem to cover that (it never mentions “file”, “dots” or “md”).");
  });

  it("given terminal escape sequences, removes them whole: none of their letters is searched or echoed", () => {
    const answer = search.ask("who was Trepper \u001b]2;PWNED\u0007\u001b[2J\u001b[H\u001b[41m?\u001b[0m");
    expect(answer.query).toBe("who was Trepper ?");
    expect(answer.answered).toBe(true);
    expect(answer.results[0]?.paragraph).toBe(search.ask("who was Trepper ?").results[0]?.paragraph);
  });

  it.each([
    ["French", "Qu'est-il arrivé à la famille de Trotsky ?"],
    ["Spanish", "¿Qué le pasó a la familia de Trotsky?"],
    ["German", "Was ist mit Trotzkis Familie passiert?"],
    ["Russian", "Что случилось с семьёй Троцкого?"],
    ["Greek", "Τι έπαθε η οικογένεια του Τρότσκι;"],
  ])("given a question in %s, says the review is in English and answers questions in English", (_language, question) => {
    const answer = search.ask(question);
    expect(answer).toMatchObject({ answered: false, reason: { code: "not-english" }, results: [] });
    expect(reasonText(answer)).toMatch(/in English/);
  });

  it("given an English question, a foreign one, then the English one again, judges each afresh", () => {
    const english = "what happened to Trotsky's family?";
    const foreign = "¿Qué le pasó a la familia de Trotsky?";
    expect(search.ask(english).reason?.code).not.toBe("not-english");
    expect(search.ask(foreign).reason?.code).toBe("not-english");
    search.clearAnswerCache();
    expect(search.ask(english).reason?.code).not.toBe("not-english");
    expect(search.ask(foreign).reason?.code).toBe("not-english");
  });

  it.each([
    "who was Коба?",
    "what does the review say about de la Mora and la famille?",
    "was Trotsky's family killed?",
    // Possessives are no French "s'", and "w" is chat for "with".
    "so whats stalin's deal w lenin's ideas",
  ])("given an English question with a foreign name or phrase (%s), does not call it foreign", (question) => {
    expect(search.ask(question).reason?.code).not.toBe("not-english");
  });

  it("never throws and only ever returns verbatim paragraphs, whatever it is given", () => {
    const texts = new Set(search.primary.paragraphs.map((p) => p.text));
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const alphabet = "abcdefghijklmnopqrstuvwxyz ’'\"-?!.,¶0123456789éü🙂\u0000\n@#*_~`|";
    for (let i = 0; i < 300; i++) {
      const length = Math.floor(random() * 80);
      const query = Array.from({ length }, () => alphabet[Math.floor(random() * alphabet.length)]).join("");
      for (const answer of [search.ask(query), search.quote(query)]) {
        for (const r of answer.results) {
          expect(texts.has(r.text)).toBe(true);
          expect(r.text).toContain(r.excerpt);
        }
      }
    }
  });
});
