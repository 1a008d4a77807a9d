/**
 * The index cache: the built index itself, saved after a build and loaded on the next start when nothing
 * it depends on has changed, so that a start is a file read rather than an analysis of every article.
 *
 * It holds the articles (their details and file text), each sentence's place in its file as numbers (no
 * tokens: those are re-derived on demand, see sentence.ts), each sentence's topic affinities as one
 * table, the retriever's index as flat arrays (postings, lengths, the word → term tables, what each
 * sentence offers), the wire-copy clusters, and the analysed topic examples.
 *
 * The key is a SHA-256 over everything the cached data is made from: the name and bytes of every file in
 * the corpus and intents folders, and the source of the code that analyses and indexes them (src/corpus,
 * src/nlp, src/intent, src/retrieve, src/answer), so an edited article, topic, tokenizer rule or index
 * rule all rebuild. The file is `CAIX2 <key> <sha256 of payload>\n` then the payload (v8 serialisation);
 * a file whose key differs is stale, one whose payload does not match its checksum, does not deserialise
 * or does not fit together is corrupt. Either way it is rebuilt and overwritten, never trusted. Writes go
 * to a temporary name and are renamed into place.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deserialize, serialize } from 'node:v8';
import type { Problem } from '../answer/types.js';
import { AffinityTable } from '../intent/affinities.js';
import type { Token } from '../nlp/wink.js';
import type { RetrieverData } from '../retrieve/retriever.js';
import type { Corpus } from './load.js';
import { ArticleSentence, SentenceBlock } from './sentence.js';
import type { Article } from './types.js';

const MAGIC = 'CAIX2';
const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** The code whose output is cached. */
const CODE_DIRS = ['corpus', 'nlp', 'intent', 'retrieve', 'answer'].map((d) => join(SRC, d));

/** What a build makes and a cache hit gives back. */
export interface Built {
  corpus: Corpus;
  /** Per sentence, its affinity to each topic. */
  affinities: AffinityTable;
  /** The retriever's index (see Retriever.toData). */
  retriever: RetrieverData;
  /** For each sentence, its cluster of near-identical printings (see sameSentenceClusters). */
  sameSentence: Int32Array;
  /** Each topic example question, analysed. */
  examples: Map<string, Token[]>;
}

export type CacheOutcome = 'hit' | 'built' | 'stale' | 'corrupt';


/** The payload: plain data and typed arrays only. */
interface Saved {
  /** Each article with its sentences' numbers (see SentenceBlock); sentences are numbered in this order. */
  articles: Array<Omit<Article, 'sentences'> & { columns: Int32Array }>;
  problems: Problem[];
  topics: string[];
  affinities: Float64Array;
  retriever: RetrieverData;
  sameSentence: Int32Array;
  examples: Map<string, Token[]>;
}

async function filesOf(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).sort();
  } catch {
    return [];
  }
}

/**
 * Files are read synchronously, this many at a time between turns of the event loop: far faster than a
 * promise per file (a start at 8,900 articles waited seconds on them), without holding up a running bot
 * for more than a few milliseconds at once.
 */
const FILES_PER_TURN = 128;

/** Each file of a folder (sorted by name) with the SHA-256 of its bytes, or 'unreadable'; sub-folders are left out. */
async function digestsOf(dir: string): Promise<Array<[string, string]>> {
  const out: Array<[string, string]> = [];
  for (const [i, name] of (await filesOf(dir)).entries()) {
    if (i > 0 && i % FILES_PER_TURN === 0) await new Promise((done) => setImmediate(done));
    try {
      out.push([name, createHash('sha256').update(readFileSync(join(dir, name))).digest('hex')]);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EISDIR') out.push([name, 'unreadable']);
    }
  }
  return out;
}

/** The key for a corpus and intents folder as they are now. */
export async function cacheKey(corpusDir: string, intentsDir: string): Promise<string> {
  const h = createHash('sha256');
  h.update(MAGIC);
  const dirs = [corpusDir, intentsDir, ...CODE_DIRS];
  const digests: Array<Array<[string, string]>> = [];
  for (const dir of dirs) digests.push(await digestsOf(dir));
  dirs.forEach((dir, i) => {
    h.update(`\u0000dir\u0000${dir === corpusDir ? 'corpus' : dir === intentsDir ? 'intents' : dir.slice(SRC.length)}`);
    for (const [name, digest] of digests[i]!) h.update(`\u0000${name}\u0000${digest}`);
  });
  return h.digest('hex');
}

/** Where the cache of a corpus folder lives inside a cache folder. */
export function cachePath(cacheDir: string, corpusDir: string): string {
  const id = createHash('sha256').update(resolve(corpusDir)).digest('hex').slice(0, 16);
  return join(cacheDir, `index-${id}.bin`);
}

/** The saved data back as a build's output; throws when its parts do not fit together. */
function restore(saved: Saved): Built {
  if (!Array.isArray(saved.articles)) throw new Error('malformed');
  const sentences: ArticleSentence[] = [];
  const articles: Article[] = saved.articles.map(({ columns, ...a }) => {
    if (typeof a.raw !== 'string' || !(columns instanceof Int32Array)) throw new Error('malformed');
    const block = new SentenceBlock(a.raw, columns);
    block.articleId = a.id;
    const own = Array.from({ length: block.rows }, (_, row) => new ArticleSentence(block, row));
    for (const s of own) {
      if (s.position !== s.row || s.start > s.end || s.end > a.raw.length) throw new Error('malformed');
      s.index = sentences.length;
      sentences.push(s);
    }
    return { ...a, sentences: own };
  });
  const n = sentences.length;
  if (!(saved.affinities instanceof Float64Array) || !(saved.sameSentence instanceof Int32Array) || saved.sameSentence.length !== n) throw new Error('malformed');
  if (!(saved.examples instanceof Map) || !Array.isArray(saved.problems)) throw new Error('malformed');
  const r = saved.retriever;
  if (!(r?.index?.lengths instanceof Int32Array) || r.index.lengths.length !== n || !(r.offers instanceof Uint8Array) || r.offers.length !== n) throw new Error('malformed');
  if (!(r.leansOn instanceof Int32Array) || r.leansOn.length !== n) throw new Error('malformed');
  return {
    corpus: { articles, sentences, problems: saved.problems, threads: 0 },
    affinities: new AffinityTable(saved.topics, saved.affinities, n),
    retriever: r,
    sameSentence: saved.sameSentence,
    examples: saved.examples,
  };
}

/** Read a cache file: the data when its key matches and its payload is intact, else why not. */
export async function readCache(path: string, key: string): Promise<{ data: Built } | { outcome: 'built' | 'stale' | 'corrupt' }> {
  let buf: Buffer;
  try {
    buf = await readFile(path);
  } catch {
    return { outcome: 'built' };
  }
  const nl = buf.indexOf(0x0a);
  const head = nl > 0 ? buf.toString('latin1', 0, nl).split(' ') : [];
  if (head.length !== 3 || head[0] !== MAGIC) return { outcome: head[0]?.startsWith('CAIX') ? 'stale' : 'corrupt' };
  if (head[1] !== key) return { outcome: 'stale' };
  const payload = buf.subarray(nl + 1);
  if (createHash('sha256').update(payload).digest('hex') !== head[2]) return { outcome: 'corrupt' };
  try {
    return { data: restore(deserialize(payload) as Saved) };
  } catch {
    return { outcome: 'corrupt' };
  }
}

/** Write a cache file atomically. */
export async function writeCache(path: string, key: string, data: Built): Promise<void> {
  const articles = data.corpus.articles.map(({ sentences, ...rest }) => {
    const block = sentences[0] instanceof ArticleSentence ? sentences[0].block : null;
    if (!block || sentences.some((s, i) => !(s instanceof ArticleSentence) || s.block !== block || s.row !== i)) throw new Error('only loaded articles are cached');
    return { ...rest, columns: block.columns };
  });
  // Sentences are numbered article by article, as loadCorpus does.
  if (data.corpus.sentences.some((s, i) => s.index !== i) || data.corpus.articles.flatMap((a) => a.sentences).some((s, i) => s !== data.corpus.sentences[i])) {
    throw new Error('only loaded articles are cached');
  }
  const saved: Saved = {
    articles,
    problems: data.corpus.problems,
    topics: [...data.affinities.topics],
    affinities: data.affinities.values,
    retriever: data.retriever,
    sameSentence: data.sameSentence,
    examples: data.examples,
  };
  const payload = serialize(saved);
  const sum = createHash('sha256').update(payload).digest('hex');
  await mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, Buffer.concat([Buffer.from(`${MAGIC} ${key} ${sum}\n`, 'latin1'), payload]));
  await rename(tmp, path);
}
