/**
 * End-to-end benchmark: interactions per second and reply latency (median, p99) of the bot (the
 * real createBot with the real commands and index, through the real discord.js client) against
 * the local Discord emulator, beside an echo bot (a plain discord.js Client replying a fixed
 * content) as the floor of what discord.js and the emulator cost; and the ratio bot / echo.
 * One interaction in flight, then 50; bounded counts.
 *
 * Each bot runs in a child process of its own (bench/e2e-bot.mjs), as it would against Discord:
 * the bot with its study-group storage in a SQLite file, on plain node running its compiled build
 * when dist/ is fresh, as `npm start` runs it (else its TypeScript through tsx); this process runs
 * the emulator and measures from dispatching INTERACTION_CREATE to receiving the interaction
 * callback. It also reports the CPU time the bot's process spends per interaction, and how busy
 * the emulator was: when the emulator uses a whole core, it sets the pace, and the CPU column
 * is the fairer comparison. Prints a table; asserts nothing (the machine is shared and noisy).
 *
 * `/ask` runs twice: with distinct questions (no two the same in the whole run: the question sets
 * and the study notes' questions, each also asked with a leading "tell me," "so" or "please:",
 * which the analysis drops but the answer cache cannot know), and with five questions repeated,
 * as a group asking again or pressing More results would; the bot's answer-cache hit rate is
 * printed for each.
 *
 *   npm run bench:e2e
 *   npm run bench:e2e -- --only echo,ask-repeated --cpu-prof DIR    some bots only; their processes profiled into DIR
 *   npm run bench:e2e -- --only echo,ask --warm-up 3000              measured after a longer warm-up
 */
import { fork, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { performance } from "node:perf_hooks";
import { version as discordJsVersion } from "discord.js";
import { loadCorpus } from "../src/search/index.ts";
import { DiscordEmulator, type SendCommandOptions } from "../tests/emulator/index.ts";

type SubjectName = "echo" | "quote" | "ask" | "ask-repeated";

interface Load {
  inFlight: number;
  count: number;
}

/** Bounded runs: one at a time, then 50 outstanding. */
const LOADS: readonly Load[] = [
  { inFlight: 1, count: 300 },
  { inFlight: 50, count: 2_000 },
];
/** Paragraphs of the review, for /quote paragraph: 1..n. */
const PARAGRAPHS = loadCorpus().documents[0]!.paragraphs.length;
/** Distinct questions: the question sets' and the study notes', each also with a prefix the analysis drops. */
function distinctQuestions(): string[] {
  const fixtures = fileURLToPath(new URL("../tests/fixtures/", import.meta.url));
  const asked = readdirSync(fixtures)
    .filter((f) => f.endsWith(".jsonl"))
    .flatMap((f) =>
      readFileSync(fixtures + f, "utf8")
        .split("\n")
        .filter((l) => l.trim())
        .map((l) => JSON.parse(l) as { kind: string; question: string }),
    )
    .filter((i) => i.kind !== "quote")
    .map((i) => i.question);
  const notes = loadCorpus().documents.flatMap((d) =>
    d.paragraphs.flatMap((p) => [...(p.notes?.questions ?? []), ...(p.notes?.unanswered ?? [])]),
  );
  const pool = [...new Set([...asked, ...notes].map((q) => q.trim()))];
  return ["", "tell me, ", "so ", "please: "].flatMap((prefix) => pool.map((q) => prefix + q));
}
const DISTINCT = distinctQuestions();
/** Five questions asked again and again. */
const QUESTIONS = [
  "what happened to Trotsky's family?",
  "who was Leopold Trepper?",
  "what were the purge trials?",
  "did Amis read Trotsky?",
  "what is the best pizza recipe?",
];

const SUBJECTS: readonly { name: SubjectName; label: string; interaction: (n: number) => SendCommandOptions }[] = [
  { name: "echo", label: "echo bot (floor)", interaction: () => ({ name: "echo" }) },
  { name: "quote", label: "bot /quote paragraph", interaction: (n) => ({ name: "quote", options: { paragraph: 1 + (n % PARAGRAPHS) } }) },
  {
    name: "ask",
    label: "bot /ask distinct",
    interaction: (n) => ({ name: "ask", options: { question: DISTINCT[n % DISTINCT.length]! } }),
  },
  {
    name: "ask-repeated",
    label: "bot /ask 5 repeated",
    interaction: (n) => ({ name: "ask", options: { question: QUESTIONS[n % QUESTIONS.length]! } }),
  },
];

/** The value after a flag on the command line, if given. */
function flag(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : undefined;
}
/** `--only echo,ask`: the bots to measure (the ratios need echo among them). */
const ONLY = flag("--only")?.split(",");
/** `--cpu-prof DIR`: each bot process writes a CPU profile into DIR when it stops. */
const PROFILE_DIR = flag("--cpu-prof");
/**
 * `--warm-up N`: interactions sent before measuring (default 200). A bot's first few thousand
 * distinct questions still pay V8 compiling the search core and its caches filling for new words;
 * a larger warm-up measures the bot as it runs after a while.
 */
const WARM_UP = Number(flag("--warm-up") ?? 200);
if (!Number.isInteger(WARM_UP) || WARM_UP < 0) throw new Error("bench: --warm-up takes a whole number of interactions");

// ---------------------------------------------------------------- the bot side (child process)

const ROOT = fileURLToPath(new URL("..", import.meta.url));

/** Whether dist/ is newer than every source (scripts/launch.mjs's rule): then the bots run it, as `npm start` would. */
async function buildIsFresh(): Promise<boolean> {
  const freshness = pathToFileURL(join(ROOT, "scripts", "build-freshness.mjs")).href;
  const { buildIsFresh } = (await import(freshness)) as { buildIsFresh: (root: string) => boolean };
  return buildIsFresh(ROOT);
}

// ---------------------------------------------------------------- the driver (this process)

interface Result {
  label: string;
  load: Load;
  perSecond: number;
  median: number;
  p99: number;
  /** CPU time (user + system) the bot's process spent per interaction, in microseconds. */
  botCpuUs: number;
  /** Share of one core this process (the emulator) used during the run: near 100% = the emulator is the limit. */
  emulatorCpu: number;
  /** The bot's answer-cache hit rate during the run (null for the echo bot and /quote). */
  cacheHitRate: number | null;
}

interface ChildStats {
  cpu: number;
  hits: number;
  misses: number;
}

/** The child's CPU time so far (user + system, in microseconds) and its answer-cache counts. */
async function childStats(child: ChildProcess): Promise<ChildStats> {
  const reply = once(child, "message");
  child.send("cpu");
  const [message] = (await reply) as [{ cpu: NodeJS.CpuUsage; cache: { hits: number; misses: number } }];
  return { cpu: message.cpu.user + message.cpu.system, hits: message.cache.hits, misses: message.cache.misses };
}

async function startBotProcess(name: SubjectName, emulator: DiscordEmulator): Promise<ChildProcess> {
  const compiled = await buildIsFresh();
  // Plain node on the compiled build, as npm start; tsx only when the TypeScript must run.
  const child = fork(join(ROOT, "bench", "e2e-bot.mjs"), [name, ...(compiled ? [] : ["--typescript"])], {
    execArgv: [...(compiled ? [] : ["--import", "tsx"]), ...(PROFILE_DIR ? ["--cpu-prof", "--cpu-prof-dir", PROFILE_DIR] : [])],
    env: { ...process.env, BENCH_TOKEN: emulator.token, BENCH_API_URL: emulator.apiUrl },
  });
  const [message] = (await Promise.race([once(child, "message"), once(child, "exit").then(() => ["exited"])])) as unknown[];
  if (message !== "ready") throw new Error(`bench: the ${name} bot did not start`);
  return child;
}

/** Sends `count` interactions keeping `inFlight` outstanding; each one's latency, and the overall rate. */
async function drive(
  emulator: DiscordEmulator,
  interaction: (n: number) => SendCommandOptions,
  load: Load,
  offset: number,
): Promise<{ latencies: number[]; perSecond: number }> {
  const latencies: number[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < load.count) {
      const n = offset + next++;
      const started = performance.now();
      const sent = emulator.sendCommand(interaction(n));
      await emulator.waitForCallback(sent.id, 30_000);
      latencies.push(performance.now() - started);
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: Math.min(load.inFlight, load.count) }, worker));
  return { latencies, perSecond: load.count / ((performance.now() - started) / 1000) };
}

function percentile(samples: readonly number[], q: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
}

async function measure(subject: (typeof SUBJECTS)[number]): Promise<Result[]> {
  // A fresh emulator per bot: its records (every request, every event) grow with each run.
  const emulator = await DiscordEmulator.start();
  const child = await startBotProcess(subject.name, emulator);
  const results: Result[] = [];
  try {
    await drive(emulator, subject.interaction, { inFlight: 50, count: WARM_UP }, 0);
    let offset = WARM_UP;
    for (const load of LOADS) {
      const botBefore = await childStats(child);
      const before = process.cpuUsage();
      const wallBefore = performance.now();
      const { latencies, perSecond } = await drive(emulator, subject.interaction, load, offset);
      const used = process.cpuUsage(before);
      const wallUs = (performance.now() - wallBefore) * 1000;
      const botAfter = await childStats(child);
      const botCpuUs = (botAfter.cpu - botBefore.cpu) / load.count;
      const lookups = botAfter.hits + botAfter.misses - botBefore.hits - botBefore.misses;
      offset += load.count;
      results.push({
        label: subject.label,
        load,
        perSecond,
        median: percentile(latencies, 0.5),
        p99: percentile(latencies, 0.99),
        botCpuUs,
        emulatorCpu: (used.user + used.system) / wallUs,
        cacheHitRate: lookups > 0 ? (botAfter.hits - botBefore.hits) / lookups : null,
      });
    }
    const answeredOnce = [...emulator.callbacks.values()].filter((c) => c.length === 1).length;
    if (answeredOnce !== offset) throw new Error(`bench: ${subject.label} answered ${answeredOnce} of ${offset} interactions exactly once`);
  } finally {
    const exited = once(child, "exit");
    child.send("stop");
    await exited;
    await emulator.stop();
  }
  return results;
}

async function main(): Promise<void> {
  if (ONLY && !ONLY.includes("echo")) throw new Error("bench: --only must include echo, the floor every ratio is taken against");
  const results: Result[] = [];
  for (const subject of SUBJECTS.filter((s) => !ONLY || ONLY.includes(s.name))) results.push(...(await measure(subject)));

  const floor = (load: Load) => results.find((r) => r.label === SUBJECTS[0]!.label && r.load === load)!;
  const header = [
    "bot",
    "in flight",
    "n",
    "interactions/s",
    "median ms",
    "p99 ms",
    "bot CPU µs/interaction",
    "emulator CPU",
    "rate bot/echo",
    "median bot/echo",
    "CPU bot/echo",
    "cache hits",
  ];
  const rows = LOADS.flatMap((load) =>
    results
      .filter((r) => r.load === load)
      .map((r) => {
        const base = floor(load);
        return [
          r.label,
          String(load.inFlight),
          String(load.count),
          r.perSecond.toFixed(0),
          r.median.toFixed(2),
          r.p99.toFixed(2),
          r.botCpuUs.toFixed(0),
          `${(r.emulatorCpu * 100).toFixed(0)}%`,
          (r.perSecond / base.perSecond).toFixed(2),
          (r.median / base.median).toFixed(2),
          (r.botCpuUs / base.botCpuUs).toFixed(2),
          r.cacheHitRate === null ? "" : `${(r.cacheHitRate * 100).toFixed(0)}%`,
        ];
      }),
  );
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  const code = (await buildIsFresh()) ? "its compiled build (dist/)" : "its TypeScript through tsx (dist/ is older than the sources)";
  console.log(
    `Node ${process.version}, discord.js ${discordJsVersion}; each bot in its own process, the bot running ${code}, the emulator and the clock in this one; ${WARM_UP} interactions of warm-up each.`,
  );
  console.log(line(header));
  console.log(line(widths.map((w) => "-".repeat(w))));
  for (const row of rows) console.log(line(row));
  console.log("rate bot/echo < 1: the bot answers fewer interactions per second than the floor; median bot/echo > 1: it answers later;");
  console.log(
    "CPU bot/echo: what each interaction costs the bot's process beside a bare discord.js client. Emulator CPU near 100%: the emulator, not the bot, set the pace.",
  );
}

await main();
