/**
 * The npm scripts that run the engine start node with the runtime flags (src/cli/runtime-flags.ts). What
 * the flags earn is measured by `npm run bench` (answer p99), not asserted here.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RUNTIME_FLAGS, RUNTIME_SCRIPTS } from '../../src/cli/runtime-flags.js';
import { ROOT } from '../helpers.js';

describe('runtime flags', () => {
  it('every script that runs the engine starts node with them', () => {
    const scripts = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    for (const name of RUNTIME_SCRIPTS) expect(scripts[name], name).toMatch(new RegExp(`^node ${RUNTIME_FLAGS.join(' ')} --import tsx \\S+\\.ts$`));
  });
});
