/**
 * The moderators' store on its own: schema migrations, votes (once per answer per member, a second
 * click changes it, the member only as a keyed hash), retention, the period figures, and the export
 * (CSV and JSON Lines) read back to the same rows, also through `npm run export`.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { Insight } from '../../src/discord/insight.js';
import { createLogger } from '../../src/discord/logger.js';
import { readStoreConfig } from '../../src/store/config.js';
import type { StoreConfig } from '../../src/store/config.js';
import { CSV_COLUMNS, csvCell, parseSince, writeLog } from '../../src/store/export.js';
import { SCHEMA_VERSION } from '../../src/store/migrations.js';
import { Store } from '../../src/store/store.js';
import type { AskEntry, LogRow } from '../../src/store/store.js';
import { voterKey } from '../../src/store/voter.js';
import { ROOT, tempDir } from '../helpers.js';

const temp = tempDir();
afterAll(() => temp.cleanup());

const DAY = 86_400_000;
const NOW = Date.parse('2026-03-01T12:00:00Z');
let files = 0;

function config(overrides: Partial<StoreConfig> = {}): StoreConfig {
  files += 1;
  return { databasePath: join(temp.dir, `store-${files}.db`), retentionDays: 90, feedbackSalt: null, ...overrides };
}

let asks = 0;
function entry(overrides: Partial<AskEntry> = {}): AskEntry {
  asks += 1;
  return {
    answerId: `answer${asks}`,
    at: NOW,
    guildId: '223456789012345678',
    channelId: '323456789012345678',
    via: 'slash',
    shard: 0,
    question: `question ${asks}`,
    topic: 'displacement',
    answered: true,
    quotes: [
      { rank: 1, article: '000_c9c5a79c84c9a880', start: 2089, end: 2154 },
      { rank: 1, article: '003_0f7bf4d247ee8a7c', start: 100, end: 165 },
    ],
    totalMs: 120,
    engineMs: 40,
    ...overrides,
  };
}

describe('settings', () => {
  it('defaults to data/cited-answers.db under the working folder, 90 days, no salt; and names wrong values', () => {
    expect(readStoreConfig({}, '/srv/bot')).toEqual({
      config: { databasePath: '/srv/bot/data/cited-answers.db', retentionDays: 90, feedbackSalt: null },
      problems: [],
    });
    expect(readStoreConfig({ DATABASE_PATH: '/var/lib/bot.db', RETENTION_DAYS: '0' }, '/srv/bot').config).toMatchObject({
      databasePath: '/var/lib/bot.db',
      retentionDays: 0,
    });
    const bad = readStoreConfig({ RETENTION_DAYS: 'forever', FEEDBACK_SALT: 'short' });
    expect(bad.problems).toHaveLength(2);
    expect(bad.problems.join('\n')).toMatch(/RETENTION_DAYS must be a whole number/);
    expect(bad.problems.join('\n')).toMatch(/FEEDBACK_SALT must be at least 16 characters/);
    expect(bad.problems.join('\n')).not.toContain('short');
  });
});

describe('schema', () => {
  it('creates the file and its folder, in WAL mode, at the current schema version, and migrates only once', () => {
    const c = config({ databasePath: join(temp.dir, 'nested', 'folder', 'log.db') });
    const store = Store.open(c);
    expect(store.migrated.map((m) => m.version)).toEqual([1]);
    store.close();
    const again = Store.open(c);
    expect(again.migrated).toEqual([]);
    again.close();
    const db = new Sqlite(c.databasePath);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    db.close();
  });

  it('refuses a database written by a newer version of the bot, saying so', () => {
    const c = config();
    Store.open(c).close();
    const db = new Sqlite(c.databasePath);
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    expect(() => Store.open(c)).toThrow(/newer than this bot's/);
  });
});

describe('votes', () => {
  it('keeps one vote per answer per member: a second click changes it, the same click changes nothing', () => {
    const store = Store.open(config());
    const ask = entry();
    store.recordAsk(ask);
    expect(store.recordVote(ask.answerId, '111111111111111111', 1, NOW)).toBe('recorded');
    expect(store.recordVote(ask.answerId, '111111111111111111', 1, NOW)).toBe('unchanged');
    expect(store.recordVote(ask.answerId, '111111111111111111', -1, NOW)).toBe('changed');
    expect(store.recordVote(ask.answerId, '222222222222222222', 1, NOW)).toBe('recorded');
    expect(store.recordVote('no-such-answer', '111111111111111111', 1, NOW)).toBe('unknown-answer');
    expect(store.summary(0).votes).toEqual({ up: 1, down: 1 });
    expect([...store.log(0)][0]).toMatchObject({ up: 1, down: 1 });
    store.close();
  });

  it('stores a member as an HMAC of their id under FEEDBACK_SALT, or under a key the database keeps across restarts', () => {
    const salt = 'a-salt-of-at-least-16-chars';
    const salted = config({ feedbackSalt: salt });
    let store = Store.open(salted);
    store.recordAsk(entry({ answerId: 'salted' }));
    store.recordVote('salted', '333333333333333333', 1, NOW);
    store.close();
    let db = new Sqlite(salted.databasePath);
    expect(db.prepare('SELECT voter FROM votes').all()).toEqual([{ voter: voterKey(salt, '333333333333333333') }]);
    expect(db.prepare("SELECT count(*) AS n FROM meta WHERE key = 'feedback_salt'").get()).toEqual({ n: 0 });
    db.close();

    // No salt configured: one is made, kept, and used again after a restart (the same member is recognised).
    const unsalted = config();
    store = Store.open(unsalted);
    store.recordAsk(entry({ answerId: 'kept' }));
    expect(store.recordVote('kept', '444444444444444444', -1, NOW)).toBe('recorded');
    store.close();
    store = Store.open(unsalted);
    expect(store.recordVote('kept', '444444444444444444', -1, NOW)).toBe('unchanged');
    store.close();
    db = new Sqlite(unsalted.databasePath);
    const kept = db.prepare("SELECT value FROM meta WHERE key = 'feedback_salt'").get() as { value: string };
    expect(kept.value).toMatch(/^[0-9a-f]{64}$/);
    expect(db.prepare('SELECT voter FROM votes').all()).toEqual([{ voter: voterKey(kept.value, '444444444444444444') }]);
    db.close();
  });
});

describe('retention', () => {
  it('deletes questions (with their votes) and events older than RETENTION_DAYS, and keeps the rest', () => {
    const c = config({ retentionDays: 30 });
    const store = Store.open(c);
    const old = entry({ at: NOW - 31 * DAY, question: 'old question' });
    const recent = entry({ at: NOW - 29 * DAY, question: 'recent question' });
    store.recordAsk(old);
    store.recordAsk(recent);
    store.recordVote(old.answerId, '555555555555555555', -1, old.at + 1000);
    store.recordVote(recent.answerId, '555555555555555555', -1, recent.at + 1000);
    store.recordEvent('error', 0, NOW - 40 * DAY);
    store.recordEvent('cooldown', 0, NOW - DAY);
    store.close();

    const lines: string[] = [];
    const insight = Insight.open(c, createLogger({ sink: (_, line) => lines.push(line) }), () => NOW);
    insight.startRetention();
    insight.close();
    expect(lines.join('\n')).toMatch(/retention \(30 days\) deleted 1 questions and 1 events/);

    const after = Store.open(c);
    expect([...after.log(0)].map((r) => r.question)).toEqual(['recent question']);
    const summary = after.summary(0);
    expect(summary.votes).toEqual({ up: 0, down: 1 });
    expect(summary.errors).toBe(0);
    expect(summary.cooledDown).toBe(1);
    after.close();
    const db = new Sqlite(c.databasePath);
    expect(db.prepare('SELECT count(*) AS n FROM votes').get()).toEqual({ n: 1 });
    db.close();
  });

  it('keeps everything at RETENTION_DAYS=0', () => {
    const c = config({ retentionDays: 0 });
    const store = Store.open(c);
    store.recordAsk(entry({ at: NOW - 1000 * DAY }));
    store.close();
    const insight = Insight.open(c, createLogger({ sink: () => undefined }), () => NOW);
    insight.startRetention();
    insight.close();
    const after = Store.open(c);
    expect(after.summary(0).asked).toBe(1);
    after.close();
  });
});

describe('several writers', () => {
  it('a write kept waiting past the busy timeout is skipped with a warning; the store stays in use', () => {
    const c = config();
    const lines: string[] = [];
    const insight = Insight.open(c, createLogger({ sink: (level, line) => lines.push(`${level} ${line}`) }), () => NOW, { busyTimeoutMs: 50 });
    const other = new Sqlite(c.databasePath);
    other.exec('BEGIN EXCLUSIVE');
    insight.recordAsk(entry({ question: 'while locked' }));
    other.exec('COMMIT');
    other.close();
    insight.recordAsk(entry({ question: 'after the lock' }));
    expect(insight.available).toBe(true);
    expect(lines.filter((l) => !l.startsWith('info'))).toEqual([expect.stringMatching(/^warn Store busy: recording a question skipped \(database is locked\)/)]);
    expect(insight.summary(0)?.recentUnanswered).toEqual([]);
    expect(insight.summary(0)?.asked).toBe(1);
    insight.close();
  });
});

describe('figures', () => {
  it('counts a period over every shard: by topic, by shard, latency percentiles, recent unanswered', () => {
    const store = Store.open(config());
    store.recordAsk(entry({ at: NOW - 3 * DAY, shard: 1, topic: 'casualties', totalMs: 500 }));
    store.recordAsk(entry({ at: NOW - 2 * 3600_000, shard: 0, totalMs: 100 }));
    store.recordAsk(entry({ at: NOW - 3600_000, shard: 1, answered: false, topic: null, question: 'who won the cup', quotes: [], totalMs: 300 }));
    const day = store.summary(NOW - DAY);
    expect(day).toMatchObject({ asked: 2, answered: 1, abstained: 1, byShard: [{ shard: 0, asked: 1 }, { shard: 1, asked: 1 }] });
    expect(day.latency).toEqual({ p50: 100, p95: 300, samples: 2 });
    expect(day.recentUnanswered).toEqual([{ question: 'who won the cup', at: NOW - 3600_000 }]);
    const all = store.summary(0);
    expect(all.asked).toBe(3);
    expect(all.byTopic).toEqual([
      { topic: 'casualties', asked: 1, answered: 1 },
      { topic: 'displacement', asked: 1, answered: 1 },
      { topic: null, asked: 1, answered: 0 },
    ]);
    expect(all.firstAt).toBe(NOW - 3 * DAY);
    store.close();
  });
});

/** A small RFC 4180 reader, to read the export back. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  if (cell || row.length) rows.push([...row, cell]);
  return rows;
}

/** A CSV line read back into a LogRow (the export's types: booleans, numbers, JSON quotes, empty for null). */
function rowFromCsv(cells: string[]): LogRow {
  const get = (name: (typeof CSV_COLUMNS)[number]): string => cells[CSV_COLUMNS.indexOf(name)] ?? '';
  const text = (v: string): string => (/^'[=+\-@\t\r]/.test(v) ? v.slice(1) : v);
  const orNull = (v: string): string | null => (v === '' ? null : text(v));
  return {
    at: get('at'),
    guild_id: orNull(get('guild_id')),
    channel_id: orNull(get('channel_id')),
    via: get('via') as LogRow['via'],
    shard: Number(get('shard')),
    question: text(get('question')),
    topic: orNull(get('topic')),
    answered: get('answered') === 'true',
    quotes: JSON.parse(get('quotes')) as LogRow['quotes'],
    up: Number(get('up')),
    down: Number(get('down')),
    total_ms: Number(get('total_ms')),
    engine_ms: Number(get('engine_ms')),
  };
}

describe('export', () => {
  const c = config();
  const tricky = [
    entry({ question: 'Plain question about Idlib?', at: NOW - 2 * DAY }),
    entry({ question: 'A "quoted", comma\nand a line break', at: NOW - DAY, guildId: null, channelId: null, via: 'dm', topic: null, answered: false, quotes: [] }),
    entry({ question: '=HYPERLINK("http://evil.example","click")', at: NOW, shard: 1, totalMs: 12.5 }),
  ];
  const store = Store.open(c);
  for (const e of tricky) store.recordAsk(e);
  store.recordVote(tricky[0]!.answerId, '666666666666666666', -1, NOW);
  const expected = [...store.log(0)];
  store.close();

  it('writes CSV that reads back to the same rows, with formulas disarmed', () => {
    let csv = '';
    expect(writeLog(expected, 'csv', (chunk) => (csv += chunk))).toBe(3);
    const [header, ...lines] = parseCsv(csv);
    expect(header).toEqual([...CSV_COLUMNS]);
    expect(lines.map(rowFromCsv)).toEqual(expected);
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
    expect(csvCell('-1 casualties')).toBe("'-1 casualties");
    expect(csvCell(null)).toBe('');
  });

  it('writes JSON Lines that read back to the same rows', () => {
    let jsonl = '';
    writeLog(expected, 'jsonl', (chunk) => (jsonl += chunk));
    const lines = jsonl.trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines.map((l) => JSON.parse(l) as LogRow)).toEqual(expected);
    expect(expected[0]).toMatchObject({ question: 'Plain question about Idlib?', down: 1, quotes: tricky[0]!.quotes });
  });

  it('npm run export reads the file read-only, from --since, to stdout or --out', () => {
    const tsx = join(ROOT, 'node_modules', '.bin', 'tsx');
    const env = { PATH: process.env.PATH ?? '', HOME: temp.dir, DATABASE_PATH: c.databasePath };
    const run = (...args: string[]) => spawnSync(tsx, [join(ROOT, 'src', 'cli', 'export.ts'), ...args], { cwd: temp.dir, env, encoding: 'utf8' });

    const since = new Date(NOW - DAY).toISOString().slice(0, 10);
    const jsonl = run('--format', 'jsonl', '--since', since);
    expect(jsonl.status).toBe(0);
    const rows = jsonl.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as LogRow);
    expect(rows).toEqual(expected.filter((r) => Date.parse(r.at) >= Date.parse(`${since}T00:00:00Z`)));
    expect(rows).toHaveLength(2);
    expect(jsonl.stderr).toMatch(/Exported 2 questions from/);

    const out = join(temp.dir, 'log.csv');
    const csv = run('--out', out);
    expect(csv.status).toBe(0);
    expect(parseCsv(readFileSync(out, 'utf8')).slice(1).map(rowFromCsv)).toEqual(expected);

    const bad = run('--format', 'xlsx');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--format must be csv or jsonl, got "xlsx"/);
    expect(bad.stderr).toMatch(/usage: npm run export/);
    const missing = spawnSync(tsx, [join(ROOT, 'src', 'cli', 'export.ts')], { cwd: temp.dir, env: { ...env, DATABASE_PATH: join(temp.dir, 'none.db') }, encoding: 'utf8' });
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/cannot use the database .*none\.db/);
  });

  it('reads --since as a date or an ISO time, and refuses anything else', () => {
    expect(parseSince('2026-02-01')).toBe(Date.parse('2026-02-01T00:00:00Z'));
    expect(parseSince('2026-02-01T10:00:00Z')).toBe(Date.parse('2026-02-01T10:00:00Z'));
    expect(parseSince('last week')).toBeNull();
    expect(parseSince('2026-13-45')).toBeNull();
  });
});
