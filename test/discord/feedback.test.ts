/**
 * Moderators' insight against the loopback Discord, with the real bot, the real engine and a database
 * file: 👍 / 👎 on answers (recorded once per member, changed by a second click, acknowledged privately),
 * nothing identifying in the file, `/gaps` grouping paraphrased unanswered questions, and `/stats`
 * giving the same figures after a restart.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { APIEmbed } from 'discord.js';
import type { Engine } from '../../src/answer/types.js';
import { Store } from '../../src/store/store.js';
import { tempDir } from '../helpers.js';
import { ask, buttons, callbackType, embedOf, expectCleanTraffic, messageOf, realEngine, startHarness } from './harness.js';
import type { Harness } from './harness.js';
import type { Injected } from './loopback.js';

const EPHEMERAL = 64;
const temp = tempDir();
const databasePath = join(temp.dir, 'data', 'bot.db');
const FEEDBACK_SALT = 'feedback-salt-for-this-test-0123456789';
let engine: Engine;
let h: Harness;
/** Every Discord id a member had in this file: none may be in the database. */
const memberIds = new Set<string>();
/** An answer's 👍 button and message, kept to press after a restart. */
let kept: { customId: string; message: Record<string, unknown> } | null = null;

beforeAll(async () => {
  engine = await realEngine();
  h = await startHarness(engine, { DATABASE_PATH: databasePath, FEEDBACK_SALT });
});

afterAll(async () => {
  await h?.stop();
  temp.cleanup();
});

async function press(customId: string, interaction: Injected, user: string) {
  const message = h.server.originalMessage(interaction);
  expect(message).not.toBeNull();
  const i = h.server.injectButton(customId, message ?? {}, { user });
  memberIds.add(i.user.id);
  const reply = await h.server.callback(i);
  expect(callbackType(reply)).toBe(4);
  expect((messageOf(reply).flags ?? 0) & EPHEMERAL).toBe(EPHEMERAL);
  return messageOf(reply).content ?? '';
}

async function run(name: string, options: Record<string, string> = {}, moderator = true) {
  const i = h.server.injectCommand(name, options, { moderator, user: moderator ? 'moderator' : 'member' });
  memberIds.add(i.user.id);
  return i;
}

function votes(): { vote: number; voter: string }[] {
  const db = new Sqlite(databasePath, { readonly: true });
  try {
    return db.prepare('SELECT vote, voter FROM votes ORDER BY at, voter').all() as { vote: number; voter: string }[];
  } finally {
    db.close();
  }
}

function field(embed: APIEmbed, name: string): string {
  return embed.fields?.find((f) => f.name === name)?.value ?? '';
}

describe('feedback', () => {
  it('puts 👍 and 👎 beside the page buttons of an answer, and none on an abstention', async () => {
    const asked = await ask(h, 'turkish soldiers killed', { user: 'asker' });
    memberIds.add(asked.interaction.user.id);
    const labels = buttons(messageOf(asked.edit)).map((b) => b.label ?? ('emoji' in b ? b.emoji?.name : ''));
    expect(labels).toEqual(['Previous', 'More sources', '👍', '👎']);
    const ids = buttons(messageOf(asked.edit)).map((b) => b.custom_id);
    expect(ids[2]).toMatch(/^fb:[A-Za-z0-9_-]+:up$/);

    // Paging keeps the feedback buttons.
    const update = h.server.injectButton(ids[1] ?? '', h.server.originalMessage(asked.interaction) ?? {}, { user: 'asker' });
    expect(callbackType(await h.server.callback(update))).toBe(7);
    expect(buttons(h.server.originalMessage(asked.interaction) ?? {}).map((b) => b.custom_id).slice(2)).toEqual(ids.slice(2));

    const abstained = await ask(h, 'What is the capital of France?');
    expect(buttons(messageOf(abstained.edit))).toEqual([]);
  });

  it('records a vote once per member, changes it on a second click, and acknowledges privately', async () => {
    const asked = await ask(h, 'How many people have been displaced by the offensive on Idlib?', { user: 'voter' });
    memberIds.add(asked.interaction.user.id);
    const [up, down] = buttons(messageOf(asked.edit)).map((b) => b.custom_id).filter((id) => id.startsWith('fb:'));
    expect(up && down).toBeTruthy();
    const before = votes().length;

    expect(await press(up ?? '', asked.interaction, 'voter')).toMatch(/^Thanks: noted that this answer helped/);
    expect(await press(up ?? '', asked.interaction, 'voter')).toMatch(/You already said this answer helped/);
    expect(await press(down ?? '', asked.interaction, 'voter')).toMatch(/^Changed your vote: this answer missed/);
    expect(await press(down ?? '', asked.interaction, 'another-member')).toMatch(/^Thanks: noted that this answer missed.*\/gaps/);

    kept = { customId: up ?? '', message: h.server.originalMessage(asked.interaction) ?? {} };
    const after = votes().slice(before);
    expect(after.map((v) => v.vote)).toEqual([-1, -1]);
    expect(new Set(after.map((v) => v.voter)).size).toBe(2);
    for (const v of after) expect(v.voter).toMatch(/^[0-9a-f]{64}$/);
    // The public answer itself is untouched by the votes.
    expect(h.server.originalMessage(asked.interaction)?.embeds).toEqual(messageOf(asked.edit).embeds);
  });

  it('says so when the answer is not in the log', async () => {
    const press = h.server.injectButton('fb:unknownAnswer:up', { id: '1', channel_id: h.server.channels.general, flags: 0 }, { user: 'late' });
    memberIds.add(press.user.id);
    const reply = await h.server.callback(press);
    expect(messageOf(reply).content).toMatch(/too old for feedback/);
  });
});

describe('/gaps', () => {
  it('is refused to members', async () => {
    const i = await run('gaps', {}, false);
    const reply = await h.server.callback(i);
    expect((messageOf(reply).flags ?? 0) & EPHEMERAL).toBe(EPHEMERAL);
    expect(messageOf(reply).content).toMatch(/moderators/);
  });

  it('groups paraphrased unanswered questions, counts them, and lists answers voted 👎', async () => {
    for (const q of ['Who won the 1998 football world cup?', 'which country won the world cup in 1998', 'who won the world cup in 98', '1998 world cup winner?']) {
      const asked = await ask(h, q, { user: 'curious' });
      memberIds.add(asked.interaction.user.id);
    }
    // Small talk gets a reply, and is no coverage gap.
    const thanks = await ask(h, 'thanks!', { user: 'curious' });
    memberIds.add(thanks.interaction.user.id);
    expect(thanks.embed.description).toMatch(/welcome/i);
    expect(thanks.embed.footer).toBeUndefined();
    const i = await run('gaps');
    expect(callbackType(await h.server.callback(i))).toBe(5);
    const embed = embedOf(await h.server.originalEdit(i));
    expect(embed.title).toBe('Coverage gaps (all kept)');
    const blocks = (embed.description ?? '').split('\n\n');
    // Most asked first: the four world-cup questions as one group.
    const cup = blocks[0] ?? '';
    expect(cup).toMatch(/^\*\*4×\*\* /);
    expect(cup).toMatch(/4 unanswered · last <t:\d+:R>/);
    expect(cup).toMatch(/also asked as /);
    for (const q of ['world cup in 1998', '1998 world cup winner']) expect(cup).toContain(q);
    // The capital of France (asked once above) is a group of its own, and the answer voted 👎 is listed.
    expect(blocks.some((b) => /^\*\*1×\*\* What is the capital of France\?/.test(b))).toBe(true);
    expect(blocks.some((b) => /displaced by the offensive on Idlib\?\n {2}1 answered but voted 👎/.test(b))).toBe(true);
    expect(embed.footer?.text).toMatch(/^6 questions in 3 groups/);
  });
});

describe('/stats', () => {
  let before: APIEmbed;

  it('reads the figures from the store, with a period', async () => {
    const i = await run('stats');
    before = embedOf(await h.server.callback(i));
    expect(before.title).toBe('Bot statistics (all kept)');
    expect(field(before, 'Questions')).toMatch(/^7 asked · 2 answered \(29%\) · 5 abstained/);
    expect(field(before, 'Feedback')).toMatch(/^👍 0 · 👎 2/);
    expect(field(before, 'Recently unanswered')).toContain('1998 world cup winner?');

    // A question from three days ago counts in "all" and "week", not in "day".
    const store = Store.open({ databasePath, retentionDays: 90, feedbackSalt: null });
    store.recordAsk({
      answerId: 'older', at: Date.now() - 3 * 86_400_000, guildId: h.server.guildId, channelId: h.server.channels.general, via: 'mention',
      shard: 0, question: 'an older question', topic: 'diplomacy', answered: true, quotes: [], totalMs: 50, engineMs: 10,
    });
    store.close();
    const counts: Record<string, string> = {};
    for (const period of ['day', 'week', 'all']) {
      const embed = embedOf(await h.server.callback(await run('stats', { period })));
      counts[period] = field(embed, 'Questions').split(' asked')[0] ?? '';
    }
    expect(counts).toEqual({ day: '7', week: '8', all: '8' });
    before = embedOf(await h.server.callback(await run('stats')));
  });

  it('gives the same figures after a restart', async () => {
    await h.stop();
    h = await startHarness(engine, { DATABASE_PATH: databasePath, FEEDBACK_SALT });
    const after = embedOf(await h.server.callback(await run('stats')));
    for (const name of ['Questions', 'Feedback', 'By topic', 'Answer latency', 'Recently unanswered', 'Other']) {
      expect(field(after, name), name).toBe(field(before, name));
    }
    expect(field(after, 'Questions')).toMatch(/^8 asked/);
    // The uptime is the new process's own.
    expect(field(after, 'Uptime')).toMatch(/^\d+ s /);
    // A button from before the restart still records a vote: the store knows the answer.
    const late = h.server.injectButton(kept?.customId ?? '', kept?.message ?? {}, { user: 'after-restart' });
    memberIds.add(late.user.id);
    expect(messageOf(await h.server.callback(late)).content).toMatch(/^Thanks: noted that this answer helped/);
    // The schema was there already: nothing to migrate.
    expect(h.logs.some((l) => /Store: applied migration/.test(l))).toBe(false);
  });
});

describe('privacy', () => {
  it('stores no member id, DM channel id or mention in clear: the database files hold none of them', async () => {
    const dm = await ask(h, 'What did <@123456789012345678> and Erdogan discuss?', { dm: true, user: 'dm-member' });
    memberIds.add(dm.interaction.user.id);
    const dmChannel = dm.interaction.channelId;
    await h.stop();
    h = await startHarness(engine, { DATABASE_PATH: databasePath, FEEDBACK_SALT });
    const bytes = Buffer.concat(
      ['', '-wal', '-shm'].filter((suffix) => existsSync(databasePath + suffix)).map((suffix) => readFileSync(databasePath + suffix)),
    );
    expect(memberIds.size).toBeGreaterThanOrEqual(6);
    for (const id of [...memberIds, dmChannel, '123456789012345678', FEEDBACK_SALT]) {
      expect(bytes.includes(Buffer.from(id, 'utf8')), `id ${id} in the database`).toBe(false);
    }
    const db = new Sqlite(databasePath, { readonly: true });
    const row = db.prepare('SELECT question, guild_id, channel_id, via FROM asks WHERE guild_id IS NULL').get();
    db.close();
    expect(row).toEqual({ question: 'What did @member and Erdogan discuss?', guild_id: null, channel_id: null, via: 'slash' });
  });

  it('never logs FEEDBACK_SALT', () => {
    h.bot.context.logger.warn(`a line holding the salt ${FEEDBACK_SALT}`);
    expect(h.logs.at(-1)).toContain('[redacted]');
    for (const line of h.logs) expect(line).not.toContain(FEEDBACK_SALT);
  });

  it('sent nothing over the limits and mentioned no one, in any message of this file', () => {
    expectCleanTraffic(h.server);
  });
});
