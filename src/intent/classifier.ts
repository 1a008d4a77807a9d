/**
 * Topic classifier trained at start-up from the topic files.
 *
 * Method (chosen by measurement on the dev questions, see docs/DESIGN.md): TF-IDF vectors over terms and
 * character 4-grams; a question's score for a topic is the mean cosine similarity of its k nearest
 * examples of that topic (k-nearest-neighbours, not a centroid, because a topic's examples ask about
 * several distinct things and a centroid blurs them). The best topic is returned when its score clears
 * `minScore` and beats the runner-up by `minMargin`; otherwise no topic.
 */
import type { TopicInfo, TopicScore } from '../answer/types.js';
import { analyse } from '../nlp/wink.js';
import type { Token } from '../nlp/wink.js';
import type { SparseVector } from '../nlp/vector.js';
import { dot, normalise } from '../nlp/vector.js';
import { mayBeContent } from '../nlp/terms.js';
import { descending } from '../nlp/order.js';
import { textFeatures } from './features.js';

export interface ClassifierOptions {
  /** How many nearest examples of a topic are averaged into its score. */
  k: number;
  /** Below this score no topic fits. */
  minScore: number;
  /** Weight of character 4-grams against whole terms. */
  ngramWeight: number;
}

export const DEFAULT_CLASSIFIER_OPTIONS: ClassifierOptions = { k: 5, minScore: 0.2, ngramWeight: 0.25 };

export interface Classification {
  topic: string | null;
  confidence: number;
  scores: TopicScore[];
}

/**
 * The topic to name from scores sorted best first: the best one when it clears `minScore`, with a
 * confidence that grows with how clearly it fits (its score against twice the bar) and how clearly it
 * beats the runner-up. No topic, confidence 0, otherwise.
 */
export function pickTopic(sorted: readonly TopicScore[], minScore: number): { topic: string | null; confidence: number } {
  const best = sorted[0];
  if (!best || best.score < minScore) return { topic: null, confidence: 0 };
  const second = sorted[1]?.score ?? 0;
  const fit = Math.min(1, best.score / (2 * minScore));
  const margin = best.score > 0 ? (best.score - second) / best.score : 0;
  return { topic: best.topic, confidence: Math.round(Math.min(1, fit * (0.5 + 0.5 * margin)) * 1000) / 1000 };
}

export class TopicClassifier {
  readonly options: ClassifierOptions;
  private readonly idf = new Map<string, number>();
  private readonly examples: Array<{ topic: string; vector: SparseVector }> = [];
  /** Feature → the examples holding it and its weight there, so a question only visits its own features. */
  private readonly postings = new Map<string, Array<[number, number]>>();
  private readonly centroids = new Map<string, SparseVector>();
  readonly topicNames: string[];

  /**
   * `tokensOf` analyses an example question (wink-nlp by default); the engine passes one backed by the
   * index cache, since analysing every example is most of the cost of training.
   */
  constructor(topics: readonly TopicInfo[], options: Partial<ClassifierOptions> = {}, tokensOf: (text: string) => Token[] = (q) => analyse(q).tokens) {
    this.options = { ...DEFAULT_CLASSIFIER_OPTIONS, ...options };
    this.topicNames = topics.map((t) => t.name);
    const docs: Array<{ topic: string; features: Array<[string, number]> }> = [];
    for (const t of topics) {
      for (const q of t.examples) docs.push({ topic: t.name, features: textFeatures(tokensOf(q), this.options.ngramWeight) });
    }
    const df = new Map<string, number>();
    for (const d of docs) for (const f of new Set(d.features.map(([f]) => f))) df.set(f, (df.get(f) ?? 0) + 1);
    const n = docs.length;
    for (const [f, c] of df) this.idf.set(f, Math.log((n + 1) / (c + 0.5)));
    for (const d of docs) {
      const v = this.vectorOf(d.features);
      this.examples.push({ topic: d.topic, vector: v });
      const c = this.centroids.get(d.topic) ?? new Map<string, number>();
      for (const [k, x] of v) c.set(k, (c.get(k) ?? 0) + x);
      this.centroids.set(d.topic, c);
    }
    for (const c of this.centroids.values()) normalise(c);
    this.examples.forEach((e, i) => {
      for (const [f, x] of e.vector) {
        const list = this.postings.get(f);
        if (list) list.push([i, x]);
        else this.postings.set(f, [[i, x]]);
      }
    });
  }

  private vectorOf(features: ReadonlyArray<[string, number]>): SparseVector {
    const v: SparseVector = new Map();
    for (const [f, w] of features) {
      const idf = this.idf.get(f);
      if (idf === undefined) continue; // a feature no example has cannot tell topics apart
      v.set(f, (v.get(f) ?? 0) + w * idf);
    }
    return normalise(v);
  }

  /** Classify tokens of a question. */
  classifyTokens(tokens: readonly Token[]): Classification {
    const q = this.vectorOf(textFeatures(tokens, this.options.ngramWeight));
    // Cosine with every example (vectors are unit length), through the feature postings.
    const sims = new Float64Array(this.examples.length);
    for (const [f, x] of q) for (const [i, y] of this.postings.get(f) ?? []) sims[i] = sims[i]! + x * y;
    const per = new Map<string, number[]>();
    this.examples.forEach((e, i) => {
      const list = per.get(e.topic) ?? [];
      list.push(sims[i]!);
      per.set(e.topic, list);
    });
    const scores: TopicScore[] = this.topicNames.map((topic) => {
      // A typed array's own sort (ascending, no comparator) boxes no numbers; reversed, the best come first.
      const sims = Float64Array.from(per.get(topic) ?? []).sort().reverse().slice(0, this.options.k);
      const score = sims.length ? sims.reduce((a, b) => a + b, 0) / sims.length : 0;
      return { topic, score };
    });
    scores.sort((a, b) => descending(a.score, b.score));
    return { ...pickTopic(scores, this.options.minScore), scores };
  }

  classify(question: string): Classification {
    return this.classifyTokens(analyse(question).tokens);
  }

  /**
   * A reader of many texts' affinities (`affinity`'s numbers, row-major in its `topics` order), batch after
   * batch: an article at a time as a load reads them, or a corpus's sentences at once.
   */
  affinityReader(): AffinityReader {
    return AffinityReader.of(this.affinitySetup());
  }

  /** What an AffinityReader is made of, as data a structured clone carries (to make one on another thread). */
  affinitySetup(): AffinitySetup {
    return { centroids: this.centroids, idf: this.idf, ngramWeight: this.options.ngramWeight };
  }

  /** How much a text (e.g. a sentence) is about each topic: cosine with each topic's centroid, 0..1. */
  affinity(tokens: readonly Token[]): Map<string, number> {
    const v = this.vectorOf(textFeatures(tokens, this.options.ngramWeight));
    const out = new Map<string, number>();
    for (const [topic, c] of this.centroids) out.set(topic, Math.max(0, dot(v, c)));
    return out;
  }
}

/** The topics' centroids and the examples' IDF a classifier reads affinities with (see affinitySetup). */
export interface AffinitySetup {
  centroids: ReadonlyMap<string, SparseVector>;
  idf: ReadonlyMap<string, number>;
  ngramWeight: number;
}

/** What a token contributes to a text's vector: its features' ids in the vocabulary and their weights. */
interface TokenFeatures {
  lemma: string;
  type: string;
  stop: boolean;
  ids: Int32Array;
  weights: Float64Array;
}

/**
 * `TopicClassifier.affinity` for many texts, worked out from each distinct token's features once. A
 * token's features (its term and character 4-grams) are looked up in the vocabulary of the examples when
 * the token is first seen, by any batch this reader is given, so a sentence adds up a few numbers instead
 * of building strings and a Map; the sums are taken in the same order as `affinity` takes them, so every
 * value is the same to the last bit, whichever batches the texts come in.
 */
export class AffinityReader {
  /** The topics, in the order of each text's row. */
  readonly topics: string[];
  private readonly ids = new Map<string, number>();
  private readonly idf: ReadonlyMap<string, number>;
  private readonly ngramWeight: number;
  private readonly dense: Array<{ row: Float64Array; features: number; order: Int32Array }>;
  /** Per token text, the features of each (lemma, type, stop word or not) it was seen with: mostly one. */
  private readonly perToken = new Map<string, TokenFeatures[]>();
  private readonly acc: Float64Array;
  private readonly seen: Uint8Array;

  /** A reader of a classifier's affinities, on any thread (the same numbers to the last bit). */
  static of(setup: AffinitySetup): AffinityReader {
    return new AffinityReader(setup.centroids, setup.idf, setup.ngramWeight);
  }

  constructor(centroids: ReadonlyMap<string, SparseVector>, idf: ReadonlyMap<string, number>, ngramWeight: number) {
    this.idf = idf;
    this.ngramWeight = ngramWeight;
    this.topics = [...centroids.keys()];
    for (const f of idf.keys()) this.ids.set(f, this.ids.size);
    this.dense = this.topics.map((t) => {
      const c = centroids.get(t)!;
      const row = new Float64Array(this.ids.size);
      for (const [f, x] of c) row[this.ids.get(f)!] = x;
      return { row, features: c.size, order: Int32Array.from(c.keys(), (f) => this.ids.get(f)!) };
    });
    this.acc = new Float64Array(this.ids.size);
    this.seen = new Uint8Array(this.ids.size);
  }

  private featuresOf(t: Token): TokenFeatures {
    let forms = this.perToken.get(t.value);
    if (!forms) this.perToken.set(t.value, (forms = []));
    for (const x of forms) if (x.lemma === t.lemma && x.type === t.type && x.stop === t.stop) return x;
    const all = textFeatures([t], this.ngramWeight);
    let n = 0;
    for (const [f] of all) if (this.idf.has(f)) n++;
    const own: TokenFeatures = { lemma: t.lemma, type: t.type, stop: t.stop, ids: new Int32Array(n), weights: new Float64Array(n) };
    let i = 0;
    for (const [f, w] of all) {
      const idf = this.idf.get(f);
      if (idf === undefined) continue;
      own.ids[i] = this.ids.get(f)!;
      own.weights[i++] = w * idf;
    }
    forms.push(own);
    return own;
  }

  /** The texts' rows, one after another, and how many texts there were (with no topics, rows are empty). */
  read(texts: Iterable<readonly Token[]>): { values: Float64Array; size: number } {
    const { acc, seen, dense } = this;
    const touched: number[] = [];
    const rows: number[] = [];
    let size = 0;
    for (const tokens of texts) {
      size++;
      for (const t of tokens) {
        // A token that cannot be a content token has no features (textFeatures): nothing to look up.
        if (!mayBeContent(t)) continue;
        const own = this.featuresOf(t);
        for (let i = 0; i < own.ids.length; i++) {
          const f = own.ids[i]!;
          if (!seen[f]) {
            seen[f] = 1;
            acc[f] = 0;
            touched.push(f);
          }
          acc[f] = acc[f]! + own.weights[i]!;
        }
      }
      let sq = 0;
      for (const f of touched) sq += acc[f]! * acc[f]!;
      const n = Math.sqrt(sq);
      if (n > 0) for (const f of touched) acc[f] = acc[f]! / n;
      for (const { row, features, order } of dense) {
        let sum = 0;
        // `dot` walks the smaller of the two vectors.
        if (touched.length <= features) {
          for (const f of touched) if (row[f]! !== 0) sum += acc[f]! * row[f]!;
        } else {
          for (const f of order) if (seen[f]) sum += acc[f]! * row[f]!;
        }
        rows.push(Math.max(0, sum));
      }
      for (const f of touched) seen[f] = 0;
      touched.length = 0;
    }
    return { values: Float64Array.from(rows), size };
  }
}
