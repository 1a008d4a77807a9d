import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { atScale } from '../../src/eval/at-scale.js';
import type { EvalQuestion } from '../../src/eval/score.js';
import { INTENTS, SEEDS, tempDir } from '../helpers.js';

// A SQuAD-shaped file written for this test: answers in both paragraphs, so that the offsets of the
// second are checked too, and one question the paragraphs do not answer.
const FIRST = 'The Kestrel Point lighthouse was built in 1871 by the harbour board. Its lamp could be seen for twenty miles.';
const SECOND = 'In 1950 the lamp was replaced with an electric one. The last keepers left the lighthouse in 1989.';
const SQUAD = {
  data: [
    {
      title: 'Kestrel_Point',
      paragraphs: [
        { context: FIRST, qas: [{ question: 'When was the Kestrel Point lighthouse built by the harbour board?', answers: [{ answer_start: FIRST.indexOf('1871') }] }] },
        {
          context: SECOND,
          qas: [
            { question: 'When did the last keepers leave the lighthouse?', answers: [{ answer_start: SECOND.indexOf('1989') }] },
            { question: 'Who painted the Kestrel Point lighthouse?', is_impossible: true, answers: [] },
          ],
        },
      ],
    },
  ],
};

/** A BBC-shaped archive (category/number.txt, the headline first) about something else entirely. */
function bbcArchive(dir: string): string {
  const src = join(dir, 'src');
  const files: Record<string, string> = {
    'bbc/tech/001.txt': 'Spam duo convicted\n\nA brother and sister were convicted of sending millions of junk e-mails.\n',
    'bbc/sport/001.txt': 'Holmes wins again\n\nKelly Holmes won the 1,500m indoor race in Birmingham on Saturday.\n',
  };
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(src, name, '..'), { recursive: true });
    writeFileSync(join(src, name), text);
  }
  const out = join(dir, 'bbc.tar.gz');
  const r = spawnSync('tar', ['-czf', out, '-C', src, 'bbc'], { encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  return out;
}

describe('abstention at scale (npm run eval -- --at-scale)', () => {
  it('scores SQuAD answers by where they start in the article file, and asks the other corpora what they cannot answer', async () => {
    const t = tempDir();
    try {
      const squadPath = join(t.dir, 'squad.json');
      writeFileSync(squadPath, JSON.stringify(SQUAD));
      const question: EvalQuestion = { id: 'q1', question: 'who did cavusoglu meet in munich', topic: 'diplomacy', answerable: true, accept: ['Lavrov'] };
      const f = await atScale({ squadPath, bbcPath: bbcArchive(t.dir), seedsDir: SEEDS, intentsDir: INTENTS, questions: [question] });
      expect(f.squad.answerable).toBe(2);
      expect(f.squad.unanswerable).toBe(1);
      expect(f.squad.hit1).toBe(1);
      expect(f.squad.wrong).toBe(0);
      expect(f.bbc.squadQuestions).toBe(2);
      expect(f.bbc.squadAbstention).toBe(1);
      expect(f.bbc.idlibAbstention).toBe(1);
      expect(f.mixed.figures.hit1).toBe(1);
      expect(f.mixed.sentences).toBeGreaterThan(f.bbc.sentences);
    } finally {
      t.cleanup();
    }
  });
});
