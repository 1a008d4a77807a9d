import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mayCount, readCounts } from '../../src/answer/figures.js';
import { loadCorpus } from '../../src/corpus/load.js';
import { fold } from '../../src/nlp/terms.js';
import { charNgrams } from '../../src/nlp/ngrams.js';
import { WordNet, wordsOfHead } from '../../src/nlp/wordnet.js';
import { editDistance, MIN_CORRECTABLE, Speller } from '../../src/retrieve/spelling.js';
import { DEFAULT_SEED } from '../fuzz/settings.js';
import { SEEDS } from '../helpers.js';
import { sentenceOf } from './standalone.js';

/**
 * The look-ups a question pays for on first sight of a word (spelling, WordNet, the counts of a line) are
 * written for speed; each is checked here against the plain way of doing the same thing.
 */

/** Optimal string alignment distance, the textbook way (a whole matrix, no early stop). */
function plainDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}

/** Spelling suggestions by scanning the whole vocabulary with the Speller's rules. */
function plainSuggest(vocabulary: readonly string[], word: string): string[] {
  if (word.length < MIN_CORRECTABLE || vocabulary.includes(word) || !/^[a-z]+$/.test(word)) return [];
  const max = word.length >= 7 ? 2 : 1;
  const grams = new Set(charNgrams(word, 3));
  const found: Array<[string, number]> = [];
  for (const w of new Set(vocabulary)) {
    if (w.length < MIN_CORRECTABLE - 1) continue;
    const shared = [...new Set(charNgrams(w, 3))].filter((g) => grams.has(g)).length;
    if (shared < (word.length <= 6 ? 1 : 2)) continue;
    const d = plainDistance(word, w);
    if (d <= max) found.push([w, d]);
  }
  found.sort((x, y) => x[1] - y[1] || x[0].localeCompare(y[0]));
  return found.filter(([, d]) => d === found[0]![1]).map(([w]) => w).slice(0, 3);
}

describe('spelling look-ups', () => {
  it('edit distance agrees with the textbook matrix up to the limit, and says only "too far" past it', () => {
    const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'd'), maxLength: 12 });
    fc.assert(
      fc.property(word, word, fc.integer({ min: 0, max: 3 }), (a, b, max) => {
        const plain = plainDistance(a, b);
        const got = editDistance(a, b, max);
        if (plain <= max) expect(got).toBe(plain);
        else expect(got).toBeGreaterThan(max);
      }),
      { seed: DEFAULT_SEED, numRuns: 400 },
    );
    // Rows are reused across calls, and grown for a longer word than any before.
    const long = 'a'.repeat(100);
    expect(editDistance(long, `${long}b`, 2)).toBe(1);
    expect(editDistance('abcd', 'badc', 2)).toBe(2);
  });

  it('suggests what a scan of the whole vocabulary would, for misspellings of the seed articles’ words', async () => {
    const corpus = await loadCorpus(SEEDS);
    const vocabulary = [...new Set(corpus.sentences.flatMap((s) => s.tokens.filter((t) => t.type === 'word').map((t) => fold(t.value))))];
    const speller = new Speller(vocabulary);
    const words = vocabulary.filter((w) => /^[a-z]{4,}$/.test(w));
    const typo = fc.tuple(fc.constantFrom(...words), fc.nat(), fc.constantFrom('drop', 'swap', 'double', 'replace'), fc.constantFrom('a', 'e', 'i', 'r', 's', 't')).map(([w, at, how, c]) => {
      const i = at % (w.length - 1);
      if (how === 'drop') return w.slice(0, i) + w.slice(i + 1);
      if (how === 'swap') return w.slice(0, i) + w[i + 1] + w[i] + w.slice(i + 2);
      if (how === 'double') return w.slice(0, i) + w[i] + w.slice(i);
      return w.slice(0, i) + c + w.slice(i + 1);
    });
    let corrected = 0;
    fc.assert(
      fc.property(typo, (word) => {
        const got = speller.suggest(word);
        expect(got).toEqual(plainSuggest(vocabulary, word));
        if (got.length > 0) corrected++;
      }),
      { seed: DEFAULT_SEED, numRuns: 150 },
    );
    // Not a vacuous agreement on empty lists.
    expect(corrected).toBeGreaterThan(50);
  });
});

describe('WordNet look-ups', () => {
  it('reads a synset’s words from the head of its line, and says when the head was cut short', () => {
    expect(wordsOfHead('00002684 03 n 02 object 0 physical_object 0 039 @ 00002137 n 0000')).toEqual(['object', 'physical_object']);
    expect(wordsOfHead('01019866 00 a 02 large(a) 0 big 0 015 ')).toEqual(['large', 'big']);
    // Cut inside the last word, or before its lex_id: the whole line must be read.
    expect(wordsOfHead('00002684 03 n 02 object 0 physical_obj')).toBeNull();
    expect(wordsOfHead('00002684 03 n 02 object 0 physical_object')).toBeNull();
  });

  it('gives the same related words however often it is asked, after its memory has turned over', () => {
    const wn = WordNet.open();
    expect(wn).not.toBeNull();
    const first = wn!.related('person', 3, 'noun');
    // "person" points at hundreds of narrower synsets, each read for its words alone.
    expect(first.filter((r) => r.relation === 'narrower').length).toBeGreaterThan(100);
    expect(first).toContainEqual(expect.objectContaining({ word: 'individual', relation: 'synonym', sense: 0 }));
    for (let i = 0; i < 1100; i++) wn!.related(`word${i}`, 3);
    expect(wn!.related('person', 3, 'noun')).toEqual(first);
  });
});

describe('counts of a line', () => {
  it('a sentence with no digit and no number word has no count, so it is never analysed for one', async () => {
    const corpus = await loadCorpus(SEEDS);
    const raw = new Map(corpus.articles.map((a) => [a.id, a.raw]));
    let skipped = 0;
    let counted = 0;
    for (const s of corpus.sentences) {
      const { counts } = readCounts(s, raw.get(s.articleId)!);
      if (!mayCount(s.text)) {
        skipped++;
        expect(counts, s.text).toEqual([]);
      } else if (counts.length > 0) counted++;
    }
    expect(skipped).toBeGreaterThan(50);
    expect(counted).toBeGreaterThan(10);
    // A number word stands alone: "money" holds "one", and is not a count.
    expect(mayCount('The money was gone.')).toBe(false);
    expect(mayCount('One of them left.')).toBe(true);
    expect(mayCount('Ｔhey counted １３ boats.')).toBe(true);
  });

  it('reads only numbers and number words as counts, not words a plain object happens to know', () => {
    const text = 'The constructor said forty workers and 12 engineers left.';
    const sentence = sentenceOf(text);
    expect(mayCount('The constructor left.')).toBe(false);
    expect(readCounts(sentence, text).counts.map((c) => [c.value, c.amount])).toEqual([
      ['forty', 40],
      ['12', 12],
    ]);
  });

  it('reads "twice" and "thrice" as counts of times, and nothing else as one', () => {
    const text = 'The leaders have spoken twice, and thrice met in person once the talks began.';
    const sentence = sentenceOf(text);
    expect(mayCount('They have spoken twice.')).toBe(true);
    const counts = readCounts(sentence, text).counts;
    expect(counts.map((c) => [c.value, c.amount])).toEqual([
      ['twice', 2],
      ['thrice', 3],
    ]);
    for (const c of counts) expect(c.near).toContain('time');
  });
});
