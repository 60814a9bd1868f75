/** The search core's public face: load, index, ask, quote. No Discord import anywhere below. */
export { ReviewSearch } from "./engine.ts";
export { loadCorpus, defaultCorpusDir, corpusDirFrom } from "../corpus/load.ts";
export type * from "./types.ts";
export type * from "../corpus/types.ts";
export {
  paragraphNumbers,
  parseParagraphList,
  parseRange,
  rangeLabel,
  MAX_RANGE,
  type ParagraphRange,
  type RangeProblem,
} from "./range.ts";
export type { ScopeReason } from "./scope.ts";
