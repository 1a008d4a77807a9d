/**
 * Reading a folder on worker threads (src/corpus/parallel.ts) gives the corpus an in-thread load gives:
 * the same articles, sentences, tokens and problems, in the same order; and an article survives
 * packing for the trip between threads (src/corpus/pack.ts), tokens wink-nlp normalised included.
 */
import { copyFileSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { afterAll, describe, expect, it } from 'vitest';
import { engineWork, workedOf } from '../../src/answer/article-work.js';
import type { ArticleWorked } from '../../src/answer/article-work.js';
import { loadCorpus } from '../../src/corpus/load.js';
import type { Corpus } from '../../src/corpus/load.js';
import { packArticle, unpackArticle } from '../../src/corpus/pack.js';
import { ArticleSentence, SentenceBlock } from '../../src/corpus/sentence.js';
import type { Article } from '../../src/corpus/types.js';
import { TopicClassifier } from '../../src/intent/classifier.js';
import { loadTopics } from '../../src/intent/load.js';
import { articleTerms } from '../../src/retrieve/article-terms.js';
import { INTENTS, SEEDS, tempDir } from '../helpers.js';

const temp = tempDir();
afterAll(() => temp.cleanup());

/** Everything a load gives, as plain data. */
function snapshot(c: Corpus) {
  return {
    problems: c.problems,
    articles: c.articles.map(({ sentences, ...details }) => ({ ...details, sentences: sentences.length })),
    sentences: c.sentences.map((s) => {
      const a = s as ArticleSentence;
      return [s.index, s.articleId, s.position, s.paragraph, s.start, s.end, s.text, a.firstWordStart, a.firstWordEnd, a.firstWord, s.tokens];
    }),
  };
}

describe('a load on worker threads', () => {
  it('gives the same corpus as a load on this thread, faulty files and their order included', async () => {
    const dir = join(temp.dir, 'mixed');
    mkdirSync(dir);
    for (const name of readdirSync(SEEDS).filter((f) => f.endsWith('.txt'))) copyFileSync(join(SEEDS, name), join(dir, name));
    writeFileSync(join(dir, '000_empty.txt'), '');
    writeFileSync(join(dir, '001_binary.md'), Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x08]));
    writeFileSync(join(dir, '002_plain.md'), 'A plain note with no header at all\n\nThe river rose by two metres overnight and the town council closed the bridge.\n');
    mkdirSync(join(dir, '004_folder.md'));
    const first = readdirSync(SEEDS).find((f) => f.endsWith('.txt'))!;
    copyFileSync(join(SEEDS, first), join(dir, first.replace('.txt', '.md'))); // the same id twice

    const seen: number[] = [];
    const arrived: Article[][] = [[], []];
    const inThread = await loadCorpus(dir, { threads: 0, onArticle: (a) => arrived[0]!.push(a) });
    const onWorkers = await loadCorpus(dir, { threads: 2, onProgress: (p) => seen.push(p.done), onArticle: (a) => arrived[1]!.push(a) });
    expect([inThread.threads, onWorkers.threads]).toEqual([0, 2]);
    expect(onWorkers.articles.length).toBe(6);
    // Sorted by name: the .md copy comes first and keeps the id; the .txt is the duplicate.
    expect(onWorkers.problems.map((p) => p.file)).toEqual([first, '000_empty.txt', '001_binary.md']);
    expect(snapshot(onWorkers)).toEqual(snapshot(inThread));
    // Progress: from 0 to the number of files, never backwards, each count once.
    const files = readdirSync(dir).length;
    expect(seen[0]).toBe(0);
    expect(seen.at(-1)).toBe(files);
    expect(seen).toEqual([...new Set(seen)].sort((a, b) => a - b));
    // Each article read is passed once as it arrives, the duplicate too, and they are the corpus's objects.
    for (const [i, c] of [inThread, onWorkers].entries()) {
      expect(arrived[i]!.length).toBe(7);
      expect(new Set(arrived[i]).size).toBe(7);
      for (const a of c.articles) expect(arrived[i]).toContain(a);
    }
  });

  it('fails the load when the per-article callback throws, on worker threads as on this one', async () => {
    const dir = join(temp.dir, 'callback');
    mkdirSync(dir);
    for (const name of readdirSync(SEEDS).filter((f) => f.endsWith('.txt'))) copyFileSync(join(SEEDS, name), join(dir, name));
    for (const threads of [0, 2]) {
      let calls = 0;
      const load = loadCorpus(dir, {
        threads,
        onArticle: () => {
          calls++;
          throw new Error('the caller failed');
        },
      });
      await expect(load).rejects.toThrow('the caller failed');
      // The caller's error ends the load: it is not taken for a failed worker and read again in-thread.
      expect(calls, `threads: ${threads}`).toBe(1);
    }
  });

  it("runs the caller's work on each article where it is read: the same results on workers as here, the articles arriving without their tokens", async () => {
    const dir = join(temp.dir, 'work');
    mkdirSync(dir);
    for (const name of readdirSync(SEEDS).filter((f) => f.endsWith('.txt'))) copyFileSync(join(SEEDS, name), join(dir, name));
    const classifier = new TopicClassifier((await loadTopics(INTENTS)).topics);
    const work = engineWork(classifier.affinitySetup());
    const results: Array<Map<string, ArticleWorked>> = [new Map(), new Map()];
    const loads: Corpus[] = [];
    for (const [i, threads] of [0, 2].entries()) {
      loads.push(await loadCorpus(dir, { threads, work, onArticle: (a, worked) => results[i]!.set(a.id, workedOf(worked)) }));
    }
    expect(loads.map((c) => c.threads)).toEqual([0, 2]);
    expect(results[0]!.size).toBe(5);
    expect(results[1]).toEqual(results[0]);
    // What the work gives is what the index and the classifier make of the article with its tokens.
    const plain = await loadCorpus(dir, { threads: 0 });
    const reader = classifier.affinityReader();
    for (const a of plain.articles) {
      const got = results[1]!.get(a.id)!;
      expect(got.terms).toEqual(articleTerms(a.sentences));
      expect(got.affinities).toEqual(reader.read(a.sentences.map((s) => s.tokens)));
      expect(got.tokens).toBe(a.sentences.reduce((n, s) => n + s.tokens.length, 0));
    }
    for (const c of loads) {
      // Each sentence re-derives its tokens when read: none is held (held is ArticleSentence's private field).
      expect(c.sentences.every((s) => (s as unknown as { held: unknown }).held === null)).toBe(true);
      expect(snapshot(c)).toEqual(snapshot(plain));
    }
  });

  it('fails the load, naming the module, when the work module has no articleWork, on worker threads as on this one', async () => {
    const dir = join(temp.dir, 'bad-work');
    mkdirSync(dir);
    const first = readdirSync(SEEDS).find((f) => f.endsWith('.txt'))!;
    copyFileSync(join(SEEDS, first), join(dir, first));
    const module = 'data:text/javascript,export const nothing = 1;';
    for (const threads of [0, 2]) {
      // On workers, each worker fails, and the folder is read again here, which fails the same way.
      await expect(loadCorpus(dir, { threads, work: { module, setup: null } }), `threads: ${threads}`).rejects.toThrow(`${module} exports no articleWork function`);
    }
  });

  it('an article survives packing and a structured clone: numbers and tokens (a normalised one too)', () => {
    const raw = 'Title line\n\nU.S. forces said 13 soldiers died on Monday.\n';
    const lineStart = raw.indexOf('U.S.');
    const lineEnd = raw.indexOf('\n', lineStart);
    const block = new SentenceBlock(raw);
    const tokens = [
      { value: 'US', start: lineStart, end: lineStart + 4, type: 'word', pos: 'PROPN', lemma: 'us', stop: false },
      { value: 'forces', start: lineStart + 5, end: lineStart + 11, type: 'word', pos: 'NOUN', lemma: 'force', stop: false },
      { value: 'said', start: lineStart + 12, end: lineStart + 16, type: 'word', pos: 'VERB', lemma: 'say', stop: true },
    ];
    const place = { position: 0, paragraph: 0, start: lineStart, end: lineEnd };
    const sentence = ArticleSentence.add(block, place, { tokens });
    block.seal();
    block.articleId = 'a';
    const article: Article = { id: 'a', file: 'a.md', outlet: 'Wire', title: 'Title line', date: '2020-02-28', dateNote: null, url: null, credit: null, raw, sentences: [sentence] };

    const back = unpackArticle(deserialize(serialize(packArticle(article))) as ReturnType<typeof packArticle>);
    const s = back.sentences[0] as ArticleSentence;
    expect({ ...back, sentences: back.sentences.length }).toEqual({ ...article, sentences: 1 });
    expect(s.tokens).toEqual(tokens);
    expect([s.start, s.end, s.firstWordStart, s.firstWordEnd, s.text, s.articleId]).toEqual([lineStart, lineEnd, -2, lineStart + 4, raw.slice(lineStart, lineEnd), 'a']);
  });
});
