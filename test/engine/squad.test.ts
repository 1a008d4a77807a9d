import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSquad, rankMiniSearch, rankOurs, retrievalFigures } from '../../src/eval/squad.js';
import { tempDir } from '../helpers.js';

// A two-paragraph file in SQuAD 2.0's format, written for this test.
const context1 = 'The lighthouse was built in 1875 on the northern cape. Its lamp was first lit by keeper Anna Berg. The tower is 40 metres tall.';
const context2 = 'The river floods every spring. Farmers plant rice after the water recedes.';
const squad = {
  version: 'v2.0',
  data: [
    {
      title: 'Test',
      paragraphs: [
        {
          context: context1,
          qas: [
            { id: 'a', question: 'Who first lit the lamp of the lighthouse?', answers: [{ text: 'Anna Berg', answer_start: context1.indexOf('Anna Berg') }] },
            { id: 'b', question: 'How tall is the tower?', answers: [{ text: '40 metres', answer_start: context1.indexOf('40 metres') }] },
            { id: 'c', question: 'Who painted the tower?', is_impossible: true, answers: [] },
          ],
        },
        {
          context: context2,
          qas: [{ id: 'd', question: 'When do farmers plant rice?', answers: [{ text: 'after the water recedes', answer_start: context2.indexOf('after the water') }] }],
        },
      ],
    },
  ],
};

describe('SQuAD sentence retrieval', () => {
  it('splits every paragraph into candidate sentences and finds the sentence holding each answer', async () => {
    const tmp = tempDir();
    const file = join(tmp.dir, 'squad.json');
    writeFileSync(file, JSON.stringify(squad));
    const set = await loadSquad(file);
    tmp.cleanup();
    expect(set.paragraphs).toBe(2);
    expect(set.sentences.map((s) => s.text)).toContain('Its lamp was first lit by keeper Anna Berg.');
    // Unanswerable questions are left out.
    expect(set.questions).toHaveLength(3);
    const gold = set.questions.map((q) => [...q.gold].map((i) => set.sentences[i]!.text));
    expect(gold[0]).toEqual(['Its lamp was first lit by keeper Anna Berg.']);
    expect(gold[2]).toEqual(['Farmers plant rice after the water recedes.']);

    for (const rankings of [rankOurs(set), await rankMiniSearch(set)]) {
      const f = retrievalFigures(set.questions, rankings);
      expect(f.questions).toBe(3);
      expect(f.p1).toBeGreaterThan(0.6);
    }
  });

  it('scores P@1, MRR and R@5 from rankings', () => {
    const questions = [{ question: 'x', gold: new Set([3]) }, { question: 'y', gold: new Set([9]) }];
    expect(retrievalFigures(questions, [[3, 1], [1, 2, 9]])).toEqual({ questions: 2, p1: 0.5, mrr: 0.667, r5: 1 });
  });
});
