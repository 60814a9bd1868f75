/**
 * The questions the study notes say the review leaves open, and which of them a reader's
 * question resembles: the scope decision's evidence for "the review does not say". Only open
 * questions sharing a term with the reader's question are looked at, and a wording asked in
 * several paragraphs' notes is judged once, so the cost follows the matches, not the corpus.
 */
import { evidenceOf, RELATED_EVIDENCE, shareMatched, type AnalysedQuestion } from "./question.ts";

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
  /**
   * Working arrays by wording number, kept from question to question (a new array per ask was a
   * fifth of looking up): which lookup last met it (`#metBy`) and at which of the reader's terms
   * (`#firstTerm`); for which question its share is known (`#sharedBy`) and the share (`#shares`).
   */
  #metBy = new Int32Array(0);
  #firstTerm = new Int32Array(0);
  #sharedBy = new Int32Array(0);
  #shares = new Float64Array(0);
  /** Per wording, how much of the reader's question it covers so far, and the reader's word that last added to it. */
  #credit = new Float64Array(0);
  #creditedBy = new Int32Array(0);
  #creditBy = 0;
  /** The current lookup's number, and the question whose shares `#shares` holds with its number. */
  #lookup = 0;
  #sharesOf: AnalysedQuestion | undefined;
  #sharesNumber = 0;
  /** The wordings one lookup met, reused. */
  readonly #met: Wording[] = [];

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
    this.#metBy = new Int32Array(this.#wordings);
    this.#firstTerm = new Int32Array(this.#wordings);
    this.#sharedBy = new Int32Array(this.#wordings);
    this.#shares = new Float64Array(this.#wordings);
    this.#credit = new Float64Array(this.#wordings);
    this.#creditedBy = new Int32Array(this.#wordings);
  }

  /**
   * The open question of an `allowed` paragraph that the reader's question most resembles, each
   * covering the other (the lesser of the two shares), if any shares a term with it. Of equal
   * shares, the first met going through the reader's terms in order and, for each, the open
   * questions holding it in reading order.
   */
  closest(analysed: AnalysedQuestion, allowed: (paragraph: string) => boolean): { question: string; share: number } | undefined {
    const words = analysed.words;
    const readerTerms: string[] = [];
    for (let w = 0; w < words.length; w++) {
      const word = words[w]!;
      readerTerms.push(word.term);
      for (let r = 0; r < word.related.length; r++) readerTerms.push(word.related[r]!);
    }
    // Numbers mark what this lookup set, so nothing needs clearing; at the last number, clear once and start again.
    if (this.#lookup === 0x7fffffff || this.#sharesNumber === 0x7fffffff || this.#creditBy > 0x7fffffff - words.length) {
      this.#metBy.fill(0);
      this.#sharedBy.fill(0);
      this.#creditedBy.fill(0);
      this.#lookup = 0;
      this.#sharesNumber = 0;
      this.#creditBy = 0;
      this.#sharesOf = undefined;
    }
    const lookup = ++this.#lookup;
    // A question's shares are the same whatever is allowed: kept while the same question looks again (a reading position's passes).
    if (this.#sharesOf !== analysed) {
      this.#sharesOf = analysed;
      this.#sharesNumber++;
    }
    const sharesNumber = this.#sharesNumber;
    const metBy = this.#metBy;
    const firstTerm = this.#firstTerm;
    const sharedBy = this.#sharedBy;
    const shares = this.#shares;
    const credit = this.#credit;
    const creditedBy = this.#creditedBy;
    // The wordings sharing a term, in the order first met, each with the first reader's term it holds;
    // and on the way, how much of the reader's question each covers: exactly shareMatched(analysed,
    // its terms), the same sums in the same order (a word's term in full, else a synonym's part once).
    const met = this.#met;
    met.length = 0;
    let total = 0;
    let at = 0;
    for (let w = 0; w < words.length; w++) {
      const word = words[w]!;
      total += word.salience;
      const evidence = evidenceOf(word);
      const credited = ++this.#creditBy;
      const termAt = at;
      const termsEnd = at + 1 + word.related.length;
      for (; at < termsEnd; at++) {
        const holding = this.#byTerm.get(readerTerms[at]!);
        if (!holding) continue;
        // The word's own term comes first: a wording holding it is credited in full before any synonym counts.
        const gain = at === termAt ? evidence : RELATED_EVIDENCE * evidence;
        for (let k = 0; k < holding.length; k++) {
          const number = holding[k]!.number;
          if (metBy[number] !== lookup) {
            metBy[number] = lookup;
            firstTerm[number] = at;
            credit[number] = 0;
            met.push(holding[k]!);
          }
          if (creditedBy[number] !== credited) {
            creditedBy[number] = credited;
            credit[number]! += gain;
          }
        }
      }
    }
    let open: { question: string; share: number } | undefined;
    let openTerm = Infinity;
    let openAt = Infinity;
    for (let m = 0; m < met.length; m++) {
      const wording = met[m]!;
      const term = firstTerm[wording.number]!;
      // A wording stands where its first allowed paragraph does.
      const first = firstAllowed(wording.members, allowed);
      if (!first) continue;
      const best = open?.share ?? 0;
      let share: number;
      if (sharedBy[wording.number] === sharesNumber) share = shares[wording.number]!;
      else {
        // The lesser of two shares: when the first cannot win (below the best so far, or none), the second is not needed.
        const covered = total === 0 ? 0 : credit[wording.number]! / total;
        if (covered < best || covered === 0) continue;
        share = Math.min(covered, shareMatched(wording.asked.analysed, readerTerms));
        shares[wording.number] = share;
        sharedBy[wording.number] = sharesNumber;
      }
      const earlier = term < openTerm || (term === openTerm && first.at < openAt);
      if (share > best || (share > 0 && share === best && earlier)) {
        open = { question: wording.asked.question, share };
        openTerm = term;
        openAt = first.at;
      }
    }
    met.length = 0;
    return open;
  }
}

/** The first member whose paragraph is allowed (a loop, not `find` with a closure: this runs for every wording met). */
function firstAllowed(members: Wording["members"], allowed: (paragraph: string) => boolean): Wording["members"][number] | undefined {
  for (let i = 0; i < members.length; i++) if (allowed(members[i]!.paragraph)) return members[i];
  return undefined;
}
