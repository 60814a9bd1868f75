/**
 * Start-up benchmark: how soon the console gives its first answer, and how much memory the bot
 * holds once ready, for each way of starting it, measured side by side (the variants take turns,
 * round after round, so a busy machine slows them alike). Prints medians; asserts nothing.
 *
 *   npm run bench:startup                       this tree: npm start, node dist/src/main.js (from its start-up
 *                                               snapshot, and without it: CORPUS_DIR naming a copy of the
 *                                               corpus, which the snapshot was not built from), tsx src/main.ts
 *   npm run bench:startup -- --base ../old      also another checkout (with its node_modules), started by its npm start
 *                                               and, when it has a build (dist/.built), by node dist/src/main.js
 *
 * Run `npm run build` first: the compiled variants run dist/.
 */
import { spawn } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { DiscordEmulator } from "../tests/emulator/index.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 9);

interface Variant {
  label: string;
  cwd: string;
  command: string;
  args: string[];
  env?: Record<string, string>;
}

/** A copy of the corpus: the console's snapshot was built from corpus/, so over this it builds its index at start. */
const corpusCopy = join(mkdtempSync(join(tmpdir(), "koba-bench-corpus-")), "corpus");
cpSync(join(ROOT, "corpus"), corpusCopy, { recursive: true });

const at = process.argv.indexOf("--base");
const base = at >= 0 ? process.argv[at + 1] : undefined;
const VARIANTS: Variant[] = [
  ...(base ? [{ label: "base: npm start", cwd: base, command: "npm", args: ["start", "--silent"] }] : []),
  // A base with a build of its own is also timed on plain node, as this tree's build is.
  ...(base && existsSync(join(base, "dist/.built"))
    ? [{ label: "base: node dist/src/main.js", cwd: base, command: process.execPath, args: ["dist/src/main.js"] }]
    : []),
  { label: "tsx src/main.ts", cwd: ROOT, command: join(ROOT, "node_modules/.bin/tsx"), args: ["src/main.ts"] },
  { label: "npm start", cwd: ROOT, command: "npm", args: ["start", "--silent"] },
  { label: "node dist/src/main.js", cwd: ROOT, command: process.execPath, args: ["dist/src/main.js"] },
  {
    label: "… without its snapshot",
    cwd: ROOT,
    command: process.execPath,
    args: ["dist/src/main.js"],
    env: { CORPUS_DIR: corpusCopy },
  },
];

/** The environment of a child: no bot variables from this shell or a .env. */
function env(extra: Record<string, string>): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = { ...process.env, DOTENV_CONFIG_PATH: "/dev/null" };
  for (const name of Object.keys(out)) if (/^(DISCORD_|LOG_LEVEL|CORPUS_DIR)/.test(name)) delete out[name];
  return { ...out, ...extra };
}

/** Resident memory of a process group (a command and everything it started), in MiB. */
function groupRss(pgid: number): number {
  let kib = 0;
  for (const pid of readdirSync("/proc").filter((p) => /^\d+$/.test(p))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(fields[2]) !== pgid) continue;
      const rss = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
      kib += Number(rss?.[1] ?? 0);
    } catch {
      // The process ended meanwhile.
    }
  }
  return kib / 1024;
}

/** Milliseconds from spawn to the first answer on stdout, piping one /ask to the console. */
function firstAnswer(v: Variant): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(v.command, v.args, { cwd: v.cwd, env: env(v.env ?? {}), stdio: ["pipe", "pipe", "pipe"] });
    let out = "";
    let done = false;
    child.stdout.on("data", (c: Buffer) => {
      out += c.toString("utf8");
      if (!done && out.includes("¶")) {
        done = true;
        resolve(performance.now() - started);
      }
    });
    child.on("exit", (code) => {
      if (!done) reject(new Error(`${v.label} exited ${code} without an answer`));
    });
    child.stdin.end("/ask what happened to Trotsky's family?\n");
  });
}

/** The bot against the emulator: resident memory of its whole process tree once ready, in MiB. */
async function botMemory(v: Variant, emulator: DiscordEmulator): Promise<{ rss: number; processes: number }> {
  const child = spawn(v.command, v.args, {
    cwd: v.cwd,
    env: env({ ...v.env, DISCORD_TOKEN: emulator.token, DISCORD_API_URL: emulator.apiUrl, LOG_LEVEL: "info" }),
    stdio: ["ignore", "ignore", "pipe"],
    detached: true,
  });
  let err = "";
  await new Promise<void>((resolve, reject) => {
    child.stderr.on("data", (c: Buffer) => {
      err += c.toString("utf8");
      if (err.includes('"msg":"ready"')) resolve();
    });
    child.on("exit", (code) => reject(new Error(`${v.label} exited ${code}: ${err}`)));
  });
  await new Promise((r) => setTimeout(r, 1000));
  const rss = groupRss(child.pid!);
  const processes = readdirSync("/proc").filter((p) => {
    try {
      const stat = readFileSync(`/proc/${p}/stat`, "utf8");
      return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[2]) === child.pid;
    } catch {
      return false;
    }
  }).length;
  const exited = new Promise((r) => child.once("exit", r));
  process.kill(-child.pid!, "SIGTERM");
  await exited;
  return { rss, processes };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main(): Promise<void> {
  if (!existsSync(join(ROOT, "dist/.built"))) throw new Error("bench: run npm run build first");
  const answers = new Map<string, number[]>(VARIANTS.map((v) => [v.label, []]));
  const memory = new Map<string, { rss: number; processes: number }[]>(VARIANTS.map((v) => [v.label, []]));
  for (const v of VARIANTS) await firstAnswer(v); // warm the file cache
  for (let round = 0; round < ROUNDS; round++) for (const v of VARIANTS) answers.get(v.label)!.push(await firstAnswer(v));
  const emulator = await DiscordEmulator.start();
  try {
    for (let round = 0; round < 3; round++) for (const v of VARIANTS) memory.get(v.label)!.push(await botMemory(v, emulator));
  } finally {
    await emulator.stop();
    rmSync(dirname(corpusCopy), { recursive: true, force: true });
  }
  console.log(`Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? "CPU"}; ${ROUNDS} rounds, variants interleaved.`);
  console.log(["variant".padEnd(24), "first answer ms (median)", "bot RSS after ready MiB", "processes"].join("  "));
  const reference = median(answers.get(VARIANTS[0]!.label)!);
  for (const v of VARIANTS) {
    const a = median(answers.get(v.label)!);
    const m = memory.get(v.label)!;
    console.log(
      [
        v.label.padEnd(24),
        `${a.toFixed(0)} (${(a / reference).toFixed(2)}×)`.padStart(24),
        median(m.map((x) => x.rss))
          .toFixed(0)
          .padStart(23),
        String(median(m.map((x) => x.processes))).padStart(9),
      ].join("  "),
    );
  }
}

await main();
