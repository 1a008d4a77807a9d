/**
 * Sparse vectors over string features, for cosine similarity (the classifier and the topic prior).
 */
export type SparseVector = Map<string, number>;

function norm(v: SparseVector): number {
  let s = 0;
  for (const x of v.values()) s += x * x;
  return Math.sqrt(s);
}

/** Scale a vector to unit length (in place) and return it. */
export function normalise(v: SparseVector): SparseVector {
  const n = norm(v);
  if (n > 0) for (const [k, x] of v) v.set(k, x / n);
  return v;
}

/** Dot product; iterates over the smaller vector. */
export function dot(a: SparseVector, b: SparseVector): number {
  if (a.size > b.size) [a, b] = [b, a];
  let s = 0;
  for (const [k, x] of a) {
    const y = b.get(k);
    if (y !== undefined) s += x * y;
  }
  return s;
}
