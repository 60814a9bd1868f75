import { stemmer } from "stemmer";

/**
 * The query and index analysis pipeline: fold → tokenize → drop stop words → one spelling →
 * stem. Index and queries go through the same steps, so "Collectivization", "collectivisation"
 * and "collectivised" meet on one term.
 */

/** Text of ASCII characters only. */
// eslint-disable-next-line no-control-regex
const ASCII_ONLY = /^[\x00-\x7f]*$/;

/** Whether text is ASCII only: the shortcut its folding and cleaning take. */
export function isAscii(text: string): boolean {
  return ASCII_ONLY.test(text);
}

/** Case, accents, curly quotes, dashes: folded so the reader's keyboard doesn't matter. */
export function fold(text: string): string {
  // Plain ASCII (most questions, most words) has no accents, marks, curly quotes or dashes to fold: only the backtick.
  return isAscii(text) ? text.replace(/`/g, "'").toLowerCase() : foldAnyText(text);
}

/** {@link fold} by its Unicode steps, for any text (what the ASCII shortcut must equal). */
export function foldAnyText(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .replace(/[\u2018\u2019\u201A\u201B\u2032\u0060\u00B4]/g, "'")
    .replace(/[\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB]/g, '"')
    .replace(/[\u2010-\u2015\u2212]/g, "-")
    .toLowerCase();
}

/**
 * Splits folded text into word tokens. Possessives and contractions lose their tail
 * ("Amis'" → amis, "Stalin's" → stalin, "didn't" → didn't → "didnt" is kept as one token),
 * hyphenated words give both parts and (unless `joinHyphenated` is false) the joined word
 * ("better-off" → better, off, betteroff).
 */
export function tokenize(text: string, options: { joinHyphenated?: boolean } = {}): string[] {
  const join = options.joinHyphenated ?? true;
  const tokens: string[] = [];
  for (const raw of fold(text).match(/[\p{L}\p{N}]+(?:['-][\p{L}\p{N}]+)*'?/gu) ?? []) {
    let word = raw.replace(/'s$|'$/, "");
    if (word.includes("'")) word = word.replace(/'/g, "");
    if (word.includes("-")) {
      const parts = word.split("-").filter(Boolean);
      tokens.push(...parts);
      if (join && parts.length > 1) tokens.push(parts.join(""));
    } else if (word) {
      tokens.push(word);
    }
  }
  return tokens;
}

/** Function words: grammar, not subject. Phrase matching still uses them, at a lower weight. */
export const FUNCTION_WORDS: ReadonlySet<string> = new Set(
  (
    "a about above after again against all also am an and any are aren't as at be because been before being below " +
    "between both but by can cannot could couldnt did didnt do does doesnt doing dont down during each else even ever " +
    "every few for from further get gets got had hadnt has hasnt have havent having he hed hes her here hers herself him " +
    "himself his how i id ill im ive if in into is isnt it its itself just lets like me more most much must my myself " +
    "no nor not now of off on once only or other ought our ours ourselves out over own per quite rather really said same " +
    "say says shall she should shouldnt so some such than that thats the their theirs them themselves then there " +
    "theres these they theyd theyre this those though through thus to too under until up upon us very was wasnt we were " +
    "werent what whats when where which while who whom whose why will with within without wont would wouldnt yet you " +
    "your yours yourself " +
    // Pronouns, conjunctions, prepositions and light verbs as common as those above.
    "onto unto via toward towards among amongst across along beside although whether either neither however " +
    "anybody everybody everyone whatever whoever whichever whenever wherever goes going gone getting let"
  ).split(/\s+/),
);

/** Words of asking and chatting: how a question is put, not what it is about. */
const ASKING_WORDS = (
  "tell explain describe define definition mean meant means one ones thing things stuff anything something someone somebody anyone " +
  "way ways kind sort lot lots bit actually basically exactly probably maybe perhaps please ok okay yeah hey hi hello " +
  // Verbs that frame an opinion asked for ("why does the reviewer reckon…"), not its subject.
  "reckon reckons suppose supposes guess"
).split(/\s+/);

/**
 * Words for the *review* and *book* themselves ("reviewer", "book", "author") are stop words for
 * ranking, since every paragraph is about them; but they still count as understood words when
 * deciding whether the review covers a question at all.
 */
export const DOMAIN_GENERIC_WORDS: ReadonlySet<string> = new Set([
  "review",
  "reviewer",
  "article",
  "author",
  "writer",
  "piece",
  "book",
  "text",
]);

/** Every word left out of ranking: function words, asking words, words for the review itself. */
export const STOP_WORDS: ReadonlySet<string> = new Set([...FUNCTION_WORDS, ...ASKING_WORDS, ...DOMAIN_GENERIC_WORDS]);

/** American → British spellings (the review is British), by whole word then by rule. */
const SPELLING_WORDS: ReadonlyMap<string, string> = new Map([
  ["program", "programme"],
  ["programs", "programmes"],
  ["defense", "defence"],
  ["offense", "offence"],
  ["center", "centre"],
  ["centers", "centres"],
  ["theater", "theatre"],
  ["judgment", "judgement"],
  ["gray", "grey"],
  ["skeptical", "sceptical"],
  ["maneuver", "manoeuvre"],
  ["maneuvers", "manoeuvres"],
  ["maneuvering", "manoeuvring"],
  ["maneuverings", "manoeuvrings"],
  ["fulfill", "fulfil"],
  ["traveling", "travelling"],
  ["canceled", "cancelled"],
  ["jewelry", "jewellery"],
  ["aging", "ageing"],
  ["catalog", "catalogue"],
]);
const OUR_STEMS = [
  "labor",
  "color",
  "behavior",
  "favor",
  "honor",
  "neighbor",
  "rumor",
  "harbor",
  "vigor",
  "endeavor",
  "valor",
  "armor",
  "humor",
  "savior",
  "splendor",
  "fervor",
  "clamor",
  "rigor",
  "candor",
  "parlor",
];
const IZE_EXCEPTIONS = new Set([
  "size",
  "sized",
  "sizes",
  "prize",
  "prizes",
  "prized",
  "seize",
  "seized",
  "seizes",
  "seizing",
  "capsize",
  "baize",
  "maize",
  "citizen",
  "citizens",
  "bizarre",
  "wizard",
  "realize",
]);

/** Maps a folded word to the spelling the review uses (British). */
function britishSpelling(word: string): string {
  const whole = SPELLING_WORDS.get(word);
  if (whole) return whole;
  for (const stem of OUR_STEMS) {
    if (word.startsWith(stem) && !word.startsWith(stem.replace(/or$/, "our"))) return stem.replace(/or$/, "our") + word.slice(stem.length);
  }
  if (word.length > 5 && !IZE_EXCEPTIONS.has(word)) {
    const iz = /^(.{3,})(iz|yz)(e|es|ed|ing|ation|ations|er|ers)$/.exec(word);
    if (iz) return iz[1] + (iz[2] === "iz" ? "is" : "ys") + iz[3];
  }
  return word;
}

/**
 * Irregular verb forms the Porter stemmer cannot join to their base ("wrote" and "write",
 * "began" and "begin", "led" and "lead"): past and participle → base.
 */
const IRREGULAR_VERBS: ReadonlyMap<string, string> = new Map(
  (
    "began:begin begun:begin wrote:write written:write rose:rise risen:rise led:lead fought:fight sang:sing sung:sing " +
    "thought:think brought:bring bought:buy taught:teach sought:seek caught:catch knew:know known:know grew:grow grown:grow " +
    "drew:draw drawn:draw threw:throw thrown:throw gave:give given:give took:take taken:take came:come became:become " +
    "went:go gone:go ran:run saw:see seen:see spoke:speak spoken:speak broke:break broken:break chose:choose chosen:choose " +
    "froze:freeze frozen:freeze stole:steal stolen:steal hid:hide hidden:hide fell:fall fallen:fall held:hold told:tell " +
    "sold:sell found:find kept:keep lost:lose meant:mean met:meet paid:pay sent:send spent:spend stood:stand " +
    "understood:understand won:win struck:strike fled:flee shot:shoot slew:slay slain:slay felt:feel dealt:deal " +
    "drove:drive driven:drive rode:ride ridden:ride shook:shake shaken:shake forgot:forget forgotten:forget " +
    "forgave:forgive forgiven:forgive overthrew:overthrow overthrown:overthrow undertook:undertake withdrew:withdraw " +
    // Porter stems "died" to "di" but "die" to "die": the forms of dying meet here instead.
    "died:die dies:die dying:die"
  )
    .split(" ")
    .map((pair) => pair.split(":") as [string, string]),
);

/** Terms already worked out: the same few thousand words recur in every paragraph and question. */
const terms = new Map<string, string>();

/** The index term of a word: British spelling, base form of an irregular verb, then the Porter stem. */
export function termOf(word: string): string {
  let term = terms.get(word);
  if (term === undefined) {
    const spelled = britishSpelling(word);
    term = stemmer(IRREGULAR_VERBS.get(spelled) ?? spelled);
    if (terms.size >= 100_000) terms.clear();
    terms.set(word, term);
  }
  return term;
}

/** Content terms of a text: tokens less stop words, spelled and stemmed. */
export function contentTerms(text: string): string[] {
  return tokenize(text)
    .filter((token) => !STOP_WORDS.has(token))
    .map(termOf);
}

/** Splits a paragraph into sentences, keeping each verbatim (offsets into `text`). */
export function sentencesOf(text: string): Array<{ start: number; end: number }> {
  const spans: Array<{ start: number; end: number }> = [];
  // A sentence ends at . ! ? … (optionally followed by a closing quote) before a space and a capital or quote.
  const boundary = /[.!?…]+["”’)]*\s+(?=["“‘(]?[\p{Lu}\d])/gu;
  let start = 0;
  for (let match = boundary.exec(text); match; match = boundary.exec(text)) {
    const end = match.index + match[0].trimEnd().length;
    // "(i)" list markers and "etc." stay inside their sentence.
    if (/\b(?:etc|Mr|Mrs|Dr|St|i|ii|iii|iv)\.$/.test(text.slice(start, end))) continue;
    spans.push({ start, end });
    start = match.index + match[0].length;
  }
  if (start < text.length) spans.push({ start, end: text.trimEnd().length });
  return spans;
}
