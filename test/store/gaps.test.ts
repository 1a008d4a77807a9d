/**
 * Grouping coverage gaps: paraphrases, typos and chat spellings of one question fall in one group, and
 * different questions that share a word do not; groups come most asked first, with counts and last seen.
 */
import { describe, expect, it } from 'vitest';
import { groupGaps, questionWords } from '../../src/insight/gaps.js';
import type { GapInput } from '../../src/insight/gaps.js';

let clock = 1_000_000;
function gap(question: string, extra: Partial<GapInput> = {}): GapInput {
  clock += 1000;
  return { question, at: clock, answered: false, down: 0, ...extra };
}

describe('groupGaps', () => {
  it('groups paraphrased questions together, most asked first, with counts and when last asked', () => {
    const rows = [
      gap('What is the capital of France?'),
      gap("what's france's capital city"),
      gap('capital of frnace?'),
      gap('What is the capital of France?'),
      gap('Who won the 1998 football world cup?'),
      gap('which country won the world cup in 1998'),
      gap('1998 world cup winner?', { answered: true, down: 2 }),
      gap('What is the capital of Germany?'),
      gap('how is the weather in Idlib right now'),
      gap('what is the weather like in idlib today'),
      gap('How many hospitals in Idlib were bombed?'),
    ];
    const groups = groupGaps(rows);
    const ofQuestion = (q: string) => groups.find((g) => g.question === q || g.variants.includes(q));

    const france = ofQuestion('What is the capital of France?');
    expect(france).toMatchObject({ question: 'What is the capital of France?', count: 4, unanswered: 4, downvoted: 0 });
    expect(france?.variants.sort()).toEqual(["what's france's capital city", 'capital of frnace?'].sort());
    expect(france?.lastAt).toBe(rows[3]?.at);

    const cup = ofQuestion('Who won the 1998 football world cup?');
    expect(cup).toMatchObject({ count: 3, unanswered: 2, downvoted: 1, downVotes: 2 });
    expect([cup?.question, ...(cup?.variants ?? [])].sort()).toEqual(
      ['Who won the 1998 football world cup?', 'which country won the world cup in 1998', '1998 world cup winner?'].sort(),
    );

    // Sharing a word is not asking the same thing.
    expect(ofQuestion('What is the capital of Germany?')).not.toBe(france);
    expect(ofQuestion('How many hospitals in Idlib were bombed?')).not.toBe(ofQuestion('how is the weather in Idlib right now'));
    expect(ofQuestion('how is the weather in Idlib right now')).toBe(ofQuestion('what is the weather like in idlib today'));

    expect(groups.map((g) => g.count)).toEqual([4, 3, 2, 1, 1]);
    // Equal counts: the most recently asked first.
    expect(groups.slice(3).map((g) => g.question)).toEqual(['How many hospitals in Idlib were bombed?', 'What is the capital of Germany?']);
  });

  it('compares on the engine features: stems of content words, chat shorthand expanded, filler dropped', () => {
    expect(questionWords('wat r the ppl saying abt the ceasefire lol').map((w) => w.term)).toEqual(['peopl', 'say', 'ceasefir']);
    expect(groupGaps([gap('ppl displaced?'), gap('How many people were displaced')])).toHaveLength(1);
  });

  it('keeps questions with no content words apart unless written the same', () => {
    const groups = groupGaps([gap('what?'), gap('What ?!'), gap('hmm ok')]);
    expect(groups.map((g) => g.count)).toEqual([2, 1]);
  });

  it('can be made stricter or looser', () => {
    const rows = [gap('capital of France'), gap('capital of Germany')];
    expect(groupGaps(rows)).toHaveLength(2);
    expect(groupGaps(rows, { threshold: 0.3 })).toHaveLength(1);
    expect(groupGaps([], {})).toEqual([]);
  });
});
