/**
 * A worker thread that finds a large corpus's wire copies (sameSentenceClusters) while the main thread
 * builds the Retriever: the two read the same sentences and nothing of each other. See copies.ts.
 */
import { parentPort } from 'node:worker_threads';
import { sameSentenceClusters } from './compose.js';

/** The sentences, as their articles' texts and numbers: far cheaper to post than 100k strings. */
export interface CopiesJob {
  /** Each article's id and file text. */
  ids: string[];
  raws: string[];
  /** Per sentence: its article (an index into ids), start, end. */
  spans: Int32Array;
}

const port = parentPort;
if (port) {
  port.once('message', (job: CopiesJob) => {
    const sentences: Array<{ text: string; articleId: string }> = [];
    for (let i = 0; i < job.spans.length; i += 3) {
      const a = job.spans[i]!;
      sentences.push({ articleId: job.ids[a]!, text: job.raws[a]!.slice(job.spans[i + 1]!, job.spans[i + 2]!) });
    }
    const clusters = sameSentenceClusters(sentences);
    port.postMessage(clusters, [clusters.buffer as ArrayBuffer]);
  });
}
