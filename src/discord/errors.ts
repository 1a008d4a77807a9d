/**
 * Errors in handlers: each gets a short id, is logged with it, and the person gets a short apology
 * carrying the same id, so a moderator can find the log line. The bot keeps running.
 */
import { randomBytes } from 'node:crypto';
import type { Logger } from './logger.js';

/** A short id for one error, e.g. "e7c1f2a9". */
export function newErrorId(): string {
  return randomBytes(4).toString('hex');
}

/** Logs an error under a new id and returns the id. */
export function logError(logger: Logger, where: string, error: unknown): string {
  const id = newErrorId();
  logger.error(`[error ${id}] ${where}`, error);
  return id;
}

/** What the person is told. */
export function apology(errorId: string): string {
  return `Sorry, something went wrong on my side while handling that (error id \`${errorId}\`). Please try again in a moment; if it keeps happening, tell a moderator the error id.`;
}
