/**
 * Coverage gaps: the questions the bot could not answer, or answered and was voted down, grouped when
 * they ask the same thing, so that a moderator sees "asked 12 times" rather than twelve phrasings.
 *
 * Questions are compared on the engine's own text features (src/nlp): the Porter2 stems of their
 * content words' lemmas (chat shorthand expanded, stop words and filler dropped), weighted by how rare
 * each stem is among the questions being grouped (idf), with soft matches for
 *  - typos: two words within edit distance 1 (2 for words of 8 letters or more), worth 0.9;
 *  - WordNet synonyms and derived forms (first three senses), worth 0.7 ("winner" ~ "win").
 * Two questions' similarity is a soft Dice coefficient: the weight of each side's stems matched in the
 * other, over both sides' total weight. A question joins the group it is most similar to on average
 * (over the group's first few members) when that is at least `threshold`; most asked phrasings first,
 * so each group is led by its most common wording.
 */
import { expandChat } from '../nlp/chat.js';
import { fold, isContent, stem, termOf } from '../nlp/terms.js';
import { analyse } from '../nlp/wink.js';
import { WordNet } from '../nlp/wordnet.js';
import { editDistance } from '../retrieve/spelling.js';

/** A question the bot did not answer well. */
export interface GapInput {
  question: string;
  /** When it was asked (ms since 1970). */
  at: number;
  /** False for an abstention; true for an answer that was voted down. */
  answered: boolean;
  /** 👎 votes on the answer. */
  down: number;
}

export interface GapGroup {
  /** The group's most asked phrasing (the most recent on a tie). */
  question: string;
  /** How many times a question of the group was asked (abstentions plus answers voted down). */
  count: number;
  /** Of those, how many the bot could not answer. */
  unanswered: number;
  /** Of those, how many it answered and was voted down. */
  downvoted: number;
  /** 👎 votes on those answers in all (several members may vote one answer down). */
  downVotes: number;
  /** When a question of the group was last asked. */
  lastAt: number;
  /** The group's other phrasings, most asked first. */
  variants: string[];
}

export interface GroupOptions {
  /** Least average similarity for a question to join a group (0..1). Default 0.5. */
  threshold?: number;
  /** At most this many distinct phrasings are grouped (the most asked, then the most recent). Default 500. */
  maxPhrasings?: number;
  /** WordNet for synonyms (default: the installed one; null turns synonyms off). */
  wordnet?: WordNet | null;
}

export const DEFAULT_THRESHOLD = 0.5;
export const DEFAULT_MAX_PHRASINGS = 500;
/** Members of a group a newcomer is compared with. */
const COMPARE_MEMBERS = 5;
const TYPO_MATCH = 0.9;
const RELATED_MATCH = 0.7;

interface Word {
  term: string;
  /** The word folded, letters only (for typos); empty for numbers. */
  letters: string;
  lemma: string;
}

interface Phrasing {
  question: string;
  key: string;
  words: Word[];
  count: number;
  unanswered: number;
  downvoted: number;
  downVotes: number;
  lastAt: number;
}

let defaultWordNet: WordNet | null | undefined;

/** Content words of a question, one per distinct term. */
export function questionWords(question: string): Word[] {
  const out: Word[] = [];
  const seen = new Set<string>();
  for (const token of analyse(expandChat(question)).tokens) {
    if (!isContent(token)) continue;
    const term = termOf(token);
    if (!term || seen.has(term)) continue;
    seen.add(term);
    const letters = token.type === 'word' ? fold(token.value).replace(/[^a-z]/g, '') : '';
    out.push({ term, letters, lemma: fold(token.lemma || token.value) });
  }
  return out;
}

/** How the same question is written, ignoring case, accents, punctuation and spacing. */
function phrasingKey(question: string): string {
  return fold(question)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

class Matcher {
  readonly #wordnet: WordNet | null;
  readonly #related = new Map<string, Set<string>>();

  constructor(wordnet: WordNet | null) {
    this.#wordnet = wordnet;
  }

  /** Stems of a lemma's WordNet synonyms and derived forms. */
  #relatedTerms(lemma: string): Set<string> {
    let set = this.#related.get(lemma);
    if (!set) {
      set = new Set();
      if (this.#wordnet && /^[a-z]+$/.test(lemma)) {
        for (const r of this.#wordnet.related(lemma, 3)) {
          if (r.relation === 'synonym' || r.relation === 'derived') set.add(stem(r.word));
        }
      }
      this.#related.set(lemma, set);
    }
    return set;
  }

  /** How well word b stands for word a: 1 the same term, 0.9 a typo, 0.7 a synonym or derived form, else 0. */
  match(a: Word, b: Word): number {
    if (a.term === b.term) return 1;
    if (a.letters.length >= 4 && b.letters.length >= 4) {
      const max = Math.max(a.letters.length, b.letters.length) >= 8 ? 2 : 1;
      if (editDistance(a.letters, b.letters, max) <= max) return TYPO_MATCH;
    }
    if (this.#relatedTerms(a.lemma).has(b.term) || this.#relatedTerms(b.lemma).has(a.term)) return RELATED_MATCH;
    return 0;
  }
}

/** Soft Dice similarity of two questions' words, each word weighted by `weight`. */
function similarity(a: Phrasing, b: Phrasing, weight: (term: string) => number, matcher: Matcher): number {
  if (a.key === b.key) return 1;
  if (a.words.length === 0 || b.words.length === 0) return 0;
  const side = (from: Word[], to: Word[]): { matched: number; total: number } => {
    let matched = 0;
    let total = 0;
    for (const w of from) {
      const wt = weight(w.term);
      total += wt;
      let best = 0;
      for (const x of to) {
        best = Math.max(best, matcher.match(w, x));
        if (best === 1) break;
      }
      matched += wt * best;
    }
    return { matched, total };
  };
  const ab = side(a.words, b.words);
  const ba = side(b.words, a.words);
  const total = ab.total + ba.total;
  return total > 0 ? (ab.matched + ba.matched) / total : 0;
}

/** Groups gap questions that ask the same thing; the most asked groups first (then the most recent). */
export function groupGaps(rows: readonly GapInput[], options: GroupOptions = {}): GapGroup[] {
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  if (options.wordnet === undefined && defaultWordNet === undefined) defaultWordNet = WordNet.open();
  const matcher = new Matcher(options.wordnet === undefined ? (defaultWordNet ?? null) : options.wordnet);

  // Identical phrasings first: counted together.
  const byKey = new Map<string, Phrasing>();
  for (const row of rows) {
    const key = phrasingKey(row.question);
    let p = byKey.get(key);
    if (!p) {
      p = { question: row.question, key, words: [], count: 0, unanswered: 0, downvoted: 0, downVotes: 0, lastAt: row.at };
      byKey.set(key, p);
    }
    p.count += 1;
    if (row.answered) p.downvoted += 1;
    else p.unanswered += 1;
    p.downVotes += row.down;
    if (row.at >= p.lastAt) {
      p.lastAt = row.at;
      p.question = row.question;
    }
  }
  const phrasings = [...byKey.values()]
    .sort((a, b) => b.count - a.count || b.lastAt - a.lastAt)
    .slice(0, options.maxPhrasings ?? DEFAULT_MAX_PHRASINGS);
  for (const p of phrasings) p.words = questionWords(p.question);

  // A stem's weight: how rare it is among these phrasings.
  const df = new Map<string, number>();
  for (const p of phrasings) for (const w of p.words) df.set(w.term, (df.get(w.term) ?? 0) + 1);
  const n = phrasings.length;
  const weight = (term: string): number => Math.log(1 + n / (df.get(term) ?? 1));

  const groups: Phrasing[][] = [];
  for (const p of phrasings) {
    let best: Phrasing[] | null = null;
    let bestScore = threshold;
    for (const group of groups) {
      const members = group.slice(0, COMPARE_MEMBERS);
      const score = members.reduce((s, m) => s + similarity(p, m, weight, matcher), 0) / members.length;
      if (score >= bestScore) {
        best = group;
        bestScore = score;
      }
    }
    if (best) best.push(p);
    else groups.push([p]);
  }

  return groups
    .map((members): GapGroup => {
      const lead = members[0]!;
      return {
        question: lead.question,
        count: members.reduce((s, m) => s + m.count, 0),
        unanswered: members.reduce((s, m) => s + m.unanswered, 0),
        downvoted: members.reduce((s, m) => s + m.downvoted, 0),
        downVotes: members.reduce((s, m) => s + m.downVotes, 0),
        lastAt: Math.max(...members.map((m) => m.lastAt)),
        variants: members.slice(1).map((m) => m.question),
      };
    })
    .sort((a, b) => b.count - a.count || b.lastAt - a.lastAt);
}
