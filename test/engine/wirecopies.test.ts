import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SAME_SENTENCE, SameSentenceFinder, sameSentenceClusters, TrigramDice } from '../../src/answer/compose.js';
import { loadCorpus } from '../../src/corpus/load.js';
import { fold } from '../../src/nlp/terms.js';
import { SEEDS, tempDir } from '../helpers.js';

// Three reports written for this test: a wire sentence printed by two outlets (one with a word changed
// and one more), and a sentence that shares a four-word run with it but says something else.
const ARTICLES: Record<string, string> = {
  'a.txt': 'Harbour report\n\nThe harbour master said the northern pier would reopen on Monday after repairs.\n\nGulls gathered on the old breakwater all afternoon.\n',
  'b.txt': 'Pier news\n\nThe harbour master said the northern pier will reopen on Monday after the repairs.\n\nFerries ran late because of fog over the bay.\n',
  'c.txt': 'Town notes\n\nThe harbour master said the fishing fleet had a poor season this year.\n',
};

/** A seeded generator of numbers in [0, 1). */
function seeded(seed: number): () => number {
  let s = seed;
  return () => (s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32;
}

describe('wire copies', () => {
  it('joins near-identical sentences across outlets, and nothing else', async () => {
    const tmp = tempDir();
    for (const [name, text] of Object.entries(ARTICLES)) writeFileSync(join(tmp.dir, name), text);
    const { sentences } = await loadCorpus(tmp.dir);
    tmp.cleanup();
    const cluster = sameSentenceClusters(sentences);
    const at = (start: string) => sentences.findIndex((s) => s.text.startsWith(start));
    const pier = sentences.filter((s) => s.text.includes('northern pier')).map((s) => s.index);
    expect(pier).toHaveLength(2);
    expect(cluster[pier[0]!]).toBe(cluster[pier[1]!]);
    // Shares "the harbour master said" with the wire sentence, and nothing more.
    for (const start of ['The harbour master said the fishing', 'Gulls', 'Ferries']) expect(cluster[at(start)], start).toBe(at(start));
  });

  it('finds the same clusters when articles are fingerprinted one at a time, in any order (as a load does)', async () => {
    const { articles, sentences } = await loadCorpus(SEEDS);
    const whole = sameSentenceClusters(sentences);
    expect(whole.some((c, i) => c !== i)).toBe(true);
    const finder = new SameSentenceFinder();
    const texts = new Map([...articles].reverse().map((a) => [a, finder.read(a.sentences)]));
    const pid = Int32Array.from(articles.flatMap((a) => [...texts.get(a)!]));
    expect([...finder.clusters(sentences, pid)]).toEqual([...whole]);
    expect(() => finder.clusters(sentences, pid.subarray(1))).toThrow('one text number a sentence');
  });

  it('finds every copy among tens of thousands of short sentences (one shingle each), each copy far from its original', () => {
    // Seeded random four-word sentences: each is one run of four words, so a copy is found through that
    // run alone, and the runs are many enough to share every bucket of any partial sort by their hashes.
    const rand = seeded(7);
    const word = () => Array.from({ length: 5 + Math.floor(rand() * 5) }, () => String.fromCharCode(97 + Math.floor(rand() * 26))).join('');
    const texts = Array.from({ length: 20000 }, () => `${word()} ${word()} ${word()} ${word()}.`);
    const sentences = [
      ...texts.map((text) => ({ text, articleId: 'a' })),
      ...texts.map((text, i) => ({ text, articleId: i % 2 ? 'b' : 'c' })).reverse(),
    ];
    const cluster = sameSentenceClusters(sentences);
    const n = texts.length;
    // Each original is its cluster's first sentence (no two random texts joined), and its copy, at the
    // mirrored place in the second half, points at it.
    let joined = 0;
    for (let i = 0; i < n; i++) if (cluster[2 * n - 1 - i] === i && cluster[i] === i) joined++;
    expect(joined).toBe(n);
  });
});

/** Dice over sets of three-character strings: the definition, with nothing clever. */
function plainDice(x: string, y: string): number {
  const grams = (s: string) => new Set(Array.from({ length: Math.max(0, s.length - 2) }, (_, i) => s.slice(i, i + 3)));
  const [a, b] = [grams(x), grams(y)];
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const g of a) if (b.has(g)) shared++;
  return (2 * shared) / (a.size + b.size);
}

/**
 * The clusters from their definition, pair by pair: two sentences in different articles whose texts share
 * a run of four words (the whole text when shorter) that 2 to 50 sentences hold, and whose plain texts
 * have trigram Dice ≥ 0.8, are joined; each sentence takes the first sentence of what it is joined to.
 */
function clustersByDefinition(sentences: ReadonlyArray<{ text: string; articleId: string }>): number[] {
  const plain = sentences.map((s) => fold(s.text).replace(/[^a-z0-9]+/g, ' ').trim());
  const runs = plain.map((p) => {
    const words = p.split(' ');
    return new Set(Array.from({ length: Math.max(1, words.length - 3) }, (_, k) => words.slice(k, k + 4).join(' ')));
  });
  const holders = new Map<string, number>();
  for (const r of runs) for (const run of r) holders.set(run, (holders.get(run) ?? 0) + 1);
  const parent = sentences.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  for (let a = 0; a < sentences.length; a++) {
    for (let b = a + 1; b < sentences.length; b++) {
      if (sentences[a]!.articleId === sentences[b]!.articleId) continue;
      const shares = [...runs[a]!].some((run) => runs[b]!.has(run) && holders.get(run)! >= 2 && holders.get(run)! <= 50);
      if (shares && plainDice(plain[a]!, plain[b]!) >= SAME_SENTENCE) {
        const [ra, rb] = [find(a), find(b)];
        parent[Math.max(ra, rb)] = Math.min(ra, rb);
      }
    }
  }
  return sentences.map((_, i) => find(i));
}

describe('wire copies, against their definition', () => {
  it('measures trigram Dice as sets of trigram strings do, and says whether a pair reaches a bar as the measure does', () => {
    const rand = seeded(11);
    const letters = 'ab c0';
    const text = (n: number) => Array.from({ length: n }, () => letters[Math.floor(rand() * letters.length)]).join('');
    const dice = new TrigramDice();
    let reached = 0;
    for (let k = 0; k < 3000; k++) {
      const x = text(Math.floor(rand() * 40));
      // Half the pairs are one text and a copy with a few characters changed: near any bar.
      const y = rand() < 0.5 ? text(Math.floor(rand() * 40)) : [...x].map((c) => (rand() < 0.08 ? letters[Math.floor(rand() * letters.length)] : c)).join('');
      const expected = plainDice(x, y);
      expect(dice.of(x, y), `${x} | ${y}`).toBe(expected);
      for (const bar of [0.5, SAME_SENTENCE, 0.9]) {
        const got = dice.reaches(x, dice.count(x), y, dice.count(y), bar);
        expect(got, `${x} | ${y} at ${bar}`).toBe(expected >= bar);
        if (got) reached++;
      }
    }
    // Both answers were given many times.
    expect(reached).toBeGreaterThan(1000);
    expect(reached).toBeLessThan(8000);
    // When its stamps run out, its tables are cleared and it reads the same, a text marked before included.
    const late = new TrigramDice();
    (late as unknown as { stamp: number }).stamp = 0x7fffff00 - 40;
    const [x, nx] = ['ab cab ca0b', late.count('ab cab ca0b')];
    for (let k = 0; k < 40; k++) {
      const y = [...x].map((c) => (rand() < 0.1 ? letters[Math.floor(rand() * letters.length)] : c)).join('');
      expect(late.reaches(x, nx, y, late.count(y), SAME_SENTENCE), y).toBe(plainDice(x, y) >= SAME_SENTENCE);
    }
    expect((late as unknown as { stamp: number }).stamp).toBeLessThan(100);
  });

  it('joins what the definition joins: copies within one article, in several, near copies and boilerplate', () => {
    const vocabulary = ['the', 'minister', 'said', 'troops', 'would', 'leave', 'town', 'on', 'monday', 'after', 'talks', 'in', 'city', 'rebels', 'held'];
    for (const seed of [1, 2, 3]) {
      const rand = seeded(seed);
      const pick = <T,>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
      // A few texts from a small vocabulary (so that texts share runs of words), each printed a few times,
      // some with a word changed, in one of five articles; some carry a phrase over fifty sentences hold.
      const texts = Array.from({ length: 40 }, () => Array.from({ length: 3 + Math.floor(rand() * 9) }, () => pick(vocabulary)).join(' '));
      const sentences = Array.from({ length: 260 }, () => {
        let words = pick(texts).split(' ');
        if (rand() < 0.3) words = words.map((w) => (rand() < 0.15 ? pick(vocabulary) : w));
        if (rand() < 0.25) words = ['according', 'to', 'the', 'report', ...words];
        return { text: `${words.join(' ')}.`, articleId: `article ${Math.floor(rand() * 5)}` };
      });
      // Two near copies printed in one article only, the same one: no pair of them is in two articles.
      for (const word of ['would', 'will']) sentences.push({ text: `The harbour master said the northern pier ${word} reopen on Monday.`, articleId: 'article 0' });
      const expected = clustersByDefinition(sentences);
      expect([...sameSentenceClusters(sentences)], `seed ${seed}`).toEqual(expected);
      // The corpus exercises each rule: joined and lone sentences, copies left apart in one article.
      expect(expected.filter((c, i) => c !== i).length).toBeGreaterThan(50);
      expect(expected.filter((c, i) => c === i && !expected.some((d, j) => j !== i && d === i)).length).toBeGreaterThan(5);
      const apart = sentences.some((s, i) => sentences.some((t, j) => j > i && t.text === s.text && t.articleId === s.articleId && expected[i] !== expected[j]));
      expect(apart).toBe(true);
    }
  });
});
