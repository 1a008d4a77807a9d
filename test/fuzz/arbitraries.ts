/**
 * What the fuzzer feeds the bot: odd questions, odd answers to render, odd files to load.
 * (fast-check arbitraries; none of these strings is an evaluation question.)
 */
import fc from 'fast-check';
import type { Answer, Figure, Problem, Quote, QuoteSource, ReloadReport, Source, TopicInfo } from '../../src/answer/types.js';
import type { StatsView } from '../../src/discord/commands/stats.js';
import { PERIODS } from '../../src/store/period.js';

/** Pieces that have broken text handling somewhere before: control, invisible, RTL, emoji, markup, mentions, other scripts. */
export const SPECIAL: readonly string[] = [
  '', ' ', '  ', '\n', '\t', '\r\n', '\r', '\u0000', '\u0007', '\u0008', '\u001b[31m', '\u007f', '\u0085', '\u2028', '\u2029',
  '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u00ad', '\u180e', '\u3000', '\u00a0',
  '\u202e', '\u202d', '\u2066', '\u2069', '\u200f', '\u200e', 'مرحبا', 'שלום', 'إدلب', 'سوريا', 'ترکیه',
  '🙂', '👨‍👩‍👧‍👦', '🇹🇷', '🏳️‍🌈', '🧑🏽‍🚀', '\ud83d', '\ude42', '\udfff\ud800', '\ud800', '\udbff',
  '@everyone', '@here', '@\u200beveryone', '<@123456789012345678>', '<@!123456789012345678>', '<@&123456789012345678>',
  '<#123456789012345678>', '<t:1700000000:R>', '</ask:123456789012345678>', '<a:wave:123456789012345678>', '<:x:1>',
  '**', '__', '~~', '||', '`', '```', '```js\n', '> ', '>>> ', '# ', '-# ', '- ', '1. ', '[link](https://example.com)',
  '\\', '\\\\', '*', '_', 'https://discord.gg/invite', 'javascript:alert(1)', '<script>', '&amp;', '%s', '%n', '{{x}}',
  '日本語', '中文问题', 'русский', 'Ελληνικά', 'हिन्दी', 'Türkiye', 'İdlib', 'ß', 'ﬁ', 'Å', 'e\u0301', 'Z̤͔ͧ̑̓ä͖̭̈̇lͮ̒ͫǧ̗͚̚o̙̔ͮ̇͐̇',
  '../../etc/passwd', '..\\..\\windows', '/dev/zero', '(a+)+$', '.*', '[', '(?<x>', '\\d{99999}', '${process.exit()}',
  '__proto__', 'constructor', 'toString', 'hasOwnProperty', 'NaN', 'Infinity', '1e309', '-0', '0x1F', '999999999999999999999',
  'how many', 'who', 'when', 'why', 'where', 'what', '?', '??', '!', '...', '—', '–', '“', '”', '’', '«', '»',
];

/** Any UTF-16 code unit, lone surrogates included. */
const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((n) => String.fromCharCode(n));

/** One piece of an odd text. `vocabulary` adds real words, so that some questions do get answered. */
function piece(vocabulary: readonly string[]): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...SPECIAL) },
    ...(vocabulary.length > 0 ? [{ weight: 5, arbitrary: fc.constantFrom(...vocabulary) }] : []),
    { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 24 }) },
    { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 24 }) },
    { weight: 1, arbitrary: fc.string({ unit: codeUnit, maxLength: 24 }) },
  );
}

const separator = fc.constantFrom(' ', ' ', ' ', '', '\n', '\u200b', '\t', ', ');

/** A piece repeated to `length` characters (cut anywhere, even inside a surrogate pair). */
function repeated(p: fc.Arbitrary<string>, min: number, max: number): fc.Arbitrary<string> {
  return fc.tuple(p, fc.integer({ min, max })).map(([s, n]) => (s.length === 0 ? 'x' : s).repeat(Math.ceil(n / Math.max(1, s.length))).slice(0, n));
}

/** An odd text: pieces joined by odd separators, now and then one piece repeated up to `maxRepeat` characters. */
export function oddText(vocabulary: readonly string[] = [], maxPieces = 12, maxRepeat = 100_000): fc.Arbitrary<string> {
  const p = piece(vocabulary);
  const sentence = fc.array(fc.tuple(p, separator), { maxLength: maxPieces }).map((parts) => parts.map(([a, b]) => a + b).join(''));
  return fc.oneof({ weight: 12, arbitrary: sentence }, { weight: 1, arbitrary: repeated(p, Math.min(1000, maxRepeat), maxRepeat) });
}

/** What a question may come with: `top` of any number (NaN and infinities included), `abstain` or not. */
export const askOptions = fc.record(
  {
    top: fc.oneof(fc.integer({ min: -5, max: 60 }), fc.constantFrom(Number.NaN, Infinity, -Infinity, 0.5, 2.9, 1e9)),
    abstain: fc.boolean(),
  },
  { requiredKeys: [] },
);

/** The questions that must work whatever the generator finds: the shapes the issue names. */
export const EXAMPLE_QUESTIONS: readonly string[] = [
  '',
  ' \n\t ',
  'x'.repeat(100_000),
  'how many people were displaced '.repeat(3400).slice(0, 100_000),
  '\u0000\u0001\u0002\u001b[2J\u007f'.repeat(200),
  '🙂👨‍👩‍👧‍👦🇹🇷'.repeat(100),
  '\u202eكم عدد النازحين في إدلب؟',
  'how\u200bmany\u200cpeople\u200dwere\u2060displaced\ufeff',
  '\ud800\udfff\ud83d how many \ude42',
  '@everyone @here <@123456789012345678> <@&123456789012345678> **how many** __soldiers__ ||killed|| `code` > quote',
  'Combien de personnes ont fui Idlib ?',
  'İdlib’de kaç kişi yerinden edildi?',
  'Сколько человек бежали из Идлиба?',
  '伊德利卜有多少人流离失所？',
  '../../../../etc/passwd',
  '(a+)+$ .* [ \\d{99999}',
];

// ---------------------------------------------------------------------------------------------
// Answers and other engine data, for the Discord renderer

const text = (maxRepeat = 6000): fc.Arbitrary<string> => oddText([], 10, maxRepeat);
const isoDate = fc
  .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2100-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const url = fc.oneof(fc.webUrl({ withQueryParameters: true, withFragments: true }), text(600), fc.constant('https://example.com/@everyone/<@1>/(x)'));
const finite = fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 });

export const sourceArb: fc.Arbitrary<Source> = fc.record({
  id: fc.oneof(fc.stringMatching(/^[a-z0-9_]{1,40}$/), text(300)),
  file: text(300),
  outlet: fc.option(text(400)),
  title: fc.option(text(2000)),
  date: fc.option(isoDate),
  dateNote: fc.option(text(800)),
  url: fc.option(url),
});

const quoteSourceArb: fc.Arbitrary<QuoteSource> = fc
  .tuple(sourceArb, fc.nat(100_000), fc.nat(5000))
  .map(([s, start, length]) => ({ ...s, start, end: start + length }));

const quoteArb: fc.Arbitrary<Quote> = fc.record({
  text: text(8000),
  withContext: fc.boolean(),
  score: finite,
  sources: fc.array(quoteSourceArb, { minLength: 1, maxLength: 12 }),
  parts: fc.record({ match: finite, coverage: finite, salient: finite, topic: finite, questionType: finite, introduction: finite, corroboration: finite }),
});

const figureArb: fc.Arbitrary<Figure> = fc.record({
  value: text(500),
  amount: finite,
  sources: fc.array(sourceArb, { maxLength: 8 }),
});

export const answerArb: fc.Arbitrary<Answer> = fc.record({
  question: text(),
  topic: fc.option(text(300)),
  askedTopic: fc.option(text(300)),
  topicConfidence: fc.double({ min: 0, max: 1, noNaN: true }),
  topicScores: fc.array(fc.record({ topic: text(100), score: finite }), { maxLength: 6 }),
  answered: fc.boolean(),
  quotes: fc.array(quoteArb, { maxLength: 30 }),
  figures: fc.array(figureArb, { maxLength: 6 }),
  message: text(),
  chat: fc.constantFrom('greeting', 'thanks', 'farewell', 'acknowledgement' as const),
}, { requiredKeys: ['question', 'topic', 'askedTopic', 'topicConfidence', 'topicScores', 'answered', 'quotes', 'figures', 'message'] });

export const topicsArb: fc.Arbitrary<TopicInfo[]> = fc.array(
  fc.record({ name: text(300), description: text(3000), examples: fc.array(text(400), { maxLength: 30 }) }),
  { maxLength: 30 },
);

const problemArb: fc.Arbitrary<Problem> = fc.record({ file: text(500), message: text(2000) });

export const reloadArb: fc.Arbitrary<ReloadReport> = fc.record(
  {
    ok: fc.boolean(),
    articles: fc.nat(),
    sentences: fc.nat(),
    added: fc.array(text(200), { maxLength: 60 }),
    removed: fc.array(text(200), { maxLength: 60 }),
    changed: fc.array(text(200), { maxLength: 60 }),
    topicsBefore: fc.array(text(100), { maxLength: 30 }),
    topicsAfter: fc.array(text(100), { maxLength: 30 }),
    problems: fc.array(problemArb, { maxLength: 60 }),
    error: text(3000),
  },
  { requiredKeys: ['ok', 'articles', 'sentences', 'added', 'removed', 'changed', 'topicsBefore', 'topicsAfter', 'problems'] },
);

const percentiles = fc.record({ p50: fc.double({ min: 0, max: 1e7, noNaN: true }), p95: fc.double({ min: 0, max: 1e7, noNaN: true }), samples: fc.nat() });

const when = fc.integer({ min: 0, max: 4_102_444_800_000 });

/** What `/stats` renders: a period's figures from the store (or this process's, with why). */
export const statsArb: fc.Arbitrary<StatsView> = fc.record({
  period: fc.constantFrom(...PERIODS),
  summary: fc.record({
    since: when,
    firstAt: fc.option(when),
    asked: fc.nat(),
    answered: fc.nat(),
    abstained: fc.nat(),
    byTopic: fc.array(fc.record({ topic: fc.option(text(300)), asked: fc.nat(), answered: fc.nat() }), { maxLength: 30 }),
    byShard: fc.array(fc.record({ shard: fc.nat(5000), asked: fc.nat() }), { maxLength: 20 }),
    latency: percentiles,
    engineLatency: percentiles,
    votes: fc.record({ up: fc.nat(), down: fc.nat() }),
    errors: fc.nat(),
    cooledDown: fc.nat(),
    recentUnanswered: fc.array(fc.record({ question: text(), at: when }), { maxLength: 5 }),
  }),
  storeProblem: fc.option(text(600)),
  startedAt: when,
  uptimeMs: fc.nat(),
  shard: fc.record({ id: fc.nat(5000), count: fc.integer({ min: 1, max: 5000 }) }),
  servers: fc.option(fc.nat()),
});

// ---------------------------------------------------------------------------------------------
// Files, for the loader

/** An article file name the loader reads. */
export const articleName = fc
  .tuple(fc.stringMatching(/^[A-Za-z0-9_-]{1,24}$/), fc.constantFrom('.txt', '.md', '.TXT'))
  .map(([base, ext]) => base + ext)
  .filter((name) => !/^(readme|sources|license|changelog)\./i.test(name));

/** Something like prose: odd pieces and real words, with sentence ends and paragraph breaks. */
function prose(vocabulary: readonly string[]): fc.Arbitrary<string> {
  return fc
    .array(fc.tuple(oddText(vocabulary, 14, 400), fc.constantFrom('. ', '.\n\n', '? ', '\n', '! ', '."\n')), { maxLength: 30 })
    .map((sentences) => sentences.map(([a, b]) => a + b).join(''));
}

/** Random bytes, odd text or prose as UTF-8, or such text with a few bytes spoilt. */
export function fileBytes(vocabulary: readonly string[] = []): fc.Arbitrary<Uint8Array> {
  const encode = (t: string): Uint8Array => new TextEncoder().encode(t);
  const text = fc.oneof(oddText(vocabulary, 40, 3000), prose(vocabulary));
  return fc.oneof(
    fc.uint8Array({ maxLength: 3000 }),
    text.map(encode),
    fc.tuple(fc.constantFrom('---\n', '---\nid: x\n---\n', '---\r\ntitle: T\r\n---\r\n', '\uFEFF', '# Headline of the page here\n\n'), text).map(([a, b]) => encode(a + b)),
    fc.tuple(text, fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 4 })).map(([t, spoils]) => {
      const bytes = encode(t);
      for (const [at, value] of spoils) if (bytes.length > 0) bytes[at % bytes.length] = value;
      return bytes;
    }),
  );
}

/** A change to a header: what can go wrong when a person edits one by hand. */
export const headerEdit = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), line: fc.nat() }),
  fc.record({ kind: fc.constant('duplicate' as const), line: fc.nat() }),
  fc.record({ kind: fc.constant('insert' as const), line: fc.nat(), text: oddText([], 6, 200) }),
  fc.record({ kind: fc.constant('value' as const), line: fc.nat(), text: oddText([], 6, 200) }),
  fc.record({ kind: fc.constant('key' as const), line: fc.nat(), text: fc.constantFrom('ID', 'titel', 'date ', ' url', 'x-y', '', 'headline', 'link', 'credit') }),
  fc.record({ kind: fc.constant('unclose' as const) }),
);
export type HeaderEdit = typeof headerEdit extends fc.Arbitrary<infer T> ? T : never;

/** Applies header edits to an article file's text (its header is lines 1.. up to the closing "---"). */
export function editHeader(raw: string, edits: readonly HeaderEdit[]): string {
  const lines = raw.split('\n');
  let close = lines.indexOf('---', 1);
  if (!raw.startsWith('---\n') || close < 0) return raw;
  for (const edit of edits) {
    const inner = close - 1;
    const at = inner > 0 && 'line' in edit ? 1 + (edit.line % inner) : 1;
    switch (edit.kind) {
      case 'delete':
        if (inner > 0) {
          lines.splice(at, 1);
          close -= 1;
        }
        break;
      case 'duplicate':
        if (inner > 0) {
          lines.splice(at, 0, lines[at] ?? '');
          close += 1;
        }
        break;
      case 'insert':
        lines.splice(at, 0, ...edit.text.split('\n'));
        close += edit.text.split('\n').length;
        break;
      case 'value': {
        const line = lines[at] ?? '';
        const colon = line.indexOf(':');
        if (colon >= 0 && at < close) lines[at] = `${line.slice(0, colon + 1)} ${edit.text.replace(/\n/g, ' ')}`;
        break;
      }
      case 'key': {
        const line = lines[at] ?? '';
        const colon = line.indexOf(':');
        if (colon >= 0 && at < close) lines[at] = `${edit.text}${line.slice(colon)}`;
        break;
      }
      case 'unclose':
        if (close > 0) lines[close] = '--';
        close = lines.length;
        break;
    }
  }
  return lines.join('\n');
}
