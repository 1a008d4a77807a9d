/**
 * A loaded article as a few typed arrays and one string table, to cross from a worker thread.
 *
 * Posting an article's sentences as objects would make the structured clone walk millions of token objects
 * (seven fields each) and rebuild them; packed, an article is its file text, its sentences' numbers (the
 * SentenceBlock's columns), its held tokens as six numbers each, and the strings those numbers point at,
 * each distinct string once. `unpackArticle(packArticle(a))` gives an article whose sentences have the
 * same numbers and tokens as `a`'s (test/engine/parallel.test.ts).
 */
import type { Token } from '../nlp/wink.js';
import { ArticleSentence, SentenceBlock } from './sentence.js';
import type { Article } from './types.js';

/**
 * Numbers per packed token: start, end, type (string id, plus TOKEN_STOP for a stop word), pos and lemma
 * (string ids), value (string id, or -1 when it is the file's text between start and end, as it nearly
 * always is).
 */
const TOKEN_INTS = 6;
/** Added to a token's type id when it is a stop word. */
const TOKEN_STOP = 1 << 20;

/** An article ready to post from a worker (every field survives a structured clone; the arrays can be transferred). */
export interface PackedArticle extends Omit<Article, 'sentences'> {
  /** The SentenceBlock's columns. */
  columns: Int32Array;
  /** Where each sentence's tokens start in `tokens` (in tokens, not numbers), and one more: the end; empty when packed without tokens. */
  tokenStarts: Int32Array;
  tokens: Int32Array;
  strings: string[];
}

/** The ArrayBuffers of a packed article, to transfer rather than copy. */
export function transferables(p: PackedArticle): ArrayBuffer[] {
  return [p.columns.buffer, p.tokenStarts.buffer, p.tokens.buffer] as ArrayBuffer[];
}

/**
 * Pack a freshly loaded article (its sentences still hold their tokens); with `tokens` false, without
 * them (its sentences are unpacked holding none, and re-derive them when read).
 */
export function packArticle(a: Article, tokens = true): PackedArticle {
  const { sentences: _sentences, ...details } = a;
  const sentences = a.sentences as ArticleSentence[];
  const block = sentences[0]!.block;
  sentences.forEach((s, row) => {
    if (s.block !== block || s.row !== row) throw new Error(`packArticle: ${a.file}: sentence ${row} is not row ${row} of the article's block`);
  });
  if (!tokens) return { ...details, columns: block.columns, tokenStarts: new Int32Array(0), tokens: new Int32Array(0), strings: [] };
  const strings: string[] = [];
  const ids = new Map<string, number>();
  const id = (s: string): number => {
    let n = ids.get(s);
    if (n === undefined) {
      n = strings.length;
      strings.push(s);
      ids.set(s, n);
    }
    return n;
  };
  let tokenCount = 0;
  for (const s of sentences) tokenCount += s.tokens.length;
  const tokenStarts = new Int32Array(sentences.length + 1);
  const packed = new Int32Array(tokenCount * TOKEN_INTS);
  let t = 0;
  sentences.forEach((s, row) => {
    tokenStarts[row] = t / TOKEN_INTS;
    for (const tok of s.tokens) {
      packed[t++] = tok.start;
      packed[t++] = tok.end;
      packed[t++] = id(tok.type) + (tok.stop ? TOKEN_STOP : 0);
      packed[t++] = id(tok.pos);
      packed[t++] = id(tok.lemma);
      packed[t++] = a.raw.slice(tok.start, tok.end) === tok.value ? -1 : id(tok.value);
    }
  });
  tokenStarts[sentences.length] = t / TOKEN_INTS;
  return { ...details, columns: block.columns, tokenStarts, tokens: packed, strings };
}

/**
 * The article a packed one stands for, its sentences holding their tokens (as a fresh load leaves them),
 * or none when it was packed without.
 */
export function unpackArticle(p: PackedArticle): Article {
  const { columns, tokenStarts, tokens, strings, ...details } = p;
  const raw = details.raw;
  const block = new SentenceBlock(raw, columns);
  block.articleId = p.id;
  const rows = block.rows;
  if (tokenStarts.length === 0) return { ...details, sentences: Array.from({ length: rows }, (_, row) => new ArticleSentence(block, row)) };
  if (tokenStarts.length !== rows + 1) throw new Error(`unpackArticle: ${p.file}: ${rows} sentences but ${tokenStarts.length - 1} token spans`);
  const sentences: ArticleSentence[] = new Array<ArticleSentence>(rows);
  for (let row = 0; row < rows; row++) {
    const from = tokenStarts[row]!;
    const to = tokenStarts[row + 1]!;
    const held: Token[] = new Array<Token>(to - from);
    for (let k = from, i = 0; k < to; k++, i++) {
      const t = k * TOKEN_INTS;
      const start = tokens[t]!;
      const end = tokens[t + 1]!;
      const type = tokens[t + 2]!;
      const value = tokens[t + 5]!;
      held[i] = {
        value: value < 0 ? raw.slice(start, end) : strings[value]!,
        start,
        end,
        type: strings[type & (TOKEN_STOP - 1)]!,
        pos: strings[tokens[t + 3]!]!,
        lemma: strings[tokens[t + 4]!]!,
        stop: (type & TOKEN_STOP) !== 0,
      };
    }
    sentences[row] = new ArticleSentence(block, row, { tokens: held });
  }
  return { ...details, sentences };
}
