/**
 * Errors in handlers: each gets a short id, is logged with it, and the person gets a short apology
 * carrying the same id, so a moderator can find the log line. The bot keeps running.
 *
 * Discord's own failures (a 5xx it kept giving, a request it refused) are logged as one line saying
 * what Discord answered to which route, without a stack trace: the trace would only show discord.js's
 * internals. Anything else is logged with its stack.
 */
import { randomBytes } from 'node:crypto';
import { DiscordAPIError, HTTPError, RESTJSONErrorCodes } from 'discord.js';
import type { Logger } from './logger.js';

/** A short id for one error, e.g. "e7c1f2a9". */
export function newErrorId(): string {
  return randomBytes(4).toString('hex');
}

/**
 * A request URL as a route: no host, no ids, no interaction token. "PATCH /webhooks/:id/:token/messages/@original".
 */
export function routeOf(method: string, url: string): string {
  let path = url;
  try {
    path = decodeURIComponent(new URL(url).pathname);
  } catch {
    /* not a full URL: keep it as it is */
  }
  const route = path
    .replace(/^.*?\/v\d+(?=\/)/, '')
    .replace(/^\/(webhooks|interactions)\/[^/]+\/[^/]+/, '/$1/:id/:token')
    .replace(/\/\d{15,}(?=\/|$)/g, '/:id');
  return `${method.toUpperCase()} ${route}`;
}

/** One line on what Discord answered, when the error is Discord's answer to a request; else null. */
export function discordFailure(error: unknown): string | null {
  if (error instanceof HTTPError) {
    return `Discord answered ${error.status} ${error.message} to ${routeOf(error.method, error.url)}, retries included`;
  }
  if (error instanceof DiscordAPIError) {
    return `Discord refused ${routeOf(error.method, error.url)} with ${error.status} (code ${error.code}: ${error.message.split('\n')[0] ?? ''})`;
  }
  if (error instanceof Error && error.name === 'AbortError') return 'Discord did not answer a request in time (discord.js gave up after its retries)';
  const code = error instanceof Error ? (error as { code?: unknown }).code : undefined;
  if (error instanceof Error && (code === 'UND_ERR_SOCKET' || code === 'ECONNRESET' || error.name === 'SocketError')) {
    return `the connection to Discord dropped before it answered (${error.message})`;
  }
  return null;
}

/** The interaction's token is no longer valid: not acknowledged within 3 seconds, or older than 15 minutes. */
export function isExpiredInteraction(error: unknown): boolean {
  return (
    error instanceof DiscordAPIError &&
    (error.code === RESTJSONErrorCodes.UnknownInteraction || error.code === RESTJSONErrorCodes.UnknownWebhook)
  );
}

/**
 * Discord had already taken an acknowledgement for this interaction: an earlier attempt of ours went
 * through (discord.js retries a request whose answer it did not get, e.g. after a timeout).
 */
export function isAlreadyAcknowledged(error: unknown): boolean {
  return error instanceof DiscordAPIError && error.code === RESTJSONErrorCodes.InteractionHasAlreadyBeenAcknowledged;
}

/** Discord refused because the bot may not see or write in that channel. */
export function isMissingPermission(error: unknown): boolean {
  return (
    error instanceof DiscordAPIError &&
    (error.status === 403 ||
      error.code === RESTJSONErrorCodes.MissingPermissions ||
      error.code === RESTJSONErrorCodes.MissingAccess)
  );
}

/** Logs an error under a new id and returns the id. */
export function logError(logger: Logger, where: string, error: unknown): string {
  const id = newErrorId();
  const failure = discordFailure(error);
  if (failure) logger.error(`[error ${id}] ${where}: ${failure}`);
  else logger.error(`[error ${id}] ${where}`, error);
  return id;
}

/** What the person is told. */
export function apology(errorId: string): string {
  return `Sorry, something went wrong on my side while handling that (error id \`${errorId}\`). Please try again in a moment; if it keeps happening, tell a moderator the error id.`;
}
