/** What each concern (bench/seeds.ts, bench/scale.ts) hands back to bench/run.ts. */
import type { Table } from './table.js';

export interface ConcernResult {
  name: string;
  tables: Table[];
  /** Lines printed under the tables: what went wrong, what a figure includes, where time goes. */
  notes: string[];
  /** One or two lines each for the summary at the end, against the targets. */
  summary: string[];
  /** Every raw figure, for --json. */
  data: Record<string, unknown>;
  /** Measurements that failed or timed out (each named in `notes`); the bench then exits with status 1. */
  failures: number;
  /** Why the concern was not measured (e.g. its data file is missing). */
  skipped?: string;
}

/** Progress lines for the person waiting (standard error). */
export type Log = (line: string) => void;
