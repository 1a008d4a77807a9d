import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '..');
export const SEEDS = join(ROOT, 'seeds');
export const INTENTS = join(ROOT, 'intents');

/** A fresh temporary folder, removed by the returned cleanup. */
export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'cited-answers-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
