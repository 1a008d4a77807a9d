/**
 * "Who is X?" and "what is X?" ask for what X is, and a sentence answers them when it introduces X: with a
 * role before the name ("Vice President Fuat Oktay", "his deputy Fuat Oktay", "broadcaster NTV"), a
 * description after it ("Jens Laerke, spokesperson for…", "The Syrian Observatory for Human Rights, a
 * UK-based war monitor,"), a copula ("Saraqeb is the last major rebel-held town") or a full name before an
 * abbreviation ("Hayat Tahrir al-Sham (HTS)"). A sentence that merely names X ("Oktay said") does not.
 *
 * Read from the sentence's text at question time, for the few best candidates only: the index keeps no
 * tokens, and the words around a name are all this needs.
 */
import { fold, stemOfWord } from '../nlp/terms.js';

/** The thing a definition question asks about, as folded words ("jens", "laerke"), or null for any other question. */
export function definitionSubject(question: string): string[] | null {
  const m = /^\s*(?:who|what)\s*(?:is|was|are|were|'s|’s|s)\s+(.+?)\s*[?.!]*\s*$/i.exec(question);
  if (!m) return null;
  const words = wordsOf(m[1]!).map((w) => w.folded);
  while (words.length > 0 && ARTICLES.has(words[0]!)) words.shift();
  // "who is turkey's defence minister" asks for a name, not a description, but a role before a name
  // answers it all the same; a clause ("what is turkey trying to do") is not a subject.
  if (words.length === 0 || words.length > MAX_SUBJECT_WORDS || words.some((w) => CLAUSE_WORDS.has(w))) return null;
  return words;
}

/** Small words a name may hold between its capitalised ones ("Bank of England", "Hayat Tahrir al-Sham"). */
const NAME_JOINERS = new Set(['of', 'the', 'and', 'al', 'el', 'de', 'du', 'la', 'le', 'bin', 'ibn', 'van', 'von', 'der', 'for']);

/**
 * The subject of a definition question when it is written as a name of two or more words ("who is Jens
 * Laerke?", "what is Live 8?"): its folded words, or null. Every word is capitalised or a number but for
 * small joining words, and the first and last are not joiners.
 */
export function namedSubject(question: string): string[] | null {
  const folded = definitionSubject(question);
  if (!folded || folded.length < 2) return null;
  const written = wordsOf(question).slice(-folded.length);
  if (written.length !== folded.length || written.some((w, i) => w.folded !== folded[i])) return null;
  const capital = (w: Word) => /^[\p{Lu}\p{N}]/u.test(w.text);
  if (!capital(written[0]!) || !capital(written[written.length - 1]!)) return null;
  return written.every((w) => capital(w) || NAME_JOINERS.has(w.folded)) ? folded : null;
}

/**
 * True when `text` holds every word of the phrase, in any order and form ("the Astana and Sochi peace
 * processes" holds "Astana Process"): each compared by its stem.
 */
export function holdsWords(text: string, phrase: readonly string[]): boolean {
  const stems = new Set(wordsOf(text).map((w) => stemOfWord(w.folded)));
  return phrase.every((w) => stems.has(stemOfWord(w)));
}

/** Longest subject taken as a definition question's: beyond it, the question asks something more. */
const MAX_SUBJECT_WORDS = 5;
const ARTICLES = new Set(['the', 'a', 'an']);
/** Words that make "what is X…" a clause rather than a thing: "what is turkey trying to do". */
const CLAUSE_WORDS = new Set(['to', 'doing', 'trying', 'going', 'about', 'happening', 'if', 'when', 'why', 'that', 'this', 'it', 'there', 'they', 'he', 'she', 'we', 'you', 'i']);

interface Word {
  text: string;
  folded: string;
  start: number;
  end: number;
}

/** The words of a text with their places (a possessive "'s" is dropped from the word). */
function wordsOf(text: string): Word[] {
  const out: Word[] = [];
  for (const m of text.matchAll(/[\p{L}\p{N}]+(?:[-.'’][\p{L}\p{N}]+)*/gu)) {
    const raw = m[0];
    const text = raw.replace(/['’]s$/i, '');
    out.push({ text, folded: fold(text), start: m.index, end: m.index + raw.length });
  }
  return out;
}

/** Latin letters with accents (which folding turns into plain ones). */
const ACCENTED = /[\u00c0-\u024f\u1e00-\u1eff]/;

/** How many capitalised words (the rest of a name or title: "Recep Tayyip", "of State Mike") may stand between a role and the name. */
const NAME_PARTS = 4;

/**
 * True when `text` introduces the subject: see the module comment. `isRole(word)` says whether a word
 * names a role (a kind of person or body, e.g. from WordNet).
 */
export function introduces(text: string, subject: readonly string[], isRole: (word: string) => boolean): boolean {
  // Most candidates do not name the subject as such: a text without its last word is passed over before
  // it is cut into words. Folding strips accents, so a text with accented Latin letters is always read.
  if (!ACCENTED.test(text) && !text.toLowerCase().includes(subject[subject.length - 1]!)) return false;
  const words = wordsOf(text);
  for (let i = 0; i + subject.length <= words.length; i++) {
    if (!subject.every((w, k) => words[i + k]!.folded === w)) continue;
    const last = words[i + subject.length - 1]!;
    // A role before the name, past other parts of the name.
    for (let j = i - 1, skipped = 0; j >= 0 && skipped <= NAME_PARTS; j--) {
      const w = words[j]!;
      // Only words side by side with the name make one phrase: not "…the regime's guarantor," Cavusoglu said.
      if (!/^[\p{L}]/u.test(w.text) || text.slice(w.end, words[j + 1]!.start).trim() !== '') break;
      if (isRole(w.folded)) return true;
      // A title's own "of" ("Secretary of State Mike Pompeo") joins two capitalised words.
      const titleOf = w.folded === 'of' && j > 0 && /^\p{Lu}/u.test(words[j - 1]!.text) && /^\p{Lu}/u.test(words[j + 1]!.text);
      if (!/^\p{Lu}/u.test(w.text) && !titleOf) break;
      skipped++;
    }
    const after = text.slice(last.end, last.end + 80);
    // A full name before an abbreviation: "Hayat Tahrir al-Sham (HTS)".
    if (/^\)/.test(after) && text.slice(0, words[i]!.start).trimEnd().endsWith('(')) return true;
    // A copula: "Saraqeb is the last major rebel-held town".
    if (/^\s+(?:is|was|are|were)\s+(?:a|an|the|one of)\s/i.test(after)) return true;
    // An appositive: "Jens Laerke, spokesperson for…", "…, a UK-based war monitor,"; or a gloss in brackets.
    if (/^\s*\(/.test(after)) return true;
    const appositive = /^\s*,\s+([^,;:"“”]+)/.exec(after);
    if (appositive) {
      const next = wordsOf(appositive[1]!).slice(0, 4);
      if (next.length > 0 && (ARTICLES.has(next[0]!.folded) || next.some((w) => isRole(w.folded)))) return true;
    }
  }
  return false;
}
