/**
 * How wink-nlp tokenizes a text depends on the text and the model alone, not on what the process read
 * before (src/nlp/wink.ts): its tokenizer keeps a piece whole when its word cache holds it, and every
 * unknown word of every text read is added to that cache.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/load.js';
import { releaseTokens } from '../../src/corpus/sentence.js';
import { analyse } from '../../src/nlp/wink.js';
import { tempDir } from '../helpers.js';

const shown = (text: string) => analyse(text).tokens.map((t) => `${t.value}/${t.pos}`);

/** Read by wink-nlp, this adds "men's" to its word cache as an unknown word of its own. */
const TEACHES_MENS = "There was no immediate comment from the men's' lawyers.";

describe('tokenizing', () => {
  it("splits a possessive as before after a text made wink-nlp learn the whole as a word", () => {
    const probe = "An identical letter was sent to Feroz Abbasi, the men's solicitor said.";
    const before = shown(probe);
    expect(before).toContain('men/NOUN');
    expect(before).toContain("'s/PART");
    analyse(TEACHES_MENS);
    expect(shown(probe)).toEqual(before);
  });

  it('gives an article the same tokens whether or not an article read before it taught wink-nlp a word', async () => {
    const t = tempDir();
    try {
      const later = "Lawyers speak\n\nThe men's solicitor said an appeal would follow. The men's families were not told.\n";
      writeFileSync(join(t.dir, 'a-lawyers.md'), `Lawyers silent\n\n${TEACHES_MENS} The court sat again on Monday.\n`);
      writeFileSync(join(t.dir, 'b-solicitor.md'), later);
      const both = await loadCorpus(t.dir, { threads: 0 });
      const after = both.articles.find((a) => a.file === 'b-solicitor.md')!;
      const alone = analyse(after.sentences.map((s) => s.text).join(' '));
      expect(after.sentences.flatMap((s) => s.tokens.map((tk) => tk.value))).toEqual(alone.tokens.map((tk) => tk.value));
      expect(after.sentences[0]!.tokens.map((tk) => tk.value)).toContain('men');
      // And a sentence's tokens derived again at question time, after more reading, are those it was indexed from.
      const indexed = after.sentences.map((s) => JSON.stringify(s.tokens));
      releaseTokens(both.sentences);
      analyse(TEACHES_MENS);
      expect(after.sentences.map((s) => JSON.stringify(s.tokens))).toEqual(indexed);
    } finally {
      t.cleanup();
    }
  });
});
