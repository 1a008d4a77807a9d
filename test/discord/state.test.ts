/** The bot's small state: the cooldown, the statistics, and the store of recent answers. */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/answer/types.js';
import { AnswerStore } from '../../src/discord/answer-store.js';
import { Cooldown, cooldownMessage } from '../../src/discord/cooldown.js';
import { Stats, percentile } from '../../src/discord/stats.js';
import { suggestQuestions } from '../../src/discord/suggest.js';
import { realEngine } from './harness.js';

let engine: Engine;
beforeAll(async () => {
  engine = await realEngine();
});

describe('Cooldown', () => {
  it('allows N questions in any minute, then says when to come back', () => {
    let now = 0;
    const cooldown = new Cooldown(2, () => now);
    expect(cooldown.take('a', 'interaction').ok).toBe(true);
    now = 10_000;
    expect(cooldown.take('a', 'interaction').ok).toBe(true);
    now = 20_000;
    expect(cooldown.take('a', 'interaction')).toEqual({ ok: false, retryAfterMs: 40_000, notify: true });
    expect(cooldown.take('b', 'interaction').ok).toBe(true);
    now = 60_000;
    expect(cooldown.take('a', 'interaction').ok).toBe(true);
    expect(cooldown.take('a', 'interaction').ok).toBe(false);
  });

  it('refuses messages aloud once per wait, slash commands every time', () => {
    let now = 0;
    const cooldown = new Cooldown(1, () => now);
    cooldown.take('a', 'message');
    expect(cooldown.take('a', 'message')).toMatchObject({ ok: false, notify: true });
    expect(cooldown.take('a', 'message')).toMatchObject({ ok: false, notify: false });
    expect(cooldown.take('a', 'interaction')).toMatchObject({ ok: false, notify: true });
    now = 60_000;
    expect(cooldown.take('a', 'message').ok).toBe(true);
    expect(cooldown.take('a', 'message')).toMatchObject({ ok: false, notify: true });
  });

  it('is off at 0', () => {
    const cooldown = new Cooldown(0);
    for (let i = 0; i < 100; i++) expect(cooldown.take('a', 'message').ok).toBe(true);
  });

  it('words its refusal politely', () => {
    expect(cooldownMessage(5, 41_200)).toBe('Easy there: you can ask 5 questions a minute. Try again in 42 seconds.');
    expect(cooldownMessage(1, 200)).toBe('Easy there: you can ask 1 question a minute. Try again in 1 second.');
  });
});

describe('Stats', () => {
  it('takes nearest-rank percentiles', () => {
    expect(percentile([], 50)).toBe(0);
    expect(percentile([5], 95)).toBe(5);
    const values = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 95)).toBe(95);
  });

  it('counts questions by topic, latency, and keeps the last five unanswered, newest first', () => {
    let now = 1_000_000;
    const stats = new Stats(() => now);
    for (let i = 0; i < 7; i++) {
      stats.recordAsk({ question: `q${i}`, topic: i % 2 ? 'casualties' : null, answered: i < 1, totalMs: 10 * (i + 1), engineMs: i });
    }
    now += 65_000;
    const s = stats.snapshot();
    expect(s).toMatchObject({ asked: 7, answered: 1, abstained: 6, uptimeMs: 65_000 });
    expect(s.byTopic).toEqual([
      { topic: null, asked: 4, answered: 1 },
      { topic: 'casualties', asked: 3, answered: 0 },
    ]);
    expect(s.latency).toEqual({ p50: 40, p95: 70, samples: 7 });
    expect(s.recentUnanswered.map((u) => u.question)).toEqual(['q6', 'q5', 'q4', 'q3', 'q2']);
  });
});

describe('AnswerStore', () => {
  it('keeps the most recently used answers, and forgets the oldest', () => {
    const store = new AnswerStore(2);
    const answer = engine.ask('How many people fled?');
    const a = store.put({ answer, userId: '1' });
    const b = store.put({ answer, userId: '2' });
    expect(store.get(a)?.userId).toBe('1');
    const c = store.put({ answer, userId: '3' });
    expect(store.get(b)).toBeUndefined();
    expect(store.get(a)?.userId).toBe('1');
    expect(store.get(c)?.userId).toBe('3');
    expect(a).toMatch(/^[A-Za-z0-9_-]{8}$/);
  });
});

describe('suggestQuestions', () => {
  it('offers examples that hold the typed words, the word being typed as a prefix', () => {
    const out = suggestQuestions(engine.topics(), 'observation po');
    // The examples holding the typed word come first, however many the topic files have.
    const holding = engine.topics().flatMap((t) => t.examples).filter((e) => /observation/i.test(e)).length;
    expect(holding).toBeGreaterThan(0);
    for (const q of out.slice(0, Math.min(3, holding))) expect(q.toLowerCase()).toMatch(/observation/);
    expect(out[0]?.toLowerCase()).toMatch(/\bpo/);
    expect(suggestQuestions(engine.topics(), 'zzzz qqqq')).toEqual([]);
    expect(suggestQuestions(engine.topics(), '').every((q) => /^[A-Z].*\?$/.test(q))).toBe(true);
  });
});
