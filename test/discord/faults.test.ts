/**
 * Discord having a bad minute, against the loopback Discord with the real bot and engine: the gateway
 * asking for a reconnect or ending the session, 429s per route and global, 500 and 502 (an HTML page, as
 * Discord's proxy sends) on every route the bot uses, a slow Discord, expired interaction tokens, and a
 * channel the bot may not write in. For each, the bot logs one clear line (warn or error, no stack
 * trace), keeps running, and answers the next question; and a request that went through though its
 * answer was lost is not sent twice. (resilience.test.ts covers dropped connections,
 * a refused resume, a 429 on the callback and 500s until a reply fails for good.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/answer/types.js';
import { startBot } from '../../src/discord/bot.js';
import { loadDiscordConfig } from '../../src/discord/config.js';
import { createLogger } from '../../src/discord/logger.js';
import { ask, callbackType, embedOf, expectCleanTraffic, makeToken, messageOf, realEngine, startHarness } from './harness.js';
import type { Harness } from './harness.js';
import { LoopbackDiscord } from './loopback.js';
import type { FaultSpec, RecordedRequest } from './loopback.js';

let engine: Engine;
let h: Harness;

beforeAll(async () => {
  engine = await realEngine();
  h = await startHarness(engine);
});

afterAll(async () => {
  await h?.stop();
});

/** Lines logged at warn or error level from index `from` on: what an operator is shown. */
function alerts(from: number): string[] {
  return h.logs.slice(from).filter((l) => /^(warn|error) /.test(l));
}

/** The one alert since `from`, once it is there; fails if there is more than one. */
async function oneAlert(from: number): Promise<string> {
  await h.server.until(() => (alerts(from).length > 0 ? true : undefined), 'an alert in the log');
  const lines = alerts(from);
  expect(lines).toHaveLength(1);
  const line = lines[0] ?? '';
  expect(line).not.toContain('\n'); // one line: no stack trace
  return line;
}

/** The bot still answers: a question by /ask, answered with quotes. */
async function answersNext(question = 'How many Turkish soldiers have been killed in Idlib?'): Promise<void> {
  const { embed } = await ask(h, question);
  expect(embed.description).toMatch(/^> /);
}

/** Mentions the bot in a channel and waits for its reply there. */
async function mention(question: string, channelId = h.server.channels.general): Promise<RecordedRequest> {
  const sent = h.server.injectMessage(`<@${h.server.botUser.id}> ${question}`, { channelId });
  return h.server.waitForRequest(
    (r) => r.method === 'POST' && r.path === `/channels/${channelId}/messages` && r.status === 200 && messageOf(r).message_reference?.message_id === sent.id,
    'the reply to the mention',
  );
}

describe('gateway', () => {
  it('resumes when Discord asks it to reconnect (op 7), replaying what it missed', async () => {
    const mark = h.logs.length;
    const resumes = h.server.counts.resume;
    h.server.requestReconnect();
    const during = h.server.injectCommand('ask', { question: 'What did Erdogan tell Trump?' });
    await h.server.until(() => (h.server.counts.resume > resumes && h.server.connected ? true : undefined), 'the resume');
    expect(embedOf(await h.server.originalEdit(during)).description).toMatch(/^> /);
    await answersNext();
    expect(await oneAlert(mark)).toMatch(/^warn Gateway connection lost on shard 0; reconnecting$/);
    expect(h.logs.slice(mark).some((l) => /^info Gateway resumed on shard 0/.test(l))).toBe(true);
  });

  it('resumes when Discord says the session is invalid but resumable (op 9, true)', async () => {
    const mark = h.logs.length;
    const resumes = h.server.counts.resume;
    h.server.sendInvalidSession(true);
    await h.server.until(() => (h.server.counts.resume > resumes && h.server.connected ? true : undefined), 'the resume');
    await answersNext();
    expect(alerts(mark)).toEqual([]);
    expect(h.logs.slice(mark).filter((l) => /^info Gateway resumed/.test(l))).toHaveLength(1);
  });

  it('starts a new session when Discord ends the session mid-way (op 9, not resumable)', async () => {
    const mark = h.logs.length;
    const identifies = h.server.counts.identify;
    h.server.sendInvalidSession(false);
    await h.server.until(() => (h.server.counts.identify > identifies && h.server.connected ? true : undefined), 'a new session', 15_000);
    await answersNext();
    expect(await oneAlert(mark)).toMatch(/^warn Gateway connection lost/);
    expect(h.logs.slice(mark).some((l) => /^info Gateway session started anew on shard 0/.test(l))).toBe(true);
  });

  it('identifies again after close 4009 (session timed out: its resume is refused)', async () => {
    const mark = h.logs.length;
    const identifies = h.server.counts.identify;
    await h.server.dropGateway(4009);
    await h.server.until(() => (h.server.counts.identify > identifies && h.server.connected ? true : undefined), 'a new session', 15_000);
    await answersNext();
    expect(await oneAlert(mark)).toMatch(/^warn Gateway connection lost/);
    expect(h.logs.slice(mark).some((l) => /^info Gateway session started anew/.test(l))).toBe(true);
  });
});

/** The REST routes the bot uses while answering, how to make it use each, and what it logs them as. */
const ROUTES: { name: string; fault: Omit<FaultSpec, 'status'>; route: string; via: 'ask' | 'mention' }[] = [
  { name: 'the interaction callback', fault: { method: 'POST', path: /^\/interactions\/\d+\/[^/]+\/callback$/ }, route: 'POST /interactions/:id/:token/callback', via: 'ask' },
  { name: 'the edit of the deferred reply', fault: { method: 'PATCH', path: /\/messages\/@original$/ }, route: 'PATCH /webhooks/:id/:token/messages/@original', via: 'ask' },
  { name: 'a message in a channel', fault: { method: 'POST', path: /^\/channels\/\d+\/messages$/ }, route: 'POST /channels/:id/messages', via: 'mention' },
  { name: 'the typing indicator', fault: { method: 'POST', path: /^\/channels\/\d+\/typing$/ }, route: 'POST /channels/:id/typing', via: 'mention' },
];

/** Answers a question the way that uses the route; resolves once the answer arrived. */
async function answerVia(via: 'ask' | 'mention'): Promise<void> {
  if (via === 'ask') await answersNext('How many people have been displaced by the offensive on Idlib?');
  else expect(embedOf(await mention('How many Turkish soldiers have been killed?')).description).toMatch(/^> /);
}

describe('rate limits (429)', () => {
  it.each(ROUTES)('on $name: waits as told, logs one line, and the answer arrives', async ({ fault, route, via }) => {
    const mark = h.logs.length;
    const before = h.server.requests.length;
    h.server.fault({ ...fault, status: 429, retryAfter: 1 });
    await answerVia(via);
    expect(h.server.requests.slice(before).filter((r) => r.status === 429)).toHaveLength(1);
    expect(await oneAlert(mark)).toBe(`warn Rate limited on ${route}: retrying after 1 s`);
    await answersNext();
  });

  it('global: every request waits, one line says so, and the answers arrive', async () => {
    const mark = h.logs.length;
    h.server.fault({ method: 'PATCH', path: /\/messages\/@original$/, status: 429, retryAfter: 1, global: true });
    const first = h.server.injectCommand('ask', { question: 'Is there a ceasefire in Idlib?' });
    await h.server.waitForRequest((r) => r.status === 429 && r.path.startsWith(first.webhookPath), 'the global 429');
    // Asked while every request waits: answered once the wait is over.
    const second = h.server.injectCommand('ask', { question: 'What did Erdogan tell Trump?' });
    for (const i of [first, second]) expect(embedOf(await h.server.originalEdit(i)).description).toMatch(/^> /);
    expect(await oneAlert(mark)).toBe('warn Rate limited (global: every request waits) on PATCH /webhooks/:id/:token/messages/@original: retrying after 1 s');
    await answersNext();
  });
});

describe('server errors (500, and 502 as an HTML page)', () => {
  const cases = ROUTES.flatMap((r) => [
    { ...r, status: 500, html: false },
    { ...r, status: 502, html: true },
  ]);
  it.each(cases)('$status on $name: retried, one line, the answer arrives', async ({ fault, route, via, status, html }) => {
    const mark = h.logs.length;
    h.server.fault({ ...fault, status, html });
    await answerVia(via);
    expect(await oneAlert(mark)).toBe(`warn Discord answered ${status} on ${route}; retrying (up to 3 times)`);
    await answersNext();
  });

  it('a 502 that lasts: one line on the failure (no stack), a private apology, and the next answer', async () => {
    const mark = h.logs.length;
    h.server.fault({ method: 'PATCH', path: /\/messages\/@original$/, status: 502, html: true, times: 4 });
    const i = h.server.injectCommand('ask', { question: 'What did Erdogan tell Trump?' });
    const apology = await h.server.waitForRequest((r) => r.path === `${i.webhookPath}/messages/@original` && r.status === 200, 'the apology');
    expect(messageOf(apology).content).toMatch(/^Sorry, something went wrong.*error id `[0-9a-f]{8}`/);
    await answersNext();
    const lines = alerts(mark);
    expect(lines[0]).toBe('warn Discord answered 502 on PATCH /webhooks/:id/:token/messages/@original; retrying (up to 3 times)');
    expect(lines.slice(1)).toEqual([
      expect.stringMatching(/^error \[error [0-9a-f]{8}\] while handling \/ask from user \d+: Discord answered 502 Bad Gateway to PATCH \/webhooks\/:id\/:token\/messages\/@original, retries included$/),
    ]);
  });

  it('a 502 on GET /gateway/bot at start-up: retried, and the bot starts', async () => {
    const token = makeToken();
    const server = await LoopbackDiscord.start({ token });
    const lines: string[] = [];
    try {
      server.fault({ method: 'GET', path: '/gateway/bot', status: 502, html: true });
      const config = loadDiscordConfig({ DISCORD_TOKEN: token, DISCORD_API_URL: server.apiUrl, LOG_LEVEL: 'info' });
      const bot = await startBot({ engine, config, logger: createLogger({ level: 'info', sink: (level, line) => lines.push(`${level} ${line}`) }) });
      try {
        expect(lines.filter((l) => /^(warn|error)/.test(l))).toEqual(['warn Discord answered 502 on GET /gateway/bot; retrying (up to 3 times)']);
        expect(lines.some((l) => l.startsWith('info Logged in as'))).toBe(true);
        const i = server.injectCommand('ask', { question: 'How many Turkish soldiers have been killed in Idlib?' });
        expect(embedOf(await server.originalEdit(i)).description).toMatch(/^> /);
      } finally {
        await bot.stop();
      }
    } finally {
      await server.close();
    }
  });
});

describe('a connection dropped mid-request', () => {
  it('one line saying so (no stack), a private apology over a new connection, and the next answer', async () => {
    const mark = h.logs.length;
    const i = h.server.injectCommand('ask', { question: 'What did Erdogan tell Trump?' });
    h.server.fault({ method: 'PATCH', path: `${i.webhookPath}/messages/@original`, drop: true });
    const apology = await h.server.waitForRequest((r) => r.path === `${i.webhookPath}/messages/@original` && r.status === 200, 'the apology');
    expect(messageOf(apology).content).toMatch(/^Sorry, something went wrong.*error id `[0-9a-f]{8}`/);
    await answersNext();
    expect(await oneAlert(mark)).toMatch(/^error \[error [0-9a-f]{8}\] while handling \/ask from user \d+: the connection to Discord dropped before it answered \(.+\)$/);
  });
});

describe('a slow or expired Discord', () => {
  it('when editing the answer takes 4 s, it had acknowledged first, answers others meanwhile, and says it was slow', async () => {
    const mark = h.logs.length;
    const slow = h.server.injectCommand('ask', { question: 'How many people have been displaced by the offensive on Idlib?' });
    h.server.fault({ method: 'PATCH', path: `${slow.webhookPath}/messages/@original`, delayMs: 4000 });
    const defer = await h.server.callback(slow);
    expect(callbackType(defer)).toBe(5);
    const other = await ask(h, 'Is there a ceasefire in Idlib?');
    const edit = await h.server.waitForRequest((r) => r.path === `${slow.webhookPath}/messages/@original` && r.status === 200, 'the slow edit', { timeoutMs: 10_000 });
    // In order: the slow question acknowledged, the other answered, then the slow answer landed.
    expect(defer.answeredAt).toBeLessThan(edit.receivedAt);
    expect(other.edit.answeredAt).toBeLessThan(edit.answeredAt);
    expect(embedOf(edit).description).toMatch(/^> /);
    expect(await oneAlert(mark)).toMatch(/^warn \/ask: answered with \d+ quotes \(topic \w+\) in \d+ ms: slow, of which the engine took \d+ ms and Discord the rest \(further slow answers this minute are logged as info\)$/);
  });

  it('an interaction whose token expired before it was acknowledged: one line, no apology attempted, next answered', async () => {
    const mark = h.logs.length;
    const i = h.server.injectCommand('ask', { question: 'What did Erdogan tell Trump?' });
    h.server.expireInteraction(i);
    const refused = await h.server.waitForRequest((r) => r.path === i.callbackPath, 'the refused callback');
    expect(refused.status).toBe(404);
    expect(refused.response).toMatchObject({ code: 10062 });
    expect(await oneAlert(mark)).toMatch(/^warn \/ask from user \d+ went unanswered: the interaction expired before I could acknowledge it \(Discord allows 3 seconds\)$/);
    await answersNext();
    expect(h.server.requests.filter((r) => r.path.includes(i.token))).toHaveLength(1);
  });

  it('an interaction whose token expired before the answer was sent (Unknown Webhook): one line, next answered', async () => {
    const mark = h.logs.length;
    const i = h.server.injectCommand('ask', { question: 'What did Erdogan tell Trump?' });
    h.server.fault({ method: 'PATCH', path: `${i.webhookPath}/messages/@original`, status: 404, code: 10015, message: 'Unknown Webhook' });
    await h.server.waitForRequest((r) => r.path === `${i.webhookPath}/messages/@original`, 'the refused edit');
    expect(await oneAlert(mark)).toMatch(/^warn \/ask from user \d+ went unanswered: the interaction expired before I could send the answer/);
    await answersNext();
    expect(h.server.requests.filter((r) => r.path.startsWith(i.webhookPath))).toHaveLength(1);
  });
});

describe('a request that went through though its answer was lost (retried, then refused: 40060)', () => {
  const ALREADY = { status: 400, code: 40060, message: 'Interaction has already been acknowledged.', afterServing: true };

  it('an acknowledgement: answers anyway by editing it, one line', async () => {
    const mark = h.logs.length;
    const i = h.server.injectCommand('ask', { question: 'How many people have been displaced by the offensive on Idlib?' });
    h.server.fault({ method: 'POST', path: i.callbackPath, ...ALREADY });
    expect(embedOf(await h.server.originalEdit(i)).description).toMatch(/^> /);
    expect(await oneAlert(mark)).toMatch(/^warn \/ask from user \d+: Discord had already taken the acknowledgement \(an earlier attempt went through\); answering by editing it$/);
  });

  it('a reply: not sent twice, no apology, one line, next answered', async () => {
    const mark = h.logs.length;
    const i = h.server.injectCommand('help');
    h.server.fault({ method: 'POST', path: i.callbackPath, ...ALREADY });
    expect(await oneAlert(mark)).toMatch(/^warn \/help from user \d+: Discord had already taken my reply \(an earlier attempt went through\); not replying twice$/);
    await answersNext();
    expect(h.server.requests.filter((r) => r.path === i.callbackPath)).toHaveLength(1);
    expect(h.server.originalMessage(i)?.embeds).toBeDefined();
  });
});

describe('permissions', () => {
  it('403 in a channel it may not write in: one line naming the channel and the fix, no apology attempted, answers elsewhere', async () => {
    const mark = h.logs.length;
    const channel = h.server.channels.offTopic;
    h.server.fault({ method: 'POST', path: new RegExp(`^/channels/${channel}/(messages|typing)$`), status: 403, code: 50013, message: 'Missing Permissions', times: Infinity });
    try {
      const sent = h.server.injectMessage(`<@${h.server.botUser.id}> How many Turkish soldiers have been killed?`, { channelId: channel });
      const line = await oneAlert(mark);
      expect(line).toContain(`from user ${sent.author.id} in channel ${channel}`);
      expect(line).toMatch(/Missing Permissions.*Send Messages/);
      expect(h.server.requests.filter((r) => r.path === `/channels/${channel}/messages`)).toHaveLength(1);
      expect(embedOf(await mention('How many people have been displaced?')).description).toMatch(/^> /);
      await answersNext();
    } finally {
      h.server.clearFaults();
    }
  });
});

describe('secrets under faults', () => {
  it('never logged the bot token, nor any interaction token, and sent the bot token nowhere', () => {
    const interactionTokens = new Set(
      h.server.requests.map((r) => /^\/(?:interactions|webhooks)\/\d+\/([^/]+)/.exec(r.path)?.[1]).filter((t): t is string => t !== undefined),
    );
    expect(interactionTokens.size).toBeGreaterThan(20);
    const log = h.logs.join('\n');
    expect(log).not.toContain(h.token);
    for (const t of interactionTokens) expect(log).not.toContain(t);
    for (const r of h.server.requests) {
      expect(JSON.stringify(r.body) ?? '').not.toContain(h.token);
      expect(JSON.stringify(r.query)).not.toContain(h.token);
      expect(r.path).not.toContain(h.token);
    }
  });

  it('sent nothing over the limits and mentioned no one, and was refused only by injected faults', () => {
    expectCleanTraffic(h.server);
  });
});
