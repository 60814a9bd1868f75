/** The command line as the evaluation runs it: `npm run --silent`, a real process. Its contract is tests/cli/cli.test.ts. */
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../..", import.meta.url));

describe("npm run --silent ask", () => {
  it("run as the evaluation runs it (npm run --silent, --jsonl), prints only JSON lines; cut short (| head -1), ends quietly: no EPIPE, exit 0", () => {
    const dir = mkdtempSync(join(tmpdir(), "koba-cli-"));
    const input = join(dir, "questions.txt");
    writeFileSync(input, "what happened to Trotsky's family?\n".repeat(400));
    const result = spawnSync("bash", ["-c", `set -o pipefail; npm run --silent ask -- --jsonl < "${input}" | head -1`], {
      cwd: root,
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    const lines = result.stdout.trim().split("\n");
    expect(lines).toHaveLength(1);
    const first = JSON.parse(lines[0]!) as { query: string; answered: boolean; results: { paragraph: number }[] };
    expect(first).toMatchObject({ query: "what happened to Trotsky's family?", answered: true });
    expect(first.results[0]?.paragraph).toBe(42);
  }, 60_000);
});
