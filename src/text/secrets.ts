/**
 * Secret-shaped strings: the one list of what a password or token looks like, and how to find and
 * mask them. Pure, importing nothing of ours, so every layer may use it: the bot leaves secrets
 * out of what members give it (src/bot/secrets.ts), the logger masks them in every line, and a
 * storage migration rewrites what was stored before, all with these shapes, so they cannot drift apart.
 *
 * Only shapes that no ordinary word, number or link has: a fixed prefix (`ghp_`, `sk-`, `AKIA`)
 * followed by a long run of key characters, or a Discord token's three dotted parts.
 */

/** Not preceded by a key character: `ghp_…` starts a key, `ughp_…` (inside a longer run) does not begin one. */
const START = String.raw`(?<![A-Za-z0-9_-])`;

/**
 * Anything shaped like a Discord bot token: three base64url parts joined by dots (the user id,
 * a timestamp of six or so characters, an HMAC), wherever it was pasted. Starting only where a run
 * of key characters starts, and with the timestamp's length, it neither takes a long file name
 * ("koba_the_dread_review_2002.annotated.final_version_for_the_group.pdf") for one nor tries
 * every place inside a long run.
 */
const TOKEN_SHAPED = new RegExp(`${START}[A-Za-z0-9_-]{20,}\\.[A-Za-z0-9_-]{5,8}\\.[A-Za-z0-9_-]{20,}`);

/** The well-known secret shapes, by what they are (names for tests and for reading; never shown to anyone). */
export const SECRET_SHAPES: Readonly<Record<string, RegExp>> = {
  discordToken: TOKEN_SHAPED,
  /** A Discord webhook URL's token (whoever has it can post as the webhook): the URL around it stays, to read in a log. */
  discordWebhook: /(?<=discord(?:app)?\.com\/api\/(?:v\d+\/)?webhooks\/\d+\/)[A-Za-z0-9_-]{20,}/,
  /** GitHub personal, OAuth, user-to-server, server-to-server and refresh tokens, and fine-grained PATs. */
  github: new RegExp(`${START}(?:gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,})`),
  gitlab: new RegExp(`${START}glpat-[A-Za-z0-9_-]{20,}`),
  /** OpenAI (`sk-…`, `sk-proj-…`), Anthropic (`sk-ant-…`) and other `sk-` API keys. */
  skKey: new RegExp(`${START}sk-[A-Za-z0-9_-]{20,}`),
  /** Stripe secret, restricted and publishable keys. */
  stripe: new RegExp(`${START}[srp]k_(?:live|test)_[A-Za-z0-9]{16,}`),
  /** Slack bot, user, app-level, refresh and legacy tokens. */
  slack: new RegExp(`${START}(?:xox[abprs]|xapp)-[A-Za-z0-9-]{10,}`),
  /** A Slack incoming webhook's path after the host. */
  slackWebhook: /(?<=hooks\.slack\.com\/services\/)[A-Za-z0-9/_-]{20,}/,
  /** AWS access key ids (long-term AKIA, temporary ASIA). */
  aws: /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/,
  google: new RegExp(`${START}AIza[A-Za-z0-9_-]{35}`),
  npm: new RegExp(`${START}npm_[A-Za-z0-9]{36}`),
  huggingFace: new RegExp(`${START}hf_[A-Za-z0-9]{30,}`),
  /** A JSON Web Token: a base64url JSON header and payload (both start `eyJ`, i.e. `{"`) and a signature. */
  jwt: new RegExp(`${START}eyJ[A-Za-z0-9_-]{10,}\\.eyJ[A-Za-z0-9_-]{10,}\\.[A-Za-z0-9_-]{10,}`),
  /** A private key in PEM, whole or from its first line to the end of what was pasted. */
  privateKey: /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z ]*PRIVATE KEY-----|$)/,
};

/** Every shape at once; a PEM block first, since the keys inside it would otherwise end the match early. */
const SECRET_SHAPED = new RegExp(
  [
    SECRET_SHAPES.privateKey!,
    ...Object.entries(SECRET_SHAPES)
      .filter(([name]) => name !== "privateKey")
      .map(([, shape]) => shape),
  ]
    .map((shape) => `(?:${shape.source})`)
    .join("|"),
  "g",
);

/**
 * Replaces every secret-shaped string with `replacement`.
 *
 * @example maskSecrets("key ghp_abcdefghijklmnopqrstuvwxyz0123456789", "[redacted]") // "key [redacted]"
 */
export function maskSecrets(text: string, replacement: string): string {
  return text.replace(SECRET_SHAPED, replacement);
}

/** Whether the text holds a secret-shaped string. */
export function hasSecret(text: string): boolean {
  // `search` ignores and keeps the global regex's lastIndex, so calls never affect one another.
  return text.search(SECRET_SHAPED) >= 0;
}

/** What stands where a member's secret was: punctuation the search ignores, and that says "something was here". */
export const LEFT_OUT = "…";

/**
 * Every shape holds a run of 13 or more key characters, a PEM header or a Slack webhook's host:
 * text without any (nearly every question) skips the full patterns, some 30 µs for 300
 * characters. A loop, since a regex for the run backtracks at every letter (5 µs against 0.5).
 */
export function mayHoldSecret(text: string): boolean {
  let run = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const key = (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 45;
    run = key ? run + 1 : 0;
    if (run >= 13) return true;
  }
  return text.includes("-----BEGIN") || text.includes("hooks.slack.com");
}
