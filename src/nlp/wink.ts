/**
 * The one wink-nlp instance of the process, and the raw analysis built on it.
 *
 * Loading the English lite model costs ~100 ms and ~20 MB, so it is created once, lazily, and shared
 * by the corpus loader, the classifier and the retriever. Nothing outside `src/nlp/` imports wink-nlp.
 */
import winkNLP from 'wink-nlp';
import type { ItemSentence } from 'wink-nlp';
import model from 'wink-eng-lite-web-model';

type WinkNLP = ReturnType<typeof winkNLP>;

let instance: WinkNLP | undefined;

/** The shared wink-nlp instance (created on first use). */
export function nlp(): WinkNLP {
  // Sentence breaks and parts of speech (which lemmas need). Not negation or sentiment, which nothing
  // here reads and which cost a fifth of the analysis; not the entity recogniser either: what a sentence
  // offers (retrieve/features.ts) was its only reader, and it cost ~30% of the rest (BBC ×1: 2.07 s → 1.46 s).
  instance ??= winkNLP(model, ['sbd', 'pos']);
  return instance;
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
