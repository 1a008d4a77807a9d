/**
 * A corpus and topics folder with faults: each faulty file is named with what is wrong and the rest still
 * load; a reload that cannot load keeps serving the old index (the same question gets the same answer
 * before and after), through the engine and through the REPL's `.reload`. (corpus.test.ts covers an
 * empty file, a binary one, Latin-1, an unclosed header, a bad date and an id that is not the file's.)
 */
import { copyFileSync, cpSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../src/answer/engine.js';
import type { Engine } from '../../src/answer/types.js';
import { runRepl } from '../../src/cli/repl-core.js';
import { CorpusError, loadCorpus } from '../../src/corpus/load.js';
import { loadTopics } from '../../src/intent/load.js';
import { INTENTS, SEEDS, tempDir } from '../helpers.js';

const GOOD = '003_0f7bf4d247ee8a7c.txt';
const goodText = readFileSync(join(SEEDS, GOOD), 'utf8');
const headerEnd = goodText.indexOf('\n---\n', 4) + 5;
const QUESTION = 'How many Turkish soldiers have been killed in Idlib?';

const temp = tempDir();
afterAll(() => temp.cleanup());

/** A fresh folder (inside the file's temp folder) holding the good seed article and `files`. */
function folder(name: string, files: Record<string, string | Buffer> = {}): string {
  const dir = join(temp.dir, name);
  mkdirSync(dir, { recursive: true });
  copyFileSync(join(SEEDS, GOOD), join(dir, GOOD));
  for (const [file, content] of Object.entries(files)) writeFileSync(join(dir, file), content);
  return dir;
}

/** Loads a folder with the good article and one faulty file; returns what is said about the faulty one. */
async function problemWith(name: string, file: string, content: string | Buffer): Promise<string> {
  const corpus = await loadCorpus(folder(name, { [file]: content }));
  expect(corpus.articles.map((a) => a.file)).toEqual([GOOD]);
  expect(corpus.problems.map((p) => p.file)).toEqual([file]);
  return corpus.problems[0]?.message ?? '';
}

describe('faulty article files: named, said what is wrong, the rest loaded', () => {
  it('a 20 MB file is refused by its size, unread', async () => {
    const message = await problemWith('huge', 'huge.txt', Buffer.alloc(20 * 1024 * 1024, 'All work and no play. '));
    expect(message).toBe('is too large (20.0 MB; the limit is 1 MB)');
  });

  it('a header pasted twice (its lines would be quoted as text)', async () => {
    const twice = goodText.slice(0, headerEnd) + goodText.slice(0, headerEnd) + goodText.slice(headerEnd);
    expect(await problemWith('twice', '005_twice.txt', twice.replaceAll('003_0f7bf4d247ee8a7c', '005_twice'))).toMatch(/has two headers/);
  });

  it('a header key given twice', async () => {
    const dup = goodText.replace('outlet: The Moscow Times\n', 'outlet: The Moscow Times\noutlet: Reuters\n').replaceAll('003_0f7bf4d247ee8a7c', '006_dup');
    expect(await problemWith('dupkey', '006_dup.txt', dup)).toBe('has a broken header: header line 4: "outlet" is given twice');
  });

  it('a header with an unknown key, naming the line and the known keys', async () => {
    const odd = goodText.replace('credit:', 'author:').replaceAll('003_0f7bf4d247ee8a7c', '007_odd');
    expect(await problemWith('oddkey', '007_odd.txt', odd)).toMatch(/^has a broken header: header line 7: unknown key "author" \(known: id, outlet, title/);
  });

  it.each(['constructor', '__proto__', 'toString'])('a header key named like an object property (%s) is an unknown key', async (key) => {
    const odd = goodText.replace('credit:', `${key}:`).replaceAll('003_0f7bf4d247ee8a7c', '011_proto');
    expect(await problemWith(`proto-${key}`, '011_proto.txt', odd)).toMatch(new RegExp(`^has a broken header: header line 7: unknown key "${key.toLowerCase()}"`));
  });

  it('two files with the same id: the first in name order is used, the other named', async () => {
    const corpus = await loadCorpus(folder('sameid', { '003_0f7bf4d247ee8a7c.md': goodText }));
    expect(corpus.articles.map((a) => a.file)).toEqual(['003_0f7bf4d247ee8a7c.md']);
    expect(corpus.problems).toEqual([
      { file: GOOD, message: 'has the same id "003_0f7bf4d247ee8a7c" as 003_0f7bf4d247ee8a7c.md; only 003_0f7bf4d247ee8a7c.md is used' },
    ]);
  });

  it('UTF-16 text (as some editors save it)', async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(goodText.replaceAll('003_0f7bf4d247ee8a7c', '008_utf16'), 'utf16le')]);
    expect(await problemWith('utf16', '008_utf16.txt', utf16)).toBe('is UTF-16 text, not UTF-8: save it as UTF-8');
  });

  it('a file cut off in the middle of a character', async () => {
    const bytes = Buffer.from(`${goodText.replaceAll('003_0f7bf4d247ee8a7c', '009_cut')} Erdoğ`);
    expect(await problemWith('cut', '009_cut.txt', bytes.subarray(0, bytes.length - 1))).toBe('is not valid UTF-8 text');
  });

  it('a file that vanished between listing the folder and reading it', async () => {
    const dir = folder('vanished');
    symlinkSync(join(dir, 'gone-already.txt'), join(dir, '010_gone.txt'));
    const corpus = await loadCorpus(dir);
    expect(corpus.articles.map((a) => a.file)).toEqual([GOOD]);
    expect(corpus.problems).toEqual([{ file: '010_gone.txt', message: 'cannot be read (ENOENT)' }]);
  });

  it('a page saved in another format is named as not read; data, hidden files, notes and sub-folders pass quietly', async () => {
    const dir = folder('formats', { 'page.html': '<p>The mayor resigned on Tuesday.</p>', 'report.pdf': Buffer.from('%PDF-1.4'), 'photo.jpg': Buffer.from([0xff, 0xd8]), 'list.json': '{}', '.draft.html': '', 'README.md': '# notes', 'SOURCES.html': '' });
    mkdirSync(join(dir, 'old.htm'));
    const corpus = await loadCorpus(dir);
    expect(corpus.articles.map((a) => a.file)).toEqual([GOOD]);
    expect(corpus.problems).toEqual([
      { file: 'page.html', message: "is not read: articles are .txt or .md files (save the article's text as one)" },
      { file: 'report.pdf', message: "is not read: articles are .txt or .md files (save the article's text as one)" },
    ]);
  });

  it('a folder of pages in other formats fails naming them', async () => {
    const dir = join(temp.dir, 'pages-only');
    mkdirSync(dir);
    writeFileSync(join(dir, 'story.htm'), '<p>Text.</p>');
    const error = await loadCorpus(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CorpusError);
    expect((error as CorpusError).message).toBe(`No article could be loaded from ${dir}: story.htm is not read: articles are .txt or .md files (save the article's text as one).`);
  });

  it('a folder where nothing loads fails with every file named', async () => {
    const dir = join(temp.dir, 'nothing');
    mkdirSync(dir);
    writeFileSync(join(dir, 'a.txt'), '');
    writeFileSync(join(dir, 'b.md'), Buffer.from([0, 1, 2]));
    const error = await loadCorpus(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CorpusError);
    expect((error as CorpusError).message).toBe(`No article could be loaded from ${dir}: a.txt is empty; b.md is not text (it contains NUL bytes; binary file?).`);
  });
});

describe('faulty topic files', () => {
  it('a malformed, binary, non-UTF-8 or empty topic file is named and the others load', async () => {
    const dir = join(temp.dir, 'intents-faulty');
    cpSync(INTENTS, dir, { recursive: true });
    writeFileSync(join(dir, 'food.md'), '# drinks\n\nAbout food.\n\n## Examples\n\n- What is for lunch?\n');
    writeFileSync(join(dir, 'binary.md'), Buffer.from([0x23, 0x20, 0, 0xff]));
    writeFileSync(join(dir, 'latin1.md'), Buffer.from('# latin1\n\nCaf\xe9.\n', 'latin1'));
    writeFileSync(join(dir, 'empty.md'), '\n\n');
    mkdirSync(join(dir, 'folder.md'));
    const { topics, problems } = await loadTopics(dir);
    expect(topics.map((t) => t.name).sort()).toEqual(['casualties', 'ceasefire', 'diplomacy', 'displacement']);
    expect(Object.fromEntries(problems.map((p) => [p.file, p.message]))).toEqual({
      'binary.md': 'is not text (it contains NUL bytes; binary file?)',
      'empty.md': 'is empty',
      'folder.md': 'cannot be read (EISDIR)',
      'food.md': 'line 1: topic "drinks" does not match the file name (expected "# food")',
      'latin1.md': 'is not valid UTF-8 text',
    });
  });

  it('a missing topics folder is an error naming it', async () => {
    await expect(loadTopics(join(temp.dir, 'no-such-intents'))).rejects.toThrow(`The intents folder ${join(temp.dir, 'no-such-intents')} does not exist.`);
  });
});

describe('a reload that fails keeps the old index', () => {
  const corpusDir = join(temp.dir, 'live-seeds');
  const intentsDir = join(temp.dir, 'live-intents');
  let engine: Engine;
  let before: string;

  beforeAll(async () => {
    cpSync(SEEDS, corpusDir, { recursive: true });
    cpSync(INTENTS, intentsDir, { recursive: true });
    engine = await createEngine({ corpusDir, intentsDir });
    before = JSON.stringify(engine.ask(QUESTION));
    expect(engine.ask(QUESTION).answered).toBe(true);
  });

  /** Breaks the folders with `fault`, reloads, checks the report and that nothing changed, then mends them. */
  async function failedReload(fault: () => void, mend: () => void, says: RegExp, file?: string): Promise<void> {
    fault();
    try {
      const report = await engine.reload();
      expect(report.ok).toBe(false);
      expect(report.error).toMatch(says);
      expect(report.error).toMatch(/The previous articles are still being served\.$/);
      if (file) expect(report.problems.map((p) => p.file)).toContain(file);
      expect(report.articles).toBe(5);
      expect(engine.info().articles).toBe(5);
      expect(JSON.stringify(engine.ask(QUESTION))).toBe(before);
    } finally {
      mend();
    }
  }

  it('when the corpus folder has vanished', async () => {
    await failedReload(
      () => renameSync(corpusDir, `${corpusDir}-away`),
      () => renameSync(`${corpusDir}-away`, corpusDir),
      new RegExp(`^The corpus folder ${corpusDir} does not exist\\.`),
      corpusDir,
    );
  });

  it('when the corpus folder is a file', async () => {
    await failedReload(
      () => {
        renameSync(corpusDir, `${corpusDir}-away`);
        writeFileSync(corpusDir, 'not a folder');
      },
      () => {
        rmSync(corpusDir);
        renameSync(`${corpusDir}-away`, corpusDir);
      },
      /is not a folder/,
    );
  });

  it('when every article is broken', async () => {
    const saved = new Map<string, Buffer>();
    await failedReload(
      () => {
        for (const file of readdirSync(corpusDir)) {
          const path = join(corpusDir, file);
          saved.set(path, readFileSync(path));
          writeFileSync(path, Buffer.from([0xde, 0xad, 0xbe, 0xef, 0]));
        }
      },
      () => {
        for (const [path, bytes] of saved) writeFileSync(path, bytes);
      },
      /^No article could be loaded from .*: 00\d_\w+\.txt is not text/,
      GOOD,
    );
    expect(saved.size).toBe(5);
  });

  it('when the intents folder has vanished', async () => {
    await failedReload(
      () => renameSync(intentsDir, `${intentsDir}-away`),
      () => renameSync(`${intentsDir}-away`, intentsDir),
      new RegExp(`^The intents folder ${intentsDir} does not exist\\.`),
      intentsDir,
    );
  });

  it('when the corpus folder vanishes while the reload reads it, the engine still answers', async () => {
    const reloading = engine.reload();
    renameSync(corpusDir, `${corpusDir}-away`);
    try {
      const report = await reloading;
      // Either the reload read everything before the folder went, or it kept the old index.
      expect(report.articles).toBe(5);
      expect(engine.info().articles).toBe(5);
      expect(JSON.stringify(engine.ask(QUESTION))).toBe(before);
    } finally {
      renameSync(`${corpusDir}-away`, corpusDir);
    }
  });

  it('and once the folders are mended, a reload loads again', async () => {
    const report = await engine.reload();
    expect(report.ok).toBe(true);
    expect(report.problems).toEqual([]);
    expect(JSON.stringify(engine.ask(QUESTION))).toBe(before);
  });

  it("through the REPL's .reload: the same answer before and after, and the failure said plainly", async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    let printed = '';
    output.on('data', (chunk: Buffer) => (printed += chunk.toString('utf8')));
    const done = runRepl(engine, { input, output, historyFile: null });
    const said = async (line: string): Promise<string> => {
      const from = printed.length;
      input.write(`${line}\n`);
      // The REPL handles lines in order; a .help after the line marks that it is done.
      input.write('.help\n');
      await expect.poll(() => printed.slice(from).includes('.exit      leave'), { timeout: 10_000 }).toBe(true);
      return printed.slice(from, printed.indexOf('Ask a question about the articles, or:', from));
    };
    const first = await said(QUESTION);
    renameSync(corpusDir, `${corpusDir}-away`);
    let reload: string;
    try {
      reload = await said('.reload');
    } finally {
      renameSync(`${corpusDir}-away`, corpusDir);
    }
    const second = await said(QUESTION);
    input.end();
    await done;
    expect(first).toMatch(/Turkish soldiers/);
    expect(second).toBe(first);
    expect(reload).toBe(`  Reload failed: The corpus folder ${corpusDir} does not exist. The previous articles are still being served.\n  problem: ${corpusDir} does not exist\n`);
  });
});
