/**
 * What the index takes from one article's sentences, worked out an article at a time.
 *
 * Everything here depends on the article alone: a sentence's terms, its word pairs, the names it borrows
 * from the neighbour it leans on (always in the same article), what it offers, and the article's words
 * with their terms. So a large load works it out for each article as the article arrives, while the
 * workers read the rest, and the Retriever only merges the parts in the corpus's order afterwards; the
 * index is the one a single pass over the corpus builds (test/engine/article-terms.test.ts).
 */
import type { Sentence } from '../corpus/types.js';
import { addTerms, contentFold, fold, termOfFolded, termsOfTokens } from '../nlp/terms.js';
import { leaningNeighbours } from './context.js';
import { offers } from './features.js';
import type { Offers } from './features.js';

/** The question types a sentence can offer an answer to, in the bit order of `ArticleTerms.offers`. */
export const OFFER_TYPES = ['count', 'measure', 'when', 'who', 'why', 'where'] as const satisfies ReadonlyArray<keyof Offers>;

/** Each question type's bit in a sentence's offers. */
export const OFFER_BIT = Object.fromEntries(OFFER_TYPES.map((t, i) => [t, 1 << i])) as Record<keyof Offers, number>;

function bitsOf(o: Offers): number {
  let bits = 0;
  OFFER_TYPES.forEach((t, i) => (bits |= o[t] ? 1 << i : 0));
  return bits;
}

export interface ArticleTerms {
  /** Per sentence, the terms the index holds for it: its own, its word pairs, the names it borrows. */
  docs: string[][];
  /** Per sentence, what it offers (OFFER_BIT bits). */
  offers: Uint8Array;
  /** Per sentence, the neighbour it leans on as a position in this article, or -1 (see leaningNeighbours). */
  leansOn: Int32Array;
  /**
   * The article's words with a term, each at its first such token: [folded word, term, folded lemma, …].
   * Merged in the corpus's order, the first article's entry for a word wins, as it would in one pass.
   */
  words: string[];
}

/** Adjacent content terms as one term ("human rights" → "human rights"), for word order and phrases. */
export function bigrams(terms: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < terms.length; i++) out.push(`${terms[i]} ${terms[i + 1]}`);
  return out;
}

/**
 * The index's part of one article, from its sentences in order (their tokens still held). A sentence
 * that opens with a pronoun ("He called the area…") is about whoever the sentence before it names: it
 * also gets that sentence's names as terms, so "what did Lavrov call…" finds it. A quotation whose
 * speaker is named at its close, in the next sentence, gets that sentence's names.
 */
export function articleTerms(sentences: readonly Sentence[]): ArticleTerms {
  const names = (s: Sentence) => termsOfTokens(s.tokens.filter((t) => t.pos === 'PROPN'));
  const leansOn = leaningNeighbours(sentences);
  const words: string[] = [];
  const seen = new Set<string>();
  // One pass over each sentence's tokens gives its terms (termsOfTokens), its content words' terms for the
  // word pairs (an empty term included, as a gap) and the article's words: each token folded and looked
  // up once, not once for each.
  const docs = sentences.map((s, i) => {
    const own: string[] = [];
    const content: string[] = [];
    for (const t of s.tokens) {
      const folded = contentFold(t);
      if (folded === null) continue;
      const term = termOfFolded(t, folded);
      content.push(term);
      addTerms(own, term, folded);
      // A word with no term here ("us" the stop word) may have one at a later token ("US" the name).
      if (term && t.type === 'word' && !seen.has(folded)) {
        seen.add(folded);
        words.push(folded, term, fold(t.lemma));
      }
    }
    const lean = leansOn[i]!;
    const borrowed = lean >= 0 ? names(sentences[lean]!) : [];
    return own.concat(bigrams(content), borrowed);
  });
  return { docs, offers: Uint8Array.from(sentences, (s) => bitsOf(offers(s.tokens))), leansOn, words };
}

/**
 * A corpus's sentences (in index order) cut into runs of one article each: no sentence leans on one of
 * another article, so each run's part is the part of the whole.
 */
export function articleRuns(sentences: readonly Sentence[]): Sentence[][] {
  const runs: Sentence[][] = [];
  for (const s of sentences) {
    const last = runs.at(-1);
    if (last && last[0]!.articleId === s.articleId) last.push(s);
    else runs.push([s]);
  }
  return runs;
}
