/**
 * What a sentence offers a question of each type: a count, a time, a named person or body, a reason, a
 * place. Computed once per sentence at indexing time from wink-nlp's tokens and entities.
 */
import { fold } from '../nlp/terms.js';
import type { Entity, Token } from '../nlp/wink.js';
import type { QuestionType } from './question.js';

export type Offers = Record<Exclude<QuestionType, 'other'>, boolean>;

const NUMBER_WORDS = /^(two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|twenty|thirty|forty|fifty|hundred|hundreds|thousand|thousands|million|millions|dozen|dozens|scores|half|several|multiple|both)$/;
const TIME_WORDS = /^(monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today|tomorrow|tonight|earlier|later|overnight|week|weeks|month|months|year|years|day|days|hours|january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|dec|since|ago|after|before|during|until)$/;
const REASON_WORDS = /^(because|since|so|to|after|amid|responding|response|prompted|prompting|due|order|prevent|stop|attempt|bid|aim|reason|blamed|concerned|therefore|ensure|retaliate|retaliation)$/;
const PLACE_WORDS = /^(in|at|near|from|through|over|into|across|toward|towards|outside|inside)$/;

export function offers(tokens: readonly Token[], entities: readonly Entity[]): Offers {
  const types = new Set(entities.map((e) => e.type));
  const words = tokens.map((t) => fold(t.value));
  const count = types.has('CARDINAL') || types.has('MONEY') || types.has('PERCENT') || tokens.some((t) => t.type === 'number') || words.some((w) => NUMBER_WORDS.test(w));
  const when = types.has('DATE') || types.has('TIME') || types.has('DURATION') || words.some((w) => TIME_WORDS.test(w));
  // A name other than the sentence's first word (which is capitalised anyway).
  const who = tokens.some((t, i) => i > 0 && t.pos === 'PROPN') || tokens.filter((t) => t.pos === 'PROPN').length >= 2;
  const why = words.some((w) => REASON_WORDS.test(w));
  const where = tokens.some((t, i) => t.pos === 'PROPN' && i > 0 && PLACE_WORDS.test(words[i - 1] ?? ''));
  return { count, when, who, why, where };
}
