/**
 * Test harness: the real engine on seeds/ and intents/, the loopback Discord, and the real bot logged in
 * to it. One per test file (the engine and the bot are made once per file); `stop()` ends everything.
 */
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { APIActionRowComponent, APIButtonComponentWithCustomId, APIEmbed } from 'discord.js';
import { expect } from 'vitest';
import { createEngine } from '../../src/answer/engine.js';
import type { Engine } from '../../src/answer/types.js';
import { startBot } from '../../src/discord/bot.js';
import type { RunningBot } from '../../src/discord/bot.js';
import { loadDiscordConfig } from '../../src/discord/config.js';
import { createLogger } from '../../src/discord/logger.js';
import { readStoreConfig } from '../../src/store/config.js';
import { mentionPolicyProblems, messageLimitProblems } from './limits.js';
import { LoopbackDiscord } from './loopback.js';
import type { Injected, Obj, RecordedRequest } from './loopback.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The real engine over the project's articles and topics. */
export function realEngine(): Promise<Engine> {
  return createEngine({ corpusDir: `${ROOT}seeds`, intentsDir: `${ROOT}intents` });
}

/** A token that looks like Discord's and is easy to find in any text. */
export function makeToken(): string {
  return `MTA1NjM0NzY0ODUzNTM2NzY4MA.L00PBK.secret-${randomBytes(16).toString('hex')}`;
}

export interface Harness {
  server: LoopbackDiscord;
  bot: RunningBot;
  engine: Engine;
  token: string;
  /** Every line the bot logged (level and text). */
  logs: string[];
  stop(): Promise<void>;
}

type Env = Record<string, string>;

/**
 * Starts the loopback server and the bot. `env` adds settings on top of the harness's (cooldown off,
 * debug logging, the store in memory unless DATABASE_PATH is given); as a function it gets the server,
 * for settings naming its channels.
 */
export async function startHarness(engine: Engine, env: Env | ((server: LoopbackDiscord) => Env) = {}): Promise<Harness> {
  const token = makeToken();
  const server = await LoopbackDiscord.start({ token });
  const logs: string[] = [];
  try {
    const settings = {
      DISCORD_TOKEN: token,
      DISCORD_API_URL: server.apiUrl,
      COOLDOWN_PER_MINUTE: '1000',
      LOG_LEVEL: 'debug',
      DATABASE_PATH: ':memory:',
      ...(typeof env === 'function' ? env(server) : env),
    };
    const config = loadDiscordConfig(settings);
    const store = readStoreConfig(settings);
    expect(store.problems).toEqual([]);
    const logger = createLogger({ level: 'debug', sink: (level, line) => logs.push(`${level} ${line}`) });
    const bot = await startBot({ engine, config, logger, store: store.config });
    return {
      server,
      bot,
      engine,
      token,
      logs,
      async stop() {
        await bot.stop();
        await server.close();
      },
    };
  } catch (error) {
    await server.close();
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------
// Reading what the bot sent

export interface MessageBody {
  content?: string;
  embeds?: APIEmbed[];
  components?: APIActionRowComponent<APIButtonComponentWithCustomId>[];
  flags?: number;
  allowed_mentions?: unknown;
  message_reference?: { message_id?: string };
}

function isObj(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The message a request carries: the callback's `data`, or the body itself. */
export function messageOf(request: RecordedRequest): MessageBody {
  const body = isObj(request.body) ? request.body : {};
  return (request.path.endsWith('/callback') ? (isObj(body.data) ? body.data : {}) : body) as MessageBody;
}

/** The callback's type (4 reply, 5 defer, 7 update, 8 autocomplete). */
export function callbackType(request: RecordedRequest): unknown {
  return isObj(request.body) ? request.body.type : undefined;
}

/** The first embed of a request's message; fails the test when there is none. */
export function embedOf(request: RecordedRequest): APIEmbed {
  const embed = messageOf(request).embeds?.[0];
  expect(embed, `an embed in ${request.method} ${request.path}`).toBeDefined();
  return embed as APIEmbed;
}

/** All the visible text of an embed. */
export function embedText(embed: APIEmbed): string {
  return [embed.title, embed.description, ...(embed.fields ?? []).flatMap((f) => [f.name, f.value]), embed.footer?.text]
    .filter(Boolean)
    .join('\n');
}

/** The buttons of a message, by label. */
export function buttons(message: MessageBody | Obj): APIButtonComponentWithCustomId[] {
  const rows = (message.components ?? []) as APIActionRowComponent<APIButtonComponentWithCustomId>[];
  return rows.flatMap((row) => row.components);
}

/** The bot's log line for an answered (or abstained) `/ask`, written once the answer is recorded. */
const ASK_RECORDED = /^info \/ask( \(private\))?: (answered|abstained|small talk)/;

/** Asks through `/ask` and waits for the answer (the edit of the deferred reply), and for the bot to record it. */
export async function ask(
  h: Harness,
  question: string,
  options: { private?: boolean; user?: string; dm?: boolean } = {},
): Promise<{ interaction: Injected; defer: RecordedRequest; edit: RecordedRequest; embed: APIEmbed }> {
  const recorded = h.logs.filter((l) => ASK_RECORDED.test(l)).length;
  const interaction = h.server.injectCommand(
    'ask',
    { question, ...(options.private !== undefined ? { private: options.private } : {}) },
    { ...(options.user ? { user: options.user } : {}), ...(options.dm ? { dm: true } : {}) },
  );
  const defer = await h.server.callback(interaction);
  const edit = await h.server.originalEdit(interaction);
  // The bot records an answer just after sending it: figures read next must count it.
  await h.server.until(() => (h.logs.filter((l) => ASK_RECORDED.test(l)).length > recorded ? true : undefined), 'the bot to record the answer');
  return { interaction, defer, edit, embed: embedOf(edit) };
}

/**
 * What holds for everything the bot sent in a test file: every message within Discord's limits and
 * mentioning nobody, and no request refused by the server except by an injected fault.
 */
export function expectCleanTraffic(server: LoopbackDiscord): void {
  const refused = server.requests.filter((r) => r.status >= 400 && !r.fault);
  expect(refused.map((r) => `${r.method} ${r.path} → ${r.status} ${JSON.stringify(r.response)}`)).toEqual([]);
  for (const { request, message } of server.messageRequests()) {
    const where = `${request.method} ${request.path}`;
    expect(messageLimitProblems(message), where).toEqual([]);
    expect(mentionPolicyProblems(message), where).toEqual([]);
  }
}
