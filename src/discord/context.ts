/** What every handler works with: the engine, the settings, the bot's own small state, and the store. */
import type { Engine } from '../answer/types.js';
import type { AnswerStore } from './answer-store.js';
import type { DiscordConfig } from './config.js';
import type { Cooldown } from './cooldown.js';
import type { Insight } from './insight.js';
import type { Logger } from './logger.js';
import type { Stats } from './stats.js';

export interface BotContext {
  engine: Engine;
  config: DiscordConfig;
  /** Already redacting: nothing logged through it can show the token. */
  logger: Logger;
  stats: Stats;
  cooldown: Cooldown;
  answers: AnswerStore;
  /** The moderators' store (questions, votes, events); records nothing when unavailable, never throws. */
  insight: Insight;
  /** How many shards the bot runs as in all (1 unsharded): a guild's shard is `shardOf(guildId, shardCount)`. */
  shardCount: number;
}
