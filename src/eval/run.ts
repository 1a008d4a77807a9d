/**
 * Run evaluation questions through an engine and score them.
 */
import type { Engine } from '../answer/types.js';
import { figures, firstCorrect } from './score.js';
import type { EvalQuestion, Figures, Outcome } from './score.js';

export function evaluate(engine: Engine, questions: readonly EvalQuestion[], top = 3, abstain = true): { outcomes: Outcome[]; figures: Figures } {
  const outcomes = questions.map((q) => {
    const answer = engine.ask(q.question, { top, abstain });
    return { q, answer, rank: firstCorrect(q, answer) };
  });
  return { outcomes, figures: figures(outcomes) };
}
