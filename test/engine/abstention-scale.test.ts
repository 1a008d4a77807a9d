import { describe, expect, it } from 'vitest';
import { barScale, createEngine, DEFAULT_TUNING, REFERENCE_SENTENCES } from '../../src/answer/engine.js';
import { INTENTS, withFiles } from '../helpers.js';

describe('barScale', () => {
  it('leaves the bars as calibrated up to the reference size, and raises them with the log of the corpus beyond it', () => {
    expect(barScale(REFERENCE_SENTENCES, 2)).toBe(1);
    expect(barScale(20, 2)).toBe(1);
    expect(barScale(40_000, 0)).toBe(1);
    const ratio = Math.log1p(40_000) / Math.log1p(REFERENCE_SENTENCES);
    expect(barScale(40_000, 2)).toBeCloseTo(ratio * ratio, 10);
    expect(barScale(40_000, 1)).toBeCloseTo(ratio, 10);
    expect(barScale(4_000, 2)).toBeLessThan(barScale(40_000, 2));
  });
});

// Articles written for this test: many sentences of made-up words (a seeded generator, so the same every
// run), each unlike the others, so that the corpus is some forty times the bundled articles' size.
function generated(): Record<string, string> {
  let seed = 7;
  const next = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return Math.floor(seed / 65536) % n;
  };
  const syllables = ['ba', 'ko', 'ri', 'te', 'lu', 'mo', 'sa', 'ne', 'di', 'vo', 'pa', 'ge', 'fi', 'ru', 'ha', 'ze'];
  const vocabulary = Array.from({ length: 400 }, (_, i) => syllables[i % 16]! + syllables[Math.floor(i / 16) % 16]! + (i >= 256 ? 'n' : 'l'));
  const word = () => vocabulary[next(vocabulary.length)]!;
  const files: Record<string, string> = {};
  for (let a = 0; a < 60; a++) {
    const sentences: string[] = [];
    for (let s = 0; s < 100; s++) sentences.push(`The ${word()} ${word()} ${word()} the ${word()} ${word()} near ${word()} ${word()}.`);
    // Now and then a word of the question, each in a sentence of its own: neither everywhere nor rare.
    if (a % 6 === 0) sentences.push(`The orchestra played by the ${word()}.`);
    if (a % 6 === 2) sentences.push(`The conductor bowed to the ${word()}.`);
    if (a % 6 === 4) sentences.push(`The youth club met at the ${word()}.`);
    files[`town-${a}.md`] = `Town News ${a}\n\n${sentences.join(' ')}\n`;
  }
  files['festival.md'] = 'Festival Weekend\n\nThe Zorvath festival drew a crowd of dancers to the square.\n';
  return files;
}

describe('abstention in a large corpus', () => {
  it('does not answer with a sentence that shares only a rare word with the question, where the unraised bar would', async () => {
    await withFiles(generated(), async (dir) => {
      const engine = await createEngine({ corpusDir: dir, intentsDir: INTENTS });
      const unraised = await createEngine({ corpusDir: dir, intentsDir: INTENTS }, { ...DEFAULT_TUNING, barGrowth: 0 });
      expect(engine.info().sentences).toBeGreaterThan(35 * REFERENCE_SENTENCES);
      // "conductor", "youth" and "orchestra" are in the corpus, never with "Zorvath" or each other: the
      // festival sentence shares one rare word with the question and answers nothing.
      const question = 'which conductor founded the zorvath youth orchestra';
      expect(unraised.ask(question).quotes[0]?.text).toBe('The Zorvath festival drew a crowd of dancers to the square.');
      expect(engine.ask(question).answered).toBe(false);
      // A question the sentence does answer still gets it.
      expect(engine.ask('what drew a crowd of dancers to the Zorvath festival').quotes[0]?.text).toBe('The Zorvath festival drew a crowd of dancers to the square.');
    });
  });
});
