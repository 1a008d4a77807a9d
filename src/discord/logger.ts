/**
 * A small logger for the bot. Every line passes through redaction before it reaches its sink, so a
 * secret (the bot token) never appears in a log, whatever was logged: a message, an error, its stack.
 */
import { inspect } from 'node:util';
import type { LogLevel } from './config.js';

export type { LogLevel };

export interface Logger {
  debug(message: string, detail?: unknown): void;
  info(message: string, detail?: unknown): void;
  warn(message: string, detail?: unknown): void;
  error(message: string, detail?: unknown): void;
}

/** Where finished, redacted lines go. */
export type LogSink = (level: LogLevel, line: string) => void;

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export const REDACTED = '[redacted]';

/** Writes to stderr (warnings and errors) or stdout, one timestamped line per entry. */
export const consoleSink: LogSink = (level, line) => {
  const text = `${new Date().toISOString()} ${level.toUpperCase().padEnd(5)} ${line}\n`;
  if (RANK[level] >= RANK.warn) process.stderr.write(text);
  else process.stdout.write(text);
};

/** Turns a detail (an Error, an object, a string) into text. */
export function formatDetail(detail: unknown): string {
  if (detail === undefined) return '';
  if (detail instanceof Error) return detail.stack ?? `${detail.name}: ${detail.message}`;
  if (typeof detail === 'string') return detail;
  return inspect(detail, { depth: 4, breakLength: Infinity });
}

/**
 * Interaction tokens are credentials too (for 15 minutes, they post as the bot): Discord's begin with
 * "interaction" in base64, and they stand in webhook and callback paths, which discord.js's REST traces show.
 */
const INTERACTION_TOKEN = /aW50ZXJhY3Rpb24[A-Za-z0-9_-]*/g;
const TOKEN_IN_PATH = /(\/(?:webhooks|interactions)\/\d+\/)[A-Za-z0-9_.-]+/g;

/**
 * Replaces every occurrence of each secret (empty or very short ones are ignored), and every interaction
 * or webhook token, with "[redacted]".
 */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length < 8) continue;
    out = out.split(secret).join(REDACTED);
  }
  return out.replace(INTERACTION_TOKEN, REDACTED).replace(TOKEN_IN_PATH, `$1${REDACTED}`);
}

export interface LoggerOptions {
  /** Lowest level written (default info). */
  level?: LogLevel;
  /** Strings that must never be written (the token). */
  secrets?: readonly string[];
  /** Where lines go (default: the console). */
  sink?: LogSink;
  /** Put before every line in brackets, e.g. "shard 1" (several processes writing to one console). */
  prefix?: string;
}

/** A logger writing redacted lines to a sink. */
export function createLogger(options: LoggerOptions = {}): Logger {
  const min = RANK[options.level ?? 'info'];
  const secrets = options.secrets ?? [];
  const sink = options.sink ?? consoleSink;
  const prefix = options.prefix ? `[${options.prefix}] ` : '';
  const write = (level: LogLevel) => (message: string, detail?: unknown): void => {
    if (RANK[level] < min) return;
    const extra = formatDetail(detail);
    sink(level, prefix + redact(extra ? `${message} ${extra}` : message, secrets));
  };
  return { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
}

/**
 * Wraps any logger so that what it receives is already formatted and redacted: used by the bot on
 * whatever logger it is given.
 */
export function redactingLogger(inner: Logger, secrets: readonly string[]): Logger {
  const wrap = (fn: (message: string) => void) => (message: string, detail?: unknown): void => {
    const extra = formatDetail(detail);
    fn(redact(extra ? `${message} ${extra}` : message, secrets));
  };
  return {
    debug: wrap((m) => inner.debug(m)),
    info: wrap((m) => inner.info(m)),
    warn: wrap((m) => inner.warn(m)),
    error: wrap((m) => inner.error(m)),
  };
}
