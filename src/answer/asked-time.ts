/**
 * A question that pins the time it asks about ("how many soldiers were killed in Idlib in 2019?", "what
 * did Erdogan say in March?") is not answered by a sentence from another time: the bundled articles give
 * February 2020's death toll, which says nothing of 2019's. A sentence fits the time when it, or a
 * sentence beside it in its paragraph or the one it leans on, names the month or year; or when its
 * article is dated then (news tells this month's events without naming the month: "on Monday"). An
 * article with no known date cannot contradict a time, so it always fits.
 *
 * Only a time set after "in", "during" or "throughout", or a day after "on" ("on 3 March"), is read as
 * pinned: "since December" and "from Jan 20" start a span the articles may tell in other words ("in the
 * last two months"), and a year before a noun names a thing, not a time ("the 2018 deal": qualifiers.ts
 * compares those).
 */
import { MONTH_NAMES, MONTH_OF, YEAR } from '../nlp/months.js';
import { fold } from '../nlp/terms.js';
import type { Token } from '../nlp/wink.js';
import { capitalisedIn } from './qualifiers.js';

/** A time a question pins: a month (1–12), a year, or both. */
export interface AskedTime {
  month: number | null;
  year: number | null;
}

/** A day of the month as typed: "3", "03", "3rd", "21st". */
const DAY = /^(0?[1-9]|[12]\d|3[01])(st|nd|rd|th)?$/;
/** Words that set the time of what is asked. */
const PINNING = new Set(['in', 'during', 'throughout']);
/** Words that may stand between them and the time: "in early March", "in the middle of 2019". */
const PART = new Set(['early', 'late', 'mid', '-']);
const PART_OF = new Set(['start', 'end', 'middle', 'beginning']);

/** The times a question pins (see the module's comment), in the order it names them. */
export function timesAsked(tokens: readonly Token[]): AskedTime[] {
  const words = tokens.map((t) => fold(t.value));
  const out: AskedTime[] = [];
  for (let i = 0; i < words.length; i++) {
    // "On" pins a day ("on 3 March", "on March 3rd"), never a weekday or a year alone.
    const on = words[i] === 'on';
    if (!PINNING.has(words[i]!) && !on) continue;
    let j = i + 1;
    while (PART.has(words[j] ?? '')) j++;
    if (words[j] === 'the' && PART_OF.has(words[j + 1] ?? '') && words[j + 2] === 'of') j += 3;
    // A day before its month: "on 3 March", "on the 3rd of March".
    if (on && words[j] === 'the') j++;
    if (on && DAY.test(words[j] ?? '')) j += words[j + 1] === 'of' ? 2 : 1;
    const month = MONTH_OF.get(words[j] ?? '') ?? null;
    if (on && month === null) continue;
    if (month !== null) {
      j++;
      if (words[j] === '.') j++;
      if (DAY.test(words[j] ?? '')) j++;
      if (words[j] === ',') j++;
    }
    let year: number | null = null;
    // A year before a noun names a thing ("in 2018 talks"), not the time of what is asked.
    if (YEAR.test(words[j] ?? '') && tokens[j + 1]?.pos !== 'NOUN') year = Number(words[j]);
    if (month !== null || year !== null) out.push({ month, year });
  }
  return out;
}

/** A month and year an article is known to be from. */
export interface ArticleTime {
  year: number;
  month: number;
}

const NOTE_DATES = [
  // "4 February 2020"
  /\b(\d{1,2})\s+([A-Za-z]+)\.?,?\s+((?:19|20)\d\d)\b/g,
  // "February 4, 2020", "February 2020"
  /\b([A-Za-z]+)\.?\s+(?:(\d{1,2}),?\s+)?((?:19|20)\d\d)\b/g,
];

/**
 * The months an article is known to be from: its date, and the dates its date note names ("not printed;
 * reports Tuesday 4 February 2020"). Empty when neither gives one.
 */
export function articleTimes(source: { date: string | null; dateNote: string | null }): ArticleTime[] {
  const out: ArticleTime[] = [];
  const iso = source.date ? /^(\d{4})-(\d{2})/.exec(source.date) : null;
  if (iso) out.push({ year: Number(iso[1]), month: Number(iso[2]) });
  if (source.dateNote) {
    for (const re of NOTE_DATES) {
      for (const m of source.dateNote.matchAll(re)) {
        const name = /^\d/.test(m[1]!) ? m[2]! : m[1]!;
        const month = MONTH_OF.get(fold(name));
        if (month !== undefined) out.push({ year: Number(m[3]), month });
      }
    }
  }
  return out;
}

/** Where a word stands whole in a text: no letter or digit on either side (a year is not part of "20190"). */
function namesWord(text: string, word: string): boolean {
  const edge = /[\p{L}\p{N}]/u;
  for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
    if (!edge.test(text[at - 1] ?? ' ') && !edge.test(text[at + word.length] ?? ' ')) return true;
  }
  return false;
}

/** Each month's names and short forms, folded, by its number less one. */
const FORMS_OF_MONTH: readonly string[][] = MONTH_NAMES.map((_, i) => [...MONTH_OF].filter(([, n]) => n === i + 1).map(([w]) => w));

/** Does the text name the month (capitalised, as print does: "may" and "march" are words too) or, with no month asked, the year? */
function namesTime(text: string, asked: AskedTime): boolean {
  if (asked.month !== null) {
    return FORMS_OF_MONTH[asked.month - 1]!.some((w) => capitalisedIn(w, text)) || namesWord(text, MONTH_NAMES[asked.month - 1]!.toUpperCase());
  }
  return asked.year !== null && namesWord(text, String(asked.year));
}

/**
 * Does a sentence fit a pinned time: one of `texts` (the sentence, and those beside it that it may be read
 * with) names it, or its article is from then (`times`), or its article's time is unknown?
 */
export function fitsTime(asked: AskedTime, texts: readonly string[], times: readonly ArticleTime[]): boolean {
  if (texts.some((t) => namesTime(t, asked))) return true;
  if (times.length === 0) return true;
  return times.some((t) => (asked.year === null || t.year === asked.year) && (asked.month === null || t.month === asked.month));
}
