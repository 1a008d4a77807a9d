/**
 * How a source is cited in text: outlet, headline, date (or what is known of it) and link. Shared by the
 * terminal renderer and anything else that prints plain text.
 */
import type { Quote, Source } from '../answer/types.js';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "15 Feb 2020" from "2020-02-15"; the text as is when it is not an ISO date. */
export function shortDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return iso;
  return `${Number(m[3])} ${MONTHS[Number(m[2]) - 1] ?? m[2]} ${m[1]}`;
}

/** The date as a citation says it: "15 Feb 2020", or "date not printed" with what is known. */
export function citedDate(s: Pick<Source, 'date' | 'dateNote'>): string {
  if (s.date) return shortDate(s.date);
  const note = s.dateNote?.replace(/^not printed[;,:]?\s*/i, '').trim();
  return note ? `date not printed; ${note}` : 'date not printed';
}

/** "Haaretz" or, when the outlet is unknown, the article id. */
export function outletName(s: Pick<Source, 'outlet' | 'id'>): string {
  return s.outlet ?? s.id;
}

/** One line: "Outlet — Headline (date) <link>". */
export function citation(s: Source): string {
  const title = s.title ? ` — ${s.title}` : '';
  const link = s.url ? ` ${s.url}` : '';
  return `${outletName(s)}${title} (${citedDate(s)})${link}`;
}

/** Numbers each article in order of first appearance over the quotes: article id → n (from 1). */
export function numberSources(quotes: readonly Quote[]): Map<string, number> {
  const numbers = new Map<string, number>();
  for (const quote of quotes) {
    for (const source of quote.sources) {
      if (!numbers.has(source.id)) numbers.set(source.id, numbers.size + 1);
    }
  }
  return numbers;
}

/** A quote's text for display on one block: a paragraph break inside a quote with context reads as a space. */
export function displayText(q: Pick<Quote, 'text'>): string {
  return q.text.replace(/\s*\n\s*/g, ' ');
}
