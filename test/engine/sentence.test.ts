import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/load.js';
import { ArticleSentence, firstWordOf, releaseTokens, TOKEN_MEMORY } from '../../src/corpus/sentence.js';
import { SEEDS } from '../helpers.js';

describe('loaded sentences without their tokens', () => {
  it('re-derive, once released, the very tokens and entities they were indexed from', async () => {
    const corpus = await loadCorpus(SEEDS);
    const held = corpus.sentences.map((s) => JSON.stringify({ tokens: s.tokens, entities: s.entities }));
    releaseTokens(corpus.sentences);
    // Twice round: analysed again, then (the seeds being fewer than TOKEN_MEMORY) from memory.
    expect(corpus.sentences.length).toBeLessThan(TOKEN_MEMORY);
    for (let round = 0; round < 2; round++) {
      corpus.sentences.forEach((s, i) => {
        expect(s).toBeInstanceOf(ArticleSentence);
        expect(JSON.stringify({ tokens: s.tokens, entities: s.entities })).toBe(held[i]);
        expect(firstWordOf(s)).toBe(s.tokens.find((t) => t.type === 'word')?.value ?? null);
      });
    }
  });

  it('keep their provenance: the file slices back to the text and to each token', async () => {
    const corpus = await loadCorpus(SEEDS);
    releaseTokens(corpus.sentences);
    for (const a of corpus.articles) {
      for (const s of a.sentences) {
        expect(a.raw.slice(s.start, s.end)).toBe(s.text);
        expect(s.tokens[0]!.start).toBe(s.start);
        expect(s.tokens[s.tokens.length - 1]!.end).toBe(s.end);
        for (const t of s.tokens) expect(a.raw.slice(t.start, t.end)).toBe(t.value);
      }
    }
  });
});
