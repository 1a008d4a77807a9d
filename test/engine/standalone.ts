/** A test helper kept apart from test/helpers.ts, which light tests import: this one loads wink-nlp. */
import type { Sentence } from '../../src/corpus/types.js';
import { analyse } from '../../src/nlp/wink.js';

/** A sentence standing alone, as if it were a whole article's text (its tokens analysed now). */
export function sentenceOf(text: string): Sentence {
  return { index: 0, articleId: 'a', position: 0, paragraph: 0, start: 0, end: text.length, text, tokens: analyse(text).tokens };
}
