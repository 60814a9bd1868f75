/** The repository keeps tokens out of git: asked of git itself, as a commit would. */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

describe(".gitignore", () => {
  const root = fileURLToPath(new URL("../..", import.meta.url));
  const ignored = (path: string) => spawnSync("git", ["check-ignore", "--no-index", "-q", path], { cwd: root }).status === 0;

  it.each([".env", ".env.local", ".env.production", ".env.development.local"])("ignores %s, which may hold a token", (path) => {
    expect(ignored(path)).toBe(true);
  });

  it("keeps .env.example, which documents the variables", () => {
    expect(ignored(".env.example")).toBe(false);
  });
});
