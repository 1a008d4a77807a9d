/**
 * From ranked sentences to quotes: one wire sentence printed by several outlets becomes one quote citing
 * all of them, and a fact several outlets confirm ranks a little above one only a single outlet gives.
 */
import type { Article, Sentence } from '../corpus/types.js';
import type { Quote, QuoteSource, Source } from './types.js';
import type { Candidate } from '../retrieve/retriever.js';
import { fold } from '../nlp/terms.js';
import { leansOnNext, leansOnPrevious } from '../retrieve/context.js';
import { descending } from '../nlp/order.js';

/** Two sentences are the same printed sentence when their character trigram Dice similarity is at least this. */
export const SAME_SENTENCE = 0.8;
/** Each further outlet printing a quote multiplies its score by (1 + this), up to three outlets. */
export const CORROBORATION_WEIGHT = 0.1;

/** A plain text's character as one of 37 symbols: space 0, a-z 1-26, 0-9 27-36. */
function symbolOf(c: number): number {
  return c === 32 ? 0 : c <= 57 ? c - 48 + 27 : c - 96;
}

/**
 * The distinct character trigrams of a plain text (a-z, 0-9 and single spaces only), each coded as one
 * number (37 symbols: 37³ codes), sorted: two texts' shared trigrams are then one merge, with no string
 * per trigram. A corpus compares tens of thousands of texts, and sets of 3-letter strings were most of it.
 */
function trigramsOfPlain(s: string): Int32Array {
  const n = s.length - 2;
  if (n <= 0) return new Int32Array(0);
  const out = new Int32Array(n);
  let a = 0;
  let b = symbolOf(s.charCodeAt(0));
  let c = symbolOf(s.charCodeAt(1));
  for (let i = 0; i < n; i++) {
    a = b;
    b = c;
    c = symbolOf(s.charCodeAt(i + 2));
    out[i] = (a * 37 + b) * 37 + c;
  }
  out.sort();
  let m = 0;
  for (let i = 0; i < n; i++) if (i === 0 || out[i] !== out[m - 1]) out[m++] = out[i]!;
  return out.subarray(0, m);
}

/** Dice coefficient of two sorted sets of numbers (see trigramsOfPlain). */
function diceOfSorted(a: Int32Array, b: Int32Array): number {
  if (a.length === 0 || b.length === 0) return 0;
  let shared = 0;
  for (let i = 0, j = 0; i < a.length && j < b.length; ) {
    if (a[i]! === b[j]!) {
      shared++;
      i++;
      j++;
    } else if (a[i]! < b[j]!) i++;
    else j++;
  }
  return (2 * shared) / (a.length + b.length);
}

/** Shingle hashes are cut to 30 bits, which V8 keeps unboxed in a Map. */
const SHINGLE_MASK = 0x3fffffff;

/** Consecutive words a sentence is fingerprinted by: two printings of one sentence share at least one run. */
const SHINGLE_WORDS = 4;

/**
 * Which sentences are the same printed sentence, computed once per corpus: `cluster[i]` is the smallest
 * index of a sentence from another article that sentence i is near-identical to (trigram Dice ≥
 * SAME_SENTENCE), or i itself. Candidate pairs are only those sharing a run of four words, so this is
 * linear in the corpus, not quadratic; the Dice check then decides.
 */
export function sameSentenceClusters(sentences: ReadonlyArray<Pick<Sentence, 'text' | 'articleId'>>): Int32Array {
  const finder = new SameSentenceFinder();
  return finder.clusters(sentences, finder.read(sentences));
}

/**
 * sameSentenceClusters in two steps, so that a load can do the first as each article arrives: `read`
 * fingerprints sentences' texts (an article's, say) and gives each its text's number; `clusters` then
 * pairs the sentences of the whole corpus, in its order, given those numbers. Everything depends on a
 * sentence's words only (folded, punctuation dropped): each distinct text is read, fingerprinted and
 * compared once, however many printings share it (wire copies, reposts). The clusters do not depend on
 * the order texts were read in.
 */
export class SameSentenceFinder {
  private readonly plainOf = new Map<string, number>();
  private readonly plain: string[] = [];
  private readonly textOf = new Map<string, number>();
  /** The shingles of each distinct plain text (see shinglesOf), text after text. */
  private shingles = new Int32Array(1 << 16);
  /** Where each text's shingles end: text t's are shingles[ends[t - 1] ?? 0 .. ends[t]). */
  private readonly ends: number[] = [];

  /** Each sentence's text's number here (a text new here is fingerprinted). */
  read(sentences: ReadonlyArray<Pick<Sentence, 'text'>>): Int32Array {
    return Int32Array.from(sentences, (s) => {
      const text = s.text;
      let id = this.textOf.get(text);
      if (id === undefined) {
        const p = fold(text).replace(/[^a-z0-9]+/g, ' ').trim();
        id = this.plainOf.get(p);
        if (id === undefined) {
          this.plainOf.set(p, (id = this.plain.length));
          this.plain.push(p);
          this.keep(shinglesOf(p));
        }
        this.textOf.set(text, id);
      }
      return id;
    });
  }

  /** Put a new text's shingles after the last text's. */
  private keep(hashes: readonly number[]): void {
    let at = this.ends[this.ends.length - 1] ?? 0;
    if (at + hashes.length > this.shingles.length) {
      const grown = new Int32Array(2 * Math.max(this.shingles.length, at + hashes.length));
      grown.set(this.shingles);
      this.shingles = grown;
    }
    for (const h of hashes) this.shingles[at++] = h;
    this.ends.push(at);
  }

  /** The clusters (see sameSentenceClusters) of a corpus's sentences, `pid[i]` sentence i's number from `read`. */
  clusters(sentences: ReadonlyArray<Pick<Sentence, 'articleId'>>, pid: Int32Array): Int32Array {
    const { plain } = this;
    if (pid.length !== sentences.length) throw new Error('SameSentenceFinder: one text number a sentence is needed');
    const parent = Int32Array.from(sentences, (_, i) => i);
    const find = (i: number): number => {
      while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
      return i;
    };
    const articleOf = new Int32Array(sentences.length);
    const articleIds = new Map<string, number>();
    sentences.forEach((s, i) => {
      articleOf[i] = articleIds.get(s.articleId) ?? articleIds.set(s.articleId, articleIds.size).get(s.articleId)!;
    });
    // Each shingle's sentences side by side: (shingle, sentence) pairs sorted by shingle. A corpus at 4×
    // copies holds millions of these, and a Map of lists was most of this step's time.
    const { keys, members } = this.byShingle(pid);
    const grams = new Map<number, Int32Array>();
    const gramsOf = (id: number) => grams.get(id) ?? grams.set(id, trigramsOfPlain(plain[id]!)).get(id)!;
    // The verdict for two texts, once: Dice over their trigrams; printed word for word the same (a wire
    // copy, often) is Dice 1 without building trigram sets.
    const verdicts = new Map<number, boolean>();
    const same = (x: number, y: number): boolean => {
      if (x === y) return plain[x]!.length >= 3;
      const key = Math.min(x, y) * plain.length + Math.max(x, y);
      let v = verdicts.get(key);
      if (v === undefined) verdicts.set(key, (v = diceOfSorted(gramsOf(x), gramsOf(y)) >= SAME_SENTENCE));
      return v;
    };
    for (let from = 0, to = 0; from < keys.length; from = to) {
      while (to < keys.length && keys[to] === keys[from]) to++;
      // One sentence alone pairs with nothing; a phrase dozens of sentences share is boilerplate, not a wire copy.
      if (to - from < 2 || to - from > 50) continue;
      for (let x = from; x < to; x++) {
        for (let y = x + 1; y < to; y++) {
          const a = members[x]!;
          const b = members[y]!;
          if (articleOf[a] === articleOf[b]) continue;
          const [ra, rb] = [find(a), find(b)];
          if (ra === rb) continue;
          if (same(pid[a]!, pid[b]!)) parent[Math.max(ra, rb)] = Math.min(ra, rb);
        }
      }
    }
    return Int32Array.from(sentences, (_, i) => find(i));
  }

  /**
   * Every (shingle, sentence) pair of the corpus, sorted by shingle and, within one, by sentence: a
   * radix sort on the shingles' two 15-bit halves, stable, in typed arrays.
   */
  private byShingle(pid: Int32Array): { keys: Int32Array; members: Int32Array } {
    const { shingles, ends } = this;
    let total = 0;
    for (let i = 0; i < pid.length; i++) total += ends[pid[i]!]! - (ends[pid[i]! - 1] ?? 0);
    let keys = new Int32Array(total);
    let members = new Int32Array(total);
    let at = 0;
    for (let i = 0; i < pid.length; i++) {
      for (let j = ends[pid[i]! - 1] ?? 0, end = ends[pid[i]!]!; j < end; j++, at++) {
        keys[at] = shingles[j]!;
        members[at] = i;
      }
    }
    let outKeys = new Int32Array(total);
    let outMembers = new Int32Array(total);
    const count = new Int32Array(1 << 15);
    for (const shift of [0, 15]) {
      count.fill(0);
      for (let k = 0; k < total; k++) count[(keys[k]! >>> shift) & 0x7fff]!++;
      for (let d = 0, sum = 0; d < count.length; d++) {
        const c = count[d]!;
        count[d] = sum;
        sum += c;
      }
      for (let k = 0; k < total; k++) {
        const to = count[(keys[k]! >>> shift) & 0x7fff]!++;
        outKeys[to] = keys[k]!;
        outMembers[to] = members[k]!;
      }
      [keys, outKeys] = [outKeys, keys];
      [members, outMembers] = [outMembers, members];
    }
    return { keys, members };
  }
}

/**
 * A plain text's shingles: each run of SHINGLE_WORDS words hashed to one small integer while the text is
 * scanned, not a string (a corpus has about as many distinct shingles as sentences have words, and a
 * string each made this the costliest part of finding copies). Two shingles sharing a hash only add a
 * pair for the Dice check to turn down.
 */
function shinglesOf(p: string): number[] {
  const words: number[] = [];
  for (let i = 0; i < p.length; ) {
    let h = 0x811c9dc5;
    for (; i < p.length && p.charCodeAt(i) !== 32; i++) h = Math.imul(h ^ p.charCodeAt(i), 0x01000193);
    words.push(h);
    i++;
  }
  const seen = new Set<number>();
  const n = Math.max(1, words.length - SHINGLE_WORDS + 1);
  for (let k = 0; k < n; k++) {
    let h = 0x811c9dc5;
    for (let j = k; j < Math.min(k + SHINGLE_WORDS, words.length); j++) h = Math.imul(h ^ words[j]!, 0x01000193);
    seen.add(h & SHINGLE_MASK); // small enough to be stored unboxed
  }
  return [...seen];
}

export function sourceOf(a: Article): Source {
  return { id: a.id, file: a.file, outlet: a.outlet, title: a.title, date: a.date, dateNote: a.dateNote, url: a.url };
}

/**
 * An article's citation with the quote's place in its file. Written out rather than spread from sourceOf:
 * V8 kept the spread's copies alive through several young-generation collections (~1 MB a collection at
 * BBC ×4, measured with --trace-gc-nvp), which made each pause longer; this literal dies with its answer.
 */
function quoteSourceOf(a: Article, start: number, end: number): QuoteSource {
  return { id: a.id, file: a.file, outlet: a.outlet, title: a.title, date: a.date, dateNote: a.dateNote, url: a.url, start, end };
}

export interface Group {
  candidates: Candidate[];
  score: number;
}

/**
 * Group candidates (best first) into quotes: candidates printing the same sentence (one cluster of
 * `sameSentenceClusters`) make one quote, at most one printing per article. Looks at the first `pool`
 * candidates only.
 */
export function groupCandidates(candidates: readonly Candidate[], cluster: Int32Array, pool = 60): Group[] {
  const groups: Array<Group & { articles: Set<string> }> = [];
  const byCluster = new Map<number, Group & { articles: Set<string> }>();
  for (const c of candidates.slice(0, pool)) {
    const id = cluster[c.sentence.index] ?? c.sentence.index;
    const home = byCluster.get(id);
    if (home && !home.articles.has(c.sentence.articleId)) {
      home.candidates.push(c);
      home.articles.add(c.sentence.articleId);
    } else if (!home) {
      const g = { candidates: [c], score: c.score, articles: new Set([c.sentence.articleId]) };
      groups.push(g);
      byCluster.set(id, g);
    }
  }
  for (const g of groups) {
    const outlets = Math.min(3, g.articles.size);
    g.score = g.candidates[0]!.score * (1 + CORROBORATION_WEIGHT * (outlets - 1));
  }
  groups.sort((a, b) => descending(a.score, b.score));
  return groups.map(({ candidates: cs, score }) => ({ candidates: cs, score }));
}

/**
 * Where a candidate's quote starts and ends in its article: the sentence itself, or, when it leans on the
 * sentence before ("He called the area…"), from that sentence on, or, when it opens a quotation whose
 * speaker the next sentence names, up to the end of that one — provided nothing but white space lies
 * between them in the file, so the quote stays one verbatim passage.
 */
export function spanOf(sentence: Sentence, article: Article): { start: number; end: number; withContext: boolean } {
  const prev = article.sentences[sentence.position - 1];
  const next = article.sentences[sentence.position + 1];
  const adjacent = (a: Sentence, b: Sentence) => article.raw.slice(a.end, b.start).trim() === '';
  // A quotation whose close names its speaker is shown to that close, not with what came before it.
  if (next && leansOnNext(sentence, next)) {
    return adjacent(sentence, next) ? { start: sentence.start, end: next.end, withContext: true } : { start: sentence.start, end: sentence.end, withContext: false };
  }
  if (prev && leansOnPrevious(sentence, prev) && adjacent(prev, sentence)) {
    return { start: prev.start, end: sentence.end, withContext: true };
  }
  return { start: sentence.start, end: sentence.end, withContext: false };
}

export function quoteOf(group: Group, articles: ReadonlyMap<string, Article>): Quote {
  const first = group.candidates[0]!;
  let text = first.sentence.text;
  let withContext = false;
  const sources: QuoteSource[] = group.candidates.map((c, i) => {
    const a = articles.get(c.sentence.articleId)!;
    const span = spanOf(c.sentence, a);
    if (i === 0) {
      text = a.raw.slice(span.start, span.end);
      withContext = span.withContext;
    }
    return quoteSourceOf(a, span.start, span.end);
  });
  const round = (x: number) => Math.round(x * 1000) / 1000;
  return {
    text,
    withContext,
    score: round(group.score),
    sources,
    parts: {
      match: round(first.match),
      coverage: round(first.coverage),
      salient: round(first.salient),
      topic: round(first.topic),
      questionType: round(first.questionType),
      introduction: round(first.introduction),
      corroboration: round(group.score / (first.score || 1) - 1),
    },
  };
}
