/**
 * The retriever: ranks every sentence of the corpus for a question.
 *
 * score = BM25(question terms, alternatives at reduced weight)
 *         × (1 + topicWeight·topic agreement + typeWeight·offers what the question type asks)
 *
 * The topic is a prior, never a filter: a sentence with no topic affinity keeps its BM25 score.
 * Coverage (the share of the question's idf mass a sentence matches) is kept for abstention.
 */
import type { Sentence } from '../corpus/types.js';
import type { TopicScore } from '../answer/types.js';
import { articleRuns, articleTerms, bigrams, OFFER_BIT } from './article-terms.js';
import type { ArticleTerms } from './article-terms.js';
import { Bm25Index, CONTEXT_SUM, COVERED_SUM, documentsIn, OWN_SUM, postingsOfParts, SALIENT_SUM, SUMS_ROW, TermDictionary } from './bm25.js';
import type { Bm25Data, Bm25Options } from './bm25.js';
import { definitionSubject, introduces } from './definition.js';
import { AffinityRow } from '../intent/affinities.js';
import { descending } from '../nlp/order.js';
import { closedWord, fold } from '../nlp/terms.js';
import { queryOf } from './question.js';
import type { AnalysedQuestion, QuestionTerm } from './question.js';
import { Speller } from './spelling.js';
import type { Related, WordNet } from '../nlp/wordnet.js';

export interface RankOptions {
  /** Weight of the topic prior: a sentence fully about the question's topic scores up to (1 + topicWeight)×. */
  topicWeight: number;
  /** Weight of the question-type match. */
  typeWeight: number;
  /**
   * A count question ("how many…") is answered by a number, a measure ("how far…") by a number with a
   * unit, an age ("how old…") by an age: a sentence with none keeps only this share of its score (1 turns
   * the rule off).
   */
  countMiss: number;
  /** Weight of a spelling correction relative to the word as typed. */
  spellingWeight: number;
  /** Weight of a WordNet-related word, by relation (0 turns that relation off). */
  related: Record<Related['relation'], number>;
  /** How many of a word's senses (most frequent first) related words are drawn from. */
  relatedSenses: number;
  /** Weight of a pair of adjacent question words found side by side in a sentence (0 turns it off). */
  bigramWeight: number;
  /** Share of the better-matching neighbour's (previous or next sentence's) match added to a sentence's own. */
  neighbourWeight: number;
  /**
   * The best `limit` by score are re-ordered by score × coverage^coverageWeight, coverage being the share
   * of the question's idf mass a sentence matches: a sentence that answers every part of the question
   * beats one that repeats a single rare word (0 turns it off).
   */
  coverageWeight: number;
  /**
   * A question word that a sentence lacks but the sentence before or after it in the same paragraph has
   * counts toward its coverage at this share: a paragraph names its subject once ("The tower…", then
   * "It is 40 metres tall"). 0 turns it off; a neighbour in another paragraph never counts.
   */
  contextCoverage: number;
  /**
   * A sentence that leans on a neighbour (see context.ts) is taken to be as much about each topic as that
   * neighbour is, when that is more: "He called the area…" is about what the sentence naming "he" is about.
   */
  leanedTopics: boolean;
  /** Look a verb and the words after it up as a WordNet phrasal verb ("shot down", "keep an eye on"). */
  phrasalVerbs: boolean;
  /**
   * Search a word written with a hyphen by its closed spelling too, at full weight ("cease-fire":
   * "ceasefire"), and take a WordNet word written with one for the closed word the articles print. The
   * index holds every hyphenated word's closed spelling either way (see articleTerms).
   */
  compoundSpellings: boolean;
  /** At most this many alternatives per question word (spelling fixes and related words), strongest (weight × idf) first. */
  maxAlternatives: number;
  /**
   * "Who is X?" / "what is X?": among the best `DEFINITION_POOL`, a sentence that introduces X (a role
   * before the name, a description after it; see definition.ts) scores (1 + definitionWeight)× (0: off).
   */
  definitionWeight: number;
}

export const DEFAULT_RANK: RankOptions = {
  topicWeight: 0.3,
  typeWeight: 0,
  countMiss: 0.3,
  spellingWeight: 0.8,
  related: { synonym: 0.6, derived: 0.5, entailed: 0.4, cause: 0.7, broader: 0.3, narrower: 0.3 },
  relatedSenses: 3,
  bigramWeight: 0.3,
  neighbourWeight: 0,
  coverageWeight: 1,
  contextCoverage: 0.5,
  leanedTopics: true,
  phrasalVerbs: true,
  compoundSpellings: true,
  maxAlternatives: 16,
  definitionWeight: 0.5,
};

/** How many of the best candidates a definition question reads for an introduction of its subject. */
const DEFINITION_POOL = 30;
/** What a role before a name is a kind of (WordNet lemmas): "President", "spokesperson", "broadcaster". */
export const ROLE_KINDS: ReadonlySet<string> = new Set(['person', 'organization', 'social_group']);

/** Parts of speech that name what a question is about. */
const SALIENT = new Set(['NOUN', 'PROPN', 'NUM', 'ADJ', 'X']);

/** How many question words' alternatives are remembered (oldest forgotten first). */
const MEMO_WORDS = 5000;

/** wink-nlp part of speech → WordNet file, for drawing related words from the right sense. */
const WN_POS: Record<string, 'noun' | 'verb' | 'adj' | 'adv'> = { NOUN: 'noun', VERB: 'verb', ADJ: 'adj', ADV: 'adv' };

export interface Candidate {
  sentence: Sentence;
  score: number;
  match: number;
  coverage: number;
  /** Coverage over the question's naming words only (nouns, names, numbers, adjectives). */
  salient: number;
  topic: number;
  questionType: number;
  /** Boost for introducing a definition question's subject (see RankOptions.definitionWeight), else 0. */
  introduction: number;
}

export interface Ranking {
  /** The best sentences matching at least one term (up to the limit asked for), best first. */
  candidates: Candidate[];
  /** See `unknownConcepts`. */
  unknown: string[];
  /** The alternatives each question word group was searched with (see `alternatives`). */
  alternatives: Map<number, Array<[string, number]>>;
}

/** What a Retriever builds from the sentences' tokens, and the index cache saves (see Retriever.toData). */
export interface RetrieverData {
  index: Bm25Data;
  /** Folded surface word and its term, pairwise: [word, term, word, term, …]. */
  termOfWord: string[];
  /** Folded lemma and its term, pairwise. */
  termOfLemma: string[];
  /** Per sentence, what it offers, as bits in OFFER_TYPES order (see article-terms.ts). */
  offers: Uint8Array;
  /** Per sentence, the neighbour it leans on (see leaningNeighbours in context.ts), or -1. */
  leansOn: Int32Array;
}

/**
 * Each article's part of the index (`articleTerms` of its sentences), in the corpus's order. A load that
 * numbers the parts' terms as the articles arrive passes the dictionary it used and each part's numbers
 * (`numbers[k]` for `articles[k]`; a part with none is numbered by the Retriever). The dictionary may
 * have numbered other parts too (see TermDictionary): terms only those had are left out of the index.
 */
export interface ArticleParts {
  articles: readonly ArticleTerms[];
  dictionary?: TermDictionary;
  numbers?: ReadonlyArray<Int32Array | undefined>;
}

export class Retriever {
  readonly index: Bm25Index;
  readonly speller: Speller;
  /** Per sentence, what it offers, as bits (OFFER_BIT): one byte a sentence, read as the index cache keeps it. */
  private readonly offers: Uint8Array;
  /** Per sentence, the neighbour it leans on, or -1 (see leaningNeighbours). */
  private readonly leansOn: Int32Array;
  /** Folded surface word → its term, for spelling corrections. */
  private readonly termOfWord = new Map<string, string>();
  /** Folded lemma → its term, for related words (WordNet gives lemmas). */
  private readonly termOfLemma = new Map<string, string>();
  /** See topicMax. */
  private readonly topicMaxima = new Map<string, number>();
  /** See joinedToNext. */
  private joined: Uint8Array | null = null;
  /** Scratch for withNeighbours, one slot per sentence, all 0 between calls. */
  private slotOf = new Int32Array(0);
  /** Per ranking options, each question word's alternatives (see alternativesOf). */
  private readonly memo = new WeakMap<RankOptions, Map<string, Array<[string, number]>>>();

  /**
   * Index the sentences from their tokens; or from `from.articles`, each article's part worked out ahead
   * (`articleTerms` of each article's sentences, in the corpus's order); or, given a Retriever's
   * `toData()` over the same sentences, take the index as it was built without reading any token.
   */
  constructor(
    readonly sentences: readonly Sentence[],
    /** Per sentence, its affinity to each topic (0..1). */
    private readonly affinities: ReadonlyArray<ReadonlyMap<string, number>>,
    readonly wordnet: WordNet | null = null,
    bm25: Partial<Bm25Options> = {},
    from?: RetrieverData | ArticleParts,
  ) {
    if (from && 'index' in from) {
      const data = from;
      if (data.index.lengths.length !== sentences.length || data.offers.length !== sentences.length || data.leansOn.length !== sentences.length) {
        throw new Error('Retriever: the index data is for other sentences');
      }
      this.leansOn = data.leansOn;
      this.index = new Bm25Index(data.index, bm25);
      for (let i = 0; i + 1 < data.termOfWord.length; i += 2) this.termOfWord.set(data.termOfWord[i]!, data.termOfWord[i + 1]!);
      for (let i = 0; i + 1 < data.termOfLemma.length; i += 2) this.termOfLemma.set(data.termOfLemma[i]!, data.termOfLemma[i + 1]!);
      this.offers = data.offers;
      this.speller = new Speller(this.termOfWord.keys());
      return;
    }
    // The articles' parts, merged in order: sentence numbers made the corpus's, each word's first entry kept.
    const articles = from?.articles ?? articleRuns(sentences).map(articleTerms);
    if (articles.reduce((n, part) => n + documentsIn(part.postings), 0) !== sentences.length) throw new Error("Retriever: the articles' parts are for other sentences");
    this.leansOn = new Int32Array(sentences.length);
    this.offers = new Uint8Array(sentences.length);
    let base = 0;
    for (const part of articles) {
      const n = documentsIn(part.postings);
      for (let i = 0; i < n; i++) {
        const lean = part.leansOn[i]!;
        this.leansOn[base + i] = lean >= 0 ? base + lean : -1;
        this.offers[base + i] = part.offers[i]!;
      }
      base += n;
      const { words } = part;
      for (let i = 0; i + 2 < words.length; i += 3) {
        if (this.termOfWord.has(words[i]!)) continue;
        this.termOfWord.set(words[i]!, words[i + 1]!);
        this.termOfLemma.set(words[i + 2]!, words[i + 1]!);
      }
    }
    // Terms a load numbered as their articles arrived keep their numbers; any other article's are numbered now.
    const dictionary = (from && 'dictionary' in from && from.dictionary) || new TermDictionary();
    const given = from && 'numbers' in from ? from.numbers : undefined;
    const numbers = articles.map((part, k) => given?.[k] ?? dictionary.number(part.postings));
    const { data, ids } = postingsOfParts(articles.map((part) => part.postings), { dictionary, numbers });
    this.index = new Bm25Index(data, bm25, ids);
    this.speller = new Speller(this.termOfWord.keys());
  }

  /** What was built from the sentences' tokens (see the constructor). */
  toData(): RetrieverData {
    return {
      index: this.index.toData(),
      termOfWord: [...this.termOfWord].flat(),
      termOfLemma: [...this.termOfLemma].flat(),
      offers: this.offers,
      leansOn: this.leansOn,
    };
  }

  /**
   * Alternatives for each question term group: spelling corrections of words the corpus lacks, and
   * WordNet-related words the corpus has (synonyms, derived forms, one level broader or narrower).
   */
  alternatives(q: AnalysedQuestion, options: RankOptions): Map<number, Array<[string, number]>> {
    const out = new Map<number, Array<[string, number]>>();
    const push = (group: number, own: string, term: string, weight: number) => {
      if (term === own || weight <= 0) return;
      const list = out.get(group) ?? [];
      const prev = list.find(([t]) => t === term);
      if (prev) prev[1] = Math.max(prev[1], weight);
      else list.push([term, weight]);
      out.set(group, list);
    };
    for (const t of q.terms) {
      for (const [term, weight] of this.alternativesOf(t, options)) push(t.group, t.term, term, weight);
      // "cease-fire" is "ceasefire": the closed spelling stands for the word in full.
      if (options.compoundSpellings) for (const term of t.compounds ?? []) if (this.index.has(term)) push(t.group, t.term, term, 1);
    }
    return out;
  }

  /**
   * One question word's alternatives, remembered per word (bounded): the same words come back in question
   * after question, and spelling and WordNet look-ups are most of a question's cost.
   */
  private alternativesOf(t: QuestionTerm, options: RankOptions): Array<[string, number]> {
    let memo = this.memo.get(options);
    if (!memo) this.memo.set(options, (memo = new Map()));
    const key = `${t.word}\u0000${t.lemma}\u0000${t.pos}\u0000${t.phrases?.join('|') ?? ''}`;
    const hit = memo.get(key);
    if (hit) return hit;
    const out: Array<[string, number]> = [];
    // A general word has hundreds of related words: each found once through a map, not a scan of the list.
    const at = new Map<string, [string, number]>();
    const push = (term: string, weight: number) => {
      if (term === t.term || weight <= 0) return;
      const prev = at.get(term);
      if (prev) prev[1] = Math.max(prev[1], weight);
      else {
        const entry: [string, number] = [term, weight];
        at.set(term, entry);
        out.push(entry);
      }
    };
    const known = this.index.has(t.term);
    let lemmas = [t.lemma];
    // A word WordNet knows is a real word the articles do not use, not a typo to correct.
    if (!known && !this.wordnet?.knows(t.lemma) && !this.wordnet?.knows(t.word)) {
      const fixes = this.speller.suggest(t.word);
      for (const w of fixes) {
        const term = this.termOfWord.get(w);
        if (term) push(term, options.spellingWeight);
      }
      if (fixes.length) lemmas = fixes;
    }
    if (this.wordnet) {
      const pos = WN_POS[t.pos];
      // A phrasal verb means what its words alone do not ("shot down" is "downed", "keep an eye on" is
      // "watch"): the longest one WordNet knows is looked up too.
      const phrase = options.phrasalVerbs ? t.phrases?.find((p) => this.wordnet!.knows(p)) : undefined;
      if (phrase) lemmas = [...lemmas, phrase];
      for (const lemma of lemmas) {
        for (const r of this.wordnet.related(lemma, options.relatedSenses, pos)) {
          if (r.word.includes(' ')) continue;
          // WordNet writes some compounds with a hyphen ("cease-fire") that the articles print closed.
          const closed = options.compoundSpellings && r.word.includes('-') ? closedWord(fold(r.word)) : null;
          const term = this.termOfLemma.get(r.word) ?? this.termOfWord.get(r.word) ?? (closed !== null ? this.termOfWord.get(closed) : undefined);
          if (!term) continue;
          push(term, options.related[r.relation] * (r.sense === 0 ? 1 : 0.8) * (known ? 1 : options.spellingWeight ** (lemma === t.lemma ? 0 : 1)));
        }
      }
    }
    // The most a stand-in can add to a sentence is its weight × idf: keep the strongest few. Broader and
    // narrower words of a common verb ("go", "take", "work" for "moving") are many, frequent and weak.
    if (out.length > options.maxAlternatives) {
      const strength = (x: [string, number]) => x[1] * this.index.idf(x[0]);
      const kept = new Set(
        out
          .map((x, i) => [x, i] as const)
          .sort((a, b) => descending(strength(a[0]), strength(b[0])) || a[1] - b[1])
          .slice(0, options.maxAlternatives)
          .map(([x]) => x),
      );
      out.splice(0, out.length, ...out.filter((x) => kept.has(x)));
    }
    if (memo.size >= MEMO_WORDS) memo.delete(memo.keys().next().value!);
    memo.set(key, out);
    return out;
  }

  /** Each sentence's affinity to one topic (0 when it has none), read fast when the affinities are an AffinityTable's rows. */
  private topicColumn(topic: string): (doc: number) => number {
    const table = this.affinities[0] instanceof AffinityRow ? this.affinities[0].table : null;
    const column = table?.topicIndex.get(topic);
    if (!table || column === undefined || table.rows !== this.affinities) return (doc) => this.affinities[doc]?.get(topic) ?? 0;
    const { values } = table;
    const width = table.topics.length;
    return (doc) => values[doc * width + column]!;
  }

  /** The highest affinity any sentence has to a topic (remembered per topic). */
  private topicMax(topic: string): number {
    let max = this.topicMaxima.get(topic);
    if (max === undefined) {
      const column = this.topicColumn(topic);
      max = 0;
      for (let doc = 0; doc < this.sentences.length; doc++) max = Math.max(max, column(doc));
      this.topicMaxima.set(topic, max);
    }
    return max;
  }

  /** Whether a sentence offers an answer to a question of this type (see `offers` in features.ts). */
  offersAnswer(sentenceIndex: number, type: keyof typeof OFFER_BIT): boolean {
    return ((this.offers[sentenceIndex] ?? 0) & OFFER_BIT[type]) !== 0;
  }

  /** The affinities of the neighbour a sentence leans on, when `leanedTopics` is on and it leans on one. */
  private leanedAffinity(sentenceIndex: number, options: Pick<RankOptions, 'leanedTopics'>): ReadonlyMap<string, number> | undefined {
    const lean = options.leanedTopics ? (this.leansOn[sentenceIndex] ?? -1) : -1;
    return lean >= 0 ? this.affinities[lean] : undefined;
  }

  /** The sentence a sentence leans on ("He said…" on the one naming him; see context.ts), or null. */
  leanedOn(sentenceIndex: number): Sentence | null {
    const lean = this.leansOn[sentenceIndex] ?? -1;
    return lean >= 0 ? (this.sentences[lean] ?? null) : null;
  }

  /** A sentence's affinity to one topic, as `affinity` gives it, without building the map. */
  affinityTo(sentenceIndex: number, topic: string, options: Pick<RankOptions, 'leanedTopics'> = DEFAULT_RANK): number {
    const own = this.affinities[sentenceIndex]?.get(topic) ?? 0;
    const other = this.leanedAffinity(sentenceIndex, options);
    return other ? Math.max(own, other.get(topic) ?? 0) : own;
  }

  /**
   * A sentence's affinity to each topic (0..1); with `leanedTopics`, each at least that of the neighbour
   * the sentence leans on (see RankOptions.leanedTopics).
   */
  affinity(sentenceIndex: number, options: Pick<RankOptions, 'leanedTopics'> = DEFAULT_RANK): ReadonlyMap<string, number> {
    const own = this.affinities[sentenceIndex] ?? new Map<string, number>();
    const other = this.leanedAffinity(sentenceIndex, options);
    if (!other) return own;
    return new Map([...own].map(([topic, value]) => [topic, Math.max(value, other.get(topic) ?? 0)]));
  }

  /**
   * The question's naming words (nouns, names, numbers) that the articles never use and that have no
   * close stand-in (a spelling fix or a synonym): a sign the question is about something they do not cover.
   */
  unknownConcepts(q: AnalysedQuestion, alts: ReadonlyMap<number, ReadonlyArray<[string, number]>>, strong = 0.5): string[] {
    return q.terms
      .filter((t) => SALIENT.has(t.pos) && !this.index.has(t.term))
      .filter((t) => !(alts.get(t.group) ?? []).some(([, w]) => w >= strong))
      .map((t) => t.word);
  }

  /** The idf mass of each question term group (a word no sentence has counts at the highest idf). */
  groupIdf(q: AnalysedQuestion): Map<number, number> {
    const out = new Map<number, number>();
    for (const t of q.terms) {
      out.set(t.group, this.index.idf(t.term));
    }
    return out;
  }

  /**
   * Per sentence, 1 when the next sentence is in the same paragraph of the same article, worked out on
   * first use (one pass over the sentences) so that a question reads one byte per neighbour.
   */
  private joinedToNext(): Uint8Array {
    if (this.joined) return this.joined;
    const joined = new Uint8Array(this.sentences.length);
    for (let doc = 0; doc + 1 < this.sentences.length; doc++) {
      const own = this.sentences[doc]!;
      const next = this.sentences[doc + 1]!;
      joined[doc] = next.articleId === own.articleId && next.paragraph === own.paragraph ? 1 : 0;
    }
    return (this.joined = joined);
  }

  /**
   * `docs` followed by those of their neighbours (the sentence before and after in the same paragraph)
   * not among them, and per doc i the slots of its neighbours in that list at 2i and 2i + 1 (-1: none).
   */
  private withNeighbours(docs: readonly number[]): { asked: number[]; around: Int32Array } {
    const joined = this.joinedToNext();
    if (this.slotOf.length < this.sentences.length) this.slotOf = new Int32Array(this.sentences.length);
    const slotOf = this.slotOf; // a sentence's slot + 1 in `asked` (0: not there), reset before returning
    const asked = [...docs];
    for (let i = 0; i < docs.length; i++) slotOf[docs[i]!] = i + 1;
    const around = new Int32Array(2 * docs.length).fill(-1);
    for (let i = 0; i < docs.length; i++) {
      const doc = docs[i]!;
      // k = 0: the sentence before (joined to this one), k = 1: the one after (this one joined to it).
      for (let k = 0; k < 2; k++) {
        const other = k === 0 ? doc - 1 : doc + 1;
        if (joined[k === 0 ? other : doc] !== 1) continue;
        if (slotOf[other] === 0) slotOf[other] = asked.push(other);
        around[2 * i + k] = slotOf[other]! - 1;
      }
    }
    for (const doc of asked) slotOf[doc] = 0;
    return { asked, around };
  }

  /**
   * Rank the sentences for a question: the best `limit` of those matching at least one term, best first.
   */
  rank(q: AnalysedQuestion, topics: readonly TopicScore[], topicConfidence: number, options: RankOptions = DEFAULT_RANK, limit = 200): Ranking {
    const alts = this.alternatives(q, options);
    const unknown = this.unknownConcepts(q, alts);
    const query = queryOf(q, alts);
    // Two question words next to each other that a sentence also has side by side ("human rights",
    // "observation post") earn a little more; each pair is its own group, outside coverage.
    if (options.bigramWeight > 0) {
      bigrams(q.terms.map((t) => t.term)).forEach((term, i) => query.push({ term, weight: options.bigramWeight, group: q.terms.length + i }));
    }
    const idfs = this.groupIdf(q);
    let total = 0;
    for (const v of idfs.values()) total += v;
    const salientGroups = new Set(q.terms.filter((t) => SALIENT.has(t.pos)).map((t) => t.group));
    let salientTotal = 0;
    for (const g of salientGroups) salientTotal += idfs.get(g) ?? 0;
    // Per sentence: BM25 over all groups, over the question's own groups, and the idf mass covered. Word
    // pairs rank, but are not evidence: only the question's own words (and stand-ins) are.
    const ownGroups = q.terms.length;
    const credit = new Float64Array(ownGroups);
    const salient = new Uint8Array(ownGroups);
    for (const t of q.terms) {
      credit[t.group] = idfs.get(t.group) ?? 0;
      salient[t.group] = salientGroups.has(t.group) ? 1 : 0;
    }
    const { touched, count, score, matched } = this.index.scores(query);
    const top = topics[0];
    // A sentence's priors: topic agreement, question type, and the count/measure/age rule — numbers, not an
    // object per matching sentence.
    const topicScale = options.topicWeight * topicConfidence;
    const topicColumn = top ? this.topicColumn(top.topic) : null;
    // A type weight of 0 (the default) needs no sentence's offers read.
    const typed = q.type !== 'other' && options.typeWeight !== 0 ? q.type : null;
    const missRule = q.type === 'count' || q.type === 'measure' || q.type === 'age' ? q.type : null;
    const leansOn = options.leanedTopics ? this.leansOn : null;
    const topicOf = (doc: number) => {
      if (!topicColumn) return 0;
      const lean = leansOn ? leansOn[doc]! : -1;
      return topicScale * (lean >= 0 ? Math.max(topicColumn(doc), topicColumn(lean)) : topicColumn(doc));
    };
    const typeOf = (doc: number) => (typed && (this.offers[doc]! & OFFER_BIT[typed]) !== 0 ? options.typeWeight : 0);
    const missOf = (doc: number) => (missRule && !(this.offers[doc]! & OFFER_BIT[missRule]) ? options.countMiss : 1);
    // The sentences around it: a question often names the subject its neighbours carry.
    const neighbour = (doc: number, step: number) => {
      const other = this.sentences[doc + step];
      if (!other || other.articleId !== this.sentences[doc]!.articleId || matched[doc + step] === 0) return 0;
      return score[doc + step]!;
    };
    const finalOf = (doc: number) => {
      const around = options.neighbourWeight > 0 ? Math.max(neighbour(doc, -1), neighbour(doc, 1)) : 0;
      return (score[doc]! + options.neighbourWeight * around) * (1 + topicOf(doc) + typeOf(doc)) * missOf(doc);
    };
    // The priors are at most maxPrior, so a sentence whose BM25 × maxPrior cannot beat the best `limit`
    // so far is passed over without reading its priors (a cache miss or two each, at scale).
    const maxPrior = (1 + Math.max(0, topicScale * (top ? this.topicMax(top.topic) : 0)) + Math.max(0, typed ? options.typeWeight : 0)) * Math.max(1, options.countMiss);
    const factor = options.neighbourWeight > 0 ? Infinity : maxPrior * (1 + 1e-9);
    // Only the best `limit` become candidates (ties: earlier sentence first), picked without sorting all.
    const { keys: docs, scores: final } = topKBounded(touched, count, limit, score, factor, finalOf);
    const { asked, around } = options.coverageWeight > 0 && options.contextCoverage > 0 ? this.withNeighbours(docs) : { asked: docs, around: undefined };
    const sums = this.index.groupSums(query, { ownGroups, credit, salient }, asked, around);
    const out: Candidate[] = [];
    for (let rank = 0; rank < docs.length; rank++) {
      const doc = docs[rank]!;
      const own = sums[SUMS_ROW * rank + OWN_SUM]!;
      const covered = sums[SUMS_ROW * rank + COVERED_SUM]!;
      const coverage = total > 0 ? covered / total : 0;
      const withContext = around && total > 0 ? sums[SUMS_ROW * rank + CONTEXT_SUM]! / total : coverage;
      out.push({
        sentence: this.sentences[doc]!,
        score: final[rank]!,
        match: own * missOf(doc),
        coverage: coverage + options.contextCoverage * (withContext - coverage),
        salient: salientTotal > 0 ? sums[SUMS_ROW * rank + SALIENT_SUM]! / salientTotal : coverage,
        topic: topicOf(doc),
        questionType: typeOf(doc),
        introduction: 0,
      });
    }
    if (options.coverageWeight > 0) {
      for (const c of out) c.score *= Math.pow(c.coverage, options.coverageWeight);
      out.sort((a, b) => descending(a.score, b.score) || a.sentence.index - b.sentence.index);
    }
    const subject = options.definitionWeight > 0 ? definitionSubject(q.text) : null;
    if (subject) {
      const isRole = (word: string) => this.wordnet?.isKindOf(word, ROLE_KINDS) ?? false;
      let moved = false;
      for (const c of out.slice(0, DEFINITION_POOL)) {
        if (!introduces(c.sentence.text, subject, isRole)) continue;
        c.introduction = options.definitionWeight;
        c.score *= 1 + c.introduction;
        moved = true;
      }
      if (moved) out.sort((a, b) => descending(a.score, b.score) || a.sentence.index - b.sentence.index);
    }
    return { candidates: out, unknown, alternatives: alts };
  }
}

/**
 * The best `k` of `keys[0..n)` by `score(key)` (ties: lower key first), best first, with their scores.
 * `score` may be costly; `base[key] × factor` is a cheap upper bound of it (Infinity: none): a key whose
 * bound falls short of the k-th best score so far cannot make the cut and is never scored. The result
 * is the one scoring every key would give. Keys are sentence numbers: integers from 0 below 2^31.
 */
export function topKBounded(keys: ArrayLike<number>, n: number, k: number, base: ArrayLike<number>, factor: number, score: (key: number) => number): { keys: number[]; scores: number[] } {
  if (k <= 0) return { keys: [], scores: [] };
  // Typed arrays, not growing arrays: a plain array of scores changes its elements' kind (small integers
  // to doubles) depending on the first scores pushed, and the optimised code then bailed out at every
  // call whose kind differed from the last (BBC ×4: 454 bail-outs in 1,000 questions, each ~0.5 ms).
  const items = new Int32Array(Math.min(k, n));
  const values = new Float64Array(Math.min(k, n));
  let size = 0;
  // A min-heap on (value, then higher key): the root is the worst kept.
  const worse = (a: number, b: number) => values[a]! < values[b]! || (values[a] === values[b] && items[a]! > items[b]!);
  const swap = (a: number, b: number) => {
    const item = items[a]!;
    items[a] = items[b]!;
    items[b] = item;
    const value = values[a]!;
    values[a] = values[b]!;
    values[b] = value;
  };
  const down = (i: number) => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < size && worse(l, m)) m = l;
      if (r < size && worse(r, m)) m = r;
      if (m === i) return;
      swap(i, m);
      i = m;
    }
  };
  let cut = -Infinity;
  for (let i = 0; i < n; i++) {
    const key = keys[i]!;
    if (base[key]! * factor < cut) continue;
    const v = score(key);
    if (size < k) {
      items[size] = key;
      values[size] = v;
      for (let c = size++; c > 0; ) {
        const parent = (c - 1) >> 1;
        if (!worse(c, parent)) break;
        swap(c, parent);
        c = parent;
      }
      if (size === k) cut = values[0]!;
    } else if (v > values[0]! || (v === values[0] && key < items[0]!)) {
      items[0] = key;
      values[0] = v;
      down(0);
      cut = values[0]!;
    }
  }
  const order = Array.from({ length: size }, (_, j) => j).sort((a, b) => descending(values[a]!, values[b]!) || items[a]! - items[b]!);
  return { keys: order.map((j) => items[j]!), scores: order.map((j) => values[j]!) };
}
