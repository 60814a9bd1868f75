import { describe, expect, it } from "vitest";
import { applicationIdFromToken, CONFIG_VARIABLES, parseConfig } from "../../src/bot/config.ts";
import { ConfigurationError, loadEnv } from "../../src/bot/env.ts";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const APP_ID = "1234567890123456789";
const TOKEN = `${Buffer.from(APP_ID).toString("base64url")}.GhIjKl.abcdefghijklmnopqrstuvwxyz0123456789AB`;

function errorsOf(env: Record<string, string>): string[] {
  const result = parseConfig(env);
  return result.ok ? [] : result.errors;
}

describe("parseConfig", () => {
  it.each([
    "DISCORD_APPLICATION_ID",
    "DISCORD_GUILD_ID",
    "PUBLIC_GUILD_IDS",
    "DISCORD_API_URL",
    "LOG_LEVEL",
    "ASK_COOLDOWN_LIMIT",
    "DEFER_AFTER_MS",
  ])("given the token pasted into %s, the error names the variable and masks the token", (name) => {
    const errors = errorsOf({ [name]: TOKEN });
    expect(errors.join("\n")).toContain(name);
    expect(errors.join("\n")).toContain("[redacted]");
    expect(errors.join("\n")).not.toContain(TOKEN.split(".")[2]);
  });

  it("given an empty environment, it gives the console defaults", () => {
    const result = parseConfig({});
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.config).toMatchObject({
      token: null,
      applicationId: null,
      guildId: null,
      apiUrl: null,
      cooldown: { limit: 5, seconds: 30 },
      logLevel: "info",
      deferAfterMs: 2000,
      databasePath: "data/bot.sqlite",
      databaseUrl: null,
    });
    expect(result.config.publicGuildIds.size).toBe(0);
  });

  it("given every variable, it reads them all", () => {
    const result = parseConfig({
      DISCORD_TOKEN: TOKEN,
      DISCORD_APPLICATION_ID: "111111111111111111",
      DISCORD_GUILD_ID: "222222222222222222",
      DISCORD_API_URL: "http://127.0.0.1:8080/api",
      PUBLIC_GUILD_IDS: "333333333333333333, 444444444444444444",
      ASK_COOLDOWN_LIMIT: "3",
      ASK_COOLDOWN_SECONDS: "60",
      LOG_LEVEL: "DEBUG",
      DEFER_AFTER_MS: "1500",
      DATABASE_PATH: "/var/lib/koba/bot.sqlite",
      DATABASE_URL: "postgres://koba:secret@db.example.org:5432/koba",
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.config).toMatchObject({
      token: TOKEN,
      applicationId: "111111111111111111",
      guildId: "222222222222222222",
      apiUrl: "http://127.0.0.1:8080/api",
      cooldown: { limit: 3, seconds: 60 },
      logLevel: "debug",
      deferAfterMs: 1500,
      databasePath: "/var/lib/koba/bot.sqlite",
      databaseUrl: "postgres://koba:secret@db.example.org:5432/koba",
    });
    expect([...result.config.publicGuildIds]).toEqual(["333333333333333333", "444444444444444444"]);
  });

  it("given a token but no application id, it reads the id from the token", () => {
    const result = parseConfig({ DISCORD_TOKEN: TOKEN });
    expect(result.ok && result.config.applicationId).toBe(APP_ID);
    expect(applicationIdFromToken("not.a.token")).toBeNull();
  });

  it.each([
    [{ DISCORD_TOKEN: `Bot ${TOKEN}` }, "DISCORD_TOKEN"],
    [{ DISCORD_TOKEN: "just-one-part" }, "DISCORD_TOKEN"],
    [{ DISCORD_APPLICATION_ID: "abc" }, "DISCORD_APPLICATION_ID"],
    [{ DISCORD_GUILD_ID: "12" }, "DISCORD_GUILD_ID"],
    [{ DISCORD_API_URL: "localhost:8080" }, "DISCORD_API_URL"],
    [{ DISCORD_API_URL: "ftp://x/api" }, "DISCORD_API_URL"],
    [{ PUBLIC_GUILD_IDS: "333333333333333333,nope" }, "PUBLIC_GUILD_IDS"],
    [{ ASK_COOLDOWN_LIMIT: "0" }, "ASK_COOLDOWN_LIMIT"],
    [{ ASK_COOLDOWN_LIMIT: "five" }, "ASK_COOLDOWN_LIMIT"],
    [{ ASK_COOLDOWN_SECONDS: "-3" }, "ASK_COOLDOWN_SECONDS"],
    [{ LOG_LEVEL: "verbose" }, "LOG_LEVEL"],
    [{ DEFER_AFTER_MS: "5000" }, "DEFER_AFTER_MS"],
    [{ DATABASE_URL: "mysql://root@localhost/koba" }, "DATABASE_URL must be a PostgreSQL URL"],
    [{ SHARD_COUNT: "abc" }, "SHARD_COUNT must be a whole number from 1 to 100000, not “abc”"],
    [{ SHARDS: "0,1" }, "SHARDS needs SHARD_COUNT"],
    [{ SHARDS: "0;1", SHARD_COUNT: "4" }, "SHARDS must be shard numbers separated by commas"],
    [{ SHARDS: "3,4", SHARD_COUNT: "4" }, "SHARDS must be below SHARD_COUNT (4)"],
  ])("given an invalid %o, the error names %s", (env, name) => {
    const errors = errorsOf(env);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(name);
  });

  it("given several mistakes, it reports them all at once", () => {
    const errors = errorsOf({ ASK_COOLDOWN_LIMIT: "x", LOG_LEVEL: "loud", DISCORD_GUILD_ID: "1" });
    expect(errors).toHaveLength(3);
  });

  it("given an invalid token, the error does not repeat the token", () => {
    const secret = "Bot abcdefghijklmnop.qrstuv.wxyz";
    expect(errorsOf({ DISCORD_TOKEN: secret }).join(" ")).not.toContain("abcdefghijklmnop");
  });

  it.each([
    ["0,1", "4", [0, 1]],
    ["[2,3]", "4", [2, 3]],
    ["1", "2", [1]],
    [" 0, 3 ", "4", [0, 3]],
  ])("given SHARDS=%j and SHARD_COUNT=%s, it reads the shards as numbers", (shards, count, expected) => {
    const result = parseConfig({ SHARDS: shards, SHARD_COUNT: count });
    expect(result.ok && result.config.shards).toEqual(expected);
    expect(result.ok && result.config.shardCount).toBe(Number(count));
  });

  it("every variable it reads is documented in .env.example", () => {
    const example = readFileSync(new URL("../../.env.example", import.meta.url), "utf8");
    for (const name of CONFIG_VARIABLES) expect(example).toMatch(new RegExp(`^#?\\s*${name}=`, "m"));
  });
});

describe("loadEnv", () => {
  const root = fileURLToPath(new URL("../..", import.meta.url));

  it.each([
    ["missing.env", "DOTENV_CONFIG_PATH names “missing.env”, which does not exist."],
    ["corpus", "DOTENV_CONFIG_PATH names “corpus”, which is a folder, not a file."],
  ])("given DOTENV_CONFIG_PATH=%s, it refuses in one sentence", (path, message) => {
    expect(() => loadEnv({ DOTENV_CONFIG_PATH: path }, root)).toThrow(new ConfigurationError(message));
  });
});
