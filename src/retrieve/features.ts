/**
 * What a sentence offers a question of each type: a count, a time, a named person or body, a reason, a
 * place. Computed once per sentence at indexing time from wink-nlp's tokens (their text, type and part of
 * speech). wink-nlp's entity recogniser is not run: these rules were its only reader, it was ~30% of the
 * analysis' time, and on BBC ×1 the only counts it found that these rules miss were 3 paragraphs of 12.9k,
 * all misreadings ("Euro 2004", "a few pounds").
 */
import { MONTH_OF, YEAR } from '../nlp/months.js';
import { fold } from '../nlp/terms.js';
import type { Token } from '../nlp/wink.js';
import type { QuestionType } from './question.js';

/**
 * What a sentence offers each question type, and `date`: a time in its own right (a date, day, month,
 * year or time word), where `when` also takes one told only from another event ("since the offensive").
 */
export type Offers = Record<Exclude<QuestionType, 'other'>, boolean> & { date: boolean };

/** A set of words, written as alternatives ("a|b|c"). */
const wordSet = (words: string): ReadonlySet<string> => new Set(words.split('|'));

const NUMBER_WORDS = wordSet('two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|twenty|thirty|forty|fifty|hundred|hundreds|thousand|thousands|million|millions|billion|billions|trillion|trillions|dozen|dozens|scores|tens|twice|thrice');
const UNITS = wordSet('km|kms|kilometre|kilometres|kilometer|kilometers|mile|miles|metre|metres|meter|meters|m|ft|feet|yard|yards|hour|hours|day|days|week|weeks|month|months|year|years|minute|minutes|sq|square');

/** A year ("2018", "1749": see YEAR) or a day of a month ("February 3", "3 February") is a time, not a count. */
function isTimeNumber(words: readonly string[], i: number): boolean {
  const w = words[i] ?? '';
  return (w.length === 4 && YEAR.test(w)) || MONTH_OF.has(words[i - 1] ?? '') || MONTH_OF.has(words[i + 1] ?? '');
}
const TIME_WORDS = wordSet('monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today|tomorrow|tonight|earlier|later|overnight|week|weeks|month|months|year|years|day|days|hour|hours|minute|minutes|seconds|decade|decades|century|centuries|morning|afternoon|evening|night|noon|midnight|summer|winter|autumn|christmas|spring|weekend|recently|recent|last|next|soon|previously|date|period|january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|dec|since|ago|after|before|during|until');
/**
 * Time words that place a time only from another event ("since the offensive"). "After", "before",
 * "during" and "until" stay times: SQuAD answers "when" with them ("during the Sui and Tang dynasties").
 */
const RELATIVE_TIME_WORDS = wordSet('since');
/** Months that are also verbs. */
const VERB_MONTHS = wordSet('may|march');
const REASON_WORDS = wordSet('because|since|so|to|after|amid|responding|response|prompted|prompting|due|order|prevent|stop|attempt|bid|aim|reason|blamed|concerned|therefore|ensure|retaliate|retaliation');
const PLACE_WORDS = wordSet('in|at|near|from|through|over|into|across|toward|towards|outside|inside');
/** A decade of a life: "in his fifties". */
const LIFE_DECADES = wordSet('teens|twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties');
const POSSESSIVES = wordSet('his|her|their|its|my|your|our');
/** Words before "the age of" that make it a limit ("over the age of 18"), not someone's age. */
const LIMITS = wordSet('from|over|under|above|below|until|till|beyond|past');
/** What an age is counted in: "51-year-old", "seven months old". */
const AGE_UNITS = wordSet('year|years|month|months|week|weeks|day|days');

/** A whole number that can be a person's age. */
function isAgeNumber(t: Token | undefined): boolean {
  return !!t && t.type === 'number' && /^\d{1,3}$/.test(t.value) && Number(t.value) <= 120;
}

/** An age a sentence gives, and whom it is of where the sentence says so at the age itself. */
export interface GivenAge {
  /** The index of the age's number (or its word) among the tokens. */
  at: number;
  /**
   * The folded word the age is set against: "hague" in "Mr Hague, 43,", "boy" in "a 12-year-old boy";
   * null where the age stands alone ("aged 93", "the 16-year-old said"), of whoever the sentence is about.
   */
  holder: string | null;
}

/** The word a "N-year-old" describes, from the tokens after "old": the first noun within two words. */
function describedBy(tokens: readonly Token[], words: readonly string[], from: number): string | null {
  for (let k = from; k < Math.min(tokens.length, from + 2); k++) {
    const t = tokens[k]!;
    if (t.type !== 'word') return null;
    if (t.pos === 'NOUN' || t.pos === 'PROPN') return words[k]!;
    if (t.pos !== 'ADJ') return null;
  }
  return null;
}

/**
 * The ages a sentence gives: "the 51-year-old", "57 years old", "seven months old", "50 years of age",
 * "aged 49", "at the age of 60", a number set off after a name or a noun ("Mr Hague, 43, said", "Prince
 * Charles (56)"), "in his fifties", "his 80th birthday". A year ("In 2004, 51 people…"), a list of figures
 * or a limit ("over the age of 18") is not one.
 */
export function agesIn(tokens: readonly Token[], words: readonly string[] = tokens.map((t) => fold(t.value))): GivenAge[] {
  const ages: GivenAge[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const w = words[i]!;
    const t = tokens[i]!;
    if (t.type === 'number' || NUMBER_WORDS.has(w) || w === 'one') {
      // "51-year-old", "20 year-old", "57 years old", "seven months old", "50 years of age".
      let j = i + 1;
      if (words[j] === '-') j++;
      if (AGE_UNITS.has(words[j] ?? '')) {
        const unit = words[j];
        j++;
        if (words[j] === '-') j++;
        if (words[j] === 'old') {
          ages.push({ at: i, holder: describedBy(tokens, words, j + 1) });
          continue;
        }
        if (unit === 'years' && words[j] === 'of' && words[j + 1] === 'age') {
          ages.push({ at: i, holder: null });
          continue;
        }
      }
    }
    if (!isAgeNumber(t)) continue;
    const before = words[i - 1];
    // "aged 49", "age of 60", "age 60", "turned 50"; not a limit, which is no one's age ("sex education
    // from the age of seven", "members must be over the age of 18").
    const age = before === 'age' ? i - 1 : before === 'of' && words[i - 2] === 'age' ? i - 2 : -1;
    const limit = age >= 0 && (LIMITS.has(words[age - 1] ?? '') || (words[age - 1] === 'the' && LIMITS.has(words[age - 2] ?? '')));
    if (before === 'aged' || before === 'turned' || before === 'turns' || (age >= 0 && !limit)) {
      ages.push({ at: i, holder: null });
      continue;
    }
    // "Mr Hague, 43," and "Prince Charles (56)": set off after a name or a noun.
    const closer = before === ',' ? ',' : before === '(' ? ')' : null;
    const named = tokens[i - 2];
    if (closer && named && named.type === 'word' && (named.pos === 'PROPN' || named.pos === 'NOUN') && words[i + 1] === closer) {
      ages.push({ at: i, holder: words[i - 2]! });
    }
  }
  // "in his fifties", "in her 50s", "her 80th birthday", "the Queen's 80th birthday" (the Queen's).
  for (let i = 0; i < tokens.length; i++) {
    const w = words[i]!;
    if (POSSESSIVES.has(words[i - 1] ?? '') && (LIFE_DECADES.has(w) || (tokens[i]!.type === 'decade' && words[i - 2] === 'in'))) ages.push({ at: i, holder: null });
    else if (w === 'birthday' && tokens[i - 1]?.type === 'ordinal') ages.push({ at: i - 1, holder: words[i - 2] === "'s" ? (words[i - 3] ?? null) : null });
  }
  return ages;
}

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
  const date = tokens.some(
    (t, i) => t.type === 'time' || t.type === 'decade' || (isTimeWord(t, words[i]!) && !RELATIVE_TIME_WORDS.has(words[i]!)) || (words[i]!.length === 4 && YEAR.test(words[i]!)),
  );
  const when = date || words.some((w) => RELATIVE_TIME_WORDS.has(w));
  // A name other than the sentence's first word (which is capitalised anyway).
  const who = tokens.some((t, i) => i > 0 && t.pos === 'PROPN') || tokens.filter((t) => t.pos === 'PROPN').length >= 2;
  const why = words.some((w) => REASON_WORDS.has(w));
  const where = tokens.some((t, i) => t.pos === 'PROPN' && i > 0 && PLACE_WORDS.has(words[i - 1] ?? ''));
  const age = agesIn(tokens, words).length > 0;
  return { count, measure, when, who, why, where, age, date };
}

/** What a "who" question asks a sentence to name someone as: see `namesAgent`. */
export interface AgentAsked {
  /** Lemmas of the role the doer would hold ("director" for "who directed…", "coach" for "who coaches…"). */
  roles: ReadonlySet<string>;
  /** Lemmas of what that holder did ("direct", "buy"). */
  verbs: ReadonlySet<string>;
  /** The question's own words (folded): a name the question gives is not the one it asks for. */
  asked: ReadonlySet<string>;
}

/** Words between a name and its verb ("LVMH has bought", "Wenger, who has managed"). */
const AUXILIARIES = wordSet('has|have|had|is|was|were|are|will|would|also|then|later|reportedly');

/**
 * True when a sentence names someone as the holder of a role or the doer of a deed a "who" question asks
 * about: the role before a name ("Arsenal manager Arsene Wenger", "the party leader, David McLetchie")
 * or after one and a comma ("Kublai Khan, the founder of the Yuan dynasty"); a name before the verb
 * ("LVMH bought", "Martin Scorsese, who directed"), or after it and "by" ("was directed by Martin
 * Scorsese", with its particle "was shot down by Ankara-backed rebels"). A role counts only when it is
 * of something the question asks about, named among the role's modifiers or right after its "of":
 * "who founded Microsoft" is answered by "Microsoft founder Bill Gates", not by "Linux founder Linus
 * Torvalds" in a sentence about Microsoft. A name is a capitalised proper noun, not a day or month, the
 * question does not give; a verb must be one ("Bet Direct" directs nothing).
 */
export function namesAgent(tokens: readonly Token[], ask: AgentAsked, words: readonly string[] = tokens.map((t) => fold(t.value))): boolean {
  const isName = (i: number) => {
    const t = tokens[i];
    return !!t && t.pos === 'PROPN' && /^\p{Lu}/u.test(t.value) && !ask.asked.has(words[i]!) && !TIME_WORDS.has(words[i]!);
  };
  // What may stand between a role and the name or comma before it: "the", "Arsenal", "new".
  const modifies = (k: number) => words[k] === 'the' || words[k] === 'its' || words[k] === 'a' || tokens[k]!.pos === 'ADJ' || tokens[k]!.pos === 'PROPN';
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const lemma = fold(t.lemma);
    if (ask.roles.has(lemma) && (t.pos === 'NOUN' || t.pos === 'PROPN')) {
      let j = i - 1;
      while (j >= 0 && modifies(j)) j--;
      // The role must be of what the question asks about: named among the words before it, nouns too
      // ("Harbour Lights cafe founder"), or just after its "of".
      const of = words[i + 1] === 'of' ? (words[i + 2] === 'the' ? i + 3 : i + 2) : -1;
      let tied = of > 0 && ask.asked.has(words[of] ?? '');
      for (let k = i - 1; k >= 0 && !tied && (modifies(k) || tokens[k]!.pos === 'NOUN'); k--) tied = ask.asked.has(words[k]!);
      if (tied && (isName(i + 1) || (words[i + 1] === ',' && isName(i + 2)) || (words[j] === ',' && isName(j - 1)))) return true;
    }
    if (ask.verbs.has(lemma) && t.pos === 'VERB') {
      let j = i - 1;
      while (j >= 0 && j >= i - 3 && AUXILIARIES.has(words[j]!)) j--;
      if (words[j] === 'who' || words[j] === 'which') j -= words[j - 1] === ',' ? 2 : 1;
      if (isName(j)) return true;
      // "Ankara-backed rebels": a name joined to the verb by a hyphen is its doer.
      if (words[i - 1] === '-' && isName(i - 2)) return true;
      // "directed by X", and with the verb's particle: "shot down by X", "set up by the X".
      const by = words[i + 1] === 'by' ? i + 1 : tokens[i + 1]?.pos === 'ADP' && words[i + 2] === 'by' ? i + 2 : -1;
      if (by > 0 && (isName(by + 1) || (words[by + 1] === 'the' && isName(by + 2)))) return true;
    }
  }
  return false;
}
