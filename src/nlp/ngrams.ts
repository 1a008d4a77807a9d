/** Character n-grams of a word, with its edges marked ("<word>"), for typo-tolerant matching. */

/** Default n: 4-grams let a one-letter typo keep most of a word's features. */
export const NGRAM_SIZE = 4;

export function charNgrams(word: string, n = NGRAM_SIZE): string[] {
  const w = `<${word}>`;
  if (w.length <= n) return [`#${w}`];
  const out: string[] = [];
  for (let i = 0; i + n <= w.length; i++) out.push(`#${w.slice(i, i + n)}`);
  return out;
}
