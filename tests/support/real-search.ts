import { ReviewSearch } from "../../src/search/index.ts";

let shared: ReviewSearch | null = null;
/**
 * The real index over the real corpus, built once per module cache: once per test file, or once per
 * worker where files share modules (the unit project, vitest.config.ts). Its answer cache only ever
 * returns what the uncached search would (tests/search/cache.test.ts), so sharing it is safe.
 */
export function realSearch(): ReviewSearch {
  shared ??= ReviewSearch.fromDirectory();
  return shared;
}
