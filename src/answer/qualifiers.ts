/**
 * A question that names which one it asks about ("how many Russian soldiers…") is not answered by a
 * sentence about the same thing under another name ("Thirteen Turkish soldiers have been killed…"): the
 * sentence matches every other word, yet tells the reader nothing about what was asked. Such a sentence
 * is no evidence (Tuning.contradictedEvidence): the engine says it does not know rather than quote it.
 *
 * Only names of one kind are compared: nationality words ("Russian", "Turkish", "Syrian", "Israeli") and
 * years, each directly before the same noun.
 */
import { YEAR } from '../nlp/months.js';
import { fold, stem, stemOfWord } from '../nlp/terms.js';
import type { Token } from '../nlp/wink.js';

/** Nationality words by their shape: Russian, Syrian, Turkish, Chinese, Israeli, Iraqi. */
const DEMONYM = /^[a-z]+(an|ish|ese|i)$/;

/** The kind of name a word is, if any. */
const kindOf = (word: string): 'nation' | 'year' | null => (YEAR.test(word) ? 'year' : DEMONYM.test(word) ? 'nation' : null);

export interface Qualifier {
  /** The qualifying word, folded ("russian", "2015"). */
  word: string;
  kind: 'nation' | 'year';
  /** The stem of the noun it qualifies ("soldier"). */
  head: string;
}

/** The qualified nouns of a question: a nationality word or a year directly before a noun. */
export function qualifiersOf(tokens: readonly Token[]): Qualifier[] {
  const out: Qualifier[] = [];
  for (let i = 0; i + 1 < tokens.length; i++) {
    const a = tokens[i]!;
    const b = tokens[i + 1]!;
    if (b.pos !== 'NOUN' || b.type !== 'word') continue;
    const word = fold(a.value);
    const kind = a.type === 'number' ? (YEAR.test(word) ? 'year' : null) : (a.pos === 'ADJ' || a.pos === 'PROPN') ? kindOf(word) : null;
    if (kind) out.push({ word, kind, head: stem(fold(b.lemma || b.value)) });
  }
  return out;
}

const LETTER = /\p{L}/u;

/** Where a word stands whole in a text (no letter on either side), first to last. */
function wholeAt(text: string, word: string): number[] {
  const isLetter = (c: string | undefined) => c !== undefined && LETTER.test(c);
  const out: number[] = [];
  for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
    if (!isLetter(text[at - 1]) && !isLetter(text[at + word.length])) out.push(at);
  }
  return out;
}

/** The word with a capital first letter. */
const capitalised = (word: string) => word[0]!.toUpperCase() + word.slice(1);

/**
 * Is the word printed with a capital first letter, as a whole word, in any of the texts? (A plain search,
 * not a pattern: the word comes from a member's question.)
 */
export function capitalisedIn(word: string, ...texts: readonly string[]): boolean {
  if (!/^[a-z]+$/.test(word)) return false;
  const printed = capitalised(word);
  return texts.some((t) => wholeAt(t, printed).length > 0);
}

/**
 * Is the word a name in these texts: printed with a capital inside a sentence (not as its first word)
 * in one of them, and never small in any? A member types "reuters"; the articles print "media group
 * Reuters". (A plain search, not a pattern: the word comes from a member's question.)
 */
export function printedAsName(word: string, texts: readonly string[]): boolean {
  if (!/^[a-z]+$/.test(word)) return false;
  const printed = capitalised(word);
  // Inside a sentence: something other than an opening quote or bracket before it.
  const inside = (t: string, at: number) => /[^\s"'“‘(\[]/u.test(t.slice(0, at));
  let capital = false;
  for (const t of texts) {
    if (wholeAt(t, word).length > 0) return false;
    if (!capital && wholeAt(t, printed).some((at) => inside(t, at))) capital = true;
  }
  return capital;
}

/**
 * The qualifier of the question that `text` contradicts: the text never uses the question's word, and has
 * the same noun qualified by another word of the same kind ("Turkish soldiers" for "Russian soldiers").
 * A nationality word counts only when `isName` says it is one (a member may type "russian"; "civilian"
 * has the same ending and is none): the engine asks whether the question or the sentences it matched
 * print it capitalised.
 */
export function contradictedQualifier(qualifiers: readonly Qualifier[], text: string, isName: (word: string) => boolean): Qualifier | null {
  qualifiers = qualifiers.filter((q) => q.kind === 'year' || isName(q.word));
  if (qualifiers.length === 0) return null;
  const folded = fold(text);
  const words: string[] = folded.match(/[a-z0-9]+/g) ?? [];
  for (const q of qualifiers) {
    if (words.includes(q.word)) continue;
    for (let i = 0; i + 1 < words.length; i++) {
      const other = words[i]!;
      if (other === q.word || kindOf(other) !== q.kind) continue;
      // Nationality words are capitalised in print; a lower-case "-an" word ("civilian") is no nation.
      if (q.kind === 'nation' && !capitalisedIn(other, text)) continue;
      if (stemOfWord(words[i + 1]!) === q.head || stemOfWord(words[i + 1]!.replace(/s$/, '')) === q.head) return q;
    }
  }
  return null;
}
