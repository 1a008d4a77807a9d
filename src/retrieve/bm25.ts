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

/** An index's own data, what the index cache saves: the postings as flat arrays, and each sentence's length. */
export interface Bm25Data {
  /** The terms, by id. */
  terms: string[];
  /** Term id t's postings are `docs`/`tfs` from `offsets[t]` to `offsets[t + 1]`, in sentence order. */
  offsets: Int32Array;
  docs: Int32Array;
  /** Term frequency in the sentence (capped at 65,535, where BM25 has long saturated). */
  tfs: Uint16Array;
  /** Each sentence's length in terms. */
  lengths: Int32Array;
}

export class Bm25Index {
  readonly options: Bm25Options;
  /** Term → its id in `offsets`. */
  private readonly ids: Map<string, number>;
  private readonly data: Bm25Data;
  private avgLength = 0;
  /** Per sentence, k1 · (1 − b + b · length / average length): BM25's denominator less the tf. */
  private norms = new Float64Array(0);
  /** Scratch space for `forEachGroupMatch`, sized to the corpus and reused (no allocation per query). */
  private best = new Float64Array(0);
  private bestWeight = new Float64Array(0);
  private stamp = new Int32Array(0);
  private round = 0;

  constructor(docs: ReadonlyArray<readonly string[]> | Bm25Data, options: Partial<Bm25Options> = {}) {
    this.options = { ...DEFAULT_BM25, ...options };
    this.data = 'offsets' in docs ? docs : postingsOf(docs);
    const { terms, lengths } = this.data;
    this.ids = new Map(terms.map((t, i) => [t, i]));
    let total = 0;
    for (const len of lengths) total += len;
    this.avgLength = lengths.length ? total / lengths.length : 0;
    const { k1, b } = this.options;
    this.norms = Float64Array.from(lengths, (len) => k1 * (1 - b + (b * len) / (this.avgLength || 1)));
    this.best = new Float64Array(lengths.length);
    this.bestWeight = new Float64Array(lengths.length);
    this.stamp = new Int32Array(lengths.length);
  }

  /** The index's data (see Bm25Data), e.g. to save it; `new Bm25Index(data, options)` makes the index again. */
  toData(): Bm25Data {
    return this.data;
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
      const { offsets, docs, tfs } = this.data;
      for (const q of terms) {
        const id = this.ids.get(q.term);
        if (id === undefined) continue;
        const idf = this.idf(q.term);
        for (let p = offsets[id]!, end = offsets[id + 1]!; p < end; p++) {
          const doc = docs[p]!;
          const tf = tfs[p]!;
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
    return this.data.lengths.length;
  }

  /** Number of sentences holding a term. */
  df(term: string): number {
    const id = this.ids.get(term);
    return id === undefined ? 0 : this.data.offsets[id + 1]! - this.data.offsets[id]!;
  }

  has(term: string): boolean {
    return this.ids.has(term);
  }

  /** BM25's idf, always positive; a term no sentence has gets the highest idf. */
  idf(term: string): number {
    const n = this.data.lengths.length;
    const df = this.df(term);
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }
}

/** The postings of documents given as lists of terms. */
function postingsOf(docs: ReadonlyArray<readonly string[]>): Bm25Data {
  const ids = new Map<string, number>();
  const terms: string[] = [];
  // First pass: each term's (doc, tf) pairs, flat.
  const lists: number[][] = [];
  const lengths = new Int32Array(docs.length);
  let count = 0;
  const tf = new Map<string, number>();
  docs.forEach((doc, d) => {
    lengths[d] = doc.length;
    tf.clear();
    for (const t of doc) tf.set(t, (tf.get(t) ?? 0) + 1);
    for (const [t, f] of tf) {
      let id = ids.get(t);
      if (id === undefined) {
        ids.set(t, (id = terms.length));
        terms.push(t);
        lists.push([]);
      }
      lists[id]!.push(d, f);
      count++;
    }
  });
  const offsets = new Int32Array(terms.length + 1);
  const out = new Int32Array(count);
  const tfs = new Uint16Array(count);
  let p = 0;
  lists.forEach((list, id) => {
    offsets[id] = p;
    for (let i = 0; i < list.length; i += 2) {
      out[p] = list[i]!;
      tfs[p++] = Math.min(65535, list[i + 1]!);
    }
  });
  offsets[terms.length] = p;
  return { terms, offsets, docs: out, tfs, lengths };
}
