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

/** Fold case, diacritics and curly quotes so that "Oktaý’s" and "oktay's" compare equal. */
export function fold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[\u2018\u2019\u02bc]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .toLowerCase();
}

/** True when a token can be a term at all (a word or a number, not a stop word). */
export function isContent(token: Token): boolean {
  if (token.type !== 'word' && token.type !== 'number') return false;
  // "US" and "U.S." name a country; only the lower-case "us" is the stop word.
  if (token.stop && !COUNTRY_INITIALS.test(token.value)) return false;
  const f = fold(token.value);
  if (EXTRA_STOP.has(f)) return false;
  if (f.length < 2 && token.type === 'word') return false;
  if (f.startsWith("'")) return false;
  return true;
}

/** Upper-case initials that read as a stop word when folded ("US", "U.S."). */
const COUNTRY_INITIALS = /^U\.?S\.?$/;

/** Stem a single word (already lowercased / lemmatised). */
export function stem(word: string): string {
  return stemmer(word);
}

/** The term for a content token. */
export function termOf(token: Token): string {
  if (token.type === 'number') return fold(token.value).replace(/[,\s]/g, '');
  const lemma = fold(token.lemma || token.value);
  const base = lemma.replace(/'s$/, '').replace(/[^a-z0-9\-.]/g, '');
  const word = base.replace(/\.$/, '');
  // Hyphenated compounds ("ground-based") stay one term; their parts are added by `termsOfTokens`.
  return stem(word.replace(/\./g, ''));
}

/** Terms of a list of tokens, in order, with hyphenated compounds also split into their parts. */
export function termsOfTokens(tokens: readonly Token[]): string[] {
  const out: string[] = [];
  for (const t of tokens) {
    if (!isContent(t)) continue;
    const term = termOf(t);
    if (!term) continue;
    out.push(term);
    if (term.includes('-')) {
      for (const part of fold(t.value).split('-')) {
        if (part.length > 1) out.push(stem(part.replace(/[^a-z0-9]/g, '')));
      }
    }
  }
  return out;
}

/** Terms of a free text. */
export function terms(text: string): string[] {
  return termsOfTokens(analyse(text).tokens);
}
