/**
 * `npm run start:sharded` against the loopback Discord: the ShardingManager starts two shard processes,
 * each identifies as its shard and gets only its own guild's events (Discord's routing, played by the
 * loopback); both answer, and one `/stats` counts the questions of both, read from the store they share.
 * Then SIGTERM stops every shard cleanly.
 */
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fetchGatewayInfo, readShardingConfig, shardOf, spawnDelayMs } from '../../src/discord/sharding.js';
import { spawnScript, tempDir } from '../helpers.js';
import { embedOf, makeToken, messageOf } from './harness.js';
import { LoopbackDiscord, shardOfGuild } from './loopback.js';

const temp = tempDir();
const servers: LoopbackDiscord[] = [];

afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
  temp.cleanup();
});

describe('sharding settings', () => {
  it('reads SHARD_COUNT and SHARD_LIST, and says what is wrong', () => {
    expect(readShardingConfig({})).toEqual({ config: { shardCount: 'auto', shardList: null }, problems: [] });
    expect(readShardingConfig({ SHARD_COUNT: '8', SHARD_LIST: '0-2, 5' }).config).toEqual({ shardCount: 8, shardList: [0, 1, 2, 5] });
    expect(readShardingConfig({ SHARD_COUNT: 'many' }).problems[0]).toMatch(/SHARD_COUNT must be a whole number/);
    expect(readShardingConfig({ SHARD_LIST: '0-1' }).problems[0]).toMatch(/SHARD_LIST needs SHARD_COUNT/);
    expect(readShardingConfig({ SHARD_COUNT: '2', SHARD_LIST: '1-2' }).problems[0]).toMatch(/beyond SHARD_COUNT/);
  });

  it("routes a server to Discord's shard, DMs to shard 0, and spaces starts by the identify limit", () => {
    // A snowflake's top bits are its time: 1234567 here, so shard 1234567 % 4 = 3 of 4.
    const id = ((1234567n << 22n) | 12345n).toString();
    expect(shardOf(id, 4)).toBe(3);
    expect(shardOf(id, 2)).toBe(1);
    expect(shardOf(null, 4)).toBe(0);
    expect(shardOf('123456789012345678', 1)).toBe(0);
    expect(spawnDelayMs(1)).toBe(5500);
    expect(spawnDelayMs(16)).toBe(344);
  });
});

describe('GET /gateway/bot', () => {
  it("reads Discord's recommended shard count and identify limits through DISCORD_API_URL", async () => {
    const token = makeToken();
    const server = await LoopbackDiscord.start({ token, recommendedShards: 3, maxConcurrency: 16 });
    servers.push(server);
    expect(await fetchGatewayInfo({ token, apiUrl: server.apiUrl })).toEqual({ shards: 3, remaining: 999, maxConcurrency: 16 });
    await expect(fetchGatewayInfo({ token: makeToken(), apiUrl: server.apiUrl })).rejects.toThrow(/401|Unauthorized/);
  });
});

describe('npm run start:sharded', () => {
  it('runs two shards that both answer, and one /stats counts both', async () => {
    const token = makeToken();
    // Two guilds, one per shard; a higher identify concurrency so the test need not wait 5.5 s between shards.
    const server = await LoopbackDiscord.start({ token, guilds: 2, maxConcurrency: 16 });
    servers.push(server);
    const [first, second] = server.guilds;
    expect(first && second).toBeTruthy();
    expect([shardOfGuild(first?.id ?? '', 2), shardOfGuild(second?.id ?? '', 2)]).toEqual([0, 1]);

    const child = spawnScript('start-sharded.ts', {
      cwd: temp.dir,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: temp.dir,
        DISCORD_TOKEN: token,
        DISCORD_API_URL: server.apiUrl,
        SHARD_COUNT: '2',
        DATABASE_PATH: join(temp.dir, 'shared.db'),
        COOLDOWN_PER_MINUTE: '0',
      },
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      await server.until(() => (/All 2 shard\(s\) ready/.test(output) ? true : undefined), 'both shards to be ready', 120_000).catch((e: unknown) => {
        throw new Error(`${e instanceof Error ? e.message : String(e)}\n${output}`);
      });
      expect(server.connectedShards()).toEqual([0, 1]);
      const shards = server.frames.filter((f) => f.op === 2).map((f) => (f.d as { shard?: unknown }).shard);
      expect(shards).toEqual(expect.arrayContaining([[0, 2], [1, 2]]));
      // Each shard process logs in as its shard, with its one server (its line may follow the manager's).
      for (const shard of [0, 1]) {
        const line = new RegExp(`\\[shard ${shard}\\] .*Logged in as .* as shard ${shard} of 2 in 1 server`);
        await server.until(() => (line.test(output) ? true : undefined), `shard ${shard} to log in`);
      }

      // A question in each guild, and one in a DM: each goes to its own shard's connection.
      const asked = [
        server.injectCommand('ask', { question: 'How many people have been displaced by the offensive on Idlib?' }, { guildId: first?.id ?? '' }),
        server.injectCommand('ask', { question: 'How many Turkish soldiers have been killed in Idlib?' }, { guildId: second?.id ?? '' }),
        server.injectCommand('ask', { question: 'What is the capital of France?' }, { dm: true }),
      ];
      for (const i of asked) {
        const embed = embedOf(await server.originalEdit(i));
        expect(embed.title).toBeTruthy();
      }
      expect(embedOf(await server.originalEdit(asked[0]!)).description).toMatch(/^> /);
      expect(embedOf(await server.originalEdit(asked[1]!)).description).toMatch(/^> /);
      // Each shard logs what it answered just after recording it (after the answer is sent): wait for all three.
      for (const shard of [0, 1]) {
        await server.until(() => (new RegExp(`\\[shard ${shard}\\] .*/ask: answered`).test(output) ? true : undefined), `shard ${shard} to log its answer`);
      }
      await server.until(() => ((output.match(/\/ask: (answered|abstained)/g) ?? []).length === 3 ? true : undefined), 'all three answers to be recorded');

      // One /stats, run on shard 1, counts every shard's questions: they share the store.
      const stats = server.injectCommand('stats', {}, { guildId: second?.id ?? '', moderator: true });
      const reply = await server.callback(stats);
      const embed = embedOf(reply);
      const field = (name: string): string => embed.fields?.find((f) => f.name === name)?.value ?? '';
      expect(field('Questions')).toMatch(/^3 asked · 2 answered/);
      expect(field('By shard')).toBe('shard 0: 2 asked · shard 1: 1 asked');
      expect(field('Servers')).toBe('2 across 2 shards');
      expect(field('Uptime')).toContain('this is shard 1 of 2');
      expect((messageOf(reply).flags ?? 0) & 64).toBe(64);
    } finally {
      if (child.exitCode === null) child.kill('SIGTERM');
    }
    const code = await Promise.race([exited, new Promise<null>((_, reject) => setTimeout(() => reject(new Error(`no exit:\n${output}`)), 30_000).unref())]);
    expect(code).toBe(0);
    expect(output).toContain('All shards stopped');
    expect(output).not.toContain(token);
    await server.until(() => (server.connectedShards().length === 0 ? true : undefined), 'every shard to disconnect');
  }, 180_000);
});
