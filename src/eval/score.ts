/**
 * Scoring of the evaluation questions, as test/fixtures/EVAL-FORMAT.md says: a quote is correct when its
 * normalised text contains a normalised accepted fragment; Hit@k, MRR, abstention, false abstention, topic
 * accuracy and macro-F1.
 */
import type { Answer } from '../answer/types.js';

export interface EvalQuestion {
  id: string;
  question: string;
  topic: string;
  answerable: boolean;
  accept: string[];
  style?: string;
  note?: string;
}

export const FOUR_TOPICS = ['casualties', 'displacement', 'diplomacy', 'ceasefire'];

/** Lowercase, straight quotes, one space. */
export function normalise(text: string): string {
  return text
    .toLowerCase()
    .replace(/[\u2018\u2019\u201b\u2032]/g, "'")
    .replace(/[\u201c\u201d\u201f\u2033]/g, '"')
    .replace(/\s+/g, ' ')
    .trim();
}

export function parseQuestions(jsonl: string): EvalQuestion[] {
  return jsonl
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l, i) => {
      const q = JSON.parse(l) as EvalQuestion;
      if (typeof q.question !== 'string' || !Array.isArray(q.accept)) throw new Error(`line ${i + 1}: not an evaluation question`);
      return q;
    });
}

/** Rank (1-based) of the first correct quote, or 0 when none is. */
export function firstCorrect(q: EvalQuestion, answer: Answer): number {
  const accept = q.accept.map(normalise);
  const i = answer.quotes.findIndex((quote) => {
    const text = normalise(quote.text);
    return accept.some((a) => text.includes(a));
  });
  return i + 1;
}

export interface Outcome {
  q: EvalQuestion;
  answer: Answer;
  rank: number;
}

export interface Figures {
  questions: number;
  answerable: number;
  hit1: number;
  hit3: number;
  mrr: number;
  abstention: number;
  falseAbstention: number;
  topicAccuracy: number;
  topicMacroF1: number;
}

export function figures(outcomes: readonly Outcome[]): Figures {
  const answerable = outcomes.filter((o) => o.q.answerable);
  const oos = outcomes.filter((o) => !o.q.answerable);
  const share = (xs: readonly Outcome[], f: (o: Outcome) => boolean) => (xs.length ? xs.filter(f).length / xs.length : 0);
  const gold = (o: Outcome) => (FOUR_TOPICS.includes(o.q.topic) ? o.q.topic : null);
  const pred = (o: Outcome) => (o.answer.topic && FOUR_TOPICS.includes(o.answer.topic) ? o.answer.topic : null);
  let f1 = 0;
  for (const t of FOUR_TOPICS) {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (const o of outcomes) {
      const g = gold(o) === t;
      const p = pred(o) === t;
      if (g && p) tp++;
      else if (p) fp++;
      else if (g) fn++;
    }
    const precision = tp + fp ? tp / (tp + fp) : 0;
    const recall = tp + fn ? tp / (tp + fn) : 0;
    f1 += precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  }
  const r = (x: number) => Math.round(x * 1000) / 1000;
  return {
    questions: outcomes.length,
    answerable: answerable.length,
    hit1: r(share(answerable, (o) => o.rank === 1)),
    hit3: r(share(answerable, (o) => o.rank >= 1 && o.rank <= 3)),
    mrr: r(answerable.reduce((s, o) => s + (o.rank ? 1 / o.rank : 0), 0) / (answerable.length || 1)),
    abstention: r(share(oos, (o) => o.answer.quotes.length === 0)),
    falseAbstention: r(share(answerable, (o) => o.answer.quotes.length === 0)),
    topicAccuracy: r(share(outcomes, (o) => gold(o) === pred(o))),
    topicMacroF1: r(f1 / FOUR_TOPICS.length),
  };
}
