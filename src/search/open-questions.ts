/**
 * The questions the study notes say the review leaves open, and which of them a reader's
 * question resembles: the scope decision's evidence for "the review does not say". Only open
 * questions sharing a term with the reader's question are looked at, and a wording asked in
 * several paragraphs' notes is judged once, so the cost follows the matches, not the corpus.
 */
import { shareMatched, type AnalysedQuestion } from "./question.ts";

/** An open question of one paragraph's notes, as index terms. */
export interface OpenQuestion {
  question: string;
  /** The paragraph whose notes hold it. */
  paragraph: string;
  analysed: AnalysedQuestion;
  /** Its words' terms and their synonyms' terms. */
  terms: readonly string[];
}

/** One wording, and where the notes ask it: each paragraph, with its place among all open questions. */
interface Wording {
  /** Its place among the wordings: per-question working arrays are indexed by it. */
  number: number;
  asked: OpenQuestion;
  members: Array<{ paragraph: string; at: number }>;
}

export class OpenQuestions {
  readonly #byTerm = new Map<string, Wording[]>();
  #wordings = 0;
  /** Per analysed question, how closely it and each wording resemble each other (the same whatever is allowed; NaN until worked out). */
  readonly #shares = new WeakMap<AnalysedQuestion, Float64Array>();

  /** @param questions every paragraph's open questions, in reading order */
  constructor(questions: readonly OpenQuestion[]) {
    const wordings = new Map<string, Wording>();
    questions.forEach((q, at) => {
      const known = wordings.get(q.question);
      if (known) {
        known.members.push({ paragraph: q.paragraph, at });
        return;
      }
      const wording: Wording = { number: this.#wordings++, asked: q, members: [{ paragraph: q.paragraph, at }] };
      wordings.set(q.question, wording);
      for (const term of new Set(q.terms)) {
        const list = this.#byTerm.get(term);
        if (list) list.push(wording);
        else this.#byTerm.set(term, [wording]);
      }
    });
  }

  /**
   * The open question of an `allowed` paragraph that the reader's question most resembles, each
   * covering the other (the lesser of the two shares), if any shares a term with it. Of equal
   * shares, the first met going through the reader's terms in order and, for each, the open
   * questions holding it in reading order.
   */
  closest(analysed: AnalysedQuestion, allowed: (paragraph: string) => boolean): { question: string; share: number } | undefined {
    const readerTerms = analysed.words.flatMap((w) => [w.term, ...w.related]);
    // The wordings sharing a term, in the order first met, each with the first reader's term it holds.
    const met: Wording[] = [];
    const firstTerm = new Int32Array(this.#wordings).fill(-1);
    readerTerms.forEach((term, at) => {
      for (const wording of this.#byTerm.get(term) ?? []) {
        if (firstTerm[wording.number] === -1) {
          firstTerm[wording.number] = at;
          met.push(wording);
        }
      }
    });
    let shares = this.#shares.get(analysed);
    if (!shares) this.#shares.set(analysed, (shares = new Float64Array(this.#wordings).fill(Number.NaN)));
    let open: { question: string; share: number } | undefined;
    let openAt = { term: Infinity, at: Infinity };
    for (const wording of met) {
      const term = firstTerm[wording.number]!;
      // A wording stands where its first allowed paragraph does.
      const first = wording.members.find((m) => allowed(m.paragraph));
      if (!first) continue;
      const best = open?.share ?? 0;
      let share = shares[wording.number]!;
      if (Number.isNaN(share)) {
        // The lesser of two shares: when the first cannot win (below the best so far, or none), the second is not needed.
        const covered = shareMatched(analysed, wording.asked.terms);
        if (covered < best || covered === 0) continue;
        share = Math.min(covered, shareMatched(wording.asked.analysed, readerTerms));
        shares[wording.number] = share;
      }
      const earlier = term < openAt.term || (term === openAt.term && first.at < openAt.at);
      if (share > best || (share > 0 && share === best && earlier)) {
        open = { question: wording.asked.question, share };
        openAt = { term, at: first.at };
      }
    }
    return open;
  }
}
