/**
 * Index terms: what a sentence and a question are compared on.
 *
 * A term is the Porter2 stem of a token's lemma, lowercased, with diacritics and curly apostrophes folded
 * ("Oktaý" → "oktay", "displaced"/"displacement" → "displac", "held" → "hold"). Stop words, punctuation and
 * the casual filler of chat ("lol", "gonna", "wat") are not terms. Numbers are terms with their digit
 * grouping removed ("520,000" → "520000").
 */
import stemmer from 'wink-porter2-stemmer';
import type { Token } from './wink.js';
import { analyse } from './wink.js';

/**
 * Words that carry no content in a question typed in chat, beyond wink-nlp's English stop words:
 * fillers, chat abbreviations of stop words, and question scaffolding. These are generic English
 * chat words, not words of any article or evaluation question.
 */
const EXTRA_STOP = new Set([
  'lol', 'lmao', 'pls', 'plz', 'please', 'ok', 'okay', 'hey', 'hi', 'hello', 'yo', 'um', 'uh', 'hmm',
  'wait', 'like', 'really', 'actually', 'exactly', 'even', 'just', 'anyway', 'basically', 'literally',
  'gonna', 'wanna', 'gotta', 'kinda', 'sorta', 'dunno', 'wat', 'wut', 'whats', "what's", 'r', 'u', 'ur',
  'n', 'w', 'bc', 'cuz', 'coz', 'cos', 'tho', 'thx', 'ty', 'idk', 'imo', 'tbh', 'rn', 'btw', 'ya',
  'yeah', 'yes', 'no', 'thing', 'things', 'stuff', 'know', 'tell', 'anyone', 'someone', 'somebody',
  'anybody', 'kind', 'sort', 'happen', 'happened', 'happens', 'get', 'got', 'getting',
  'much', 'many', 'also', 'else', 'ever', 'still', 'any',
]);

/**
 * A bounded memo of a pure string function: a corpus of a million tokens holds some 30k distinct words,
 * so folding and stemming each distinct word once is most of the saving. Emptied when full (the words of
 * an index come back, stray questions' words do not).
 */
const memos: Array<Map<string, string>> = [];

function memoised(fn: (s: string) => string, capacity: number): (s: string) => string {
  const memo = new Map<string, string>();
  memos.push(memo);
  return (s) => {
    let out = memo.get(s);
    if (out === undefined) {
      if (memo.size >= capacity) memo.clear();
      memo.set(s, (out = fn(s)));
    }
    return out;
  };
}

/** Empty the memos: an index is built, and its words need not stay in memory for the questions' sake. */
export function forgetWords(): void {
  for (const memo of memos) memo.clear();
}

/** How many distinct strings each memo (fold, word term) holds before it is emptied. */
const MEMO_CAPACITY = 100_000;

const foldMemo = memoised(foldText, MEMO_CAPACITY);

/** Fold case, diacritics and curly quotes so that "Oktaý’s" and "oktay's" compare equal. */
export function fold(text: string): string {
  // Plain ASCII folds to its lower case (nothing to decompose or replace): checking is cheaper than
  // remembering, and most words are plain. Long texts (a sentence, a question) are not worth remembering; words are.
  if (text.length > 32) return foldText(text);
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 127) return foldMemo(text);
  return text.toLowerCase();
}

function foldText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[\u2018\u2019\u02bc]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .toLowerCase();
}

/** True when a token can be a term at all (a word or a number, not a stop word). */
export function isContent(token: Token): boolean {
  return contentFold(token) !== null;
}

/**
 * A content token's folded text (see isContent), null for any other: one look-up serves the test, the
 * term (termOfFolded) and the word, where a corpus's every token asks for all three.
 */
export function contentFold(token: Token): string | null {
  if (!mayBeContent(token)) return null;
  const f = fold(token.value);
  if (EXTRA_STOP.has(f)) return null;
  if (f.length < 2 && token.type === 'word') return null;
  if (f.startsWith("'")) return null;
  return f;
}

/**
 * Whether a token can be a content token at all, by its type and stop flag alone (no folding): most of a
 * text's tokens (punctuation, stop words) are turned down here, as cheaply as a test can be.
 */
export function mayBeContent(token: Token): boolean {
  if (token.type !== 'word' && token.type !== 'number') return false;
  // "US" and "U.S." name a country; only the lower-case "us" is the stop word.
  return !token.stop || COUNTRY_INITIALS.test(token.value);
}

/** Upper-case initials that read as a stop word when folded ("US", "U.S."). */
const COUNTRY_INITIALS = /^U\.?S\.?$/;

/** Stem a single word (already lowercased / lemmatised). */
export function stem(word: string): string {
  return stemmer(word);
}

/** Stems remembered for `stemOfWord`, at most STEM_MEMORY (forgotten all at once when full). */
const stems = new Map<string, string>();
const STEM_MEMORY = 20_000;

/**
 * `stem`, remembered: for readers of sentence text at question time (a count's context, a contradicted
 * name, a definition's subject), where the same headlines and words come back question after question.
 */
export function stemOfWord(word: string): string {
  let got = stems.get(word);
  if (got === undefined) {
    if (stems.size >= STEM_MEMORY) stems.clear();
    stems.set(word, (got = stemmer(word)));
  }
  return got;
}

/** The term for a content token. */
export function termOf(token: Token): string {
  return termOfFolded(token, token.type === 'number' ? fold(token.value) : '');
}

/** `termOf(token)`, given the token's folded text (`contentFold`; a word's is not read). */
export function termOfFolded(token: Token, folded: string): string {
  if (token.type === 'number') return folded.replace(/[,\s]/g, '');
  return wordTerm(token.lemma || token.value);
}

/** The term of a word token's lemma (remembered: the same lemmas come back token after token). */
const wordTerm = memoised((lemma: string): string => {
  const base = fold(lemma).replace(/'s$/, '').replace(/[^a-z0-9\-.]/g, '');
  const word = base.replace(/\.$/, '');
  // Hyphenated compounds ("ground-based") stay one term; their parts are added by `termsOfTokens`.
  return stem(word.replace(/\./g, ''));
}, MEMO_CAPACITY);

/** Terms of a list of tokens, in order, with hyphenated compounds also split into their parts. */
export function termsOfTokens(tokens: readonly Token[]): string[] {
  const out: string[] = [];
  for (const t of tokens) {
    const folded = contentFold(t);
    if (folded !== null) addTerms(out, termOfFolded(t, folded), folded);
  }
  return out;
}

/** Add a content token's terms to `out`: its term (if any) and, for a hyphenated compound, its parts. */
export function addTerms(out: string[], term: string, folded: string): void {
  if (!term) return;
  out.push(term);
  if (term.includes('-')) {
    for (const part of folded.split('-')) {
      if (part.length > 1) out.push(stem(part.replace(/[^a-z0-9]/g, '')));
    }
  }
}

/**
 * A compound's spellings find each other: "cease-fire" and "ceasefire", "co-operation" and
 * "cooperation". Given the folded text of a word written with a hyphen, the folded word it makes when
 * written closed; null when the hyphen does not join two letters or the closed word would be one letter.
 */
export function closedWord(folded: string): string | null {
  if (!/[a-z]-[a-z]/.test(folded)) return null;
  const closed = folded.replace(/[^a-z0-9]/g, '');
  return closed.length > 1 ? closed : null;
}

/**
 * wink-nlp splits some compounds at their hyphen ("cease-fire" is "cease", "-", "fire"; "co-operation"
 * stays one token): the folded closed word ("ceasefire") when token `i` ends such a split compound (a
 * word, a hyphen and a word, nothing between them), else null.
 */
export function splitCompoundAt(tokens: readonly Token[], i: number): string | null {
  const last = tokens[i];
  const hyphen = tokens[i - 1];
  const first = tokens[i - 2];
  if (!last || !hyphen || !first || hyphen.value !== '-' || last.type !== 'word' || first.type !== 'word') return null;
  if (first.end !== hyphen.start || hyphen.end !== last.start) return null;
  return closedWord(fold(`${first.value}-${last.value}`));
}

/** Terms of a free text. */
export function terms(text: string): string[] {
  return termsOfTokens(analyse(text).tokens);
}
