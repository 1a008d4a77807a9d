/**
 * How much fuzzing: `npm test` runs each property with a fixed seed and its small budget, so a failure is
 * the same on every machine; `npm run fuzz` (or FUZZ_RUNS / FUZZ_SEED in the environment) runs longer.
 */

/** The seed `npm test` uses (any fixed number would do: this one is the date of the corpus). */
export const DEFAULT_SEED = 20200215;

/** FUZZ_SEED, or the fixed seed. */
export function fuzzSeed(env: NodeJS.ProcessEnv = process.env): number {
  const value = Number(env.FUZZ_SEED);
  return env.FUZZ_SEED && Number.isSafeInteger(value) ? value : DEFAULT_SEED;
}

/** FUZZ_RUNS, or the property's own budget. */
export function fuzzRuns(budget: number, env: NodeJS.ProcessEnv = process.env): number {
  const value = Number(env.FUZZ_RUNS);
  return env.FUZZ_RUNS && Number.isSafeInteger(value) && value > 0 ? value : budget;
}
