import type { Source } from '../answer/types.js';
import type { Token } from '../nlp/wink.js';

/** One sentence of an article, with where it stands in the article's file. */
export interface Sentence {
  /** Position in the corpus (0-based, across all articles). */
  index: number;
  /** The article it belongs to. */
  articleId: string;
  /** Position within its article (0-based). */
  position: number;
  /** Paragraph (line) of the article it belongs to, counted from 0. */
  paragraph: number;
  /** `articleFile.slice(start, end) === text`. */
  readonly start: number;
  readonly end: number;
  readonly text: string;
  /**
   * Its tokens, offsets relative to the file. A loaded article's sentence re-derives them when read after
   * the index is built (see ArticleSentence): read them for a few sentences, not for the whole corpus.
   */
  readonly tokens: Token[];
}

/** One article: what is known of it, its whole file text, and its sentences. */
export interface Article extends Source {
  /** The whole file's text (header included), so that offsets slice back. */
  raw: string;
  sentences: Sentence[];
  /** Byline or credit, when known ("Reuters", "The New Arab & agencies"). */
  credit: string | null;
}
