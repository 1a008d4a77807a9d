/**
 * Spelling correction against the corpus's own words: a question word the articles never use ("ceasfire",
 * "idilb") is matched to the corpus words within a small edit distance, found through shared character
 * n-grams so that a query does not scan the whole vocabulary.
 */
import { charNgrams } from '../nlp/ngrams.js';

/** Damerau-Levenshtein (optimal string alignment) distance, stopping early past `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const prev2 = new Array<number>(b.length + 1).fill(0);
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = new Array<number>(b.length + 1).fill(0);
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
    for (let j = 0; j <= b.length; j++) prev2[j] = prev[j]!;
    prev = cur;
  }
  return prev[b.length]!;
}

/** Words shorter than this are never corrected (too many near neighbours). */
export const MIN_CORRECTABLE = 4;

export class Speller {
  private readonly grams = new Map<string, string[]>();
  private readonly words: Set<string>;

  /** `words`: the corpus's words, folded. */
  constructor(words: Iterable<string>) {
    this.words = new Set(words);
    for (const w of this.words) {
      if (w.length < MIN_CORRECTABLE - 1) continue;
      for (const g of new Set(charNgrams(w, 3))) {
        let list = this.grams.get(g);
        if (!list) this.grams.set(g, (list = []));
        list.push(w);
      }
    }
  }

  /** Corpus words within edit distance 1 (2 for long words) of `word`, closest first. */
  suggest(word: string): string[] {
    if (word.length < MIN_CORRECTABLE || this.words.has(word) || !/^[a-z]+$/.test(word)) return [];
    const max = word.length >= 7 ? 2 : 1;
    const counts = new Map<string, number>();
    for (const g of new Set(charNgrams(word, 3))) for (const w of this.grams.get(g) ?? []) counts.set(w, (counts.get(w) ?? 0) + 1);
    const found: Array<[string, number]> = [];
    for (const [w, shared] of counts) {
      if (shared < (word.length <= 6 ? 1 : 2)) continue;
      const d = editDistance(word, w, max);
      if (d <= max) found.push([w, d]);
    }
    found.sort((x, y) => x[1] - y[1] || x[0].localeCompare(y[0]));
    const best = found[0]?.[1];
    return found.filter(([, d]) => d === best).map(([w]) => w).slice(0, 3);
  }
}
