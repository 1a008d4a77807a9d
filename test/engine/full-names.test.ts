import { describe, expect, it } from 'vitest';
import { createEngine } from '../../src/answer/engine.js';
import { loadCorpus } from '../../src/corpus/load.js';
import { borrowedNames } from '../../src/retrieve/article-terms.js';
import { INTENTS, withFiles } from '../helpers.js';

// Articles written for this test.
const files = {
  'treaty.md': [
    'Fishing Treaty Signed',
    '',
    'Foreign Secretary Alma Revik signed the fishing treaty in Oslo on Friday.',
    '',
    'Ms Revik said the treaty would protect the northern cod stocks for a decade.',
    '',
    'The treaty says Revik Bay will stay closed to trawlers, and Revik Bay fishermen welcomed it.',
    '',
    'Trade minister Jonas Hald and Paula Hald, his sister, spoke at the dinner. Mr Hald said the talks were long.',
    '',
    'Judges of the European Court of Fisheries were there. The Court said nothing about the treaty.',
    '',
  ].join('\n'),
  'harbour.md': [
    'Harbour Works Delayed',
    '',
    'Ms Revik, a harbour pilot, said the northern cod stocks had never been so low.',
    '',
  ].join('\n'),
};

describe('a person printed by title and surname after the full name', () => {
  it('is given the first names, in the same article only, and only where the surname is surely one person', async () => {
    await withFiles(files, async (dir) => {
      const corpus = await loadCorpus(dir);
      const borrowed = new Map<string, string[]>();
      for (const a of corpus.articles) borrowedNames(a.sentences).forEach((b, i) => borrowed.set(a.sentences[i]!.text, b));
      expect(borrowed.get('Ms Revik said the treaty would protect the northern cod stocks for a decade.')).toEqual(['alma']);
      // A bare surname may be a place or a body; another article's Ms Revik may be someone else.
      expect(borrowed.get('The treaty says Revik Bay will stay closed to trawlers, and Revik Bay fishermen welcomed it.')).toEqual([]);
      expect(borrowed.get('Ms Revik, a harbour pilot, said the northern cod stocks had never been so low.')).toEqual([]);
      expect(borrowed.get('The Court said nothing about the treaty.')).toEqual([]);
      // Two Halds: Mr Hald is either.
      expect(borrowed.get('Mr Hald said the talks were long.')).toEqual([]);
    });
  });

  it('answers a question that names the person in full with what the article goes on to say by surname', async () => {
    await withFiles(files, async (dir) => {
      const engine = await createEngine({ corpusDir: dir, intentsDir: INTENTS });
      // Both "Ms Revik" sentences say something of cod stocks; the one about Alma Revik is the treaty article's.
      expect(engine.ask('what did alma revik say about the cod stocks').quotes[0]?.text).toBe('Ms Revik said the treaty would protect the northern cod stocks for a decade.');
    });
  });
});
