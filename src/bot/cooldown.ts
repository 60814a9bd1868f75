/**
 * Per-user rate limit over a sliding window (default: 5 asks per 30 seconds), on an injected
 * clock so tests can move time. In memory: a restart forgives everyone, which is fine here.
 */
import type { Clock } from "./types.ts";

export type CooldownResult = { ok: true; remaining: number } | { ok: false; retryAfterMs: number };

export class Cooldown {
  readonly limit: number;
  readonly windowMs: number;
  private readonly clock: Clock;
  private readonly uses = new Map<string, number[]>();

  constructor(options: { limit: number; seconds: number; clock: Clock }) {
    if (!Number.isInteger(options.limit) || options.limit < 1) throw new Error("Cooldown: limit must be a whole number of at least 1");
    if (!(options.seconds > 0)) throw new Error("Cooldown: seconds must be positive");
    this.limit = options.limit;
    this.windowMs = options.seconds * 1000;
    this.clock = options.clock;
  }

  /** Counts one use for `userId` if allowed; otherwise says how long until the next is. */
  take(userId: string): CooldownResult {
    const now = this.clock.now();
    // A member's times are kept in ascending order (each use appends `now` after dropping any
    // later one), so those inside the window are one run: found without a pass over them all.
    const times = this.uses.get(userId) ?? [];
    let first = 0;
    while (first < times.length && times[first]! <= now - this.windowMs) first++;
    let end = times.length;
    while (end > first && times[end - 1]! > now) end--;
    if (end - first >= this.limit) {
      return { ok: false, retryAfterMs: Math.max(1, times[first]! + this.windowMs - now) };
    }
    times.length = end;
    if (first > 0) times.splice(0, first);
    times.push(now);
    this.uses.set(userId, times);
    if (this.uses.size > 10_000) this.sweep(now);
    return { ok: true, remaining: this.limit - times.length };
  }

  /** Forgets users with no use inside the window. */
  private sweep(now: number): void {
    for (const [user, times] of this.uses) if (!times.some((t) => t > now - this.windowMs)) this.uses.delete(user);
  }
}

/** "12 seconds", "1 minute 5 seconds": when to try again, rounded up to the second. */
export function describeWait(ms: number): string {
  const total = Math.max(1, Math.ceil(ms / 1000));
  const minutes = Math.floor(total / 60);
  const seconds = total % 60;
  const part = (n: number, unit: string) => `${n} ${unit}${n === 1 ? "" : "s"}`;
  if (minutes === 0) return part(seconds, "second");
  return seconds === 0 ? part(minutes, "minute") : `${part(minutes, "minute")} ${part(seconds, "second")}`;
}
