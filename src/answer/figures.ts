/**
 * Figures that sources give differently. For a count question ("how many were displaced?"), the counts the
 * best-matching sentences give are read off them ("more than 520,000 people", "close to 700,000 people",
 * "Around 800,000 Syrians"); when different articles give different amounts, the answer says so, each
 * figure verbatim with the outlets that give it.
 */
import { ArticleSentence } from '../corpus/sentence.js';
import type { Article, Sentence } from '../corpus/types.js';
import { MONTH_OF, YEAR } from '../nlp/months.js';
import { fold, stemOfWord, termOf } from '../nlp/terms.js';
import type { Token } from '../nlp/wink.js';
import type { AnalysedQuestion, FigureKind, QuestionTerm } from '../retrieve/question.js';
import { sourceOf } from './compose.js';
import type { Group } from './compose.js';
import type { Figure } from './types.js';

/** Candidates scoring at least this share of the best one are read for figures. */
export const FIGURE_SCORE_SHARE = 0.2;
/** At most this many quote groups are read. */
export const FIGURE_POOL = 12;

/** Words that say there is a count without giving it ("scores of fighters", "hundreds of thousands"). */
const VAGUE = new Set(['scores', 'dozens', 'hundreds', 'thousands', 'millions', 'tens']);
const UNITS: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11,
  twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18,
  nineteen: 19, twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
};
/** Words that are a count of times on their own ("has spoken twice"): read as "two times". */
const MULTIPLES: Record<string, number> = { twice: 2, thrice: 3 };
const TIMES_TERM = 'time';
const SCALES: Record<string, number> = { hundred: 100, thousand: 1e3, million: 1e6, billion: 1e9, dozen: 12 };
/** Words before a figure that qualify it ("close to 700,000"): kept in the figure as printed. */
const QUALIFIERS = new Set(['around', 'about', 'some', 'nearly', 'almost', 'roughly', 'approximately', 'over', 'under']);
const TWO_WORD_QUALIFIERS = new Set(['more than', 'less than', 'fewer than', 'close to', 'up to', 'at least']);

export interface Count {
  /** The figure as printed, with its qualifier ("more than 520,000"). */
  value: string;
  amount: number;
  /** Terms of the words around it (four before, six after): what it counts and what happened to them. */
  near: string[];
  /** Terms of the capitalised words right after it ("13 Syrian troops" → syrian): whose count it is. */
  whose: string[];
  /** "scores", "hundreds", "dozens": a count with no figure, which says a number is given but not which. */
  vague?: boolean;
  /** What the figure measures: a sum of money ("£800m"), a share ("12%", "30 per cent") or a count of things. */
  kind: FigureKind;
  /** The term of the noun it counts ("soldier" in "13 Turkish soldiers"), when one follows it. */
  counted?: string;
  /** A sum's currency ("£", "$", "€"; "US$" is "$"): sums in different currencies are never compared. */
  currency?: string;
}

/** Letters written straight after a sum of money that scale it ("£800m", "$1.5bn"). */
const MONEY_SCALES: Record<string, number> = { k: 1e3, m: 1e6, mn: 1e6, bn: 1e9, b: 1e9, tn: 1e12, trn: 1e12 };
/** Words after a figure that make it a sum of money ("500 pounds"). */
const MONEY_WORDS = /^(pounds?|dollars?|euros?|yen|pence|cents?|francs?|roubles?|rupees?|yuan)$/;
/** The currency of a sum, by its sign or its word: a sign with letters before it ("US$", "A$") is its own, but "US$" is "$". */
function currencyOf(mark: string): string {
  const m = mark.toLowerCase();
  if (m === 'us$') return '$';
  if (/^pounds?$/.test(m)) return '£';
  if (/^dollars?$/.test(m)) return '$';
  if (/^euros?$/.test(m)) return '€';
  return m.replace(/s$/, '');
}
/** Words after a figure that make it a share ("30 per cent", "12 percent"). */
const PERCENT_AFTER = /^(percent|pc)$/;

/**
 * A count said in other words joins the figures only when the answer's topic (the question's and its
 * best quote's together) is at least this sure and the count's sentence has at least this affinity to
 * it: "close to 700,000 people have been forced to flee" is about displacement as the question is;
 * "almost 23,000 people were questioned for the poll" is not about the deaths a question asks for. Over
 * the bundled articles the answers' confidence lay at 0.66–0.80 and the figures' sentences at 0.27–0.34;
 * over BBC News, count questions outside the topics had none or up to 0.56, and the sentences that do
 * not answer lay at 0.04–0.22.
 */
export const RELATED_TOPIC_CONFIDENCE = 0.6;
export const RELATED_AFFINITY = 0.2;

/** A count within a factor of this of the best quote's count is a figure for the same thing. */
export const SAME_MAGNITUDE = 2;
const WEEKDAY = /^(monday|tuesday|wednesday|thursday|friday|saturday|sunday)$/;

/** What a sentence gives a count question: its counts, and whether it names a weekday (a single day's toll). */
interface CountReading {
  counts: Count[];
  daily: boolean;
}

/** How many sentences' readings are remembered (oldest forgotten first). */
export const READING_MEMORY = 2048;

/** Readings by what was analysed (the sentence's text): see `readingOf`. */
const readings = new Map<string, CountReading>();
/** Readings of sentences that are not a loaded article's (their tokens need not be their text's alone), by the sentence itself. */
const readingsOfOthers = new WeakMap<Sentence, CountReading>();

/**
 * A sentence's counts and weekday flag. Reading them means analysing its text again (~0.1 ms), so they
 * are remembered by that text: the same sentence printed by several outlets (a wire story), or the same
 * question asked again, is read once. A sentence with no digit and no number word has no count and
 * is not analysed at all.
 */
function readingOf(sentence: Sentence, raw: string): CountReading {
  if (!mayCount(sentence.text)) return NO_COUNTS;
  if (!(sentence instanceof ArticleSentence)) {
    let got = readingsOfOthers.get(sentence);
    if (!got) readingsOfOthers.set(sentence, (got = readCounts(sentence, raw)));
    return got;
  }
  const key = sentence.text;
  let got = readings.get(key);
  if (got) return got;
  got = readCounts(sentence, raw);
  if (readings.size >= READING_MEMORY) readings.delete(readings.keys().next().value!);
  readings.set(key, got);
  return got;
}

const NO_COUNTS: CountReading = { counts: [], daily: false };

/**
 * False when a text cannot hold a count: a count is a number token (which has a digit) or a number word.
 * The test runs on the folded text, as the tokens are read folded.
 */
export function mayCount(text: string): boolean {
  const folded = fold(text);
  if (/[0-9]/.test(folded)) return true;
  // A number word standing alone: a whole run of letters ("one", not the "one" in "money").
  return folded.split(/[^a-z]+/).some((run) => numberWord(run) !== null || VAGUE.has(run) || Object.hasOwn(MULTIPLES, run));
}

/** The counts in a sentence: figures and number words that are not years or days of a month. */
export function readCounts(sentence: Sentence, raw: string): CountReading {
  const tokens = sentence.tokens;
  const words = tokens.map((t) => fold(t.value));
  const out: Count[] = [];
  // The terms of the words around a figure from `from` to `to`: four before it, six after.
  const around = (from: number, to: number) => tokens.slice(Math.max(0, from - 4), to + 7).filter((t) => t.type === 'word').map(termOf);
  for (let i = 0; i < tokens.length; i++) {
    const first = i;
    let amount = valueOf(tokens[i]!, words[i]!);
    if (amount === null && Object.hasOwn(MULTIPLES, words[i]!)) {
      // "spoken twice with Putin" answers "how many times…": the count is of times, whatever is around it.
      out.push({ value: raw.slice(tokens[i]!.start, tokens[i]!.end), amount: MULTIPLES[words[i]!]!, near: [...around(i, i), TIMES_TERM], whose: [], kind: 'count' });
      continue;
    }
    if (amount === null) {
      if (VAGUE.has(words[i]!)) {
        out.push({ value: raw.slice(tokens[i]!.start, tokens[i]!.end), amount: 0, near: around(i, i), whose: [], vague: true, kind: 'count' });
      }
      continue;
    }
    // "£800m", "US$5bn": a currency sign written against the figure makes it money, and letters
    // written straight after such a figure scale it.
    const touching = (a: number, b: number) => b < tokens.length && a >= 0 && tokens[a]!.end === tokens[b]!.start;
    const currency = first >= 1 && tokens[first - 1]!.type === 'currency' && touching(first - 1, first);
    let kind: FigureKind = currency ? 'money' : 'count';
    // "three million", "two hundred thousand"
    while (i + 1 < tokens.length && Object.hasOwn(SCALES, words[i + 1]!)) amount *= SCALES[words[++i]!]!;
    const w = words[first]!;
    const isYear = !currency && tokens[first]!.type === 'number' && YEAR.test(w);
    // "Jan. 12", "12 Jan." are days: an abbreviated month keeps its full stop.
    const isDay = MONTH_OF.has((words[first - 1] ?? '').replace(/\.$/, '')) || MONTH_OF.has((words[i + 1] ?? '').replace(/\.$/, ''));
    if (isYear || isDay || amount <= 1) continue;
    let end = tokens[i]!.end;
    // A sentence's last word keeps its full stop ("£790m."): the scale is read, and printed, without it.
    const scale = (words[i + 1] ?? '').replace(/\.$/, '');
    if (currency && touching(i, i + 1) && Object.hasOwn(MONEY_SCALES, scale)) {
      amount *= MONEY_SCALES[scale]!;
      end = tokens[++i]!.start + scale.length;
    }
    // What follows says what it measures; it is printed with the figure: "rose 12%" is not "rose 12".
    if (words[i + 1] === '%' && touching(i, i + 1)) {
      kind = 'percent';
      end = tokens[++i]!.end;
    } else if (words[i + 1] === 'per' && words[i + 2] === 'cent') {
      kind = 'percent';
      end = tokens[(i += 2)]!.end;
    } else if (PERCENT_AFTER.test(words[i + 1] ?? '')) {
      kind = 'percent';
      end = tokens[++i]!.end;
    } else if (!currency && MONEY_WORDS.test(words[i + 1] ?? '')) {
      kind = 'money';
      end = tokens[++i]!.end;
    }
    const unit = currency ? currencyOf(tokens[first - 1]!.value) : kind === 'money' ? currencyOf(words[i]!) : undefined;
    const lead = currency ? first - 1 : first;
    let from = lead;
    if (lead >= 2 && TWO_WORD_QUALIFIERS.has(`${words[lead - 2]} ${words[lead - 1]}`)) from = lead - 2;
    else if (lead >= 1 && QUALIFIERS.has(words[lead - 1]!)) from = lead - 1;
    const near = around(from, i);
    const whose: string[] = [];
    for (let j = i + 1; j < tokens.length && tokens[j]!.type === 'word' && /^\p{Lu}/u.test(tokens[j]!.value); j++) whose.push(termOf(tokens[j]!));
    // What it counts: the last noun of the run after it, past its qualifiers ("13 Turkish soldiers",
    // "12 observation posts", "2 months").
    let j = i + 1;
    while (j < tokens.length && (tokens[j]!.pos === 'ADJ' || tokens[j]!.pos === 'PROPN' || tokens[j]!.pos === 'NUM')) j++;
    let counted: string | undefined;
    for (; j < tokens.length && tokens[j]!.pos === 'NOUN'; j++) counted = termOf(tokens[j]!);
    out.push({ value: raw.slice(tokens[from]!.start, end), amount, near, whose, kind, ...(unit ? { currency: unit } : {}), ...(counted ? { counted } : {}) });
  }
  return { counts: out, daily: out.length > 0 && words.some((w) => WEEKDAY.test(w)) };
}

/**
 * The value of a number word ("thirteen", "dozen"), or null. Own keys only: a plain object also answers
 * "constructor" with a function, which would have made a count of a building firm.
 */
function numberWord(word: string): number | null {
  if (Object.hasOwn(UNITS, word)) return UNITS[word]!;
  return word === 'dozen' ? 12 : null;
}

function valueOf(token: Token, word: string): number | null {
  if (token.type === 'number') {
    const n = Number(word.replace(/,/g, ''));
    return Number.isFinite(n) ? n : null;
  }
  return numberWord(word);
}

/** What disagreeingFigures found. */
export interface FigureReading {
  figures: Figure[];
  /** The sentences (by corpus index) that give one of the figures. */
  sentences: Set<number>;
}

/** The stems of a text's words, folded. */
function stemsOf(text: string): string[] {
  return fold(text)
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== '')
    .map(stemOfWord);
}

/** Nouns of when, not of what ("last year", "this month"). */
const TIME_NOUNS = new Set(['year', 'month', 'week', 'day', 'time', 'hour', 'decad', 'centuri', 'weekend', 'night', 'season']);

/** How countReader reads a sentence's counts: see its `mode`. */
export type CountMode = 'figure' | 'any' | 'same-thing';

/** Words before a name that make it the place a question is set in ("in Idlib", "across Europe"). */
const PLACE_BEFORE = new Set(['in', 'inside', 'within', 'across', 'throughout', 'at', 'near']);

/**
 * The groups of the question's names that only set where it happens: a name (tagged so by wink-nlp)
 * right after "in", "at", "across"… ("how many people have been displaced in Idlib"). "Turkish" in "how
 * many Turkish soldiers" qualifies what is counted and is not one.
 */
export function scopeGroups(q: AnalysedQuestion): Set<number> {
  const out = new Set<number>();
  const words = q.tokens.filter((t) => t.type === 'word');
  for (const t of q.terms) {
    if (t.pos !== 'PROPN') continue;
    const at = words.findIndex((w) => fold(w.value) === t.word);
    if (at > 0 && PLACE_BEFORE.has(fold(words[at - 1]!.value))) out.add(t.group);
  }
  return out;
}

/** A count a sentence gives of what a question asks about (see countReader). */
export interface CountRead {
  count: Count;
  /** The sentence names a weekday: the count may be a single day's toll. */
  daily: boolean;
  /** It counts the thing the question counts ("520,000 people" for "how many people…"), or the question names none. */
  countsAsked: boolean;
}

/**
 * The term of the thing a "how many" question counts: the last noun of the run after "many", past its
 * qualifiers ("mobile phones" → phone), as a figure's `counted` is read. Null when none follows ("how many
 * have fled").
 */
export function askedThing(q: AnalysedQuestion): string | null {
  const at = q.tokens.findIndex((t, i) => fold(t.value) === 'many' && fold(q.tokens[i - 1]?.value ?? '') === 'how');
  if (at < 0) return null;
  let j = at + 1;
  while (j < q.tokens.length && ['ADJ', 'PROPN', 'NUM'].includes(q.tokens[j]!.pos)) j++;
  let term: string | null = null;
  for (; j < q.tokens.length && q.tokens[j]!.pos === 'NOUN'; j++) term = termOf(q.tokens[j]!);
  return term;
}

/**
 * For a count question, a reader of the count a sentence gives of what the question asks about: the
 * count with most of the question's words (or their stand-ins) around it, as many as it has (the place it
 * is set in aside) and two will do, unless a name right after it says it counts someone else's. Null when the sentence
 * gives none, or when the question is not a count question.
 */
export function countReader(
  q: AnalysedQuestion,
  alternatives: ReadonlyMap<number, ReadonlyArray<[string, number]>> = new Map(),
  /**
   * `figure`: the count that answers the question, with as many of its words around it as it has (two
   * will do). `any`: is there a count of the thing asked about at all, also a vague one ("scores of…"),
   * whoever's it is, with one of the question's naming words around it. `same-thing`: a count of what the
   * question counts, said in other words ("close to 700,000 people have been forced to flee" for "how
   * many people have been displaced"): one of its words around it, and the noun it counts one the
   * question names (or, where it names none, the question's verb around it); it stands beside a
   * `figure` count, never alone (see disagreeingFigures).
   */
  mode: CountMode = 'figure',
  /**
   * Is a word of the question, as typed and folded, a name the articles print ("reuters" for
   * "Reuters")? Words tagged as names count anyway.
   */
  isName: (word: string) => boolean = () => false,
): ((c: Sentence, article: Article) => CountRead | null) | null {
  if (q.type !== 'count') return null;
  // Each question word and its stand-ins (a derived form, a synonym) count once.
  const groupOf = new Map<string, number>();
  for (const t of q.terms) {
    groupOf.set(t.term, t.group);
    for (const [alt, weight] of alternatives.get(t.group) ?? []) if (weight >= 0.5 && !groupOf.has(alt)) groupOf.set(alt, t.group);
  }
  // "How many people have been displaced in Idlib?": a place the question is set in is where the
  // article's story is, not a word the figure's clause repeats. It must still be named (see `named`).
  const scope = scopeGroups(q);
  const naming = (t: QuestionTerm) => ['NOUN', 'PROPN', 'ADJ', 'NUM'].includes(t.pos);
  // A figure for the question has two of its words around it (one when it has one): what it counts and
  // what happened to them, the verb included ("how many people live in…" is not "…people have fled").
  const need = Math.min(2, q.terms.filter((t) => !scope.has(t.group) && (naming(t) || t.pos === 'VERB')).length);
  // Is there a count at all: one of the words that name what is counted will do.
  const anyNear = Math.min(1, q.terms.filter(naming).length);
  // "How many Turkish soldiers…" is not answered by "13 Syrian troops": when the question qualifies what
  // it counts, a count qualified by a name the question does not use is someone else's.
  const qualified = q.terms.some((t) => t.pos === 'ADJ' || t.pos === 'PROPN');
  // A demonym and its adjective share a stem's start ("Turks" / "Turkish"): a prefix of four letters or
  // more stands for the word.
  const groupNear = (term: string): number | undefined => {
    const exact = groupOf.get(term);
    if (exact !== undefined || term.length < 4) return exact;
    for (const [t, g] of groupOf) if (t.length >= 4 && (t.startsWith(term) || term.startsWith(t))) return g;
    return undefined;
  };
  // The thing the question counts ("people" in "how many people…", "phones" in "how many mobile phones
  // were sold last year"), or none ("how many have fled…").
  const asked = askedThing(q);
  const askedGroup = asked === null ? undefined : groupOf.get(asked);
  const countsAsked = (x: Count) => askedGroup === undefined || (x.counted !== undefined && groupNear(x.counted) === askedGroup);
  const verbGroups = new Set(q.terms.filter((t) => t.pos === 'VERB').map((t) => t.group));
  // "How much did Google shares rise?" is not answered by "Southcorp's shares rose 12%": a sentence
  // that names none of the question's names counts something else, unless the sentence before it in its
  // paragraph, or the article's headline, names one ("More than 300 homes were flooded" under "Floods Hit
  // Easterby"). A demonym stands for its country's name as above ("Turks" for "Turkish"). Read from the
  // text, stem by stem: a name's term is its stem, and reading a sentence's tokens would analyse it.
  const names = new Set(q.terms.filter((t) => t.pos === 'PROPN' || isName(fold(t.word))).map((t) => t.group));
  const inContext = (groups: Set<number>) => {
    // A headline, or the sentence before, is read for each of its article's candidates: once is enough.
    const seen = new Map<string, boolean>();
    const one = (text: string) => {
      let got = seen.get(text);
      if (got === undefined) seen.set(text, (got = stemsOf(text).some((w) => groups.has(groupNear(w) ?? -1))));
      return got;
    };
    return (c: Sentence, article: Article) => {
      if (groups.size === 0 || one(c.text)) return true;
      const before = article.sentences[c.position - 1];
      return (!!before && before.paragraph === c.paragraph && one(before.text)) || (article.title !== null && one(article.title));
    };
  };
  const named = inContext(names);
  // "How many people died in the tsunami?" is not answered by "Four people died when a section of rail
  // broke": the things the question is about, other than what it counts and when, are named there too.
  const topics = new Set(q.terms.filter((t) => t.pos === 'NOUN' && t.group !== askedGroup && !scope.has(t.group) && !TIME_NOUNS.has(t.term)).map((t) => t.group));
  const about = inContext(topics);
  // "How much did he pay?" is not answered by "shares rose 5%": a question that asks for a kind of
  // figure takes only that kind (a vague "scores of…" is a count).
  const { kind } = q;
  const ofKind = (x: Count) => kind === null || x.kind === kind;
  // A sum or a share is rarer than a count and seldom sits next to whose it is ("Mr Glazer's offer values
  // the club at £800m"): asked for one, any of that kind in the sentence is one.
  const anyFit = kind === 'money' || kind === 'percent' ? 0 : anyNear;
  const anothers = (x: Count) => qualified && x.whose.some((t) => groupNear(t) === undefined);
  // It counts what the question counts (where it names no thing, "how many have fled…", any will do),
  // or, where no noun says what it counts ("800,000 Syrians have been displaced"), what happened to them
  // is the question's verb. "14 Turks were killed" could be another event's toll ("…were wounded").
  const sameThing = (x: Count) =>
    kind === 'count' && (x.counted !== undefined ? countsAsked(x) : x.near.some((term) => verbGroups.has(groupNear(term) ?? -1)));
  const keeps: (x: Count, fit: number) => boolean =
    mode === 'any' ? (_x, fit) => fit >= anyFit
    : mode === 'same-thing' ? (x, fit) => fit >= Math.min(need, 1) && !x.vague && !anothers(x) && sameThing(x)
    : (x, fit) => fit >= need && !x.vague && !anothers(x);
  return (c, article) => {
    // The place a question is set in is not needed around a figure, but it counts where it is there
    // ("Germany had 3.97 million people out of work").
    const fit = (x: Count) => new Set(x.near.map(groupNear).filter((g) => g !== undefined)).size;
    const reading = readingOf(c, article.raw);
    const counts = reading.counts.filter((x) => ofKind(x) && keeps(x, fit(x)));
    if (counts.length === 0 || (mode !== 'any' && !(named(c, article) && about(c, article)))) return null;
    // Of two counts as close to the question's words, the one counting a thing it names: "520,000
    // people" rather than "in just 2 months" for "how many people…".
    const weigh = (x: Count) => fit(x) + (x.counted !== undefined && groupNear(x.counted) !== undefined ? 0.5 : 0);
    const count = counts.reduce((a, b) => (weigh(b) > weigh(a) ? b : a));
    return { count, daily: reading.daily, countsAsked: countsAsked(count) };
  };
}

/**
 * The figures the sources disagree on, for a count question. Each well-matching sentence gives its count
 * of the thing asked about (see countReader). A count of the same thing in other words ("close to
 * 700,000 people have been forced to flee" for "…displaced") joins them where its sentence is `related`.
 * Counts of a single day's event ("on Monday") are left out when there are running totals. Of the rest,
 * the counts within a factor of two of each other that most articles give are figures for the same
 * thing. Empty unless two articles give different amounts.
 */
export function disagreeingFigures(
  q: AnalysedQuestion,
  groups: readonly Group[],
  articles: ReadonlyMap<string, Article>,
  alternatives: ReadonlyMap<number, ReadonlyArray<[string, number]>> = new Map(),
  isName: (word: string) => boolean = () => false,
  /**
   * May a count said in other words (a `same-thing` reading) join the figures: is its sentence (by corpus
   * index) about what the question is about? Without it, none does.
   */
  related: (sentence: number) => boolean = () => false,
): FigureReading {
  const none: FigureReading = { figures: [], sentences: new Set() };
  const reader = countReader(q, alternatives, 'figure', isName);
  const sameThing = countReader(q, alternatives, 'same-thing', isName);
  if (!reader || !sameThing || groups.length === 0) return none;
  const read = (c: Sentence): (CountRead & { article: Article; sentence: number; seed: boolean }) | null => {
    const article = articles.get(c.articleId);
    if (!article) return null;
    const got = reader(c, article);
    if (got) return { ...got, article, sentence: c.index, seed: true };
    const other = sameThing(c, article);
    return other && related(c.index) ? { ...other, article, sentence: c.index, seed: false } : null;
  };
  // The pool is chosen by match (BM25 over the question's own words), not by the ranking's order, which
  // weighs how much of the question a sentence covers: "14 Turks were killed" gives the count of Turkish
  // soldiers though it names neither word as the question does.
  const matchOf = (g: Group) => g.candidates.reduce((m, c) => Math.max(m, c.match), 0);
  const byMatch = groups.map((g, i) => ({ g, i, match: matchOf(g) })).sort((a, b) => b.match - a.match || a.i - b.i);
  const best = byMatch[0]!.match;
  const pool = byMatch.slice(0, FIGURE_POOL).filter((x) => x.match >= FIGURE_SCORE_SHARE * best).map((x) => x.g);
  const found = pool.flatMap((g) => g.candidates.map((c) => read(c.sentence)).filter((x) => x !== null));
  // A running total and a single day's toll are different figures: read the day's only when every
  // count in the question's words is one.
  const readings = found.some((x) => x.seed && !x.daily) ? found.filter((x) => !x.daily) : found;
  if (readings.length === 0) return none;
  // The figures for one thing are of one kind (and currency) and lie within a factor of two of each
  // other: take the cluster that most articles give (the best-ranked one on a tie).
  const alike = (a: Count, b: Count) => Math.max(a.amount, b.amount) / Math.min(a.amount, b.amount) <= SAME_MAGNITUDE;
  let cluster: typeof readings = [];
  // A cluster grows from a count that answers the question in its words; counts of the same thing in
  // other words join one that counts what the question counts, but never make one.
  for (const seed of readings) {
    if (!seed.seed) continue;
    const members = readings.filter((x) => (x.seed || seed.countsAsked) && x.count.kind === seed.count.kind && x.count.currency === seed.count.currency && alike(x.count, seed.count));
    const inCluster = members.filter((x) => members.every((y) => alike(x.count, y.count)));
    if (new Set(inCluster.map((x) => x.article.id)).size > new Set(cluster.map((x) => x.article.id)).size) cluster = inCluster;
  }
  const byAmount = new Map<number, { value: string; articles: Set<string> }>();
  for (const got of cluster) {
    const entry = byAmount.get(got.count.amount) ?? { value: got.count.value, articles: new Set<string>() };
    entry.articles.add(got.article.id);
    byAmount.set(got.count.amount, entry);
  }
  const distinctArticles = new Set([...byAmount.values()].flatMap((e) => [...e.articles]));
  if (byAmount.size < 2 || distinctArticles.size < 2) return none;
  const figures = [...byAmount.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([amount, e]) => ({
      value: e.value,
      amount,
      sources: [...e.articles].map((id) => sourceOf(articles.get(id)!)),
    }));
  return { figures, sentences: new Set(cluster.map((x) => x.sentence)) };
}
