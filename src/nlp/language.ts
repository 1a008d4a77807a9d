/**
 * Whether a message is written in a language other than English. Read only for a message the engine does
 * not answer: "I read questions in English" tells a member more than "I couldn't find that in the
 * articles", and an answer is never turned away for it.
 *
 * Two signs, either enough: most of the letters are of another script (Arabic, Cyrillic, Greek, Hebrew,
 * CJK…); or, in Latin letters, a message with not one English function word ("the", "of", "how", "did":
 * wink-nlp's stop words) and, of its other words (names aside: a capitalised word past the first), at
 * least MIN_WORDS, two thirds or more unknown to English (neither WordNet nor the articles have them).
 * "Wie viele Menschen sind geflohen?" is German; "turkish casualties idlib" is English (every word known),
 * and so is "how many ppl fled" (function words).
 */
import type { Token } from './wink.js';

/** The fewest words a message in Latin letters needs before its words are judged. */
export const MIN_WORDS = 3;

const LETTER = /\p{L}/u;
const LATIN = /\p{Script=Latin}/u;
const WORD = /\p{L}{2}/u;
const UPPER = /^\p{Lu}/u;

/**
 * True when `text` reads as another language. `tokens` are its tokens (wink-nlp's, with stop flags);
 * `knows` says whether a word token is English (WordNet's) or the articles' own.
 */
export function looksForeign(text: string, tokens: readonly Token[], knows: (token: Token) => boolean): boolean {
  let letters = 0;
  let latin = 0;
  for (const ch of text) {
    if (!LETTER.test(ch)) continue;
    letters++;
    if (LATIN.test(ch)) latin++;
  }
  if (letters === 0) return false;
  if (latin * 2 < letters) return true;
  const all = tokens.filter((t) => t.type === 'word' && WORD.test(t.value));
  if (all.some((t) => t.stop)) return false;
  // A capitalised word past the first is a name, in any language ("Erdogan", "Türk", "Peugeot").
  const words = all.filter((t, i) => i === 0 || !UPPER.test(t.value));
  if (words.length < MIN_WORDS) return false;
  let unknown = 0;
  for (const t of words) if (!knows(t)) unknown++;
  return unknown * 3 >= words.length * 2;
}
