/**
 * The other slash commands against the loopback Discord, with the real bot and the real engine (on a
 * copy of seeds/ and intents/, so that /reload can be shown changes): /topics, /sources, /help, and the
 * moderator commands /reload and /stats, which members are refused privately.
 */
import { cpSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../src/answer/engine.js';
import type { Engine } from '../../src/answer/types.js';
import { INTENTS, SEEDS, tempDir } from '../helpers.js';
import { ask, callbackType, embedOf, embedText, expectCleanTraffic, messageOf, startHarness } from './harness.js';
import type { Harness } from './harness.js';

const EPHEMERAL = 64;
const temp = tempDir();
const corpusDir = join(temp.dir, 'seeds');
const intentsDir = join(temp.dir, 'intents');
let engine: Engine;
let h: Harness;

beforeAll(async () => {
  cpSync(SEEDS, corpusDir, { recursive: true });
  cpSync(INTENTS, intentsDir, { recursive: true });
  engine = await createEngine({ corpusDir, intentsDir });
  h = await startHarness(engine);
});

afterAll(async () => {
  await h?.stop();
  temp.cleanup();
});

/** Runs a command and returns its (first) callback. */
async function run(name: string, actor: { moderator?: boolean; dm?: boolean; user?: string } = {}) {
  const i = h.server.injectCommand(name, {}, actor);
  return { interaction: i, callback: await h.server.callback(i) };
}

describe('member commands', () => {
  it('/topics lists each topic with example questions, privately', async () => {
    const { callback } = await run('topics');
    expect(callbackType(callback)).toBe(4);
    expect((messageOf(callback).flags ?? 0) & EPHEMERAL).toBe(EPHEMERAL);
    const embed = embedOf(callback);
    // The examples shown are those the articles answer.
    const topics = engine.topics({ answered: true });
    expect(topics.length).toBeGreaterThan(0);
    expect(embed.fields?.map((f) => f.name.toLowerCase())).toEqual(topics.map((t) => t.name.toLowerCase()));
    for (const [i, topic] of topics.entries()) {
      const bullets = (embed.fields?.[i]?.value ?? '').split('\n').filter((l) => l.startsWith('• '));
      expect(bullets.length).toBeGreaterThanOrEqual(Math.min(2, topic.examples.length));
      for (const b of bullets) {
        const example = b.slice(2).replace(/\\(.)/g, '$1');
        expect(topic.examples).toContain(example);
        expect(engine.ask(example).answered).toBe(true);
      }
    }
  });

  it('/sources lists every article with outlet, headline, date and link', async () => {
    const { callback } = await run('sources');
    const embed = embedOf(callback);
    const text = (embed.description ?? '').replace(/\\(.)/g, '$1');
    const sources = engine.sources();
    expect(embed.title).toContain(String(sources.length));
    for (const s of sources) {
      expect(text).toContain(`${s.outlet ?? '∅'} — `);
      expect(text).toContain(s.title ?? '∅');
      if (s.url) expect(text).toContain(`](${s.url})`);
    }
    expect(text).toContain('15 Feb 2020');
    expect(text).toContain('date not printed');
  });

  it('/help explains asking, the other commands, and what the bot knows', async () => {
    const { callback } = await run('help', { dm: true });
    const text = embedText(embedOf(callback));
    for (const command of ['/ask', '/topics', '/sources', '/reload', '/stats']) expect(text).toContain(command);
    // The mention's example is a question these articles answer, not one written into the help.
    const example = engine.info().example;
    expect(example).not.toBeNull();
    expect(engine.ask(example!).answered).toBe(true);
    expect(text).toContain(`Mention me: @`);
    expect(text).toContain(example!);
    expect(text).toContain(engine.info().description.split(',')[0] ?? '∅');
  });
});

describe('moderator commands', () => {
  it('/reload is refused, privately, to a member without Manage Server', async () => {
    const { callback } = await run('reload', { moderator: false });
    expect(callbackType(callback)).toBe(4);
    expect((messageOf(callback).flags ?? 0) & EPHEMERAL).toBe(EPHEMERAL);
    expect(messageOf(callback).content).toMatch(/moderators.*Manage Server/);
  });

  it('/stats is refused, privately, to a member, and in DMs', async () => {
    for (const actor of [{ moderator: false }, { dm: true }]) {
      const { callback } = await run('stats', actor);
      expect((messageOf(callback).flags ?? 0) & EPHEMERAL).toBe(EPHEMERAL);
      expect(messageOf(callback).content).toMatch(/moderators/);
      expect(messageOf(callback).embeds ?? []).toEqual([]);
    }
  });

  it('/reload tells a moderator what changed and names the files with problems', async () => {
    const source = readFileSync(join(corpusDir, '004_8e2d4212f7017d30.txt'), 'utf8');
    writeFileSync(join(corpusDir, '005_added_for_test.txt'), source.replace('id: 004_8e2d4212f7017d30', 'id: 005_added_for_test'));
    writeFileSync(join(corpusDir, '006_empty.txt'), '');
    const { interaction, callback } = await run('reload', { moderator: true });
    expect(callbackType(callback)).toBe(5);
    expect((messageOf(callback).flags ?? 0) & EPHEMERAL).toBe(EPHEMERAL);
    const embed = embedOf(await h.server.originalEdit(interaction));
    expect(embed.title).toBe('Reloaded');
    const text = embedText(embed).replace(/\\(.)/g, '$1');
    expect(text).toContain('6 articles');
    expect(embed.fields?.find((f) => f.name === 'Added')?.value.replace(/\\(.)/g, '$1')).toContain('005_added_for_test');
    const problems = embed.fields?.find((f) => f.name.startsWith('Problems'))?.value.replace(/\\(.)/g, '$1') ?? '';
    expect(problems).toContain('006_empty.txt');
    expect(problems).toContain('is empty');
    expect(engine.info().articles).toBe(6);
  });

  it('/reload that fails keeps the previous articles and says why', async () => {
    renameSync(corpusDir, `${corpusDir}-gone`);
    try {
      const { interaction } = await run('reload', { moderator: true });
      const embed = embedOf(await h.server.originalEdit(interaction));
      expect(embed.title).toBe('Reload failed');
      expect(embed.description).toMatch(/kept the previous/);
      expect(engine.info().articles).toBe(6);
      // Still answering from what it had.
      const { embed: answer } = await ask(h, 'How many Turkish soldiers have been killed in Idlib?');
      expect(answer.description).toMatch(/^> /);
    } finally {
      renameSync(`${corpusDir}-gone`, corpusDir);
    }
  });

  it('/stats shows a moderator uptime, questions by topic, latency and recent unanswered questions', async () => {
    await ask(h, 'How many people have been displaced by the offensive on Idlib?');
    await ask(h, 'Who won the 1998 football world cup?');
    const { callback } = await run('stats', { moderator: true });
    expect(callbackType(callback)).toBe(4);
    expect((messageOf(callback).flags ?? 0) & EPHEMERAL).toBe(EPHEMERAL);
    const embed = embedOf(callback);
    const field = (name: string): string => embed.fields?.find((f) => f.name === name)?.value ?? '';
    const snapshot = h.bot.context.stats.snapshot();
    expect(snapshot.asked).toBe(3);
    expect(field('Uptime')).toMatch(/\d+ s|\d+ min/);
    expect(field('Questions')).toContain(`${snapshot.asked} asked · ${snapshot.answered} answered`);
    expect(field('Questions')).toContain(`${snapshot.abstained} abstained`);
    expect(snapshot.abstained).toBeGreaterThanOrEqual(1);
    expect(field('By topic')).toMatch(/displacement: 1 asked, 1 answered/);
    expect(field('Answer latency')).toMatch(/p50 [\d.]+ ms · p95 [\d.]+ ms over 3 answers/);
    expect(field('Recently unanswered')).toContain('Who won the 1998 football world cup?');
  });

  it('sent nothing over the limits and mentioned no one, in any message of this file', () => {
    expectCleanTraffic(h.server);
  });
});
