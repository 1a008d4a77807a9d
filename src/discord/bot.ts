/**
 * The Discord bot: a discord.js client with the fewest gateway intents that serve, wired to the
 * command, button and message handlers.
 *
 * Intents: Guilds (slash commands and channels), GuildMessages (mentions), DirectMessages (DMs). No
 * privileged intent: Discord sends a bot the text of messages that mention it, and of DMs, without
 * Message Content.
 */
import { once } from 'node:events';
import { setTimeout as delay } from 'node:timers/promises';
import { Client, Events, GatewayIntentBits, Partials, RESTEvents } from 'discord.js';
import type { Engine } from '../answer/types.js';
import { NO_MENTIONS } from '../render/discord.js';
import type { StoreConfig } from '../store/config.js';
import { AnswerStore } from './answer-store.js';
import type { DiscordConfig } from './config.js';
import type { BotContext } from './context.js';
import { Cooldown } from './cooldown.js';
import { Insight } from './insight.js';
import { handleInteraction } from './interactions.js';
import { createLogger, redactingLogger } from './logger.js';
import type { Logger } from './logger.js';
import { handleMessage } from './mentions.js';
import { Stats } from './stats.js';

/** The intents the bot asks for; none is privileged. */
export const INTENTS = [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.DirectMessages] as const;

/** "/webhooks/:id/:token/messages/%40original" as people read it. */
function decodeRoute(route: string): string {
  try {
    return decodeURIComponent(route);
  } catch {
    return route;
  }
}

/** How long to wait for the gateway to say the bot is ready before giving up. */
const READY_TIMEOUT_MS = 30_000;

export interface StartBotOptions {
  engine: Engine;
  config: DiscordConfig;
  /** Where to log (default: the console at the configured level). Whatever it is, it only ever sees redacted text. */
  logger?: Logger;
  /**
   * The moderators' store (`readStoreConfig`: DATABASE_PATH, RETENTION_DAYS, FEEDBACK_SALT). Default: an
   * in-memory database that lasts as long as the bot (`runDiscordBot` passes the configured file).
   */
  store?: StoreConfig;
}

const IN_MEMORY_STORE: StoreConfig = { databasePath: ':memory:', retentionDays: 0, feedbackSalt: null };

export interface RunningBot {
  client: Client;
  /** The bot's state (stats, cooldown, recent answers, the store), for tests and tooling. */
  context: BotContext;
  /** Disconnects cleanly; safe to call more than once. */
  stop(): Promise<void>;
}

/** Builds the client, wires the handlers and logs in; resolves once the bot is ready. */
export async function startBot(options: StartBotOptions): Promise<RunningBot> {
  const { config, engine } = options;
  const store = options.store ?? IN_MEMORY_STORE;
  const secrets = [config.token, ...(store.feedbackSalt ? [store.feedbackSalt] : [])];
  const logger = redactingLogger(options.logger ?? createLogger({ level: config.logLevel }), secrets);

  const client = new Client({
    intents: [...INTENTS],
    // DMs arrive for channels the bot has not cached: Partials.Channel lets discord.js create them.
    partials: [Partials.Channel],
    allowedMentions: NO_MENTIONS,
    failIfNotExists: false,
    ...(config.apiUrl ? { rest: { api: config.apiUrl } } : {}),
  });
  const context: BotContext = {
    engine,
    config,
    logger,
    stats: new Stats(),
    cooldown: new Cooldown(config.cooldownPerMinute),
    answers: new AnswerStore(),
    insight: Insight.open(store, logger),
    // Under the ShardingManager, discord.js reads SHARD_COUNT from the environment into this option.
    shardCount: client.options.shardCount ?? 1,
  };

  let stopped = false;
  let loggedIn = false;
  client.on(Events.InteractionCreate, (interaction) => void handleInteraction(interaction, context));
  client.on(Events.MessageCreate, (message) => void handleMessage(message, context));
  client.on(Events.Error, (error) => logger.error('Discord client error', error));
  client.on(Events.Warn, (message) => logger.warn(`discord.js: ${message}`));
  client.on(Events.ShardError, (error, shardId) => logger.warn(`Gateway connection error on shard ${shardId}`, error));
  client.on(Events.ShardDisconnect, (event, shardId) => logger.error(`Gateway closed for good on shard ${shardId} (code ${event.code})`));
  // One warning per outage: a refused resume closes the connection again, which is the same outage.
  const reconnecting = new Set<number>();
  client.on(Events.ShardReconnecting, (shardId) => {
    if (stopped) return;
    if (reconnecting.has(shardId)) logger.debug(`Gateway on shard ${shardId}: still reconnecting`);
    else logger.warn(`Gateway connection lost on shard ${shardId}; reconnecting`);
    reconnecting.add(shardId);
  });
  client.on(Events.ShardResume, (shardId, replayed) => {
    reconnecting.delete(shardId);
    logger.info(`Gateway resumed on shard ${shardId} (${replayed} events replayed)`);
  });
  // After login, a shard that turns ready again has a new session: Discord would not resume the old one.
  client.on(Events.ShardReady, (shardId) => {
    reconnecting.delete(shardId);
    if (loggedIn) logger.info(`Gateway session started anew on shard ${shardId} (the old one could not be resumed; events in between are lost)`);
  });
  // Rate limits and server errors: discord.js waits or retries by itself. Each is logged once, when
  // Discord answers it; waits discord.js makes ahead of a known limit are routine and only traced.
  client.rest.on(RESTEvents.RateLimited, (info) =>
    logger.debug(`Waiting ${info.timeToReset} ms for a rate limit on ${info.method.toUpperCase()} ${info.route}${info.global ? ' (global)' : ''}`),
  );
  client.rest.on(RESTEvents.Response, (request, response) => {
    const what = `${request.method.toUpperCase()} ${decodeRoute(request.route)}`;
    if (response.status === 429) {
      const global = response.headers.get('x-ratelimit-global') !== null || response.headers.get('x-ratelimit-scope') === 'global';
      logger.warn(`Rate limited${global ? ' (global: every request waits)' : ''} on ${what}: retrying after ${response.headers.get('retry-after') ?? '?'} s`);
    } else if (response.status >= 500) {
      const line = `Discord answered ${response.status} on ${what}`;
      if (request.retries === 0) logger.warn(`${line}; retrying (up to ${client.rest.options.retries} times)`);
      else logger.debug(`${line} (retry ${request.retries})`);
    }
  });
  if (config.logLevel === 'debug') {
    client.on(Events.Debug, (message) => logger.debug(`discord.js: ${message}`));
    client.rest.on(RESTEvents.Debug, (message) => logger.debug(`rest: ${message}`));
  }

  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    await client.destroy();
    context.insight.close();
    logger.info('Disconnected from Discord');
  };

  const ready = once(client, Events.ClientReady);
  try {
    await client.login(config.token);
    const timeout = new AbortController();
    await Promise.race([
      ready,
      delay(READY_TIMEOUT_MS, undefined, { signal: timeout.signal }).then(() => {
        throw new Error(`Discord did not report the bot ready within ${READY_TIMEOUT_MS / 1000} s`);
      }),
    ]).finally(() => timeout.abort());
  } catch (error) {
    await client.destroy().catch(() => undefined);
    context.insight.close();
    throw error;
  }
  context.insight.startRetention();
  loggedIn = true;
  const user = client.user;
  const shards = client.shard ? ` as shard ${client.shard.ids.join(', ')} of ${client.shard.count}` : '';
  logger.info(
    `Logged in as ${user?.tag ?? 'unknown'}${shards} in ${client.guilds.cache.size} server(s); answering from ${engine.info().description}`,
  );
  return { client, context, stop };
}
