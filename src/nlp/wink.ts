/**
 * The one wink-nlp instance of the process, and the raw analysis built on it.
 *
 * Loading the English lite model costs ~100 ms and ~20 MB, so it is created once, lazily, and shared
 * by the corpus loader, the classifier and the retriever. Nothing outside `src/nlp/` imports wink-nlp.
 */
import winkNLP from 'wink-nlp';
import type { ItemEntity, ItemSentence, ItemToken } from 'wink-nlp';
import model from 'wink-eng-lite-web-model';

type WinkNLP = ReturnType<typeof winkNLP>;

let instance: WinkNLP | undefined;

/** The shared wink-nlp instance (created on first use). */
export function nlp(): WinkNLP {
  instance ??= winkNLP(model);
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
  /** Porter2 stem of the lowercased token. */
  stem: string;
  /** Lemma of the lowercased token. */
  lemma: string;
  /** True for wink-nlp's English stop words. */
  stop: boolean;
}

/** A named entity wink-nlp recognised (DATE, CARDINAL, DURATION, …), by token span. */
export interface Entity {
  type: string;
  value: string;
  /** First and last token index (inclusive). */
  first: number;
  last: number;
}

/** A text as wink-nlp sees it: tokens with offsets, sentences as token spans, entities. */
export interface Analysis {
  tokens: Token[];
  /** Each sentence as [first token, last token] (inclusive). */
  sentences: Array<[number, number]>;
  entities: Entity[];
}

/**
 * Analyse a text: tokens with character offsets, sentence spans and entities.
 *
 * wink-nlp gives each token its text and the white space before it; offsets are rebuilt from those and
 * checked against the text, falling back to a search when wink-nlp has normalised something, so that
 * `text.slice(token.start, token.end)` is always the token as written.
 */
export function analyse(text: string): Analysis {
  const w = nlp();
  const its = w.its;
  const doc = w.readDoc(text);
  const tokens: Token[] = [];
  let cursor = 0;
  doc.tokens().each((t: ItemToken) => {
    const value = t.out(its.value);
    const spaces = t.out(its.precedingSpaces);
    let start = cursor + spaces.length;
    if (text.slice(start, start + value.length) !== value) {
      const found = text.indexOf(value, cursor);
      start = found >= 0 ? found : Math.min(start, text.length);
    }
    const end = Math.min(start + value.length, text.length);
    cursor = end;
    tokens.push({
      value,
      start,
      end,
      type: t.out(its.type),
      pos: t.out(its.pos),
      // wink-nlp's typings for the addon-backed its.* functions do not fit `out`; they return strings.
      stem: String(t.out(its.stem as unknown as typeof its.value)),
      lemma: String(t.out(its.lemma as unknown as typeof its.value)),
      stop: Boolean(t.out(its.stopWordFlag as unknown as typeof its.value)),
    });
  });
  const sentences: Array<[number, number]> = [];
  doc.sentences().each((s: ItemSentence) => {
    const span = s.out(its.span) as unknown as [number, number];
    sentences.push([span[0], span[1]]);
  });
  const entities: Entity[] = [];
  doc.entities().each((e: ItemEntity) => {
    const span = e.out(its.span) as unknown as [number, number];
    entities.push({ type: e.out(its.type), value: e.out(), first: span[0], last: span[1] });
  });
  return { tokens, sentences, entities };
}
