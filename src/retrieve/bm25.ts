/**
 * An Okapi BM25 inverted index over sentences.
 *
 * Each sentence is a document; postings map a term to the sentences holding it with their term frequency.
 * Scoring walks only the postings of the question's terms, so a query costs O(postings of its terms),
 * not O(sentences).
 */

export interface Bm25Options {
  /** Term-frequency saturation. Sentences are short, so repeats matter little. */
  k1: number;
  /** Length normalisation, 0 (none) to 1 (full). */
  b: number;
}

export const DEFAULT_BM25: Bm25Options = { k1: 0.9, b: 0.4 };

export interface WeightedTerm {
  term: string;
  /** Multiplies the term's contribution (1 for the question's own words, less for expansions). */
  weight: number;
  /** Terms sharing a group are alternatives (a word and its synonyms): a sentence is credited once per group, for its best member. */
  group: number;
}

export class Bm25Index {
  readonly options: Bm25Options;
  private readonly postings = new Map<string, Array<[number, number]>>();
  private readonly lengths: number[] = [];
  private avgLength = 0;
  /** Per sentence, k1 · (1 − b + b · length / average length): BM25's denominator less the tf. */
  private norms = new Float64Array(0);
  /** Scratch space for `forEachGroupMatch`, sized to the corpus and reused (no allocation per query). */
  private best = new Float64Array(0);
  private bestWeight = new Float64Array(0);
  private stamp = new Int32Array(0);
  private round = 0;

  constructor(docs: ReadonlyArray<readonly string[]>, options: Partial<Bm25Options> = {}) {
    this.options = { ...DEFAULT_BM25, ...options };
    let total = 0;
    docs.forEach((terms, doc) => {
      this.lengths.push(terms.length);
      total += terms.length;
      const tf = new Map<string, number>();
      for (const t of terms) tf.set(t, (tf.get(t) ?? 0) + 1);
      for (const [t, f] of tf) {
        let list = this.postings.get(t);
        if (!list) this.postings.set(t, (list = []));
        list.push([doc, f]);
      }
    });
    this.avgLength = docs.length ? total / docs.length : 0;
    const { k1, b } = this.options;
    this.norms = Float64Array.from(this.lengths, (len) => k1 * (1 - b + (b * len) / (this.avgLength || 1)));
    this.best = new Float64Array(docs.length);
    this.bestWeight = new Float64Array(docs.length);
    this.stamp = new Int32Array(docs.length);
  }

  /**
   * Score the query group by group: for each group and each sentence holding any of its terms, `visit`
   * gets the group's score there (its best-scoring alternative's) and the weight of its best-weighted
   * matching alternative. Allocation-free apart from the list of sentences a group touches.
   */
  forEachGroupMatch(query: readonly WeightedTerm[], visit: (doc: number, group: number, score: number, weight: number) => void): void {
    const k1 = this.options.k1;
    const groups = new Map<number, WeightedTerm[]>();
    for (const q of query) {
      const list = groups.get(q.group);
      if (list) list.push(q);
      else groups.set(q.group, [q]);
    }
    for (const [group, terms] of groups) {
      const round = ++this.round;
      const touched: number[] = [];
      for (const q of terms) {
        const list = this.postings.get(q.term);
        if (!list) continue;
        const idf = this.idf(q.term);
        for (const [doc, tf] of list) {
          const s = (q.weight * idf * (tf * (k1 + 1))) / (tf + this.norms[doc]!);
          if (this.stamp[doc] !== round) {
            this.stamp[doc] = round;
            this.best[doc] = s;
            this.bestWeight[doc] = q.weight;
            touched.push(doc);
          } else {
            if (s > this.best[doc]!) this.best[doc] = s;
            if (q.weight > this.bestWeight[doc]!) this.bestWeight[doc] = q.weight;
          }
        }
      }
      for (const doc of touched) visit(doc, group, this.best[doc]!, this.bestWeight[doc]!);
    }
  }

  get size(): number {
    return this.lengths.length;
  }

  /** Number of sentences holding a term. */
  df(term: string): number {
    return this.postings.get(term)?.length ?? 0;
  }

  has(term: string): boolean {
    return this.postings.has(term);
  }

  /** BM25's idf, always positive; a term no sentence has gets the highest idf. */
  idf(term: string): number {
    const n = this.lengths.length;
    const df = this.df(term);
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }
}
