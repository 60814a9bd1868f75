/**
 * Names as the corpus writes them. Study notes and readers' words are often typed in lower case
 * ("the name of amis's new book"); the text is the authority on which words are names. Pure.
 */
import { isCommonWord } from "./salience.ts";

/** A word, with any inner apostrophes ("doesn't", "Stalin’s"); a trailing one ("Amis’") is left out. */
const WORD = /\p{L}+(?:['’]\p{L}+)*/gu;
/** A possessive ending ("’s", "'s"), kept as the writer typed it. */
const POSSESSIVE = /['’]s$/iu;
/** Just before a sentence's (or a list item's) first word: an end mark or "(iii)", closing quotes, space, opening quotes. */
const SENTENCE_END_BEFORE = /(?:[.!?…:]["”’)]*|\((?:[ivx]+|\d+|[a-z])\))\s+["“‘(]?$/iu;

/** A word of a text as the casing reads it. */
interface Written {
  /** The word without a possessive ending. */
  word: string;
  /** Whether it opens a sentence or a list item, where any word is capitalised. */
  opens: boolean;
  /** Whether only a space separates it from the word before. */
  adjoins: boolean;
}

function wordsOf(text: string): Written[] {
  const words: Written[] = [];
  let end = 0;
  for (const m of text.matchAll(WORD)) {
    const before = text.slice(Math.max(0, m.index - 6), m.index);
    words.push({
      word: m[0].replace(POSSESSIVE, ""),
      opens: m.index === 0 || SENTENCE_END_BEFORE.test(before),
      adjoins: words.length > 0 && /^\s+$/u.test(text.slice(end, m.index)),
    });
    end = m.index + m[0].length;
  }
  return words;
}

/** Capitalised as a name is: a capital first, and not in capitals throughout ("WHO WAS Stalin" shouts). */
function isNameLike(word: string): boolean {
  return /^\p{Lu}/u.test(word) && (word.length === 1 || word !== word.toUpperCase());
}

/** The spelling the text uses most, by count. */
function mostUsed(forms: Map<string, number>): string {
  return [...forms].reduce((best, next) => (next[1] > best[1] ? next : best))[0];
}

function count(table: Map<string, Map<string, number>>, key: string, form: string): void {
  const forms = table.get(key) ?? new Map<string, number>();
  forms.set(form, (forms.get(form) ?? 0) + 1);
  table.set(key, forms);
}

/**
 * The corpus's names by their folded form: a word its text capitalises inside a sentence, on its
 * own, and never writes in lower case ("amis" → "Amis", "guardian" → "Guardian"; not
 * "revolution", which it writes both ways, nor a word it only shouts, as "WHO WAS Stalin"); and
 * names of several words ("Communist Party", "Wall Street"), whose words are names on their own
 * only when everyday English does not have them ("Trepper", not "Party" or "Wall").
 *
 * @example
 * const names = new NameCasing(["A NEW book by the novelist Martin Amis …"]);
 * names.apply("what is amis's new book called"); // "what is Amis's new book called"
 */
export class NameCasing {
  private readonly words = new Map<string, string>();
  /** Names of several words, longest first, and one pattern finding any of them typed in lower case. */
  private readonly phrases = new Map<string, string>();
  private readonly phrasePattern: RegExp | null;

  constructor(texts: Iterable<string>) {
    const lower = new Set<string>();
    const alone = new Map<string, Map<string, number>>();
    const runs = new Map<string, Map<string, number>>();
    for (const text of texts) {
      // Capitalised words with only a space between: one name ("Communist Party") or a name alone ("Stalin").
      let group: Written[] = [];
      const endGroup = () => {
        // A sentence's first word is capitalised anyway: it says nothing.
        const named = group.filter((w) => !w.opens);
        for (const w of named) {
          // A word of a longer name is a name on its own only if everyday English lacks it ("Trepper", not "Party").
          if (group.length === 1 || !isCommonWord(w.word.toLowerCase())) count(alone, w.word.toLowerCase(), w.word);
        }
        if (named.length > 1) count(runs, named.map((w) => w.word.toLowerCase()).join(" "), named.map((w) => w.word).join(" "));
        group = [];
      };
      for (const w of wordsOf(text)) {
        if (w.word === w.word.toLowerCase()) lower.add(w.word);
        if (!w.adjoins || !isNameLike(w.word)) endGroup();
        if (isNameLike(w.word)) group.push(w);
      }
      endGroup();
    }
    // Nor is a word a name when the text writes it, or its singular or plural, in lower case ("the purge", so not "Purges").
    const writtenLower = (key: string) => lower.has(key) || lower.has(`${key}s`) || (key.endsWith("s") && lower.has(key.slice(0, -1)));
    for (const [key, forms] of alone) if (!writtenLower(key)) this.words.set(key, mostUsed(forms));
    for (const [key, forms] of [...runs].sort((a, b) => b[0].length - a[0].length)) this.phrases.set(key, mostUsed(forms));
    const escaped = [...this.phrases.keys()].map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/ /g, "\\s+"));
    this.phrasePattern = escaped.length > 0 ? new RegExp(`(?<![\\p{L}'’])(?:${escaped.join("|")})(?![\\p{L}])`, "gu") : null;
  }

  /** `text` with the corpus's names that it types in lower case capitalised as the corpus writes them; other words untouched. */
  apply(text: string): string {
    const phrased = this.phrasePattern
      ? text.replace(this.phrasePattern, (typed) => this.phrases.get(typed.replace(/\s+/g, " ")) ?? typed)
      : text;
    return phrased.replace(WORD, (token) => {
      if (token !== token.toLowerCase()) return token;
      const possessive = POSSESSIVE.exec(token)?.[0] ?? "";
      const name = this.words.get(token.slice(0, token.length - possessive.length));
      return name === undefined ? token : name + possessive;
    });
  }
}
