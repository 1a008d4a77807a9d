/**
 * Features a topic classifier compares questions on: index terms (stems of lemmas), plus character
 * 4-grams of each content word so that a typo ("ceasfire", "casualites") still shares most of its
 * features with the word it misspells.
 */
import type { Token } from '../nlp/wink.js';
import { charNgrams } from '../nlp/ngrams.js';
import { fold, isContent, termOf } from '../nlp/terms.js';

/** Weight of one character n-gram relative to one whole term. */
export const NGRAM_WEIGHT = 0.25;


/** Weighted features of a tokenised text. */
export function textFeatures(tokens: readonly Token[], ngramWeight = NGRAM_WEIGHT): Array<[string, number]> {
  const out: Array<[string, number]> = [];
  for (const t of tokens) {
    if (!isContent(t)) continue;
    const term = termOf(t);
    if (!term) continue;
    out.push([term, 1]);
    if (ngramWeight > 0 && t.type === 'word') {
      const word = fold(t.value).replace(/[^a-z]/g, '');
      if (word.length >= 4) for (const g of charNgrams(word)) out.push([g, ngramWeight]);
    }
  }
  return out;
}
