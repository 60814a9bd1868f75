/** The search core's public face: load, index, ask, quote. No Discord import anywhere below. */
export { ReviewSearch } from "./engine.ts";
export { loadCorpus, defaultCorpusDir, corpusDirFrom } from "../corpus/load.ts";
export { MAX_QUERY_CHARS } from "./input.ts";
export type * from "./types.ts";
export type * from "../corpus/types.ts";
export { parseRange, rangeLabel, MAX_RANGE, type ParagraphRange, type RangeResult } from "./range.ts";
export { BOOST_FACTOR, type BoostRange } from "./boost.ts";
