/**
 * The one wink-nlp instance of the process, and the raw analysis built on it.
 *
 * Loading the English lite model costs ~100 ms and ~20 MB, so it is created once, lazily, and shared
 * by the corpus loader, the classifier and the retriever. Nothing outside `src/nlp/` imports wink-nlp.
 */
import { createRequire } from 'node:module';
import type winkNLPFactory from 'wink-nlp';
import type { ItemSentence } from 'wink-nlp';
import model from 'wink-eng-lite-web-model';

type WinkNLP = ReturnType<typeof winkNLPFactory>;

let instance: WinkNLP | undefined;

/**
 * The steps of wink-nlp's pipe the engine runs: sentence breaks and parts of speech (which lemmas need).
 * Not negation or sentiment, which nothing here reads and which cost a fifth of the analysis; not the
 * entity recogniser either: what a sentence offers (retrieve/features.ts) was its only reader, and it cost
 * ~30% of the rest (BBC ×1: 2.07 s → 1.46 s).
 */
export const PIPE: readonly string[] = ['sbd', 'pos'];

/** The shared wink-nlp instance (created on first use). */
export function nlp(): WinkNLP {
  instance ??= loadWink()(model, [...PIPE]);
  return instance;
}

/** wink-nlp's word cache (its src/cache.js), as far as tokenizing reads it. */
interface WordCache {
  /** The word's entry: [index] for a plain word, four numbers per part for a contraction; null when unknown. */
  lookup(text: string): number[] | null;
  /** Add a word a text holds (an unknown one gets a number from intrinsicSize() on); returns its number. */
  add(...args: unknown[]): unknown;
  /** How many words the model itself knows: a word numbered from here on was added by a text read. */
  intrinsicSize(): number;
}

const require = createRequire(import.meta.url);
/** Set once wink-nlp is loaded with the lookup below (a process-wide mark: modules may be evaluated again). */
const PATCHED = Symbol.for('cited-answer-bot.wink-model-only-lookup');

/**
 * wink-nlp, loaded so that how it tokenizes a text depends on the text and the model alone.
 *
 * Its tokenizer keeps a piece whole when the piece is in its word cache, and every unknown word of every
 * text it reads is added to that cache. So once "the men's' lawyers" had been read, "men's" was a known
 * word and "the men's solicitor" no longer split into "men" + "'s" (and was tagged a name). A text's
 * tokens, parts of speech and index terms then depended on what the process had read before: two builds
 * of BBC News, whose two worker threads read the articles in a different order, gave "man" a different
 * document frequency, and a sentence's tokens re-derived at question time could differ from those
 * indexed. The tokenizer here consults the model's own words only: a word a text added is looked up as
 * unknown, and split as it would be in a fresh process. The cache itself is unchanged (a word's features
 * are still worked out once). This reaches into wink-nlp's src/cache.js, so it is checked where it is
 * applied and by test/engine/tokenizing.test.ts.
 */
function loadWink(): typeof winkNLPFactory {
  const marks = globalThis as { [PATCHED]?: true };
  const main = require.resolve('wink-nlp');
  if (!marks[PATCHED]) {
    if (require.cache[main]) throw new Error('wink-nlp was loaded before src/nlp/wink.ts could set up its tokenizer: import it only through src/nlp/wink.ts.');
    const path = require.resolve('wink-nlp/src/cache.js');
    const makeCache = require(path) as (...args: unknown[]) => WordCache;
    const entry = require.cache[path];
    if (typeof makeCache !== 'function' || !entry) throw new Error('wink-nlp/src/cache.js is not the word cache this code knows (wink-nlp 2.x).');
    entry.exports = (...args: unknown[]): WordCache => {
      const cache = makeCache(...args);
      const { lookup, add } = cache;
      const known = cache.intrinsicSize();
      if (typeof lookup !== 'function' || typeof add !== 'function' || !Number.isInteger(known)) {
        throw new Error("wink-nlp's word cache has changed: lookup, add or intrinsicSize is missing.");
      }
      // Adding a word looks it up to work out its features, and must find it: only the tokenizer's
      // look-ups, made outside `add`, are answered from the model's words alone.
      let adding = 0;
      cache.add = (...a: unknown[]) => {
        adding++;
        try {
          return add(...a);
        } finally {
          adding--;
        }
      };
      cache.lookup = (text) => {
        const found = lookup(text);
        return adding === 0 && found !== null && found.length === 1 && found[0]! >= known ? null : found;
      };
      return cache;
    };
    marks[PATCHED] = true;
  }
  return require(main) as typeof winkNLPFactory;
}

/** One token of an analysed text, with its position in that text. */
export interface Token {
  /** The token as written. */
  value: string;
  /** Offset of its first character in the analysed text. */
  start: number;
  /** Offset just past its last character. */
  end: number;
  /** wink-nlp's token type: "word", "number", "punctuation", "emoji", "url", … */
  type: string;
  /** Part of speech (UPOS), e.g. "NOUN", "PROPN", "VERB". */
  pos: string;
  /** Lemma of the lowercased token. */
  lemma: string;
  /** True for wink-nlp's English stop words. */
  stop: boolean;
}

/** A text as wink-nlp sees it: tokens with offsets, sentences as token spans. */
export interface Analysis {
  tokens: Token[];
  /** Each sentence as [first token, last token] (inclusive). */
  sentences: Array<[number, number]>;
}

/**
 * Analyse a text: tokens with character offsets and sentence spans.
 *
 * wink-nlp gives each token its text and the white space before it; offsets are rebuilt from those and
 * checked against the text, falling back to a search when wink-nlp has normalised something, so that
 * `text.slice(token.start, token.end)` is always the token as written.
 */
export function analyse(text: string): Analysis {
  const w = nlp();
  const its = w.its;
  const doc = w.readDoc(text);
  // Whole columns at once: far cheaper than asking each token for each property.
  const all = doc.tokens();
  const values = all.out(its.value) as string[];
  const spaces = all.out(its.precedingSpaces) as string[];
  const types = all.out(its.type) as string[];
  const pos = all.out(its.pos) as string[];
  // wink-nlp's typings for the addon-backed its.* functions do not fit `out`; they return strings.
  const lemmas = all.out(its.lemma as unknown as typeof its.value) as string[];
  const stops = all.out(its.stopWordFlag as unknown as typeof its.value) as unknown as boolean[];
  const tokens: Token[] = new Array<Token>(values.length);
  let cursor = 0;
  for (let i = 0; i < values.length; i++) {
    const value = values[i]!;
    let start = cursor + spaces[i]!.length;
    if (!text.startsWith(value, start)) {
      const found = text.indexOf(value, cursor);
      start = found >= 0 ? found : Math.min(start, text.length);
    }
    const end = Math.min(start + value.length, text.length);
    cursor = end;
    tokens[i] = { value, start, end, type: types[i]!, pos: pos[i]!, lemma: String(lemmas[i]), stop: Boolean(stops[i]) };
  }
  const sentences: Array<[number, number]> = [];
  doc.sentences().each((s: ItemSentence) => {
    const span = s.out(its.span) as unknown as [number, number];
    sentences.push([span[0], span[1]]);
  });
  return { tokens, sentences };
}
