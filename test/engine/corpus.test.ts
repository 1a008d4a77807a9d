import { copyFileSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CorpusError, loadCorpus, parseArticle } from '../../src/corpus/load.js';
import type { Corpus } from '../../src/corpus/load.js';
import { splitSentences } from '../../src/corpus/split.js';
import { SEEDS, tempDir } from '../helpers.js';

let corpus: Corpus;
beforeAll(async () => {
  corpus = await loadCorpus(SEEDS);
});

/** Lines of page furniture in the captured pages: none may be, or be inside, a sentence. */
const FURNITURE = [
  'Skip to main content', 'Read More', 'Send in e-mail', 'Most Popular', 'Logo', 'Click to enlarge', 'Follow us on',
  'Original url', 'Credit:', 'picture-alliance', 'By [Reuters]', 'Share this page', 'Click the alert icon',
  'Open in fullscreen', 'To learn more about republishing', 'The New Arab & agencies', 'Breaking News',
  'Date of publication', 'Updated:', 'via Reuters', '[Anadolu/Getty]', '(AFP)', 'UAESaturday', 'twitter',
  'Syrian rebels shoot down second government helicopter in a week', 'As Syria regime inches closer',
];

describe('the seed articles', () => {
  it('loads all five with no problem', () => {
    expect(corpus.problems).toEqual([]);
    expect(corpus.articles.map((a) => a.id)).toEqual(readdirSync(SEEDS).filter((f) => f.endsWith('.txt')).map((f) => f.replace(/\.txt$/, '')).sort());
  });

  it('carries the metadata of each header, unknowns as null', () => {
    const byOutlet = new Map(corpus.articles.map((a) => [a.outlet, a]));
    expect([...byOutlet.keys()].sort()).toEqual(['Haaretz', 'Middle East Eye', 'The Moscow Times', 'The National', 'The New Arab']);
    const haaretz = byOutlet.get('Haaretz')!;
    expect(haaretz.date).toBeNull();
    expect(haaretz.url).toBeNull();
    expect(haaretz.dateNote).toMatch(/4 February 2020/);
    const mt = byOutlet.get('The Moscow Times')!;
    expect(mt.date).toBe('2020-02-15');
    expect(mt.url).toMatch(/^https:\/\/www\.themoscowtimes\.com\//);
    expect(mt.title).toBe("Turkey Says It Met Responsibilities over Syria's Idlib in Russia Deal");
  });

  it('keeps every sentence verbatim: the file sliced at its offsets is the sentence exactly', () => {
    for (const a of corpus.articles) {
      const raw = readFileSync(join(SEEDS, a.file), 'utf8');
      expect(a.raw).toBe(raw);
      for (const s of a.sentences) expect(raw.slice(s.start, s.end)).toBe(s.text);
    }
  });

  it('drops page furniture: no sentence holds any of it', () => {
    const offending = corpus.sentences.filter((s) => FURNITURE.some((f) => s.text.toLowerCase().includes(f.toLowerCase())));
    expect(offending.map((s) => s.text)).toEqual([]);
  });

  it('keeps the prose, captions included, once each', () => {
    const texts = corpus.sentences.map((s) => s.text);
    expect(texts).toContain('Israel does not usually comment on strikes in Syria.');
    expect(texts.filter((t) => t.startsWith('Syrian government troops gathering in an area southwest of Saraqeb'))).toHaveLength(1);
    expect(texts.some((t) => t.startsWith('Syrian refugees head northwest through the town of Hazano'))).toBe(true);
    expect(corpus.sentences.length).toBeGreaterThan(150);
  });
});

describe('any folder of articles', () => {
  let cleanup = () => {};
  afterEach(() => cleanup());

  it('accepts a file without a header: id from its name, headline from its first line', async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    writeFileSync(
      join(t.dir, 'local-news.md'),
      'Town Council Approves New Bridge Over the River\n\nBy Jane Doe\n\nMarch 3, 2021\n\nThe council voted on Monday to build a new bridge across the river. Work will start in the spring and last two years.\n\nShare this article\n',
    );
    const c = await loadCorpus(t.dir);
    const a = c.articles[0]!;
    expect(a.id).toBe('local-news');
    expect(a.title).toBe('Town Council Approves New Bridge Over the River');
    expect(a.date).toBe('2021-03-03');
    expect(a.outlet).toBeNull();
    expect(a.sentences.map((s) => s.text)).toEqual([
      'The council voted on Monday to build a new bridge across the river.',
      'Work will start in the spring and last two years.',
    ]);
  });

  it('keeps paragraphs that use a footer\'s words in prose, and still drops the footers', async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const prose = [
      'Japan\'s Honda has won a copyright case in Beijing, further evidence that China is taking a tougher line on protecting intellectual property rights.',
      'The firm plans to cut back on advertising of products like cookies and sugary drinks as part of an effort to promote healthy eating.',
      'If a user clicks on the link then a page with the book\'s number opens directly on the shop\'s website.',
      'The UK still lags in terms of use of digital goods, and families abroad rely on video calls to stay connected with relatives.',
    ];
    const footers = [
      'Subscribe to our newsletter',
      'Click here to read the full report',
      '© 2021 The Daily Example. All rights reserved.',
      'To learn more about republishing this content and the associated fees, please fill out the form on our website so our team can get back to you with the details of the licence.',
    ];
    writeFileSync(join(t.dir, 'footer-words.md'), `Court Rules On Copyright\n\n${[...prose, ...footers].join('\n\n')}\n`);
    const c = await loadCorpus(t.dir);
    expect(c.articles[0]!.sentences.map((s) => s.text).join(' ')).toBe(prose.join(' '));
  });

  it('reports every problem together, naming each file, and still loads the good ones', async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    copyFileSync(join(SEEDS, '003_0f7bf4d247ee8a7c.txt'), join(t.dir, '003_0f7bf4d247ee8a7c.txt'));
    writeFileSync(join(t.dir, 'empty.txt'), '   \n');
    writeFileSync(join(t.dir, 'binary.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3]));
    writeFileSync(join(t.dir, 'latin1.txt'), Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x20, 0x6f, 0x6b]));
    writeFileSync(join(t.dir, 'unclosed.md'), '---\nid: unclosed\noutlet: X\n\nSome text here that is long enough.\n');
    writeFileSync(join(t.dir, 'baddate.md'), '---\ndate: 15/02/2020\n---\nSome text here that is long enough to be a sentence.\n');
    writeFileSync(join(t.dir, 'notes.json'), '{}');
    const c = await loadCorpus(t.dir);
    expect(c.articles.map((a) => a.id)).toEqual(['003_0f7bf4d247ee8a7c']);
    const byFile = new Map(c.problems.map((p) => [p.file, p.message]));
    expect([...byFile.keys()].sort()).toEqual(['baddate.md', 'binary.txt', 'empty.txt', 'latin1.txt', 'unclosed.md']);
    expect(byFile.get('empty.txt')).toMatch(/empty/);
    expect(byFile.get('binary.txt')).toMatch(/not text/);
    expect(byFile.get('latin1.txt')).toMatch(/UTF-8/);
    expect(byFile.get('unclosed.md')).toMatch(/never closed/);
    expect(byFile.get('baddate.md')).toMatch(/15\/02\/2020.*not an ISO date/);
  });

  it('fails only when no article is left, listing the problems', async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    writeFileSync(join(t.dir, 'empty.md'), '');
    const err = await loadCorpus(t.dir).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CorpusError);
    expect((err as CorpusError).message).toMatch(/empty\.md is empty/);
    await expect(loadCorpus(join(t.dir, 'missing'))).rejects.toThrow(/does not exist/);
  });

  it('refuses a header whose id does not match the file name', () => {
    const r = parseArticle('a.md', '---\nid: b\n---\nThis is a sentence of the article text.\n');
    expect('message' in r && r.message).toMatch(/id "b" does not match/);
  });
});

describe('sentence ends', () => {
  // Written for this test: each paragraph opens with a sentence that wink-nlp alone splits in two, then
  // has one more sentence after a real end.
  const body = [
    'Shall We Dance?, starring two old friends, came fifth at the box office. It took less than expected.',
    'Online bookseller Amazon.com holds a patent on buying with one click, and a .xxx domain was approved. Critics were unhappy with both.',
    '"Why?" he asked the crowd outside the hall. Nobody in the crowd answered him.',
    '"We will deal with this." he added after the meeting on Friday. The vote is next week.',
    'She asked if the new rules apply (do they?) to every single club. Clubs have until May.',
  ].join('\n\n');

  it('are not at a full stop inside a web address, nor at a question mark or full stop the sentence goes on after', () => {
    const { sentences } = splitSentences(body, 0, null);
    expect(sentences.map((s) => s.text)).toEqual([
      'Shall We Dance?, starring two old friends, came fifth at the box office.',
      'It took less than expected.',
      'Online bookseller Amazon.com holds a patent on buying with one click, and a .xxx domain was approved.',
      'Critics were unhappy with both.',
      '"Why?" he asked the crowd outside the hall.',
      'Nobody in the crowd answered him.',
      '"We will deal with this." he added after the meeting on Friday.',
      'The vote is next week.',
      'She asked if the new rules apply (do they?) to every single club.',
      'Clubs have until May.',
    ]);
    // Each is still the file's text at its offsets.
    for (const s of sentences) expect(body.slice(s.start, s.end)).toBe(s.text);
  });
});
