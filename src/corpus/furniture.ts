/**
 * Page furniture: the parts of a captured web page that are not the article's prose.
 *
 * Articles arrive as text copied from outlets' pages, with navigation, share buttons, "Read More" teasers,
 * logos, photo credits, bylines, datelines and publisher footers mixed in. These rules recognise them by
 * their form (short, unpunctuated, a known UI label, a credit pattern, a link) so that they serve the next
 * article from the same outlets, not just the five bundled ones. Each rule is named so that the loader can
 * say why a line was dropped.
 */

import { fold } from '../nlp/terms.js';

/** What a line of an article is. Only "text" lines become sentences. */
export type LineKind = 'text' | 'furniture' | 'heading' | 'byline' | 'dateline';

export interface LineVerdict {
  kind: LineKind;
  /** Which rule decided (for debugging and tests). */
  rule: string;
  /** For "text": how many characters to keep from the line's start (trailing credits and UI labels cut). */
  keep: number;
  /** For "text": how many leading characters to skip (list bullets, quote markers). */
  skip: number;
}

/** Photo and wire agencies whose names appear in credits. */
const AGENCIES = [
  'AFP', 'AP', 'Reuters', 'Getty', 'Getty Images', 'EPA', 'EPA-EFE', 'Anadolu', 'Anadolu Agency', 'AA', 'Xinhua',
  'dpa', 'picture-alliance', 'picture alliance', 'Shutterstock', 'SANA', 'Sputnik', 'TASS', 'Alamy', 'UPI',
  'NurPhoto', 'SOPA', 'ZUMA', 'Bloomberg', 'PA', 'Press Association', 'Associated Press',
];
const AGENCY_RE = new RegExp(`\\b(${AGENCIES.map((a) => a.replace(/[-\s]/g, '[-\\s]')).join('|')})\\b`, 'i');

const MONTH = '(jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sep(t(ember)?)?|oct(ober)?|nov(ember)?|dec(ember)?)';
const WEEKDAY = '(mon|tues|wednes|thurs|fri|satur|sun)day';
const WEEKDAY_RE = new RegExp(WEEKDAY, 'i');
const WEEKDAYS_RE = new RegExp(WEEKDAY, 'gi');
const DATE_RE = new RegExp(`(\\b\\d{1,2}(st|nd|rd|th)?\\s+${MONTH}\\b,?\\s+\\d{4}|\\b${MONTH}\\.?\\s+\\d{1,2}(st|nd|rd|th)?,?\\s+\\d{4}|\\b\\d{4}-\\d{2}-\\d{2}\\b)`, 'i');

/** Exact UI labels and section names (compared case-insensitively, trailing colon and » ignored). */
const UI_LABELS = new Set([
  'skip to main content', 'skip to content', 'jump to content', 'breaking news', 'most popular', 'most read',
  'most viewed', 'trending', 'related', 'related articles', 'related stories', 'related news', 'comments',
  'advertisement', 'sponsored', 'share', 'share this', 'share this page', 'share this article', 'share on',
  'tweet', 'email', 'e-mail', 'print', 'menu', 'search', 'home', 'subscribe', 'sign in', 'log in', 'login',
  'register', 'close', 'open in fullscreen', 'watch', 'listen', 'read more', 'read also', 'see also',
  'more', 'next', 'previous', 'back to top', 'facebook', 'twitter', 'instagram', 'whatsapp', 'linkedin',
  'telegram', 'reddit', 'copy link', 'topics', 'tags', 'latest', 'latest news', 'top stories', 'editor\'s picks',
]);

/**
 * Phrases of page chrome and publisher footers. A rule with `maxWords` holds only for a line of at most
 * that many words: its words also occur in prose ("Honda has won a copyright case", "a user clicks on the
 * link", "families trying to stay connected"), and a paragraph of the article is not dropped for them.
 * The rules without it match phrases no article's prose uses.
 */
const CHROME_RE: Array<{ rule: string; re: RegExp; maxWords?: number }> = [
  { rule: 'share-email', re: /\b(send|share) (in|by|via) e-?mail\b/i, maxWords: 15 },
  { rule: 'read-more', re: /^\s*read (more|also|next)\b/i, maxWords: 20 },
  { rule: 'follow-us', re: /^\s*follow us\b|\bto stay connected\b/i, maxWords: 15 },
  { rule: 'click', re: /\bclick (here|the|to|on)\b/i, maxWords: 15 },
  {
    rule: 'publisher-footer',
    re: /\ball rights reserved\b|©|\bprivacy policy\b|\bterms (of|and conditions of) (use|service)\b(?! of)|\brepublish(ing)? (this|our) (content|article|story)\b|\bsign up (for|to) (our|the) newsletter\b/i,
  },
  { rule: 'publisher-footer', re: /\b(republish(ing)?|subscribe|newsletter|copyright|cookies?|sign up for)\b/i, maxWords: 15 },
  { rule: 'original-url', re: /^\s*(original )?(url|source link|link)\s*:/i },
  { rule: 'open-fullscreen', re: /^\s*open in fullscreen\s*$/i },
];

/** How many times the folded headline's length (plus 10) a line may be and still be compared with it. */
const HEADLINE_SLACK = 3;

const TERMINAL = /[.!?…]["'”’)\]]*\s*$|[:;,]\s*$/;

/**
 * True when `s` has at most `n` words (runs of non-space holding a letter or digit). Counts only as far
 * as it must: every line of every article asks, and most are paragraphs far past any limit here.
 */
function atMostWords(s: string, n: number): boolean {
  let count = 0;
  for (const m of s.matchAll(/\S+/g)) {
    if (/[\p{L}\p{N}]/u.test(m[0]) && ++count > n) return false;
  }
  return true;
}

function label(s: string): string {
  return s.trim().replace(/[:»›>\s]+$/u, '').replace(/^[•·*\-–\s]+/u, '').toLowerCase();
}

/** Trailing pieces of a text line that are not the outlet's prose: credits, UI labels. */
const TRAILERS: RegExp[] = [
  /\s*\bOpen in fullscreen\s*$/i,
  /\s*\bCredit(s)?\s*:\s*[^.]{1,80}$/i,
  /\s*\b(Photo|Picture|Image)\s*:\s*[^.]{1,80}$/i,
  // "(AFP)", "[Anadolu/Getty]", "(Reuters/John Smith)": a short bracketed credit at the very end.
  /\s*[([][^()[\]]{1,60}[)\]]\s*$/,
];

/** How much of a line to keep once trailing credits and UI labels are cut. */
function trimTrailers(line: string): number {
  let keep = line.replace(/\s+$/u, '').length;
  for (let changed = true; changed; ) {
    changed = false;
    for (const re of TRAILERS) {
      const head = line.slice(0, keep);
      const m = re.exec(head);
      if (!m) continue;
      const cut = m[0];
      // A bracketed tail is a credit only when it names an agency or has a slash ("Anadolu/Getty").
      if (/^\s*[([]/.test(cut) && !(AGENCY_RE.test(cut) || cut.includes('/'))) continue;
      keep = m.index;
      changed = true;
    }
  }
  return keep;
}

/** True when a sentence-sized piece is only a photo credit ("Turkish Foreign Ministry via Reuters"). */
export function isCredit(piece: string): boolean {
  if (atMostWords(piece, 0)) return true;
  if (!atMostWords(piece, 8)) return false;
  if (/^\s*\*\*.*\*\*\s*$/.test(piece)) return true;
  if (/\bvia\b/i.test(piece) && AGENCY_RE.test(piece) && !/[.!?]\s*$/.test(piece)) return true;
  if (/^\s*(credit|photo|picture|image)s?\s*:/i.test(piece)) return true;
  if (/\/\s*(getty|afp|ap|reuters|picture[- ]alliance|epa)/i.test(piece)) return true;
  return false;
}

/**
 * Classify every line of an article body. `lines` are the body's lines without their line breaks.
 * Context matters for one rule: a short unpunctuated line right before a "Read More" line is the
 * teaser headline of another article.
 */
export function classifyLines(lines: readonly string[], title: string | null): LineVerdict[] {
  const foldedTitle = title ? normaliseForCompare(title) : null;
  const verdicts: LineVerdict[] = lines.map((line) => classifyLine(line, foldedTitle));
  for (let i = 0; i < lines.length; i++) {
    const v = verdicts[i]!;
    if (v.rule !== 'read-more') continue;
    // The teaser headline before "Read More »" (skipping blank lines).
    let j = i - 1;
    while (j >= 0 && lines[j]!.trim() === '') j--;
    if (j >= 0 && verdicts[j]!.kind === 'text' && !TERMINAL.test(lines[j]!) && atMostWords(lines[j]!, 20)) {
      verdicts[j] = { kind: 'furniture', rule: 'read-more-teaser', keep: 0, skip: 0 };
    }
  }
  return verdicts;
}

/** Fold (see nlp/terms.ts), drop markdown emphasis and collapse white space: for "is this the same line?". */
export function normaliseForCompare(s: string): string {
  return fold(s).replace(/[*_#`]/g, '').replace(/\s+/g, ' ').trim();
}

function classifyLine(line: string, foldedTitle: string | null): LineVerdict {
  const furniture = (rule: string): LineVerdict => ({ kind: 'furniture', rule, keep: 0, skip: 0 });
  const trimmed = line.trim();
  if (trimmed === '') return furniture('blank');
  for (const { rule, re, maxWords } of CHROME_RE) {
    if (re.test(trimmed) && (maxWords === undefined || atMostWords(trimmed, maxWords))) return furniture(rule);
  }
  if (UI_LABELS.has(label(trimmed))) return furniture('ui-label');
  if (/^<?https?:\/\/\S+>?$/.test(trimmed) || /^www\.\S+$/.test(trimmed)) return furniture('bare-link');
  if (/^\[[^\]]*\]$/.test(trimmed) || /^\([^)]*\)$/.test(trimmed)) return furniture('bracketed');
  if (/^[•·]\s*\S{0,20}$/u.test(trimmed)) return furniture('bullet-widget');
  if (/\blogo\b/i.test(trimmed) && atMostWords(trimmed, 6)) return furniture('logo');
  if (/comments$/i.test(trimmed) && atMostWords(trimmed, 4)) return furniture('comments');
  if (isCredit(trimmed) && !TERMINAL.test(trimmed)) return furniture('photo-credit');

  // Bylines: "By Jane Doe", "By [Reuters](#)", "The New Arab & agencies", "Reuters staff".
  if (/^(by|written by|reporting by)\s+\S/i.test(trimmed) && atMostWords(trimmed, 8) && !TERMINAL.test(trimmed)) {
    return { kind: 'byline', rule: 'byline', keep: 0, skip: 0 };
  }
  if (/(&|\band)\s+agencies\s*$/i.test(trimmed) && atMostWords(trimmed, 8)) {
    return { kind: 'byline', rule: 'agencies-byline', keep: 0, skip: 0 };
  }
  // Datelines and publication stamps: a date with little else, no sentence.
  if (DATE_RE.test(trimmed) || WEEKDAY_RE.test(trimmed)) {
    const rest = trimmed
      .replace(DATE_RE, ' ')
      .replace(/\b(updated|published|date of publication|last (updated|modified)|posted|on)\b\s*:?/gi, ' ')
      .replace(/\b\d{1,2}[:.]\d{2}\s*(am|pm)?\b/gi, ' ')
      .replace(WEEKDAYS_RE, ' ');
    if (atMostWords(rest, 4) && !/[.!?]["”']?\s*$/.test(trimmed)) {
      return { kind: 'dateline', rule: 'dateline', keep: 0, skip: 0 };
    }
  }
  // Headings: markdown headings, the article's own headline, short unpunctuated lines.
  if (/^#{1,6}\s/.test(trimmed)) return { kind: 'heading', rule: 'markdown-heading', keep: 0, skip: 0 };
  const keep = trimTrailers(line);
  const kept = line.slice(0, keep);
  // A line several times the headline's length is not the headline, whatever markup it carries: not
  // folding every paragraph to find that out is a tenth of reading a large folder.
  if (foldedTitle !== null && kept.length <= HEADLINE_SLACK * (foldedTitle.length + 10) && normaliseForCompare(kept) === foldedTitle) {
    return { kind: 'heading', rule: 'headline', keep: 0, skip: 0 };
  }
  if (atMostWords(kept, 5) && !TERMINAL.test(kept)) return { kind: 'heading', rule: 'short-unpunctuated', keep: 0, skip: 0 };
  const skip = /^\s*([•·*\->]\s+)?/u.exec(line)?.[0].length ?? 0;
  return { kind: 'text', rule: 'text', keep, skip };
}

/** A date printed in a dateline, as ISO YYYY-MM-DD, or null. */
export function dateIn(line: string): string | null {
  const m = DATE_RE.exec(line);
  if (!m) return null;
  const iso = /\d{4}-\d{2}-\d{2}/.exec(m[0]);
  const parsed = new Date(`${(iso ? iso[0] : m[0]).replace(/(st|nd|rd|th),?/, '').replace(',', '')} UTC`);
  if (Number.isNaN(parsed.getTime())) return null;
  return parsed.toISOString().slice(0, 10);
}
