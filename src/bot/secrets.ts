/**
 * Members' secrets left out. The dispatcher leaves every secret-shaped string (the shapes are
 * src/text/secrets.ts's, which the logger masks too) out of everything a member gives the bot
 * (options, form fields, a right-clicked message, autocomplete input, button ids) before any
 * handler, the search, storage or a reply sees it.
 */
import { cleanText } from "../search/input.ts";
import { hasSecret, LEFT_OUT, maskSecrets, mayHoldSecret } from "../text/secrets.ts";

/** Said to a member whose text held a secret: it repeats no part of it, and suits a public reply too. */
export const SECRET_LEFT_OUT =
  "I left out something that looked like a password or token. Never paste those here; if it was a real one, reset it.";

/**
 * A member's text without its secrets (each one {@link LEFT_OUT}), and whether there were any.
 * A secret hidden by invisible characters or terminal escapes (which the search and the replies
 * remove) is found in the cleaned text, which is then what is returned.
 *
 * @example leaveOutSecrets("my token is ghp_abcdefghijklmnopqrstuvwxyz0123456789 why?") // { text: "my token is … why?", removed: true }
 */
export function leaveOutSecrets(text: string): { text: string; removed: boolean } {
  let out = mayHoldSecret(text) ? maskSecrets(text, LEFT_OUT) : text;
  let removed = out !== text;
  if (HIDING.test(out)) {
    const cleaned = cleanText(out);
    if (cleaned !== out && mayHoldSecret(cleaned) && hasSecret(cleaned)) {
      out = maskSecrets(cleaned, LEFT_OUT);
      removed = true;
    }
  }
  return { text: out, removed };
}

/** Characters {@link cleanText} removes or turns to spaces, which could split a secret so that no shape matches it. */
const HIDING = /[\p{Cc}\p{Cf}\u2028\u2029]/u;
