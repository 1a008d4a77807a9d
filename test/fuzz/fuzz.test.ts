/**
 * Fuzzing at its CI budget: each property of properties.ts with a fixed seed (settings.ts), so that a
 * failure is reproducible; the report names the seed, the counterexample and how to replay it.
 * `npm run fuzz` runs the same properties for longer.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { PROPERTIES, fuzzContext } from './properties.js';
import type { FuzzContext } from './properties.js';
import { fuzzRuns, fuzzSeed } from './settings.js';

let ctx: FuzzContext;
beforeAll(async () => {
  ctx = await fuzzContext();
});

describe('fuzzing', () => {
  it.each(PROPERTIES.map((p) => [p.name, p] as const))('%s', async (_name, property) => {
    const details = await property.check(ctx, { seed: fuzzSeed(), numRuns: fuzzRuns(property.budget) });
    const error = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
    expect(details.failed, `${property.claim}\n${fc.defaultReportMessage(details) ?? ''}\nError: ${error}`).toBe(false);
    expect(details.numRuns).toBeGreaterThan(0);
  });
});
