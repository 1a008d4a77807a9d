/**
 * Answering one question, the same way for `/ask`, mentions and DMs: ask the engine for enough quotes
 * to page through, keep the answer for "More sources" and the feedback buttons, render the first page;
 * then record it (in memory for this process, and in the store for moderators).
 */
import { performance } from 'node:perf_hooks';
import type { Answer } from '../answer/types.js';
import { collapse, renderAnswer } from '../render/discord.js';
import type { DiscordMessage } from '../render/discord.js';
import type { EventKind, QuoteRef, Via } from '../store/store.js';
import type { BotContext } from './context.js';
import { shardOf } from './sharding.js';

/** Quotes asked of the engine per question: three pages of three. */
export const QUOTES_TO_FETCH = 9;

export interface PreparedAnswer {
  answer: Answer;
  message: DiscordMessage;
  /** The id the answer's buttons carry (null for an abstention, which has none). */
  answerId: string | null;
  /** Time spent in the engine, in milliseconds. */
  engineMs: number;
}

/** Where a question was asked: how, and in which server and channel (null in DMs). */
export interface AskedWhere {
  via: Via;
  guildId: string | null;
  channelId: string | null;
}

const VIA_LABEL: Record<Via, string> = { slash: '/ask', 'slash-private': '/ask (private)', mention: 'mention', dm: 'DM' };

const turns = new WeakMap<BotContext, Promise<void>>();

/**
 * Waits for this question's turn: one question is answered per event-loop turn, so that a burst of
 * questions never holds the loop for long. Between two answers, new questions are acknowledged (Discord
 * wants that within 3 seconds), heartbeats go out, and connection timers run on time.
 */
export function nextTurn(ctx: BotContext): Promise<void> {
  const turn = (turns.get(ctx) ?? Promise.resolve()).then(() => new Promise<void>((resolve) => setImmediate(resolve)));
  turns.set(ctx, turn);
  return turn;
}

/** Asks the engine and renders the answer's first page, with 👍 / 👎 and page buttons when there are more. */
export function prepareAnswer(ctx: BotContext, question: string, userId: string): PreparedAnswer {
  const started = performance.now();
  const answer = ctx.engine.ask(collapse(question), { top: QUOTES_TO_FETCH });
  const engineMs = performance.now() - started;
  const answerId = answer.answered && answer.quotes.length > 0 ? ctx.answers.put({ answer, userId }) : null;
  return { answer, engineMs, answerId, message: renderAnswer(answer, answerId ? { answerId, feedback: true } : {}) };
}

/**
 * Takes Discord ids out of a question before it is stored: a user, role or channel mention becomes
 * `@member`, `@role` or `#channel`, and a bare id-like number `[id]`. Who asked is never stored either.
 */
export function scrubIds(question: string): string {
  return question
    .replace(/<@!?\d+>/g, '@member')
    .replace(/<@&\d+>/g, '@role')
    .replace(/<#\d+>/g, '#channel')
    .replace(/\b\d{17,20}\b/g, '[id]');
}

/** Each quote's every source, as article id and offsets. */
export function quoteRefs(answer: Answer): QuoteRef[] {
  return answer.quotes.flatMap((quote, i) => quote.sources.map((s) => ({ rank: i + 1, article: s.id, start: s.start, end: s.end })));
}

/** An answer slower than this, question to answer sent, is logged as a warning (Discord's acknowledgement deadline). */
export const SLOW_ANSWER_MS = 3000;

/** At most one slow-answer warning a minute per bot: a burst of slow answers is one warning, the rest info lines. */
const SLOW_WARNING_EVERY_MS = 60_000;
const lastSlowWarning = new WeakMap<BotContext, number>();

/** Records an answer that was sent; `receivedAt` is when the question arrived (performance.now()). */
export function recordAnswer(ctx: BotContext, prepared: PreparedAnswer, receivedAt: number, where: AskedWhere): void {
  const totalMs = performance.now() - receivedAt;
  const { answer } = prepared;
  // Small talk is not a question the articles failed to answer: it is counted nowhere a question is (the
  // store's coverage gaps and figures, and the in-memory figures /stats falls back on without a store).
  if (!answer.chat) recordQuestion(ctx, prepared, totalMs, where);
  const outcome = answer.chat ? `small talk (${answer.chat})` : answer.answered ? `answered with ${answer.quotes.length} quotes` : 'abstained';
  const line = `${VIA_LABEL[where.via]}: ${outcome} (topic ${answer.topic ?? 'none'}) in ${Math.round(totalMs)} ms`;
  const now = performance.now();
  if (totalMs > SLOW_ANSWER_MS && now - (lastSlowWarning.get(ctx) ?? -Infinity) >= SLOW_WARNING_EVERY_MS) {
    lastSlowWarning.set(ctx, now);
    ctx.logger.warn(
      `${line}: slow, of which the engine took ${Math.round(prepared.engineMs)} ms and Discord the rest (further slow answers this minute are logged as info)`,
    );
  } else {
    ctx.logger.info(line);
  }
}

/** Records a question and its answer: in this process's figures and in the moderators' store. */
function recordQuestion(ctx: BotContext, prepared: PreparedAnswer, totalMs: number, where: AskedWhere): void {
  const { answer } = prepared;
  ctx.stats.recordAsk({ question: answer.question, topic: answer.topic, answered: answer.answered, totalMs, engineMs: prepared.engineMs });
  ctx.insight.recordAsk({
    answerId: prepared.answerId ?? ctx.answers.newId(),
    at: Date.now(),
    guildId: where.guildId,
    // A DM channel stands for a person: only server channels are kept.
    channelId: where.guildId ? where.channelId : null,
    via: where.via,
    shard: shardOf(where.guildId, ctx.shardCount),
    question: scrubIds(answer.question),
    topic: answer.topic,
    answered: answer.answered,
    quotes: quoteRefs(answer),
    totalMs,
    engineMs: prepared.engineMs,
  });
}

/** Counts an error or a cooldown refusal, in memory and in the store. */
export function recordEvent(ctx: BotContext, kind: EventKind, guildId: string | null): void {
  if (kind === 'error') ctx.stats.recordError();
  else ctx.stats.recordCooldown();
  ctx.insight.recordEvent(kind, shardOf(guildId, ctx.shardCount));
}

/** When a question is empty: what to ask, with an example the articles answer when there is one. */
export function emptyQuestionHelp(ctx: BotContext, how: string): string {
  const example = ctx.engine.info().example;
  const hint = example ? ` For example: "${example}"` : '';
  return `Ask me a question about the articles ${how}.${hint} \`/topics\` shows what I can answer; \`/help\` explains the rest.`;
}
