/**
 * Finding wire copies beside the index build: on a large corpus, sameSentenceClusters runs on a worker
 * thread (copies-worker.ts) while this thread builds the Retriever, which takes longer. BBC ×4: ~1.6 s
 * off the build's critical path. A small corpus, or a worker that fails, is done on this thread (the
 * answer is the same either way).
 */
import { startWorker } from '../corpus/parallel.js';
import type { Article } from '../corpus/types.js';
import type { CopiesJob } from './copies-worker.js';
import { sameSentenceClusters } from './compose.js';

/** Below this many sentences the clusters are found on this thread (a worker costs ~0.4 s to start). */
export const COPIES_WORKER_MIN_SENTENCES = 20_000;

/** The clusters (see sameSentenceClusters), and whether a worker found them. */
export interface Clusters {
  clusters: Int32Array;
  onWorker: boolean;
}

const ENTRY = new URL(import.meta.url.endsWith('.ts') ? './copies-worker.ts' : './copies-worker.js', import.meta.url);

/**
 * Start finding the clusters of `articles`' sentences (numbered article by article, as a load numbers
 * them) on a worker when there are at least `minSentences`. Call the returned function, after the work
 * meant to run alongside, for the clusters.
 */
export function startSameSentenceClusters(articles: readonly Article[], minSentences = COPIES_WORKER_MIN_SENTENCES): () => Promise<Clusters> {
  const sentences = articles.flatMap((a) => a.sentences);
  const here = (): Clusters => ({ clusters: sameSentenceClusters(sentences), onWorker: false });
  const inThread = () => Promise.resolve(here());
  if (sentences.length < minSentences) return inThread;
  let result: Promise<Clusters>;
  try {
    const worker = startWorker(ENTRY);
    const spans = new Int32Array(sentences.length * 3);
    let k = 0;
    articles.forEach((a, ai) => {
      for (const s of a.sentences) {
        spans[k++] = ai;
        spans[k++] = s.start;
        spans[k++] = s.end;
      }
    });
    const job: CopiesJob = { ids: articles.map((a) => a.id), raws: articles.map((a) => a.raw), spans };
    result = new Promise<Clusters>((resolve, reject) => {
      worker.once('message', (clusters: Int32Array) => resolve({ clusters, onWorker: true }));
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`the wire-copy worker stopped (exit code ${code})`)));
    }).finally(() => void worker.terminate());
    worker.postMessage(job, [spans.buffer as ArrayBuffer]);
  } catch {
    return inThread;
  }
  // Nothing is lost when the worker fails: the clusters are found here instead.
  const settled = result.catch(here);
  return () => settled;
}
