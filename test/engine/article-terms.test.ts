/**
 * The index built from each article's part (worked out as the article arrives, src/retrieve/article-terms.ts)
 * is the index one pass over the whole corpus builds: checked against that pass, written out here as the
 * Retriever did it before the parts existed.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/load.js';
import type { Corpus } from '../../src/corpus/load.js';
import type { Sentence } from '../../src/corpus/types.js';
import { closedWord, fold, isContent, splitCompoundAt, stemOfWord, termOf, termsOfTokens } from '../../src/nlp/terms.js';
import { articleTerms, bigrams, borrowedNames, OFFER_TYPES } from '../../src/retrieve/article-terms.js';
import { leaningNeighbours } from '../../src/retrieve/context.js';
import { offers } from '../../src/retrieve/features.js';
import { Retriever } from '../../src/retrieve/retriever.js';
import { TermDictionary } from '../../src/retrieve/bm25.js';
import { SEEDS, tempDir } from '../helpers.js';

/** The one pass over the corpus: every sentence's terms, then every word's first term, in corpus order. */
function onePass(sentences: readonly Sentence[]) {
  const names = (s: Sentence) => termsOfTokens(s.tokens.filter((t) => t.pos === 'PROPN'));
  const leansOn = leaningNeighbours(sentences);
  // First names given to "Mr Hague" after "William Hague": an article's own, so read an article at a time.
  const borrowed: string[][] = [];
  for (let i = 0; i < sentences.length; ) {
    let j = i;
    while (j < sentences.length && sentences[j]!.articleId === sentences[i]!.articleId) j++;
    borrowed.push(...borrowedNames(sentences.slice(i, j)));
    i = j;
  }
  // The closed spellings of its hyphenated words ("cease-fire", split by wink-nlp, and "co-operation", kept whole).
  const closed = sentences.map((s) =>
    s.tokens.flatMap((t, i) => {
      const split = t.type === 'word' ? splitCompoundAt(s.tokens, i) : null;
      const whole = isContent(t) && termOf(t).includes('-') ? closedWord(fold(t.value)) : null;
      return [split, whole].filter((w) => w !== null);
    }),
  );
  const docs = sentences.map((s, i) => {
    const lean = leansOn[i]!;
    return termsOfTokens(s.tokens).concat(
      bigrams(s.tokens.filter(isContent).map(termOf)),
      closed[i]!.map(stemOfWord),
      lean >= 0 ? names(sentences[lean]!) : [],
      borrowed[i]!,
    );
  });
  // A sentence's length is the terms it prints and leans on, not the first names or closed spellings it is given.
  const lengths = docs.map((d, i) => d.length - borrowed[i]!.length - closed[i]!.length);
  const termOfWord = new Map<string, string>();
  const termOfLemma = new Map<string, string>();
  sentences.forEach((s, i) => {
    for (const t of s.tokens) {
      if (t.type !== 'word') continue;
      const w = fold(t.value);
      if (termOfWord.has(w)) continue;
      const [term] = termsOfTokens([t]);
      if (!term) continue;
      termOfWord.set(w, term);
      termOfLemma.set(fold(t.lemma), term);
    }
    for (const w of closed[i]!) {
      if (termOfWord.has(w)) continue;
      termOfWord.set(w, stemOfWord(w));
      termOfLemma.set(w, stemOfWord(w));
    }
  });
  const bits = sentences.map((s) => {
    const o = offers(s.tokens);
    return OFFER_TYPES.reduce((b, t, i) => b | (o[t] ? 1 << i : 0), 0);
  });
  return { docs, lengths, borrowed, leansOn: [...leansOn], termOfWord: [...termOfWord].flat(), termOfLemma: [...termOfLemma].flat(), offers: bits };
}

let corpus: Corpus;
let cleanup = () => {};
beforeAll(async () => {
  // The seeds, and two articles made to catch a merge in the wrong order: "us" the stop word before "US"
  // the name, in another article than the name; two words sharing a lemma, the later one's entry
  // overwriting; a pronoun opening an article, which must not lean on the last sentence of the one before.
  const t = tempDir();
  cleanup = t.cleanup;
  writeFileSync(join(t.dir, 'a-first.md'), 'Talks in Geneva\n\nThey told us the US envoy would come. The envoys were meeting again in Geneva on Monday.\n');
  writeFileSync(join(t.dir, 'b-second.md'), 'Envoy meets US officials\n\nHe said the US envoy met officials. The envoy was meeting them in Geneva for talks again.\n');
  const extra = await loadCorpus(t.dir);
  const seeds = await loadCorpus(SEEDS);
  const articles = [...extra.articles, ...seeds.articles];
  const sentences = articles.flatMap((a) => a.sentences);
  sentences.forEach((s, i) => (s.index = i));
  corpus = { articles, sentences, problems: [], threads: 0 };
});
afterAll(() => cleanup());

describe("the index from each article's part", () => {
  it('is the index one pass over the corpus builds, whether the parts are given or worked out', () => {
    const ref = onePass(corpus.sentences);
    const none = corpus.sentences.map(() => new Map<string, number>());
    const given = new Retriever(corpus.sentences, none, null, {}, { articles: corpus.articles.map((a) => articleTerms(a.sentences)) }).toData();
    const worked = new Retriever(corpus.sentences, none, null).toData();
    for (const data of [given, worked]) {
      expect(data.termOfWord).toEqual(ref.termOfWord);
      expect(data.termOfLemma).toEqual(ref.termOfLemma);
      expect([...data.leansOn]).toEqual(ref.leansOn);
      expect([...data.offers]).toEqual(ref.offers);
      const docs = data.index.terms.map((_, id): [number, number] => [data.index.offsets[id]!, data.index.offsets[id + 1]!]);
      // Each sentence's terms, read back from the postings, are the one pass's (as a multiset).
      const back = corpus.sentences.map(() => new Map<string, number>());
      docs.forEach(([from, to], id) => {
        for (let p = from; p < to; p++) back[data.index.docs[p]!]!.set(data.index.terms[id]!, data.index.tfs[p]!);
      });
      const count = (terms: readonly string[]) => {
        const m = new Map<string, number>();
        for (const t of terms) m.set(t, (m.get(t) ?? 0) + 1);
        return m;
      };
      expect(back).toEqual(ref.docs.map(count));
      expect([...data.index.lengths]).toEqual(ref.lengths);
    }
    // The seeds print "Mr Erdogan" after "Recep Tayyip Erdogan": some sentence is given first names.
    expect(ref.borrowed.some((b) => b.length > 0)).toBe(true);
    // The cases the made-up articles hold: the name's entry, and no lean across articles.
    expect(ref.termOfWord).toContain('us');
    const second = corpus.sentences.findIndex((s) => s.articleId === 'b-second');
    expect(ref.leansOn[second]).toBe(-1);
    expect(given.termOfWord).toEqual(worked.termOfWord);
  });

  it('is the same index when a load numbered the terms as articles arrived, in any order, and numbered some it dropped', () => {
    const parts = corpus.articles.map((a) => articleTerms(a.sentences));
    const none = corpus.sentences.map(() => new Map<string, number>());
    const ref = new Retriever(corpus.sentences, none, null, {}, { articles: parts }).toData();
    // Arrival order: last article first; a dropped part (the second article's again, as if read twice) numbered in
    // between; the first article's numbers left for the Retriever to work out.
    const dictionary = new TermDictionary();
    const dropped = articleTerms(corpus.articles[1]!.sentences);
    dropped.postings.terms.push('only-in-the-dropped-article');
    const numbers: Array<Int32Array | undefined> = [];
    for (let k = parts.length - 1; k >= 1; k--) {
      numbers[k] = dictionary.number(parts[k]!.postings);
      if (k === 2) dictionary.number(dropped.postings);
    }
    const data = new Retriever(corpus.sentences, none, null, {}, { articles: parts, dictionary, numbers }).toData();
    expect(data.index.terms).not.toContain('only-in-the-dropped-article');
    expect([...data.index.terms].sort()).toEqual([...ref.index.terms].sort());
    expect([...data.index.lengths]).toEqual([...ref.index.lengths]);
    // Each term's postings, the same sentences with the same counts, whatever its number.
    const postings = (d: typeof ref) => new Map(d.index.terms.map((t, id) => {
      const from = d.index.offsets[id]!;
      const to = d.index.offsets[id + 1]!;
      return [t, [...d.index.docs.subarray(from, to)].map((doc, i) => `${doc}:${d.index.tfs[from + i]}`).join(' ')];
    }));
    expect(postings(data)).toEqual(postings(ref));
    for (let id = 0; id < data.index.terms.length; id++) expect(data.index.offsets[id + 1]!).toBeGreaterThan(data.index.offsets[id]!);
  });

  it("refuses parts that do not add up to the sentences", () => {
    const parts = corpus.articles.map((a) => articleTerms(a.sentences));
    const none = corpus.sentences.map(() => new Map<string, number>());
    expect(() => new Retriever(corpus.sentences, none, null, {}, { articles: parts.slice(1) })).toThrow(/other sentences/);
    expect(() => new Retriever(corpus.sentences, none, null, {}, { articles: [...parts, parts[0]!] })).toThrow(/other sentences/);
  });
});
