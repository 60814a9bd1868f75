/**
 * The project's own install: every dependency that runs an install script is reviewed in
 * package.json's allowScripts (npm 12 blocks the others; npm 11 warns about them).
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../..", import.meta.url));
const readJson = (file: string) => JSON.parse(readFileSync(new URL(`../../${file}`, import.meta.url), "utf8")) as Record<string, unknown>;

describe("npm install", () => {
  it("given the lockfile, every package with an install script is covered by allowScripts", () => {
    const lock = readJson("package-lock.json") as { packages: Record<string, { hasInstallScript?: boolean }> };
    const allowed = (readJson("package.json").allowScripts ?? {}) as Record<string, boolean>;
    const withScripts = Object.entries(lock.packages)
      .filter(([, p]) => p.hasInstallScript)
      .map(([path]) => path.slice(path.lastIndexOf("node_modules/") + "node_modules/".length));
    expect(withScripts.length).toBeGreaterThan(0);
    for (const name of withScripts) expect(allowed, name).toHaveProperty([name]);
  });

  it("npm itself finds no install script left to review", () => {
    const result = spawnSync("npm", ["install-scripts", "ls"], { cwd: root, encoding: "utf8", timeout: 60_000 });
    expect(`${result.stdout}${result.stderr}`).not.toMatch(/not yet covered/);
  });
});
