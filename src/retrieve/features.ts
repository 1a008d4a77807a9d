/**
 * What a sentence offers a question of each type: a count, a time, a named person or body, a reason, a
 * place. Computed once per sentence at indexing time from wink-nlp's tokens (their text, type and part of
 * speech). wink-nlp's entity recogniser is not run: these rules were its only reader, it was ~30% of the
 * analysis' time, and on BBC ×1 the only counts it found that these rules miss were 3 paragraphs of 12.9k,
 * all misreadings ("Euro 2004", "a few pounds").
 */
import { fold } from '../nlp/terms.js';
import type { Token } from '../nlp/wink.js';
import type { QuestionType } from './question.js';

export type Offers = Record<Exclude<QuestionType, 'other'>, boolean>;

/** A set of words, written as alternatives ("a|b|c"). */
const wordSet = (words: string): ReadonlySet<string> => new Set(words.split('|'));

const NUMBER_WORDS = wordSet('two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|twenty|thirty|forty|fifty|hundred|hundreds|thousand|thousands|million|millions|billion|billions|trillion|trillions|dozen|dozens|scores|tens|twice|thrice');
const MONTHS = wordSet('january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec');
const UNITS = wordSet('km|kms|kilometre|kilometres|kilometer|kilometers|mile|miles|metre|metres|meter|meters|m|ft|feet|yard|yards|hour|hours|day|days|week|weeks|month|months|year|years|minute|minutes|sq|square');

/** A year ("2018") or a day of a month ("February 3", "3 February") is a time, not a count. */
function isTimeNumber(words: readonly string[], i: number): boolean {
  const w = words[i] ?? '';
  return (w.length === 4 && /^(19|20)\d\d$/.test(w)) || MONTHS.has(words[i - 1] ?? '') || MONTHS.has(words[i + 1] ?? '');
}
const TIME_WORDS = wordSet('monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today|tomorrow|tonight|earlier|later|overnight|week|weeks|month|months|year|years|day|days|hour|hours|minute|minutes|seconds|decade|decades|century|centuries|morning|afternoon|evening|night|noon|midnight|summer|winter|autumn|christmas|spring|weekend|recently|recent|last|next|soon|previously|date|period|january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|dec|since|ago|after|before|during|until');
/** Months that are also verbs. */
const VERB_MONTHS = wordSet('may|march');
/** A year; wink-nlp types times of day ("9am") and decades ("1990s") as tokens of their own. */
const YEAR = /^(1[89]|20)\d\d$/;
const REASON_WORDS = wordSet('because|since|so|to|after|amid|responding|response|prompted|prompting|due|order|prevent|stop|attempt|bid|aim|reason|blamed|concerned|therefore|ensure|retaliate|retaliation');
const PLACE_WORDS = wordSet('in|at|near|from|through|over|into|across|toward|towards|outside|inside');

export function offers(tokens: readonly Token[]): Offers {
  const words = tokens.map((t) => fold(t.value));
  // A count is a number of something: a figure that is not a year or a date ("$5bn" and "4%" hold one),
  // or a number word.
  const count = tokens.some((t, i) => t.type === 'number' && !isTimeNumber(words, i)) || words.some((w) => NUMBER_WORDS.has(w));
  // A measure is a count with a unit ("60 km", "three days").
  const measure = tokens.some(
    (t, i) => (t.type === 'number' || NUMBER_WORDS.has(words[i] ?? '')) && (UNITS.has(words[i + 1] ?? '') || UNITS.has(words[i + 2] ?? '')),
  );
  // "May" and "March" are months only as names: "the vote may be challenged", "troops march" are not times.
  const isTimeWord = (t: Token, w: string) => TIME_WORDS.has(w) && (!VERB_MONTHS.has(w) || t.pos === 'PROPN' || t.pos === 'NOUN');
  const when = tokens.some((t, i) => t.type === 'time' || t.type === 'decade' || isTimeWord(t, words[i]!) || (words[i]!.length === 4 && YEAR.test(words[i]!)));
  // A name other than the sentence's first word (which is capitalised anyway).
  const who = tokens.some((t, i) => i > 0 && t.pos === 'PROPN') || tokens.filter((t) => t.pos === 'PROPN').length >= 2;
  const why = words.some((w) => REASON_WORDS.has(w));
  const where = tokens.some((t, i) => t.pos === 'PROPN' && i > 0 && PLACE_WORDS.has(words[i - 1] ?? ''));
  return { count, measure, when, who, why, where };
}
