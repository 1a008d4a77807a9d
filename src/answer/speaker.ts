/**
 * A question that asks what someone said ("what did NATO say?", "what does the Kremlin say Ankara failed
 * to do?") is answered by a sentence that gives that someone's words: one that names them beside a word of
 * speech ("said", "told", "according to", "statement"), or a quotation leaning on such a sentence. A
 * sentence that names them otherwise ("Turkey, a NATO ally…") or gives another's words does not say what
 * they said.
 *
 * Who speaks is read from where the name stands, not from the sentence's grammar: within a few words
 * before a word of speech, or after one that names its speaker after it (see `givesWordsOf`). A sentence
 * is read with the one it leans on (an unattributed quotation), and a "…,” he said" with the one before.
 */
import { fold } from '../nlp/terms.js';
import type { Token } from '../nlp/wink.js';
import { printedAsName } from './qualifiers.js';

/** Verbs (lemmas) whose question asks for someone's words ("add" and "write" too often ask for a deed). */
const SPEECH_ASKED: ReadonlySet<string> = new Set([
  'say', 'tell', 'announce', 'claim', 'declare', 'insist', 'confirm', 'deny', 'report', 'warn', 'comment', 'tweet',
]);

/** The auxiliary before the speaker in such a question: "what *did* NATO say", "has Moscow said". */
const AUXILIARIES: ReadonlySet<string> = new Set(['do', 'does', 'did', 'has', 'have', 'had', 'will', 'would', 'is', 'are', 'was', 'were']);

/** The most words between the auxiliary and the verb ("did the UN's humanitarian office say"). */
const MAX_SPEAKER_WORDS = 6;

/** Words of speech in a sentence: its verbs' forms, and the nouns and phrases that attribute words. */
const SPEECH_WORDS: ReadonlySet<string> = new Set([
  'say', 'says', 'said', 'saying', 'tell', 'tells', 'told', 'telling', 'announce', 'announces', 'announced', 'announcing',
  'announcement', 'statement', 'statements', 'stated', 'claim', 'claims', 'claimed', 'declare', 'declares', 'declared',
  'insist', 'insists', 'insisted', 'confirm', 'confirms', 'confirmed', 'deny', 'denies', 'denied', 'report', 'reports',
  'reported', 'warn', 'warns', 'warned', 'warning', 'add', 'adds', 'added', 'comment', 'comments', 'commented',
  'remarks', 'tweet', 'tweeted', 'wrote', 'writes', 'quoted', 'speech', 'spokesman', 'spokeswoman', 'spokesperson',
  'according', 'urged', 'urges', 'stressed', 'noted', 'accused', 'accuses', 'believe', 'believes', 'believed', 'argue',
  'argues', 'argued', 'ruled', 'ruling', 'explained', 'concluded', 'admitted', 'acknowledged',
]);

/** Words that do not name a speaker: determiners and pronouns ("what did *they* say" names no one). */
const NOT_NAMING: ReadonlySet<string> = new Set([
  'the', 'a', 'an', 'its', 'their', 'his', 'her', 'he', 'she', 'they', 'it', 'we', 'you', 'i', 'this', 'that', 'these',
  'those', 'someone', 'anyone', 'anybody', 'somebody', 'everyone', 'people', 'officials', 'official', 'media', 'both',
]);

/** A text's words, folded, split at anything but a letter or digit ("al-Sham" is "al", "sham"). */
function wordsOf(text: string): string[] {
  return fold(text).split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 1);
}

/**
 * The words naming who a question asks the words of, or null when it asks for no one's words: the names,
 * and the nouns `speaks` takes for someone who can speak (a person or a body, not "the 2018 deal"; a name
 * typed small, "nato"), between an auxiliary and a verb of speech ("what did the OCHA spokesperson say" →
 * "ocha", "spokesperson"). A question that names no one there ("what did they say") gets null.
 */
export function speakerAsked(tokens: readonly Token[], speaks: (token: Token) => boolean): string[] | null {
  for (let i = 1; i < tokens.length; i++) {
    const verb = tokens[i]!;
    if (verb.pos !== 'VERB' || !SPEECH_ASKED.has(fold(verb.lemma))) continue;
    let j = i - 1;
    while (j >= 0 && i - j <= MAX_SPEAKER_WORDS && !AUXILIARIES.has(fold(tokens[j]!.value))) j--;
    if (j < 0 || i - j > MAX_SPEAKER_WORDS || i - j < 2) continue;
    const words = tokens
      .slice(j + 1, i)
      .filter((t) => t.pos === 'PROPN' || /^\p{Lu}/u.test(t.value) || (t.pos === 'NOUN' && speaks(t)))
      .flatMap((t) => wordsOf(t.value))
      .filter((w) => !NOT_NAMING.has(w));
    if (words.length > 0) return [...new Set(words)];
  }
  return null;
}

/**
 * Does the question ask for nothing but the speaker's words ("what did Russia say", "what has the Kremlin
 * said")? Its every word is the speaker's or a verb of speech: any sentence giving their words answers it.
 */
export function asksOnlyWords(terms: ReadonlyArray<{ word: string; lemma: string }>, speaker: readonly string[]): boolean {
  return terms.length > 0 && terms.every((t) => speaker.includes(fold(t.word)) || SPEECH_ASKED.has(fold(t.lemma)));
}

/**
 * Is each of the speaker's words printed as a name in these texts ("Russia", "NATO"), and not a word they
 * also print small ("the government" beside "the Local Government Association")? A role many may hold
 * ("the minister") names no one in particular.
 */
export function namedInTexts(speaker: readonly string[], texts: readonly string[]): boolean {
  const printed = (w: string) => texts.some((t) => t.split(/[^\p{L}\p{N}]+/u).includes(w));
  return speaker.length > 0 && speaker.every((w) => printedAsName(w, texts) || (printed(w.toUpperCase()) && !printed(w)));
}

/** Words of speech after which the next name is whom the words were for, not whose ("told Putin"). */
const ADDRESSED: ReadonlySet<string> = new Set(['tell', 'tells', 'told', 'telling', 'urged', 'urges', 'accused', 'accuses', 'warned', 'warns']);

/** How many words before a word of speech its speaker may stand ("Russian Foreign Minister Sergey Lavrov said"). */
const SPEAKER_BEFORE = 4;
/** How many words an aside between the speaker and the word of speech may have ("Gary Hill, from the Local Farmers Association, said"). */
const MAX_ASIDE = 8;
/** How many words after it ("said Jens Laerke, spokesperson for…", "according to the United Nations"). */
const SPEAKER_AFTER = 4;

/** A text's words (folded) and its marks, in order. */
function piecesOf(text: string): string[] {
  return fold(text).match(/[\p{L}\p{N}]+|[^\s\p{L}\p{N}]/gu) ?? [];
}

/** The same, the words of a ", which…," or ", who…," clause left out. */
function mainPiecesOf(text: string): string[] {
  const pieces = piecesOf(text);
  const out: string[] = [];
  for (let i = 0; i < pieces.length; i++) {
    if (pieces[i] === ',' && (pieces[i + 1] === 'which' || pieces[i + 1] === 'who' || pieces[i + 1] === 'whose')) {
      let j = i + 1;
      while (j < pieces.length && pieces[j] !== ',') j++;
      // The clause goes with its commas: "Turkey, which hosts…, has said" is "Turkey has said".
      i = j;
      continue;
    }
    out.push(pieces[i]!);
  }
  return out;
}

const QUOTE_MARKS = new Set(['"', '“', '”', '«', '»']);

/** Words of speech whose speaker is named after them. */
const NAMED_AFTER: ReadonlySet<string> = new Set(['according', 'statement', 'statements', 'announcement', 'spokesman', 'spokeswoman', 'spokesperson', 'speech', 'remarks', 'comments']);

/**
 * True when one of the texts gives the speaker's words: one of the speaker's words stands just before a
 * word of speech ("the Kremlin said", "Lavrov told") or just after it ("said Jens Laerke, spokesperson…",
 * "according to the UN"), not inside a quotation, nor in a ", which…," clause ("Russia, which backs
 * Assad, says…" gives Russia's words), nor as whom the words were for ("told Putin", "said that Erdogan
 * told Putin").
 */
export function givesWordsOf(texts: readonly string[], speaker: readonly string[]): boolean {
  return texts.some((text) => {
    const pieces = mainPiecesOf(text);
    // Up to SPEAKER_AFTER words after a word of speech, not into a quotation nor past another's words told
    // after "that" ("said that Erdogan told Putin…").
    const after = (from: number) => {
      for (let k = from, seen = 0; k < pieces.length && seen < SPEAKER_AFTER; k++) {
        const p = pieces[k]!;
        if (speaker.includes(p)) return true;
        if (QUOTE_MARKS.has(p) || p === 'that' || SPEECH_WORDS.has(p)) return false;
        if (/[\p{L}\p{N}]/u.test(p)) seen++;
      }
      return false;
    };
    // Before the word, its subject: the words back to a comma ("…against Assad, Erdogan said" is Erdogan's),
    // or, when a comma stands just before it, an aside and the words before that ("Gary Hill, from the
    // Farmers Association, said"; a ", which…," clause is gone already).
    const words = (from: number, most: number, stopAtComma: boolean): { hit: boolean; end: number } => {
      let k = from;
      for (let seen = 0; k >= 0 && seen < most; k--) {
        const p = pieces[k]!;
        if (QUOTE_MARKS.has(p) || (stopAtComma && p === ',')) break;
        if (speaker.includes(p)) return { hit: true, end: k };
        if (/[\p{L}\p{N}]/u.test(p)) seen++;
      }
      return { hit: false, end: k };
    };
    const subject = (i: number) => {
      if (pieces[i - 1] !== ',') return words(i - 1, SPEAKER_BEFORE, true).hit;
      const aside = words(i - 2, MAX_ASIDE, true);
      if (aside.hit) return true;
      // No comma opens it: what was read is the subject ("Russia, which backs Assad, says").
      if (pieces[aside.end] !== ',') return words(i - 2, SPEAKER_BEFORE, true).hit;
      return words(aside.end - 1, SPEAKER_BEFORE, true).hit;
    };
    // After the word, only where the speaker is named after it: a verb put after its quotation ("…,” said
    // Jens Laerke"), or a noun ("according to the UN", "a statement by the Kremlin"). "The mayor said the
    // council would pay" gives the mayor's words.
    const inverted = (i: number) => NAMED_AFTER.has(pieces[i]!) || pieces[i - 1] === ',' || QUOTE_MARKS.has(pieces[i - 1] ?? '');
    // "The court held that…" is the court's word too.
    const speech = (p: string, i: number) => SPEECH_WORDS.has(p) || (p === 'held' && pieces[i + 1] === 'that');
    return pieces.some((p, i) => speech(p, i) && (subject(i) || (!ADDRESSED.has(p) && inverted(i) && after(i + 1))));
  });
}

/** Pronouns that stand for a speaker named before: "…,” he said." */
const SPEAKING_PRONOUNS: ReadonlySet<string> = new Set(['he', 'she', 'they', 'it']);

/**
 * True when the text gives a pronoun's words ("…,” he said", "she added", "said it"): whose they are is
 * told in the sentence before.
 */
export function speaksThroughPronoun(text: string): boolean {
  const words = wordsOf(text);
  return words.some((w, i) => SPEECH_WORDS.has(w) && (SPEAKING_PRONOUNS.has(words[i - 1] ?? '') || SPEAKING_PRONOUNS.has(words[i + 1] ?? '')));
}

/**
 * Is a word typed small ("nato", "lavrov") printed as a name in the text: with a capital first letter or in
 * capitals, as a whole word? (qualifiers.ts's `capitalisedIn` takes the first only: "NATO" is no
 * nationality word, and widening it would change what the other rules compare.)
 */
export function printedCapitalised(word: string, text: string): boolean {
  if (!/^\p{Ll}+$/u.test(word)) return false;
  const title = word[0]!.toUpperCase() + word.slice(1);
  const caps = word.toUpperCase();
  return text.split(/[^\p{L}\p{N}]+/u).some((w) => w === title || w === caps);
}

/**
 * True when the text names one of the speaker's words outside its quotation marks: a quotation that
 * names them ("“Turkey has fulfilled its responsibilities,” he said") is someone's words about them,
 * perhaps their own minister's, and is judged as any other sentence.
 */
export function namesSpeaker(text: string, speaker: readonly string[]): boolean {
  let quoted = false;
  for (const p of piecesOf(text)) {
    if (p === '“' || p === '«') quoted = true;
    else if (p === '”' || p === '»') quoted = false;
    else if (p === '"') quoted = !quoted;
    else if (!quoted && speaker.includes(p)) return true;
  }
  return false;
}
