/**
 * Structured logs: one JSON object a line (time, level, msg first, so a terminal stays
 * readable), to stderr by default. Secrets (the bot token), secret-shaped strings and interaction
 * tokens in URLs are redacted from every string logged, however deeply nested, and from the final line.
 */

import { openSync, writeSync } from "node:fs";
import { ConfigurationError } from "./env.ts";
import { maskSecrets } from "../text/secrets.ts";

export type LogLevel = "debug" | "info" | "warn" | "error" | "silent";
export type LogFields = Readonly<Record<string, unknown>>;

export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  /** A logger that adds `fields` to every line. */
  child(fields: LogFields): Logger;
}

export interface LoggerOptions {
  level?: LogLevel;
  /** Strings never to write (the bot token). Empty and very short ones are ignored. */
  secrets?: readonly (string | null | undefined)[];
  /** Where lines go; stderr by default. */
  write?: (line: string) => void;
  clock?: { now(): number };
}

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };
export const REDACTED = "[redacted]";

export function createLogger(options: LoggerOptions = {}): Logger {
  const threshold = RANK[options.level ?? "info"];
  const secrets = (options.secrets ?? []).filter((s): s is string => typeof s === "string" && s.length >= 8);
  const write = options.write ?? ((line: string) => void process.stderr.write(line));
  const now = options.clock ?? Date;
  const redact = (s: string) => redactString(s, secrets);

  const make = (base: LogFields): Logger => {
    const log = (level: Exclude<LogLevel, "silent">, msg: string, fields?: LogFields) => {
      if (RANK[level] < threshold) return;
      const record = { time: new Date(now.now()).toISOString(), level, msg, ...base, ...fields };
      let line: string;
      try {
        line = JSON.stringify(toLoggable(record, redact, new WeakSet()));
      } catch (error) {
        line = JSON.stringify({ time: record.time, level, msg: redact(msg), logError: String(error) });
      }
      write(`${redact(line)}\n`);
    };
    return {
      debug: (msg, fields) => log("debug", msg, fields),
      info: (msg, fields) => log("info", msg, fields),
      warn: (msg, fields) => log("warn", msg, fields),
      error: (msg, fields) => log("error", msg, fields),
      child: (fields) => make({ ...base, ...fields }),
    };
  };
  return make({});
}

/**
 * A `write` for {@link createLogger} that appends each line to a file (created if missing).
 * Throws a {@link ConfigurationError} naming LOG_FILE when the file cannot be opened.
 */
export function appendToFile(path: string): (line: string) => void {
  let fd: number;
  try {
    fd = openSync(path, "a");
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    throw new ConfigurationError(`LOG_FILE names “${path}”, which cannot be written${typeof code === "string" ? ` (${code})` : ""}.`);
  }
  return (line) => void writeSync(fd, line);
}

/** A logger that drops everything (tests that do not look at logs). */
export const silentLogger: Logger = createLogger({ level: "silent" });

/**
 * Masks every secret-shaped string (src/text/secrets.ts: a Discord token, `ghp_…`, `sk-…`, `AKIA…` and the
 * rest): a token pasted into the wrong variable, echoed in an error, is never printed, whether or
 * not it is the configured one. The same shapes the dispatcher leaves out of what members type.
 *
 * @example maskTokens("not “MTIz…NDU.GhIjKl.abc…”") // "not “[redacted]”"
 */
export function maskTokens(s: string): string {
  return maskSecrets(s, REDACTED);
}

/**
 * Removes the secrets, token-shaped strings, and interaction or webhook tokens in Discord URLs
 * (`/interactions/<id>/<token>/callback`, `/webhooks/<id>/<token>`), from a string.
 */
export function redactString(s: string, secrets: readonly string[]): string {
  let out = s;
  for (const secret of secrets) out = out.split(secret).join(REDACTED);
  return maskTokens(out).replace(/\/(interactions|webhooks)\/(\d+)\/([A-Za-z0-9._~-]{20,})/g, `/$1/$2/${REDACTED}`);
}

/** A JSON-safe copy: errors as {name, message, code, status, method, url, stack}, bigint as text, cycles cut. */
function toLoggable(value: unknown, redact: (s: string) => string, seen: WeakSet<object>): unknown {
  if (typeof value === "string") return redact(value);
  if (typeof value === "bigint") return value.toString();
  if (value === null || typeof value !== "object") return typeof value === "function" || typeof value === "symbol" ? String(value) : value;
  if (seen.has(value)) return "[circular]";
  seen.add(value);
  if (value instanceof Error) {
    const e = value as Error & { code?: unknown; status?: unknown; method?: unknown; url?: unknown; cause?: unknown };
    const out: Record<string, unknown> = { name: e.name, message: redact(e.message) };
    for (const key of ["code", "status", "method", "url"] as const) if (e[key] !== undefined) out[key] = toLoggable(e[key], redact, seen);
    if (e.stack) out.stack = redact(e.stack);
    if (e.cause !== undefined) out.cause = toLoggable(e.cause, redact, seen);
    return out;
  }
  if (Array.isArray(value)) return value.map((v) => toLoggable(v, redact, seen));
  if (value instanceof Map) return toLoggable(Object.fromEntries(value), redact, seen);
  if (value instanceof Set) return toLoggable([...value], redact, seen);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = toLoggable(v, redact, seen);
  return out;
}
