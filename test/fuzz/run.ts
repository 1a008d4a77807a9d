/**
 * The long fuzz run: `npm run fuzz [-- --runs N] [--seed S] [--only ask,loader-bytes] [--path P]`.
 *
 * Runs every property of properties.ts (by default 50 times its `npm test` budget; FUZZ_RUNS and FUZZ_SEED
 * work too) and prints, per property, the runs, the seed, the time taken and the result; a failure prints
 * its counterexample and the flags that replay it. Exits 1 when any property failed.
 */
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import fc from 'fast-check';
import { PROPERTIES, fuzzContext } from './properties.js';
import { fuzzSeed } from './settings.js';

/** Runs per property when not told: this many times its `npm test` budget. */
const LONG_RUN_FACTOR = 50;

const { values } = parseArgs({
  options: {
    runs: { type: 'string' },
    seed: { type: 'string' },
    only: { type: 'string' },
    path: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});

if (values.help) {
  console.log('npm run fuzz -- [--runs N] [--seed S] [--only name,name] [--path P]');
  console.log(`properties: ${PROPERTIES.map((p) => p.name).join(', ')}`);
  process.exit(0);
}

function whole(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n <= 0) {
    console.error(`--${name} must be a whole number above 0, got "${value}"`);
    process.exit(2);
  }
  return n;
}

const runsFlag = whole('runs', values.runs ?? process.env.FUZZ_RUNS);
const seed = values.seed !== undefined ? Number(values.seed) : fuzzSeed();
if (!Number.isSafeInteger(seed)) {
  console.error(`--seed must be an integer, got "${values.seed}"`);
  process.exit(2);
}
const only = values.only?.split(',').map((s) => s.trim()).filter(Boolean);
const unknown = only?.filter((name) => !PROPERTIES.some((p) => p.name === name)) ?? [];
if (unknown.length > 0) {
  console.error(`unknown properties: ${unknown.join(', ')} (known: ${PROPERTIES.map((p) => p.name).join(', ')})`);
  process.exit(2);
}
const chosen = PROPERTIES.filter((p) => !only || only.includes(p.name));

const ctx = await fuzzContext();
console.log(`Fuzzing ${chosen.length} properties, seed ${seed}${runsFlag ? `, ${runsFlag} runs each` : `, ${LONG_RUN_FACTOR} × each one's test budget`}`);
const started = performance.now();
let failures = 0;
let total = 0;
for (const property of chosen) {
  const numRuns = runsFlag ?? property.budget * LONG_RUN_FACTOR;
  const t0 = performance.now();
  const details = await property.check(ctx, { seed, numRuns, ...(values.path ? { path: values.path } : {}) });
  const seconds = ((performance.now() - t0) / 1000).toFixed(1);
  total += details.numRuns;
  const verdict = details.failed ? 'FAILED' : 'ok';
  console.log(`${property.name.padEnd(17)} ${String(details.numRuns).padStart(7)} runs  seed ${details.seed}  ${seconds.padStart(6)} s  ${verdict}`);
  if (details.failed) {
    failures += 1;
    const error = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
    console.log(`  claim: ${property.claim}`);
    console.log(`  error: ${error}`);
    console.log(`  counterexample: ${fc.stringify(details.counterexample).slice(0, 2000)}`);
    console.log(`  replay: npm run fuzz -- --only ${property.name} --seed ${details.seed} --path "${details.counterexamplePath ?? ''}"`);
  }
}
console.log(
  `${total} runs in ${((performance.now() - started) / 1000).toFixed(1)} s, seed ${seed}: ${failures === 0 ? 'no failure' : `${failures} ${failures === 1 ? 'property' : 'properties'} failed`}`,
);
process.exit(failures === 0 ? 0 : 1);
