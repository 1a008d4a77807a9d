/**
 * What the index takes from one article's sentences, worked out an article at a time.
 *
 * Everything here depends on the article alone: a sentence's terms (closed spellings of its hyphenated
 * words included), its word pairs, the names it borrows from the neighbour it leans on (always in the
 * same article), what it offers, and the article's words with their terms. So a large load works it
 * out for each article as the article arrives, while the workers read the rest, and the Retriever only
 * merges the parts in the corpus's order afterwards; the index is the one a single pass over the corpus
 * builds (test/engine/article-terms.test.ts).
 */
import type { Sentence } from '../corpus/types.js';
import { addTerms, closedWord, contentFold, fold, splitCompoundAt, stemOfWord, termOfFolded, termsOfTokens } from '../nlp/terms.js';
import { PostingsPartBuilder } from './bm25.js';
import type { PostingsPart } from './bm25.js';
import { leaningNeighbours } from './context.js';
import { offers } from './features.js';
import type { Offers } from './features.js';
import type { Token } from '../nlp/wink.js';

/**
 * The question types a sentence can offer an answer to (and `date`, see Offers), in the bit order of
 * `ArticleTerms.offers`: eight bits, a byte a sentence.
 */
export const OFFER_TYPES = ['count', 'measure', 'when', 'who', 'why', 'where', 'age', 'date'] as const satisfies ReadonlyArray<keyof Offers>;

/** Each question type's bit in a sentence's offers. */
export const OFFER_BIT = Object.fromEntries(OFFER_TYPES.map((t, i) => [t, 1 << i])) as Record<keyof Offers, number>;

function bitsOf(o: Offers): number {
  let bits = 0;
  OFFER_TYPES.forEach((t, i) => (bits |= o[t] ? 1 << i : 0));
  return bits;
}

export interface ArticleTerms {
  /**
   * Per sentence, the terms the index holds for it (its own, its word pairs, the names it borrows) as
   * postings numbered within the article, merged with the others' by postingsOfParts.
   */
  postings: PostingsPart;
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

/** Word pair codes: the first word's number × this + the second's, for numbers below it. */
const PAIR_RADIX = 1 << 15;

/** Adjacent content terms as one term ("human rights" → "human rights"), for word order and phrases. */
export function bigrams(terms: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < terms.length; i++) out.push(`${terms[i]} ${terms[i + 1]}`);
  return out;
}

/** Titles a person's surname is printed with ("Mr Hague", "Dr Greenspan"). */
const PERSONAL_TITLES = new Set(['mr', 'mrs', 'ms', 'miss', 'dr', 'sir', 'dame', 'lord', 'lady']);
/** Words before a name in a run of names that are a title or a role, not a given name ("President", "Foreign Minister"). */
const ROLES = new Set([...PERSONAL_TITLES, ...'president|prime|minister|secretary|general|gen|foreign|chancellor|king|queen|prince|princess|pope|sheikh|senator|sen|rep|judge|justice|chief|mayor|governor|gov|professor|prof|st|saint|vice|deputy|defence|defense|interior|state|colonel|col|captain|capt|commander|admiral|sgt|sergeant|lt|lieutenant|major|ambassador|spokesman|spokeswoman|spokesperson|leader|chairman|chairwoman|coach|manager|boss|ceo'.split('|')]);

/**
 * A person printed by title and surname ("Mr Hague", "Dr Greenspan") after the article printed the full
 * name ("William Hague"): the sentence is given the full name's first names as terms, so a question
 * that names the person in full finds what the article goes on to say of "Mr Hague". Only a surname
 * after a personal title is read so: a bare one may be a place or a body ("Court" after "European
 * Court"). A surname the article gives two different first names for is left alone.
 */
class FullNames {
  private readonly given = new Map<string, string[] | null>();

  /** The terms a sentence borrows, learning the full names it prints. */
  read(tokens: readonly Token[]): string[] {
    const out: string[] = [];
    let i = 0;
    while (i < tokens.length) {
      if (tokens[i]!.pos !== 'PROPN' || tokens[i]!.type !== 'word') {
        i++;
        continue;
      }
      let j = i;
      while (j + 1 < tokens.length && tokens[j + 1]!.pos === 'PROPN' && tokens[j + 1]!.type === 'word') j++;
      // The run i..j: its last word the surname, the words before it back to a role its first names.
      const surname = contentFold(tokens[j]!);
      const key = surname === null ? '' : termOfFolded(tokens[j]!, surname);
      if (key) {
        const given: string[] = [];
        for (let k = j - 1; k >= i && given.length < 2; k--) {
          const f = contentFold(tokens[k]!);
          if (f === null || ROLES.has(f)) break;
          const term = termOfFolded(tokens[k]!, f);
          if (term) given.unshift(term);
        }
        const known = this.given.get(key);
        if (given.length > 0) {
          if (known === undefined) this.given.set(key, given);
          else if (known !== null && known.join(' ') !== given.join(' ')) this.given.set(key, null);
        } else if (known && j > i && PERSONAL_TITLES.has(fold(tokens[j - 1]!.value))) {
          out.push(...known);
        }
      }
      i = j + 1;
    }
    return out;
  }
}

/** Per sentence of an article, in order, the first names it is given (see FullNames). */
export function borrowedNames(sentences: readonly Sentence[]): string[][] {
  const names = new FullNames();
  return sentences.map((s) => names.read(s.tokens));
}

/**
 * The index's part of one article, from its sentences in order (their tokens still held). A sentence
 * that opens with a pronoun ("He called the area…") is about whoever the sentence before it names: it
 * also gets that sentence's names as terms, so "what did Lavrov call…" finds it. A quotation whose
 * speaker is named at its close, in the next sentence, gets that sentence's names. "Mr Hague" after
 * "William Hague" is given "William" (FullNames), and "cease-fire" its closed spelling "ceasefire" (see
 * closedWord), both left out of the sentence's length.
 */
export function articleTerms(sentences: readonly Sentence[]): ArticleTerms {
  const names = (s: Sentence) => termsOfTokens(s.tokens.filter((t) => t.pos === 'PROPN'));
  const leansOn = leaningNeighbours(sentences);
  const fullNames = new FullNames();
  const words: string[] = [];
  const seen = new Set<string>();
  // One pass over each sentence's tokens gives its terms (termsOfTokens), its content words' terms for the
  // word pairs (an empty term included, as a gap) and the article's words: each token folded and looked
  // up once, not once for each.
  const postings = new PostingsPartBuilder();
  // Word pairs by their terms' numbers here: a pair's text is made once an article, not at every
  // occurrence (a new string, hashed again, was most of the pairs' cost).
  const keyOf = new Map<string, number>();
  const keyed: string[] = [];
  const pairText = new Map<number, string>();
  const keys: number[] = [];
  const closed: string[] = [];
  sentences.forEach((s, i) => {
    keys.length = 0;
    closed.length = 0;
    const own: string[] = [];
    const tokens = s.tokens;
    for (let at = 0; at < tokens.length; at++) {
      const t = tokens[at]!;
      // A compound is also found by its closed spelling ("cease-fire" by "ceasefire"), whether wink-nlp
      // split it at the hyphen or kept it whole; given, as a borrowed name is, outside the length.
      const split = t.type === 'word' ? splitCompoundAt(tokens, at) : null;
      if (split !== null) closed.push(split);
      const folded = contentFold(t);
      if (folded === null) continue;
      const term = termOfFolded(t, folded);
      let key = keyOf.get(term);
      if (key === undefined) keyOf.set(term, (key = keyed.push(term) - 1));
      keys.push(key);
      addTerms(own, term, folded);
      if (term.includes('-')) {
        const whole = closedWord(folded);
        if (whole !== null) closed.push(whole);
      }
      // A word with no term here ("us" the stop word) may have one at a later token ("US" the name).
      if (term && t.type === 'word' && !seen.has(folded)) {
        seen.add(folded);
        words.push(folded, term, fold(t.lemma));
      }
    }
    for (const term of own) postings.term(term);
    // The pairs of adjacent content words (an empty term included, as a gap), as bigrams() makes them.
    for (let k = 0; k + 1 < keys.length; k++) {
      const a = keys[k]!;
      const b = keys[k + 1]!;
      // A small integer key (no heap number) for all but an article of over 32k distinct words.
      const code = a < PAIR_RADIX && b < PAIR_RADIX ? a * PAIR_RADIX + b : -1;
      let text = code >= 0 ? pairText.get(code) : undefined;
      if (text === undefined) {
        text = `${keyed[a]!} ${keyed[b]!}`;
        if (code >= 0) pairText.set(code, text);
      }
      postings.term(text);
    }
    for (const word of closed) {
      const term = stemOfWord(word);
      postings.borrow(term);
      if (!seen.has(word)) {
        seen.add(word);
        words.push(word, term, word);
      }
    }
    const lean = leansOn[i]!;
    if (lean >= 0) for (const name of names(sentences[lean]!)) postings.term(name);
    for (const given of fullNames.read(s.tokens)) postings.borrow(given);
    postings.end();
  });
  return { postings: postings.build(), offers: Uint8Array.from(sentences, (s) => bitsOf(offers(s.tokens))), leansOn, words };
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
