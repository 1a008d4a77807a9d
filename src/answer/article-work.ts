/**
 * What the engine works out from each article as it is read (see corpus/work.ts): the article's topic
 * affinities and its part of the index. A parallel load runs this on its worker threads, so the main
 * thread receives these results rather than the article's tokens; an in-thread load runs it here. Both
 * depend on the article alone, so the index and the affinities are the same either way.
 */
import type { Article } from '../corpus/types.js';
import type { ArticleWork, WorkOnArticle } from '../corpus/work.js';
import { AffinityReader } from '../intent/classifier.js';
import type { AffinitySetup } from '../intent/classifier.js';
import { articleTerms } from '../retrieve/article-terms.js';
import type { ArticleTerms } from '../retrieve/article-terms.js';

/** One article's results. */
export interface ArticleWorked {
  /** Its sentences' rows of topic affinities (AffinityReader.read). */
  affinities: { values: Float64Array; size: number };
  /** Its part of the index (articleTerms). */
  terms: ArticleTerms;
  /** How many tokens its sentences held. */
  tokens: number;
}

/** This module, for a load's workers to import. */
const MODULE = import.meta.url;

/** The work to give a load (LoadOptions.work), reading affinities as the classifier `setup` comes from. */
export function engineWork(setup: AffinitySetup): ArticleWork {
  return { module: MODULE, setup };
}

/** The function run on each article (the module's ArticleWork entry point, see corpus/work.ts). */
export function articleWork(setup: unknown): WorkOnArticle {
  const reader = AffinityReader.of(setup as AffinitySetup);
  return (article: Article) => {
    const tokens = article.sentences.map((s) => s.tokens);
    const affinities = reader.read(tokens);
    const terms = articleTerms(article.sentences);
    const { postings, offers, leansOn } = terms;
    const value: ArticleWorked = { affinities, terms, tokens: tokens.reduce((n, t) => n + t.length, 0) };
    return { value, transfer: [affinities.values.buffer, postings.starts.buffer, postings.pairs.buffer, postings.borrowed.buffer, offers.buffer, leansOn.buffer] as ArrayBuffer[] };
  };
}

/** The results a load passed with an article (LoadOptions.onArticle's `worked`), for this module's work. */
export function workedOf(worked: unknown): ArticleWorked {
  const w = worked as Partial<ArticleWorked> | undefined;
  if (!w || !(w.affinities?.values instanceof Float64Array) || !w.terms) throw new Error('the load passed an article without the engine\'s work on it');
  return w as ArticleWorked;
}
