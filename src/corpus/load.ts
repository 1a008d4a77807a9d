/**
 * Load a folder of articles: read, check, drop furniture, split into sentences.
 *
 * Every problem (unreadable, empty, not text, broken header, no prose left) is collected, each naming its
 * file; loading fails only when no article is left.
 */
import { readFileSync, statSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { basename, extname, join } from 'node:path';
import type { Problem } from '../answer/types.js';
import { dateIn } from './furniture.js';
import { HeaderError, parseHeader, shown } from './header.js';
import { readInWorkers } from './parallel.js';
import type { Pending } from './parallel.js';
import { releaseTokens } from './sentence.js';
import { linesOf, splitSentences } from './split.js';
import type { Article, Sentence } from './types.js';
import { startArticleWork } from './work.js';
import type { ArticleWork } from './work.js';

/**
 * File endings read as articles. Documents in other formats are reported as not read (see
 * DOCUMENT_EXTENSIONS); anything else is ignored.
 */
export const ARTICLE_EXTENSIONS = ['.txt', '.md'];

/** Files never read as articles even though they end in .md/.txt. */
const NOT_ARTICLES = /^(readme|sources|license|changelog)(\.[a-z]+)?$/i;

/**
 * Articles larger than this are refused. A captured page is rarely over a few hundred KB; reading one
 * file is synchronous work (about 2 s a MB), and while it runs the bot cannot acknowledge anyone's
 * question, which Discord wants within 3 seconds.
 */
export const MAX_ARTICLE_BYTES = 1024 * 1024;

export class CorpusError extends Error {
  constructor(
    message: string,
    readonly problems: Problem[],
  ) {
    super(message);
  }
}

export interface Corpus {
  articles: Article[];
  sentences: Sentence[];
  problems: Problem[];
  /** How many worker threads read the articles (0: this thread did, by choice or because a worker failed). */
  threads: number;
}

/** How far a load has got: `done` of the folder's `total` article files have been read (or reported as problems). */
export interface LoadProgress {
  done: number;
  total: number;
}

export interface LoadOptions {
  /**
   * Called with `done` 0 before the first file is read, then after each article file (loaded or not) up to
   * `done === total`, so that a face can show progress on a large folder. Called synchronously: it must be
   * quick and must not throw.
   */
  onProgress?: (progress: LoadProgress) => void;
  /**
   * Called with each article as soon as it is read, while the rest of the folder is still being read (on
   * worker threads, work done here overlaps theirs), and with `work`'s result on it (undefined without
   * `work`). Every article read is passed, in no set order, including one later left out for a duplicate
   * id; when a worker fails and the folder is read again on this thread, the articles that had arrived
   * are passed again, as new objects. An error thrown here fails the load.
   */
  onArticle?: (article: Article, worked: unknown) => void;
  /**
   * Work to run on each article as it is read, where it is read (see work.ts): on its worker thread for a
   * parallel load, on this thread otherwise. With work, an article reaches `onArticle` and the corpus
   * without its sentences' tokens (a sentence re-derives them when read): the work has read them.
   */
  work?: ArticleWork;
  /**
   * Worker threads that read the articles (see parallel.ts); 0 reads them on this thread. Unset: none for a
   * folder of less than PARALLEL_MIN_BYTES of articles (starting a worker and its model costs ~0.4 s),
   * otherwise one a core, at most MAX_THREADS.
   */
  threads?: number;
}

/** Below this many bytes of article files, a load stays on this thread. */
export const PARALLEL_MIN_BYTES = 2 * 1024 * 1024;
/** At most this many worker threads read a folder. */
export const MAX_THREADS = 4;

/** How many worker threads to read this folder's files with (see LoadOptions.threads). */
function automaticThreads(dir: string, names: readonly string[]): number {
  let bytes = 0;
  for (const name of names) {
    try {
      bytes += statSync(join(dir, name)).size;
    } catch {
      // Reported when the file is read.
    }
    if (bytes >= PARALLEL_MIN_BYTES) return Math.min(MAX_THREADS, availableParallelism());
  }
  return 0;
}

/** An article file's bytes, the problem that stops it being read (naming it), or null when it is not a file. */
function readBytes(dir: string, name: string): Uint8Array | Problem | null {
  const path = join(dir, name);
  try {
    const st = statSync(path);
    if (!st.isFile()) return null;
    if (st.size > MAX_ARTICLE_BYTES) {
      return { file: name, message: `is too large (${(st.size / 1048576).toFixed(1)} MB; the limit is ${MAX_ARTICLE_BYTES / 1048576} MB)` };
    }
    return readFileSync(path);
  } catch (e) {
    return { file: name, message: `cannot be read (${(e as NodeJS.ErrnoException).code ?? String(e)})` };
  }
}

const decoder = new TextDecoder('utf-8', { fatal: true });

/** Decode bytes as UTF-8 text, or say why they are not text. */
function decode(bytes: Uint8Array): { text: string } | { error: string } {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return { error: 'is UTF-16 text, not UTF-8: save it as UTF-8' };
  }
  if (bytes.includes(0)) return { error: 'is not text (it contains NUL bytes; binary file?)' };
  try {
    return { text: decoder.decode(bytes) };
  } catch {
    return { error: 'is not valid UTF-8 text' };
  }
}

/** A first line that reads like a headline: short, no sentence punctuation at its end. */
function looksLikeHeadline(line: string): boolean {
  const t = line.trim().replace(/^#+\s*/, '');
  const words = t.split(/\s+/).filter(Boolean).length;
  return words >= 3 && words <= 25 && !/[.!?:;,]$/.test(t);
}

/** A header block at the start of the body: a header pasted twice, whose lines would be quoted as text. */
const SECOND_HEADER = /^(?:[ \t]*\r?\n)*---[ \t]*\r?\n(?:[A-Za-z_]+[ \t]*:.*\r?\n)+---[ \t]*(?:\r?\n|$)/;

/** Load one article file's text. Returns the article or a problem. */
export function parseArticle(file: string, raw: string): Article | Problem {
  const id = basename(file, extname(file));
  if (raw.trim() === '') return { file, message: 'is empty' };
  let parsed;
  try {
    parsed = parseHeader(raw);
  } catch (e) {
    if (e instanceof HeaderError) return { file, message: `has a broken header: ${e.message}` };
    throw e;
  }
  const h = parsed.header;
  if (h && SECOND_HEADER.test(raw.slice(parsed.bodyStart))) {
    return { file, message: 'has two headers: a second "---" block of "key: value" lines follows the first; keep one' };
  }
  if (h?.id && h.id !== id) {
    return { file, message: `has a broken header: id "${shown(h.id)}" does not match the file name (expected "${id}")` };
  }
  let title = h?.title ?? null;
  let date = h?.date ?? null;
  if (!h) {
    // No header: headline from the first non-blank line when it looks like one, date from a dateline.
    const lines = linesOf(raw, parsed.bodyStart);
    const first = lines.find((l) => l.text.trim() !== '');
    if (first && looksLikeHeadline(first.text)) title = first.text.trim().replace(/^#+\s*/, '').replace(/[*_]/g, '');
    for (const l of lines.slice(0, 30)) {
      const d = dateIn(l.text);
      if (d && l.text.length < 80) {
        date = d;
        break;
      }
    }
  }
  const { sentences, block } = splitSentences(raw, parsed.bodyStart, title);
  block.articleId = id;
  if (sentences.length === 0) return { file, message: 'has no article text left once page furniture is removed' };
  return {
    id,
    file,
    outlet: h?.outlet ?? null,
    title,
    date,
    dateNote: h?.dateNote ?? null,
    url: h?.url ?? null,
    credit: h?.credit ?? null,
    raw,
    sentences,
  };
}

/** Whether a read gave a problem rather than an article. */
export function isProblem(x: Article | Problem): x is Problem {
  return !('raw' in x);
}

/** Read one article file's bytes (named `file`, relative to its folder). Returns the article or a problem naming the file. */
export function readArticle(file: string, bytes: Uint8Array): Article | Problem {
  const decoded = decode(bytes);
  if ('error' in decoded) return { file, message: decoded.error };
  return parseArticle(file, decoded.text);
}

/**
 * Endings of documents that hold an article's text in a form the loader does not read: a page saved from
 * a browser, a PDF or a word processor's file dropped in by a moderator, which would otherwise be left out
 * without a word. Other files (data, images) are passed over quietly: a folder may keep them on purpose.
 */
export const DOCUMENT_EXTENSIONS = ['.html', '.htm', '.xhtml', '.mhtml', '.pdf', '.doc', '.docx', '.odt', '.rtf', '.epub', '.markdown', '.text'];

/** The folder's documents in other formats (DOCUMENT_EXTENSIONS), each as a problem saying it is not read. */
function notArticles(dir: string, names: readonly string[]): Problem[] {
  const out: Problem[] = [];
  for (const name of names) {
    if (!DOCUMENT_EXTENSIONS.includes(extname(name).toLowerCase()) || name.startsWith('.') || NOT_ARTICLES.test(name)) continue;
    try {
      if (!statSync(join(dir, name)).isFile()) continue;
    } catch {
      continue; // gone since the folder was listed: nothing to say about it
    }
    out.push({ file: name, message: `is not read: articles are ${ARTICLE_EXTENSIONS.join(' or ')} files (save the article's text as one)` });
  }
  return out;
}

/** Load every article in a folder. Throws CorpusError when the folder is unreadable or no article is left. */
export async function loadCorpus(dir: string, options: LoadOptions = {}): Promise<Corpus> {
  let names: string[];
  try {
    names = (await readdir(dir)).sort();
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'does not exist' : code === 'ENOTDIR' ? 'is not a folder' : `cannot be read (${code ?? String(e)})`;
    throw new CorpusError(`The corpus folder ${dir} ${why}.`, [{ file: dir, message: why }]);
  }
  const candidates = names.filter((name) => ARTICLE_EXTENSIONS.includes(extname(name).toLowerCase()) && !NOT_ARTICLES.test(name) && !name.startsWith('.'));
  const notRead = notArticles(dir, names);
  const files: Pending[] = candidates.map((name) => ({ name, read: () => readBytes(dir, name) }));
  const threads = options.threads ?? automaticThreads(dir, candidates);
  let read: Array<Article | Problem | null> | null = null;
  let viaWorkers = false;
  options.onProgress?.({ done: 0, total: candidates.length });
  if (threads > 0) {
    // A worker that cannot start or fails leaves the load to this thread: slower, nothing lost.
    const report = (done: number) => {
      if (done < candidates.length) options.onProgress?.({ done, total: candidates.length });
    };
    let articleFailed: { error: unknown } | undefined;
    const onArticle = (a: Article, worked: unknown) => {
      try {
        options.onArticle?.(a, worked);
      } catch (error) {
        articleFailed ??= { error };
        throw error;
      }
    };
    read = await readInWorkers(files, threads, report, onArticle, options.work ?? null).catch(() => null);
    // A failing callback is the caller's error, not a worker's: it is not retried in-thread.
    if (articleFailed) throw articleFailed.error;
    viaWorkers = read !== null;
  }
  if (!read) {
    const work = options.work ? await startArticleWork(options.work) : null;
    read = [];
    for (const [done, file] of files.entries()) {
      if (done > 0) options.onProgress?.({ done, total: candidates.length });
      // One turn of the event loop per article (a running bot answers between them); the file itself is
      // read synchronously: a promise per file left a large folder's load waiting on the thread pool.
      await new Promise((resolve) => setImmediate(resolve));
      const bytes = file.read();
      const result = bytes instanceof Uint8Array ? readArticle(file.name, bytes) : bytes;
      read.push(result);
      if (result && !isProblem(result)) {
        if (!work) {
          options.onArticle?.(result, undefined);
          continue;
        }
        const worked = work(result).value;
        releaseTokens(result.sentences);
        options.onArticle?.(result, worked);
      }
    }
  }
  const problems: Problem[] = [];
  const articles: Article[] = [];
  const byId = new Map<string, string>();
  for (const [i, result] of read.entries()) {
    if (result === null) continue;
    if (isProblem(result)) {
      problems.push(result);
      continue;
    }
    const name = candidates[i]!;
    const other = byId.get(result.id);
    if (other) {
      problems.push({ file: name, message: `has the same id "${result.id}" as ${other}; only ${other} is used` });
      continue;
    }
    byId.set(result.id, name);
    articles.push(result);
  }
  problems.push(...notRead);
  options.onProgress?.({ done: candidates.length, total: candidates.length });
  if (articles.length === 0) {
    const detail = problems.length ? `: ${problems.map((p) => `${p.file} ${p.message}`).join('; ')}` : '';
    throw new CorpusError(`No article could be loaded from ${dir}${detail || ' (no .md or .txt files)'}.`, problems);
  }
  const sentences: Sentence[] = [];
  for (const a of articles) {
    for (const s of a.sentences) {
      s.index = sentences.length;
      sentences.push(s);
    }
  }
  return { articles, sentences, problems, threads: viaWorkers ? threads : 0 };
}
