/**
 * The question sets in test/fixtures are sound: every accept fragment is the articles' own text, every
 * answerable question has one that a quote can contain, the fields agree with each other, and no set
 * repeats another's questions (the held-out figures mean something only if its questions are nowhere
 * else), nor is any of them a topic example.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/load.js';
import { normalise, parseQuestions } from '../../src/eval/score.js';
import { loadTopics } from '../../src/intent/load.js';
import { INTENTS, ROOT, SEEDS } from '../helpers.js';

const FIXTURES = join(ROOT, 'test', 'fixtures');
const SETS = readdirSync(FIXTURES).filter((f) => f.endsWith('.jsonl'));
const TOPICS = ['casualties', 'displacement', 'diplomacy', 'ceasefire', 'other', 'out_of_scope'];

describe('the question sets', () => {
  it('are the dev, held-out and tuning sets', () => {
    expect(SETS.sort()).toEqual(['idlib-dev.jsonl', 'idlib-holdout.jsonl', 'idlib-tune.jsonl']);
  });

  // The seeds, loaded once for every set.
  let seeds: ReturnType<typeof loadCorpus> | undefined;

  it.each(SETS)('%s: every accept fragment is in an article, a quote can hold one, and the fields agree', async (file) => {
    const { articles } = await (seeds ??= loadCorpus(SEEDS));
    const texts = articles.map((a) => normalise(a.raw));
    // What a quote can hold: a loaded sentence, or one with the next (a sentence shown with its neighbour).
    // Not page furniture the loader drops, nor a headline.
    const quotable = articles.flatMap((a) => a.sentences.map((s, i) => normalise(i + 1 < a.sentences.length ? `${s.text} ${a.sentences[i + 1]!.text}` : s.text)));
    const questions = parseQuestions(readFileSync(join(FIXTURES, file), 'utf8'));
    expect(questions.length).toBeGreaterThanOrEqual(90);
    expect(new Set(questions.map((q) => q.id)).size).toBe(questions.length);
    for (const q of questions) {
      expect(TOPICS, q.id).toContain(q.topic);
      expect(q.answerable, q.id).toBe(q.topic !== 'out_of_scope');
      expect(q.accept.length > 0, q.id).toBe(q.answerable);
      for (const fragment of q.accept) expect(texts.some((t) => t.includes(normalise(fragment))), `${q.id}: ${fragment}`).toBe(true);
      if (q.answerable) expect(q.accept.some((f) => quotable.some((t) => t.includes(normalise(f)))), `${q.id}: no fragment a quote can hold`).toBe(true);
    }
  });

  it('share no question', () => {
    const seen = new Map<string, string>();
    for (const file of SETS) {
      for (const q of parseQuestions(readFileSync(join(FIXTURES, file), 'utf8'))) {
        const key = normalise(q.question);
        expect(seen.get(key), `${file} ${q.id}`).toBeUndefined();
        seen.set(key, `${file} ${q.id}`);
      }
    }
  });

  it('are not topic examples: no question of any set is in intents/, word for word', async () => {
    const { topics } = await loadTopics(INTENTS);
    // Punctuation and case aside: "how many died" and "How many died?" are the same question.
    const key = (text: string) => normalise(text).replace(/[^a-z0-9 ]/g, '').trim();
    const examples = new Set(topics.flatMap((t) => t.examples.map(key)));
    expect(examples.size).toBeGreaterThan(150);
    for (const file of SETS) {
      for (const q of parseQuestions(readFileSync(join(FIXTURES, file), 'utf8'))) expect(examples.has(key(q.question)), `${file} ${q.id}`).toBe(false);
    }
  });
});
