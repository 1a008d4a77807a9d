/**
 * Sort comparators over scores. A comparator that returns `b - a` hands the sort a fresh double on every
 * call, which V8 must box as a heap number: ordering a question's 200 candidates made ~1,500 of them,
 * most of a ranking's garbage (BBC ×4: ~35 KB of ~185 KB an answer). -1, 0 and 1 are small integers and
 * cost nothing; the order is the same.
 */

/** Negative when `a` goes first in descending order (the higher score first), 0 when they tie. */
export function descending(a: number, b: number): number {
  return a > b ? -1 : a < b ? 1 : 0;
}
