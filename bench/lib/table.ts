/**
 * One table per concern: each figure of ours beside the peer's, measured in the same run, and the ratio
 * ours/peer. Printed as Markdown so it reads on a terminal and pastes into docs/PERFORMANCE.md.
 */

export type Unit = 'ms' | 's' | 'MiB' | 'tokens/s' | '/s' | 'share';

export interface Row {
  measure: string;
  /** Our figure (null: not measured, e.g. it failed or timed out). */
  ours: number | null;
  /** The peer's figure (null: none, or not measured). */
  peer: number | null;
  unit: Unit;
  /** Which way is better, so that a ratio reads right. */
  better: 'lower' | 'higher';
  /** Why a figure is missing, or what it includes. */
  note?: string;
  /** ours/peer as the median of per-run ratios (see pairedRatio); when absent, the ratio of the two figures. */
  ratio?: number | null;
}

export interface Table {
  title: string;
  /** What was measured, how often, and how. */
  caption: string;
  ours: string;
  peer: string;
  rows: Row[];
}

/** ours / peer: the row's paired ratio when it has one, else the ratio of its figures; null when missing. */
export function ratio(row: Row): number | null {
  if (row.ratio !== undefined) return row.ratio;
  if (row.ours === null || row.peer === null || !Number.isFinite(row.ours) || !Number.isFinite(row.peer) || row.peer === 0) return null;
  return row.ours / row.peer;
}

function sig(x: number): string {
  const a = Math.abs(x);
  if (a >= 1000) return Math.round(x).toLocaleString('en-US');
  if (a >= 100) return x.toFixed(0);
  if (a >= 10) return x.toFixed(1);
  if (a >= 1) return x.toFixed(2);
  if (a >= 0.01) return x.toFixed(3);
  return x.toPrecision(2);
}

export function formatValue(x: number | null, unit: Unit): string {
  if (x === null || !Number.isFinite(x)) return '—';
  switch (unit) {
    case 'share':
      return `${(100 * x).toFixed(1)}%`;
    case 'tokens/s':
      return x >= 1e6 ? `${(x / 1e6).toFixed(2)}M tokens/s` : `${(x / 1e3).toFixed(0)}k tokens/s`;
    case '/s':
      return `${sig(x)}/s`;
    default:
      return `${sig(x)} ${unit}`;
  }
}

export function formatRatio(r: number | null): string {
  if (r === null) return '—';
  return r >= 100 ? `${Math.round(r).toLocaleString('en-US')}×` : `${sig(r)}×`;
}

/** The table as Markdown, with its title and caption above it. */
export function formatTable(t: Table): string {
  const head = ['measure', t.ours, t.peer, 'ours/peer', 'better'];
  const body = t.rows.map((r) => [
    r.note ? `${r.measure} (${r.note})` : r.measure,
    formatValue(r.ours, r.unit),
    formatValue(r.peer, r.unit),
    formatRatio(ratio(r)),
    r.better,
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`;
  const rule = `| ${widths.map((w, i) => (i === 0 ? '-'.repeat(w) : `${'-'.repeat(w - 1)}:`)).join(' | ')} |`;
  return [`### ${t.title}`, '', t.caption, '', line(head), rule, ...body.map(line)].join('\n');
}
