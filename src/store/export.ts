/**
 * The log as a file for moderators: CSV (for a spreadsheet) or JSON Lines (for tools), one question a
 * line with its topic, whether it was answered, its quotes (article id and offsets, as JSON in CSV),
 * and its votes. No one's identity is in it: the store holds none.
 */
import type { LogRow } from './store.js';

export type ExportFormat = 'csv' | 'jsonl';

export const EXPORT_FORMATS: readonly ExportFormat[] = ['csv', 'jsonl'];

/** The CSV columns, in order: the fields of LogRow. */
export const CSV_COLUMNS = ['at', 'guild_id', 'channel_id', 'via', 'shard', 'question', 'topic', 'answered', 'quotes', 'up', 'down', 'total_ms', 'engine_ms'] as const;

/**
 * One CSV cell (RFC 4180): quoted when it holds a comma, a quote or a line break. A text a spreadsheet
 * would run as a formula (starting with = + - @, a tab or a carriage return) gets a leading apostrophe,
 * so a member's question can never run in a moderator's spreadsheet.
 */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text = typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(row: LogRow): string {
  return CSV_COLUMNS.map((column) => csvCell(row[column])).join(',');
}

/** Writes the rows in a format, a line at a time (CRLF for CSV, as RFC 4180 has it; LF for JSON Lines). Returns the rows written. */
export function writeLog(rows: Iterable<LogRow>, format: ExportFormat, write: (chunk: string) => void): number {
  let n = 0;
  if (format === 'csv') write(`${CSV_COLUMNS.join(',')}\r\n`);
  for (const row of rows) {
    write(format === 'csv' ? `${csvLine(row)}\r\n` : `${JSON.stringify(row)}\n`);
    n += 1;
  }
  return n;
}

/** Reads `--since`: a date (YYYY-MM-DD, taken as midnight UTC) or a full ISO time; ms since 1970, or null when it is not one. */
export function parseSince(text: string): number | null {
  const value = text.trim();
  if (!/^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(value)) return null;
  const ms = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
  return Number.isNaN(ms) ? null : ms;
}
