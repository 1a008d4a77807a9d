/**
 * A worker thread of a parallel load (see parallel.ts): reads the article files it is sent and posts each
 * back packed (see pack.ts), or the problem that names it. Given an ArticleWork (in its workerData), it
 * runs the work on each article and posts the result with the article, packed without its tokens.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Problem } from '../answer/types.js';
import { isProblem, readArticle } from './load.js';
import { packArticle, transferables } from './pack.js';
import type { PackedArticle } from './pack.js';
import { startArticleWork } from './work.js';
import type { ArticleWork } from './work.js';

/** A file to read: its place in the folder's list, its name and its bytes. */
export interface LoadJob {
  index: number;
  name: string;
  bytes: Uint8Array;
}

/** What a load worker is started with. */
export interface LoadWorkerData {
  work: ArticleWork | null;
}

/** What a worker posts for each job: the article (and the work's result on it, when there is work), or the problem. */
export type LoadResult = { index: number; article: PackedArticle; worked?: unknown } | { index: number; problem: Problem };

const port = parentPort;
if (port) {
  const setup = (workerData ?? { work: null }) as LoadWorkerData;
  // A module that fails to load fails the worker, and the load is done on the main thread instead.
  const work = setup.work ? await startArticleWork(setup.work) : null;
  port.on('message', (jobs: LoadJob[]) => {
    const results: LoadResult[] = [];
    const transfer: ArrayBuffer[] = [];
    for (const job of jobs) {
      const read = readArticle(job.name, job.bytes);
      if (isProblem(read)) {
        results.push({ index: job.index, problem: read });
        continue;
      }
      if (work) {
        const worked = work(read);
        const article = packArticle(read, false);
        results.push({ index: job.index, article, worked: worked.value });
        transfer.push(...transferables(article), ...worked.transfer);
        continue;
      }
      const article = packArticle(read);
      results.push({ index: job.index, article });
      transfer.push(...transferables(article));
    }
    port.postMessage(results, transfer);
  });
}
