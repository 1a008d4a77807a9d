/**
 * Recent answers, kept so that "More sources" can page through an answer's further quotes. (Votes do
 * not need them: the store keeps every answer's id.)
 * A small least-recently-used map: old answers fall out, and their buttons then say so politely.
 */
import { randomBytes } from 'node:crypto';
import type { Answer } from '../answer/types.js';

export interface StoredAnswer {
  answer: Answer;
  /** Who asked: only they page the answer in place; anyone else gets the page privately. */
  userId: string;
}

/** How many answers are kept by default. */
export const DEFAULT_ANSWER_STORE_SIZE = 500;

export class AnswerStore {
  readonly #entries = new Map<string, StoredAnswer>();
  readonly #max: number;

  /** @param max how many answers to keep (at least 1). */
  constructor(max = DEFAULT_ANSWER_STORE_SIZE) {
    this.#max = Math.max(1, max);
  }

  /** A fresh answer id: random, so a button from before a restart never finds another answer. */
  newId(): string {
    return randomBytes(6).toString('base64url');
  }

  /** Keeps an answer and returns its id (also the id its votes are stored under). */
  put(entry: StoredAnswer): string {
    const id = this.newId();
    this.#entries.set(id, entry);
    while (this.#entries.size > this.#max) {
      const oldest = this.#entries.keys().next().value;
      if (oldest === undefined) break;
      this.#entries.delete(oldest);
    }
    return id;
  }

  /** The answer with that id (now the most recently used), or undefined when it has fallen out. */
  get(id: string): StoredAnswer | undefined {
    const entry = this.#entries.get(id);
    if (entry) {
      this.#entries.delete(id);
      this.#entries.set(id, entry);
    }
    return entry;
  }

  get size(): number {
    return this.#entries.size;
  }
}
