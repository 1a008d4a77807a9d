/**
 * Reading a large folder's articles on worker threads.
 *
 * wink-nlp's analysis is most of a build (BBC ×4: ~8 s of a 14.6 s load) and each article is analysed on
 * its own, so a large folder is read by a few worker threads, each loading its own wink-nlp model. Files
 * go out in batches of about BATCH_BYTES as workers ask for more (a slow batch does not hold the others
 * up); articles come back packed (pack.ts) and are unpacked here in the folder's order, so the corpus is
 * the same, sentence for sentence, as an in-thread load's. Given an ArticleWork (work.ts), each worker
 * also runs it on the articles it reads and sends the results with them, without their tokens (the
 * engine works out each article's topic affinities and its part of the index so). The main thread
 * meanwhile reads files, unpacks and runs the caller's `onArticle` on each arrived article, a batch at a
 * time: a running bot keeps answering between batches.
 *
 * The workers run TypeScript, as the rest of the project does: each registers tsx's loader before it
 * imports its entry (a worker's `execArgv` cannot load tsx's hooks in time on Node 20).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Problem } from '../answer/types.js';
import type { LoadJob, LoadResult, LoadWorkerData } from './load-worker.js';
import { unpackArticle } from './pack.js';
import type { Article } from './types.js';
import type { ArticleWork } from './work.js';

/** About this many bytes of article files go to a worker at a time. */
const BATCH_BYTES = 128 * 1024;

/** The entry a load worker imports. */
const ENTRY = new URL(import.meta.url.endsWith('.ts') ? './load-worker.ts' : './load-worker.js', import.meta.url);

/** tsx's ESM API module, which a worker registers before importing a .ts entry. */
function tsxApi(): string {
  const require = createRequire(import.meta.url);
  const manifest = require.resolve('tsx/package.json');
  const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as { exports: Record<string, { import?: { default?: string } }> };
  const api = pkg.exports['./esm/api']?.import?.default;
  if (!api) throw new Error('tsx has no ESM API export (tsx/esm/api)');
  return pathToFileURL(join(dirname(manifest), api)).href;
}

/**
 * Start a worker thread running the module `entry` (a .ts module is run through tsx, as the project's
 * scripts are), with `workerData` (a structured clone of it) as the worker's `workerData`.
 */
function startWorker(entry: URL, workerData?: unknown): Worker {
  if (!entry.pathname.endsWith('.ts')) return new Worker(entry, { workerData });
  const code = `import(${JSON.stringify(tsxApi())}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}); });`;
  return new Worker(code, { eval: true, workerData });
}

/** A file of the folder: its name, and how to read its bytes (or the problem, or null when it is not a file). */
export type Pending = { name: string; read: () => Uint8Array | Problem | null };

/**
 * Read `files` on `threads` worker threads. Returns each file's article or problem at its index (null for a
 * file that turned out not to be one, e.g. a folder). `onDone` is called with the number done so far, and
 * `onArticle` with each article as it arrives (and `work`'s result on it; the article then holds no
 * tokens), once its worker has been given its next batch (so work done there overlaps the workers'
 * reading). Rejects when a worker fails (the caller then reads in-thread: nothing is lost but time) or
 * `onArticle` throws.
 */
export async function readInWorkers(
  files: readonly Pending[],
  threads: number,
  onDone: (done: number) => void,
  onArticle: (article: Article, worked: unknown) => void = () => {},
  work: ArticleWork | null = null,
): Promise<Array<Article | Problem | null>> {
  const out = new Array<Article | Problem | null>(files.length).fill(null);
  let next = 0;
  let done = 0;
  const workers: Worker[] = [];
  // An error thrown by `onArticle` after the last batch has settled the promise is still reported.
  let failed: { error: unknown } | undefined;
  try {
    await new Promise<void>((resolve, reject) => {
      let running = 0;
      const feed = (w: Worker): boolean => {
        const batch: LoadJob[] = [];
        const transfer: ArrayBuffer[] = [];
        let bytes = 0;
        while (next < files.length && bytes < BATCH_BYTES) {
          const index = next++;
          const read = files[index]!.read();
          if (!(read instanceof Uint8Array)) {
            out[index] = read;
            onDone(++done);
            continue;
          }
          // A buffer that is a view of a larger one (Node's small-buffer pool) is copied, not transferred.
          const own = read.byteOffset === 0 && read.byteLength === read.buffer.byteLength ? read : read.slice();
          batch.push({ index, name: files[index]!.name, bytes: own });
          transfer.push(own.buffer as ArrayBuffer);
          bytes += read.length;
        }
        if (batch.length === 0) return false;
        w.postMessage(batch, transfer);
        return true;
      };
      const settle = (w: Worker) => {
        let fed: boolean;
        try {
          fed = feed(w);
        } catch (e) {
          reject(e);
          return;
        }
        if (!fed) {
          running--;
          if (running === 0) resolve();
        }
      };
      for (let i = 0; i < Math.max(1, threads); i++) {
        const data: LoadWorkerData = { work };
        const w = startWorker(ENTRY, data);
        workers.push(w);
        running++;
        w.on('message', (results: LoadResult[]) => {
          const arrived: Array<[Article, unknown]> = [];
          try {
            for (const r of results) {
              const read = 'article' in r ? unpackArticle(r.article) : r.problem;
              out[r.index] = read;
              if ('article' in r) arrived.push([read as Article, r.worked]);
              onDone(++done);
            }
          } catch (e) {
            reject(e);
            return;
          }
          settle(w);
          try {
            for (const [a, worked] of arrived) onArticle(a, worked);
          } catch (e) {
            failed ??= { error: e };
            reject(e);
          }
        });
        w.on('error', reject);
        w.on('exit', (code) => reject(new Error(`a load worker stopped (exit code ${code})`)));
        settle(w);
      }
    });
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  if (failed) throw failed.error;
  return out;
}
