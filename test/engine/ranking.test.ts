import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/load.js';
import type { Sentence } from '../../src/corpus/types.js';
import { loadSquad } from '../../src/eval/squad.js';
import { WordNet } from '../../src/nlp/wordnet.js';
import { analyseQuestion } from '../../src/retrieve/question.js';
import { DEFAULT_RANK, Retriever } from '../../src/retrieve/retriever.js';
import { tempDir } from '../helpers.js';

// Sentences written for this test, read through the SQuAD loader (which splits paragraphs into sentences).
const paragraphs = [
  'It lifts thirty tonnes of steel.',
  'The harbour crane was painted red last spring. It lifts forty tonnes of steel.',
  'The old lighthouse on the northern cape was built in 1875. Keeper Anna Berg first lit its lamp. Storms often batter the cape. The lamp can be seen from the harbour.',
  'The harbour froze in the winter of 1875. Fishermen walked across the ice to the cape. The keeper rang the bell for them.',
];

/** The paragraphs' sentences, each paragraph an article of its own. */
async function sentences(): Promise<Sentence[]> {
  const tmp = tempDir();
  const file = join(tmp.dir, 'squad.json');
  writeFileSync(file, JSON.stringify({ version: 'v2.0', data: [{ title: 'T', paragraphs: paragraphs.map((context) => ({ context, qas: [] })) }] }));
  const set = await loadSquad(file);
  tmp.cleanup();
  return set.sentences;
}

/** A retriever over the paragraphs, with no topics. */
async function retriever(): Promise<Retriever> {
  const all = await sentences();
  return new Retriever(all, all.map(() => new Map()), WordNet.open());
}

/** A sentence's coverage for a question, with paragraph neighbours counting at `contextCoverage`. */
function coverageOf(r: Retriever, question: string, text: string, contextCoverage: number): number {
  const found = r.rank(analyseQuestion(question), [], 0, { ...DEFAULT_RANK, contextCoverage }).candidates.find((c) => c.sentence.text === text);
  if (!found) throw new Error(`"${text}" is not a candidate for "${question}"`);
  return found.coverage;
}

const STEEL = 'how much steel does the harbour crane lift';

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

  it('counts a question word the sentence before in the same paragraph has, never one from another paragraph', async () => {
    const r = await retriever();
    // "It lifts forty tonnes…" leans on the crane sentence before it; "It lifts thirty tonnes…" is a
    // paragraph of its own, so the crane paragraph after it is not its context.
    expect(coverageOf(r, STEEL, 'It lifts forty tonnes of steel.', 0.5)).toBeGreaterThan(coverageOf(r, STEEL, 'It lifts forty tonnes of steel.', 0) + 0.2);
    expect(coverageOf(r, STEEL, 'It lifts thirty tonnes of steel.', 0.5)).toBeCloseTo(coverageOf(r, STEEL, 'It lifts thirty tonnes of steel.', 0), 9);
  });

  it('in an article, takes the neighbour from the same paragraph only', async () => {
    const t = tempDir();
    writeFileSync(
      join(t.dir, 'harbour.md'),
      'Harbour News\n\nIt lifts forty tonnes of steel. That is what the harbour crane was built for.\n\nIt lifts thirty tonnes of steel.\n',
    );
    const corpus = await loadCorpus(t.dir);
    t.cleanup();
    const r = new Retriever(corpus.sentences, corpus.sentences.map(() => new Map()), WordNet.open());
    expect(coverageOf(r, STEEL, 'It lifts forty tonnes of steel.', 0.5)).toBeGreaterThan(coverageOf(r, STEEL, 'It lifts forty tonnes of steel.', 0) + 0.2);
    // "It lifts forty…" borrows the crane from the sentence after it, in its paragraph; "It lifts
    // thirty…" comes right after that sentence, but in the next paragraph.
    expect(coverageOf(r, STEEL, 'It lifts thirty tonnes of steel.', 0.5)).toBeCloseTo(coverageOf(r, STEEL, 'It lifts thirty tonnes of steel.', 0), 9);
  });
});

describe('topics lent by the sentence leaned on', () => {
  it('gives a sentence opening with a pronoun the topic of the sentence it refers back to, in its paragraph only', async () => {
    const all = await sentences();
    // Only the crane sentence is about "harbour" by its own words.
    const affinities = all.map((s) => new Map([['harbour', s.text.startsWith('The harbour crane') ? 0.8 : 0]]));
    const r = new Retriever(all, affinities, WordNet.open());
    const topicOf = (text: string, leanedTopics: boolean) => {
      const found = r.rank(analyseQuestion(STEEL), [{ topic: 'harbour', score: 1 }], 1, { ...DEFAULT_RANK, leanedTopics }).candidates.find((c) => c.sentence.text === text);
      if (!found) throw new Error(`"${text}" is not a candidate`);
      return found.topic;
    };
    expect(topicOf('It lifts forty tonnes of steel.', false)).toBe(0);
    expect(topicOf('It lifts forty tonnes of steel.', true)).toBeCloseTo(DEFAULT_RANK.topicWeight * 0.8, 9);
    // "It lifts thirty…" opens a paragraph: there is nothing before it to lean on.
    expect(topicOf('It lifts thirty tonnes of steel.', true)).toBe(0);
    const forty = all.find((s) => s.text === 'It lifts forty tonnes of steel.')!;
    expect(r.affinity(forty.index).get('harbour')).toBeCloseTo(0.8, 9);
    expect(r.affinity(forty.index, { leanedTopics: false }).get('harbour')).toBe(0);
  });
});
