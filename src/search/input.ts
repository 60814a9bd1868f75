import { isAscii } from "./analyze.ts";
import type { Decline } from "./types.ts";

/** Longest query the core reads; longer is a mistake (a pasted page), answered with a reason. */
const MAX_QUERY_CHARS = 1000;

/**
 * Terminal escape sequences, removed whole so that their letters never become words: CSI
 * (`ESC [ … final`, 8-bit `\x9b`), OSC / DCS / PM / APC strings up to BEL or ST (`ESC ] 2;title BEL`),
 * and two-character escapes (`ESC c`).
 */
const ESCAPE_SEQUENCES =
  // eslint-disable-next-line no-control-regex
  /(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]|(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?|\x1b[ -/]*[0-~]?/g;

/** Invisible characters that sit inside words copied from the web: soft hyphen, zero-width space/joiners, word joiner, BOM. */
const INVISIBLE_IN_WORDS = /[\u00ad\u200b-\u200d\u2060\ufeff]/g;

/** A character outside ASCII: it may be a compatibility form of letters or digits. */
const COMPATIBILITY_FORMS = /[^\p{ASCII}]/gu;

/** Its letters or digits (NFKC) when it is a form of them ("Ｔ" → T, "ﬁ" → fi, "４" → 4); else itself ("…" stays as typed). */
function plainLetters(character: string): string {
  const plain = character.normalize("NFKC");
  return plain !== character && /^[\p{L}\p{N}]+$/u.test(plain) ? plain : character;
}

/**
 * Text as it may be printed or searched: terminal escape sequences and the invisible in-word
 * characters removed (`Trot\u00adsky` → `Trotsky`), every other control or format character
 * (and line or paragraph separator) a space, runs of white space one space; and letters and
 * digits in compatibility forms read as the plain ones (full-width `Ｔｒｏｔｓｋｙ` → `Trotsky`, `ﬁ` → `fi`).
 *
 * @example cleanText("who was \x1b[41mTrepper\x1b[0m?") // "who was Trepper?"
 */
export function cleanText(input: string): string {
  const text = String(input ?? "");
  // Plain ASCII has no compatibility forms or invisible characters, and its only control and format characters are C0 and DEL.
  if (isAscii(text)) {
    return (
      text
        .replace(ESCAPE_SEQUENCES, "")
        // eslint-disable-next-line no-control-regex
        .replace(/[\x00-\x1f\x7f]+/g, " ")
        .replace(/\s+/g, " ")
        .trim()
    );
  }
  return cleanAnyText(text);
}

/** {@link cleanText} by its Unicode steps, for any text (what the ASCII shortcut must equal). */
export function cleanAnyText(text: string): string {
  return text
    .replace(COMPATIBILITY_FORMS, plainLetters)
    .replace(ESCAPE_SEQUENCES, "")
    .replace(INVISIBLE_IN_WORDS, "")
    .replace(/[\p{Cc}\p{Cf}\u2028\u2029]+/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * Cleans what a reader typed ({@link cleanText}), a question or (`kind: "phrase"`) a quote lookup. Returns the cleaned text, or a {@link Decline}
 * saying why there is nothing to search for: empty, too long, no words, or not English.
 */
export function cleanQuery(input: string, kind: "question" | "phrase" = "question"): { text: string } | { decline: Decline } {
  const text = cleanText(input);
  if (!text) return { decline: { code: "empty" } };
  if (text.length > MAX_QUERY_CHARS) return { decline: { code: "too-long", length: text.length, max: MAX_QUERY_CHARS } };
  if (!/[\p{L}\p{N}]/u.test(text)) return { decline: { code: "no-words", asked: kind } };
  if (!judgedEnglish(text)) return { decline: { code: "not-english" } };
  return { text };
}

/**
 * Function words of French, Spanish, Italian, Portuguese and German that are not also English
 * words (so "a", "die", "was", "son", "come" are left out).
 */
const FOREIGN_FUNCTION_WORDS = new Set(
  (
    "le la les des du est et qui que quoi pourquoi comment quand où dans avec pour sur une un il elle ils elles sont était été " +
    "ce cette ces ses au aux pas ne qu l d c n j s leur leurs nous vous très aussi mais ou " +
    "el los las qué quién quien quiénes cómo cuándo dónde por porque es está fue una del y con para su sus se lo al muy pero " +
    "ha hizo murió cuál cual " +
    "il gli chi che perché come quando dove è di della delle dei degli con per sono era nel nella " +
    "os quem onde é foi da do dos das em uma não " +
    "der das und ist wer wie warum wann wo mit von zu ein eine einer nicht hat sich den dem des im auf ich sie wurde wurden"
  ).split(" "),
);

/** English function words a question is made of. */
const ENGLISH_FUNCTION_WORDS = new Set(
  (
    "the of to in is was what who whom why how when where which did does do and for on with about his her he she it they " +
    "are were be by that this from at an as or not have has had their its him them there been say says said"
  ).split(" "),
);

/**
 * Whether a question may be English: mostly Latin letters, and not made of another language's
 * function words ("Qu'est-il arrivé à la famille de Trotsky ?", "Что случилось с Троцким?").
 * Names in other scripts or a French phrase inside an English question pass.
 */
/** The last text judged: a bot cleans each question twice (its cooldown check, then the search). */
let lastJudged: { text: string; english: boolean } | undefined;

/** {@link looksEnglish}, remembering the last text judged. */
function judgedEnglish(text: string): boolean {
  if (lastJudged?.text !== text) lastJudged = { text, english: looksEnglish(text) };
  return lastJudged.english;
}

function looksEnglish(text: string): boolean {
  // Plain ASCII: its letters are A–Z and a–z, all Latin; counted without an array of them.
  const ascii = isAscii(text);
  let letters = 0;
  if (ascii) {
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i) | 0x20;
      if (code >= 0x61 && code <= 0x7a) letters++;
    }
  } else letters = text.match(/\p{L}/gu)?.length ?? 0;
  if (letters === 0) return true;
  // Counted by two passes of one pattern each, not a pattern per letter: the letters, and those of other scripts.
  const latin = ascii ? letters : letters - (text.match(/(?!\p{Script=Latin})\p{L}/gu)?.length ?? 0);
  if (latin < letters / 2) return false;
  // An English possessive is no French "s'": "the guardian's deal" has one word there, not two.
  const lower = text.toLowerCase();
  const words =
    (ascii ? lower.replace(/([a-z])'s\b/g, "$1").match(/[a-z]+/g) : lower.replace(/(\p{L})['’]s\b/gu, "$1").match(/\p{L}+/gu)) ?? [];
  let foreign = 0;
  let english = 0;
  for (const w of words) {
    if (FOREIGN_FUNCTION_WORDS.has(w)) foreign++;
    else if (ENGLISH_FUNCTION_WORDS.has(w)) english++;
  }
  return !(foreign >= 2 && foreign > english);
}
