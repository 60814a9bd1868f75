#!/usr/bin/env node
/**
 * `npm test`: the static checks and the whole test suite, arranged for a machine of two cores.
 * The process project's tests (vitest.config.ts) mostly wait, on child processes, sockets and
 * Discord's timers, so the static checks (tsc with eslint, then prettier, then knip; one core at a
 * time) run beside them; the unit project, which keeps every core busy, follows the process
 * project. One after the other the same work takes about half as long again.
 *
 * Everything runs to the end, so one run shows every failure; the exit code is 1 if anything
 * failed. Vitest prints as it goes; the static checks' output is held and printed at the end, so
 * the two do not interleave. Arguments are passed to vitest (`npm test -- tests/search`).
 */
import { spawn } from "node:child_process";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import process from "node:process";
import { fileURLToPath, URL } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const bin = (name) => join(root, "node_modules", ".bin", name);
const vitestArgs = process.argv.slice(2);

/** Runs a command from the project root; `held` keeps its output for later instead of printing it. */
function run(label, command, args, { held = false } = {}) {
  const started = performance.now();
  const child = spawn(command, args, { cwd: root, stdio: held ? ["ignore", "pipe", "pipe"] : "inherit" });
  let output = "";
  if (held) {
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
  }
  return new Promise((resolve) => {
    const done = (code) => resolve({ label, code, output, seconds: (performance.now() - started) / 1000 });
    child.on("error", (error) => ((output += `${error.message}\n`), done(1)));
    child.on("close", done);
  });
}

async function staticChecks() {
  const results = [];
  results.push(await run("tsc and eslint", process.execPath, [join(root, "scripts", "typecheck-and-lint.mjs")], { held: true }));
  results.push(await run("prettier --check", bin("prettier"), ["--check", "."], { held: true }));
  results.push(await run("knip", bin("knip"), [], { held: true }));
  return results;
}

async function suite() {
  // With a filter, a project may have none of the files asked for: that is no failure.
  const filtered = vitestArgs.length > 0 ? ["--passWithNoTests", ...vitestArgs] : [];
  const results = [];
  results.push(await run("vitest (process)", bin("vitest"), ["run", "--project", "process", ...filtered]));
  results.push(await run("vitest (unit)", bin("vitest"), ["run", "--project", "unit", ...filtered]));
  return results;
}

const started = performance.now();
const [checks, tests] = await Promise.all([staticChecks(), suite()]);
for (const check of checks) {
  if (check.code !== 0) process.stdout.write(`\n── ${check.label} failed ──\n${check.output}`);
}
process.stdout.write("\n");
for (const result of [...checks, ...tests]) {
  process.stdout.write(`${result.code === 0 ? "✓" : "✗"} ${result.label} (${result.seconds.toFixed(1)} s)\n`);
}
const failed = [...checks, ...tests].filter((r) => r.code !== 0);
process.stdout.write(
  `npm test: ${failed.length === 0 ? "passed" : `${failed.length} failed`} in ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
);
process.exit(failed.length === 0 ? 0 : 1);
