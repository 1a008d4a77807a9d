/**
 * What a question asks: its terms (with spelling fixes and related words as weighted alternatives) and
 * its type (a count, a time, a person or body, a reason, a place).
 */
import { expandChat } from '../nlp/chat.js';
import { closedWord, fold, isContent, splitCompoundAt, stemOfWord, termOf } from '../nlp/terms.js';
import { analyse } from '../nlp/wink.js';
import type { Token } from '../nlp/wink.js';
import type { WeightedTerm } from './bm25.js';

export type QuestionType = 'count' | 'measure' | 'age' | 'when' | 'who' | 'why' | 'where' | 'other';

/** Questions longer than this are read only up to here (a question, not an essay). */
export const MAX_QUESTION_CHARS = 500;

export interface QuestionTerm {
  /** The word as typed. */
  word: string;
  /** Its index term. */
  term: string;
  /** Its lemma (folded), for related words. */
  lemma: string;
  /** wink-nlp's part of speech for it. */
  pos: string;
  group: number;
  /**
   * For a verb, the words that follow it up to four in all ("shot down", "keeping an eye on"), lemma
   * first: the retriever looks the longest one WordNet knows up as a phrasal verb.
   */
  phrases?: string[];
  /**
   * The terms of the closed spelling of a compound the word is written in with a hyphen ("ceasefire"
   * for "cease-fire", either word): the retriever searches the word's group with them too.
   */
  compounds?: string[];
}

export interface AnalysedQuestion {
  text: string;
  tokens: Token[];
  /** The question's own content terms, one group each. */
  terms: QuestionTerm[];
  type: QuestionType;
  /** For a count question, the kind of figure it asks for (see `wantedKind`); null when any will do, or for another type. */
  kind: FigureKind | null;
}

/**
 * What a figure measures. Figures of different kinds are never compared ("4.75%" and "£800m" do not
 * disagree: they answer different questions), and a question that asks for one kind is answered only
 * by figures of that kind.
 */
export type FigureKind = 'count' | 'percent' | 'money';

/** "How much…" asks for money when it names a price, a payment or a sum ("how much did it cost"). */
const MONEY_ASKED =
  /[£$€¥]|\b(cost|costs|costing|pay|pays|paid|paying|price|priced|prices|worth|spend|spends|spent|spending|value|valued|fee|fees|fine|fined|earn|earns|earned|earnings|profit|profits|loss|losses|revenue|revenues|turnover|salary|salaries|wage|wages|budget|deficit|debt|debts|loan|loans|funding|money|cash|compensation|pounds|dollars|euros|sell for|sold for|buy for|bought for|bid|tax|taxes|income|invest|invested|investment)\b/;

/** Words of a change, whose size may be a share or a sum ("rose 12%", "fell £200"). */
const CHANGE = /\b(rise|rises|rose|risen|rising|fall|falls|fell|fallen|falling|drop|drops|dropped|increase|increased|decrease|decreased|grow|grew|grown|climb|climbed|jump|jumped|slump|slumped|decline|declined|cut|gain|gained)\b/;

/**
 * The kind of figure a count question asks for, or null when any will do: a share when it says so
 * ("what percentage", "per cent", "%"), things when it asks "how many", money when "how much" names a
 * price, a payment or a sum. Read from the question's text (chat shorthand expanded), folded.
 */
export function wantedKind(text: string): FigureKind | null {
  const t = fold(text);
  if (/%|\bper ?cent\b|\bpercentage\b/.test(t)) return 'percent';
  if (/\bhow many (pounds|dollars|euros)\b/.test(t)) return 'money';
  if (/\bhow many\b/.test(t)) return 'count';
  // "How much did prices fall?" asks for a change, which may be a share or a sum.
  if (/\bhow much\b/.test(t) && MONEY_ASKED.test(t) && !/\bby how much\b/.test(t) && !CHANGE.test(t)) return 'money';
  return null;
}

/**
 * Nouns that name a count asked for after what is counted ("displacement figures", "refugee stats"): the
 * question asks for a number, and the word is not one a sentence giving it need print (see
 * `analyseQuestion`). Over the bundled articles "displacement figures" was turned away, as "figures" is
 * a word none of them uses.
 */
const COUNT_NOUNS = new Set(['figures', 'numbers', 'stats', 'statistics']);

/**
 * Is token i a count noun after what is counted ("displacement figures")? "Figures on displacement" keeps
 * its word, as it did before this rule.
 */
function namesCountAsked(tokens: readonly Token[], i: number): boolean {
  if (i === 0 || !COUNT_NOUNS.has(fold(tokens[i]!.value)) || !isContent(tokens[i - 1]!)) return false;
  return !/^(of|on|for|about)$/.test(fold(tokens[i + 1]?.value ?? ''));
}

const TYPE_RULES: Array<[QuestionType, RegExp]> = [
  ['count', /\b(how (many|much)|(number|numbers|figures?) (of|on|for)|what (number|percentage|share)|how (large|big)|toll)\b/],
  // "How old is…" asks for an age ("Mr Hague, 43,", "the 51-year-old", "aged 60"), not any number.
  ['age', /\b(how old|what age|at what age)\b/],
  ['measure', /\bhow (far|wide|tall|high|deep|long(?! ago| after| before| since| until| did| does| do| has| have| had| will| would))\b/],
  // "When" asks for a time where it opens the question (after a filler: "so when…"), follows a preposition
  // ("since when", "by when") or closes it ("he called when?"); elsewhere it joins clauses ("did anyone die
  // when the helicopter was shot down", "where was he flying back from when he spoke").
  ['when', /^(\W*(so|and|but|ok|okay|then|also|um|hey|yes|right)\b)*\W*when\b|\b(since|by|until|till) when\b|\bwhen\W*$|\b(what (day|date|time|month|year)|which (day|date|month|year)|how (soon|long ago|long after|long before))\b/],
  ['why', /\b(why|what for|for what reason|what (made|caused|prompted|led)|reason)\b/],
  ['where', /\b(where|which (town|city|village|country|province|region|area|place))\b/],
  ['who', /\b(who|whom|whose|which (outlet|agency|broadcaster|newspaper|office|official|minister|group|side|country|countries|leader|president|body|organisation|organization|media))\b/],
  // Last, so that "which organisation gave the displacement figures?" asks who: "<what> figures" (COUNT_NOUNS)
  // asks a count, unless the word before makes them people ("key figures", "senior figures"). The nouns are
  // written out again here (a rule is a literal); test/engine/question.test.ts checks the two lists agree.
  ['count', /\b(?!(political|key|public|senior|leading|top|prominent|major|famous|sporting|opposition|central|religious|historical|historic|important|powerful|influential|party|government|business|royal)\b)[a-z]+ (figures|numbers|stats|statistics)\b/],
];

export function questionType(question: string): QuestionType {
  const q = fold(question);
  for (const [type, re] of TYPE_RULES) if (re.test(q)) return type;
  return 'other';
}

/** Analyse a question's text. */
export function analyseQuestion(question: string): AnalysedQuestion {
  const text = question.slice(0, MAX_QUESTION_CHARS);
  const expanded = expandChat(text);
  const tokens = analyse(expanded).tokens;
  const terms: QuestionTerm[] = [];
  const seen = new Map<string, QuestionTerm>();
  // Each token's own term, where it has one, for the compounds it is part of.
  const termAt = new Map<number, QuestionTerm>();
  const compound = (qt: QuestionTerm | undefined, closed: string | null) => {
    if (!qt || closed === null) return;
    const term = stemOfWord(closed);
    if (term !== qt.term && !qt.compounds?.includes(term)) (qt.compounds ??= []).push(term);
  };
  const type = questionType(expanded);
  for (const [i, t] of tokens.entries()) {
    const split = splitCompoundAt(tokens, i);
    compound(termAt.get(i - 2), split);
    if (!isContent(t)) continue;
    // In "how close", "how long", "how far" the adjective asks for a degree; it is not a word to look for.
    if ((t.pos === 'ADJ' || t.pos === 'ADV') && fold(tokens[i - 1]?.value ?? '') === 'how') continue;
    const term = termOf(t);
    if (!term) continue;
    if (type === 'count' && namesCountAsked(tokens, i)) continue;
    const known = seen.get(term);
    if (known) {
      termAt.set(i, known);
      compound(known, split);
      continue;
    }
    const qt: QuestionTerm = { word: fold(t.value), term, lemma: fold(t.lemma), pos: t.pos, group: terms.length };
    seen.set(term, qt);
    termAt.set(i, qt);
    if (term.includes('-')) compound(qt, closedWord(qt.word));
    compound(qt, split);
    if (t.pos === 'VERB') {
      const after = tokens.slice(i + 1, i + 4).filter((x) => x.type === 'word').map((x) => fold(x.value));
      qt.phrases = [3, 2, 1].filter((n) => after.length >= n).map((n) => [qt.lemma, ...after.slice(0, n)].join(' '));
    }
    terms.push(qt);
  }
  return { text, tokens, terms, type, kind: type === 'count' ? wantedKind(expanded) : null };
}

/** The weighted query for BM25: each own term at weight 1, plus any alternatives given. */
export function queryOf(q: AnalysedQuestion, alternatives: ReadonlyMap<number, ReadonlyArray<[string, number]>>): WeightedTerm[] {
  const out: WeightedTerm[] = [];
  for (const t of q.terms) {
    out.push({ term: t.term, weight: 1, group: t.group });
    for (const [term, weight] of alternatives.get(t.group) ?? []) out.push({ term, weight, group: t.group });
  }
  return out;
}
