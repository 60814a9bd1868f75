/**
 * The paragraph index: MiniSearch, with the terms one query term matches fuzzily remembered, and
 * a faster path for ranking every paragraph against a question (see {@link ParagraphIndex.rank}).
 * The walk of the term tree for the terms one edit away is the dearest step of looking a term up,
 * and readers use the same few hundred words question after question; the index never changes
 * once built (a document added or removed forgets what was remembered). Scores are MiniSearch's
 * own: only the walk is skipped, and MiniSearch gets a fresh copy of what the walk found.
 */
import MiniSearch, { type Options, type SearchOptions } from "minisearch";
import { byScoreDescending } from "./by-score.ts";

/** Bounded: a full memory starts again. */
const MAX_REMEMBERED = 20_000;
/** Most documents the remembered term scores hold, all terms together (12 bytes each). */
const MAX_TERM_SCORES_HELD = 1_000_000;

/** MiniSearch 7's default match weights, which it fills in under any given (`defaultSearchOptions.weights`). */
const DEFAULT_WEIGHTS = { fuzzy: 0.45, prefix: 0.375 };

/** The search options {@link ParagraphIndex.rank} honours: the rest keep MiniSearch's defaults. */
export type RankOptions = Pick<SearchOptions, "fields" | "boost" | "boostTerm" | "fuzzy" | "prefix" | "weights" | "maxFuzzy">;

/** A ranked document: what `search` reports as its id, score and `queryTerms`. */
export interface RankedDocument {
  /** The document's id, as `String(result.id)`. */
  id: string;
  score: number;
  /** The query terms it matched, in query order. Shared by the documents matching the same terms: read, never change. */
  queryTerms: string[];
  /** Its number in the index (MiniSearch's short id: 0, 1, … in the order documents were added), when the fast path ranked it. */
  number?: number;
}

/** One index term's documents in one field, in MiniSearch's order, each with its BM25 score before weights. */
interface FieldPostings {
  docs: Int32Array;
  bm25: Float64Array;
}

/** An index term a query term matches, and how (the term itself, a longer one it begins, one some edits away). */
interface Expansion {
  term: string;
  kind: "exact" | "prefix" | "fuzzy";
  /** Letters added (prefix) or edits (fuzzy). */
  distance: number;
}

export class ParagraphIndex<T> extends MiniSearch<T> {
  readonly #fuzzyMatches = new Map<string, ReturnType<MiniSearch<T>["_index"]["fuzzyGet"]>>();
  /** Per index term, its postings by field id: they depend only on the index, so each is compiled once. */
  readonly #postings = new Map<string, Array<FieldPostings | undefined>>();
  /** Per query term and matching rule, the index terms it matches, in MiniSearch's order. */
  readonly #expansions = new Map<string, readonly Expansion[]>();
  /**
   * Per query term, matching rule, boost and fields, each document it meets (in the order met) with
   * its score for the term: what one ranking adds to the total, the same floats. Readers use the
   * same words question after question; this skips the walk through every matched term's postings.
   */
  readonly #termScores = new Map<string, { docs: Int32Array; scores: Float64Array }>();
  /** How many documents {@link #termScores} holds, all terms together. */
  #termScoresHeld = 0;
  /** Each document's id as a string, by its number (short id), filled as documents are ranked. */
  #ids: Array<string | undefined> = [];
  /** Per document (short id), working arrays of one ranking, reset after each: no allocation per posting. */
  #scratch = new Scratch(0);
  /** The hits {@link rankAsMetReused} hands out, rewritten by its next call: no object per hit once the pool has grown. */
  #reusedHits: RankedDocument[] = [];
  /** The array {@link rankAsMetReused} returns, refilled by its next call. */
  #reusedRanking: RankedDocument[] = [];

  constructor(options: Options<T>) {
    super(options);
    const tree = this._index;
    const walk = tree.fuzzyGet.bind(tree);
    tree.fuzzyGet = (key, maxEditDistance) => {
      const remembered = `${maxEditDistance}:${key}`;
      let found = this.#fuzzyMatches.get(remembered);
      if (!found) {
        if (this.#fuzzyMatches.size >= MAX_REMEMBERED) this.#fuzzyMatches.clear();
        this.#fuzzyMatches.set(remembered, (found = walk(key, maxEditDistance)));
      }
      // MiniSearch deletes from the map it is given (a term matched by prefix too).
      return new Map(found);
    };
  }

  /**
   * Adds documents as `add` does one after another, to the same index entry for entry (MiniSearch's
   * own steps for ids, stored fields and field lengths), but a field's text met before (notes
   * repeated from paragraph to paragraph and across a book's copies) is analysed once, and each
   * term's entry in the term tree is walked to once per call, not once per occurrence.
   */
  override addAll(documents: readonly T[]): void {
    this.#forget();
    const { extractField, stringifyField, tokenize, processTerm, fields, idField } = this._options;
    const steps = this as unknown as MiniSearchSteps;
    const analysedTexts = new Map<string, Map<string, AnalysedText>>();
    const termData = new Map<string, Map<number, Map<number, number>>>();
    for (const document of documents) {
      const id: unknown = extractField(document, idField);
      if (id == null) throw new Error(`MiniSearch: document does not have ID field "${idField}"`);
      if (this._idToShortId.has(id)) throw new Error(`MiniSearch: duplicate ID ${id as string}`);
      const shortId = steps.addDocumentId(id);
      steps.saveStoredFields(shortId, document);
      for (const field of fields) {
        const value: unknown = extractField(document, field);
        if (value == null) continue;
        const text = stringifyField(value, field);
        let byText = analysedTexts.get(field);
        if (!byText) analysedTexts.set(field, (byText = new Map<string, AnalysedText>()));
        let analysed = byText.get(text);
        if (!analysed) byText.set(text, (analysed = analyseText(tokenize(text, field), (token) => processTerm(token, field))));
        const fieldId = this._fieldIds[field]!;
        steps.addFieldLength(shortId, fieldId, this._documentCount - 1, analysed.uniqueTokens);
        const { terms, counts } = analysed;
        for (let i = 0; i < terms.length; i++) {
          const term = terms[i]!;
          let data = termData.get(term);
          if (!data) termData.set(term, (data = this._index.fetch(term, () => new Map())));
          let frequencies = data.get(fieldId);
          if (!frequencies) data.set(fieldId, (frequencies = new Map<number, number>()));
          frequencies.set(shortId, (frequencies.get(shortId) ?? 0) + counts[i]!);
        }
      }
    }
  }

  override add(document: T): void {
    this.#forget();
    super.add(document);
  }

  override remove(document: T): void {
    this.#forget();
    super.remove(document);
  }

  override discard(id: unknown): void {
    this.#forget();
    super.discard(id);
  }

  override removeAll(...documents: [documents?: readonly T[]]): void {
    this.#forget();
    super.removeAll(...documents);
  }

  #forget(): void {
    this.#fuzzyMatches.clear();
    this.#postings.clear();
    this.#expansions.clear();
    this.#termScores.clear();
    this.#termScoresHeld = 0;
    this.#ids = [];
    this.#reusedHits = [];
    this.#reusedRanking = [];
  }

  /**
   * Every document matching any term of `query`, best first: exactly the ids, scores and
   * `queryTerms` of `search(query, options)` (OR of the terms, BM25 per field, prefix and fuzzy
   * weights, the same order of equal scores), without the objects MiniSearch makes per document
   * and term. Each index term's BM25 per document is worked out once, and one ranking adds them up
   * in typed arrays in the order MiniSearch does, so the sums are the same to the last bit.
   * Anything this path does not do (a filter, a document boost, AND, a discarded document not yet
   * vacuumed, a term twice in the query) is left to `search`.
   *
   * @example
   * index.rank("trotski famili", { fuzzy: 1, boost: { text: 1.5 } })[0]; // { id: "koba-the-dread-review#42", score: …, queryTerms: […] }
   */
  rank(query: string, options: RankOptions = {}): RankedDocument[] {
    return byScoreDescending(this.rankAsMet(query, options));
  }

  /**
   * {@link rank}'s documents before they are sorted: in the order MiniSearch first meets them,
   * which is the order it keeps among equal scores (or, when `search` does the work, best first,
   * which sorts to the same). For a caller that sorts them again anyway.
   */
  rankAsMet(query: string, options: RankOptions = {}): RankedDocument[] {
    return this.#rankAsMet(query, options, false);
  }

  /**
   * {@link rankAsMet}'s ranking in hits the index keeps and rewrites on the next call of this
   * method: the same ids, scores, terms and order, without an object per hit. At a hundred times
   * the review a question meets thousands of paragraphs, and their objects, made afresh each ask,
   * were most of what an ask allocated (and so of the collections landing inside asks). The array
   * and its hits are the index's: read, change, sort or add to them, but keep none past the next
   * call (copy what must outlive it).
   */
  rankAsMetReused(query: string, options: RankOptions = {}): RankedDocument[] {
    return this.#rankAsMet(query, options, true);
  }

  #rankAsMet(query: string, options: RankOptions, reuse: boolean): RankedDocument[] {
    const merged: SearchOptions = { ...this._options.searchOptions, ...options };
    const { tokenize, processTerm } = { tokenize: this._options.tokenize, processTerm: this._options.processTerm, ...merged };
    const terms = tokenize(query)
      .flatMap((term) => processTerm(term) || [])
      .filter((term) => !!term);
    const plain =
      (merged.combineWith ?? "or").toLowerCase() !== "or" ||
      merged.filter !== undefined ||
      merged.boostDocument !== undefined ||
      this.dirtCount > 0 ||
      terms.length > 31 ||
      new Set(terms).size < terms.length;
    if (plain) {
      return this.search(query, options).map((hit) => ({ id: String(hit.id), score: hit.score, queryTerms: hit.queryTerms }));
    }
    // The fields as MiniSearch goes through them: the keys of an object made from the list.
    const boosts: Record<string, number> = {};
    for (const field of merged.fields ?? this._options.fields) boosts[field] = ownProperty(merged.boost, field) || 1;
    const fields = Object.keys(boosts);
    const fieldIds = fields.map((field) => this._fieldIds[field]!);
    const fieldBoosts = fields.map((field) => boosts[field]!);
    const weights = { ...DEFAULT_WEIGHTS, ...merged.weights };
    const maxFuzzy = merged.maxFuzzy ?? 6;
    // What a query term's scores depend on besides the term, its matching rule and its boost.
    const signature = `${fieldIds.join(",")}/${fieldBoosts.join(",")}/${weights.prefix}/${weights.fuzzy}`;

    // A ranking cut short by a throwing callback leaves its marks: start from clean arrays.
    if (this.#scratch.size < this._nextId || this.#scratch.inUse) this.#scratch = new Scratch(this._nextId);
    this.#scratch.inUse = true;
    const { total, termScore, termMark, matched, touched, termTouched } = this.#scratch;
    let touchedCount = 0;
    terms.forEach((term, i) => {
      const fuzzy = typeof merged.fuzzy === "function" ? merged.fuzzy(term, i, terms) : (merged.fuzzy ?? false);
      const prefix = typeof merged.prefix === "function" ? merged.prefix(term, i, terms) : merged.prefix === true;
      const termBoost = typeof merged.boostTerm === "function" ? merged.boostTerm(term, i, terms) : 1;
      let maxDistance = 0;
      if (fuzzy) {
        const share = fuzzy === true ? 0.2 : fuzzy;
        maxDistance = share < 1 ? Math.min(maxFuzzy, Math.round(term.length * share)) : share;
      }
      const key = `${prefix ? "p" : ""}${maxDistance}:${termBoost}:${signature}:${term}`;
      let scored = this.#termScores.get(key);
      if (!scored) {
        let termTouchedCount = 0;
        const mark = i + 1;
        for (const { term: derived, kind, distance } of this.#expand(term, prefix, maxDistance)) {
          // The weights exactly as MiniSearch writes them (the same operations in the same order).
          const termWeight =
            kind === "exact"
              ? 1
              : kind === "prefix"
                ? (weights.prefix * derived.length) / (derived.length + 0.3 * distance)
                : (weights.fuzzy * derived.length) / (derived.length + distance);
          const postings = this.#postingsOf(derived);
          for (let f = 0; f < fieldIds.length; f++) {
            const list = postings[fieldIds[f]!];
            if (!list) continue;
            // termWeight * termBoost * fieldBoost * docBoost (1) * rawScore, associated as MiniSearch's expression is.
            const weight = termWeight * termBoost * fieldBoosts[f]! * 1;
            const { docs, bm25 } = list;
            for (let k = 0; k < docs.length; k++) {
              const doc = docs[k]!;
              const score = weight * bm25[k]!;
              if (termMark[doc] === mark) termScore[doc] = termScore[doc]! + score;
              else {
                termMark[doc] = mark;
                termScore[doc] = score;
                termTouched[termTouchedCount++] = doc;
              }
            }
          }
        }
        const docs = termTouched.slice(0, termTouchedCount);
        const scores = new Float64Array(termTouchedCount);
        for (let k = 0; k < termTouchedCount; k++) {
          const doc = docs[k]!;
          scores[k] = termScore[doc]!;
          termMark[doc] = 0;
        }
        scored = { docs, scores };
        // Bounded by the documents held, not the terms: at a hundred times the review a term meets thousands.
        this.#termScoresHeld += termTouchedCount;
        if (this.#termScoresHeld > MAX_TERM_SCORES_HELD) {
          this.#termScores.clear();
          this.#termScoresHeld = termTouchedCount;
        }
        this.#termScores.set(key, scored);
      }
      const { docs: termDocs, scores: termScores } = scored;
      // Combined as MiniSearch's OR does: a document met for the first time joins at the end.
      for (let k = 0; k < termDocs.length; k++) {
        const doc = termDocs[k]!;
        if (matched[doc] === 0) {
          touched[touchedCount++] = doc;
          total[doc] = termScores[k]!;
        } else total[doc] = total[doc]! + termScores[k]!;
        matched[doc] = matched[doc]! | (1 << i);
      }
    });

    const termLists = new Map<number, string[]>();
    const ranked: RankedDocument[] = reuse ? this.#reusedRanking : new Array<RankedDocument>(touchedCount);
    const pool = this.#reusedHits;
    for (let k = 0; k < touchedCount; k++) {
      const doc = touched[k]!;
      const mask = matched[doc]!;
      let queryTerms = termLists.get(mask);
      if (!queryTerms) {
        queryTerms = terms.filter((_, i) => (mask & (1 << i)) !== 0);
        termLists.set(mask, queryTerms);
      }
      const id = this.#idOf(doc);
      const score = total[doc]! * (queryTerms.length || 1);
      const hit = reuse ? pool[k] : undefined;
      if (hit) {
        hit.id = id;
        hit.score = score;
        hit.queryTerms = queryTerms;
        hit.number = doc;
        ranked[k] = hit;
      } else {
        const made: RankedDocument = { id, score, queryTerms, number: doc };
        ranked[k] = made;
        if (reuse) pool[k] = made;
      }
      matched[doc] = 0;
    }
    // The reused array, cut to this ranking's hits.
    if (reuse) ranked.length = touchedCount;
    this.#scratch.inUse = false;
    return ranked;
  }

  /** A document's id as `search` reports it (`String(id)`), by its number: read from an array kept until the documents change. */
  #idOf(doc: number): string {
    let id = this.#ids[doc];
    if (id === undefined) {
      if (this.#ids.length < this._nextId) this.#ids.length = this._nextId;
      this.#ids[doc] = id = String(this._documentIds.get(doc));
    }
    return id;
  }

  /** The index terms a query term matches, in the order `executeQuerySpec` scores them. */
  #expand(term: string, prefix: boolean, maxDistance: number): readonly Expansion[] {
    const key = `${prefix ? "p" : ""}${maxDistance}:${term}`;
    const expansions = this.#expansions.get(key);
    if (expansions) return expansions;
    const found: Expansion[] = [];
    if (this._index.has(term)) found.push({ term, kind: "exact", distance: 0 });
    const fuzzyMatches = maxDistance ? this._index.fuzzyGet(term, maxDistance) : undefined;
    if (prefix) {
      for (const [longer] of this._index.atPrefix(term)) {
        const distance = longer.length - term.length;
        if (!distance) continue;
        // Scored as a prefix match only, as MiniSearch does.
        fuzzyMatches?.delete(longer);
        found.push({ term: longer, kind: "prefix", distance });
      }
    }
    if (fuzzyMatches) {
      for (const [near, [, distance]] of fuzzyMatches) if (distance) found.push({ term: near, kind: "fuzzy", distance });
    }
    if (this.#expansions.size >= MAX_REMEMBERED) this.#expansions.clear();
    this.#expansions.set(key, found);
    return found;
  }

  /** An index term's postings by field id, with each document's BM25 as `calcBM25Score` works it out. */
  #postingsOf(term: string): Array<FieldPostings | undefined> {
    let postings = this.#postings.get(term);
    if (postings) return postings;
    postings = [];
    const data = this._index.get(term);
    const { k, b, d } = this._options.searchOptions.bm25 ?? { k: 1.2, b: 0.7, d: 0.5 };
    for (const [fieldId, frequencies] of data ?? []) {
      const matchingCount = frequencies.size;
      const avgFieldLength = this._avgFieldLength[fieldId]!;
      const docs = new Int32Array(matchingCount);
      const bm25 = new Float64Array(matchingCount);
      let n = 0;
      for (const [doc, termFreq] of frequencies) {
        const fieldLength = this._fieldLength.get(doc)![fieldId]!;
        const invDocFreq = Math.log(1 + (this._documentCount - matchingCount + 0.5) / (matchingCount + 0.5));
        docs[n] = doc;
        bm25[n++] = invDocFreq * (d + (termFreq * (k + 1)) / (termFreq + k * (1 - b + (b * fieldLength) / avgFieldLength)));
      }
      postings[fieldId] = { docs, bm25 };
    }
    if (this.#postings.size >= MAX_REMEMBERED) this.#postings.clear();
    this.#postings.set(term, postings);
    return postings;
  }
}

function ownProperty(object: Record<string, number> | undefined, key: string): number | undefined {
  return object !== undefined && Object.prototype.hasOwnProperty.call(object, key) ? object[key] : undefined;
}

/** MiniSearch's own steps of adding a document that {@link ParagraphIndex.addAll} takes as they are. */
interface MiniSearchSteps {
  addDocumentId(id: unknown): number;
  saveStoredFields(shortId: number, document: unknown): void;
  addFieldLength(shortId: number, fieldId: number, count: number, length: number): void;
}

/** A field's text as MiniSearch indexes it: its distinct terms in order of first occurrence, how often each occurs, how many distinct tokens. */
interface AnalysedText {
  terms: string[];
  counts: number[];
  uniqueTokens: number;
}

function analyseText(tokens: string[], processTerm: (token: string) => string | string[] | null | undefined | false): AnalysedText {
  const at = new Map<string, number>();
  const terms: string[] = [];
  const counts: number[] = [];
  const count = (term: string) => {
    const i = at.get(term);
    if (i !== undefined) counts[i]!++;
    else {
      at.set(term, terms.length);
      terms.push(term);
      counts.push(1);
    }
  };
  for (const token of tokens) {
    const processed = processTerm(token);
    if (Array.isArray(processed)) for (const term of processed) count(term);
    else if (processed) count(processed);
  }
  return { terms, counts, uniqueTokens: new Set(tokens).size };
}

/** The per-document arrays one ranking works in; every entry it sets is reset before it returns. */
class Scratch {
  readonly total: Float64Array;
  readonly termScore: Float64Array;
  /** Which query term (its position + 1) last touched the document. */
  readonly termMark: Int32Array;
  /** The query terms the document matched, one bit per position. */
  readonly matched: Uint32Array;
  /** The documents matched so far, in the order first met; and those the current term met. */
  readonly touched: Int32Array;
  readonly termTouched: Int32Array;

  /** Set while a ranking works in the arrays. */
  inUse = false;

  constructor(readonly size: number) {
    this.total = new Float64Array(size);
    this.termScore = new Float64Array(size);
    this.termMark = new Int32Array(size);
    this.matched = new Uint32Array(size);
    this.touched = new Int32Array(size);
    this.termTouched = new Int32Array(size);
  }
}
