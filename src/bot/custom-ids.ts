/**
 * Every custom id the bot puts on a button or a form, encoded and parsed here and nowhere else.
 *
 * An id is `<prefix>:<version>:<fields>`. The prefix routes it (the registry looks up the part
 * before the first `:`); the version says which format the fields are in, so an id on a message
 * posted by an older bot is recognised as such and answered with a friendly "run the command
 * again" instead of being misread. Ids carry everything a click needs (they work after a
 * restart) and name paragraphs by {@link ParagraphRef} — a document's id, never its place in the
 * corpus, so adding a document that sorts earlier re-points nothing.
 *
 * Changing a format: bump {@link CUSTOM_ID_VERSION}; every id of the old one then gets the
 * friendly reply (there is no half-way: one version is current).
 */
import { formatRef, parseRef, type ParagraphRef } from "../corpus/ref.ts";
import { LIMITS } from "./limits.ts";

/**
 * The current format. v1 (unmarked, before 2026-11) named the documents of "More results" by
 * their position in the corpus.
 */
export const CUSTOM_ID_VERSION = "v2";

/** What a button or form id says, by kind. */
export type ComponentId =
  /** "More results": every ranked passage (in rank order), where the next page starts, the question when it fits. */
  | { kind: "more"; offset: number; count: number; refs: ParagraphRef[]; question: string | null }
  /** "Show anyway (spoiler)": the passages past the reading position, shown privately. */
  | { kind: "spoiler"; count: number; refs: ParagraphRef[]; question: string | null }
  /** "Show context": the paragraphs around one; `cap` is the reading position it was made under. */
  | { kind: "context"; ref: ParagraphRef; cap: number | null }
  /** "Post to channel". */
  | { kind: "post"; ref: ParagraphRef }
  /** 👍 / 👎 on a logged answer. */
  | { kind: "vote"; vote: "up" | "down"; answerId: string }
  /** The 👎 form "What were you looking for?" (a modal, not a button). */
  | { kind: "wanted"; answerId: string }
  /** "Ask the group": the logged ask, or (without storage) the question itself. */
  | { kind: "group"; answerId: string }
  | { kind: "group"; question: string }
  /** "Another prompt" in a discussion thread about ¶first–last. */
  | { kind: "prompt"; first: number; last: number }
  /** "Next section read" under /progress. */
  | { kind: "next-section" };

export type ComponentKind = ComponentId["kind"];

/** The routing prefix of each kind: what a command registers its handler under. */
export const PREFIX = {
  more: "ask",
  spoiler: "spoil",
  context: "ctx",
  post: "post",
  vote: "vote",
  wanted: "wanted",
  group: "group",
  prompt: "prompt",
  "next-section": "plan",
} as const satisfies Record<ComponentKind, string>;

/** At most this many passages in one "More results" id (an answer has at most five). */
const MAX_REFS = 10;
const ANSWER_ID = /^[0-9a-f]{16}$/;

/**
 * The custom id for `id`; null when it cannot fit in Discord's 100 characters (then the button is
 * left out). A "More results" or spoiler id drops its question first, since the passages matter more.
 *
 * @example
 * encodeComponentId({ kind: "context", ref: { doc: "koba-the-dread-review", paragraph: 42 }, cap: null });
 * // "ctx:v2:koba-the-dread-review#42"
 */
export function encodeComponentId(id: ComponentId): string | null {
  const head = `${PREFIX[id.kind]}:${CUSTOM_ID_VERSION}:`;
  const fit = (body: string) => (head.length + body.length <= LIMITS.customId ? head + body : null);
  switch (id.kind) {
    case "more":
    case "spoiler": {
      if (id.refs.length === 0 || id.refs.length > MAX_REFS) return null;
      const base = `${id.kind === "more" ? `${id.offset}:` : ""}${id.count}:${encodeRefs(id.refs)}`;
      const question = id.question?.replace(/\s+/g, " ").trim();
      return (question ? fit(`${base}:${question}`) : null) ?? fit(base);
    }
    case "context":
      return fit(`${formatRef(id.ref)}${id.cap === null ? "" : `:${id.cap}`}`);
    case "post":
      return fit(formatRef(id.ref));
    case "vote":
      return fit(`${id.vote}:${id.answerId}`);
    case "wanted":
      return fit(id.answerId);
    case "group":
      return "answerId" in id ? fit(id.answerId) : fit(`=${id.question.replace(/\s+/g, " ").trim()}`);
    case "prompt":
      return fit(`${id.first}-${id.last}`);
    case "next-section":
      return fit("next");
  }
}

/** Whether a custom id is in the current format (its prefix may still be unknown). */
export function isCurrentVersion(customId: string): boolean {
  return versionOf(customId) === CUSTOM_ID_VERSION;
}

/**
 * What a custom id says when it is a current `kind` id; null for any other kind, an older
 * version, or an id that does not parse (the caller answers with replies.ts's STALE_BUTTON).
 *
 * @example
 * parseComponentId("ctx:v2:koba-the-dread-review#42:45", "context");
 * // { kind: "context", ref: { doc: "koba-the-dread-review", paragraph: 42 }, cap: 45 }
 */
export function parseComponentId<K extends ComponentKind>(customId: string, kind: K): Extract<ComponentId, { kind: K }> | null {
  const parsed = parseAnyComponentId(customId);
  return parsed?.kind === kind ? (parsed as Extract<ComponentId, { kind: K }>) : null;
}

function versionOf(customId: string): string | null {
  return /^[a-z]+:(v\d+)(?::|$)/.exec(customId)?.[1] ?? null;
}

/** What any current custom id says, or null. */
export function parseAnyComponentId(customId: string): ComponentId | null {
  const m = /^([a-z]+):(v\d+):(.+)$/s.exec(customId);
  if (!m || m[2] !== CUSTOM_ID_VERSION) return null;
  const body = m[3]!;
  switch (m[1]) {
    case PREFIX.more: {
      const f = /^(\d{1,2}):([1-9]):([^:]+)(?::(.+))?$/s.exec(body);
      const refs = f ? decodeRefs(f[3]!) : null;
      return f && refs ? { kind: "more", offset: Number(f[1]), count: Number(f[2]), refs, question: f[4] ?? null } : null;
    }
    case PREFIX.spoiler: {
      const f = /^([1-9]):([^:]+)(?::(.+))?$/s.exec(body);
      const refs = f ? decodeRefs(f[2]!) : null;
      return f && refs ? { kind: "spoiler", count: Number(f[1]), refs, question: f[3] ?? null } : null;
    }
    case PREFIX.context: {
      const f = /^([^:]+)(?::(\d{1,6}))?$/.exec(body);
      const ref = f ? parseRef(f[1]!) : null;
      return f && ref ? { kind: "context", ref, cap: f[2] === undefined ? null : Number(f[2]) } : null;
    }
    case PREFIX.post: {
      const ref = parseRef(body);
      return ref ? { kind: "post", ref } : null;
    }
    case PREFIX.vote: {
      const f = /^(up|down):([0-9a-f]{16})$/.exec(body);
      return f ? { kind: "vote", vote: f[1] === "up" ? "up" : "down", answerId: f[2]! } : null;
    }
    case PREFIX.wanted:
      return ANSWER_ID.test(body) ? { kind: "wanted", answerId: body } : null;
    case PREFIX.group: {
      if (body.startsWith("=")) {
        const question = body.slice(1).replace(/\s+/g, " ").trim();
        return question ? { kind: "group", question } : null;
      }
      return ANSWER_ID.test(body) ? { kind: "group", answerId: body } : null;
    }
    case PREFIX.prompt: {
      const f = /^(\d{1,4})-(\d{1,4})$/.exec(body);
      return f ? { kind: "prompt", first: Number(f[1]), last: Number(f[2]) } : null;
    }
    case PREFIX["next-section"]:
      return body === "next" ? { kind: "next-section" } : null;
    default:
      return null;
  }
}

/**
 * `koba-the-dread-review#42,4,46,week-3#2`: each reference in {@link formatRef}'s form, except
 * that a bare number belongs to the document named last (ids stay short enough for the question).
 */
function encodeRefs(refs: readonly ParagraphRef[]): string {
  let doc: string | null = null;
  return refs
    .map((r) => {
      const same = r.doc === doc;
      doc = r.doc;
      return same ? String(r.paragraph) : formatRef(r);
    })
    .join(",");
}

function decodeRefs(text: string): ParagraphRef[] | null {
  const parts = text.split(",");
  if (parts.length > MAX_REFS) return null;
  const refs: ParagraphRef[] = [];
  let doc: string | null = null;
  for (const part of parts) {
    const ref: ParagraphRef | null = /^[1-9]\d{0,5}$/.test(part) && doc !== null ? { doc, paragraph: Number(part) } : parseRef(part);
    if (!ref) return null;
    doc = ref.doc;
    refs.push(ref);
  }
  return refs;
}
