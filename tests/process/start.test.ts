/**
 * The bot as a process and its adapters against a local HTTP server standing in for Discord's
 * REST API (no network): the gateway adapter's options, login failure and start timeout in this
 * process; then one spawned process per way `npm start` and `npm run deploy` refuse to run. What
 * each variable accepts is parseConfig's (config.test.ts); the successful deploy and `npm start`
 * answering are the emulator's end-to-end suite (e2e/deploy.test.ts).
 */
import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createServer as createNetServer, type AddressInfo, type Socket } from "node:net";
import { fileURLToPath } from "node:url";
import { GatewayIntentBits } from "discord.js";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { childEnv } from "../support/child-env.ts";
import { defaultConfig } from "../../src/bot/config.ts";
import { createBot } from "../../src/bot/gateway.ts";
import { Storage } from "../../src/storage/index.ts";
import { captureLogger, realRegistry, realSearch } from "../bot/helpers.ts";

const root = fileURLToPath(new URL("../..", import.meta.url));
const APP_ID = "1234567890123456789";
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
  const answer = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
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
  };
  server = createServer((req, res) => void answer(req, res));
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
  const child = spawn("npm", ["run", "--silent", script], { cwd: root, env: childEnv(env), stdio: ["pipe", "pipe", "pipe"] });
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

  it("given shards and a shard count, hands them to the client", async () => {
    const bot = createBot({
      token: TOKEN,
      search: realSearch(),
      config: defaultConfig(),
      logger: captureLogger().logger,
      registry: await realRegistry(),
      shards: [0, 2],
      shardCount: 3,
    });
    expect(bot.client.options.shards).toEqual([0, 2]);
    expect(bot.client.options.shardCount).toBe(3);
    await bot.stop();
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

  it("given an API that accepts connections and never answers, start() says it is connecting, then gives up after START_TIMEOUT_SECONDS", async () => {
    const silent = await silentServer();
    try {
      const { logger, lines } = captureLogger("info");
      const config = { ...defaultConfig(), startTimeoutSeconds: 1 };
      const bot = createBot({ token: TOKEN, apiUrl: silent.url, search: realSearch(), config, logger, registry: await realRegistry() });
      const started = performance.now();
      await expect(bot.start()).rejects.toThrow(`no answer from ${silent.url} within 1 second (START_TIMEOUT_SECONDS)`);
      expect(performance.now() - started).toBeLessThan(5_000);
      await bot.stop();
      expect(lines).toContainEqual(expect.objectContaining({ level: "info", msg: "connecting to Discord", api: silent.url }));
    } finally {
      await silent.close();
    }
  });
});

describe("npm start", () => {
  it("given DOTENV_CONFIG_PATH naming no file, it says so in one sentence, without a stack, and exits 1", async () => {
    const { code, stderr, stdout } = await run("start", { DOTENV_CONFIG_PATH: "missing.env" }, "/about\n");
    expect(code).toBe(1);
    expect(stderr).toBe("Configuration error (see .env.example):\n  - DOTENV_CONFIG_PATH names “missing.env”, which does not exist.\n");
    expect(stdout).toBe("");
  }, 60_000);

  it("given the token pasted into DISCORD_APPLICATION_ID, the error names the variable and never prints the token", async () => {
    const { code, stderr, stdout } = await run("start", { DISCORD_APPLICATION_ID: TOKEN, PUBLIC_GUILD_IDS: TOKEN });
    expect(code).toBe(1);
    expect(stderr).toMatch(/^Configuration error \(see \.env\.example\):\n/);
    expect(stderr).toContain("DISCORD_APPLICATION_ID");
    expect(stderr).toContain("PUBLIC_GUILD_IDS");
    expect(stderr + stdout).not.toContain("s3cr3t-t0ken");
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
    expect(stderr).toContain(`Check DATABASE_PATH (${path})`);
    expect(stdout).toBe("");
  }, 60_000);

  it("given LOG_LEVEL=silent and an API that never answers, the failure is one plain sentence on stderr and the process exits 1 despite the hanging request", async () => {
    const silent = await silentServer();
    try {
      const started = Date.now();
      const { code, stderr } = await run("start", {
        DISCORD_TOKEN: TOKEN,
        DISCORD_API_URL: silent.url,
        START_TIMEOUT_SECONDS: "1",
        LOG_LEVEL: "silent",
      });
      expect(code).toBe(1);
      expect(stderr).toBe(`Could not start the bot: no answer from ${silent.url} within 1 second (START_TIMEOUT_SECONDS)\n`);
      expect(Date.now() - started).toBeLessThan(20_000);
    } finally {
      await silent.close();
    }
  }, 60_000);
});

describe("npm run deploy", () => {
  it("given no token, it says so and exits 1", async () => {
    const { code, stderr, stdout } = await run("deploy", {});
    expect(code).toBe(1);
    expect(stderr).toBe("Configuration error (see .env.example):\n  - DISCORD_TOKEN is required to deploy commands.\n");
    expect(stdout).toBe("");
  }, 60_000);
});

/** A server that accepts connections and never answers: a Discord that hangs. */
async function silentServer(): Promise<{ url: string; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const silent = createNetServer((socket) => sockets.add(socket));
  await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(silent.address() as AddressInfo).port}/api`,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    },
  };
}
