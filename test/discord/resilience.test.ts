/**
 * The bot under faults, against the loopback Discord with the real engine: gateway drops mid-session
 * (resumed, or a new session when Discord refuses the resume), a 429 on the interaction callback, 500s
 * until a request fails for good (an apology with an error id), and the token never appearing in a log
 * or in anything sent.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GatewayIntentBits } from 'discord.js';
import type { Engine } from '../../src/answer/types.js';
import { startBot } from '../../src/discord/bot.js';
import { loadDiscordConfig } from '../../src/discord/config.js';
import { createLogger } from '../../src/discord/logger.js';
import { ask, callbackType, embedOf, expectCleanTraffic, makeToken, messageOf, realEngine, startHarness } from './harness.js';
import type { Harness } from './harness.js';
import { LoopbackDiscord } from './loopback.js';

let engine: Engine;
let h: Harness;

beforeAll(async () => {
  engine = await realEngine();
  h = await startHarness(engine);
});

afterAll(async () => {
  await h?.stop();
});

describe('connection', () => {
  it('identifies with Guilds, GuildMessages and DirectMessages only: no privileged intent', () => {
    const identify = h.server.frames.find((f) => f.op === 2);
    const intents = (identify?.d as { intents?: number } | undefined)?.intents;
    expect(intents).toBe(GatewayIntentBits.Guilds | GatewayIntentBits.GuildMessages | GatewayIntentBits.DirectMessages);
    const privileged = GatewayIntentBits.MessageContent | GatewayIntentBits.GuildMembers | GatewayIntentBits.GuildPresences;
    expect((intents ?? 0) & privileged).toBe(0);
    expect(h.server.gatewayQueries[0]).toMatchObject({ v: '10', encoding: 'json' });
  });

  it('refuses to start with a wrong token, saying so, without hanging or logging the token', async () => {
    const server = await LoopbackDiscord.start({ token: makeToken() });
    const wrong = makeToken();
    const lines: string[] = [];
    try {
      const config = loadDiscordConfig({ DISCORD_TOKEN: wrong, DISCORD_API_URL: server.apiUrl, LOG_LEVEL: 'debug' });
      const logger = createLogger({ level: 'debug', sink: (_, line) => lines.push(line) });
      await expect(startBot({ engine, config, logger })).rejects.toThrow(/invalid token/i);
      expect(server.requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual(['GET /gateway/bot 401']);
      expect(lines.join('\n')).not.toContain(wrong);
    } finally {
      await server.close();
    }
  });

  it('resumes after the gateway drops mid-session, and answers the next question', async () => {
    await ask(h, 'How many Turkish soldiers have been killed in Idlib?');
    await h.server.dropGateway();
    // Asked while the connection is down: Discord holds the event and replays it on resume.
    const during = h.server.injectCommand('ask', { question: 'What did Erdogan tell Trump?' });
    await h.server.until(() => (h.server.counts.resume === 1 && h.server.connected ? true : undefined), 'the bot to resume');
    expect(embedOf(await h.server.originalEdit(during)).description).toMatch(/^> /);
    // And the next question after that.
    const { embed } = await ask(h, 'How many people have been displaced by the offensive on Idlib?');
    expect(embed.description).toMatch(/^> /);
    expect(h.server.counts.identify).toBe(1);
    expect(h.logs.some((l) => /reconnecting/.test(l))).toBe(true);
  });

  it('resumes after the gateway closes with an error code', async () => {
    await h.server.dropGateway(4000);
    await h.server.until(() => (h.server.counts.resume === 2 && h.server.connected ? true : undefined), 'the bot to resume again');
    const { embed } = await ask(h, 'Is there a ceasefire in Idlib?');
    expect(embed.title).toBe('Is there a ceasefire in Idlib?');
  });

  it('identifies afresh when Discord refuses to resume the session (Invalid Session)', async () => {
    h.server.invalidateSessions();
    await h.server.dropGateway();
    await h.server.until(() => (h.server.counts.identify === 2 && h.server.connected ? true : undefined), 'a new session', 15_000);
    expect(h.server.frames.some((f) => f.op === 6)).toBe(true);
    const { embed } = await ask(h, 'What is the 2018 Sochi agreement on Idlib?');
    expect(embed.description).toMatch(/^> /);
  });
});

describe('REST faults', () => {
  it('retries after a 429 on the interaction callback, and the reply still arrives', async () => {
    h.server.fault({ method: 'POST', path: /^\/interactions\/\d+\/[^/]+\/callback$/, status: 429, retryAfter: 1 });
    const i = h.server.injectCommand('ask', { question: 'How many civilians have died since the offensive on Idlib began?' });
    const limited = await h.server.waitForRequest((r) => r.path === i.callbackPath && r.status === 429, 'the rate-limited callback');
    expect(limited.fault).toBe(true);
    const callback = await h.server.callback(i);
    expect(callback.seq).toBeGreaterThan(limited.seq);
    expect(callbackType(callback)).toBe(5);
    expect(embedOf(await h.server.originalEdit(i)).description).toMatch(/^> /);
    expect(h.logs.some((l) => l.startsWith('warn Rate limited on POST /interactions'))).toBe(true);
  });

  it('apologises with an error id when a reply fails for good, logs that id, and keeps answering', async () => {
    // Four 500s: the first try and discord.js's three retries all fail.
    h.server.fault({ method: 'PATCH', path: /\/messages\/@original$/, status: 500, times: 4 });
    const i = h.server.injectCommand('ask', { question: 'What did Erdogan tell Trump?' });
    const apology = await h.server.waitForRequest(
      (r) => r.method === 'PATCH' && r.path === `${i.webhookPath}/messages/@original` && r.status === 200,
      'the apology',
    );
    const content = messageOf(apology).content ?? '';
    expect(content).toMatch(/^Sorry, something went wrong/);
    const id = /error id `([0-9a-f]{8})`/.exec(content)?.[1];
    expect(id).toBeDefined();
    expect(h.logs.some((l) => l.startsWith('error') && l.includes(`[error ${id}]`))).toBe(true);
    expect(content).not.toMatch(/\bat \S+ \(|Error:|stack/i);
    // The bot carries on.
    const { embed } = await ask(h, 'How many people have been displaced by the offensive on Idlib?');
    expect(embed.description).toMatch(/^> /);
    expect(h.bot.context.stats.snapshot().errors).toBe(1);
  });

  it('apologises in the channel when a reply to a mention fails for good', async () => {
    h.server.fault({ method: 'POST', path: /^\/channels\/\d+\/messages$/, status: 500, times: 4 });
    const sent = h.server.injectMessage(`<@${h.server.botUser.id}> How many Turkish soldiers have been killed?`);
    const apology = await h.server.waitForRequest(
      (r) => r.method === 'POST' && r.path === `/channels/${sent.channelId}/messages` && r.status === 200,
      'the apology in the channel',
    );
    expect(messageOf(apology).content).toMatch(/error id `[0-9a-f]{8}`/);
    expect(messageOf(apology).message_reference?.message_id).toBe(sent.id);
  });
});

describe('secrets', () => {
  it('never logs the token, nor sends it in any body, and redacts it when it would be logged', () => {
    // The harness logs at debug level: discord.js's gateway and REST traces included.
    expect(h.logs.length).toBeGreaterThan(20);
    for (const line of h.logs) expect(line).not.toContain(h.token);
    for (const r of h.server.requests) {
      expect(JSON.stringify(r.body)).not.toContain(h.token);
      expect(r.path).not.toContain(h.token);
    }
    h.bot.context.logger.error(`a message quoting the token ${h.token}`, new Error(`an error holding ${h.token}`));
    const last = h.logs.slice(-1)[0] ?? '';
    expect(last).toContain('[redacted]');
    expect(last).not.toContain(h.token);
  });

  it('sent nothing over the limits and mentioned no one, in any message of this file', () => {
    expectCleanTraffic(h.server);
  });
});
