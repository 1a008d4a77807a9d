/** Small statistics for the benchmarks: medians, percentiles, timing. */

/** The median of `xs` (NaN for none). */
export function median(xs: readonly number[]): number {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** The `p`-th percentile of `xs` by nearest rank (p in 0..100; NaN for none). */
export function percentile(xs: readonly number[], p: number): number {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * s.length));
  return s[Math.min(rank, s.length) - 1]!;
}

/** Latencies (ms) of a batch of calls, summarised. */
export interface Latency {
  p50: number;
  p99: number;
  mean: number;
  /** Calls per second over the whole batch. */
  perSecond: number;
  count: number;
}

export function latency(ms: readonly number[]): Latency {
  const total = ms.reduce((a, b) => a + b, 0);
  return { p50: percentile(ms, 50), p99: percentile(ms, 99), mean: total / ms.length, perSecond: (1000 * ms.length) / total, count: ms.length };
}

/** Time `fn` once, in milliseconds. */
export async function timeMs<T>(fn: () => T | Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await fn();
  return { ms: performance.now() - t0, value };
}

/** The heap in use after full garbage collections, in bytes (needs `node --expose-gc`). */
export function heapAfterGc(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('heap figures need node --expose-gc');
  for (let i = 0; i < 3; i++) gc();
  return process.memoryUsage().heapUsed;
}

/**
 * The median of per-run ratios ours[i] / peer[i], over the runs where both were measured: a ratio from
 * one run compares figures taken under the same load, so it is steadier than a ratio of medians.
 */
export function pairedRatio(ours: ReadonlyArray<number | null>, peer: ReadonlyArray<number | null>): number | null {
  const ratios: number[] = [];
  for (let i = 0; i < Math.min(ours.length, peer.length); i++) {
    const a = ours[i];
    const b = peer[i];
    if (a === null || a === undefined || b === null || b === undefined || b === 0 || !Number.isFinite(a) || !Number.isFinite(b)) continue;
    ratios.push(a / b);
  }
  return ratios.length ? median(ratios) : null;
}
