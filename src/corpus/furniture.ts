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
const CHROME_RE: Array<{
  rule: string;
  re: RegExp;
  /** The rule holds only for a line of at most this many words (at most `WORD_CAP`). */
  maxWords?: number;
  /**
   * Strings (lower case) of which the line must hold one for `re` to match: a plain substring search rules
   * out a paragraph faster than an expression that is tried at every position.
   */
  needs?: readonly string[];
}> = [
  { rule: 'share-email', re: /\b(send|share) (in|by|via) e-?mail\b/i, maxWords: 15 },
  { rule: 'read-more', re: /^\s*read (more|also|next)\b/i, maxWords: 20 },
  { rule: 'follow-us', re: /^\s*follow us\b|\bto stay connected\b/i, maxWords: 15 },
  { rule: 'click', re: /\bclick (here|the|to|on)\b/i, maxWords: 15 },
  {
    rule: 'publisher-footer',
    re: /\ball rights reserved\b|©|\bprivacy policy\b|\bterms (of|and conditions of) (use|service)\b(?! of)|\brepublish(ing)? (this|our) (content|article|story)\b|\bsign up (for|to) (our|the) newsletter\b/i,
    needs: ['all rights reserved', '©', 'privacy policy', 'terms ', 'republish', 'sign up '],
  },
  { rule: 'publisher-footer', re: /\b(republish(ing)?|subscribe|newsletter|copyright|cookies?|sign up for)\b/i, maxWords: 15 },
  { rule: 'original-url', re: /^\s*(original )?(url|source link|link)\s*:/i },
  { rule: 'open-fullscreen', re: /^\s*open in fullscreen\s*$/i },
];

/** How many times the folded headline's length (plus 10) a line may be and still be compared with it. */
const HEADLINE_SLACK = 3;

const TERMINAL = /[.!?…]["'”’)\]]*\s*$|[:;,]\s*$/;

/** The most words any rule here asks a line to have at most: a line's words are counted this far, once. */
const WORD_CAP = 20;

/**
 * How many words (runs of non-space holding a letter or digit) `s` has, or `cap + 1` when it has more.
 * Counts only as far as it must: every line of every article asks, and most are paragraphs far past any
 * limit here.
 */
export function wordsUpTo(s: string, cap: number): number {
  let count = 0;
  for (let i = 0; i < s.length; ) {
    while (i < s.length && isSpace(s.charCodeAt(i))) i++;
    if (i === s.length) break;
    const start = i;
    let word = false;
    let beyondAscii = false;
    for (let c = s.charCodeAt(i); i < s.length && !isSpace((c = s.charCodeAt(i))); i++) {
      if ((c >= 48 && c <= 57) || ((c | 32) >= 97 && (c | 32) <= 122)) word = true;
      else if (c > 127) beyondAscii = true;
    }
    if (!word && beyondAscii) word = /[\p{L}\p{N}]/u.test(s.slice(start, i));
    if (word && ++count > cap) break;
  }
  return count;
}

/** The code units JavaScript's \s matches (white space and line terminators), as `trim` strips them. */
function isSpace(c: number): boolean {
  if (c < 128) return c === 32 || (c >= 9 && c <= 13);
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** True when `lower` holds one of `needs`. */
function holdsAny(lower: string, needs: readonly string[]): boolean {
  for (const n of needs) if (lower.includes(n)) return true;
  return false;
}

/** True when `s` has at most `n` words. */
function atMostWords(s: string, n: number): boolean {
  return wordsUpTo(s, n) <= n;
}

function label(s: string): string {
  return s.trim().replace(/[:»›>\s]+$/u, '').replace(/^[•·*\-–\s]+/u, '').toLowerCase();
}

/**
 * The most words a UI label has. `label` strips only punctuation and spaces, never a letter or digit, so a line
 * with more words than this is no label, and is not folded to find that out.
 */
const LABEL_WORDS = Math.max(...[...UI_LABELS].map((l) => wordsUpTo(l, WORD_CAP)));

/**
 * Trailing pieces of a text line that are not the outlet's prose: credits, UI labels. Each expression is
 * anchored at the end, so it would be tried at every position of a paragraph; it is tried only when the
 * line holds one of its `needs` (lower case), or for `closes`, when what is kept ends in ")" or "]".
 */
const TRAILERS: Array<{ re: RegExp; needs?: readonly string[]; closes?: true }> = [
  { re: /\s*\bOpen in fullscreen\s*$/i, needs: ['open in fullscreen'] },
  { re: /\s*\bCredit(s)?\s*:\s*[^.]{1,80}$/i, needs: ['credit'] },
  { re: /\s*\b(Photo|Picture|Image)\s*:\s*[^.]{1,80}$/i, needs: ['photo', 'picture', 'image'] },
  // "(AFP)", "[Anadolu/Getty]", "(Reuters/John Smith)": a short bracketed credit at the very end.
  { re: /\s*[([][^()[\]]{1,60}[)\]]\s*$/, closes: true },
];

/** True when the last character of `s[0, end)` that is not white space is ")" or "]". */
function closesBracket(s: string, end: number): boolean {
  let i = end - 1;
  while (i >= 0 && isSpace(s.charCodeAt(i))) i--;
  return i >= 0 && (s.charCodeAt(i) === 0x29 || s.charCodeAt(i) === 0x5d);
}

/** How much of a line to keep once trailing credits and UI labels are cut. `lower` is the line in lower case. */
function trimTrailers(line: string, lower: string): number {
  // trimEnd strips what /\s+$/u does: white space and line terminators.
  let keep = line.trimEnd().length;
  for (let changed = true; changed; ) {
    changed = false;
    for (const { re, needs, closes } of TRAILERS) {
      if (needs && !holdsAny(lower, needs)) continue;
      if (closes && !closesBracket(line, keep)) continue;
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
  return isCreditOf(piece, wordsUpTo(piece, 8));
}

/** `isCredit` for a piece whose words are counted (`wordsUpTo` with a cap of 8 or more). */
function isCreditOf(piece: string, words: number): boolean {
  if (words === 0) return true;
  if (words > 8) return false;
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
  // Each rule below that holds only for a short line reads this count before its expression.
  const words = wordsUpTo(trimmed, WORD_CAP);
  const lower = line.toLowerCase();
  for (const { rule, re, maxWords, needs } of CHROME_RE) {
    if (maxWords !== undefined && words > maxWords) continue;
    if (needs && !holdsAny(lower, needs)) continue;
    if (re.test(trimmed)) return furniture(rule);
  }
  if (words <= LABEL_WORDS && UI_LABELS.has(label(trimmed))) return furniture('ui-label');
  if (/^<?https?:\/\/\S+>?$/.test(trimmed) || /^www\.\S+$/.test(trimmed)) return furniture('bare-link');
  if (/^\[[^\]]*\]$/.test(trimmed) || /^\([^)]*\)$/.test(trimmed)) return furniture('bracketed');
  if (/^[•·]\s*\S{0,20}$/u.test(trimmed)) return furniture('bullet-widget');
  if (words <= 6 && /\blogo\b/i.test(trimmed)) return furniture('logo');
  if (words <= 4 && /comments$/i.test(trimmed)) return furniture('comments');
  if (isCreditOf(trimmed, words) && !TERMINAL.test(trimmed)) return furniture('photo-credit');

  // Bylines: "By Jane Doe", "By [Reuters](#)", "The New Arab & agencies", "Reuters staff".
  if (words <= 8 && /^(by|written by|reporting by)\s+\S/i.test(trimmed) && !TERMINAL.test(trimmed)) {
    return { kind: 'byline', rule: 'byline', keep: 0, skip: 0 };
  }
  if (words <= 8 && /(&|\band)\s+agencies\s*$/i.test(trimmed)) {
    return { kind: 'byline', rule: 'agencies-byline', keep: 0, skip: 0 };
  }
  // Datelines and publication stamps: a date with little else, no sentence.
  // Every date the expression reads has four digits in a row (its year); every weekday ends in "day".
  if ((/[0-9]{4}/.test(trimmed) && DATE_RE.test(trimmed)) || (lower.includes('day') && WEEKDAY_RE.test(trimmed))) {
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
  const keep = trimTrailers(line, lower);
  const kept = line.slice(0, keep);
  // A line several times the headline's length is not the headline, whatever markup it carries: not
  // folding every paragraph to find that out is a tenth of reading a large folder.
  if (foldedTitle !== null && kept.length <= HEADLINE_SLACK * (foldedTitle.length + 10) && normaliseForCompare(kept) === foldedTitle) {
    return { kind: 'heading', rule: 'headline', keep: 0, skip: 0 };
  }
  // `kept` is a start of the line, so it has no more words than the line.
  if ((words <= 5 || atMostWords(kept, 5)) && !TERMINAL.test(kept)) return { kind: 'heading', rule: 'short-unpunctuated', keep: 0, skip: 0 };
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
