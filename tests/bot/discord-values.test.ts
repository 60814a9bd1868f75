import * as api from "discord-api-types/v10";
import { describe, expect, it } from "vitest";
import * as values from "../../src/bot/discord-values.ts";

describe("the Discord enum values spelled out for the console", () => {
  it("given discord-api-types' enums, every value is the same", () => {
    // Looked up by the name each enum has in src/bot/discord-values.ts, so a new one is compared too.
    const real = api as unknown as Record<string, Record<string, number | bigint> | undefined>;
    for (const [name, members] of Object.entries(values)) {
      expect(real[name], name).toBeDefined();
      for (const [member, value] of Object.entries(members)) expect(value, `${name}.${member}`).toBe(real[name]![member]);
    }
  });
});
