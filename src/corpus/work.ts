/**
 * Work done on each article where it is read: on the load's worker thread for a parallel load, so that
 * the main thread gets an article's results instead of its tokens (BBC ×4: the index's terms and the
 * topic affinities were ~9 s of main-thread work while two workers read).
 *
 * The corpus knows nothing of what the work is: a caller names a module and the data to set it up with,
 * and each worker imports the module and runs its function on every article it reads. An in-thread load
 * runs the same function on this thread, so the results are the same either way.
 */
import type { Article } from './types.js';

/** What a load runs on each article it reads (see LoadOptions.work). */
export interface ArticleWork {
  /**
   * The URL (href) of a module exporting `articleWork(setup)`, which returns the function to run on each
   * article (a WorkOnArticle). Imported by each load worker, and on this thread for an in-thread load.
   */
  module: string;
  /** What `articleWork` is given: data a structured clone carries (no functions, no class instances). */
  setup: unknown;
}

/**
 * Work on one article, its sentences holding their tokens: its result (what a structured clone carries)
 * and the buffers in it to transfer rather than copy.
 */
export type WorkOnArticle = (article: Article) => { value: unknown; transfer: ArrayBuffer[] };

/** The function `work`'s module makes from its setup. Rejects, saying why, when the module has none. */
export async function startArticleWork(work: ArticleWork): Promise<WorkOnArticle> {
  const module = (await import(work.module)) as { articleWork?: unknown };
  if (typeof module.articleWork !== 'function') throw new Error(`${work.module} exports no articleWork function`);
  const made: unknown = (module.articleWork as (setup: unknown) => unknown)(work.setup);
  if (typeof made !== 'function') throw new Error(`${work.module}: articleWork did not return a function`);
  return made as WorkOnArticle;
}
