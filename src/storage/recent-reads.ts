/**
 * Reads of the study state kept for a short while, so that the reads every interaction makes (the
 * reading position in force and the server's settings) are not two queries each time.
 *
 * What it guarantees, with several processes or machines on one database:
 * - this process's own writes are seen at once: every write through {@link Storage} drops the
 *   entries it could change when it finishes, and a read that was under way meanwhile is not kept
 *   (it may have read the row before the write);
 * - another process's writes are seen at most `maxAgeMs` later. A server's interactions all reach
 *   the one shard process that holds it, so in practice that is only a server moving between
 *   processes (a restart with another shard count), and a second's delay there is harmless.
 */

/** A value read and when (on the cache's own clock). */
interface Entry<V> {
  value: V;
  at: number;
}

/** A read under way and the write count it started under: joined only by reads that start under the same. */
interface Pending<V> {
  promise: Promise<V>;
  writes: number;
}

export interface RecentReadsOptions {
  /** How long a value read may be reused; 0 reads every time. */
  maxAgeMs: number;
  /** Milliseconds on a clock that never goes back; `performance.now` by default. */
  now?: () => number;
  /** Entries kept at most (the oldest dropped first). */
  maxEntries?: number;
}

/**
 * Values read from the database by group (a server, a thread) and key (the scopes asked for),
 * each reused for `maxAgeMs`, all of a group dropped by {@link RecentReads.forget}.
 */
export class RecentReads<V> {
  private readonly maxAgeMs: number;
  private readonly now: () => number;
  private readonly maxEntries: number;
  private readonly entries = new Map<string, Map<string, Entry<V>>>();
  private readonly pending = new Map<string, Pending<V>>();
  private size = 0;
  /** Writes finished (or failed) so far: a read that saw this number change keeps nothing. */
  private writes = 0;

  constructor(options: RecentReadsOptions) {
    this.maxAgeMs = options.maxAgeMs;
    this.now = options.now ?? (() => performance.now());
    this.maxEntries = options.maxEntries ?? 10_000;
  }

  /** The value of `key` in `group`: the one read less than `maxAgeMs` ago, else `load()`'s (kept). */
  read(group: string, key: string, load: () => Promise<V>): Promise<V> {
    if (this.maxAgeMs <= 0) return load();
    const now = this.now();
    const entry = this.entries.get(group)?.get(key);
    if (entry && now - entry.at < this.maxAgeMs) return Promise.resolve(entry.value);
    const id = `${group}\u0000${key}`;
    const under = this.pending.get(id);
    if (under && under.writes === this.writes) return under.promise;
    const writes = this.writes;
    const promise = load().then(
      (value) => {
        if (this.pending.get(id)?.promise === promise) this.pending.delete(id);
        if (this.writes === writes) this.keep(group, key, { value, at: now });
        return value;
      },
      (error: unknown) => {
        if (this.pending.get(id)?.promise === promise) this.pending.delete(id);
        throw error;
      },
    );
    this.pending.set(id, { promise, writes });
    return promise;
  }

  /** Drops everything read of `group`: called when a write to it has finished (or failed). */
  forget(group: string): void {
    this.writes++;
    const keys = this.entries.get(group);
    if (!keys) return;
    this.size -= keys.size;
    this.entries.delete(group);
  }

  private keep(group: string, key: string, entry: Entry<V>): void {
    let keys = this.entries.get(group);
    if (!keys) {
      keys = new Map();
      this.entries.set(group, keys);
    }
    if (!keys.has(key)) this.size++;
    keys.set(key, entry);
    // Over the bound: the groups read first go first (a busy server is read again at once).
    for (const [oldest, dropped] of this.entries) {
      if (this.size <= this.maxEntries) break;
      this.size -= dropped.size;
      this.entries.delete(oldest);
    }
  }
}
