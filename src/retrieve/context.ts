/**
 * Sentences that lean on a neighbour. On the one before: "He called the area…" says nothing of who "he"
 * is, and a quotation that opens without attribution ("“Undertaking an extremely risky…”") continues a
 * speaker named just before. On the one after: a quotation that runs over two sentences names its speaker
 * at its close ("“Aircraft that target… any longer. We will chase…,” Erdogan said."). The retriever lets
 * such a sentence carry its neighbour's names; the answer shows it with that neighbour, still verbatim.
 */
import type { Sentence } from '../corpus/types.js';
import { fold } from '../nlp/terms.js';
import { firstWordOf } from '../corpus/sentence.js';

/** Sentence openers that refer back to the sentence before. */
const PRONOUN_OPENERS = new Set(['he', 'she', 'it', 'they', 'his', 'her', 'its', 'their', 'this', 'these', 'that', 'those']);

const OPENS_QUOTE = /^["“‘']/;
const ATTRIBUTION = /\b(said|says|told|added|stated|according)\b/i;

/** True when `sentence` refers back to `prev`, the sentence just before it in the same article. */
export function leansOnPrevious(sentence: Sentence, prev: Sentence | undefined): boolean {
  if (!prev || prev.articleId !== sentence.articleId || prev.position !== sentence.position - 1) return false;
  const first = firstWordOf(sentence);
  if (first === null) return false;
  if (PRONOUN_OPENERS.has(fold(first))) return true;
  return OPENS_QUOTE.test(sentence.text) && !ATTRIBUTION.test(sentence.text);
}

/** Opening and closing quotation marks in a text: curly ones by shape, straight ones by count. */
function quoteBalance(text: string): { opens: number; closes: number; straight: number } {
  return { opens: (text.match(/“/g) ?? []).length, closes: (text.match(/”/g) ?? []).length, straight: (text.match(/"/g) ?? []).length };
}

/**
 * True when `sentence` opens a quotation it does not close and names no speaker, and `next`, the sentence
 * just after it in the same article, closes that quotation and attributes it.
 */
export function leansOnNext(sentence: Sentence, next: Sentence | undefined): boolean {
  if (!next || next.articleId !== sentence.articleId || next.position !== sentence.position + 1) return false;
  if (!OPENS_QUOTE.test(sentence.text) || ATTRIBUTION.test(sentence.text)) return false;
  const own = quoteBalance(sentence.text);
  const after = quoteBalance(next.text);
  const curly = own.opens > own.closes && after.closes > after.opens;
  const straight = own.straight % 2 === 1 && after.straight % 2 === 1 && !/^["“]/.test(next.text);
  if (!curly && !straight) return false;
  // The attribution follows the quotation's close: `…,” Erdogan said.`
  const close = curly ? next.text.lastIndexOf('”') : next.text.lastIndexOf('"');
  return ATTRIBUTION.test(next.text.slice(close));
}

/**
 * Per sentence of a list in reading order (an article's, or a corpus's), the index in that list of the
 * neighbour it leans on: the sentence after it when it opens a quotation that one attributes, else the
 * one before when it refers back to it, else -1. Only a neighbour of the same article counts, so an
 * article's sentences alone give the corpus's answer for them. The retriever lends a sentence its
 * neighbour's names and topics through this.
 */
export function leaningNeighbours(sentences: readonly Sentence[]): Int32Array {
  const out = new Int32Array(sentences.length).fill(-1);
  for (let i = 0; i < sentences.length; i++) {
    const s = sentences[i]!;
    if (leansOnNext(s, sentences[i + 1])) out[i] = i + 1;
    else if (leansOnPrevious(s, sentences[i - 1])) out[i] = i - 1;
  }
  return out;
}
