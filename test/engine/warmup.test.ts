/**
 * The warm-up (src/answer/warmup.ts, Engine.warmUp): questions made from the articles' own sentences, asked
 * and dropped, change no answer, give way to other work, keep to their budget, and are asked again after a
 * reload that swaps in a new index.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../src/answer/engine.js';
import type { Engine, ReloadReport, WarmUpReport } from '../../src/answer/types.js';
import { keptWarm, WARM_UP_OPENINGS, warmUpQuestions } from '../../src/answer/warmup.js';
import { parseQuestions } from '../../src/eval/score.js';
import { INTENTS, ROOT, SEEDS } from '../helpers.js';

const TEXTS: readonly string[] = [
  'Turkey sent more troops into Idlib on Sunday, officials said.',
  '“We will not allow it,” Erdogan said.',
  '...',
  'Some 900,000 people have fled since December, the UN said.',
  'Short one.',
];

describe('warm-up questions', () => {
  it('take a run of a sentence’s own words after each opening in turn, sentences spread over the corpus', () => {
    const questions = warmUpQuestions(TEXTS.map((text) => ({ text })), 9);
    // The sentence with no word gives none.
    expect(questions.length).toBeLessThan(9);
    expect(questions.length).toBeGreaterThan(5);
    const words = (s: string) => s.split(/\s+/).map((w) => w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '')).filter(Boolean);
    for (const q of questions) {
      expect(q.endsWith('?')).toBe(true);
      const opening = [...WARM_UP_OPENINGS].filter((o) => o !== '').sort((a, b) => b.length - a.length).find((o) => q.startsWith(`${o} `)) ?? '';
      const run = words(q.slice(opening.length, -1)).join(' ');
      expect(run.split(' ').length).toBeLessThanOrEqual(12);
      // The run is a run of one sentence's words, in order.
      expect(TEXTS.some((t) => ` ${words(t).join(' ')} `.includes(` ${run} `)), q).toBe(true);
    }
    expect(questions[0]!.startsWith(`${WARM_UP_OPENINGS[0]} `)).toBe(true);
    expect(questions[1]!.startsWith(`${WARM_UP_OPENINGS[1]} `)).toBe(true);
    // Every sentence with words is asked about once the count reaches the number of sentences.
    for (const t of TEXTS.filter((x) => words(x).length > 0)) {
      expect(questions.some((q) => words(t).some((w) => w.length > 4 && q.includes(w))), t).toBe(true);
    }
    // Only the sentences asked about are read (a sentence's text is cut from its file's text when read).
    let reads = 0;
    const many = Array.from({ length: 5000 }, (_, i) => ({
      get text() {
        reads++;
        return `Sentence number ${i} of many`;
      },
    }));
    expect(warmUpQuestions(many, 10)).toHaveLength(10);
    expect(reads).toBe(10);
    expect(warmUpQuestions([], 10)).toEqual([]);
    expect(warmUpQuestions(TEXTS.map((text) => ({ text })), 0)).toEqual([]);
  });
});

describe('Engine.warmUp', () => {
  let cold: Engine;
  let warmed: Engine;
  let report: WarmUpReport;
  beforeAll(async () => {
    cold = await createEngine({ corpusDir: SEEDS, intentsDir: INTENTS });
    warmed = await createEngine({ corpusDir: SEEDS, intentsDir: INTENTS });
    report = await warmed.warmUp({ questions: 120 });
  });

  it('asks its questions and changes no answer', () => {
    expect(report.asked).toBe(120);
    // Then every topic example, once each (two topics may share one).
    expect(report.examples).toBe(new Set(warmed.topics().flatMap((t) => t.examples)).size);
    expect(warmed.topics({ answered: true })).toEqual(cold.topics({ answered: true }));
    const questions = parseQuestions(readFileSync(join(ROOT, 'test/fixtures/idlib-dev.jsonl'), 'utf8'));
    expect(questions.length).toBeGreaterThan(50);
    for (const q of questions) {
      for (const abstain of [true, false]) {
        expect(warmed.ask(q.question, { abstain }), q.id).toEqual(cold.ask(q.question, { abstain }));
      }
    }
  });

  it('gives way to other work between questions, and keeps to its budget', async () => {
    const order: string[] = [];
    const running = warmed.warmUp({ questions: 30 }).then((r) => {
      order.push('warm-up done');
      return r;
    });
    setImmediate(() => order.push('other work'));
    const r = await running;
    expect(r.asked).toBe(30);
    expect(order).toEqual(['other work', 'warm-up done']);
    expect((await warmed.warmUp({ budgetMs: 0 })).asked).toBe(0);
    expect((await warmed.warmUp({ questions: 0 })).asked).toBe(0);
  });
});

describe('keptWarm', () => {
  it('warms the engine at once and again after each reload that swaps in a new index, not after one that fails', async () => {
    let warmUps = 0;
    let ok = true;
    const report = (): ReloadReport => ({ ok, articles: 0, sentences: 0, added: [], removed: [], changed: [], topicsBefore: [], topicsAfter: [], problems: [] });
    const fake = {
      warmUp: async () => {
        warmUps++;
        return { asked: 0, ms: 0 };
      },
      reload: async () => report(),
    } as Partial<Engine> as Engine;
    const engine = keptWarm(fake);
    expect(warmUps).toBe(1);
    expect((await engine.reload()).ok).toBe(true);
    expect(warmUps).toBe(2);
    ok = false;
    expect((await engine.reload()).ok).toBe(false);
    expect(warmUps).toBe(2);
  });

  it('drops a warm-up that fails', async () => {
    const fake = { warmUp: () => Promise.reject(new Error('boom')), reload: async () => ({}) } as Partial<Engine> as Engine;
    expect(() => keptWarm(fake)).not.toThrow();
    // An unhandled rejection would fail the run.
    await new Promise((resolve) => setTimeout(resolve, 10));
  });
});
