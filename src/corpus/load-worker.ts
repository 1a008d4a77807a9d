/**
 * A worker thread of a parallel load (see parallel.ts): reads the article files it is sent and posts each
 * back packed (see pack.ts), or the problem that names it.
 */
import { parentPort } from 'node:worker_threads';
import type { Problem } from '../answer/types.js';
import { isProblem, readArticle } from './load.js';
import { packArticle, transferables } from './pack.js';
import type { PackedArticle } from './pack.js';

/** A file to read: its place in the folder's list, its name and its bytes. */
export interface LoadJob {
  index: number;
  name: string;
  bytes: Uint8Array;
}

/** What a worker posts for each job. */
export type LoadResult = { index: number; article: PackedArticle } | { index: number; problem: Problem };

const port = parentPort;
if (port) {
  port.on('message', (jobs: LoadJob[]) => {
    const results: LoadResult[] = [];
    const transfer: ArrayBuffer[] = [];
    for (const job of jobs) {
      const read = readArticle(job.name, job.bytes);
      if (isProblem(read)) {
        results.push({ index: job.index, problem: read });
        continue;
      }
      const article = packArticle(read);
      results.push({ index: job.index, article });
      transfer.push(...transferables(article));
    }
    port.postMessage(results, transfer);
  });
}
