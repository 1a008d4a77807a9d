import { describe, expect, it } from 'vitest';
import { runTask } from '../../bench/lib/child.js';
import type { WinkResult } from '../../bench/scale.js';
import { withFiles } from '../helpers.js';

describe('the bench\'s raw wink-nlp measurement', () => {
  it('runs in its own process and times each pipe over the same text', async () => {
    // Written for this test: 7 + 9 tokens.
    const files = { 'a.txt': 'The river rose. Boats sank.', 'b.txt': 'Rescuers pulled 12 sailors from the cold water.' };
    await withFiles(files, async (dir) => {
      const result = await runTask<WinkResult>('wink-raw', { dir, runs: 2 }, { timeoutMs: 120_000 });
      expect(result.files).toBe(2);
      expect(result.tokens).toBe(16);
      // wink-nlp's default pipe, the engine's, sentence breaks only and tokenizing only: two runs each.
      expect(Object.keys(result.ms).sort()).toEqual(['default', 'engine', 'sbd', 'tokenize']);
      for (const times of Object.values(result.ms)) {
        expect(times).toHaveLength(2);
        for (const t of times) expect(t).toBeGreaterThanOrEqual(0);
      }
    });
  }, 150_000);
});
