import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sameSentenceClusters } from '../../src/answer/compose.js';
import { startSameSentenceClusters } from '../../src/answer/copies.js';
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

  it('finds the same clusters on a worker thread as on this one (the seeds, with their wire copies)', async () => {
    const { articles, sentences } = await loadCorpus(SEEDS);
    const here = sameSentenceClusters(sentences);
    expect(here.some((c, i) => c !== i)).toBe(true);
    const found = await startSameSentenceClusters(articles, 0)();
    expect(found.onWorker).toBe(true);
    expect([...found.clusters]).toEqual([...here]);
    const small = await startSameSentenceClusters(articles)();
    expect(small.onWorker).toBe(false);
    expect([...small.clusters]).toEqual([...here]);
  });
});
