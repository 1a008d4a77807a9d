/**
 * The metadata header of an article file.
 *
 * ```
 * ---
 * id: 003_0f7bf4d247ee8a7c
 * outlet: The Moscow Times
 * title: Turkey Says It Met Responsibilities over Syria's Idlib in Russia Deal
 * date: 2020-02-15            (ISO date, or "unknown")
 * date_note: …                (optional: what is known when no date is printed)
 * url: https://…              (or "unknown")
 * credit: Reuters             (optional: agency or byline)
 * ---
 * <the article text, verbatim>
 * ```
 *
 * The header is optional: a file that does not start with `---` is all text. Values are one line each;
 * "unknown" or an empty value means not known (null).
 */

export interface Header {
  id: string | null;
  outlet: string | null;
  title: string | null;
  date: string | null;
  dateNote: string | null;
  url: string | null;
  credit: string | null;
}

export interface ParsedHeader {
  header: Header | null;
  /** Offset in the file where the article text starts. */
  bodyStart: number;
}

/** Thrown for a header that is present but broken; the message says what is wrong. */
export class HeaderError extends Error {}

/** A value from a file as a problem message shows it: at most 60 characters, so a runaway line stays readable. */
export function shown(value: string): string {
  return value.length > 60 ? `${value.slice(0, 60)}…` : value;
}

const KEYS: Record<string, keyof Header> = {
  id: 'id',
  outlet: 'outlet',
  title: 'title',
  headline: 'title',
  date: 'date',
  date_note: 'dateNote',
  url: 'url',
  link: 'url',
  credit: 'credit',
};

function unknown(value: string): boolean {
  return value === '' || /^(unknown|not known|not printed|n\/a|none|null|-)$/i.test(value);
}

/** Parse the header at the top of a file's text, if any. Throws HeaderError when it is present but broken. */
export function parseHeader(text: string): ParsedHeader {
  const bom = text.startsWith('\uFEFF') ? 1 : 0;
  const open = /^---[ \t]*\r?\n/.exec(text.slice(bom));
  if (!open) return { header: null, bodyStart: 0 };
  const start = bom + open[0].length;
  const close = /^---[ \t]*(\r?\n|$)/m;
  const rest = text.slice(start);
  const m = close.exec(rest);
  if (!m) throw new HeaderError('header opened with "---" on line 1 is never closed by a "---" line');
  const block = rest.slice(0, m.index);
  const header: Header = { id: null, outlet: null, title: null, date: null, dateNote: null, url: null, credit: null };
  const seen = new Set<string>();
  block.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === '' || line.trimStart().startsWith('#')) return;
    const kv = /^([A-Za-z_]+)\s*:\s*(.*)$/.exec(line);
    if (!kv) throw new HeaderError(`header line ${i + 2} is not "key: value": ${shown(JSON.stringify(line))}`);
    const rawKey = kv[1]!.toLowerCase();
    // Own keys only: "constructor" or "__proto__" in a file is an unknown key, not Object's.
    const key = Object.hasOwn(KEYS, rawKey) ? KEYS[rawKey] : undefined;
    if (!key) {
      throw new HeaderError(`header line ${i + 2}: unknown key "${shown(rawKey)}" (known: ${Object.keys(KEYS).join(', ')})`);
    }
    if (seen.has(key)) throw new HeaderError(`header line ${i + 2}: "${shown(rawKey)}" is given twice`);
    seen.add(key);
    const value = kv[2]!.trim();
    header[key] = unknown(value) ? null : value;
  });
  if (header.date !== null && !/^\d{4}-\d{2}-\d{2}$/.test(header.date)) {
    throw new HeaderError(`header date "${shown(header.date)}" is not an ISO date (YYYY-MM-DD) or "unknown"`);
  }
  if (header.date !== null && Number.isNaN(Date.parse(header.date))) {
    throw new HeaderError(`header date "${shown(header.date)}" is not a real date`);
  }
  if (header.url !== null && !/^https?:\/\/\S+$/.test(header.url)) {
    throw new HeaderError(`header url "${shown(header.url)}" is not an http(s) link or "unknown"`);
  }
  return { header, bodyStart: start + m.index + m[0].length };
}
