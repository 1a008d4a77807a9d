import { describe, expect, it } from 'vitest';
import { createEngine } from '../../src/answer/engine.js';
import { INTENTS, withFiles } from '../helpers.js';

// Written for this test: an undated wire line three outlets print, and a dated sentence in one of them.
const wire = 'The old harbour crane was repaired.';
const dated = 'The old harbour crane was finally repaired by divers in March 2019.';
const files = {
  'gazette.md': `Harbour Work\n\n${wire}\n\n${dated}\n`,
  'courier.md': `Council Meets\n\n${wire}\n\nThe fund was approved.\n`,
  'herald.md': `Town Hall Debate\n\n${wire}\n\nThe vote is soon.\n`,
};

describe('the quote that leads a "when" answer', () => {
  it('is the sentence that gives a time, though a sentence without one is printed by more outlets', async () => {
    await withFiles(files, async (dir) => {
      const engine = await createEngine({ corpusDir: dir, intentsDir: INTENTS });
      // Abstention off: the corpus is too small for these words to clear the evidence bar.
      const answer = engine.ask('when was the old harbour crane repaired', { abstain: false });
      expect(answer.quotes.map((q) => q.text)).toEqual([dated, wire]);
      expect(answer.quotes[1]!.sources).toHaveLength(3);
      // Without "when", corroboration puts the wire line first.
      expect(engine.ask('was the old harbour crane repaired', { abstain: false }).quotes[0]?.text).toBe(wire);
    });
  });
});
