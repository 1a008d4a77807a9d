/** What every handler works with: the engine, the settings, and the bot's own small state. */
import type { Engine } from '../answer/types.js';
import type { AnswerStore } from './answer-store.js';
import type { DiscordConfig } from './config.js';
import type { Cooldown } from './cooldown.js';
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
}
