/**
 * The store's schema, as numbered migrations. `PRAGMA user_version` holds the number of the last one
 * applied; each runs once, in its own immediate transaction (so two shards starting together cannot both
 * apply it). A migration is never edited once released: a change is a new migration.
 */
import type { Database } from 'better-sqlite3';

export interface Migration {
  version: number;
  /** What it does, for the log. */
  description: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'questions, votes, events, settings',
    sql: `
      CREATE TABLE meta (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );
      -- One row per question answered (or abstained on). No user id: who asked is never stored.
      CREATE TABLE asks (
        id         INTEGER PRIMARY KEY,
        answer_id  TEXT NOT NULL UNIQUE,      -- the id the answer's buttons carry
        at         INTEGER NOT NULL,          -- ms since 1970
        guild_id   TEXT,                      -- null in DMs
        channel_id TEXT,                      -- null in DMs (a DM channel stands for a person)
        via        TEXT NOT NULL,             -- slash | slash-private | mention | dm
        shard      INTEGER NOT NULL,
        question   TEXT NOT NULL,             -- mentions replaced by @member, @role, #channel
        topic      TEXT,
        answered   INTEGER NOT NULL,          -- 0: abstained
        quotes     TEXT NOT NULL,             -- JSON [{ rank, article, start, end }]
        total_ms   REAL NOT NULL,
        engine_ms  REAL NOT NULL
      );
      CREATE INDEX asks_at ON asks (at);
      -- One vote per answer per member; a second click replaces it. The member is a keyed hash.
      CREATE TABLE votes (
        answer_id TEXT NOT NULL REFERENCES asks (answer_id) ON DELETE CASCADE,
        voter     TEXT NOT NULL,              -- HMAC-SHA256(FEEDBACK_SALT, user id), hex
        vote      INTEGER NOT NULL CHECK (vote IN (-1, 1)),
        at        INTEGER NOT NULL,
        PRIMARY KEY (answer_id, voter)
      );
      -- Handler errors and questions held back by the cooldown, for /stats.
      CREATE TABLE events (
        id    INTEGER PRIMARY KEY,
        at    INTEGER NOT NULL,
        kind  TEXT NOT NULL CHECK (kind IN ('error', 'cooldown')),
        shard INTEGER NOT NULL
      );
      CREATE INDEX events_at ON events (at);
    `,
  },
];

/** The schema version this code writes. */
export const SCHEMA_VERSION = MIGRATIONS.reduce((max, m) => Math.max(max, m.version), 0);

/** Applies the migrations the database lacks; returns the ones applied. Refuses a database from a newer version. */
export function migrate(db: Database): Migration[] {
  const version = (): number => Number(db.pragma('user_version', { simple: true }));
  if (version() > SCHEMA_VERSION) {
    throw new Error(`the database has schema version ${version()}, newer than this bot's ${SCHEMA_VERSION}: update the bot`);
  }
  const applied: Migration[] = [];
  for (const migration of MIGRATIONS) {
    if (version() >= migration.version) continue;
    db.transaction(() => {
      if (version() >= migration.version) return; // another process applied it first
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
      applied.push(migration);
    }).immediate();
  }
  return applied;
}
