import { describe, expect, it } from 'vitest';
import { analyseQuestion, questionType } from '../../src/retrieve/question.js';
import { offers } from '../../src/retrieve/features.js';
import { analyse } from '../../src/nlp/wink.js';

const offersOf = (text: string) => offers(analyse(text).tokens);

describe('question analysis', () => {
  it('keeps "US" as a name while "us" stays a stop word', () => {
    expect(analyseQuestion('How many US soldiers are there?').terms.map((t) => t.word)).toContain('us');
    expect(analyseQuestion('Can you tell us about the soldiers?').terms.map((t) => t.word)).not.toContain('us');
  });

  it('reads a member\'s word as a word even when it names a property of every JavaScript object', () => {
    const words = analyseQuestion('what does the constructor of the toString say').terms.map((t) => t.word);
    expect(words).toEqual(expect.arrayContaining(['constructor', 'tostring']));
    expect(words.join(' ')).not.toMatch(/function|native/);
  });

  it('drops the adjective of "how close" / "how long": it asks for a degree, it is not a word to find', () => {
    const words = analyseQuestion('How close did the army get to the town?').terms.map((t) => t.word);
    expect(words).not.toContain('close');
    expect(words).toEqual(expect.arrayContaining(['army', 'town']));
  });

  it('tells counts from measures from times', () => {
    expect(questionType('How many tanks were sent?')).toBe('count');
    expect(questionType('any figures on the wounded?')).toBe('count');
    expect(questionType('How long is the road?')).toBe('measure');
    expect(questionType('How long ago did the talks start?')).toBe('when');
    expect(questionType('How long did the talks last?')).not.toBe('measure');
  });

  it('reads "<what> figures" as asking for a count, and "figures" there as no word a sentence need print', () => {
    for (const q of ['displacement figures?', 'refugee stats', 'latest casualty numbers']) expect(questionType(q), q).toBe('count');
    expect(analyseQuestion('displacement figures?').terms.map((t) => t.word)).toEqual(['displacement']);
    // Asked for on a subject, the word stays, as it always has.
    expect(analyseQuestion('any figures on displacement?').terms.map((t) => t.word)).toEqual(['figures', 'displacement']);
    // People, not numbers; and a question asking who keeps its word.
    expect(questionType('who are the key figures in the talks')).toBe('who');
    expect(questionType('what did senior figures say')).toBe('other');
    expect(analyseQuestion('which agency gave the displacement figures?').terms.map((t) => t.word)).toContain('figures');
  });

  it('keeps its two lists of count nouns (the type rule and the word left out) the same', () => {
    // question.ts names them twice, in COUNT_NOUNS and in the last type rule: each must do both jobs.
    for (const noun of ['figures', 'numbers', 'stats', 'statistics']) {
      expect(questionType(`refugee ${noun}`), noun).toBe('count');
      expect(analyseQuestion(`refugee ${noun}`).terms.map((t) => t.word), noun).toEqual(['refugee']);
    }
  });

  it('asks for a time with "when" that opens, follows a preposition or closes the question, not one that joins clauses', () => {
    for (const q of ['When did the talks start?', 'so when did it end', 'Since when have people fled?', 'By when must they leave?', 'he called her when?']) {
      expect(questionType(q), q).toBe('when');
    }
    expect(questionType('did anyone die when the helicopter was shot down')).toBe('other');
    expect(questionType('where was he flying back from when he spoke')).toBe('where');
  });

  it('reads the type through chat shorthand ("whens", "hw much")', () => {
    expect(analyseQuestion('whens the vote').type).toBe('when');
    expect(analyseQuestion('wheres the summit').type).toBe('where');
    expect(analyseQuestion('hw much did it cost').type).toBe('count');
  });

  it('leaves English words alone that chat also uses for a day or a pronoun ("shed", "sat", "sun", "wed")', () => {
    const words = (text: string) => analyseQuestion(text).terms.map((t) => t.word);
    expect(words('how many jobs did the bank shed')).toContain('shed');
    expect(words('who sat on the panel')).toContain('sat');
    expect(words('what did the sun report')).toContain('sun');
    expect(words('who did the prince wed')).toContain('wed');
    // Shorthand that is no English word is still read: "fri" is Friday.
    expect(words('what happened on fri')).toContain('friday');
  });

  it('reads the country typed in lower case: "us" after "the", and "u.s."; the pronoun stays a stop word', () => {
    const terms = (text: string) => analyseQuestion(text).terms.map((t) => t.term);
    expect(terms('did the us say anything')).toEqual(['us']);
    expect(terms('what did the u.s. send')).toEqual(['us', 'send']);
    expect(terms('tell us about the us embassy')).toEqual(['us', 'embassi']);
    expect(terms('did they warn us')).toEqual(['warn']);
    expect(terms('what is the usual route')).toEqual(['usual', 'rout']);
  });
});

describe('what a sentence offers', () => {
  it('counts a figure but not a year or a day of the month', () => {
    expect(offersOf('Rebels took 60 villages.').count).toBe(true);
    expect(offersOf('Rebels took dozens of villages.').count).toBe(true);
    expect(offersOf('The deal was signed in 2018.').count).toBe(false);
    expect(offersOf('The fort was built in 1749.').count).toBe(false);
    expect(offersOf('The deal was signed on February 3.').count).toBe(false);
  });

  it('reads money and shares from the tokens alone (no entity recogniser runs)', () => {
    expect(offersOf('Sales reached $5bn last year.').count).toBe(true);
    expect(offersOf('Prices rose 4% in March.').count).toBe(true);
    expect(offersOf('The deficit is half a trillion dollars.').count).toBe(true);
    expect(offersOf('The deficit worries investors.').count).toBe(false);
  });

  it('offers a time for years, decades, times of day and seasons, not for any sentence', () => {
    for (const text of ['The plant opened in 1998.', 'Prices fell in the 1990s.', 'Trading opened at 9am.', 'The talks broke down last summer.', 'It ended after two decades.', 'The firm recently cut jobs.']) {
      expect(offersOf(text).when, text).toBe(true);
    }
    expect(offersOf('The plant employs many workers.').when).toBe(false);
    expect(offersOf('The vote may be challenged.').when).toBe(false);
    expect(offersOf('The vote is on 5 May.').when).toBe(true);
  });

  it('offers a date for years before 1800 too, and only a time for "since" another event', () => {
    for (const text of ['The abbey was founded in 1066.', 'The charter was granted in 1650.', 'The port has been closed since 1749.']) {
      expect(offersOf(text).when, text).toBe(true);
      expect(offersOf(text).date, text).toBe(true);
    }
    expect(offersOf('Divers have been hurt since the storm.').when).toBe(true);
    expect(offersOf('Divers have been hurt since the storm.').date).toBe(false);
    expect(offersOf('The plant employs 1,500 workers.').date).toBe(false);
  });

  it('offers a measure only with a unit', () => {
    expect(offersOf('The road runs 60 km north.').measure).toBe(true);
    expect(offersOf('The road links 60 villages.').measure).toBe(false);
  });
});

describe('topKBounded', () => {
  it('picks the best k in order, ties to the earlier index, as a full sort would, scoring only what can make the cut', async () => {
    const { topKBounded } = await import('../../src/retrieve/retriever.js');
    const values = [5, 1, 9, 9, 3, 7, 7, 0, 8, 2, 9, 4];
    const sorted = values.map((_, i) => i).sort((x, y) => values[y]! - values[x]! || x - y);
    for (const slack of [0, 0.5, 3]) {
      for (const k of [0, 1, 3, 5, 12, 20]) {
        const scored: number[] = [];
        const keys = values.map((_, i) => i);
        const bounds = values.map((v) => v + slack);
        const got = topKBounded(keys, keys.length, k, bounds, 1, (i) => (scored.push(i), values[i]!));
        expect(got.keys).toEqual(sorted.slice(0, k));
        expect(got.scores).toEqual(sorted.slice(0, k).map((i) => values[i]));
        // With a tight bound, an item below the k-th best already kept is never scored.
        if (slack === 0 && k === 3) expect(scored).not.toContain(7);
      }
    }
  });
});

describe('descending', () => {
  it('orders as b − a does, ties kept in place, with small integers only', async () => {
    const { descending } = await import('../../src/nlp/order.js');
    const values = [0.5, 2.25, -1, 2.25, Infinity, 0, -0, 1e-12, -Infinity, 7, 0.5];
    const items = values.map((v, i) => ({ v, i }));
    const byDifference = [...items].sort((a, b) => b.v - a.v || a.i - b.i).map((x) => x.i);
    expect([...items].sort((a, b) => descending(a.v, b.v)).map((x) => x.i)).toEqual(byDifference);
    for (const a of values) for (const b of values) expect([-1, 0, 1]).toContain(descending(a, b));
    expect(descending(3, 1)).toBe(-1);
    expect(descending(1, 3)).toBe(1);
  });
});
