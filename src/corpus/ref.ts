/**
 * Paragraph references: the one type naming a paragraph (a document id and a paragraph number),
 * its one written form `doc#n`, and the one reader of what people type (`12`, `¶12`, `doc#12`).
 * Everything that keys, stores or encodes a paragraph goes through here, so a document is always
 * named by its id, never by its place in the corpus.
 */

/** A paragraph by its document's id and its number (1-based, in reading order). */
export interface ParagraphRef {
  readonly doc: string;
  readonly paragraph: number;
}

/**
 * What a document id may be: lower-case letters, digits and hyphens, starting with a letter or
 * digit. Ids go into citations (`doc#12`), button custom ids and `/quote` input, so they must
 * never hold a separator (`#`, `:`, `,`) or a space.
 */
export const DOCUMENT_ID = /^[a-z0-9][a-z0-9-]*$/;

const DOC = "[a-z0-9][a-z0-9-]*";
const REF = new RegExp(`^(${DOC})#([1-9]\\d{0,5})$`);

/**
 * The written form of a reference, `koba-the-dread-review#42`: map keys, index ids, custom ids
 * and `/quote` suggestions all use it, and {@link parseRef} reads it back.
 *
 * @example
 * formatRef({ doc: "koba-the-dread-review", paragraph: 42 }); // "koba-the-dread-review#42"
 */
export function formatRef(ref: ParagraphRef): string {
  return `${ref.doc}#${ref.paragraph}`;
}

/**
 * Reads {@link formatRef}'s form exactly (no spaces, no other spellings); null for anything else.
 *
 * @example
 * parseRef("koba-the-dread-review#42"); // { doc: "koba-the-dread-review", paragraph: 42 }
 * parseRef("¶42"); // null: a reader's spelling, see parseReaderReference
 */
export function parseRef(text: string): ParagraphRef | null {
  const m = REF.exec(text);
  return m ? { doc: m[1]!, paragraph: Number(m[2]) } : null;
}

/** The reference of a corpus paragraph (which numbers itself `number`). */
export function refOf(p: { readonly doc: string; readonly number: number }): ParagraphRef {
  return { doc: p.doc, paragraph: p.number };
}

/** A paragraph reference as a reader types it; `doc` is null when they named no document. */
export interface ReaderReference {
  doc: string | null;
  paragraph: number;
  /** The number as typed (a huge one is not rounded when echoed). */
  digits: string;
}

const UNITS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"];
const TEENS = ["ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"];
const TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];
/** Each number word by its value; "fourty" is a common spelling of forty. */
const NUMBER_WORDS: ReadonlyMap<string, number> = new Map([
  ...UNITS.map((w, i) => [w, i + 1] as const),
  ...TEENS.map((w, i) => [w, i + 10] as const),
  ...TENS.map((w, i) => [w, (i + 2) * 10] as const),
  ["fourty", 40],
]);

/**
 * A number from one to ninety-nine in words, as a reader may write a paragraph's: "twelve",
 * "twenty-one", "twenty one". The source of a regular expression, for the `i` flag, whole words
 * only; {@link numberWordValue} reads what it matched. It matches "one" in "one of the victims"
 * too: readers of paragraph numbers take it only after a word for paragraphs.
 */
export const NUMBER_WORD = `\\b(?:(?:${[...TENS, "fourty"].join("|")})(?:(?:-|\\s+)(?:${UNITS.join("|")}))?|${[...TEENS, ...UNITS].join("|")})\\b`;

/**
 * The value of a number {@link NUMBER_WORD} matched, or null for anything else.
 *
 * @example numberWordValue("Twenty-one"); // 21
 */
export function numberWordValue(text: string): number | null {
  const [first, second, ...more] = text.toLowerCase().trim().split(/[-\s]+/);
  const tens = NUMBER_WORDS.get(first ?? "");
  if (tens === undefined || more.length > 0) return null;
  if (second === undefined) return tens;
  const units = NUMBER_WORDS.get(second);
  // Only tens and a unit make one number: "twenty-one", never "twelve-one".
  return units !== undefined && tens >= 20 && units < 10 ? tens + units : null;
}

/**
 * The one pattern of a typed reference: an optional `doc:` or `doc#`, an optional ¶/§/#/p/para/paragraph, a number;
 * or a number in words after ¶, § or a word for paragraphs ("paragraph twenty-one"), which alone could be a phrase's.
 */
const READER_REFERENCE = new RegExp(
  `^(?:(${DOC})\\s*[:#]\\s*)?(?:(?:¶|§|#|p\\.?|para\\.?|paragraph|par\\.?)?\\s*(-?\\d+)|(?:¶|§|paras?\\.?|paragraph)\\s*(${NUMBER_WORD}))\\.?$`,
  "i",
);

/**
 * A paragraph reference a reader may type: `12`, `¶12`, `p12`, `p. 12`, `para 12`, `#12`,
 * `doc-id:12`, `doc-id#12`. A named document must be one of `docIds` (any case); null when the
 * text is not a reference or names an unknown document.
 *
 * @example
 * parseReaderReference("¶42", ["koba-the-dread-review"]); // { doc: null, paragraph: 42, digits: "42" }
 * parseReaderReference("Koba-the-dread-review:3", ["koba-the-dread-review"]); // { doc: "koba-the-dread-review", paragraph: 3, … }
 */
export function parseReaderReference(input: string, docIds: readonly string[]): ReaderReference | null {
  const match = READER_REFERENCE.exec(input.trim());
  if (!match) return null;
  const named = match[1]?.toLowerCase();
  const doc = named === undefined ? null : docIds.find((id) => id.toLowerCase() === named);
  if (doc === undefined) return null;
  const digits = match[2] ?? String(numberWordValue(match[3]!));
  return { doc, paragraph: Number(digits), digits };
}
