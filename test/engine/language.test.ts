/** Telling a message in another language from an English one (src/nlp/language.ts); messages written for this test. */
import { describe, expect, it } from 'vitest';
import { looksForeign } from '../../src/nlp/language.js';
import { analyse } from '../../src/nlp/wink.js';
import type { Token } from '../../src/nlp/wink.js';

/** English words for the test: a small dictionary standing in for WordNet and the articles. */
const ENGLISH = new Set(['flood', 'town', 'mayor', 'resign', 'resigned', 'casualties', 'turkish', 'border', 'hay', 'boss']);
const knows = (t: Token) => ENGLISH.has(t.value.toLowerCase()) || ENGLISH.has(t.lemma.toLowerCase());
const foreign = (text: string) => looksForeign(text, analyse(text).tokens, knows);

describe('looksForeign', () => {
  it('takes a message mostly in another script for another language', () => {
    expect(foreign('Когда мэр ушёл в отставку?')).toBe(true);
    expect(foreign('متى استقال رئيس البلدية؟')).toBe(true);
    expect(foreign('市长什么时候辞职')).toBe(true);
  });

  it('takes a Latin-letter message with no English function word and mostly unknown words for another language', () => {
    expect(foreign('Wann ist der Bürgermeister zurückgetreten?')).toBe(true);
    expect(foreign('Belediye başkanı ne zaman istifa etti?')).toBe(true);
  });

  it('leaves English alone: a function word, known words, or too few words to judge', () => {
    expect(foreign('when did the mayor resign')).toBe(false);
    expect(foreign('turkish casualties border')).toBe(false);
    expect(foreign('how many zorblats')).toBe(false);
    expect(foreign('asdfghjkl')).toBe(false);
    expect(foreign('🙂')).toBe(false);
  });

  it('does not count names (capitalised past the first word) as unknown words', () => {
    expect(foreign('flood Elmsworth Ravensby')).toBe(false);
    expect(foreign('mayor Quentin Hargreaves resigned')).toBe(false);
  });
});
