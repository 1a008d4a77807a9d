/**
 * What the bot has done since it started, for `/stats`: questions asked, answered and abstained (in all
 * and by topic), answer latency, and the most recent questions it could not answer.
 */

export interface AskRecord {
  /** The question as asked (shown to moderators in /stats, neutralised there). */
  question: string;
  /** The topic the engine classified it to, or null. */
  topic: string | null;
  answered: boolean;
  /** From receiving the question to the answer being sent, in milliseconds. */
  totalMs: number;
  /** Time spent in the engine, in milliseconds. */
  engineMs: number;
}

// The same shapes the store reports, so that /stats renders either source alike.
import type { Percentiles, TopicCount } from '../store/store.js';
export type { Percentiles, TopicCount };

export interface StatsSnapshot {
  startedAt: number;
  uptimeMs: number;
  asked: number;
  answered: number;
  abstained: number;
  /** Handler errors (each logged with an id). */
  errors: number;
  /** Questions refused by the cooldown (not counted as asked). */
  cooledDown: number;
  byTopic: TopicCount[];
  latency: Percentiles;
  engineLatency: Percentiles;
  /** Most recent first. */
  recentUnanswered: { question: string; at: number }[];
}

/** Durations kept for the percentiles, and unanswered questions kept. */
const MAX_SAMPLES = 1000;
const MAX_UNANSWERED = 5;

/** Nearest-rank percentile of a list of numbers (0 when empty). */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] ?? 0;
}

export class Stats {
  readonly #now: () => number;
  readonly startedAt: number;
  #asked = 0;
  #answered = 0;
  #errors = 0;
  #cooledDown = 0;
  readonly #byTopic = new Map<string | null, TopicCount>();
  readonly #total: number[] = [];
  readonly #engine: number[] = [];
  readonly #unanswered: { question: string; at: number }[] = [];

  /** @param now clock in milliseconds (tests may pass their own). */
  constructor(now: () => number = Date.now) {
    this.#now = now;
    this.startedAt = now();
  }

  recordAsk(record: AskRecord): void {
    this.#asked += 1;
    if (record.answered) this.#answered += 1;
    const topic = this.#byTopic.get(record.topic) ?? { topic: record.topic, asked: 0, answered: 0 };
    topic.asked += 1;
    if (record.answered) topic.answered += 1;
    this.#byTopic.set(record.topic, topic);
    push(this.#total, record.totalMs, MAX_SAMPLES);
    push(this.#engine, record.engineMs, MAX_SAMPLES);
    if (!record.answered) {
      this.#unanswered.unshift({ question: record.question, at: this.#now() });
      this.#unanswered.splice(MAX_UNANSWERED);
    }
  }

  recordError(): void {
    this.#errors += 1;
  }

  recordCooldown(): void {
    this.#cooledDown += 1;
  }

  snapshot(): StatsSnapshot {
    const pct = (values: number[]): Percentiles => ({ p50: percentile(values, 50), p95: percentile(values, 95), samples: values.length });
    return {
      startedAt: this.startedAt,
      uptimeMs: this.#now() - this.startedAt,
      asked: this.#asked,
      answered: this.#answered,
      abstained: this.#asked - this.#answered,
      errors: this.#errors,
      cooledDown: this.#cooledDown,
      byTopic: [...this.#byTopic.values()].map((t) => ({ ...t })).sort((a, b) => b.asked - a.asked),
      latency: pct(this.#total),
      engineLatency: pct(this.#engine),
      recentUnanswered: this.#unanswered.map((u) => ({ ...u })),
    };
  }
}

function push(list: number[], value: number, max: number): void {
  list.push(value);
  if (list.length > max) list.splice(0, list.length - max);
}
