import { PassThrough } from "node:stream";
import { beforeAll, describe, expect, it } from "vitest";
import { CONSOLE_BOLD, CONSOLE_USER, parseLine, runConsole, style, terminalSafe, useColor, wrap } from "../../src/bot/console.ts";
import { renderReply } from "../../src/bot/render.ts";
import type { Registry } from "../../src/bot/registry.ts";
import { reply } from "../../src/bot/replies.ts";
import { Storage } from "../../src/storage/index.ts";
import { realDispatcher, realRegistry, realSearch } from "./helpers.ts";

let registry: Registry;
beforeAll(async () => {
  registry = await realRegistry();
});

describe("console line parsing", () => {
  it.each([
    ["/ask who was Trepper?", { name: "ask", options: { question: "who was Trepper?" } }],
    ["/ask question:who was Trepper? results:3", { name: "ask", options: { question: "who was Trepper?", results: "3" } }],
    ["/ask question: why: a colon? public: yes", { name: "ask", options: { question: "why: a colon?", public: "yes" } }],
    ["/ask what about Lenin? results:2", { name: "ask", options: { question: "what about Lenin?", results: "2" } }],
    ["/quote 12", { name: "quote", options: { paragraph: "12" } }],
    ["/quote ¶12", { name: "quote", options: { text: "¶12" } }],
    ["/quote paid a terrible personal price", { name: "quote", options: { text: "paid a terrible personal price" } }],
    ["/quote paragraph: 7", { name: "quote", options: { paragraph: "7" } }],
    ["  /ABOUT  ", { name: "about", options: {} }],
    ["/help", { name: "help", options: {} }],
    ["/frobnicate now", { name: "frobnicate", options: {} }],
    [
      "/ask what were the results: of collectivisation?",
      { name: "ask", options: { question: "what were the results: of collectivisation?" } },
    ],
    ["/ask question: is public: opinion covered?", { name: "ask", options: { question: "is public: opinion covered?" } }],
    ["/ask question: who was Trepper? results: many", { name: "ask", options: { question: "who was Trepper? results: many" } }],
    ["/quote 99999999999999999999", { name: "quote", options: { text: "99999999999999999999" } }],
  ])("reads %s", (line, expected) => {
    expect(parseLine(line, registry)).toEqual({ kind: "command", ...expected });
  });

  it("given a blank line or a comment, there is nothing to do; given quit, it stops", () => {
    expect(parseLine("   ", registry)).toEqual({ kind: "empty" });
    expect(parseLine("# a note", registry)).toEqual({ kind: "empty" });
    expect(parseLine("quit", registry)).toEqual({ kind: "quit" });
    expect(parseLine("/exit", registry)).toEqual({ kind: "quit" });
    expect(parseLine("/quit now", registry)).toEqual({ kind: "quit" });
    expect(parseLine("/quote quit now", registry)).toMatchObject({ kind: "command", name: "quote" });
  });

  it("given /more with something after it, or a slash alone, says what to type instead of calling it an unknown command", () => {
    expect(parseLine("/more 3", registry)).toEqual({
      kind: "error",
      message: "/more takes nothing after it: it shows the next passages of the last answer.",
    });
    expect(parseLine("/more", registry)).toEqual({ kind: "more" });
    expect(parseLine("/", registry)).toMatchObject({
      kind: "error",
      message: expect.stringMatching(/^Type a command after the slash/) as unknown,
    });
  });

  it("given an option twice, it says so instead of silently taking the last value", () => {
    expect(parseLine("/ask question: who was Trepper? results: 2 results: 3", registry)).toMatchObject({
      kind: "error",
      message: expect.stringMatching(/“results” is given twice/) as unknown,
    });
  });

  it.each([
    ["/plan paragraph: abc", /^“paragraph” takes a whole number such as 3, not “abc”\. Usage: \/plan /],
    ["/quote paragraph: 1.5", /^“paragraph” takes a whole number such as 3, not “1\.5”\./],
    ["/plan here: maybe paragraph: 5", /^“here” takes true or false, not “maybe”\./],
    ["/ask question:", /^“question” needs a value after the colon\. Usage: \/ask /],
    ["/ask who was Trepper? results: 2.5", /^“results” takes a whole number such as 3, not “2\.5”\. Usage: \/ask /],
    ["/ask who was Trepper? results: 1e3", /^“results” takes a whole number such as 3, not “1e3”\./],
    ["/ask who was Trepper? results: 99999999999999999999", /^“results” takes a whole number such as 3, not “99999999999999999999”\./],
  ])("given %s, an option's name with a value it cannot take, it names the option instead of reading it as text", (line, message) => {
    expect(parseLine(line, registry)).toMatchObject({ kind: "error", message: expect.stringMatching(message) as unknown });
  });

  it("given an option the command does not have, names it instead of reading it as another option's value", () => {
    expect(parseLine("/settings foo: bar", registry)).toMatchObject({
      kind: "error",
      message: expect.stringMatching(/^\/settings has no option “foo”\. Usage: \/settings /) as unknown,
    });
    // A question or a phrase may start with a word and a colon: it stays text.
    expect(parseLine("/ask why: a colon?", registry)).toEqual({ kind: "command", name: "ask", options: { question: "why: a colon?" } });
    expect(parseLine("/settings public", registry)).toEqual({ kind: "command", name: "settings", options: { answers: "public" } });
  });

  it("given option names without their colons, says options need one and writes the line as meant", () => {
    const said = (line: string) => {
      const parsed = parseLine(line, registry);
      return parsed.kind === "error" ? parsed.message : parsed;
    };
    expect(said("/plan clear")).toBe("Options need a colon after their name: /plan clear: true");
    expect(said("/plan session 2 date 2026-12-05")).toBe("Options need a colon after their name: /plan session: 2 date: 2026-12-05");
    expect(said("/plan clear here false")).toBe("Options need a colon after their name: /plan clear: true here: false");
    expect(said("/discuss section 2")).toBe("Options need a colon after their name: /discuss section: 2");
    // Words of a question or a phrase are not option names: "results" opens a question here.
    expect(parseLine("/ask results of collectivisation?", registry)).toEqual({
      kind: "command",
      name: "ask",
      options: { question: "results of collectivisation?" },
    });
  });

  it("given a line without a slash or free text a command cannot take, it explains", () => {
    expect(parseLine("who was Trepper?", registry)).toMatchObject({
      kind: "error",
      message: expect.stringMatching(/start with a slash/) as unknown,
    });
    expect(parseLine("/about the book", registry)).toMatchObject({
      kind: "error",
      message: expect.stringMatching(/Usage: \/about/) as unknown,
    });
  });
});

describe("console rendering", () => {
  it("shows any control character left in a reply as a symbol, never raw", () => {
    expect(terminalSafe("a\u001b[2Jb\u0007c\u009bd\u202ee\nf")).toBe("a␛[2Jb␇c\ufffdd\ufffde\nf");
  });

  it("renders an answer as plain text: citation, the excerpt marked, the footer, buttons as hints", async () => {
    const dispatcher = await realDispatcher();
    const text = renderReply(
      await dispatcher.command(
        "ask",
        { question: "what happened to Trotsky's family?" },
        { user: { id: "console", name: "you" }, guildId: null },
      ),
      CONSOLE_USER,
    );
    expect(text).toContain("¶42 · Heroic opposition");
    // Discord's bold as typographic quotes, for an English reader.
    expect(text).toContain("“Virtually every member of his family");
    expect(text).not.toMatch(/[»«]/);
    expect(text).toContain("— Review: Martin Amis");
    // The buttons as the console's own commands (posting to a channel has none here).
    expect(text).toMatch(/\nNext: \/more \(\d more\) · \/context 42$/);
    expect(text).not.toContain("Buttons (on Discord)");
    expect(text).not.toMatch(/\*\*|\\/);
  });

  it("renders a quoted passage of several paragraphs with a blank line between one paragraph and the next one's citation", async () => {
    const dispatcher = await realDispatcher();
    const text = renderReply(
      await dispatcher.command("quote", { text: "12-13" }, { user: { id: "console", name: "you" }, guildId: null }),
      CONSOLE_USER,
    );
    expect(text).toContain('the Soviet leader".\n\n== ¶13 · Total fabrication ==');
    expect(text).not.toMatch(/[^\n]\n== ¶13/);
  });

  it("shows a role mention as a role, never raw", () => {
    expect(renderReply(reply({ content: "reminders mention <@&123456789012345678>", ephemeral: false }), CONSOLE_USER)).toBe(
      "reminders mention @role 123456789012345678",
    );
  });

  it("shows a shared passage's mention as a name", () => {
    const text = renderReply(reply({ content: "<@console> shared ¶3:", ephemeral: false }), CONSOLE_USER);
    expect(text).toBe("@you shared ¶3:");
  });
});

/** A piped console session over the real dispatcher (with `store`, the study group's memory): its exit code and output. */
async function session(
  input: string,
  options: { columns?: number; color?: boolean; store?: Storage } = {},
): Promise<{ code: number; output: string }> {
  const { store, ...display } = options;
  const dispatcher = await realDispatcher({ store: store ?? null });
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  let output = "";
  stdout.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  stdin.end(input);
  const code = await runConsole({ dispatcher, input: stdin, output: stdout, interactive: false, ...display });
  return { code, output };
}

/** Runs `body` with a fresh in-memory study-group database, closed afterwards. */
async function withStore(body: (store: Storage) => Promise<void>): Promise<void> {
  const store = await Storage.open({ path: ":memory:" });
  try {
    await body(store);
  } finally {
    await store.close();
  }
}

describe("console mode", () => {
  /** A terminal session: keys are written one chunk at a time, as a person types them. */
  async function terminal(keys: readonly string[], store?: Storage): Promise<{ code: number; output: string }> {
    const dispatcher = await realDispatcher({ store: store ?? null });
    const stdin = new PassThrough();
    const stdout = new PassThrough();
    let output = "";
    stdout.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
    const running = runConsole({ dispatcher, input: stdin, output: stdout, interactive: true });
    for (const key of keys) {
      stdin.write(key);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const code = await Promise.race([running, new Promise<number>((resolve) => setTimeout(() => resolve(-1), 3000))]);
    stdin.end();
    return { code, output };
  }

  it("given a terminal width, wraps every line at it, between words", async () => {
    const { output } = await session("/quote 3\n", { columns: 60 });
    const lines = output.split("\n");
    expect(lines.every((l) => l.length <= 59)).toBe(true);
    expect(lines.filter((l) => l.length > 40).length).toBeGreaterThan(3);
    const p3 = realSearch().paragraph(realSearch().primary.meta.id, 3)!.text;
    expect(output.replace(/\s+/g, " ")).toContain(p3);
  });

  it("colours only when asked (a terminal without NO_COLOR): the answering sentence, citations, titles", async () => {
    const { output: coloured } = await session("/ask what happened to Trotsky's family?\n", { color: true });
    expect(coloured).toContain("\u001b[1m\u001b[33m“Virtually every member");
    expect(coloured).toContain("\u001b[36m\u001b[1m¶42 · Heroic opposition");
    const { output: plain } = await session("/ask what happened to Trotsky's family?\n");
    expect(plain).not.toContain("\u001b");
    expect(useColor(true, {})).toBe(true);
    expect(useColor(true, { NO_COLOR: "1" })).toBe(false);
    expect(useColor(false, {})).toBe(false);
    expect(style(wrap("— Review: a footer long enough to wrap onto a second line", 31), true)).toBe(
      "\u001b[2m— Review: a footer long enough\u001b[0m\n\u001b[2mto wrap onto a second line\u001b[0m",
    );
    const { open, close } = CONSOLE_BOLD;
    expect(style(wrap(`a ${open}bold words\nacross${close} lines`, undefined), true)).toBe(
      "a \u001b[1m\u001b[33m“bold words\u001b[0m\n\u001b[1m\u001b[33macross”\u001b[0m lines",
    );
    // The review's own quotation marks are not taken for the answer's: only the bold span is coloured.
    expect(style(`he said “no” and ${open}“yes”${close}`, true)).toBe(`he said “no” and \u001b[1m\u001b[33m““yes””\u001b[0m`);
    expect(style(`a ${open}bold${close} span`, false)).toBe("a “bold” span");
  });

  it("given /quote 0, says there is no ¶0 in the words /context uses, not as an option's bad value", async () => {
    const { output } = await session("/quote 0\n/quote paragraph: 0\n/context 0\n");
    expect(output.match(/^There is no ¶0: the review has paragraphs 1 to 51\.$/gm)).toHaveLength(3);
    expect(output).not.toContain("must be 1 or more");
  });

  it("given /context for a paragraph the review does not have, it says so as /quote does", async () => {
    const { output } = await session("/context 0\n/context 52\n/context 999999\n");
    expect(output).toContain("There is no ¶0: the review has paragraphs 1 to 51.");
    expect(output).toContain("There is no ¶52: the review has paragraphs 1 to 51.");
    expect(output).toContain("There is no ¶999999: the review has paragraphs 1 to 51.");
    expect(output).not.toContain("no longer works");
  });

  it("given /more and /context, does what the answer's buttons do on Discord", async () => {
    const { output } = await session("/more\n/ask what happened to Trotsky's family?\n/more\n/context 42\n/context\n/context 7\n");
    expect(output).toContain("Nothing more to show: /ask a question first");
    expect(output).toMatch(/== “what happened to Trotsky's family\?” ==\n\nPassage 2 of \d:/);
    expect(output.match(/== Context of ¶42 · Heroic opposition ==/g)).toHaveLength(1);
    expect(output).toContain("== Context of ¶7");
  });

  it("given /more after /context or /quote, shows the next passages of the last question asked", async () => {
    const { output } = await session("/ask who was Trepper?\n/context\n/quote 12\n/more\n");
    expect(output).toContain("Passage 2 of 4:");
    expect(output).not.toContain("Nothing more to show");
  });

  it("given /more after the last passage of an answer, says that question has no more passages rather than asking for a question", async () => {
    const { output } = await session("/ask who was Trepper?\n/more\n/more\n/more\n/more\n");
    expect(output).toContain("Passage 4 of 4:");
    expect(output).toContain("There are no more passages for that question: /ask another one.");
    expect(output).not.toContain("/ask a question first");
  });

  it("given /help, explains the console's own commands in plain text, without Discord's buttons or backticks", async () => {
    const { output } = await session("/help\n");
    expect(output).toContain("/more shows the next passages");
    expect(output).toContain("Example: /ask question: what happened to Trotsky's family?");
    expect(output).not.toContain("`");
    expect(output).not.toContain("Post to channel");
    for (const usage of ["/plan", "/progress", "/discuss"]) expect(output).toContain(`\n${usage}`);
    expect(output).toContain("Example: /discuss section: 3");
  });

  it("given Tab after a command's first letters, completes its name", async () => {
    const { output } = await terminal(["/ab", "\t", "\r", "/quit\r"]);
    expect(output).toContain("/about");
    expect(output).toContain("== Review: Martin Amis");
  });

  it("given Tab, completes the study-group commands too: /plan, /progress and /discuss", async () => {
    const { output } = await terminal(["/pl", "\t", "\r", "/di", "\t", "\r", "/quit\r"]);
    expect(output).toContain("/plan ");
    expect(output).toContain("/discuss ");
    const { output: listed } = await terminal(["/p", "\t", "\t", "\u0015", "/quit\r"]);
    for (const name of ["/plan", "/progress"]) expect(listed).toContain(name);
  });

  it("given Ctrl-C on a half-typed line, clears it and goes on; on an empty line, ends with 130", async () => {
    const { code, output } = await terminal(["/quote 42", "\u0003", "/quote 7\r", "\u0003"]);
    expect(code).toBe(130);
    expect(output).toContain("^C");
    expect(output).not.toContain("¶42 · Heroic opposition");
    expect(output).toContain("== ¶7");
  });

  it("given Ctrl-C twice in a row on a half-typed line, ends with 130", async () => {
    const { code } = await terminal(["/quote 42", "\u0003", "/quo", "\u0003"]);
    expect(code).toBe(130);
  });

  it("given Ctrl-C on an empty line while the line before it is still being answered, answers it and ends with 130", async () => {
    // Typed faster than the console answers: the interface closes under the line being answered.
    await withStore(async (store) => {
      const { code, output } = await terminal(["/quote 42\u0003/quote 7\n\u0003"], store);
      expect(code).toBe(130);
      expect(output).toContain("== ¶7 · Opening ==");
    });
  });

  it("given piped lines, it answers each in order, keeps going after mistakes, and ends with 0", async () => {
    const { code, output } = await session("/quote 99\n/frobnicate\nhello\n/quote 42\n/ask\n/about\n");
    expect(code).toBe(0);
    const order = [
      "There is no ¶99",
      "I don't know the command /frobnicate",
      "start with a slash",
      "== ¶42 · Heroic opposition ==",
      "“question” is required",
      "== Review: Martin Amis",
    ];
    let at = -1;
    for (const marker of order) {
      const next = output.indexOf(marker);
      expect(next, marker).toBeGreaterThan(at);
      at = next;
    }
    expect(output).not.toContain("koba>");
  });

  it("given quit, it stops reading", async () => {
    const { output } = await session("/quote 1\nquit\n/quote 2\n");
    expect(output).toContain("¶1");
    expect(output).not.toContain("¶2 ");
  });

  it("given eight /ask lines in a row, the local user is never throttled: eight answers, no cooldown notice", async () => {
    const { output } = await session("/ask who was Trepper?\n".repeat(8));
    expect(output).not.toContain("asking quickly");
    expect(output.match(/== “who was Trepper\?” ==/g)).toHaveLength(8);
  });

  it("given /aks, suggests /ask", async () => {
    const { output } = await session("/aks who was Trepper?\n");
    expect(output).toContain("I don't know the command /aks. Did you mean /ask?");
  });

  it("echoes nothing a terminal would obey: escape sequences in a question or a command name are removed, never printed", async () => {
    const { code, output } = await session(
      "/ask who was Trepper \u001b]2;PWNED\u0007\u001b[2J\u001b[41mSPY\u001b[0m ?\n/fro\u001b[2Jb\u0007nicate\n",
    );
    expect(code).toBe(0);
    // eslint-disable-next-line no-control-regex
    expect(output).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    expect(output).not.toContain("PWNED");
    expect(output).not.toContain("never mentions");
    // The coloured word stays as text ("SPY": answered, so the question is echoed over the passages).
    expect(output).toContain("== “who was Trepper SPY ?” ==");
    expect(output).toContain("I don't know the command /frob. ");
  });
});

describe("console study group", () => {
  it("offers /plan, /progress and /discuss: the position caps answers and a thread is shown as an indented block", async () => {
    await withStore(async (store) => {
      const { code, output } = await session(
        "/plan section: 2\n/progress\n/ask what happened to Trotsky's family?\n/discuss section: 2\n",
        { store },
      );
      expect(code).toBe(0);
      expect(output).toContain("Reading position for the server: up to ¶16 (the end of Total fabrication)");
      expect(output).toContain("✓ 2. ¶9–16 · Total fabrication");
      // "Next section read" has a console command: /plan with the next section, as the button would move it.
      expect(output).toContain("Next: /plan section: 3 (“Next section read” on Discord)");
      expect(output).toContain("Nothing up to ¶16 answers that yet.");
      // A button with no console command is named, not silently dropped.
      expect(output).toContain("Next: “Show anyway (spoiler)” (a button on Discord)");
      expect(output).not.toContain("¶42");
      expect(output).toContain("Opened #console-thread-1: Discussing ¶9–16 · Total fabrication.");
      expect(output).toMatch(/\n {4}│ Thread #console-thread-1: Discussing ¶9–16 · Total fabrication\n {4}│ == ¶9 · Total fabrication ==/);
      expect(output).toMatch(/ {4}│ • ¶9: /);
      expect((await store.thread("console-thread-1"))?.first).toBe(9);
    });
  });

  it("given /progress in a channel with its own position behind the server's, names the channel's next section with here: true", async () => {
    await withStore(async (store) => {
      const { output } = await session("/plan section: 2\n/plan paragraph: 8 here: true\n/progress\n", { store });
      // The last reply is /progress's: its hint names the channel's next section, not the server's (3).
      expect(output.match(/^Next: .*$/gm)?.at(-1)).toBe("Next: /plan section: 2 here: true (“Next section read” on Discord)");
    });
  });

  it("prints Discord's bold as “…”: the answering sentence and a thread's “To discuss”, never » «", async () => {
    await withStore(async (store) => {
      const { output } = await session("/ask what happened to Trotsky's family?\n/discuss section: 1\n", { store });
      expect(output).toContain("“Virtually every member of his family was systematically exterminated");
      expect(output).toContain("│ “To discuss” (from the study notes):");
      expect(output).not.toMatch(/[»«\ue000\ue001]/u);
    });
  });

  it("given /progress with no position set, names /plan section: 1 for its Next section read button", async () => {
    await withStore(async (store) => {
      const { output } = await session("/progress\n", { store });
      expect(output).toContain("Next: /plan section: 1 (“Next section read” on Discord)");
    });
  });

  it("given a thread opened before a restart, a new console session names its thread after the stored ones instead of reusing #console-thread-1", async () => {
    await withStore(async (store) => {
      await session("/discuss section: 2\n", { store });
      const { output } = await session("/discuss section: 3\n/progress\n", { store });
      expect(output).toContain("Opened #console-thread-2: Discussing ¶17–29");
      expect(output).toContain("Discussion threads (2)");
      expect(await store.thread("console-thread-1")).toMatchObject({ first: 9, last: 16 });
      expect(await store.thread("console-thread-2")).toMatchObject({ first: 17, last: 29 });
    });
  });

  it("given piped /ask lines, every reply carries its question's header, declines and spoiler declines too", async () => {
    await withStore(async (store) => {
      const { output } = await session(
        "/ask what is the capital of Australia\n/ask help\n/ask who was Guvorkian\n/plan section: 2\n/ask what happened to Trotsky's family?\n",
        { store },
      );
      expect(output.startsWith("== “what is the capital of Australia” ==\n\nThe review does not seem to cover that")).toBe(true);
      expect(output).toContain("== “help” ==\n\nThat is a question about the bot");
      // An answer's header is its embed's title, printed once.
      expect(output.match(/== “who was Guvorkian” ==/g)).toHaveLength(1);
      expect(output).toContain("== “what happened to Trotsky's family?” ==\n\nNothing up to ¶16 answers that yet.");
      expect(output.match(/^== “.*” ==$/gm)).toHaveLength(4);
    });
  });

  it("offers /unanswered for the local server: a declined question is listed for you, its organiser", async () => {
    await withStore(async (store) => {
      const { code, output } = await session("/ask capital of australia?\n/ask what is the capital of Australia?\n/unanswered\n", {
        store,
      });
      expect(code).toBe(0);
      expect(output).toMatch(/== Unanswered in the last 30 days ==\n\n1\. “.*capital of Australia\?” — asked 2× · declined 2×/i);
    });
  });

  it("offers /settings for the local server: you are its organiser, and answers: public takes effect", async () => {
    await withStore(async (store) => {
      const { code, output } = await session("/settings answers: public reminder_channel: here reminder_time: 18:00\n", { store });
      expect(code).toBe(0);
      expect(output).toContain("Saved: answers by default, reminder channel, reminder time.");
      expect(output).toContain("#console");
      expect(await store.settings("console")).toMatchObject({ publicByDefault: true, reminderChannel: "console", reminderTime: "18:00" });
    });
  });
});
