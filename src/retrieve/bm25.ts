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

/** How `groupSums` weighs a question's own groups (see there). */
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

/**
 * Where `groupSums` leaves the i-th asked sentence's sums in the array it returns: `own` at SUMS_ROW·i +
 * OWN_SUM, `covered` at … + COVERED_SUM, `salient` at … + SALIENT_SUM, `covered` with its neighbours at
 * … + CONTEXT_SUM.
 */
export const SUMS_ROW = 6;
/** The group being walked: its best score there so far (-1: none yet), and the weight of its best-weighted matching term. */
const BEST_SUM = 0;
const WEIGHT_SUM = 1;
export const OWN_SUM = 2;
export const COVERED_SUM = 3;
export const SALIENT_SUM = 4;
export const CONTEXT_SUM = 5;

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
  /** Scratch for `groupSums`: a sentence's slot + 1 among those asked about (0: not asked), and their sums. */
  private chosen = new Int32Array(0);
  private sumScratch = new Float64Array(0);
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
    this.chosen = new Int32Array(n);
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
    const k1p1 = this.options.k1 + 1;
    for (let i = 0; i < this.count; i++) matched[touched[i]!] = 0;
    let count = 0;
    for (const terms of groupsOf(query).values()) {
      let inGroupCount = 0;
      for (const q of terms) {
        const id = this.ids.get(q.term);
        if (id === undefined) continue;
        const scale = q.weight * this.idf(q.term);
        for (let p = offsets[id]!, end = offsets[id + 1]!; p < end; p++) {
          const doc = docs[p]!;
          const tf = tfs[p]!;
          const s = termScore(scale, tf, k1p1, normBest[2 * doc]!);
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
   * own groups' postings once more, but looks only at these sentences. With `around` (per sentence i, the
   * indexes in `docs` of up to two neighbours at 2i and 2i + 1, -1 for none), `context` is `covered` with
   * each group credited at the best weight the sentence or a neighbour matches it with. The sums are read
   * from the array returned (scratch space, valid until the next call) as SUMS_ROW describes.
   */
  groupSums(query: readonly WeightedTerm[], sums: GroupSums, docs: readonly number[], around?: Int32Array): Float64Array {
    // Per asked sentence i: its slot + 1 in `chosen` (0: not asked), and its row of `scratch` (SUMS_ROW).
    const chosen = this.chosen;
    if (this.sumScratch.length < SUMS_ROW * docs.length) this.sumScratch = new Float64Array(SUMS_ROW * docs.length);
    const scratch = this.sumScratch.fill(0, 0, SUMS_ROW * docs.length);
    docs.forEach((d, i) => (chosen[d] = i + 1));
    const { offsets, docs: postings, tfs } = this.data;
    const { normBest } = this;
    const k1p1 = this.options.k1 + 1;
    groupsOf(query).forEach((terms, group) => {
      if (group >= sums.ownGroups) return;
      for (let i = 0; i < docs.length; i++) scratch[SUMS_ROW * i + BEST_SUM] = -1;
      for (const q of terms) {
        const id = this.ids.get(q.term);
        if (id === undefined) continue;
        const scale = q.weight * this.idf(q.term);
        for (let p = offsets[id]!, end = offsets[id + 1]!; p < end; p++) {
          const doc = postings[p]!;
          const slot = chosen[doc]!;
          if (slot === 0) continue; // most postings are of other sentences
          const r = SUMS_ROW * (slot - 1);
          const tf = tfs[p]!;
          const s = termScore(scale, tf, k1p1, normBest[2 * doc]!);
          if (scratch[r + BEST_SUM]! < 0) {
            scratch[r + BEST_SUM] = s;
            scratch[r + WEIGHT_SUM] = q.weight;
          } else {
            if (s > scratch[r + BEST_SUM]!) scratch[r + BEST_SUM] = s;
            if (q.weight > scratch[r + WEIGHT_SUM]!) scratch[r + WEIGHT_SUM] = q.weight;
          }
        }
      }
      const c = sums.credit[group]!;
      const salient = sums.salient[group] === 1;
      for (let i = 0; i < docs.length; i++) {
        const r = SUMS_ROW * i;
        if (around && 2 * i + 1 < around.length) {
          let weight = scratch[r + BEST_SUM]! < 0 ? 0 : scratch[r + WEIGHT_SUM]!;
          for (let k = 2 * i; k <= 2 * i + 1; k++) {
            const j = around[k]!;
            if (j >= 0 && scratch[SUMS_ROW * j + BEST_SUM]! >= 0) weight = Math.max(weight, scratch[SUMS_ROW * j + WEIGHT_SUM]!);
          }
          scratch[r + CONTEXT_SUM] = scratch[r + CONTEXT_SUM]! + c * weight;
        }
        if (scratch[r + BEST_SUM]! < 0) continue;
        scratch[r + OWN_SUM] = scratch[r + OWN_SUM]! + scratch[r + BEST_SUM]!;
        scratch[r + COVERED_SUM] = scratch[r + COVERED_SUM]! + c * scratch[r + WEIGHT_SUM]!;
        if (salient) scratch[r + SALIENT_SUM] = scratch[r + SALIENT_SUM]! + c * scratch[r + WEIGHT_SUM]!;
      }
    });
    for (const d of docs) chosen[d] = 0;
    return scratch;
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

/**
 * A term's BM25 at one sentence: scale (the term's weight × idf) · tf·(k1+1) / (tf + the sentence's norm).
 * `scores` and `groupSums` both use it, so the sums they make are the same numbers, bit for bit.
 */
function termScore(scale: number, tf: number, k1p1: number, norm: number): number {
  return (scale * (tf * k1p1)) / (tf + norm);
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
