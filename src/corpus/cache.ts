/**
 * The index cache: the analysed articles (sentences with their tokens, the slow part of a start) and each
 * sentence's topic affinities, saved after a build and loaded on the next start when nothing they depend
 * on has changed.
 *
 * The key is a SHA-256 over everything the cached data is made from: the name and bytes of every file in
 * the corpus and intents folders, and the source of the code that analyses them (src/corpus, src/nlp,
 * src/intent), so an edited article, topic or tokenizer rule all rebuild. The file is
 * `CAIX1 <key> <sha256 of payload>\n` then the payload (v8 serialisation); a file whose key differs is
 * stale, one whose payload does not match its checksum or does not deserialise is corrupt. Either way it
 * is rebuilt and overwritten, never trusted. Writes go to a temporary name and are renamed into place.
 */
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deserialize, serialize } from 'node:v8';
import type { Corpus } from './load.js';
import type { Entity, Token } from '../nlp/wink.js';
import { ArticleSentence } from './sentence.js';

const MAGIC = 'CAIX1';
const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** The code whose output is cached. */
const CODE_DIRS = ['corpus', 'nlp', 'intent'].map((d) => join(SRC, d));

export interface Cached {
  corpus: Corpus;
  /** Per sentence, its affinity to each topic. */
  affinities: Array<Map<string, number>>;
  /** Each topic example question, analysed. */
  examples: Map<string, Token[]>;
}

export type CacheOutcome = 'hit' | 'built' | 'stale' | 'corrupt';

async function filesOf(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).sort();
  } catch {
    return [];
  }
}

/** The key for a corpus and intents folder as they are now. */
export async function cacheKey(corpusDir: string, intentsDir: string): Promise<string> {
  const h = createHash('sha256');
  h.update(MAGIC);
  for (const dir of [corpusDir, intentsDir, ...CODE_DIRS]) {
    h.update(`\u0000dir\u0000${dir === corpusDir ? 'corpus' : dir === intentsDir ? 'intents' : dir.slice(SRC.length)}`);
    for (const name of await filesOf(dir)) {
      const path = join(dir, name);
      try {
        if (!(await stat(path)).isFile()) continue;
        h.update(`\u0000${name}\u0000`);
        h.update(await readFile(path));
      } catch {
        h.update(`\u0000${name}\u0000unreadable`);
      }
    }
  }
  return h.digest('hex');
}

/** Where the cache of a corpus folder lives inside a cache folder. */
export function cachePath(cacheDir: string, corpusDir: string): string {
  const id = createHash('sha256').update(resolve(corpusDir)).digest('hex').slice(0, 16);
  return join(cacheDir, `index-${id}.bin`);
}

/** Read a cache file: the data when its key matches and its payload is intact, else why not. */
export async function readCache(path: string, key: string): Promise<{ data: Cached } | { outcome: 'built' | 'stale' | 'corrupt' }> {
  let buf: Buffer;
  try {
    buf = await readFile(path);
  } catch {
    return { outcome: 'built' };
  }
  const nl = buf.indexOf(0x0a);
  const head = nl > 0 ? buf.toString('latin1', 0, nl).split(' ') : [];
  if (head.length !== 3 || head[0] !== MAGIC) return { outcome: 'corrupt' };
  if (head[1] !== key) return { outcome: 'stale' };
  const payload = buf.subarray(nl + 1);
  if (createHash('sha256').update(payload).digest('hex') !== head[2]) return { outcome: 'corrupt' };
  try {
    const data = deserialize(payload) as Cached;
    if (!data || !Array.isArray(data.corpus?.articles) || !Array.isArray(data.affinities) || !(data.examples instanceof Map)) return { outcome: 'corrupt' };
    // Sentences were saved as plain records with their tokens; they are loaded sentences again.
    const byIndex = new Map<number, ArticleSentence>();
    for (const a of data.corpus.articles) {
      a.sentences = (a.sentences as unknown as SentenceRecord[]).map((r) => {
        const s = new ArticleSentence(a.raw, r.position, r.paragraph, r.start, r.end, r.lineStart, r.lineEnd, r.first, r.last, { tokens: r.tokens, entities: r.entities });
        s.index = r.index;
        s.articleId = r.articleId;
        byIndex.set(s.index, s);
        return s;
      });
    }
    data.corpus.sentences = data.corpus.sentences.map((_, i) => byIndex.get(i)!);
    return { data };
  } catch {
    return { outcome: 'corrupt' };
  }
}

interface SentenceRecord {
  index: number;
  articleId: string;
  position: number;
  paragraph: number;
  start: number;
  end: number;
  lineStart: number;
  lineEnd: number;
  first: number;
  last: number;
  tokens: Token[];
  entities: Entity[];
}

function recordOf(s: ArticleSentence): SentenceRecord {
  const { index, articleId, position, paragraph, start, end, lineStart, lineEnd, first, last, tokens, entities } = s;
  return { index, articleId, position, paragraph, start, end, lineStart, lineEnd, first, last, tokens, entities };
}

/** Write a cache file atomically (the sentences must still hold their tokens). */
export async function writeCache(path: string, key: string, data: Cached): Promise<void> {
  const articles = data.corpus.articles.map((a) => ({ ...a, sentences: a.sentences.map((s) => recordOf(s as ArticleSentence)) }));
  const payload = serialize({ ...data, corpus: { ...data.corpus, articles, sentences: data.corpus.sentences.map(() => 0) } });
  const sum = createHash('sha256').update(payload).digest('hex');
  await mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, Buffer.concat([Buffer.from(`${MAGIC} ${key} ${sum}\n`, 'latin1'), payload]));
  await rename(tmp, path);
}
