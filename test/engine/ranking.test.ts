import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSquad } from '../../src/eval/squad.js';
import { WordNet } from '../../src/nlp/wordnet.js';
import { analyseQuestion } from '../../src/retrieve/question.js';
import { DEFAULT_RANK, Retriever } from '../../src/retrieve/retriever.js';
import { tempDir } from '../helpers.js';

// Sentences written for this test, read through the SQuAD loader (which splits paragraphs into sentences).
const paragraphs = [
  'The old lighthouse on the northern cape was built in 1875. Keeper Anna Berg first lit its lamp. Storms often batter the cape. The lamp can be seen from the harbour.',
  'The harbour froze in the winter of 1875. Fishermen walked across the ice to the cape. The keeper rang the bell for them.',
];

async function retriever(): Promise<Retriever> {
  const tmp = tempDir();
  const file = join(tmp.dir, 'squad.json');
  writeFileSync(file, JSON.stringify({ version: 'v2.0', data: [{ title: 'T', paragraphs: paragraphs.map((context) => ({ context, qas: [] })) }] }));
  const set = await loadSquad(file);
  tmp.cleanup();
  return new Retriever(set.sentences, set.sentences.map(() => new Map()), WordNet.open());
}

describe('ranking by coverage', () => {
  it('re-orders the candidates by score × coverage, keeping the same candidates', async () => {
    const r = await retriever();
    for (const question of ['who first lit the lamp of the lighthouse', 'when did the harbour freeze', 'what can be seen from the harbour on the cape']) {
      const q = analyseQuestion(question);
      const off = r.rank(q, [], 0, { ...DEFAULT_RANK, coverageWeight: 0 }).candidates;
      const on = r.rank(q, [], 0, { ...DEFAULT_RANK, coverageWeight: 1 }).candidates;
      expect(on.map((c) => c.sentence.index).sort()).toEqual(off.map((c) => c.sentence.index).sort());
      const before = new Map(off.map((c) => [c.sentence.index, c]));
      for (const c of on) expect(c.score).toBeCloseTo(before.get(c.sentence.index)!.score * c.coverage, 9);
      for (let i = 1; i < on.length; i++) expect(on[i]!.score).toBeLessThanOrEqual(on[i - 1]!.score);
    }
  });
});
