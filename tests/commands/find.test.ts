import { describe, expect, it } from "vitest";
import find, { FIND_NAME, NOTHING_TO_LOOK_UP, plainText, tellingText } from "../../commands/find.ts";
import type { TargetMessage } from "../../src/bot/message-commands.ts";
import type { Reply } from "../../src/bot/types.ts";
import { buttonLabels, customIds, expectWithinLimits, makeContext, postButton, realSearch, visibleText } from "../bot/helpers.ts";

const search = realSearch();

function target(content: string): TargetMessage {
  return { id: "1500000000000000001", content, authorId: "1400000000000000004", channelId: "1300000000000000003" };
}

async function run(content: string, ctx = makeContext()): Promise<Reply> {
  return find.execute(target(content), ctx);
}

describe("“Find in the review” definition", () => {
  it("is registered as a message command (type 3) with no description", () => {
    expect(find.data.toJSON()).toMatchObject({ name: FIND_NAME, type: 3 });
    expect(find.data.toJSON()).not.toHaveProperty("description", expect.any(String));
  });
});

describe("“Find in the review”", () => {
  it("given a member's message about the review, it privately quotes the passages its words point to, cited, with Post to channel", async () => {
    const reply = await run("I still don't get what happened to Trotsky's family");
    expect(reply.ephemeral).toBe(true);
    expect(reply.allowedMentions).toEqual({ parse: [], replied_user: false });
    const text = visibleText(reply);
    expect(text).toContain("¶42 · Heroic opposition");
    expect(text).toContain("Virtually every member of his family was systematically exterminated");
    expect(buttonLabels(reply)).toContain("Post ¶42 to channel");
    expect(customIds(reply)).toContain(postButton("koba-the-dread-review", 42));
    expectWithinLimits(reply);
  });

  it.each([
    ["an image or a sticker alone (no text)", ""],
    ["only a link", "https://example.com/picture.png"],
    ["only mentions and custom emoji", "<@1400000000000000004> <:pog:1234567890123> <#1300000000000000003>"],
  ])("given %s, it says plainly there is nothing to look up", async (_what, content) => {
    const reply = await run(content);
    expect(reply).toMatchObject({ ephemeral: true, content: NOTHING_TO_LOOK_UP });
    expect(reply.embeds).toBeUndefined();
  });

  it("given a long message, it looks up its most telling sentences, not the chatter around them", () => {
    const long = [
      "Hey everyone, I was reading last night and got a bit lost.",
      "I had dinner with my sister and we argued about football for ages, which was fun but not relevant.",
      "Honestly the weather has been awful this week, rain every single day.",
      "What I really wanted to know is what happened to Trotsky's family after he was exiled?",
      "Also my cat knocked over the lamp again. Anyway see you all on Thursday at the usual place.",
    ].join(" ");
    expect(long.length).toBeGreaterThan(300);
    const query = tellingText(search, long, 300);
    expect(query.length).toBeLessThanOrEqual(300);
    expect(query).toContain("what happened to Trotsky's family");
    expect(query).not.toMatch(/football|weather|cat knocked/);
  });

  it("given a long message, the reply cites the passage its telling sentence points to", async () => {
    const chatter = "My week has been busy with work and the kids and everything else going on at home. ".repeat(3);
    const reply = await run(`${chatter}\nWho was Leopold Trepper?\n${chatter}`);
    expect(visibleText(reply)).toMatch(/¶4[78] · Heroic opposition/);
    expectWithinLimits(reply);
  });

  it("given a message of 4,000 characters, it still answers within Discord's limits", async () => {
    const reply = await run("Why did Amis write about Stalin? ".repeat(125));
    expect(reply.ephemeral).toBe(true);
    expectWithinLimits(reply);
  });

  it("under a reading position, a message answered further on gets the neutral spoiler reply", async () => {
    const reply = await run("what happened to Trotsky's family?", makeContext({ readingPosition: 16 }));
    expect(reply.content).toBe("Nothing up to ¶16 answers that yet.");
    expect(buttonLabels(reply)).toEqual(["Show anyway (spoiler)"]);
  });

  it("strips Discord markup from the message before looking it up", () => {
    expect(plainText("**who** was <@123456789012345678> Trepper? <:pog:1234567890> https://x.y/z")).toBe("who was Trepper?");
  });
});
