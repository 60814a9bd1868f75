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

/** The one pattern of a typed reference: an optional `doc:` or `doc#`, an optional ¶/§/#/p/para/paragraph, a number. */
const READER_REFERENCE = new RegExp(`^(?:(${DOC})\\s*[:#]\\s*)?(?:¶|§|#|p\\.?|para\\.?|paragraph|par\\.?)?\\s*(-?\\d+)\\.?$`, "i");

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
  return { doc, paragraph: Number(match[2]), digits: match[2]! };
}
