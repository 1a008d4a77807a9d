import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SameSentenceFinder, sameSentenceClusters } from '../../src/answer/compose.js';
import { loadCorpus } from '../../src/corpus/load.js';
import { SEEDS, tempDir } from '../helpers.js';

// Three reports written for this test: a wire sentence printed by two outlets (one with a word changed
// and one more), and a sentence that shares a four-word run with it but says something else.
const ARTICLES: Record<string, string> = {
  'a.txt': 'Harbour report\n\nThe harbour master said the northern pier would reopen on Monday after repairs.\n\nGulls gathered on the old breakwater all afternoon.\n',
  'b.txt': 'Pier news\n\nThe harbour master said the northern pier will reopen on Monday after the repairs.\n\nFerries ran late because of fog over the bay.\n',
  'c.txt': 'Town notes\n\nThe harbour master said the fishing fleet had a poor season this year.\n',
};

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
    let seed = 7;
    const rand = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
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
