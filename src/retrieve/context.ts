/**
 * Sentences that lean on the one before them: "He called the area…" says nothing of who "he" is, and a
 * quotation that opens without attribution ("“Undertaking an extremely risky…”") continues a speaker named
 * just before. The retriever lets such a sentence carry its predecessor's names; the answer shows it with
 * that predecessor, still verbatim.
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
