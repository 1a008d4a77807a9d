import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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

/** Runs `test` over a fresh folder holding `files` (name → text), removed afterwards however it ends. */
export async function withFiles(files: Record<string, string>, test: (dir: string) => Promise<void>): Promise<void> {
  const t = tempDir();
  try {
    for (const [name, text] of Object.entries(files)) writeFileSync(join(t.dir, name), text);
    await test(t.dir);
  } finally {
    t.cleanup();
  }
}
