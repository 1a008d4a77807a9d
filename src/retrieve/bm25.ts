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

/** How `accumulate` weighs a query's groups (see there). */
export interface GroupSums {
  /** Groups numbered below this are the question's own words (and their stand-ins); the rest only rank. */
  ownGroups: number;
  /** Per own group, what a sentence matching it adds to `covered` (times the matching term's weight). */
  credit: Float64Array;
  /** Per own group, 1 when it also adds to `salient`. */
  salient: Uint8Array;
}

/** What `scores` found, valid until the next query. */
export interface Matches {
  /** `touched[0..count)`: the sentences matching any term, in the order first matched. */
  touched: Int32Array;
  count: number;
  /** Sentence d's BM25 sum over the query's groups, for d matched (see `matched`). */
  score: Float64Array;
  /** 1 for the sentences matched, 0 for the rest. */
  matched: Uint8Array;
}

/** A sentence's own-group sums (see `groupSums`). */
export interface OwnSums {
  own: number;
  covered: number;
  salient: number;
}

export class Bm25Index {
  readonly options: Bm25Options;
  /** Term → its id in `offsets`. */
  private readonly ids: Map<string, number>;
  private readonly data: Bm25Data;
  private avgLength = 0;
  /**
   * Per sentence, two numbers side by side: its BM25 denominator less the tf, k1 · (1 − b + b · length /
   * average length), and the best score of the group being walked (-1: none yet). A posting lands on a
   * random sentence, so what it reads and writes shares one cache line; the sums live apart (below).
   */
  private normBest = new Float64Array(0);
  /** Scratch for `scores`, reused by every query (see Matches). */
  private score = new Float64Array(0);
  private matched = new Uint8Array(0);
  /** Scratch for `groupSums`: 1 for the sentences asked about. */
  private chosen = new Uint8Array(0);
  private touched = new Int32Array(0);
  private count = 0;
  private inGroup = new Int32Array(0);

  constructor(docs: ReadonlyArray<readonly string[]> | Bm25Data, options: Partial<Bm25Options> = {}) {
    this.options = { ...DEFAULT_BM25, ...options };
    this.data = 'offsets' in docs ? docs : postingsOf(docs);
    const { terms, lengths } = this.data;
    this.ids = new Map(terms.map((t, i) => [t, i]));
    let total = 0;
    for (const len of lengths) total += len;
    this.avgLength = lengths.length ? total / lengths.length : 0;
    const { k1, b } = this.options;
    const n = lengths.length;
    this.normBest = new Float64Array(2 * n).fill(-1);
    lengths.forEach((len, doc) => (this.normBest[2 * doc] = k1 * (1 - b + (b * len) / (this.avgLength || 1))));
    this.score = new Float64Array(n);
    this.matched = new Uint8Array(n);
    this.chosen = new Uint8Array(n);
    this.touched = new Int32Array(n);
    this.inGroup = new Int32Array(n);
  }

  /** The index's data (see Bm25Data), e.g. to save it; `new Bm25Index(data, options)` makes the index again. */
  toData(): Bm25Data {
    return this.data;
  }

  /**
   * Every sentence's BM25 score for a query: the sum over the query's groups (in the order the query
   * first names them) of the group's score there, its best-scoring term's. One pass over the postings;
   * the sentences matched and their scores are scratch space, valid until the next call.
   */
  scores(query: readonly WeightedTerm[]): Matches {
    const { offsets, docs, tfs } = this.data;
    const { normBest, score, matched, touched, inGroup } = this;
    for (let i = 0; i < this.count; i++) matched[touched[i]!] = 0;
    let count = 0;
    for (const terms of groupsOf(query).values()) {
      let inGroupCount = 0;
      for (const q of terms) {
        const id = this.ids.get(q.term);
        if (id === undefined) continue;
        const part = this.termPart(q);
        for (let p = offsets[id]!, end = offsets[id + 1]!; p < end; p++) {
          const doc = docs[p]!;
          const tf = tfs[p]!;
          const s = (part.scale * (tf * part.k1p1)) / (tf + normBest[2 * doc]!);
          const best = normBest[2 * doc + 1]!;
          if (best < 0) {
            normBest[2 * doc + 1] = s;
            inGroup[inGroupCount++] = doc;
          } else if (s > best) normBest[2 * doc + 1] = s;
        }
      }
      for (let i = 0; i < inGroupCount; i++) {
        const doc = inGroup[i]!;
        if (matched[doc] === 0) {
          matched[doc] = 1;
          score[doc] = 0;
          touched[count++] = doc;
        }
        score[doc] = score[doc]! + normBest[2 * doc + 1]!;
        normBest[2 * doc + 1] = -1;
      }
    }
    this.count = count;
    return { touched, count, score, matched };
  }

  /**
   * For a few sentences (say the best of `scores`), what the question's own groups earn there, summed in
   * the same order: `own`, their BM25; `covered`, each matching group's `sums.credit` times the weight of
   * its best-weighted matching term; `salient`, the same over the groups `sums.salient` marks. Walks the
   * own groups' postings once more, but looks only at these sentences.
   */
  groupSums(query: readonly WeightedTerm[], sums: GroupSums, docs: readonly number[]): OwnSums[] {
    const slot = new Map<number, number>(docs.map((d, i) => [d, i]));
    const chosen = this.chosen;
    for (const d of docs) chosen[d] = 1;
    const out: OwnSums[] = docs.map(() => ({ own: 0, covered: 0, salient: 0 }));
    const best = new Float64Array(docs.length);
    const bestWeight = new Float64Array(docs.length);
    const { offsets, docs: postings, tfs } = this.data;
    const { normBest } = this;
    for (const [group, terms] of groupsOf(query)) {
      if (group >= sums.ownGroups) continue;
      best.fill(-1);
      for (const q of terms) {
        const id = this.ids.get(q.term);
        if (id === undefined) continue;
        const part = this.termPart(q);
        for (let p = offsets[id]!, end = offsets[id + 1]!; p < end; p++) {
          const doc = postings[p]!;
          if (chosen[doc] === 0) continue; // cheap test first: most postings are of other sentences
          const i = slot.get(doc)!;
          const tf = tfs[p]!;
          const s = (part.scale * (tf * part.k1p1)) / (tf + normBest[2 * doc]!);
          if (best[i]! < 0) {
            best[i] = s;
            bestWeight[i] = q.weight;
          } else {
            if (s > best[i]!) best[i] = s;
            if (q.weight > bestWeight[i]!) bestWeight[i] = q.weight;
          }
        }
      }
      const c = sums.credit[group]!;
      out.forEach((o, i) => {
        if (best[i]! < 0) return;
        o.own += best[i]!;
        o.covered += c * bestWeight[i]!;
        if (sums.salient[group] === 1) o.salient += c * bestWeight[i]!;
      });
    }
    for (const d of docs) chosen[d] = 0;
    return out;
  }

  /** A query term's factors: its score at tf is scale · (tf·(k1+1)) / (tf + norm), scale being weight × idf. */
  private termPart(q: WeightedTerm): { scale: number; k1p1: number } {
    return { scale: q.weight * this.idf(q.term), k1p1: this.options.k1 + 1 };
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

/** A query's terms by group, groups in the order they first appear. */
function groupsOf(query: readonly WeightedTerm[]): Map<number, WeightedTerm[]> {
  const groups = new Map<number, WeightedTerm[]>();
  for (const q of query) {
    const list = groups.get(q.group);
    if (list) list.push(q);
    else groups.set(q.group, [q]);
  }
  return groups;
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
