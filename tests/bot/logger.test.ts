import { describe, expect, it } from "vitest";
import { redactString, REDACTED } from "../../src/bot/logger.ts";
import { captureLogger } from "./helpers.ts";

const TOKEN = "MTIzNDU2Nzg5MDEyMzQ1Njc4OQ.GhIjKl.abcdefghijklmnopqrstuvwxyz0123456789AB";

describe("logger", () => {
  it("given a token-shaped string it was not told about, it masks it anyway", () => {
    const { logger, raw } = captureLogger("debug");
    const other = "OTg3NjU0MzIxMDk4NzY1NDMyMQ.Xy_z-9.QRSTUVWXYZabcdefghijklmnopqrstuvwxyz01";
    logger.error(`bad value ${other}`, { value: other, error: new Error(`not “${other}”`) });
    expect(raw.join("")).not.toContain(other);
    expect(raw.join("")).not.toContain(other.split(".")[2]);
    expect(redactString(`x ${TOKEN} y`, [])).toBe(`x ${REDACTED} y`);
  });

  it("writes one JSON object a line with time, level and message first", () => {
    const { logger, raw, lines } = captureLogger("debug");
    logger.info("ready", { guilds: 3 });
    expect(raw).toHaveLength(1);
    expect(raw[0]!.endsWith("\n")).toBe(true);
    expect(raw[0]!.trimEnd()).not.toContain("\n");
    expect(Object.keys(lines[0]!).slice(0, 3)).toEqual(["time", "level", "msg"]);
    expect(lines[0]).toMatchObject({ level: "info", msg: "ready", guilds: 3 });
  });

  it("given a level, it drops what is below it", () => {
    const { logger, lines } = captureLogger("warn");
    logger.debug("a");
    logger.info("b");
    logger.warn("c");
    logger.error("d");
    expect(lines.map((l) => l.msg)).toEqual(["c", "d"]);
  });

  it("given the token anywhere in a line, it never writes it", () => {
    const { logger, raw } = captureLogger("debug", [TOKEN]);
    const error = new Error(`login failed for ${TOKEN}`);
    logger.error(`token is ${TOKEN}`, { token: TOKEN, nested: { deeper: [`Bot ${TOKEN}`] }, error, [TOKEN]: 1 });
    logger.child({ auth: TOKEN }).warn("child");
    const all = raw.join("");
    expect(all).not.toContain(TOKEN);
    expect(all).not.toContain(TOKEN.slice(0, 26)); // not even most of it
    expect(all).toContain(REDACTED);
  });

  it("given an interaction or webhook URL, it redacts the interaction token", () => {
    const url = "https://discord.com/api/v10/interactions/123456789012345678/aW50ZXJhY3Rpb246MTIzOmFiY2RlZmdoaWprbG1ub3A/callback";
    expect(redactString(url, [])).toBe(`https://discord.com/api/v10/interactions/123456789012345678/${REDACTED}/callback`);
    expect(redactString("/webhooks/1/aW50ZXJhY3Rpb246MTIzOmFiY2RlZmdoaWprbG1ub3A/messages/@original", [])).toContain(
      `/webhooks/1/${REDACTED}/`,
    );
  });

  it("given an error, it logs its name, message, code and stack", () => {
    const { logger, lines } = captureLogger();
    const error = Object.assign(new Error("Unknown interaction"), { code: 10062, status: 404 });
    logger.warn("expired", { error });
    expect(lines[0]!.error).toMatchObject({ name: "Error", message: "Unknown interaction", code: 10062, status: 404 });
    expect(String((lines[0]!.error as { stack: string }).stack)).toContain("logger.test.ts");
  });

  it("given a circular or odd value, it still writes a line", () => {
    const { logger, lines } = captureLogger();
    const a: Record<string, unknown> = { n: 1n };
    a.self = a;
    logger.info("odd", { a, set: new Set([1]), map: new Map([["k", "v"]]) });
    expect(lines[0]).toMatchObject({ a: { n: "1", self: "[circular]" }, set: [1], map: { k: "v" } });
  });
});
