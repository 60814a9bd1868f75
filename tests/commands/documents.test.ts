/**
 * A study group's own readings are first-class: /about lists them, autocomplete and /quote reach
 * them, answers cite them by their own title, and buttons keep pointing at them when another
 * document is added. The real index over a temporary corpus folder: the review with its notes
 * and lexicon, plus small readings written for the test.
 */
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import about from "../../commands/about.ts";
import ask from "../../commands/ask.ts";
import quote, { suggest } from "../../commands/quote.ts";
import { parseComponentId } from "../../src/bot/custom-ids.ts";
import type { HandlerContext, Reply } from "../../src/bot/types.ts";
import { formatAnswerText } from "../../src/format/text.ts";
import { defaultCorpusDir, ReviewSearch } from "../../src/search/index.ts";
import { customIds, expectWithinLimits, makeContext, visibleText } from "../bot/helpers.ts";

const CARPENTER = {
  file: "b-carpenter.md",
  id: "carpenter-notes",
  title: "The carpenter's logbook",
  text: [
    "---",
    "id: carpenter-notes",
    "title: The carpenter's logbook",
    "date: Spring 1931",
    "---",
    "",
    "## Building",
    "",
    "The carpenter built a walrus-shaped boat from driftwood and tar in the spring of 1931.",
    "",
    "## The wreck",
    "",
    "The walrus boat sank near the oyster beds, and the carpenter swam ashore still holding his hammer.",
    "",
    "Afterwards the carpenter taught apprentices how to caulk seams with oakum so no boat of theirs would sink.",
    "",
  ].join("\n"),
};

const ALMANAC = {
  file: "a-almanac.md",
  text: "---\nid: almanac\ntitle: A harbour almanac\n---\n\n## Tides\n\nThe harbour tides rise twice a day.\n\nThe lighthouse keeper logs each tide in chalk.\n",
};

/** A corpus folder with the review and `readings`; removed after the file's tests. */
const folders: string[] = [];
function corpusWith(...readings: { file: string; text: string }[]): ReviewSearch {
  const dir = mkdtempSync(join(tmpdir(), "koba-documents-"));
  folders.push(dir);
  for (const name of ["koba-the-dread-review.md", "koba-the-dread-review.notes.json", "lexicon.json"]) {
    copyFileSync(join(defaultCorpusDir, name), join(dir, name));
  }
  for (const r of readings) writeFileSync(join(dir, r.file), r.text);
  return ReviewSearch.fromDirectory(dir);
}
afterAll(() => {
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
});

const search = corpusWith(CARPENTER);
const context = (overrides: Partial<HandlerContext> = {}) => makeContext({ search, ...overrides });

function sync(reply: Reply | Promise<Reply>): Reply {
  if (reply instanceof Promise) throw new Error("expected a synchronous reply");
  return reply;
}

function click(handler: ((id: string, ctx: HandlerContext) => Reply | Promise<Reply>) | undefined, id: string, ctx: HandlerContext): Reply {
  if (!handler) throw new Error("no button handler");
  return sync(handler(id, ctx));
}

describe("an added document", () => {
  it("given a corpus of two documents, /about lists both: the review first, then the reading with its sections and how to quote it", () => {
    const reply = sync(about.execute({}, context()));
    expectWithinLimits(reply);
    expect(reply.embeds!.map((e) => e.title)).toEqual([search.primary.meta.title, "The carpenter's logbook"]);
    const reading = visibleText({ ...reply, embeds: reply.embeds!.slice(1) });
    expect(reading).toContain("3 paragraphs in 2 sections");
    expect(reading).toContain("¶1 · Building");
    expect(reading).toContain("¶2–3 · The wreck");
    expect(reading).toContain("/quote text: carpenter-notes#1");
  });

  it("given an empty quote, autocomplete pins each document's section openings, the review's first", () => {
    const choices = suggest({ name: "text", value: "" }, context());
    const values = choices.map((c) => c.value);
    expect(values.slice(0, search.primary.sections.length)).toEqual(search.primary.sections.map((s) => `¶${s.first}`));
    expect(values).toContain("carpenter-notes#1");
    expect(values).toContain("carpenter-notes#2");
  });

  it("given a reference to the reading, autocomplete offers its paragraph, named by the reading's title", () => {
    const [choice, ...rest] = suggest({ name: "text", value: "carpenter-notes#2" }, context());
    expect(rest).toEqual([]);
    expect(choice).toEqual({
      name: expect.stringMatching(/^The carpenter's logbook ¶2 · The wreck — The walrus boat sank/) as unknown,
      value: "carpenter-notes#2",
    });
  });

  it("given a bare number, autocomplete offers that paragraph of every document, the review's first", () => {
    const values = suggest({ name: "text", value: "3" }, context()).map((c) => c.value);
    expect(values.slice(0, 2)).toEqual(["¶3", "carpenter-notes#3"]);
  });

  it("given a phrase only the reading holds, autocomplete finds it there", () => {
    const values = suggest({ name: "text", value: "caulk seams with oak" }, context()).map((c) => c.value);
    expect(values[0]).toBe("carpenter-notes#3");
  });

  it("given /quote with the reading's reference, it quotes that paragraph cited by the reading's title, with the reading in the footer", () => {
    for (const text of ["carpenter-notes#2", "Carpenter-Notes: ¶2"]) {
      const reply = sync(quote.execute({ text }, context()));
      expectWithinLimits(reply);
      const embed = reply.embeds![0]!;
      expect(embed.title).toBe("The carpenter's logbook ¶2 · The wreck");
      expect(embed.description).toContain("The walrus boat sank near the oyster beds");
      expect(embed.footer!.text).toBe("The carpenter's logbook · Spring 1931");
      expect(customIds(reply).map((id) => parseComponentId(id, "context")?.ref)).toContainEqual({ doc: CARPENTER.id, paragraph: 2 });
    }
  });

  it("given /quote of a reading that is not there, it names how to quote the review and the reading that is", () => {
    expect(sync(quote.execute({ text: "carpenter-notez#2" }, context())).content).toBe(
      "There is no reading called “carpenter-notez”. Quote the review by number (`/quote text: 12`), another reading by its id (`carpenter-notes#3`; /about lists them).",
    );
  });

  it("given a question the reading answers, /ask cites the reading by its own title, not as the review", () => {
    const reply = sync(ask.execute({ question: "what happened to the walrus boat?", results: 2 }, context()));
    expectWithinLimits(reply);
    const embed = reply.embeds![0]!;
    expect(embed.fields![0]!.name).toMatch(/^The carpenter's logbook ¶[1-3] · (?:Building|The wreck)$/);
    expect(embed.footer!.text).toContain("The carpenter's logbook · Spring 1931");
    expect(embed.footer!.text).not.toContain(search.primary.meta.title);
  });

  it("given a paragraph of the reading, Post to channel names it by the reading's title", () => {
    const post = customIds(sync(quote.execute({ text: "carpenter-notes#1" }, context()))).find((id) => parseComponentId(id, "post"))!;
    const posted = click(quote.buttons?.post, post, context());
    expect(posted.content).toBe(`<@${context().user.id}> shared The carpenter's logbook ¶1 · Building:`);
  });

  it("given the command line's text answer, each passage of the reading is cited by its title and the reading is named as a source", () => {
    const text = formatAnswerText(search.quote("carpenter-notes#3"), search);
    expect(text).toContain("The carpenter's logbook ¶3 · The wreck\nAfterwards the carpenter");
    expect(text).toMatch(/— The carpenter's logbook \(Spring 1931\)$/);
  });

  it("given a More results button made before a document that sorts earlier is added, it still shows the same passages", () => {
    const before = context();
    const first = sync(ask.execute({ question: "what happened to the walrus boat?", results: 1 }, before));
    const moreId = customIds(first).find((id) => parseComponentId(id, "more"))!;
    // The button points past the first page into the reading, which the added almanac now precedes.
    expect(
      parseComponentId(moreId, "more")!
        .refs.slice(1)
        .some((r) => r.doc === CARPENTER.id),
    ).toBe(true);
    const grown = corpusWith(ALMANAC, CARPENTER);
    expect(grown.documents.map((d) => d.meta.id)).toEqual([search.primary.meta.id, "almanac", CARPENTER.id]);

    const then = click(ask.buttons?.ask, moreId, before);
    const now = click(ask.buttons?.ask, moreId, makeContext({ search: grown }));
    expect(now.embeds![0]!.fields).toEqual(then.embeds![0]!.fields);
    expect(visibleText(now)).not.toMatch(/harbour|lighthouse/);
  });
});
