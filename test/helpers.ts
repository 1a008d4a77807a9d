import { spawn, type ChildProcessWithoutNullStreams, type SpawnOptionsWithoutStdio } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { RUNTIME_FLAGS, tsxImport } from '../src/cli/runtime-flags.js';

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

/**
 * Starts `src/cli/<script>` as the npm scripts do: one node process with the runtime flags and tsx's loader
 * (`node --max-semi-space-size=32 --import tsx …`). Not through the `tsx` command: that runs the script in a
 * second process and, when the child has not acknowledged a relayed SIGINT or SIGTERM within 30 ms (easily
 * missed on a loaded machine), kills it with SIGKILL and exits 130 or 143, which is not what `npm start` does.
 * Tests that send signals need the process a user runs.
 */
export function spawnScript(script: string, options: SpawnOptionsWithoutStdio): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, [...RUNTIME_FLAGS, ...tsxImport(), join(ROOT, 'src', 'cli', script)], { ...options, stdio: 'pipe' });
}
