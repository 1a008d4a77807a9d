/** The periods `/stats` and `/gaps` cover, and the export's `--since`. */

export type Period = 'day' | 'week' | 'all';

export const PERIODS: readonly Period[] = ['day', 'week', 'all'];

const DAY_MS = 86_400_000;

/** The first moment (ms since 1970) a period covers: the last 24 hours, the last 7 days, or everything kept. */
export function periodStart(period: Period, now: number): number {
  if (period === 'day') return now - DAY_MS;
  if (period === 'week') return now - 7 * DAY_MS;
  return 0;
}

/** How a period reads in a title: "last 24 hours", "last 7 days", "all kept". */
export function periodLabel(period: Period): string {
  if (period === 'day') return 'last 24 hours';
  if (period === 'week') return 'last 7 days';
  return 'all kept';
}

export function isPeriod(value: unknown): value is Period {
  return typeof value === 'string' && (PERIODS as readonly string[]).includes(value);
}

/** The cut-off for a retention of `days` days (0: nothing is cut). */
export function retentionCutoff(days: number, now: number): number | null {
  return days > 0 ? now - days * DAY_MS : null;
}

/** The periods as choices of a slash-command option (/stats, /gaps), named as titles read them. */
export const PERIOD_CHOICES: ReadonlyArray<{ name: string; value: Period }> = PERIODS.map((value) => ({ name: periodLabel(value), value }));
