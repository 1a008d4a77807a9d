/**
 * The bot's side of the moderators' store: records what happens and reads it back for `/stats` and
 * `/gaps`, and never lets the store stop the bot. When the database cannot be opened (a corrupt file, a
 * read-only one, a folder that cannot be made) or a write fails later, it logs one clear line, stops
 * using the store, and says so wherever its figures would be shown; the bot answers as before.
 */
import type { StoreConfig } from '../store/config.js';
import { retentionCutoff } from '../store/period.js';
import { Store } from '../store/store.js';
import type { AskEntry, EventKind, GapRow, OpenOptions, Summary, Vote, VoteOutcome } from '../store/store.js';
import type { Logger } from './logger.js';

/** SQLite's "busy" and "locked": another connection held the database past the busy timeout. */
function isBusy(error: unknown): boolean {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  return code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED');
}

/** How often retention runs while the bot is up. */
export const RETENTION_INTERVAL_MS = 86_400_000;

export class Insight {
  readonly #logger: Logger;
  readonly #retentionDays: number;
  readonly #now: () => number;
  #store: Store | null;
  #problem: string | null;
  #timer: NodeJS.Timeout | null = null;

  private constructor(store: Store | null, problem: string | null, retentionDays: number, logger: Logger, now: () => number) {
    this.#store = store;
    this.#problem = problem;
    this.#retentionDays = retentionDays;
    this.#logger = logger;
    this.#now = now;
  }

  /** Opens the store; on failure logs one line and returns an Insight that records nothing. */
  static open(config: StoreConfig, logger: Logger, now: () => number = Date.now, options: OpenOptions = {}): Insight {
    try {
      const store = Store.open(config, options);
      for (const m of store.migrated) logger.info(`Store: applied migration ${m.version} (${m.description}) to ${store.path}`);
      return new Insight(store, null, config.retentionDays, logger, now);
    } catch (error) {
      const problem = error instanceof Error ? error.message : String(error);
      logger.error(`Store unavailable, answering without recording (feedback, /stats and /gaps are off until it is fixed): ${problem}`);
      return new Insight(null, problem, config.retentionDays, logger, now);
    }
  }

  /** True while the store is open and writable. */
  get available(): boolean {
    return this.#store !== null;
  }

  /** Why the store is unavailable, or null. */
  get problem(): string | null {
    return this.#problem;
  }

  /**
   * Runs `fn` on the store; on an error, logs it once, gives up the store, and returns `fallback`. A store
   * busy past its timeout (other shards writing) loses only this one record, with a warning.
   */
  #use<T>(what: string, fallback: T, fn: (store: Store) => T): T {
    const store = this.#store;
    if (!store) return fallback;
    try {
      return fn(store);
    } catch (error) {
      if (isBusy(error)) {
        this.#logger.warn(`Store busy: ${what} skipped (${error instanceof Error ? error.message : String(error)})`);
        return fallback;
      }
      this.#problem = `${what} failed: ${error instanceof Error ? error.message : String(error)}`;
      this.#store = null;
      store.close();
      this.#logger.error(`Store unavailable from now on, answering without recording: ${this.#problem} (${store.path})`);
      return fallback;
    }
  }

  recordAsk(entry: AskEntry): void {
    this.#use('recording a question', undefined, (s) => s.recordAsk(entry));
  }

  /** A member's vote; 'unavailable' when the store is not in use. */
  recordVote(answerId: string, userId: string, vote: Vote): VoteOutcome | 'unavailable' {
    return this.#use<VoteOutcome | 'unavailable'>('recording a vote', 'unavailable', (s) => s.recordVote(answerId, userId, vote, this.#now()));
  }

  recordEvent(kind: EventKind, shard: number): void {
    this.#use(`recording an ${kind}`, undefined, (s) => s.recordEvent(kind, shard, this.#now()));
  }

  /** `/stats` figures from `since` on, or null when the store is unavailable. */
  summary(since: number): Summary | null {
    return this.#use<Summary | null>('reading the statistics', null, (s) => s.summary(since));
  }

  /** Gap questions from `since` on, or null when the store is unavailable. */
  gaps(since: number): GapRow[] | null {
    return this.#use<GapRow[] | null>('reading the unanswered questions', null, (s) => s.gaps(since));
  }

  /** Deletes what is older than RETENTION_DAYS; logs what it deleted. */
  applyRetention(): void {
    const cutoff = retentionCutoff(this.#retentionDays, this.#now());
    if (cutoff === null) return;
    const removed = this.#use('applying retention', null, (s) => s.prune(cutoff));
    if (removed && removed.asks + removed.events > 0) {
      this.#logger.info(`Store: retention (${this.#retentionDays} days) deleted ${removed.asks} questions and ${removed.events} events`);
    }
  }

  /** Applies retention now and then daily, until `close`. */
  startRetention(): void {
    this.applyRetention();
    if (this.#timer || this.#retentionDays === 0) return;
    this.#timer = setInterval(() => this.applyRetention(), RETENTION_INTERVAL_MS);
    this.#timer.unref();
  }

  close(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    this.#store?.close();
    this.#store = null;
    this.#problem ??= 'the store was closed';
  }
}
