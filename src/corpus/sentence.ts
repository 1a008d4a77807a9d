/**
 * A sentence of a loaded article, whose tokens are not kept.
 *
 * Tokens are read once per sentence while the index is built (terms, topic affinity, what it offers) and
 * then by only a handful of readers per answer (the first word of a quote, the figures of a count). Kept,
 * they were two thirds of the heap (~140 bytes a token, millions of them), so a loaded sentence holds them
 * only until the index is built (`releaseTokens`) and afterwards re-derives them on demand: it remembers
 * the stretch of its file that was analysed (its line, as far as the line's prose goes) and its token span
 * there, and analyses that stretch again. The analysis is deterministic, so the tokens and entities are
 * the very ones the index was built from, with the same file offsets. The last few are remembered (LRU).
 */
import { analyse } from '../nlp/wink.js';
import type { Entity, Token } from '../nlp/wink.js';
import type { Sentence } from './types.js';

/** How many sentences' re-derived tokens are remembered (least recently used forgotten first). */
export const TOKEN_MEMORY = 512;

interface Analysed {
  tokens: Token[];
  entities: Entity[];
}

const recent = new Map<ArticleSentence, Analysed>();

/** Where a sentence's tokens come from: the analysed stretch of its file and its token span in it. */
export interface TokenSource {
  /** Offsets of the analysed stretch in the file (`raw.slice(lineStart, lineEnd)` was analysed). */
  lineStart: number;
  lineEnd: number;
  /** First and last token of the sentence in that analysis (inclusive). */
  first: number;
  last: number;
}

export class ArticleSentence implements Sentence, TokenSource {
  index = -1;
  articleId = '';
  private held: Analysed | null;
  /**
   * File offsets of its first word token, read without re-analysing: both -1 when it has none; a start
   * of -2 when the token's value is not the file's text there (then it is read from the tokens).
   */
  readonly firstWordStart: number;
  readonly firstWordEnd: number;

  constructor(
    /** The whole file's text the offsets refer to. */
    private readonly raw: string,
    readonly position: number,
    readonly paragraph: number,
    readonly start: number,
    readonly end: number,
    readonly lineStart: number,
    readonly lineEnd: number,
    readonly first: number,
    readonly last: number,
    /** Its tokens and entities when just analysed (kept until `release`), else null. */
    held: Analysed | null = null,
    /** `[firstWordStart, firstWordEnd]` as a sentence made from the same text had them (instead of `held`). */
    firstWord?: readonly [number, number],
  ) {
    this.held = held;
    if (firstWord) {
      [this.firstWordStart, this.firstWordEnd] = firstWord;
      return;
    }
    if (!held) throw new Error('ArticleSentence: give its tokens or its first word');
    const token = held.tokens.find((t) => t.type === 'word');
    // A token wink-nlp normalised (its value is not the file's text there) is read from the tokens.
    this.firstWordStart = !token ? -1 : raw.slice(token.start, token.end) === token.value ? token.start : -2;
    this.firstWordEnd = token ? token.end : -1;
  }

  /** Its first word token's value (null when it has none), e.g. for a pronoun that leans on the sentence before. */
  get firstWord(): string | null {
    if (this.firstWordStart === -2) return this.tokens.find((t) => t.type === 'word')!.value;
    return this.firstWordStart < 0 ? null : this.raw.slice(this.firstWordStart, this.firstWordEnd);
  }

  /** `raw.slice(start, end)`: a view of the file's text, not a copy. */
  get text(): string {
    return this.raw.slice(this.start, this.end);
  }

  get tokens(): Token[] {
    return this.analysed().tokens;
  }

  get entities(): Entity[] {
    return this.analysed().entities;
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
      got = reanalyse(this.raw, this);
      if (recent.size >= TOKEN_MEMORY) recent.delete(recent.keys().next().value!);
    }
    recent.set(this, got);
    return got;
  }
}

/** The tokens and entities of the sentence `span` of an analysis of `raw.slice(lineStart, lineEnd)`. */
export function sentenceTokens(analysis: { tokens: readonly Token[]; entities: readonly Entity[] }, span: TokenSource): Analysed {
  const { first: a, last: b, lineStart } = span;
  return {
    tokens: analysis.tokens.slice(a, b + 1).map((t) => ({ ...t, start: t.start + lineStart, end: t.end + lineStart })),
    entities: analysis.entities.filter((e) => e.first >= a && e.last <= b).map((e) => ({ ...e, first: e.first - a, last: e.last - a })),
  };
}

function reanalyse(raw: string, span: TokenSource): Analysed {
  return sentenceTokens(analyse(raw.slice(span.lineStart, span.lineEnd)), span);
}

/** A sentence's first word token as written (null when it has none). */
export function firstWordOf(sentence: Sentence): string | null {
  if (sentence instanceof ArticleSentence) return sentence.firstWord;
  return sentence.tokens.find((t) => t.type === 'word')?.value ?? null;
}

/** Let every loaded sentence forget its tokens, once the index has been built from them. */
export function releaseTokens(sentences: Iterable<Sentence>): void {
  for (const s of sentences) if (s instanceof ArticleSentence) s.release();
}
