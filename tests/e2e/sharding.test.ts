/**
 * src/shard.ts as a real process: discord.js's ShardingManager runs src/main.ts once per shard
 * against the emulator; each shard process identifies for its shard and answers in its guilds.
 * What SHARDS and SHARD_COUNT accept is parseConfig's (tests/bot/config.test.ts).
 */
import { afterEach, describe, expect, it } from "vitest";
import { DiscordEmulator, type IdentifyRecord } from "../emulator/index.ts";
import { EPHEMERAL, spawnTree, within, type Child } from "./helpers.ts";
import { childEnv } from "../support/child-env.ts";

// Two shard processes start one after the other (Node, tsx, discord.js, the index, login each).
const TIMEOUT_MS = 60_000;

const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function startShards(emulator: DiscordEmulator, env: Record<string, string>): Child {
  const child = spawnTree(
    process.execPath,
    ["--import", "tsx", "src/shard.ts"],
    childEnv({ DISCORD_TOKEN: emulator.token, DISCORD_API_URL: emulator.apiUrl, LOG_LEVEL: "info", ...env }),
  );
  cleanups.push(() => child.kill());
  return child;
}

/** Waits for an IDENTIFY, failing early (with the logs) if the process tree exits first. */
function identifyOf(emulator: DiscordEmulator, child: Child, shard: [number, number]): Promise<IdentifyRecord> {
  return Promise.race([
    emulator.waitForIdentify((i) => i.shard[0] === shard[0] && i.shard[1] === shard[1], TIMEOUT_MS - 15_000),
    child.exited.then((code) => {
      throw new Error(`src/shard.ts exited (${code}) before shard [${shard.join(",")}] identified:\n${child.stderr}`);
    }),
  ]);
}

describe("src/shard.ts (ShardingManager)", () => {
  it(
    "given SHARD_COUNT=2, it runs two shard processes that identify as [0,2] and [1,2], each answering in the guilds it owns, and SIGTERM stops them all",
    { timeout: TIMEOUT_MS },
    async () => {
      const emulator = await DiscordEmulator.start({ guilds: 4 });
      cleanups.push(() => emulator.stop());
      const child = startShards(emulator, { SHARD_COUNT: "2", SHARD_SPAWN_DELAY_MS: "500" });

      const [first, second] = await Promise.all([identifyOf(emulator, child, [0, 2]), identifyOf(emulator, child, [1, 2])]);
      expect(first.token).toBe(emulator.token);
      expect(second.token).toBe(emulator.token);
      expect(first.connectionId).not.toBe(second.connectionId);
      expect(emulator.identifies).toHaveLength(2);

      // Guild i belongs to shard i % 2: each interaction reaches only the process running that shard.
      const sent = emulator.guilds.map((g) => emulator.sendCommand({ name: "quote", guildId: g.id, options: { paragraph: 42 } }));
      expect(sent.map((s) => s.shardId)).toEqual([0, 1, 0, 1]);
      for (const s of sent) {
        const response = await emulator.waitForResponse(s.id);
        expect(response.data.flags).toBe(EPHEMERAL);
        expect(response.data.embeds?.[0]?.title).toBe("¶42 · Heroic opposition");
      }

      // Each shard process says it is ready with its one shard and its two guilds; the manager then that all are.
      await child.waitForStderrLine(/"msg":"all shards ready"/, 15_000);
      const ready = child.stderr
        .split("\n")
        .filter((l) => l.includes('"msg":"ready"'))
        .map((l) => JSON.parse(l) as { shards: number[]; guilds: number });
      expect(ready.map((r) => [r.shards, r.guilds]).sort()).toEqual([
        [[0], 2],
        [[1], 2],
      ]);
      expect(child.stderr).not.toContain(emulator.token);

      // SIGTERM to the manager alone: it stops its shards, so the output pipes they share close.
      process.kill(child.process.pid!, "SIGTERM");
      await within(child.closed, 15_000, "the shard processes to exit with the manager");
      expect(await child.exited).toBe(0);
    },
  );

  it("given no SHARD_COUNT, it refuses to start and says why, without contacting Discord", { timeout: TIMEOUT_MS }, async () => {
    const emulator = await DiscordEmulator.start();
    cleanups.push(() => emulator.stop());
    const child = startShards(emulator, {});
    expect(await child.exited).toBe(1);
    expect(child.stderr).toContain("SHARD_COUNT must be a whole number of at least 1 (it is not set).");
    expect(emulator.requests).toEqual([]);
    expect(emulator.identifies).toEqual([]);
  });
});

describe("src/shard.ts configuration", () => {
  it("given SHARD_COUNT=abc, it names the mistake once and exits 1", { timeout: TIMEOUT_MS }, async () => {
    const emulator = await DiscordEmulator.start();
    cleanups.push(() => emulator.stop());
    const child = startShards(emulator, { SHARD_COUNT: "abc" });
    expect(await child.exited).toBe(1);
    expect(child.stderr.match(/SHARD_COUNT must be/g)).toHaveLength(1);
    expect(emulator.requests).toEqual([]);
  });
});

describe("several machines: README's `SHARDS=0,1 SHARD_COUNT=4 npm start`", () => {
  it("given SHARDS=0,1 and SHARD_COUNT=4, npm start runs shards [0,4] and [1,4] in one process", { timeout: TIMEOUT_MS }, async () => {
    const emulator = await DiscordEmulator.start({ guilds: 4 });
    cleanups.push(() => emulator.stop());
    const child = spawnTree(
      "npm",
      ["start"],
      childEnv({ DISCORD_TOKEN: emulator.token, DISCORD_API_URL: emulator.apiUrl, LOG_LEVEL: "info", SHARDS: "0,1", SHARD_COUNT: "4" }),
    );
    cleanups.push(() => child.kill());
    await Promise.all([identifyOf(emulator, child, [0, 4]), identifyOf(emulator, child, [1, 4])]);
    const ready = JSON.parse(await child.waitForStderrLine(/"msg":"ready"/, 20_000)) as { shards: number[] };
    expect(ready.shards).toEqual([0, 1]);
    expect(emulator.identifies.map((i) => i.shard)).toEqual(
      expect.arrayContaining([
        [0, 4],
        [1, 4],
      ]),
    );
    expect(emulator.identifies).toHaveLength(2);
  });
});
