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

/** Visit a plain text's trigram codes in order; stops, returning false, when `visit` returns false. */
function codes(s: string, visit: (code: number) => boolean | void): boolean {
  let a = symbolOf(s.charCodeAt(0));
  let b = symbolOf(s.charCodeAt(1));
  for (let i = 2; i < s.length; i++) {
    const c = symbolOf(s.charCodeAt(i));
    if (visit((a * 37 + b) * 37 + c) === false) return false;
    a = b;
    b = c;
  }
  return true;
}

/** How many character trigrams there are over those 37 symbols. */
const TRIGRAM_CODES = 37 * 37 * 37;

/**
 * Dice coefficients of plain texts' sets of distinct character trigrams (a-z, 0-9 and single spaces
 * only; a text under three characters has none). Each trigram is coded as one number and marked in a
 * table reused from text to text (a new stamp each time; cleared only when the stamps run out), so a
 * text costs one pass over its characters: no string, set or sorted array per text. A corpus checks
 * tens of thousands of pairs, and building each text's sorted trigrams was most of the search for copies.
 */
export class TrigramDice {
  /** Trigram code → the stamp of the last text marked in it. */
  private readonly marks = new Int32Array(TRIGRAM_CODES);
  /** The same, for the second text of a pair (so that the first's marks outlive it). */
  private readonly second = new Int32Array(TRIGRAM_CODES);
  private stamp = 0;
  /** The text marked in `marks` last, and its stamp. */
  private marked: string | null = null;
  private markedAs = 0;

  /** The Dice coefficient of two texts (0 when either has no trigram). */
  of(x: string, y: string): number {
    this.room();
    const nx = this.count(x);
    const ny = this.count(y);
    if (nx === 0 || ny === 0) return 0;
    this.mark(x);
    return (2 * this.shared(y, this.markedAs, ny)) / (nx + ny);
  }

  /**
   * Whether of(x, y) >= bar, given each text's count of distinct trigrams (`count`): the same answer,
   * sooner. Texts whose counts are too far apart are turned down unread, and a pair is turned down as
   * soon as too many of y's trigrams are missing from x. x stays marked from one call to the next, so
   * checking one text against several costs one pass over it.
   */
  reaches(x: string, nx: number, y: string, ny: number, bar: number): boolean {
    if (nx === 0 || ny === 0) return 0 >= bar;
    this.room();
    // The fewest shared trigrams that could reach the bar, less one against rounding: it only decides
    // when to stop reading, and the answer is the measure's own comparison.
    const need = Math.max(0, Math.ceil((bar * (nx + ny)) / 2) - 1);
    if (need > Math.min(nx, ny)) return false;
    if (this.marked !== x) this.mark(x);
    return (2 * this.shared(y, this.markedAs, ny - need)) / (nx + ny) >= bar;
  }

  /** How many distinct trigrams a text has. */
  count(s: string): number {
    this.room();
    const stamp = this.next();
    const { second } = this;
    let n = 0;
    codes(s, (t) => {
      if (second[t] !== stamp) {
        second[t] = stamp;
        n++;
      }
    });
    return n;
  }

  /** Mark x's trigrams in `marks`. */
  private mark(x: string): void {
    const stamp = this.next();
    const { marks } = this;
    codes(x, (t) => {
      marks[t] = stamp;
    });
    this.marked = x;
    this.markedAs = stamp;
  }

  /**
   * How many of y's distinct trigrams are marked `inX`; 0 as soon as more than `misses` of them are not
   * (the pair cannot reach its bar then).
   */
  private shared(y: string, inX: number, misses: number): number {
    const stamp = this.next();
    const { marks, second } = this;
    let shared = 0;
    let missed = 0;
    const whole = codes(y, (t) => {
      if (second[t] === stamp) return true;
      second[t] = stamp;
      if (marks[t] === inX) shared++;
      else if (++missed > misses) return false;
      return true;
    });
    return whole ? shared : 0;
  }

  /** A new stamp. */
  private next(): number {
    return ++this.stamp;
  }

  /**
   * Room for the stamps one public call takes (a few): when the stamps run out, both tables are cleared
   * first, never between a text's marks and their use.
   */
  private room(): void {
    if (this.stamp < 0x7fffff00) return;
    this.marks.fill(0);
    this.second.fill(0);
    this.stamp = 0;
    this.marked = null;
  }
}

/**
 * Shingle hashes are cut to 30 bits: small integers, which V8 keeps unboxed in a Set, and exactly the two
 * 15-bit halves byShingle's radix sort reads (a wider hash would be sorted by its low 30 bits only).
 */
const SHINGLE_MASK = 0x3fffffff;

/** Consecutive words a sentence is fingerprinted by: two printings of one sentence share at least one run. */
const SHINGLE_WORDS = 4;

/** A shingle more sentences than this hold is boilerplate ("said in a statement on"), not a sign of a copy. */
const MAX_SHARERS = 50;

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

  /**
   * The clusters (see sameSentenceClusters) of a corpus's sentences, `pid[i]` sentence i's number from `read`.
   *
   * Two sentences are joined when they are in different articles, their texts share a shingle that at
   * most MAX_SHARERS sentences hold, and the texts are the same (Dice ≥ SAME_SENTENCE; one text, the
   * same if it has three characters). That is worked out between texts, not sentences: a corpus that
   * reprints its articles has each text several times, and pairing every printing was most of this
   * step's time. Over one text's printings, and over two texts found the same, the sentences joined make
   * one cluster, except the printings of texts all in one article (no pair there is in two articles):
   * - one text printed in two articles or more: every printing is joined to one in another article;
   * - two texts found the same, one in two articles or more: each printing of the other is joined to a
   *   printing of this one outside its own article, and so to all of them;
   * - two texts each printed in one article only, two different articles: every pair is joined.
   * So each text whose printings are joined is marked, texts found the same are merged, and a marked
   * text's sentences take the first sentence of their merged texts; the others stay alone.
   */
  clusters(sentences: ReadonlyArray<Pick<Sentence, 'articleId'>>, pid: Int32Array): Int32Array {
    const { plain } = this;
    if (pid.length !== sentences.length) throw new Error('SameSentenceFinder: one text number a sentence is needed');
    const texts = plain.length;
    // Per text: its printings in this corpus, the article of its first, and whether another article prints it.
    const printings = new Int32Array(texts);
    const article = new Int32Array(texts).fill(-1);
    const inSeveral = new Uint8Array(texts);
    const articleIds = new Map<string, number>();
    for (let i = 0; i < sentences.length; i++) {
      const id = sentences[i]!.articleId;
      let art = articleIds.get(id);
      if (art === undefined) articleIds.set(id, (art = articleIds.size));
      const t = pid[i]!;
      printings[t]!++;
      if (article[t] === -1) article[t] = art;
      else if (article[t] !== art) inSeveral[t] = 1;
    }
    const parent = Int32Array.from({ length: texts }, (_, i) => i);
    const find = (i: number): number => {
      while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
      return i;
    };
    const joined = new Uint8Array(texts);
    const dice = new TrigramDice();
    // Each text's count of distinct trigrams, when first needed (-1 until then).
    const grams = new Int32Array(texts).fill(-1);
    const gramsOf = (t: number) => (grams[t]! >= 0 ? grams[t]! : (grams[t] = dice.count(plain[t]!)));
    // Each shingle's texts side by side: (shingle, text) pairs sorted by shingle.
    const { keys, members } = this.byShingle(printings);
    for (let from = 0, to = 0; from < keys.length; from = to) {
      let sharers = 0;
      while (to < keys.length && keys[to] === keys[from]) sharers += printings[members[to++]!]!;
      // One sentence alone pairs with nothing; a phrase dozens of sentences share is boilerplate, not a wire copy.
      if (sharers < 2 || sharers > MAX_SHARERS) continue;
      for (let x = from; x < to; x++) {
        const a = members[x]!;
        if (inSeveral[a] && plain[a]!.length >= 3) joined[a] = 1;
        for (let y = x + 1; y < to; y++) {
          const b = members[y]!;
          // Two texts each printed in one article, the same one: no pair of their sentences is in two articles.
          if (!inSeveral[a] && !inSeveral[b] && article[a] === article[b]) continue;
          const [ra, rb] = [find(a), find(b)];
          if (ra === rb) continue;
          if (dice.reaches(plain[a]!, gramsOf(a), plain[b]!, gramsOf(b), SAME_SENTENCE)) {
            parent[Math.max(ra, rb)] = Math.min(ra, rb);
            joined[a] = joined[b] = 1;
          }
        }
      }
    }
    // A marked text's sentences take the first sentence of its merged texts.
    const first = new Int32Array(texts).fill(-1);
    const out = new Int32Array(sentences.length);
    for (let i = 0; i < sentences.length; i++) {
      const t = pid[i]!;
      if (!joined[t]) {
        out[i] = i;
        continue;
      }
      const r = find(t);
      if (first[r] === -1) first[r] = i;
      out[i] = first[r]!;
    }
    return out;
  }

  /**
   * Every (shingle, text) pair of the texts this corpus prints (`printings[t] > 0`), sorted by shingle
   * and, within one, by text: a radix sort on the shingles' two 15-bit halves, stable, in typed arrays.
   */
  private byShingle(printings: Int32Array): { keys: Int32Array; members: Int32Array } {
    const { shingles, ends } = this;
    let total = 0;
    for (let t = 0; t < printings.length; t++) if (printings[t]! > 0) total += ends[t]! - (ends[t - 1] ?? 0);
    let keys = new Int32Array(total);
    let members = new Int32Array(total);
    let at = 0;
    for (let t = 0; t < printings.length; t++) {
      if (printings[t] === 0) continue;
      for (let j = ends[t - 1] ?? 0, end = ends[t]!; j < end; j++, at++) {
        keys[at] = shingles[j]!;
        members[at] = t;
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
