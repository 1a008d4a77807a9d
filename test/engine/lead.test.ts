import { describe, expect, it } from 'vitest';
import { createEngine, DEFAULT_TUNING } from '../../src/answer/engine.js';
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

// Written for this test: a line three outlets print about Scottish soldiers, and one outlet's sentence that
// scores a little higher alone, but not once the wire line's corroboration is counted.
const mill = {
  'post.md': 'Flood closes Elmsworth bridge\n\nHeavy rain flooded the town of Elmsworth on Monday.\n\nAt the mill, four soldiers were hurt.\n',
  'times.md': 'Elmsworth counts the cost\n\nFour Scottish soldiers were hurt at the mill when its roof fell in.\n\nIrish volunteers brought food to the shelters.\n',
  'herald.md': 'Sandbags run short\n\nVolunteers said the sandbags ran out before the river peaked.\n\nFour Scottish soldiers were hurt at the mill when its roof fell in.\n',
  'courier.md': 'Army called in\n\nThe army was called in after the river rose.\n\nFour Scottish soldiers were hurt at the mill when its roof fell in.\n',
  'crier.md': [
    'Elmsworth fair goes ahead',
    'The autumn fair opened on Saturday despite the rain.',
    'Irish dancers performed on the green in the afternoon.',
    'An Irish band played until late in the evening.',
    'Stallholders said takings were lower than last year.',
    'The Irish ambassador opened the flower show.',
    'Children raced ducks on the canal behind the church.',
  ].join('\n\n'),
};

describe('the quote the evidence is read on', () => {
  it('is the one that leads the answer, after corroboration has ordered the quotes', async () => {
    await withFiles(mill, async (dir) => {
      const engine = await createEngine({ corpusDir: dir, intentsDir: INTENTS });
      // The three outlets' line leads: it is what a member reads first.
      const soldiers = engine.ask('How many soldiers were hurt at the mill?');
      expect(soldiers.quotes[0]?.text).toMatch(/^Four Scottish soldiers/);
      expect(soldiers.quotes[0]?.sources).toHaveLength(3);
      // So a question about Irish soldiers is read against it, and turned away, not answered by it.
      const irish = engine.ask('How many Irish soldiers were hurt at the mill?');
      expect(irish.answered).toBe(false);
      // The one outlet's sentence scores higher alone: the order is corroboration's.
      const alone = engine.ask('How many Irish soldiers were hurt at the mill?', { abstain: false });
      expect(alone.quotes[0]?.text).toMatch(/^Four Scottish soldiers/);
      expect(alone.quotes[0]!.score / (1 + alone.quotes[0]!.parts.corroboration)).toBeLessThan(alone.quotes[1]!.score);
    });
  });
});

// Written for this test: divers hurt since another event, and two hurt on a day.
const storm = {
  'gazette.md': [
    'Storm at the harbour',
    'Divers have been hurt at the old harbour crane since the storm.',
    'Two divers were hurt at the old crane on Tuesday, the harbour master said.',
    'The harbour master closed the quay to boats.',
  ].join('\n\n'),
};

describe('a "when" answer', () => {
  it('leads with a sentence giving a day or date over one that tells the time only against another event', async () => {
    await withFiles(storm, async (dir) => {
      const engine = await createEngine({ corpusDir: dir, intentsDir: INTENTS });
      const question = 'when were divers hurt at the old harbour crane';
      expect(engine.ask(question, { abstain: false }).quotes[0]?.text).toMatch(/on Tuesday/);
      // Without the rule, "since the storm" counts as a time and its better match leads.
      const since = await createEngine({ corpusDir: dir, intentsDir: INTENTS }, { ...DEFAULT_TUNING, relativeTimeMiss: 1 });
      expect(since.ask(question, { abstain: false }).quotes[0]?.text).toMatch(/since the storm\.$/);
    });
  });
});
