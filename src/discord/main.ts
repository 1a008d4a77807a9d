/**
 * Runs the bot until SIGINT or SIGTERM, then disconnects cleanly. For `npm start` (src/cli/start.ts
 * loads `.env`, builds the engine and calls `runDiscordBot`).
 */
import type { Engine } from '../answer/types.js';
import { readStoreConfig } from '../store/config.js';
import { startBot } from './bot.js';
import { ConfigError, loadDiscordConfig } from './config.js';
import { createLogger } from './logger.js';
import type { Logger } from './logger.js';

export interface RunOptions {
  engine: Engine;
  /** Settings (default: process.env). */
  env?: Readonly<Record<string, string | undefined>>;
  /** Where to log (default: the console at LOG_LEVEL, redacting the token). */
  logger?: Logger;
}

/** Longest a shutdown may take before the process exits anyway. */
const SHUTDOWN_TIMEOUT_MS = 10_000;

/**
 * Starts the bot and resolves once it has stopped after a signal. Throws ConfigError on bad settings.
 * Under the ShardingManager (`npm run start:sharded`) this runs in each shard's process, its log lines
 * marked with the shard.
 */
export async function runDiscordBot(options: RunOptions): Promise<void> {
  const env = options.env ?? process.env;
  const config = loadDiscordConfig(env);
  const store = readStoreConfig(env);
  if (store.problems.length > 0) throw new ConfigError(store.problems);
  const secrets = [config.token, ...(store.config.feedbackSalt ? [store.config.feedbackSalt] : [])];
  const shard = env.SHARDING_MANAGER && env.SHARDS !== undefined ? `shard ${env.SHARDS}` : undefined;
  const logger = options.logger ?? createLogger({ level: config.logLevel, secrets, ...(shard ? { prefix: shard } : {}) });

  // Handlers that keep the process alive through a bad moment, logging it (redacted) instead.
  process.on('unhandledRejection', (reason) => logger.error('Unhandled promise rejection', reason));

  // Listen for the signals before starting: one that arrives while the bot is still starting (it may be
  // answering already) must shut it down cleanly too, not kill it mid-way.
  const signalled = new Promise<NodeJS.Signals>((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
  });
  const bot = await startBot({ engine: options.engine, config, logger, store: store.config });
  const signal = await signalled;
  logger.info(`${signal} received: shutting down`);
  const force = setTimeout(() => {
    logger.error('Shutdown took too long; exiting anyway');
    process.exit(1);
  }, SHUTDOWN_TIMEOUT_MS);
  force.unref();
  await bot.stop();
  clearTimeout(force);
  // A shard's process: its channel to the ShardingManager would keep it alive; close it so it ends.
  if (process.connected) process.disconnect();
}
