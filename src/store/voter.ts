/**
 * Who voted is stored only as a keyed hash: HMAC-SHA256 of the Discord user id under a secret key. The
 * same member gets the same hash (one vote per answer, a second click changes it); the hash cannot be
 * turned back into the id without the key.
 *
 * The key is FEEDBACK_SALT when set. Otherwise one is generated on first start and kept in the
 * database's `meta` table, so every shard and every restart uses the same one. Kept there, it protects
 * against a reader of an export or a log, not against someone holding the database file and a list of
 * candidate member ids: set FEEDBACK_SALT (kept apart from the file) for that.
 */
import { createHmac, randomBytes } from 'node:crypto';
import type { Database } from 'better-sqlite3';

const SALT_KEY = 'feedback_salt';

/** The keyed hash that stands for a member. */
export function voterKey(salt: string, userId: string): string {
  return createHmac('sha256', salt).update(userId, 'utf8').digest('hex');
}

/** The configured key, or the database's own (made once; the first process to write it wins). */
export function resolveSalt(db: Database, configured: string | null): string {
  if (configured) return configured;
  db.prepare('INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)').run(SALT_KEY, randomBytes(32).toString('hex'));
  const row = db.prepare('SELECT value FROM meta WHERE key = ?').get(SALT_KEY) as { value: string } | undefined;
  if (!row) throw new Error('the feedback key could not be stored');
  return row.value;
}
