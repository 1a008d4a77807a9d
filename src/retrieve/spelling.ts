/**
 * Spelling correction against the corpus's own words: a question word the articles never use ("ceasfire",
 * "idilb") is matched to the corpus words within a small edit distance, found through shared character
 * n-grams so that a query does not scan the whole vocabulary.
 */
import { charNgrams } from '../nlp/ngrams.js';

/** Rows reused by every `editDistance` call (grown when a word is longer). */
let rows = [new Int32Array(64), new Int32Array(64), new Int32Array(64)];

/** Damerau-Levenshtein (optimal string alignment) distance when it is at most `max`; past that, some number above `max` (it stops early). */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (rows[0]!.length <= b.length) rows = [0, 1, 2].map(() => new Int32Array(2 * (b.length + 1)));
  let [prev2, prev, cur] = rows as [Int32Array, Int32Array, Int32Array];
  for (let j = 0; j <= b.length; j++) {
    prev[j] = j;
    prev2[j] = 0;
  }
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2]! + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    // Rotate: this row becomes the previous one, the previous one the one before.
    const spare = prev2;
    prev2 = prev;
    prev = cur;
    cur = spare;
  }
  return prev[b.length]!;
}

/** Words shorter than this are never corrected (too many near neighbours). */
export const MIN_CORRECTABLE = 4;

export class Speller {
  /**
   * Character trigram → the ids of the words that have it, ascending. Ids are given in order of word
   * length, so the words of one length are one stretch of ids: a word more than the allowed distance
   * longer or shorter can never be within it, and a look-up counts shared trigrams over the stretch of
   * lengths in reach only (found by binary search), not over the whole vocabulary.
   */
  private readonly grams = new Map<string, number[]>();
  private readonly words: Set<string>;
  private readonly byId: string[];
  /** `firstOfLength[n]`: the first id of a word at least n letters long. */
  private readonly firstOfLength: Int32Array;
  /** Shared-trigram counts by word id, reused (zeroed again after each look-up). */
  private readonly shared: Int32Array;

  /** `words`: the corpus's words, folded. */
  constructor(words: Iterable<string>) {
    this.words = new Set(words);
    this.byId = [...this.words].filter((w) => w.length >= MIN_CORRECTABLE - 1).sort((a, b) => a.length - b.length);
    const longest = this.byId.length ? this.byId[this.byId.length - 1]!.length : 0;
    this.firstOfLength = new Int32Array(longest + 2);
    for (let n = 0, id = 0; n < this.firstOfLength.length; n++) {
      while (id < this.byId.length && this.byId[id]!.length < n) id++;
      this.firstOfLength[n] = id;
    }
    this.byId.forEach((w, id) => {
      for (const g of new Set(charNgrams(w, 3))) {
        let list = this.grams.get(g);
        if (!list) this.grams.set(g, (list = []));
        list.push(id);
      }
    });
    this.shared = new Int32Array(this.byId.length);
  }

  /** The first id of a word at least `n` letters long (the vocabulary's size when there is none). */
  private firstOf(n: number): number {
    return this.firstOfLength[Math.max(0, Math.min(n, this.firstOfLength.length - 1))]!;
  }

  /** Corpus words within edit distance 1 (2 for long words) of `word`, closest first. */
  suggest(word: string): string[] {
    if (word.length < MIN_CORRECTABLE || this.words.has(word) || !/^[a-z]+$/.test(word)) return [];
    const max = word.length >= 7 ? 2 : 1;
    const { shared } = this;
    const from = this.firstOf(word.length - max);
    const to = this.firstOf(word.length + max + 1);
    const seen: number[] = [];
    for (const g of new Set(charNgrams(word, 3))) {
      const list = this.grams.get(g);
      if (!list) continue;
      for (let k = lowerBound(list, from); k < list.length && list[k]! < to; k++) {
        const id = list[k]!;
        if (shared[id]!++ === 0) seen.push(id);
      }
    }
    const found: Array<[string, number]> = [];
    const least = word.length <= 6 ? 1 : 2;
    for (const id of seen) {
      const enough = shared[id]! >= least;
      shared[id] = 0;
      if (!enough) continue;
      const w = this.byId[id]!;
      const d = editDistance(word, w, max);
      if (d <= max) found.push([w, d]);
    }
    found.sort((x, y) => x[1] - y[1] || alphabetical(x[0], y[0]));
    const best = found[0]?.[1];
    return found.filter(([, d]) => d === best).map(([w]) => w).slice(0, 3);
  }
}

/**
 * Alphabetical order, as `localeCompare` gives it. Plain letters a–z compare as their character codes do;
 * only other words need the collator, whose first use costs ~8 ms (ICU loads its tables), which would
 * otherwise fall on the first question with a misspelt word.
 */
function alphabetical(a: string, b: string): number {
  if (PLAIN.test(a) && PLAIN.test(b)) return a < b ? -1 : a > b ? 1 : 0;
  return a.localeCompare(b);
}
const PLAIN = /^[a-z]*$/;

/** The first index of an ascending list whose value is at least `x`. */
function lowerBound(list: readonly number[], x: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
