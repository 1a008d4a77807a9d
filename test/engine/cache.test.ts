import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { serialize } from 'node:v8';
import { afterAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../src/answer/engine.js';
import { INTENTS, SEEDS, tempDir } from '../helpers.js';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

function copySeeds(to: string): void {
  mkdirSync(to, { recursive: true });
  for (const f of readdirSync(SEEDS)) copyFileSync(join(SEEDS, f), join(to, f));
}

const QUESTION = 'who did cavusoglu meet in munich';

describe('index cache', () => {
  it('saves the index, loads it on the next start, and answers the same', async () => {
    const corpusDir = join(tmp.dir, 'a');
    copySeeds(corpusDir);
    const cacheDir = join(tmp.dir, 'cache-a');
    const first = await createEngine({ corpusDir, intentsDir: INTENTS, cacheDir });
    expect(first.info().cache.outcome).toBe('built');
    const second = await createEngine({ corpusDir, intentsDir: INTENTS, cacheDir });
    expect(second.info().cache.outcome).toBe('hit');
    for (const q of [QUESTION, 'how many people have been displaced', 'what did lavrov say about the talks', 'ceasfire in idlib?']) {
      expect(second.ask(q)).toEqual(first.ask(q));
      expect(second.ask(q, { top: 10, abstain: false })).toEqual(first.ask(q, { top: 10, abstain: false }));
    }
    expect(second.topics()).toEqual(first.topics());
    expect(second.info()).toEqual({ ...first.info(), cache: { ...first.info().cache, outcome: 'hit' } });
  });

  it('rebuilds when an article or a topic changes, and when the file is corrupt', async () => {
    const corpusDir = join(tmp.dir, 'b');
    copySeeds(corpusDir);
    const cacheDir = join(tmp.dir, 'cache-b');
    await createEngine({ corpusDir, intentsDir: INTENTS, cacheDir });
    writeFileSync(join(corpusDir, 'zz-new.txt'), 'A new report\n\nThe lighthouse keeper counted forty-two ships passing the northern cape on Tuesday.\n');
    const stale = await createEngine({ corpusDir, intentsDir: INTENTS, cacheDir });
    expect(stale.info().cache.outcome).toBe('stale');
    expect(stale.ask('how many ships did the lighthouse keeper count').quotes[0]?.text).toMatch(/forty-two ships/);

    const [file] = readdirSync(cacheDir);
    const path = join(cacheDir, file!);
    const bytes = readFileSync(path);
    bytes[bytes.length - 10] = bytes[bytes.length - 10]! ^ 0xff;
    writeFileSync(path, bytes);
    const corrupt = await createEngine({ corpusDir, intentsDir: INTENTS, cacheDir });
    expect(corrupt.info().cache.outcome).toBe('corrupt');
    expect(corrupt.ask(QUESTION).answered).toBe(true);
    // …and the rebuilt file is good again.
    expect((await createEngine({ corpusDir, intentsDir: INTENTS, cacheDir })).info().cache.outcome).toBe('hit');

    writeFileSync(path, 'not a cache at all');
    expect((await createEngine({ corpusDir, intentsDir: INTENTS, cacheDir })).info().cache.outcome).toBe('corrupt');

    // Intact by its checksum, under the right key, but not an index: corrupt, rebuilt.
    const [head] = readFileSync(path).toString('latin1').split('\n', 1);
    const [magic, key] = head!.split(' ');
    const payload = serialize({ articles: [], sentences: new Int32Array(11), topics: [] });
    const sum = createHash('sha256').update(payload).digest('hex');
    writeFileSync(path, Buffer.concat([Buffer.from(`${magic} ${key} ${sum}\n`, 'latin1'), payload]));
    const odd = await createEngine({ corpusDir, intentsDir: INTENTS, cacheDir });
    expect(odd.info().cache.outcome).toBe('corrupt');
    expect(odd.ask(QUESTION).answered).toBe(true);
    expect((await createEngine({ corpusDir, intentsDir: INTENTS, cacheDir })).info().cache.outcome).toBe('hit');
  });

  it('works on, and says why, when the cache cannot be written', async () => {
    // A cache folder below a plain file cannot be created, whoever runs the test.
    const blocker = join(tmp.dir, 'a-file');
    writeFileSync(blocker, 'x');
    const engine = await createEngine({ corpusDir: SEEDS, intentsDir: INTENTS, cacheDir: join(blocker, 'cache') });
    expect(engine.ask(QUESTION).answered).toBe(true);
    expect(engine.info().cache.error).toMatch(/could not write the cache/);
  });
});
