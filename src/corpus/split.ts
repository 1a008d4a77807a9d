/**
 * From an article body to sentences with exact file offsets.
 *
 * The body is read line by line (a captured page keeps one paragraph a line); furniture lines are dropped
 * (see furniture.ts), the rest are split into sentences by wink-nlp. Each sentence keeps its offsets into
 * the whole file, so `raw.slice(start, end)` is the sentence exactly as printed.
 */
import { analyse } from '../nlp/wink.js';
import type { Analysis } from '../nlp/wink.js';
import { classifyLines, isCredit, normaliseForCompare } from './furniture.js';
import type { LineVerdict } from './furniture.js';
import { ArticleSentence, SentenceBlock, sentenceTokens } from './sentence.js';

export interface Line {
  text: string;
  /** Offset of the line's first character in the file. */
  start: number;
}

/** Split a file's text into lines with their offsets, from `from` on. */
export function linesOf(raw: string, from: number): Line[] {
  const out: Line[] = [];
  let pos = from;
  while (pos <= raw.length) {
    let nl = raw.indexOf('\n', pos);
    if (nl < 0) nl = raw.length;
    let end = nl;
    if (end > pos && raw[end - 1] === '\r') end--;
    out.push({ text: raw.slice(pos, end), start: pos });
    pos = nl + 1;
  }
  return out;
}

/** A sentence needs this many word tokens to be worth quoting. */
const MIN_WORDS = 4;

export interface SplitResult {
  /** With their tokens held (see ArticleSentence), `index` -1 and no `articleId` yet (see SentenceBlock). */
  sentences: ArticleSentence[];
  /** Their numbers (see SentenceBlock). */
  block: SentenceBlock;
  verdicts: LineVerdict[];
  lines: Line[];
}

/**
 * wink-nlp's sentences, with those it splits where no sentence ends joined again:
 * - at a full stop with no space after it: a web address or a file's name ("Amazon.com holds a patent",
 *   "a .xxx domain", "manager.zip");
 * - at "?" or "!" followed by a comma, a semicolon, a colon or a small letter: a title ("Shall We
 *   Dance?, starring Jennifer Lopez…") or a quoted question ("'Why?' he asked"); so too a full stop
 *   inside a closing quote or bracket ("…this." he added).
 * A full stop followed by a space and a small letter is left as wink-nlp reads it: a sentence may open
 * with a name written small ("eBay has…").
 */
export function joinedSentences(analysis: Analysis): Array<[number, number]> {
  const toks = analysis.tokens;
  const out: Array<[number, number]> = [];
  for (const [first, last] of analysis.sentences) {
    const before = out[out.length - 1];
    if (before) {
      let end = before[1];
      const opener = toks[first]!;
      const inWord = toks[end]!.value === '.' && toks[end]!.end === opener.start;
      // A closing quote or bracket after the mark ("…Why?" he asked) lets a full stop count too: "…this."
      // he added.
      let closed = false;
      while (end > before[0] && /^['"’”)\]]$/.test(toks[end]!.value)) {
        closed = true;
        end--;
      }
      const mark = closed ? /^[.?!]+$/ : /^[?!]+$/;
      const goesOn = mark.test(toks[end]!.value) && (/^[,;:]$/.test(opener.value) || /^\p{Ll}/u.test(opener.value));
      if (inWord || goesOn) {
        before[1] = last;
        continue;
      }
    }
    out.push([first, last]);
  }
  return out;
}

/** Split an article body (from `bodyStart` in `raw`) into quotable sentences. */
export function splitSentences(raw: string, bodyStart: number, title: string | null): SplitResult {
  const lines = linesOf(raw, bodyStart);
  const verdicts = classifyLines(lines.map((l) => l.text), title);
  const sentences: ArticleSentence[] = [];
  const block = new SentenceBlock(raw);
  const seen = new Set<string>();
  let paragraph = 0;
  lines.forEach((line, li) => {
    const v = verdicts[li]!;
    if (v.kind !== 'text') return;
    const body = line.text.slice(0, v.keep);
    const analysis = analyse(body);
    for (const [first, last] of joinedSentences(analysis)) {
      let a = first;
      let b = last;
      const toks = analysis.tokens;
      while (a <= b && toks[a]!.start < v.skip) a++;
      if (a > b) continue;
      const start = toks[a]!.start;
      const end = toks[b]!.end;
      const text = body.slice(start, end);
      const held = sentenceTokens(analysis, { offset: line.start, first: a, last: b });
      const wordCount = held.tokens.filter((t) => t.type === 'word').length;
      if (wordCount < MIN_WORDS) continue;
      if (isCredit(text)) continue;
      const key = normaliseForCompare(text);
      if (seen.has(key)) continue; // a caption printed twice on the page is one sentence
      seen.add(key);
      sentences.push(ArticleSentence.add(block, { position: sentences.length, paragraph, start: line.start + start, end: line.start + end }, held));
    }
    paragraph++;
  });
  block.seal();
  return { sentences, block, verdicts, lines };
}
