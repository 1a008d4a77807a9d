import { describe, expect, it } from 'vitest';
import { capitalisedIn, contradictedQualifier as contradicted, printedAsName, qualifiersOf } from '../../src/answer/qualifiers.js';
import { analyse } from '../../src/nlp/wink.js';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createEngine } from '../../src/answer/engine.js';
import { INTENTS, tempDir } from '../helpers.js';

const qualifiers = (q: string) => qualifiersOf(analyse(q).tokens);
/** As the engine asks: a nationality word is a name when the text at hand prints it capitalised. */
const contradictedQualifier = (question: string, text: string) =>
  contradicted(qualifiers(question), text, (w) => capitalisedIn(w, question) || capitalisedIn(w, text));

describe('names that contradict the question', () => {
  it('finds the nationality or year a question puts before a noun, typed in any case', () => {
    expect(qualifiers('How many Russian soldiers died?')).toEqual([{ word: 'russian', kind: 'nation', head: 'soldier' }]);
    expect(qualifiers('how many russian soldiers died')[0]?.word).toBe('russian');
    expect(qualifiers('what happened in the 2023 earthquake')).toEqual([{ word: '2023', kind: 'year', head: 'earthquak' }]);
    expect(qualifiers('how many soldiers died')).toEqual([]);
  });

  it('sees a sentence naming the same thing under another name as a contradiction', () => {
    const q = 'How many Russian soldiers died in the clash?';
    expect(contradictedQualifier(q, 'Thirteen Turkish soldiers have been killed since the offensive.')?.word).toBe('russian');
    expect(contradictedQualifier(q, 'Two Russian soldiers and three Turkish soldiers were hurt.')).toBeNull();
    // Typed in lower case, "russian" is a name only where a text at hand prints it capitalised (the
    // engine looks at every sentence the question matched); here none does, and then it is…
    expect(contradictedQualifier('how many russian soldiers died', 'Thirteen Turkish soldiers died.')).toBeNull();
    expect(contradicted(qualifiers('how many russian soldiers died'), 'Thirteen Turkish soldiers died.', () => true)?.word).toBe('russian');
    // …while "civilian" has a nationality's ending but is printed in lower case: no nation.
    expect(contradictedQualifier(q, 'Several soldiers were killed in the clash.')).toBeNull();
    expect(contradictedQualifier('how many civilian deaths were there', 'The Turkish deaths were mourned.')).toBeNull();
    expect(contradictedQualifier('deaths in the 2023 earthquake', 'The 2011 earthquake killed many.')?.word).toBe('2023');
    expect(contradictedQualifier('deaths in the 1755 earthquake', 'The 1783 earthquake killed many.')?.word).toBe('1755');
  });
});

describe('abstaining on a contradicted name', () => {
  it('answers for the soldiers the article counts, not for soldiers of another nation', async () => {
    const { dir, cleanup } = tempDir();
    try {
      writeFileSync(
        join(dir, 'border.txt'),
        [
          'Clashes on the border',
          '',
          'Thirteen Turkish soldiers have been killed in the border clashes since Monday.',
          'Russian jets struck the hills above the border town on Tuesday.',
          // Other news, so that the words above are rare enough to count.
          'The harbour reopened after the storm passed over the coast.',
          'Farmers in the valley brought in an early harvest of olives.',
          'The local council approved a budget for new school buildings.',
          'Tourists returned to the old market after the holiday season.',
          'A new bridge over the river is due to open next spring.',
          'Heavy rain flooded several roads near the capital overnight.',
          '',
        ].join('\n'),
      );
      const engine = await createEngine({ corpusDir: dir, intentsDir: INTENTS });
      const asked = engine.ask('how many turkish soldiers were killed in the border clashes');
      expect(asked.answered).toBe(true);
      expect(asked.quotes[0]!.text).toMatch(/Thirteen Turkish soldiers/);
      const other = engine.ask('how many russian soldiers were killed in the border clashes');
      expect(other.answered).toBe(false);
      // Below the bar it still ranks, for those who ask to see it.
      expect(engine.ask('how many russian soldiers were killed in the border clashes', { abstain: false }).quotes[0]!.text).toMatch(/Turkish/);
    } finally {
      cleanup();
    }
  });
});

describe('a word typed small that the articles print as a name', () => {
  it('is one when printed with a capital inside a sentence and never small', () => {
    expect(printedAsName('reuters', ['Revenues at media group Reuters slipped 11% during 2004.'])).toBe(true);
    // After an opening quote it is still the sentence's first word; after words and a bracket it is not.
    expect(printedAsName('reuters', ['"Reuters expects growth," he said.'])).toBe(false);
    expect(printedAsName('reuters', ['He said (Reuters) expects growth.'])).toBe(true);
  });

  it('is not one when only a sentence starts with it, or when it is also printed small', () => {
    expect(printedAsName('revenues', ['Revenues at media group Reuters slipped 11% during 2004.'])).toBe(false);
    expect(printedAsName('fall', ['Shares fell in the Fall Sale.', 'Prices may fall again.'])).toBe(false);
    // Only a whole word: "Falls" is not "fall".
    expect(printedAsName('fall', ['The Niagara Falls trip was cancelled.'])).toBe(false);
  });
});
