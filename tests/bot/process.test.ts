/**
 * The bot as a process and its adapters against a local HTTP server standing in for Discord's
 * REST API (no network): the gateway adapter's options, login failure, deploy, and start-up
 * configuration errors. The full gateway round trip is the emulator's end-to-end suite.
 */
import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createServer, type IncomingMessage, type Server } from "node:http";
import { createServer as createNetServer, type AddressInfo, type Socket } from "node:net";
import { fileURLToPath } from "node:url";
import { GatewayIntentBits } from "discord.js";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultConfig } from "../../src/bot/config.ts";
import { deployCommands } from "../../src/bot/deploy.ts";
import { createBot } from "../../src/bot/gateway.ts";
import { Storage } from "../../src/storage/index.ts";
import { captureLogger, realRegistry, realSearch } from "./helpers.ts";

const root = fileURLToPath(new URL("../..", import.meta.url));
const APP_ID = "1234567890123456789";
const GUILD_ID = "2234567890123456789";
const TOKEN = `${Buffer.from(APP_ID).toString("base64url")}.GhIjKl.s3cr3t-t0ken-abcdefghijklmnopqrstuvwxyz0123`;

interface Seen {
  method: string;
  url: string;
  authorization: string | undefined;
  body: unknown;
}

let server: Server;
let apiUrl: string;
const seen: Seen[] = [];

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let data = "";
    req.on("data", (c: Buffer) => (data += c.toString("utf8")));
    req.on("end", () => resolve(data));
  });
}

beforeAll(async () => {
  server = createServer(async (req, res) => {
    const text = await readBody(req);
    const body = text ? (JSON.parse(text) as unknown) : null;
    seen.push({ method: req.method ?? "", url: req.url ?? "", authorization: req.headers.authorization, body });
    res.setHeader("content-type", "application/json");
    if (req.method === "PUT" && /\/commands$/.test(req.url ?? "")) {
      res.end(
        JSON.stringify(
          (body as Array<{ name: string }>).map((c, i) => ({ ...c, id: `99000000000000000${i}`, application_id: APP_ID, version: "1" })),
        ),
      );
      return;
    }
    // Everything else, e.g. GET /gateway/bot at login: the token is refused.
    res.statusCode = 401;
    res.end(JSON.stringify({ message: "401: Unauthorized", code: 0 }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

function run(
  script: "start" | "deploy",
  env: Record<string, string>,
  input = "",
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  // A database of its own unless the test gives one, so the repository's data/ is left alone.
  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    DOTENV_CONFIG_PATH: "/dev/null",
    DATABASE_PATH: join(mkdtempSync(join(tmpdir(), "koba-process-")), "bot.sqlite"),
    ...env,
  };
  for (const name of [
    "DISCORD_TOKEN",
    "DISCORD_APPLICATION_ID",
    "DISCORD_GUILD_ID",
    "DISCORD_API_URL",
    "PUBLIC_GUILD_IDS",
    "LOG_LEVEL",
    "DATABASE_URL",
    "START_TIMEOUT_SECONDS",
    "SHARDS",
    "SHARD_COUNT",
  ]) {
    if (!(name in env)) delete childEnv[name];
  }
  const child = spawn("npm", ["run", "--silent", script], { cwd: root, env: childEnv, stdio: ["pipe", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (c: Buffer) => (stdout += c.toString("utf8")));
  child.stderr.on("data", (c: Buffer) => (stderr += c.toString("utf8")));
  child.stdin.end(input);
  return new Promise((resolve) => child.on("close", (code) => resolve({ code, stdout, stderr })));
}

describe("gateway adapter", () => {
  it("uses the Guilds intent only, no allowed mentions, and the REST base it is given", async () => {
    const bot = createBot({
      token: TOKEN,
      apiUrl,
      search: realSearch(),
      config: defaultConfig(),
      logger: captureLogger().logger,
      registry: await realRegistry(),
    });
    expect(bot.client.options.intents.bitfield).toBe(GatewayIntentBits.Guilds);
    expect(bot.client.options.allowedMentions).toEqual({ parse: [], repliedUser: false });
    expect(bot.client.options.rest?.api).toBe(apiUrl);
    await bot.stop();
  });

  it("leaves sharding to discord.js (SHARDS / SHARD_COUNT from a ShardingManager) unless told", async () => {
    const saved = { SHARDS: process.env.SHARDS, SHARD_COUNT: process.env.SHARD_COUNT };
    process.env.SHARDS = "[1]";
    process.env.SHARD_COUNT = "2";
    try {
      const options = {
        token: TOKEN,
        search: realSearch(),
        config: defaultConfig(),
        logger: captureLogger().logger,
        registry: await realRegistry(),
      };
      const managed = createBot(options);
      expect(managed.client.options.shards).toEqual([1]);
      expect(managed.client.options.shardCount).toBe(2);
      const explicit = createBot({ ...options, shards: [0, 2], shardCount: 3 });
      expect(explicit.client.options.shards).toEqual([0, 2]);
      expect(explicit.client.options.shardCount).toBe(3);
      await managed.stop();
      await explicit.stop();
    } finally {
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
  });

  it("given a refused token, start() rejects after asking the given API for the gateway", async () => {
    const before = seen.length;
    const { logger, raw } = captureLogger("debug", [TOKEN]);
    const bot = createBot({ token: TOKEN, apiUrl, search: realSearch(), config: defaultConfig(), logger, registry: await realRegistry() });
    await expect(bot.start()).rejects.toThrow(/token/i);
    await bot.stop();
    const login = seen.slice(before).find((s) => s.url.endsWith("/gateway/bot"));
    expect(login?.url).toBe("/api/v10/gateway/bot");
    expect(login?.authorization).toBe(`Bot ${TOKEN}`);
    expect(raw.join("")).not.toContain(TOKEN);
  });
});

describe("npm start", () => {
  it.each([
    ["missing.env", /DOTENV_CONFIG_PATH names “missing.env”, which does not exist/],
    ["corpus", /DOTENV_CONFIG_PATH names “corpus”, which is a folder/],
  ])(
    "given DOTENV_CONFIG_PATH=%s, it says so in one sentence and exits 1",
    async (path, message) => {
      const { code, stderr, stdout } = await run("start", { DOTENV_CONFIG_PATH: path }, "/about\n");
      expect(code).toBe(1);
      expect(stderr).toMatch(message);
      expect(stderr).not.toMatch(/\n\s+at /);
      expect(stdout).toBe("");
    },
    60_000,
  );

  it("given the token pasted into DISCORD_APPLICATION_ID, the error names the variable and never prints the token", async () => {
    const { code, stderr, stdout } = await run("start", { DISCORD_APPLICATION_ID: TOKEN, PUBLIC_GUILD_IDS: TOKEN });
    expect(code).toBe(1);
    expect(stderr).toContain("DISCORD_APPLICATION_ID");
    expect(stderr).toContain("PUBLIC_GUILD_IDS");
    expect(stderr + stdout).not.toContain("s3cr3t-t0ken");
  }, 60_000);

  it("given an invalid variable, it names it and exits 1 without starting", async () => {
    const { code, stderr, stdout } = await run("start", { ASK_COOLDOWN_LIMIT: "lots", DISCORD_API_URL: "nowhere" });
    expect(code).toBe(1);
    expect(stderr).toContain("ASK_COOLDOWN_LIMIT");
    expect(stderr).toContain("DISCORD_API_URL");
    expect(stdout).toBe("");
  }, 60_000);

  it("given a database whose schema is newer than the bot, it says so, names DATABASE_PATH and exits 1", async () => {
    const path = join(mkdtempSync(join(tmpdir(), "koba-newer-")), "bot.sqlite");
    const store = await Storage.open({ path });
    await sql`insert into kysely_migration (name, timestamp) values (${"0099_later"}, ${new Date().toISOString()})`.execute(store.db);
    await store.close();
    const { code, stderr, stdout } = await run("start", { DATABASE_PATH: path }, "/about\n");
    expect(code).toBe(1);
    expect(stderr).toContain("newer than this version of the bot");
    expect(stderr).toContain("DATABASE_PATH");
    expect(stdout).toBe("");
  }, 60_000);

  it("given a DATABASE_URL that is not PostgreSQL's, it names the variable and exits 1", async () => {
    const { code, stderr } = await run("start", { DATABASE_URL: "mysql://root@localhost/koba" });
    expect(code).toBe(1);
    expect(stderr).toContain("DATABASE_URL must be a PostgreSQL URL");
  }, 60_000);

  it("given a token Discord refuses, it logs JSON lines without the token and exits 1", async () => {
    const { code, stderr } = await run("start", { DISCORD_TOKEN: TOKEN, DISCORD_API_URL: apiUrl, LOG_LEVEL: "debug" });
    expect(code).toBe(1);
    expect(stderr).not.toContain(TOKEN);
    expect(stderr).not.toContain("s3cr3t-t0ken");
    // Every line is a JSON log line but the one plain sentence that says start-up failed.
    const [plain, ...others] = stderr
      .trim()
      .split("\n")
      .sort((a, b) => Number(a.startsWith("{")) - Number(b.startsWith("{")));
    expect(plain).toMatch(/^Could not start the bot: /);
    const lines = others.map((l) => JSON.parse(l) as { level: string; msg: string });
    expect(lines.some((l) => l.level === "error" && l.msg === "could not start the bot")).toBe(true);
    expect(lines.some((l) => l.level === "info" && l.msg === "connecting to Discord" && (l as { api?: string }).api === apiUrl)).toBe(true);
  }, 60_000);

  it("given LOG_LEVEL=silent and a token Discord refuses, the failure is still one plain sentence on stderr", async () => {
    const { code, stderr } = await run("start", { DISCORD_TOKEN: TOKEN, DISCORD_API_URL: apiUrl, LOG_LEVEL: "silent" });
    expect(code).toBe(1);
    expect(stderr.trim().split("\n")).toEqual([expect.stringMatching(/^Could not start the bot: .*token/i)]);
    expect(stderr).not.toContain("s3cr3t-t0ken");
  }, 60_000);

  it("given an API that accepts connections and never answers, it says it is connecting, then gives up after START_TIMEOUT_SECONDS with exit 1", async () => {
    const sockets = new Set<Socket>();
    const silent = createNetServer((socket) => sockets.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(silent.address() as AddressInfo).port}/api`;
    try {
      const started = Date.now();
      const { code, stderr } = await run("start", { DISCORD_TOKEN: TOKEN, DISCORD_API_URL: url, START_TIMEOUT_SECONDS: "2" });
      expect(code).toBe(1);
      expect(stderr).toContain('"msg":"connecting to Discord"');
      expect(stderr).toContain(`Could not start the bot: no answer from ${url} within 2 seconds (START_TIMEOUT_SECONDS)`);
      expect(Date.now() - started).toBeLessThan(20_000);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  }, 60_000);
});

describe("npm run deploy", () => {
  it("given a guild, it registers the slash commands and the message command there and prints them", async () => {
    const before = seen.length;
    const { code, stdout, stderr } = await run("deploy", { DISCORD_TOKEN: TOKEN, DISCORD_GUILD_ID: GUILD_ID, DISCORD_API_URL: apiUrl });
    expect(code, stderr).toBe(0);
    const put = seen.slice(before).find((s) => s.method === "PUT")!;
    expect(put.url).toBe(`/api/v10/applications/${APP_ID}/guilds/${GUILD_ID}/commands`);
    expect((put.body as Array<{ name: string }>).map((c) => c.name).sort()).toEqual(
      (await realRegistry())
        .toJSON()
        .map((c) => (c as { name: string }).name)
        .sort(),
    );
    expect(stdout).toContain(`Registered ${(await realRegistry()).toJSON().length} commands to guild ${GUILD_ID}`);
    for (const name of ["ask", "quote", "about", "help"]) expect(stdout).toContain(`/${name}`);
    expect(stdout).toContain("“Find in the review” (message menu)");
  }, 60_000);

  it("given no guild, it registers the commands globally", async () => {
    const result = await deployCommands({ token: TOKEN, applicationId: APP_ID, guildId: null, apiUrl, registry: await realRegistry() });
    expect(result.scope).toBe("global");
    expect(result.route).toBe(`/applications/${APP_ID}/commands`);
    expect(result.commands.map((c) => c.name).sort()).toEqual(
      (await realRegistry())
        .toJSON()
        .map((c) => (c as { name: string }).name)
        .sort(),
    );
  });

  it("given no token, it says so and exits 1", async () => {
    const { code, stderr } = await run("deploy", {});
    expect(code).toBe(1);
    expect(stderr).toContain("DISCORD_TOKEN");
  }, 60_000);
});
