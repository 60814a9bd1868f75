/**
 * Fake secrets, one of each shape src/text/secrets.ts knows, for the tests. Built from pieces so
 * that no scanner mistakes this file for a leak; none of them was ever a real key.
 */

/** The tester's fake Discord bot token. */
export const DISCORD_TOKEN = ["MTIzNDU2Nzg5MDEyMzQ1Njc4OQ", "GhIjKl", "AbCdEfGhIjKlMnOpQrStUvWxYz012"].join(".");

const ALNUM = "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789aBcDeFgHiJkLmNoPqRsTuVwXyZ";
/** `n` key characters, different for each `seed`. */
const keyChars = (n: number, seed = 0): string => Array.from({ length: n }, (_, i) => ALNUM[(i * 7 + seed) % ALNUM.length]).join("");

/** A pasted secret: what the member typed (`pasted`), and the part that must never come back (`secret`). */
export interface FakeSecret {
  pasted: string;
  secret: string;
}

const whole = (pasted: string): FakeSecret => ({ pasted, secret: pasted });
const webhookToken = keyChars(68, 5);
const slackPath = `T0${keyChars(8, 1).toUpperCase()}/B0${keyChars(8, 2).toUpperCase()}/${keyChars(24, 3)}`;

export const fakeSecrets: Readonly<Record<string, FakeSecret>> = {
  discordToken: whole(DISCORD_TOKEN),
  discordWebhook: { pasted: `https://discord.com/api/webhooks/123456789012345678/${webhookToken}`, secret: webhookToken },
  githubClassic: whole(`${"ghp"}_${keyChars(36, 1)}`),
  githubOAuth: whole(`${"gho"}_${keyChars(36, 2)}`),
  githubServer: whole(`${"ghs"}_${keyChars(36, 3)}`),
  githubFineGrained: whole(`${"github"}_pat_${keyChars(22, 4)}_${keyChars(59, 5)}`),
  gitlab: whole(`${"glpat"}-${keyChars(20, 6)}`),
  openAi: whole(`${"sk"}-${keyChars(48, 7)}`),
  openAiProject: whole(`${"sk"}-proj-${keyChars(40, 8)}_${keyChars(40, 9)}`),
  anthropic: whole(`${"sk"}-ant-api03-${keyChars(90, 10)}`),
  stripe: whole(`${"sk"}_live_${keyChars(24, 11)}`),
  slackBot: whole(`${"xoxb"}-123456789012-1234567890123-${keyChars(24, 12)}`),
  slackUser: whole(`${"xoxp"}-123456789012-${keyChars(20, 13)}`),
  slackWebhook: { pasted: `https://hooks.slack.com/services/${slackPath}`, secret: slackPath },
  aws: whole(`${"AKIA"}IOSFODNN7EXAMPLE`),
  google: whole(`${"AIza"}${keyChars(35, 14)}`),
  npm: whole(`${"npm"}_${keyChars(36, 15)}`),
  huggingFace: whole(`${"hf"}_${keyChars(34, 16)}`),
  jwt: whole(`${"eyJ"}hbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.${"eyJ"}zdWIiOiIxMjM0NTY3ODkwIn0.${keyChars(43, 17)}`),
  privateKey: whole(`-----BEGIN ${"RSA PRIVATE"} KEY-----\n${keyChars(64, 18)}\n${keyChars(64, 19)}\n-----END RSA PRIVATE KEY-----`),
};

/**
 * Pieces of `secret` long enough to say something of it: every run of `n` of its key characters.
 * A reply, row or log line holding none of them repeats no part of the secret.
 */
export function piecesOf(secret: string, n = 6): string[] {
  const runs = secret.match(/[A-Za-z0-9]+/g) ?? [];
  return runs.flatMap((run) => Array.from({ length: Math.max(0, run.length - n + 1) }, (_, i) => run.slice(i, i + n)));
}
