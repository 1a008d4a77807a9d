/**
 * Sharding: `npm run start:sharded` runs the bot as several processes under discord.js's
 * ShardingManager, one gateway connection (shard) each; Discord sends each shard the events of the
 * servers whose id maps to it (`(guild_id >> 22) % shard count`), and DMs to shard 0.
 *
 * Every shard is `src/cli/start.ts` in its own process: it loads the same articles, and writes the same
 * store (SQLite in WAL mode with a busy timeout, so their writes queue safely). `/stats` and `/gaps`
 * read that shared store, so whichever shard runs them counts every shard's questions.
 */
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { REST, Routes, ShardingManager } from 'discord.js';
import { RUNTIME_FLAGS, tsxImport } from '../cli/runtime-flags.js';
import type { Shard } from 'discord.js';
import { readStoreConfig } from '../store/config.js';
import { ConfigError, loadDiscordConfig } from './config.js';
import type { DiscordConfig } from './config.js';
import { createLogger } from './logger.js';
import type { Logger } from './logger.js';

export interface ShardingConfig {
  /** SHARD_COUNT: shards in all, or `auto` (default) for what Discord recommends (GET /gateway/bot). */
  shardCount: number | 'auto';
  /**
   * SHARD_LIST: the shards this host runs, e.g. `0-3` or `4,5,6,7`, to spread one bot over several hosts
   * (each host the same SHARD_COUNT and its own range). Needs a number in SHARD_COUNT. Default: all.
   */
  shardList: number[] | null;
}

type Env = Readonly<Record<string, string | undefined>>;

/** The script every shard runs: the ordinary `npm start` entry point, which sees DISCORD_TOKEN and runs the bot. */
export const SHARD_SCRIPT = fileURLToPath(new URL('../cli/start.ts', import.meta.url));

/** How long a shard may take to load the articles and report ready. */
const SHARD_READY_TIMEOUT_MS = 120_000;
/** How long the shards may take to shut down after a signal before they are killed. */
const SHUTDOWN_TIMEOUT_MS = 15_000;

export function readShardingConfig(env: Env = process.env): { config: ShardingConfig; problems: string[] } {
  const problems: string[] = [];
  let shardCount: number | 'auto' = 'auto';
  const count = env.SHARD_COUNT?.trim().toLowerCase();
  if (count && count !== 'auto') {
    if (/^\d{1,5}$/.test(count) && Number(count) >= 1) shardCount = Number(count);
    else problems.push(`SHARD_COUNT must be a whole number of shards (1 or more) or "auto", got "${count}".`);
  }
  let shardList: number[] | null = null;
  const list = env.SHARD_LIST?.trim();
  if (list) {
    const ids = new Set<number>();
    for (const part of list.split(',').map((p) => p.trim()).filter(Boolean)) {
      const range = /^(\d{1,5})(?:-(\d{1,5}))?$/.exec(part);
      if (!range) {
        problems.push(`SHARD_LIST must list shard ids and ranges such as "0-3" or "4,5,6", got "${part}".`);
        continue;
      }
      const from = Number(range[1]);
      const to = Number(range[2] ?? range[1]);
      for (let id = from; id <= to; id++) ids.add(id);
    }
    shardList = [...ids].sort((a, b) => a - b);
    if (shardCount === 'auto') problems.push('SHARD_LIST needs SHARD_COUNT set to a number: every host must agree on the total.');
    else if (shardList.some((id) => id >= Number(shardCount))) problems.push(`SHARD_LIST names a shard beyond SHARD_COUNT (${shardCount}): shard ids run from 0 to ${Number(shardCount) - 1}.`);
  }
  return { config: { shardCount, shardList }, problems };
}

/** The shard that gets a server's events: `(guild_id >> 22) % shardCount`; DMs (no server) go to shard 0. */
export function shardOf(guildId: string | null, shardCount: number): number {
  if (!guildId || shardCount <= 1 || !/^\d{1,20}$/.test(guildId)) return 0;
  return Number((BigInt(guildId) >> 22n) % BigInt(shardCount));
}

/** What GET /gateway/bot says: the recommended shard count and the session start limit. */
export interface GatewayInfo {
  shards: number;
  /** Sessions that may still be started today. */
  remaining: number;
  /** Identifies allowed per 5 seconds. */
  maxConcurrency: number;
}

function num(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

/**
 * Asks Discord (or DISCORD_API_URL) for the recommended shard count and session limits. discord.js's own
 * `fetchRecommendedShardCount` always asks discord.com, so a REST proxy or a test server would be bypassed.
 */
export async function fetchGatewayInfo(config: Pick<DiscordConfig, 'token' | 'apiUrl'>): Promise<GatewayInfo> {
  const rest = new REST({ version: '10', ...(config.apiUrl ? { api: config.apiUrl } : {}) }).setToken(config.token);
  try {
    const body = (await rest.get(Routes.gatewayBot())) as { shards?: unknown; session_start_limit?: { remaining?: unknown; max_concurrency?: unknown } };
    return {
      shards: Math.max(1, num(body.shards, 1)),
      remaining: num(body.session_start_limit?.remaining, Number.POSITIVE_INFINITY),
      maxConcurrency: Math.max(1, num(body.session_start_limit?.max_concurrency, 1)),
    };
  } finally {
    rest.clearHashSweeper();
    rest.clearHandlerSweeper();
  }
}

/** Wait between starting two shards: Discord allows `max_concurrency` identifies per 5 s (plus a margin). */
export function spawnDelayMs(maxConcurrency: number): number {
  return Math.ceil(5500 / Math.max(1, maxConcurrency));
}

export interface ShardManagerOptions {
  /** Settings (default: process.env); every shard inherits the process environment. */
  env?: Env;
  logger?: Logger;
  /** Resolves when the manager should stop (default: SIGINT or SIGTERM). */
  until?: Promise<unknown>;
}

/**
 * Starts the shards, one at a time as Discord's identify limit allows, keeps them running (a shard that
 * dies is started again), and on SIGINT/SIGTERM stops them all cleanly. Throws ConfigError on bad
 * settings, and an Error when a shard cannot start.
 */
export async function runShardManager(options: ShardManagerOptions = {}): Promise<void> {
  const env = options.env ?? process.env;
  const config = loadDiscordConfig(env);
  const sharding = readShardingConfig(env);
  const store = readStoreConfig(env);
  const problems = [...sharding.problems, ...store.problems];
  if (problems.length > 0) throw new ConfigError(problems);
  const secrets = [config.token, ...(store.config.feedbackSalt ? [store.config.feedbackSalt] : [])];
  const logger = options.logger ?? createLogger({ level: config.logLevel, secrets, prefix: 'manager' });

  const gateway = await fetchGatewayInfo(config);
  const total = sharding.config.shardCount === 'auto' ? gateway.shards : sharding.config.shardCount;
  const list = sharding.config.shardList ?? [...Array(total).keys()];
  if (gateway.remaining < list.length) {
    logger.warn(`Discord allows ${gateway.remaining} more session starts today, fewer than the ${list.length} shards to start`);
  }
  const delay = spawnDelayMs(gateway.maxConcurrency);
  const manager = new ShardingManager(SHARD_SCRIPT, {
    token: config.token,
    totalShards: total,
    shardList: list,
    mode: 'process',
    respawn: true,
    execArgv: [...RUNTIME_FLAGS, ...tsxImport()],
  });
  let stopping = false;
  manager.on('shardCreate', (shard: Shard) => {
    logger.info(`Shard ${shard.id} of ${total}: starting`);
    shard.on('death', () => {
      if (!stopping) logger.warn(`Shard ${shard.id} exited; starting it again`);
    });
  });

  const stop = once(process, 'SIGTERM').then(() => 'SIGTERM');
  const interrupt = once(process, 'SIGINT').then(() => 'SIGINT');
  const until = options.until ?? Promise.race([stop, interrupt]);
  logger.info(
    `Starting ${list.length === total ? `${total}` : `${list.length} of ${total}`} shard(s)${sharding.config.shardCount === 'auto' ? ' (as Discord recommends)' : ''}, one every ${delay} ms`,
  );

  let failure: unknown = null;
  const spawned = manager.spawn({ delay, timeout: SHARD_READY_TIMEOUT_MS }).then(
    () => logger.info(`All ${list.length} shard(s) ready`),
    (error: unknown) => {
      if (!stopping) failure = error;
    },
  );
  const signal = until.then((s) => `${String(s)} received`);
  const why = await Promise.race([signal, spawned.then(() => (failure ? 'A shard failed to start' : null))]);
  logger.info(`${why ?? (await signal)}: stopping the shards`);
  stopping = true;
  manager.respawn = false;
  await stopShards([...manager.shards.values()], logger);
  // A signal during start-up: the shard being started dies, which ends the spawning; stop any it began.
  await spawned;
  await stopShards([...manager.shards.values()], logger);
  logger.info('All shards stopped');
  if (failure) throw new Error(`A shard could not start: ${failure instanceof Error ? failure.message : String(failure)}`);
}

/** Asks every shard process to stop (SIGTERM: each disconnects cleanly), killing those that take too long. */
async function stopShards(shards: Shard[], logger: Logger): Promise<void> {
  await Promise.all(
    shards.map(async (shard) => {
      const child = shard.process;
      if (!child || child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      const timer = setTimeout(() => {
        logger.warn(`Shard ${shard.id} did not stop in time; killing it`);
        child.kill('SIGKILL');
      }, SHUTDOWN_TIMEOUT_MS);
      await exited;
      clearTimeout(timer);
    }),
  );
}
