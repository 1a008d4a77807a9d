/**
 * The moderators' store settings, read from the environment (the CLI loads `.env` with dotenv first).
 * Every setting is documented where it is declared, and in `.env.example`.
 */
import { resolve } from 'node:path';

export interface StoreConfig {
  /**
   * DATABASE_PATH: the SQLite file (created on first start, with its folder). Relative paths are taken
   * from the folder the bot starts in (npm scripts: the project folder). Default `data/cited-answers.db`.
   */
  databasePath: string;
  /** RETENTION_DAYS: questions and votes older than this many days are deleted, at start and daily. 0 keeps everything. Default 90. */
  retentionDays: number;
  /**
   * FEEDBACK_SALT: the secret key for the keyed hash (HMAC-SHA256) that stands for a member in the vote
   * table. At least 16 characters. Unset: one is generated and kept in the database itself. Never logged.
   */
  feedbackSalt: string | null;
}

export const DEFAULT_DATABASE_PATH = 'data/cited-answers.db';
export const DEFAULT_RETENTION_DAYS = 90;
export const MIN_SALT_LENGTH = 16;

type Env = Readonly<Record<string, string | undefined>>;

/** Reads the store settings; problems are returned (not thrown) so that callers can list them with others. */
export function readStoreConfig(env: Env = process.env, cwd = process.cwd()): { config: StoreConfig; problems: string[] } {
  const problems: string[] = [];
  const path = env.DATABASE_PATH?.trim() || DEFAULT_DATABASE_PATH;
  const databasePath = path === ':memory:' ? path : resolve(cwd, path);

  let retentionDays = DEFAULT_RETENTION_DAYS;
  const retention = env.RETENTION_DAYS?.trim();
  if (retention) {
    if (/^\d{1,5}$/.test(retention)) retentionDays = Number(retention);
    else problems.push(`RETENTION_DAYS must be a whole number of days (0 keeps everything), got "${retention}".`);
  }

  let feedbackSalt: string | null = env.FEEDBACK_SALT?.trim() || null;
  if (feedbackSalt !== null && feedbackSalt.length < MIN_SALT_LENGTH) {
    problems.push(`FEEDBACK_SALT must be at least ${MIN_SALT_LENGTH} characters long (e.g. the output of \`openssl rand -hex 32\`).`);
    feedbackSalt = null;
  }
  return { config: { databasePath, retentionDays, feedbackSalt }, problems };
}
