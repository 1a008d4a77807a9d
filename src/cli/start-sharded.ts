/**
 * `npm run start:sharded`: the Discord bot as several shards (SHARD_COUNT, default what Discord
 * recommends), each its own process running `npm start`'s entry point, under discord.js's
 * ShardingManager. Needs DISCORD_TOKEN. See docs/SCALING.md.
 */
import { ConfigError } from '../discord/config.js';
import { redact } from '../discord/logger.js';
import { runShardManager } from '../discord/sharding.js';
import { loadDotenv } from './options.js';

async function main(): Promise<void> {
  await loadDotenv();
  await runShardManager();
}

main().catch((e: unknown) => {
  const message = e instanceof ConfigError ? e.message : `error: ${e instanceof Error ? e.message : String(e)}`;
  process.stderr.write(`${redact(message, [process.env.DISCORD_TOKEN ?? ''])}\n`);
  process.exitCode = 1;
});
