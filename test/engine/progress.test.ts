import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../src/answer/engine.js';
import type { LoadProgress } from '../../src/answer/types.js';
import { createEngineWithProgress, progressDisplay } from '../../src/cli/progress.js';
import type { ProgressStream } from '../../src/cli/progress.js';
import { loadCorpus } from '../../src/corpus/load.js';
import { INTENTS, ROOT, SEEDS, tempDir } from '../helpers.js';

/** A stand-in for standard error that records what is written. */
function fakeStream(isTTY: boolean): ProgressStream & { out: string[] } {
  const out: string[] = [];
  return { isTTY, out, write: (text: string) => out.push(text) > 0 };
}

/** `copies` copies of the seed articles, each with its own id, in a new folder. */
function copiedSeeds(dir: string, copies: number): void {
  for (const name of readdirSync(SEEDS).filter((f) => f.endsWith('.txt'))) {
    const id = name.replace(/\.txt$/, '');
    const text = readFileSync(join(SEEDS, name), 'utf8');
    for (let i = 1; i <= copies; i++) writeFileSync(join(dir, `${id}-${i}.txt`), text.replace(/^id: .*$/m, `id: ${id}-${i}`));
  }
}

describe('the corpus loader reports progress', () => {
  it('calls onProgress with done/total: 0 first, once per article file (good or not), ending at total', async () => {
    const t = tempDir();
    try {
      copiedSeeds(t.dir, 1);
      writeFileSync(join(t.dir, 'empty.txt'), '');
      writeFileSync(join(t.dir, 'notes.json'), '{}'); // not an article file: not counted
      const seen: Array<{ done: number; total: number }> = [];
      const c = await loadCorpus(t.dir, { onProgress: (p) => seen.push({ ...p }) });
      expect(c.articles).toHaveLength(5);
      expect(c.problems).toHaveLength(1);
      expect(seen.map((p) => p.total)).toEqual(Array(7).fill(6));
      expect(seen.map((p) => p.done)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    } finally {
      t.cleanup();
    }
  });

  it('createEngine passes the articles on, then the index from start to ready, on reload too', async () => {
    const seen: LoadProgress[] = [];
    const engine = await createEngine({ corpusDir: SEEDS, intentsDir: INTENTS, onProgress: (p) => seen.push({ ...p }) });
    const sentences = engine.info().sentences;
    const expected: LoadProgress[] = [
      ...[0, 1, 2, 3, 4, 5].map((done) => ({ stage: 'articles' as const, done, total: 5 })),
      { stage: 'index', done: 0, total: sentences },
      { stage: 'index', done: sentences, total: sentences },
    ];
    expect(seen).toEqual(expected);
    seen.length = 0;
    expect((await engine.reload()).ok).toBe(true);
    expect(seen).toEqual(expected);
  });
});

describe('the progress line', () => {
  const CLEAR = '\r\u001b[2K';

  it('on a terminal, stays quiet for the first second, then draws articles done/total and clears when ready', () => {
    let now = 0;
    const s = fakeStream(true);
    const d = progressDisplay(s, { now: () => now });
    d.onProgress({ stage: 'articles', done: 0, total: 2225 });
    now = 900;
    d.onProgress({ stage: 'articles', done: 100, total: 2225 });
    expect(s.out).toEqual([]);
    now = 1000;
    d.onProgress({ stage: 'articles', done: 120, total: 2225 });
    now = 1050; // within the redraw interval: not drawn
    d.onProgress({ stage: 'articles', done: 125, total: 2225 });
    now = 1200;
    d.onProgress({ stage: 'articles', done: 2225, total: 2225 });
    d.onProgress({ stage: 'index', done: 0, total: 40959 });
    d.onProgress({ stage: 'index', done: 40959, total: 40959 });
    expect(s.out).toEqual([
      `${CLEAR}Loading articles 120/2,225`,
      `${CLEAR}Loading articles 2,225/2,225`,
      `${CLEAR}Indexing 40,959 sentences…`,
      CLEAR,
    ]);
    d.finish(); // nothing left to clear
    expect(s.out).toHaveLength(4);
  });

  it('draws nothing when standard error is not a terminal, however long the load', () => {
    let now = 0;
    const s = fakeStream(false);
    const d = progressDisplay(s, { now: () => now });
    for (let done = 0; done <= 50; done++) {
      now += 500;
      d.onProgress({ stage: 'articles', done, total: 50 });
    }
    d.onProgress({ stage: 'index', done: 0, total: 900 });
    d.finish();
    expect(s.out).toEqual([]);
  });

  it('gives each reload its own quiet second', () => {
    let now = 0;
    const s = fakeStream(true);
    const d = progressDisplay(s, { now: () => now });
    now = 5000; // long after start: a reload begins
    d.onProgress({ stage: 'articles', done: 0, total: 10 });
    now = 5500;
    d.onProgress({ stage: 'articles', done: 5, total: 10 });
    expect(s.out).toEqual([]);
    now = 6100;
    d.onProgress({ stage: 'articles', done: 6, total: 10 });
    expect(s.out).toEqual([`${CLEAR}Loading articles 6/10`]);
  });

  it('is cleared when a load fails', async () => {
    const t = tempDir();
    try {
      writeFileSync(join(t.dir, 'empty.txt'), '');
      const s = fakeStream(true);
      await expect(createEngineWithProgress({ corpusDir: t.dir, intentsDir: INTENTS }, s, { delayMs: 0 })).rejects.toThrow(/No article could be loaded/);
      expect(s.out.length).toBeGreaterThan(0);
      expect(s.out.at(-1)).toBe(CLEAR);
    } finally {
      t.cleanup();
    }
  });
});

describe('the CLI on a corpus that takes over a second to load', () => {
  const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');
  const ASK = join(ROOT, 'src', 'cli', 'ask.ts');
  // No index cache: the second run must load the articles again to show their progress.
  const env = { ...process.env, NO_COLOR: '1', DISCORD_TOKEN: '', CACHE_DIR: 'off' };
  let t: ReturnType<typeof tempDir>;
  let corpus: string;
  beforeAll(() => {
    t = tempDir();
    corpus = join(t.dir, 'corpus');
    mkdirSync(corpus);
    copiedSeeds(corpus, 60); // 300 articles: a few seconds to load
  });
  afterAll(() => t.cleanup());

  it('keeps piped output clean: only the answer on stdout, nothing on stderr', () => {
    const r = spawnSync(TSX, [ASK, '--corpus', corpus, '--json', 'how many people were displaced'], { cwd: ROOT, encoding: 'utf8', env, timeout: 120_000 });
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect((JSON.parse(r.stdout) as { answered: boolean }).answered).toBe(true);
  });

  it('shows articles done/total on a terminal, and clears the line before the answer', () => {
    // `script` (util-linux) runs the command on a pseudo-terminal; stdout goes to a file, stderr to the terminal.
    const out = join(t.dir, 'answer.json');
    const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
    const command = [TSX, ASK, '--corpus', corpus, '--json', 'how many people were displaced'].map(quote).join(' ');
    const r = spawnSync('script', ['-qfec', `${command} > ${quote(out)}`, '/dev/null'], { cwd: ROOT, encoding: 'utf8', env, timeout: 120_000, stdio: ['ignore', 'pipe', 'pipe'] });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/Loading articles \d+\/300/);
    expect(r.stdout).toMatch(/Indexing [\d,]+ sentences/);
    expect(r.stdout.trimEnd().endsWith('\u001b[2K')).toBe(true);
    expect((JSON.parse(readFileSync(out, 'utf8')) as { answered: boolean }).answered).toBe(true);
  });
});
