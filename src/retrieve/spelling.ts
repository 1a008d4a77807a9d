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
   * Word length → character trigram → the ids of the words of that length that have it. Words more
   * than the allowed distance longer or shorter can never be within it, so a look-up counts shared
   * trigrams over a few lengths only, not the whole vocabulary.
   */
  private readonly grams = new Map<number, Map<string, number[]>>();
  private readonly words: Set<string>;
  private readonly byId: string[] = [];
  /** Shared-trigram counts by word id, reused (zeroed again after each look-up). */
  private shared = new Int32Array(0);

  /** `words`: the corpus's words, folded. */
  constructor(words: Iterable<string>) {
    this.words = new Set(words);
    for (const w of this.words) {
      if (w.length < MIN_CORRECTABLE - 1) continue;
      const id = this.byId.push(w) - 1;
      let grams = this.grams.get(w.length);
      if (!grams) this.grams.set(w.length, (grams = new Map()));
      for (const g of new Set(charNgrams(w, 3))) {
        let list = grams.get(g);
        if (!list) grams.set(g, (list = []));
        list.push(id);
      }
    }
    this.shared = new Int32Array(this.byId.length);
  }

  /** Corpus words within edit distance 1 (2 for long words) of `word`, closest first. */
  suggest(word: string): string[] {
    if (word.length < MIN_CORRECTABLE || this.words.has(word) || !/^[a-z]+$/.test(word)) return [];
    const max = word.length >= 7 ? 2 : 1;
    const { shared } = this;
    const seen: number[] = [];
    const grams = new Set(charNgrams(word, 3));
    for (let length = word.length - max; length <= word.length + max; length++) {
      const byGram = this.grams.get(length);
      if (!byGram) continue;
      for (const g of grams) {
        for (const id of byGram.get(g) ?? []) if (shared[id]!++ === 0) seen.push(id);
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
    found.sort((x, y) => x[1] - y[1] || x[0].localeCompare(y[0]));
    const best = found[0]?.[1];
    return found.filter(([, d]) => d === best).map(([w]) => w).slice(0, 3);
  }
}
