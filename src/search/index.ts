/** The search core's public face: load, index, ask, quote. No Discord import anywhere below. */
export { ReviewSearch } from "./engine.ts";
export { loadCorpus, defaultCorpusDir, corpusDirFrom } from "../corpus/load.ts";
export { MAX_QUERY_CHARS } from "./input.ts";
export type * from "./types.ts";
