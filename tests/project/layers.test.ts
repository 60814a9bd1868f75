/**
 * The layers of the tree, read from the import statements: the corpus depends on nothing of ours,
 * the search core only on the corpus, and neither on Discord or storage; storage not on the bot;
 * the shared text helpers (src/text) on nothing of ours (src/bot/DESIGN.md).
 */
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../..", import.meta.url));

/** Every module specifier imported (or re-exported) by the TypeScript files of a folder of src/. */
function importsOf(folder: string): Array<{ file: string; specifier: string }> {
  const dir = `${root}src/${folder}`;
  return readdirSync(dir)
    .filter((f) => f.endsWith(".ts"))
    .flatMap((file) =>
      [...readFileSync(`${dir}/${file}`, "utf8").matchAll(/^(?:import|export)\b[^;]*?\bfrom\s+"([^"]+)"/gms)].map((m) => ({
        file: `src/${folder}/${file}`,
        specifier: m[1]!,
      })),
    );
}

const outside = (imports: ReturnType<typeof importsOf>, forbidden: RegExp) =>
  imports.filter(({ specifier }) => forbidden.test(specifier)).map(({ file, specifier }) => `${file} imports ${specifier}`);

describe("layers", () => {
  it("the corpus imports nothing from the search core, the bot, storage or Discord", () => {
    const imports = importsOf("corpus");
    expect(imports.length).toBeGreaterThan(0);
    expect(outside(imports, /\/(?:search|bot|storage|format)\/|discord/)).toEqual([]);
  });

  it("storage imports nothing from the bot, the commands or Discord", () => {
    const imports = importsOf("storage");
    expect(imports.length).toBeGreaterThan(0);
    expect(outside(imports, /\/(?:bot|commands)\/|discord/)).toEqual([]);
  });

  it("the shared text helpers (src/text) import nothing of ours, so every layer may use them", () => {
    const imports = importsOf("text");
    expect(outside(imports, /^\.|discord/)).toEqual([]);
  });

  it("the search core imports nothing from the bot, storage or Discord", () => {
    const imports = importsOf("search");
    expect(imports.some(({ specifier }) => specifier.startsWith("../corpus/"))).toBe(true);
    expect(outside(imports, /\/(?:bot|storage|format)\/|discord/)).toEqual([]);
  });
});
