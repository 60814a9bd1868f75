import { randomBytes } from "node:crypto";

/** Discord's epoch (2015-01-01T00:00:00Z); snowflake timestamps count from here. */
export const DISCORD_EPOCH = 1420070400000n;

/**
 * Makes unique, time-ordered snowflakes (19 digits today). Real-looking ids matter: the REST
 * client derives rate-limit buckets from "major parameters" matched as 17-19 digit ids, so
 * short ids would make unrelated routes share one queue.
 */
export class SnowflakeGenerator {
  #lastMs = 0n;
  #increment = 0n;
  readonly #worker: bigint;

  constructor(worker = 1) {
    this.#worker = BigInt(worker & 0x1f);
  }

  next(): string {
    let ms = BigInt(Date.now()) - DISCORD_EPOCH;
    if (ms <= this.#lastMs) {
      ms = this.#lastMs;
      this.#increment++;
      // 12 bits of increment per millisecond; borrow the next millisecond when exhausted.
      if (this.#increment > 0xfffn) {
        ms++;
        this.#increment = 0n;
      }
    } else {
      this.#increment = 0n;
    }
    this.#lastMs = ms;
    return ((ms << 22n) | (this.#worker << 17n) | this.#increment).toString();
  }
}

/** Milliseconds since the Discord epoch encoded in a snowflake. */
export function snowflakeTimestamp(id: string): number {
  return Number((BigInt(id) >> 22n) + DISCORD_EPOCH);
}

/** Gateway sharding formula: `(guild_id >> 22) % shard_count`. */
export function shardForGuild(guildId: string, shardCount: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(shardCount));
}

/**
 * Guild ids whose timestamps are consecutive milliseconds starting at a multiple of
 * 720720 (lcm of 1..16), so guild `i` always lands on shard `i % shardCount` for any
 * shard count up to 16. Tests can then reason about shard ownership without arithmetic.
 */
export function makeGuildIds(count: number): string[] {
  const now = BigInt(Date.now()) - DISCORD_EPOCH - 86_400_000n;
  const base = (now / 720720n) * 720720n;
  return Array.from({ length: count }, (_, i) => (((base + BigInt(i)) << 22n) | (2n << 17n)).toString());
}

/** A bot token shaped like Discord's: base64(user id) . timestamp . hmac. */
export function makeBotToken(userId: string): string {
  const id = Buffer.from(userId).toString("base64url");
  return `${id}.${randomBytes(4).toString("base64url")}.${randomBytes(28).toString("base64url")}`;
}

/** An interaction token shaped like Discord's (long base64url of `interaction:<id>:<secret>`). */
export function makeInteractionToken(interactionId: string): string {
  return Buffer.from(`interaction:${interactionId}:${randomBytes(96).toString("base64url")}`).toString("base64url");
}

export function makeSessionId(): string {
  return randomBytes(16).toString("hex");
}
