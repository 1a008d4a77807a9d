/**
 * Settings shared by the command-line faces: where the articles and topics are, from flags, then the
 * environment (.env), then the bundled folders.
 */
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EngineOptions } from '../answer/types.js';

/** The project's root folder (where seeds/ and intents/ are bundled). */
export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface ParsedArgs {
  flags: Map<string, string | true>;
  positional: string[];
}

/** Parse `--name value`, `--name=value` and `--switch` flags; `boolean` names never take a value. */
export function parseArgs(argv: readonly string[], boolean: readonly string[]): ParsedArgs {
  const flags = new Map<string, string | true>();
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') {
      positional.push(...argv.slice(i + 1));
      break;
    }
    const m = /^--([a-z][a-z-]*)(?:=(.*))?$/.exec(a);
    if (!m) {
      positional.push(a);
      continue;
    }
    const name = m[1]!;
    if (m[2] !== undefined) flags.set(name, m[2]);
    else if (boolean.includes(name)) flags.set(name, true);
    else {
      const v = argv[i + 1];
      if (v === undefined || v.startsWith('--')) throw new UsageError(`--${name} needs a value`);
      flags.set(name, v);
      i++;
    }
  }
  return { flags, positional };
}

export class UsageError extends Error {}

/**
 * Engine folders: `--corpus`/`--intents`, else CORPUS_DIR/INTENTS_DIR, else the bundled seeds/ and intents/.
 * The index cache: `--cache-dir`, else CACHE_DIR, else `.cache/` in the project; `--no-cache` or
 * CACHE_DIR=off turns it off.
 */
export function engineOptions(flags: ReadonlyMap<string, string | true>, env: NodeJS.ProcessEnv = process.env): EngineOptions {
  const pick = (flag: string, variable: string, fallback: string) => {
    const v = flags.get(flag);
    if (typeof v === 'string') return resolve(v);
    const e = env[variable];
    if (e) return resolve(e);
    return resolve(PROJECT_ROOT, fallback);
  };
  const off = flags.has('no-cache') || env.CACHE_DIR === 'off';
  return {
    corpusDir: pick('corpus', 'CORPUS_DIR', 'seeds'),
    intentsDir: pick('intents', 'INTENTS_DIR', 'intents'),
    cacheDir: off ? null : pick('cache-dir', 'CACHE_DIR', '.cache'),
  };
}

/** Load .env from the working folder when there is one (quietly). */
export async function loadDotenv(): Promise<void> {
  if (!existsSync('.env')) return;
  const dotenv = await import('dotenv');
  dotenv.config({ quiet: true });
}
