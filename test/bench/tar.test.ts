import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readTar } from '../../src/eval/tar.js';
import { copyId, originalId, titleQuestions } from '../../src/eval/bbc.js';
import { percentile, median } from '../../bench/lib/stats.js';
import { tempDir } from '../helpers.js';

/** Files to archive: a short name, a name over 100 characters, a UTF-8 name, an empty file, a 3-block file. */
const FILES: Record<string, Buffer> = {
  'bbc/tech/001.txt': Buffer.from('Spam duo convicted\n\nA brother and sister were convicted.\n'),
  [`bbc/${'long-folder-name/'.repeat(6)}002.txt`]: Buffer.from('deep\n'),
  'bbc/café/003.txt': Buffer.from('Crème brûlée\n'),
  'bbc/empty.txt': Buffer.alloc(0),
  'bbc/big.txt': Buffer.from('x'.repeat(1300)),
};

function archive(dir: string, format: 'gnu' | 'pax', gzip: boolean): Buffer {
  const src = join(dir, 'src');
  for (const [name, data] of Object.entries(FILES)) {
    mkdirSync(join(src, name, '..'), { recursive: true });
    writeFileSync(join(src, name), data);
  }
  const out = join(dir, `a-${format}.tar${gzip ? '.gz' : ''}`);
  const r = spawnSync('tar', [`--format=${format}`, gzip ? '-czf' : '-cf', out, '-C', src, 'bbc'], { encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  return readFileSync(out);
}

describe('the bench and the evaluation read the BBC archive with their own tar reader', () => {
  for (const [format, gzip] of [['gnu', true], ['pax', false]] as const) {
    it(`reads every regular file of a ${format} archive${gzip ? ', gzipped' : ''}, long and UTF-8 names included`, () => {
      const t = tempDir();
      try {
        const entries = readTar(archive(t.dir, format, gzip));
        const got = Object.fromEntries(entries.map((e) => [e.name, e.data.toString('utf8')]));
        expect(got).toEqual(Object.fromEntries(Object.entries(FILES).map(([n, d]) => [n, d.toString('utf8')])));
      } finally {
        t.cleanup();
      }
    });
  }

  it('refuses a damaged archive, saying where', () => {
    const t = tempDir();
    try {
      const tar = archive(t.dir, 'gnu', false);
      tar[10] = tar[10]! ^ 0xff; // inside the first header's name
      expect(() => readTar(tar)).toThrow(/checksum mismatch in the header at byte 0/);
      expect(() => readTar(archive(t.dir, 'gnu', false).subarray(0, 1024))).toThrow(/truncated/);
    } finally {
      t.cleanup();
    }
  });
});

/** A 512-byte ustar header with its checksum. */
function header(name: string, type: string, size: number): Buffer {
  const h = Buffer.alloc(512);
  h.write(name, 0, 'utf8');
  h.write('0000644\0', 100);
  h.write(`${size.toString(8).padStart(11, '0')}\0`, 124);
  h.write(type, 156);
  h.write('ustar\x0000', 257, 'latin1');
  h.fill(0x20, 148, 156);
  let sum = 0;
  for (const x of h) sum += x;
  h.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'latin1');
  return h;
}

/** One file of `body`, preceded by a pax header whose records are `records`. */
function paxArchive(records: string, body: string): Buffer {
  const block = (b: Buffer) => Buffer.concat([b, Buffer.alloc((512 - (b.length % 512)) % 512)]);
  const pax = Buffer.from(records);
  return Buffer.concat([
    header('PaxHeader/a.txt', 'x', pax.length),
    block(pax),
    header('a.txt', '0', Buffer.byteLength(body)),
    block(Buffer.from(body)),
    Buffer.alloc(1024),
  ]);
}

describe('pax sizes', () => {
  it("takes a pax size over the header's", () => {
    expect(readTar(paxArchive('10 size=3\n', 'abcdef')).map((e) => e.data.toString())).toEqual(['abc']);
  });

  it('refuses a pax size that is not a count of bytes, saying which header', () => {
    expect(() => readTar(paxArchive('11 size=ab\n', 'abcdef'))).toThrow(/bad pax size "ab" for the header at byte 1024/);
    expect(() => readTar(paxArchive('11 size=-3\n', 'abcdef'))).toThrow(/bad pax size "-3"/);
  });
});

describe('bench helpers', () => {
  it('names copies so that each maps back to its article', () => {
    expect(copyId('tech-001', 1)).toBe('tech-001');
    expect(originalId(copyId('tech-001', 3))).toBe('tech-001');
  });

  it('spreads the title questions over all the articles', () => {
    const articles = Array.from({ length: 10 }, (_, i) => ({ id: `a${i}`, title: i === 3 ? '' : `Title ${i}`, text: '' }));
    expect(titleQuestions(articles, 3).map((q) => q.id)).toEqual(['a0', 'a4', 'a7']);
    expect(titleQuestions(articles, 100)).toHaveLength(9);
  });

  it('takes medians and nearest-rank percentiles', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    const xs = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(percentile(xs, 50)).toBe(50);
    expect(percentile(xs, 99)).toBe(99);
  });
});
