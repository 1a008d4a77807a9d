import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { articleTimes, fitsTime, timesAsked } from '../../src/answer/asked-time.js';
import { createEngine, DEFAULT_TUNING } from '../../src/answer/engine.js';
import type { Engine } from '../../src/answer/types.js';
import { analyse } from '../../src/nlp/wink.js';
import { INTENTS, tempDir } from '../helpers.js';

const asked = (q: string) => timesAsked(analyse(q).tokens);

describe('the time a question pins', () => {
  it('reads a month or year set after "in", "during" or "throughout", in any case', () => {
    expect(asked('How many sailors drowned in 2019?')).toEqual([{ month: null, year: 2019 }]);
    expect(asked('How many sailors drowned in 1749?')).toEqual([{ month: null, year: 1749 }]);
    expect(asked('what did the mayor say in March')).toEqual([{ month: 3, year: null }]);
    expect(asked('any storms in feb?')).toEqual([{ month: 2, year: null }]);
    expect(asked('what happened in early September 2018')).toEqual([{ month: 9, year: 2018 }]);
    expect(asked('was the pier closed during the middle of May, 2021')).toEqual([{ month: 5, year: 2021 }]);
  });

  it('reads a day after "on" by its month, and leaves a weekday alone', () => {
    expect(asked('what happened on 3 March')).toEqual([{ month: 3, year: null }]);
    expect(asked('what happened on the 4th of February')).toEqual([{ month: 2, year: null }]);
    expect(asked('what happened on March 3rd, 2019')).toEqual([{ month: 3, year: 2019 }]);
    expect(asked('what happened on Monday')).toEqual([]);
    expect(asked('were they on 3 boats')).toEqual([]);
  });

  it('leaves alone a span, a year naming a thing, and a month that is only a word', () => {
    expect(asked('how many have fled since December')).toEqual([]);
    expect(asked('what did the 2018 deal say')).toEqual([]);
    expect(asked('what was agreed in 2018 talks')).toEqual([]);
    expect(asked('may the boats go out')).toEqual([]);
  });

  it("knows an article's months from its date and from the dates its note names", () => {
    expect(articleTimes({ date: '2020-02-15', dateNote: null })).toEqual([{ year: 2020, month: 2 }]);
    expect(articleTimes({ date: null, dateNote: 'not printed; reports Tuesday 4 February 2020' })).toContainEqual({ year: 2020, month: 2 });
    expect(articleTimes({ date: null, dateNote: 'reports events of March 3, 2019' })).toContainEqual({ year: 2019, month: 3 });
    expect(articleTimes({ date: null, dateNote: 'not printed' })).toEqual([]);
  });

  it('fits a sentence that names the time, one from an article of then, or one from an article of no known time', () => {
    const march2019 = { month: 3, year: 2019 };
    const feb2020 = [{ year: 2020, month: 2 }];
    expect(fitsTime(march2019, ['The pier was closed in March.'], feb2020)).toBe(true);
    expect(fitsTime(march2019, ['The pier was closed on Monday.'], [{ year: 2019, month: 3 }])).toBe(true);
    expect(fitsTime(march2019, ['The pier was closed on Monday.'], feb2020)).toBe(false);
    expect(fitsTime(march2019, ['The pier was closed on Monday.'], [])).toBe(true);
    // "march" the verb is not the month: print capitalises months.
    expect(fitsTime({ month: 3, year: null }, ['Protesters march to the pier.'], feb2020)).toBe(false);
    expect(fitsTime({ month: null, year: 2019 }, ['Boats have been banned since 2019.'], feb2020)).toBe(true);
    expect(fitsTime({ month: null, year: 2019 }, ['Boats were banned in 20190.'], feb2020)).toBe(false);
  });
});

/** Two invented articles from different months, each with a count of sailors lost, and one on something else. */
const header = (id: string, date: string) => ['---', `id: ${id}`, 'outlet: Harbour Post', `title: ${id}`, `date: ${date}`, 'url: unknown', '---'].join('\n');
const ARTICLES: Record<string, string[]> = {
  'march-storm': [
    header('march-storm', '2019-03-12'),
    'Storm sinks fishing boat',
    '',
    'Four sailors drowned when a fishing boat capsized near the harbour wall on Sunday.',
    'The mayor said the pier would stay closed until repairs were finished.',
  ],
  'october-storm': [
    header('october-storm', '2019-10-02'),
    'Second storm hits the coast',
    '',
    'Two sailors drowned when a trawler sank off the headland on Tuesday night.',
    'Coastguard crews searched the bay until dawn.',
    'In 2016 a ferry ran aground on the same rocks. Eleven passengers were rescued by lifeboat crews.',
  ],
  fair: [
    header('fair', '2019-06-01'),
    'Summer fair opens',
    '',
    'The summer fair opened in the market square with music and food stalls.',
    'Children rode ponies on the village green while bands played.',
    "Organisers said ticket sales had beaten last year's record.",
    'A baking contest was won by a retired teacher from the hill farms.',
    'The fair closes on Sunday evening with fireworks over the river.',
  ],
};

describe('answering for the time a question pins', () => {
  let engine: Engine;
  let unchecked: Engine;
  let cleanup: () => void;
  beforeAll(async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    for (const [id, lines] of Object.entries(ARTICLES)) writeFileSync(join(t.dir, `${id}.txt`), [...lines, ''].join('\n'));
    engine = await createEngine({ corpusDir: t.dir, intentsDir: INTENTS });
    unchecked = await createEngine({ corpusDir: t.dir, intentsDir: INTENTS }, { ...DEFAULT_TUNING, offTimeEvidence: 1, offTimeMiss: 1 });
  });
  afterAll(() => cleanup());

  const trawler = (when: string) => `how many sailors drowned when the trawler sank off the headland ${when}`;

  it('says it does not know for a year or month no fitting article is from', () => {
    for (const when of ['in 2017', 'in March']) {
      expect(unchecked.ask(trawler(when)).answered).toBe(true);
      expect(engine.ask(trawler(when)).answered).toBe(false);
    }
    for (const when of ['in 2019', 'in October', '']) expect(engine.ask(trawler(when)).answered).toBe(true);
  });

  it('reads a sentence with the one beside it in its paragraph, which may name the time', () => {
    const answer = engine.ask('how many ferry passengers were rescued by lifeboat crews in 2016');
    expect(answer.answered).toBe(true);
    expect(answer.quotes[0]?.text).toMatch(/Eleven passengers/);
    expect(engine.ask('how many ferry passengers were rescued by lifeboat crews in 2018').answered).toBe(false);
  });

  it("puts first the sentence of the month asked about, by its article's date", () => {
    const first = (e: Engine, month: string) => e.ask(`how many sailors drowned in ${month}`, { abstain: false }).quotes[0]?.text;
    expect(first(engine, 'October')).toMatch(/^Two sailors drowned/);
    expect(first(engine, 'March')).toMatch(/^Four sailors drowned/);
    // Without the check, each month's question gets the same count first.
    expect(first(unchecked, 'March')).toBe(first(unchecked, 'October'));
  });

  it('ranks as before where the question pins no time', () => {
    const texts = (e: Engine) => e.ask('how many sailors drowned', { top: 2, abstain: false }).quotes.map((q) => q.text);
    expect(texts(engine)).toEqual(texts(unchecked));
    expect(texts(engine)).toHaveLength(2);
  });
});
