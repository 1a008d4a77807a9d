/**
 * Read the regular files of a (gzipped) tar archive into memory.
 *
 * Enough of POSIX ustar for data archives: 512-byte headers with checksums, the ustar name prefix, GNU
 * long names ('L') and pax extended headers ('x': path and size). Directories, links and the like are
 * skipped. A damaged archive is refused with the offset where it went wrong, never half-read silently.
 */
import { gunzipSync } from 'node:zlib';

export interface TarEntry {
  name: string;
  data: Buffer;
}

const BLOCK = 512;

function text(b: Buffer, start: number, length: number): string {
  const field = b.subarray(start, start + length);
  const nul = field.indexOf(0);
  return field.subarray(0, nul < 0 ? field.length : nul).toString('utf8');
}

function octal(b: Buffer, start: number, length: number, what: string, at: number): number {
  const field = text(b, start, length).trim();
  if (field === '') return 0;
  if (!/^[0-7]+$/.test(field)) throw new Error(`tar: bad ${what} "${field}" in the header at byte ${at}`);
  return parseInt(field, 8);
}

/** pax records: "<length> <key>=<value>\n" each, the length in bytes and counting the whole record. */
function paxRecords(data: Buffer, at: number): Map<string, string> {
  const out = new Map<string, string>();
  let i = 0;
  while (i < data.length && data[i] !== 0) {
    const space = data.indexOf(0x20, i);
    const length = space > i ? Number(data.subarray(i, space).toString('latin1')) : Number.NaN;
    if (!Number.isInteger(length) || length <= space - i + 1 || i + length > data.length) {
      throw new Error(`tar: bad pax extended header at byte ${at}`);
    }
    const record = data.subarray(space + 1, i + length - 1).toString('utf8');
    const eq = record.indexOf('=');
    if (eq > 0) out.set(record.slice(0, eq), record.slice(eq + 1));
    i += length;
  }
  return out;
}

/** A pax "size" record's value: a decimal count of bytes, nothing else. */
function paxSize(value: string, at: number): number {
  if (!/^[0-9]+$/.test(value)) throw new Error(`tar: bad pax size "${value}" for the header at byte ${at}`);
  return Number(value);
}

/** The regular files of a tar archive (gunzipped first when it starts with the gzip magic bytes). */
export function readTar(archive: Buffer): TarEntry[] {
  const tar = archive[0] === 0x1f && archive[1] === 0x8b ? gunzipSync(archive) : archive;
  const out: TarEntry[] = [];
  let pos = 0;
  let longName: string | null = null;
  let pax = new Map<string, string>();
  let ended = false;
  while (pos + BLOCK <= tar.length) {
    const at = pos;
    const h = tar.subarray(at, at + BLOCK);
    if (h.every((x) => x === 0)) {
      ended = true; // the end-of-archive block
      break;
    }
    const stored = octal(h, 148, 8, 'checksum', at);
    let sum = 0;
    for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : h[i]!;
    if (sum !== stored) throw new Error(`tar: checksum mismatch in the header at byte ${at} (damaged or not a tar archive)`);
    const type = String.fromCharCode(h[156]!);
    const size = pax.has('size') ? paxSize(pax.get('size')!, at) : octal(h, 124, 12, 'size', at);
    const start = at + BLOCK;
    if (start + size > tar.length) throw new Error(`tar: the entry at byte ${at} runs past the end of the archive (truncated?)`);
    const data = tar.subarray(start, start + size);
    pos = start + Math.ceil(size / BLOCK) * BLOCK;
    if (type === 'L') {
      longName = text(data, 0, data.length);
      continue;
    }
    if (type === 'x') {
      pax = paxRecords(data, at);
      continue;
    }
    if (type === 'g') continue;
    const prefix = text(h, 257, 6).startsWith('ustar') ? text(h, 345, 155) : '';
    const name = pax.get('path') ?? longName ?? (prefix ? `${prefix}/${text(h, 0, 100)}` : text(h, 0, 100));
    longName = null;
    pax = new Map();
    if (type === '0' || type === '\0' || type === '7') out.push({ name, data: Buffer.from(data) });
  }
  if (!ended) throw new Error(`tar: the archive ends at byte ${pos} without its end-of-archive block (truncated?)`);
  return out;
}
