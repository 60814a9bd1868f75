/**
 * An append-only log that tests can wait on. Waiting looks at what is already recorded
 * first, so a test never misses something that happened before it started waiting.
 */
export class Recorder<T> {
  readonly #items: T[] = [];
  readonly #waiters = new Set<() => void>();

  get items(): readonly T[] {
    return this.#items;
  }

  push(item: T): void {
    this.#items.push(item);
    // Copy: a satisfied waiter removes itself while we iterate.
    for (const check of [...this.#waiters]) check();
  }

  /** Re-evaluated after every push; resolves with the first non-undefined result of `select`. */
  waitUntil<R>(select: (items: readonly T[]) => R | undefined, timeoutMs: number, what: string): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      const check = (): void => {
        let result: R | undefined;
        try {
          result = select(this.#items);
        } catch (error) {
          done();
          reject(error instanceof Error ? error : new Error(String(error)));
          return;
        }
        if (result !== undefined) {
          done();
          resolve(result);
        }
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`emulator: timed out after ${timeoutMs} ms waiting for ${what} (${this.#items.length} recorded)`));
      }, timeoutMs);
      const done = (): void => {
        clearTimeout(timer);
        this.#waiters.delete(check);
      };
      this.#waiters.add(check);
      check();
    });
  }

  /** Resolves with the first recorded item (past or future) matching `predicate`. */
  waitFor(predicate: (item: T, index: number) => boolean, timeoutMs: number, what: string): Promise<T> {
    return this.waitUntil((items) => items.find(predicate), timeoutMs, what);
  }

  /** Resolves once `count` items match `predicate`. */
  waitForCount(predicate: (item: T, index: number) => boolean, count: number, timeoutMs: number, what: string): Promise<T[]> {
    return this.waitUntil(
      (items) => {
        const matching = items.filter(predicate);
        return matching.length >= count ? matching : undefined;
      },
      timeoutMs,
      what,
    );
  }
}
