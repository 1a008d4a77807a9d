/**
 * Questions by message against the loopback Discord, with the real bot and the real engine: mentions
 * and DMs answered as replies, ALLOWED_CHANNEL_IDS, and the per-member cooldown (2 a minute here).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/answer/types.js';
import { callbackType, embedOf, expectCleanTraffic, messageOf, realEngine, startHarness } from './harness.js';
import type { Harness } from './harness.js';
import type { RecordedRequest } from './loopback.js';

const EPHEMERAL = 64;
let engine: Engine;
let h: Harness;

beforeAll(async () => {
  engine = await realEngine();
  // Mentions are answered in #general and its threads only; two questions a minute per member.
  h = await startHarness(engine, (server) => ({ ALLOWED_CHANNEL_IDS: server.channels.general, COOLDOWN_PER_MINUTE: '2' }));
});

afterAll(async () => {
  await h?.stop();
});

/** The bot's reply to a message: a POST to the channel referencing it. */
function replyTo(message: { id: string; channelId: string }): Promise<RecordedRequest> {
  return h.server.waitForRequest(
    (r) => r.method === 'POST' && r.path === `/channels/${message.channelId}/messages` && messageOf(r).message_reference?.message_id === message.id,
    `the reply to message ${message.id}`,
  );
}

function postsTo(channelId: string): RecordedRequest[] {
  return h.server.requests.filter((r) => r.method === 'POST' && r.path === `/channels/${channelId}/messages`);
}

const unescape = (s: string): string => s.replace(/\\(.)/g, '$1');

describe('mentions and DMs', () => {
  it('answers a mention as a reply, with the mention taken out of the question', async () => {
    const bot = h.server.botUser.id;
    const sent = h.server.injectMessage(`<@${bot}> How many Turkish soldiers have been killed in Idlib?`, { user: 'mentioner' });
    const reply = await replyTo(sent);
    expect(reply.status).toBe(200);
    const body = messageOf(reply);
    expect(body.allowed_mentions).toEqual({ parse: [], users: [], roles: [], replied_user: false });
    const embed = embedOf(reply);
    expect(embed.title).toBe('How many Turkish soldiers have been killed in Idlib?');
    expect(embed.description).toMatch(/^> .*\[1\]/);
    expect(embed.fields?.[0]?.name).toBe('Sources');
  });

  it('strips the older <@!id> form wherever it stands, and does not echo other mentions raw', async () => {
    const bot = h.server.botUser.id;
    const sent = h.server.injectMessage(`hey <@!${bot}> @everyone **what** did Erdogan tell Trump? <@${bot}>`, { user: 'nick-mentioner' });
    const embed = embedOf(await replyTo(sent));
    expect(embed.title).not.toContain(bot);
    expect(embed.title).not.toMatch(/@everyone/);
    expect(unescape(embed.title ?? '')).toBe('hey @\u200beveryone **what** did Erdogan tell Trump?');
  });

  it("answers a mention of the bot's own role, which members often pick by mistake", async () => {
    const sent = h.server.injectMessage(`<@&${h.server.botRoleId}> How many observation posts does Turkey have in Idlib?`, {
      mentionBot: false,
      user: 'role-mentioner',
    });
    const embed = embedOf(await replyTo(sent));
    expect(embed.title).toBe('How many observation posts does Turkey have in Idlib?');
  });

  it('answers a DM as a reply, without any mention', async () => {
    const sent = h.server.injectMessage('How many Syrian refugees does Turkey already host?', { dm: true, user: 'dm-asker' });
    const reply = await replyTo(sent);
    const embed = embedOf(reply);
    expect(embed.title).toBe('How many Syrian refugees does Turkey already host?');
    expect(embed.description).toMatch(/^> /);
    expect(embed.description).toMatch(/3\.6 million/);
  });

  it('answers a bare mention with a short help', async () => {
    const sent = h.server.injectMessage(`<@${h.server.botUser.id}>`, { user: 'bare' });
    const body = messageOf(await replyTo(sent));
    expect(body.content).toMatch(/Ask me a question/);
    expect(body.content).toContain('/topics');
    expect(body.embeds ?? []).toEqual([]);
  });

  it('answers in a thread of an allowed channel, and ignores other channels and messages not for it', async () => {
    const bot = h.server.botUser.id;
    const elsewhere = h.server.injectMessage(`<@${bot}> How many people have fled?`, { channelId: h.server.channels.offTopic, user: 'elsewhere' });
    const notForBot = h.server.injectMessage('How many people have fled?', { mentionBot: false, user: 'chatter' });
    const inThread = h.server.injectMessage(`<@${bot}> How many people have fled?`, { channelId: h.server.channels.thread, user: 'threader' });
    // The thread's answer arrives after both others were handled (gateway order).
    const reply = await replyTo(inThread);
    expect(embedOf(reply).description).toMatch(/^> /);
    expect(postsTo(elsewhere.channelId)).toEqual([]);
    expect(postsTo(h.server.channels.general).filter((r) => messageOf(r).message_reference?.message_id === notForBot.id)).toEqual([]);
  });

  it('never answers its own messages (Discord echoes them back over the gateway)', () => {
    const ownPosts = h.server.requests.filter((r) => r.method === 'POST' && /^\/channels\/\d+\/messages$/.test(r.path));
    // One reply per question asked above (mention, <@!id>, role, DM, bare mention, thread): nothing more.
    expect(ownPosts).toHaveLength(6);
    for (const post of ownPosts) expect(messageOf(post).message_reference?.message_id).toBeDefined();
  });
});

describe('cooldown', () => {
  it('answers 2 questions a minute, then asks the member to wait, privately', async () => {
    const user = 'eager';
    for (let n = 0; n < 2; n++) {
      const i = h.server.injectCommand('ask', { question: 'How many civilians have died?' }, { user });
      expect(callbackType(await h.server.callback(i))).toBe(5);
    }
    const third = h.server.injectCommand('ask', { question: 'How many civilians have died?' }, { user });
    const refusal = await h.server.callback(third);
    expect(callbackType(refusal)).toBe(4);
    expect((messageOf(refusal).flags ?? 0) & EPHEMERAL).toBe(EPHEMERAL);
    expect(messageOf(refusal).content).toMatch(/2 questions a minute.*Try again in \d+ seconds?/);
    // Another member is not held back.
    const other = h.server.injectCommand('ask', { question: 'How many civilians have died?' }, { user: 'patient' });
    expect(callbackType(await h.server.callback(other))).toBe(5);
  });

  it('says it once to a member who keeps mentioning the bot, then stays quiet', async () => {
    const bot = h.server.botUser.id;
    const user = 'eager';
    const first = h.server.injectMessage(`<@${bot}> and now?`, { user });
    const notice = await replyTo(first);
    expect(messageOf(notice).content).toMatch(/Easy there/);
    const second = h.server.injectMessage(`<@${bot}> and now??`, { user });
    const control = h.server.injectMessage(`<@${bot}> How many people have fled?`, { user: 'calm' });
    await replyTo(control);
    expect(h.server.requests.filter((r) => messageOf(r).message_reference?.message_id === second.id)).toEqual([]);
    expect(h.bot.context.stats.snapshot().cooledDown).toBe(3);
  });

  it('sent nothing over the limits and mentioned no one, in any message of this file', () => {
    expectCleanTraffic(h.server);
  });
});
