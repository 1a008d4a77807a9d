/**
 * The moderators' store: an embedded SQLite database (better-sqlite3) holding every question asked
 * (never who asked), the members' votes on answers (as keyed hashes), and errors and cooldown refusals.
 * `/stats`, `/gaps` and `npm run export` read it; it survives restarts and is shared by every shard.
 *
 * Safe for several processes at once: WAL mode (readers never wait for the writer), a busy timeout
 * (a writer waits its turn instead of failing), and migrations in immediate transactions.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Sqlite from 'better-sqlite3';
import type { Database } from 'better-sqlite3';
import type { StoreConfig } from './config.js';
import { SCHEMA_VERSION, migrate } from './migrations.js';
import type { Migration } from './migrations.js';
import { resolveSalt, voterKey } from './voter.js';

/** How long a write waits for another process's write before giving up (ms). */
export const BUSY_TIMEOUT_MS = 5000;

/** Where a question came from. */
export type Via = 'slash' | 'slash-private' | 'mention' | 'dm';

/** One quote of an answer, as an article id and character offsets into its file; `rank` is the quote's place (1 = best). */
export interface QuoteRef {
  rank: number;
  article: string;
  start: number;
  end: number;
}

/** A question and what the bot did with it. No user id: who asked is never stored. */
export interface AskEntry {
  /** The id the answer's buttons carry. */
  answerId: string;
  /** When it was answered (ms since 1970). */
  at: number;
  guildId: string | null;
  channelId: string | null;
  via: Via;
  shard: number;
  question: string;
  topic: string | null;
  answered: boolean;
  /** Every quote's every source (several outlets may print one quote). */
  quotes: QuoteRef[];
  totalMs: number;
  engineMs: number;
}

export type Vote = 1 | -1;

/** What a click did: a first vote, a changed one, the same again, or none (the answer is not in the store). */
export type VoteOutcome = 'recorded' | 'changed' | 'unchanged' | 'unknown-answer';

export type EventKind = 'error' | 'cooldown';

export interface TopicCount {
  topic: string | null;
  asked: number;
  answered: number;
}

export interface Percentiles {
  p50: number;
  p95: number;
  /** How many durations they were taken over. */
  samples: number;
}

/** What `/stats` shows for a period, over every shard. */
export interface Summary {
  /** The period's first moment (0: everything kept). */
  since: number;
  /** The oldest question kept in the period, or null when there is none. */
  firstAt: number | null;
  asked: number;
  answered: number;
  abstained: number;
  byTopic: TopicCount[];
  byShard: { shard: number; asked: number }[];
  latency: Percentiles;
  engineLatency: Percentiles;
  votes: { up: number; down: number };
  errors: number;
  cooledDown: number;
  /** Most recent first. */
  recentUnanswered: { question: string; at: number }[];
}

/** A question the bot could not answer, or answered and was voted down. */
export interface GapRow {
  question: string;
  at: number;
  answered: boolean;
  /** 👎 votes on the answer (0 for an abstention). */
  down: number;
}

/** One line of the exported log: a question with its answer's quotes and votes. */
export interface LogRow {
  at: string;
  guild_id: string | null;
  channel_id: string | null;
  via: Via;
  shard: number;
  question: string;
  topic: string | null;
  answered: boolean;
  quotes: QuoteRef[];
  up: number;
  down: number;
  total_ms: number;
  engine_ms: number;
}

export class StoreError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreError';
  }
}

export interface OpenOptions {
  /** Open an existing file for reading only (the export): nothing is created, migrated or written. */
  readonly?: boolean;
  /** How long a write waits for another connection's (default BUSY_TIMEOUT_MS). */
  busyTimeoutMs?: number;
}

const RECENT_UNANSWERED = 5;
/** At most this many gap questions are read for grouping (the most recent). */
export const MAX_GAP_ROWS = 5000;

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

interface AskRow {
  at: number;
  guild_id: string | null;
  channel_id: string | null;
  via: Via;
  shard: number;
  question: string;
  topic: string | null;
  answered: number;
  quotes: string;
  total_ms: number;
  engine_ms: number;
  up: number | null;
  down: number | null;
}

function parseQuotes(json: string): QuoteRef[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? (value as QuoteRef[]) : [];
  } catch {
    return [];
  }
}

export class Store {
  readonly path: string;
  /** Migrations applied when it was opened (empty when the schema was current). */
  readonly migrated: readonly Migration[];
  readonly #db: Database;
  readonly #salt: string;

  private constructor(path: string, db: Database, salt: string, migrated: Migration[]) {
    this.path = path;
    this.#db = db;
    this.#salt = salt;
    this.migrated = migrated;
  }

  /**
   * Opens (creating it and its folder when needed) and migrates the database. Throws a StoreError that
   * says what is wrong in one line: not a database, not writable, a newer schema.
   */
  static open(config: StoreConfig, options: OpenOptions = {}): Store {
    const path = config.databasePath;
    const timeout = options.busyTimeoutMs ?? BUSY_TIMEOUT_MS;
    let db: Database | null = null;
    try {
      if (options.readonly) {
        db = new Sqlite(path, { readonly: true, fileMustExist: true, timeout });
        const version = Number(db.pragma('user_version', { simple: true }));
        if (version !== SCHEMA_VERSION) throw new Error(`its schema is version ${version}, this bot reads ${SCHEMA_VERSION}: start the bot once to update it`);
        return new Store(path, db, '', []);
      }
      if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
      db = new Sqlite(path, { timeout });
      if (path !== ':memory:') {
        const mode = String(db.pragma('journal_mode = WAL', { simple: true }));
        if (mode !== 'wal') throw new Error(`could not switch to WAL mode (got ${mode})`);
      }
      db.pragma('synchronous = NORMAL');
      db.pragma('foreign_keys = ON');
      const migrated = migrate(db);
      const salt = resolveSalt(db, config.feedbackSalt);
      return new Store(path, db, salt, migrated);
    } catch (error) {
      db?.close();
      throw new StoreError(`cannot use the database ${path}: ${reason(error)}`, { cause: error });
    }
  }

  close(): void {
    if (this.#db.open) this.#db.close();
  }

  // -------------------------------------------------------------------------------------------
  // Writing

  recordAsk(entry: AskEntry): void {
    this.#db
      .prepare(
        `INSERT INTO asks (answer_id, at, guild_id, channel_id, via, shard, question, topic, answered, quotes, total_ms, engine_ms)
         VALUES (@answerId, @at, @guildId, @channelId, @via, @shard, @question, @topic, @answered, @quotes, @totalMs, @engineMs)`,
      )
      .run({ ...entry, answered: entry.answered ? 1 : 0, quotes: JSON.stringify(entry.quotes) });
  }

  /** Records a member's vote on an answer: once per answer, a different second vote replaces the first. */
  recordVote(answerId: string, userId: string, vote: Vote, at: number): VoteOutcome {
    const voter = voterKey(this.#salt, userId);
    return this.#db
      .transaction((): VoteOutcome => {
        if (!this.#db.prepare('SELECT 1 FROM asks WHERE answer_id = ?').get(answerId)) return 'unknown-answer';
        const previous = this.#db.prepare('SELECT vote FROM votes WHERE answer_id = ? AND voter = ?').get(answerId, voter) as
          | { vote: number }
          | undefined;
        if (previous?.vote === vote) return 'unchanged';
        this.#db
          .prepare(
            `INSERT INTO votes (answer_id, voter, vote, at) VALUES (?, ?, ?, ?)
             ON CONFLICT (answer_id, voter) DO UPDATE SET vote = excluded.vote, at = excluded.at`,
          )
          .run(answerId, voter, vote, at);
        return previous ? 'changed' : 'recorded';
      })
      .immediate();
  }

  recordEvent(kind: EventKind, shard: number, at: number): void {
    this.#db.prepare('INSERT INTO events (at, kind, shard) VALUES (?, ?, ?)').run(at, kind, shard);
  }

  /** Deletes what is older than `cutoff` (ms since 1970): questions with their votes, and events. */
  prune(cutoff: number): { asks: number; events: number } {
    return this.#db.transaction(() => {
      const asks = this.#db.prepare('DELETE FROM asks WHERE at < ?').run(cutoff).changes;
      const events = this.#db.prepare('DELETE FROM events WHERE at < ?').run(cutoff).changes;
      return { asks, events };
    })();
  }

  // -------------------------------------------------------------------------------------------
  // Reading

  /** The figures for `/stats` from `since` on, over every shard. */
  summary(since: number): Summary {
    const db = this.#db;
    return db.transaction((): Summary => {
      const totals = db.prepare('SELECT count(*) AS asked, coalesce(sum(answered), 0) AS answered, min(at) AS firstAt FROM asks WHERE at >= ?').get(since) as {
        asked: number;
        answered: number;
        firstAt: number | null;
      };
      const byTopic = (
        db
          .prepare('SELECT topic, count(*) AS asked, sum(answered) AS answered FROM asks WHERE at >= ? GROUP BY topic ORDER BY asked DESC, topic IS NULL, topic')
          .all(since) as TopicCount[]
      ).map((t) => ({ topic: t.topic, asked: t.asked, answered: t.answered }));
      const byShard = db.prepare('SELECT shard, count(*) AS asked FROM asks WHERE at >= ? GROUP BY shard ORDER BY shard').all(since) as {
        shard: number;
        asked: number;
      }[];
      const votes = db
        .prepare('SELECT coalesce(sum(vote = 1), 0) AS up, coalesce(sum(vote = -1), 0) AS down FROM votes WHERE at >= ?')
        .get(since) as { up: number; down: number };
      const events = new Map(
        (db.prepare('SELECT kind, count(*) AS n FROM events WHERE at >= ? GROUP BY kind').all(since) as { kind: EventKind; n: number }[]).map((e) => [
          e.kind,
          e.n,
        ]),
      );
      const recentUnanswered = db
        .prepare('SELECT question, at FROM asks WHERE answered = 0 AND at >= ? ORDER BY at DESC, id DESC LIMIT ?')
        .all(since, RECENT_UNANSWERED) as { question: string; at: number }[];
      return {
        since,
        firstAt: totals.firstAt,
        asked: totals.asked,
        answered: totals.answered,
        abstained: totals.asked - totals.answered,
        byTopic,
        byShard,
        latency: this.#percentiles('total_ms', since, totals.asked),
        engineLatency: this.#percentiles('engine_ms', since, totals.asked),
        votes,
        errors: events.get('error') ?? 0,
        cooledDown: events.get('cooldown') ?? 0,
        recentUnanswered,
      };
    })();
  }

  /** Nearest-rank percentiles of a duration column, computed in the database. */
  #percentiles(column: 'total_ms' | 'engine_ms', since: number, samples: number): Percentiles {
    const at = (p: number): number => {
      if (samples === 0) return 0;
      const rank = Math.min(samples, Math.max(1, Math.ceil((p / 100) * samples)));
      const row = this.#db.prepare(`SELECT ${column} AS v FROM asks WHERE at >= ? ORDER BY ${column} LIMIT 1 OFFSET ?`).get(since, rank - 1) as
        | { v: number }
        | undefined;
      return row?.v ?? 0;
    };
    return { p50: at(50), p95: at(95), samples };
  }

  /** Questions abstained on or voted down, from `since` on, most recent first (at most MAX_GAP_ROWS). */
  gaps(since: number): GapRow[] {
    const rows = this.#db
      .prepare(
        `SELECT a.question, a.at, a.answered, coalesce(sum(v.vote = -1), 0) AS down
         FROM asks a LEFT JOIN votes v ON v.answer_id = a.answer_id
         WHERE a.at >= ?
         GROUP BY a.id
         HAVING a.answered = 0 OR down > 0
         ORDER BY a.at DESC, a.id DESC
         LIMIT ?`,
      )
      .all(since, MAX_GAP_ROWS) as { question: string; at: number; answered: number; down: number }[];
    return rows.map((r) => ({ question: r.question, at: r.at, answered: r.answered === 1, down: r.down }));
  }

  /** The log from `since` on, oldest first, one row per question with its votes counted. */
  *log(since: number): Generator<LogRow> {
    const statement = this.#db.prepare(
      `SELECT a.at, a.guild_id, a.channel_id, a.via, a.shard, a.question, a.topic, a.answered, a.quotes, a.total_ms, a.engine_ms,
              sum(v.vote = 1) AS up, sum(v.vote = -1) AS down
       FROM asks a LEFT JOIN votes v ON v.answer_id = a.answer_id
       WHERE a.at >= ?
       GROUP BY a.id
       ORDER BY a.at, a.id`,
    );
    for (const raw of statement.iterate(since)) {
      const r = raw as AskRow;
      yield {
        at: new Date(r.at).toISOString(),
        guild_id: r.guild_id,
        channel_id: r.channel_id,
        via: r.via,
        shard: r.shard,
        question: r.question,
        topic: r.topic,
        answered: r.answered === 1,
        quotes: parseQuotes(r.quotes),
        up: r.up ?? 0,
        down: r.down ?? 0,
        total_ms: r.total_ms,
        engine_ms: r.engine_ms,
      };
    }
  }
}
