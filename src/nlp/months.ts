/**
 * The months as print and members write them: full names and the usual short forms, lower case, and the
 * shape of a year. One list for every reader of times (a sentence's time words, a figure's day, a
 * question's pinned month).
 */

/** The months' names, lower case, January first. */
export const MONTH_NAMES: readonly string[] = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/** A month's name or short form ("jan", "sept"), folded → its number (1–12). */
export const MONTH_OF: ReadonlyMap<string, number> = new Map<string, number>([
  ...MONTH_NAMES.map((m, i) => [m, i + 1] as [string, number]),
  ...['jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec'].map((m) => [m, MONTH_NAMES.findIndex((n) => n.startsWith(m.slice(0, 3))) + 1] as [string, number]),
]);

/**
 * A year as written, 1000–2099 ("2018", "1749"). Until 22 November 2026 the readers took only 1800–2099
 * (a sentence's time) or 1900–2099 (a count's, a figure's, a qualifier's), so "In 1749 the British
 * government gave land…" named no time and counted 1,749 of something.
 */
export const YEAR = /^(1\d|20)\d\d$/;
