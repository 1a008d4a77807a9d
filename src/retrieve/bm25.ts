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

  /** `ids`, when given, is `docs.terms` as a map (term → its number), as postingsOfParts returns it. */
  constructor(docs: ReadonlyArray<readonly string[]> | Bm25Data, options: Partial<Bm25Options> = {}, ids?: Map<string, number>) {
    this.options = { ...DEFAULT_BM25, ...options };
    this.data = 'offsets' in docs ? docs : postingsOf(docs);
    const { terms, lengths } = this.data;
    this.ids = ids && ids.size === terms.length ? ids : new Map(terms.map((t, i) => [t, i]));
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

/**
 * Some documents' postings with the documents' own term numbers: what a part of a corpus (an article)
 * gives, to be merged with the others' by `postingsOfParts` without hashing each term occurrence again.
 */
export interface PostingsPart {
  /** The part's distinct terms, in order of first appearance. */
  terms: string[];
  /** Document i's (term, tf) pairs are `pairs[2·starts[i] .. 2·starts[i + 1])`: its distinct terms in order of first appearance, as indexes into `terms`, each with its count. */
  starts: Int32Array;
  pairs: Int32Array;
  /**
   * Per document, how many of its term occurrences are borrowed (terms it is given that it does not
   * print: a full name's first name where it prints the surname alone), left out of its length.
   */
  borrowed: Int32Array;
}

/** Builds a PostingsPart one document at a time. */
export class PostingsPartBuilder {
  private readonly vocab = new Map<string, number>();
  private readonly terms: string[] = [];
  private readonly starts: number[] = [0];
  private readonly pairs: number[] = [];
  /** Per local term, its count in the document being added (0 between documents). */
  private tf = new Int32Array(64);
  private readonly order: number[] = [];
  private readonly borrowed: number[] = [];
  private borrowing = 0;

  /** Add the next document, given as its terms (repeats counted). */
  add(doc: readonly string[]): void {
    for (const t of doc) this.term(t);
    this.end();
  }

  /** A term the document is given but does not print: indexed, left out of its length. */
  borrow(t: string): void {
    this.term(t);
    this.borrowing++;
  }

  /** One more term of the document being added. */
  term(t: string): void {
    let id = this.vocab.get(t);
    if (id === undefined) {
      this.vocab.set(t, (id = this.terms.length));
      this.terms.push(t);
      if (id >= this.tf.length) {
        const grown = new Int32Array(this.tf.length * 2);
        grown.set(this.tf);
        this.tf = grown;
      }
    }
    const seen = this.tf[id]!;
    if (seen === 0) this.order.push(id);
    this.tf[id] = seen + 1;
  }

  /** The document being added is complete: the next term starts the next document. */
  end(): void {
    const { order, tf, pairs } = this;
    for (const id of order) {
      pairs.push(id, tf[id]!);
      tf[id] = 0;
    }
    order.length = 0;
    this.starts.push(pairs.length / 2);
    this.borrowed.push(this.borrowing);
    this.borrowing = 0;
  }

  build(): PostingsPart {
    return { terms: this.terms, starts: Int32Array.from(this.starts), pairs: Int32Array.from(this.pairs), borrowed: Int32Array.from(this.borrowed) };
  }
}

/** The number of documents in a part. */
export function documentsIn(part: PostingsPart): number {
  return part.starts.length - 1;
}

/**
 * Numbers the terms of parts (articles) as they come, across all of them: so that a load can number each
 * article's terms as the article arrives, and lay the postings out after it with arithmetic alone
 * (postingsOfParts). It may have numbered parts that are not indexed in the end (an article dropped as
 * a duplicate, one read again after a worker failed): their terms alone are left out.
 */
export class TermDictionary {
  readonly ids = new Map<string, number>();
  readonly terms: string[] = [];

  /** The part's terms' numbers here, new terms numbered on. */
  number(part: PostingsPart): Int32Array {
    const { ids, terms } = this;
    const numbers = new Int32Array(part.terms.length);
    part.terms.forEach((t, i) => {
      let id = ids.get(t);
      if (id === undefined) ids.set(t, (id = terms.push(t) - 1));
      numbers[i] = id;
    });
    return numbers;
  }
}

/**
 * The postings of parts' documents, documents numbered in the parts' order; each term's postings run in
 * document order. `numbered` gives each part's term numbers in a dictionary that numbered at least these
 * parts (in any order); without it they are numbered here in the parts' order, which makes the very data
 * one pass over the documents makes. Also returns the index's term → number map: the dictionary's own
 * map when every term it numbered is indexed, so number nothing more with that dictionary afterwards.
 */
export function postingsOfParts(
  parts: readonly PostingsPart[],
  numbered?: { dictionary: TermDictionary; numbers: readonly Int32Array[] },
): { data: Bm25Data; ids: Map<string, number> } {
  const dictionary = numbered?.dictionary ?? new TermDictionary();
  const numbers = numbered?.numbers ?? parts.map((part) => dictionary.number(part));
  if (numbers.length !== parts.length) throw new Error('postingsOfParts: one set of term numbers a part');
  const size = dictionary.terms.length;
  // Each term's postings, counted.
  const counts = new Int32Array(size);
  let n = 0;
  parts.forEach((part, k) => {
    const map = numbers[k]!;
    for (let p = 0; p < part.pairs.length; p += 2) {
      const id = map[part.pairs[p]!]!;
      counts[id] = counts[id]! + 1;
    }
    n += documentsIn(part);
  });
  // A term only parts left out had is no term of the index: the others are numbered again, in order.
  let renumber: Int32Array | null = null;
  let terms = dictionary.terms;
  if (counts.includes(0)) {
    renumber = new Int32Array(size);
    terms = [];
    for (let id = 0; id < size; id++) {
      renumber[id] = counts[id]! > 0 ? terms.push(dictionary.terms[id]!) - 1 : -1;
      if (counts[id]! > 0) counts[renumber[id]!] = counts[id]!;
    }
  } else {
    terms = terms.slice();
  }
  const offsets = new Int32Array(terms.length + 1);
  for (let id = 0; id < terms.length; id++) offsets[id + 1] = offsets[id]! + counts[id]!;
  const count = offsets[terms.length]!;
  const docs = new Int32Array(count);
  const tfs = new Uint16Array(count);
  const lengths = new Int32Array(n);
  const cursor = offsets.slice(0, terms.length);
  let doc = 0;
  parts.forEach((part, k) => {
    const map = numbers[k]!;
    const { starts, pairs, borrowed } = part;
    for (let i = 0; i + 1 < starts.length; i++, doc++) {
      let length = 0;
      for (let p = 2 * starts[i]!, end = 2 * starts[i + 1]!; p < end; p += 2) {
        const id = renumber ? renumber[map[pairs[p]!]!]! : map[pairs[p]!]!;
        const tf = pairs[p + 1]!;
        const at = cursor[id]!;
        cursor[id] = at + 1;
        docs[at] = doc;
        tfs[at] = Math.min(65535, tf);
        length += tf;
      }
      lengths[doc] = length - borrowed[i]!;
    }
  });
  const ids = renumber ? new Map(terms.map((t, i) => [t, i])) : dictionary.ids;
  return { data: { terms, offsets, docs, tfs, lengths }, ids };
}

/** The postings of documents given as lists of terms. */
function postingsOf(docs: ReadonlyArray<readonly string[]>): Bm25Data {
  const part = new PostingsPartBuilder();
  for (const doc of docs) part.add(doc);
  return postingsOfParts([part.build()]).data;
}
