import { describe, expect, it } from 'vitest';
import { createEngine } from '../../src/answer/engine.js';
import { analyse } from '../../src/nlp/wink.js';
import { agesIn, offers } from '../../src/retrieve/features.js';
import { questionType } from '../../src/retrieve/question.js';
import { INTENTS, withFiles } from '../helpers.js';

const ages = (text: string) => agesIn(analyse(text).tokens).map((a) => a.holder);

describe('agesIn', () => {
  it('finds an age in each way news prints one, with the word it is set against', () => {
    expect(ages('Mr Hague, 43, told the paper he was bored.')).toEqual(['hague']);
    expect(ages('Prince Charles (56) and the bride arrived.')).toEqual(['charles']);
    expect(ages('A 12-year-old boy asked a question.')).toEqual(['boy']);
    expect(ages('The 51-year-old prime minister spoke.')).toEqual(['minister']);
    expect(ages('The 16-year-old was arrested.')).toEqual([null]);
    expect(ages('He is 57 years old.')).toEqual([null]);
    expect(ages('He moved to the city when he was seven months old.')).toEqual([null]);
    expect(ages('Responses decline at around 50 years of age.')).toEqual([null]);
    expect(ages('The lawyer has died aged 93.')).toEqual([null]);
    expect(ages('She retired at the age of 60.')).toEqual([null]);
    expect(ages('She retired at age 60.')).toEqual([null]);
    expect(ages('He is in his fifties.')).toEqual([null]);
    expect(ages('She celebrated her 80th birthday.')).toEqual([null]);
    expect(ages("A coin marks the Queen's 80th birthday.")).toEqual(['queen']);
  });

  it('does not read a year, a list of figures, a count, a term of years or a limit as an age', () => {
    expect(ages('In 2004, 51 people died.')).toEqual([]);
    expect(ages('Sales rose 5%, 3, 4 and 6 points.')).toEqual([]);
    expect(ages('The club has 43 members.')).toEqual([]);
    expect(ages('The government set out a 10-year plan.')).toEqual([]);
    expect(ages('Prices fell in 2003 (1,200 homes).')).toEqual([]);
    // A limit is no one's age.
    expect(ages('Members must be over the age of 18.')).toEqual([]);
    expect(ages('Lessons start from the age of 11 in most schools.')).toEqual([]);
    expect(ages('Tickets are free for anyone over age 65.')).toEqual([]);
  });

  it('is one of the things a sentence offers', () => {
    expect(offers(analyse('Ms Oyelaran, 47, has sat on the council.').tokens).age).toBe(true);
    expect(offers(analyse('Ms Oyelaran has sat on the council for 47 months.').tokens).age).toBe(false);
  });
});

describe('"how old" questions', () => {
  it('are age questions', () => {
    expect(questionType('how old is william hague')).toBe('age');
    expect(questionType('At what age did she retire?')).toBe('age');
    expect(questionType('what age is the mayor')).toBe('age');
    expect(questionType('how long is the bridge')).toBe('measure');
  });

  // Articles written for this test.
  const files = {
    'harbour.md': [
      'Harbour Council Vote',
      '',
      'Councillor Marta Oyelaran opened the harbour debate on Tuesday, and Councillor Marta Oyelaran said Councillor Marta Oyelaran would vote for the fund.',
      '',
      'Marta Oyelaran, 47, has sat on the council since 2015.',
      '',
      'Mayor Tobias Renk welcomed a 12-year-old pupil who asked Mayor Tobias Renk about the harbour fund.',
      '',
      'Mayor Tobias Renk said the harbour pier needed repairs before the winter storms.',
      '',
    ].join('\n'),
    'obituary.md': [
      'Former Harbour Master Dies',
      '',
      'Lord Pellow, the former harbour master who rebuilt the pier, has died aged 88.',
      '',
      'Lord Pellow rebuilt the harbour pier after the storms of 1987 and Lord Pellow ran the harbour for twenty years.',
      '',
    ].join('\n'),
  };

  it('are answered by the sentence that gives the age, not the one that names the person most', async () => {
    await withFiles(files, async (dir) => {
      const engine = await createEngine({ corpusDir: dir, intentsDir: INTENTS });
      expect(engine.ask('how old is marta oyelaran').quotes[0]?.text).toBe('Marta Oyelaran, 47, has sat on the council since 2015.');
      expect(engine.ask('how old was lord pellow when he died').quotes[0]?.text).toBe('Lord Pellow, the former harbour master who rebuilt the pier, has died aged 88.');
    });
  });

  it('are not answered where the only age near the person is somebody else\'s', async () => {
    await withFiles(files, async (dir) => {
      const engine = await createEngine({ corpusDir: dir, intentsDir: INTENTS });
      const answer = engine.ask('how old is mayor tobias renk');
      expect(answer.answered).toBe(false);
      expect(answer.quotes).toEqual([]);
      // The same words without "how old" are answered: the check is the age's, not the names'.
      expect(engine.ask('what did mayor tobias renk say about the pier').answered).toBe(true);
    });
  });

  it('lead with the sentence that gives the age even where a sentence without one is printed by more outlets', async () => {
    // Written for this test: a wire line three outlets print, and the age in one of them only.
    const wire = 'Marta Oyelaran opened the harbour debate on Tuesday in the town hall.';
    const printed = {
      'gazette.md': `Harbour Debate\n\n${wire}\n\nMarta Oyelaran, 47, has sat on the council since 2015.\n`,
      'courier.md': `Council Meets\n\n${wire}\n\nThe fund was approved.\n`,
      'herald.md': `Town Hall Debate\n\n${wire}\n\nThe vote is next week.\n`,
    };
    await withFiles(printed, async (dir) => {
      const engine = await createEngine({ corpusDir: dir, intentsDir: INTENTS });
      // Abstention off: three short articles are too few for these words to clear the evidence bar.
      const answer = engine.ask('how old is marta oyelaran', { abstain: false });
      expect(answer.quotes[0]?.text).toBe('Marta Oyelaran, 47, has sat on the council since 2015.');
      // The wire line is one quote citing its three outlets, after it.
      expect(answer.quotes[1]?.text).toBe(wire);
      expect(answer.quotes[1]?.sources).toHaveLength(3);
    });
  });
});
