import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/load.js';
import { ArticleSentence, firstWordOf, releaseTokens, SentenceBlock, TOKEN_MEMORY } from '../../src/corpus/sentence.js';
import { analyse } from '../../src/nlp/wink.js';
import { SEEDS } from '../helpers.js';

describe('loaded sentences without their tokens', () => {
  it('re-derive, once released, the very tokens they were indexed from', async () => {
    const corpus = await loadCorpus(SEEDS);
    const held = corpus.sentences.map((s) => JSON.stringify(s.tokens));
    releaseTokens(corpus.sentences);
    // Twice round: analysed again, then (the seeds being fewer than TOKEN_MEMORY) from memory.
    expect(corpus.sentences.length).toBeLessThan(TOKEN_MEMORY);
    for (let round = 0; round < 2; round++) {
      corpus.sentences.forEach((s, i) => {
        expect(s).toBeInstanceOf(ArticleSentence);
        expect(JSON.stringify(s.tokens)).toBe(held[i]);
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

  it('re-derive their own tokens, not a word of the sentence beside them in the line', () => {
    // wink-nlp may read a word such as "Smith's" as one token or two depending on what it read before, so
    // a token span kept from the build could be off in a later analysis of the line; a sentence analyses
    // its own text, whose offsets are its own.
    const raw = "Header\nMike Smith's firm grew. Profits rose by 4% in 2004. Costs fell.\n";
    const lineStart = raw.indexOf('Mike');
    const lineEnd = raw.indexOf('\n', lineStart);
    const line = analyse(raw.slice(lineStart, lineEnd));
    const [, [a, b]] = line.sentences as [[number, number], [number, number]];
    const block = new SentenceBlock(raw);
    const start = lineStart + line.tokens[a]!.start;
    const end = lineStart + line.tokens[b]!.end;
    const held = { tokens: line.tokens.slice(a, b + 1).map((t) => ({ ...t, start: t.start + lineStart, end: t.end + lineStart })) };
    const s = ArticleSentence.add(block, { position: 1, paragraph: 0, start, end }, held);
    block.seal();
    s.release();
    expect(s.tokens).toEqual(held.tokens);
    expect(s.tokens[0]!.start).toBe(start);
    expect(s.tokens.at(-1)!.end).toBe(end);
  });
});
