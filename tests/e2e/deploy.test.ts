/**
 * The project's scripts against the emulator: `npm run deploy` as a real process registers exactly
 * the registry's commands to a guild, deployCommands (what it runs) registers them globally, and
 * `npm start` as a real process connects and answers. Their refusals are tests/bot/process.test.ts.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { deployCommands } from "../../src/bot/deploy.ts";
import type { Registry } from "../../src/bot/registry.ts";
import { DiscordEmulator } from "../emulator/index.ts";
import { EPHEMERAL, realRegistry, spawnTree, type Child } from "./helpers.ts";
import { childEnv } from "../support/child-env.ts";

// A child process starts Node, tsx, discord.js and the index: give it room (it takes a few seconds).
const PROCESS_TIMEOUT_MS = 45_000;

let emulator: DiscordEmulator;
let registry: Registry;
const children: Child[] = [];

beforeAll(async () => {
  emulator = await DiscordEmulator.start({ guilds: 2 });
  registry = await realRegistry();
});

afterEach(async () => {
  for (const child of children.splice(0)) await child.kill();
});

afterAll(async () => {
  await emulator?.stop();
});

function npm(script: "start" | "deploy", env: Record<string, string>): Child {
  const child = spawnTree("npm", ["run", "--silent", script], childEnv(env));
  children.push(child);
  return child;
}

/** The names the registry registers, in its order: the list of commands lives in commands/ alone. */
function registeredNames(): string[] {
  return (registryJson() as Array<{ name: string }>).map((c) => c.name);
}

/** What the registry's commands look like on the wire (JSON drops undefined fields). */
function registryJson(): unknown[] {
  return registry.toJSON().map((c) => JSON.parse(JSON.stringify(c)) as unknown);
}

describe("npm run deploy", () => {
  it(
    "given DISCORD_GUILD_ID, it PUTs exactly the registry's command JSON to that guild's commands, with the bot token",
    { timeout: PROCESS_TIMEOUT_MS },
    async () => {
      const guildId = emulator.guilds[1]!.id;
      const before = emulator.requests.length;
      const child = npm("deploy", {
        DISCORD_TOKEN: emulator.token,
        DISCORD_APPLICATION_ID: emulator.applicationId,
        DISCORD_GUILD_ID: guildId,
        DISCORD_API_URL: emulator.apiUrl,
      });
      expect(await child.exited, child.stderr).toBe(0);

      const requests = emulator.requests.slice(before);
      expect(requests.map((r) => `${r.method} ${r.route}`)).toEqual(["PUT putGuildCommands"]);
      const put = requests[0]!;
      expect(put.params).toEqual({ appId: emulator.applicationId, guildId });
      expect(put.headers.authorization).toBe(`Bot ${emulator.token}`);
      expect(put.status).toBe(200);
      expect(put.body).toEqual(registryJson());
      expect((put.body as { name: string }[]).map((c) => c.name)).toEqual(registeredNames());

      // Discord now has them there, and only there.
      expect(emulator.commands.guild.get(guildId)?.map((c) => c.name)).toEqual(registeredNames());
      expect(emulator.commands.guild.has(emulator.guilds[0]!.id)).toBe(false);
      const ids = emulator.commands.guild.get(guildId)!.map((c) => c.id);
      expect(child.stdout).toContain(`Registered ${registeredNames().length} commands to guild ${guildId}`);
      for (const id of ids) expect(child.stdout).toContain(id);
      for (const name of registeredNames())
        expect(child.stdout).toMatch(new RegExp(`(/${name}|“${name}” \\(message menu\\))  \\(id \\d+\\)`));
      expect(child.stdout + child.stderr).not.toContain(emulator.token);
    },
  );

  it("given no guild, deployCommands PUTs exactly the registry's command JSON to the global commands", async () => {
    const before = emulator.requests.length;
    const deployed = await deployCommands({
      token: emulator.token,
      applicationId: emulator.applicationId,
      guildId: null,
      apiUrl: emulator.apiUrl,
      registry,
    });
    expect(deployed).toMatchObject({ scope: "global", route: `/applications/${emulator.applicationId}/commands` });
    const requests = emulator.requests.slice(before);
    expect(requests.map((r) => `${r.method} ${r.route}`)).toEqual(["PUT putGlobalCommands"]);
    expect(requests[0]!.params).toEqual({ appId: emulator.applicationId });
    expect(requests[0]!.headers.authorization).toBe(`Bot ${emulator.token}`);
    expect(requests[0]!.body).toEqual(registryJson());
    expect(emulator.commands.global.map((c) => c.name)).toEqual(registeredNames());
    expect(deployed.commands.map((c) => c.name)).toEqual(registeredNames());
  });
});

describe("npm start", () => {
  it(
    "given DISCORD_TOKEN and DISCORD_API_URL, the process identifies with the token and answers an /ask",
    { timeout: PROCESS_TIMEOUT_MS },
    async () => {
      const child = npm("start", { DISCORD_TOKEN: emulator.token, DISCORD_API_URL: emulator.apiUrl, LOG_LEVEL: "info" });
      const identify = await Promise.race([
        emulator.waitForIdentify(() => true, PROCESS_TIMEOUT_MS - 10_000),
        child.exited.then((code) => {
          throw new Error(`npm start exited (${code}) before identifying:\n${child.stderr}`);
        }),
      ]);
      expect(identify).toMatchObject({ token: emulator.token, shard: [0, 1] });

      // READY and the guilds went out with the IDENTIFY; the command queues behind them.
      const sent = emulator.sendCommand({ name: "ask", options: { question: "what happened to Trotsky's family?" } });
      const response = await emulator.waitForResponse(sent.id);
      expect(response.data.flags).toBe(EPHEMERAL);
      expect(response.data.embeds?.[0]?.fields?.[0]?.name).toBe("¶42 · Heroic opposition");

      // Its logs are JSON lines on stderr, without the token.
      const lines = child.stderr
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l) as { level: string; msg: string });
      expect(lines.some((l) => l.msg === "ready")).toBe(true);
      expect(child.stderr).not.toContain(emulator.token);
    },
  );
});
