/**
 * A sentence of a loaded article, whose tokens are not kept.
 *
 * Tokens are read once per sentence by the load's work on its article (terms, topic affinity, what it
 * offers) and then by only a handful of readers per answer (the first word of a quote, the figures of a
 * count). Kept, they were two thirds of the heap (~140 bytes a token, millions of them), so a loaded
 * sentence holds them only until that work has read its article (`releaseTokens`, in the load; a worker
 * sends articles without them) and afterwards re-derives them on demand by analysing its own text again
 * (see `reanalyse`). The last few are remembered (LRU).
 */
import { analyse } from '../nlp/wink.js';
import type { Token } from '../nlp/wink.js';
import type { Sentence } from './types.js';

/** How many sentences' re-derived tokens are remembered (least recently used forgotten first). */
export const TOKEN_MEMORY = 512;

interface Analysed {
  tokens: Token[];
}

const recent = new Map<ArticleSentence, Analysed>();

/** A sentence's tokens in an analysis of a stretch of its file: where the stretch starts, and the token span. */
export interface TokenSpan {
  /** Offset in the file of the analysed stretch. */
  offset: number;
  /** First and last token of the sentence in that analysis (inclusive). */
  first: number;
  last: number;
}

/** The numbers kept per sentence, in this order. */
const FIELDS = ['position', 'paragraph', 'start', 'end', 'firstWordStart', 'firstWordEnd'] as const;
export const SENTENCE_FIELDS = FIELDS.length;

/**
 * An article's file text and its sentences' numbers (SENTENCE_FIELDS each) in one Int32Array: a sentence
 * object is then a few pointers, not a dozen fields (at 164k sentences, 13 MB less).
 */
export class SentenceBlock {
  articleId = '';
  private pending: number[] | null = [];
  private data: Int32Array = new Int32Array(0);

  constructor(
    /** The whole file's text the offsets refer to. */
    readonly raw: string,
    /** Numbers of sentences already made (e.g. read back from the index cache): the block is then sealed. */
    columns?: Int32Array,
  ) {
    if (columns) {
      if (columns.length % SENTENCE_FIELDS !== 0) throw new Error('SentenceBlock: columns do not fill whole sentences');
      this.data = columns;
      this.pending = null;
    }
  }

  /** Add a sentence's numbers; returns its row. */
  add(values: readonly number[]): number {
    if (!this.pending || values.length !== SENTENCE_FIELDS) throw new Error('SentenceBlock: sealed, or wrong number of values');
    this.pending.push(...values);
    return this.pending.length / SENTENCE_FIELDS - 1;
  }

  /** No more sentences: their numbers go into one typed array. */
  seal(): void {
    if (this.pending) this.data = Int32Array.from(this.pending);
    this.pending = null;
  }

  /** Every sentence's numbers (sealed blocks), e.g. to save them. */
  get columns(): Int32Array {
    this.seal();
    return this.data;
  }

  get rows(): number {
    return (this.pending ? this.pending.length : this.data.length) / SENTENCE_FIELDS;
  }

  value(row: number, field: number): number {
    const i = row * SENTENCE_FIELDS + field;
    return this.pending ? this.pending[i]! : this.data[i]!;
  }
}

export class ArticleSentence implements Sentence {
  index = -1;
  private held: Analysed | null;

  /**
   * A sentence whose numbers are row `row` of `block`; `held`, its tokens when just analysed
   * (kept until `release`).
   */
  constructor(
    readonly block: SentenceBlock,
    readonly row: number,
    held: Analysed | null = null,
  ) {
    this.held = held;
  }

  /** Make a sentence from its tokens: its numbers are added to `block`. */
  static add(block: SentenceBlock, place: { position: number; paragraph: number; start: number; end: number }, held: Analysed): ArticleSentence {
    const token = held.tokens.find((t) => t.type === 'word');
    // A token wink-nlp normalised (its value is not the file's text there) is read from the tokens.
    const firstWordStart = !token ? -1 : block.raw.slice(token.start, token.end) === token.value ? token.start : -2;
    const firstWordEnd = token ? token.end : -1;
    const { position, paragraph, start, end } = place;
    const row = block.add([position, paragraph, start, end, firstWordStart, firstWordEnd]);
    return new ArticleSentence(block, row, held);
  }

  get articleId(): string {
    return this.block.articleId;
  }
  get position(): number {
    return this.block.value(this.row, 0);
  }
  get paragraph(): number {
    return this.block.value(this.row, 1);
  }
  get start(): number {
    return this.block.value(this.row, 2);
  }
  get end(): number {
    return this.block.value(this.row, 3);
  }
  /**
   * File offsets of its first word token, read without re-analysing: both -1 when it has none; a start
   * of -2 when the token's value is not the file's text there (then it is read from the tokens).
   */
  get firstWordStart(): number {
    return this.block.value(this.row, 4);
  }
  get firstWordEnd(): number {
    return this.block.value(this.row, 5);
  }

  /** Its first word token's value (null when it has none), e.g. for a pronoun that leans on the sentence before. */
  get firstWord(): string | null {
    const start = this.firstWordStart;
    if (start === -2) return this.tokens.find((t) => t.type === 'word')!.value;
    return start < 0 ? null : this.block.raw.slice(start, this.firstWordEnd);
  }

  /** `raw.slice(start, end)`: a view of the file's text, not a copy. */
  get text(): string {
    return this.block.raw.slice(this.start, this.end);
  }

  get tokens(): Token[] {
    return this.analysed().tokens;
  }

  /** Forget the tokens (they are re-derived when next read). */
  release(): void {
    this.held = null;
  }

  private analysed(): Analysed {
    if (this.held) return this.held;
    let got = recent.get(this);
    if (got) {
      recent.delete(this);
    } else {
      got = reanalyse(this.block.raw, this);
      if (recent.size >= TOKEN_MEMORY) recent.delete(recent.keys().next().value!);
    }
    recent.set(this, got);
    return got;
  }
}

/** The tokens of the sentence `span` of an analysis of a stretch of the file, offsets made the file's. */
export function sentenceTokens(analysis: { tokens: readonly Token[] }, span: TokenSpan): Analysed {
  const { first: a, last: b, offset } = span;
  return { tokens: analysis.tokens.slice(a, b + 1).map((t) => ({ ...t, start: t.start + offset, end: t.end + offset })) };
}

/**
 * Analyse a sentence's own text again. The build analysed its whole line, but a line averages ~700
 * characters in the BBC articles against a sentence's ~120, and wink-nlp reads a sentence alone the same
 * way: on BBC ×1, 40,958 of 40,959 sentences get the very tokens (the other, one part of
 * speech). Analysing the line again cost ~0.4-0.9 ms a sentence, the sentence alone ~0.08 ms; a count
 * question reads up to a dozen sentences this way.
 */
function reanalyse(raw: string, sentence: { start: number; end: number }): Analysed {
  const analysis = analyse(raw.slice(sentence.start, sentence.end));
  return sentenceTokens(analysis, { offset: sentence.start, first: 0, last: analysis.tokens.length - 1 });
}

/** A sentence's first word token as written (null when it has none). */
export function firstWordOf(sentence: Sentence): string | null {
  if (sentence instanceof ArticleSentence) return sentence.firstWord;
  return sentence.tokens.find((t) => t.type === 'word')?.value ?? null;
}

/** Let every loaded sentence forget its tokens, once the load's work has read them (see loadCorpus). */
export function releaseTokens(sentences: Iterable<Sentence>): void {
  for (const s of sentences) if (s instanceof ArticleSentence) s.release();
}
