/**
 * Scale: the BBC News data set (../shared/data/bbc-news-2225.tar.gz, 2,225 articles) written as .txt files
 * into a temporary folder, at 1× and N× (copies with new ids).
 *
 * For each scale: index build time and tokens/s (against raw wink-nlp readDoc over the same text: its
 * default pipe, the engine's pipe, sentence splitting only, and tokenizing only), heap after GC, query p50/p99 over the article titles
 * as questions, and the share whose top quote comes from the titled article; the same for MiniSearch over
 * our sentences. Every measurement runs in its own child process (bench/worker.ts: own heap, own JIT), ours
 * and the peer's alternating; figures are medians of the runs. One more child per scale times the build's
 * phases (replicating createEngine's steps) and writes the sentences the peer indexes.
 *
 * The tasks below run in those children. They import the engine and the libraries dynamically, after the
 * child's baseline heap is taken, so that a heap figure is what building took and nothing else.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../src/cli/options.js';
import { BBC_FILE, originalId, readBbc, titleQuestions, writeCorpus } from '../src/eval/bbc.js';
import { runTask } from './lib/child.js';
import type { ConcernResult, Log } from './lib/concern.js';
import type { PeerSentence } from './lib/peer.js';
import { heapAfterGc, latency, median, pairedRatio } from './lib/stats.js';
import type { Latency } from './lib/stats.js';
import type { Article } from '../src/corpus/types.js';
import type { ArticleWorked } from '../src/answer/article-work.js';
import { formatValue, ratio as rowRatio } from './lib/table.js';
import type { Row, Table } from './lib/table.js';

export interface ScaleOptions {
  /** Folder holding bbc-news-2225.tar.gz. */
  data: string;
  /** Multiples of the data set to build, e.g. [1, 4]. */
  scales: number[];
  /** Runs of each measurement (each in a fresh process); figures are medians. */
  runs: number;
  /** How many article titles are asked (spread evenly over the articles). */
  questions: number;
  /** Build with the bundled topics (intents/); false: an empty intents folder (no topic classifier work). */
  topics: boolean;
  /** Limit for one child process, in milliseconds. */
  timeoutMs: number;
  /** Keep the temporary corpus folders (their path is printed). */
  keep: boolean;
}

interface Question {
  id: string;
  question: string;
}

// ---- Tasks, run in child processes by bench/worker.ts ----

interface WinkArgs {
  dir: string;
  runs: number;
}
type Pipe = 'default' | 'engine' | 'sbd' | 'tokenize';
export interface WinkResult {
  files: number;
  /** Tokens of the files with the default pipe (the numerator of every tokens/s figure). */
  tokens: number;
  ms: Record<Pipe, number[]>;
}

/**
 * Raw wink-nlp: readDoc over every file's whole text, tokens counted, per pipe: wink-nlp's default pipe,
 * the pipe the engine runs (src/nlp/wink.ts PIPE), sentence breaks only, and tokenizing only. The library
 * is loaded as published, not through src/nlp/wink.ts (which must load it first, and is not asked to here).
 */
async function winkRaw(args: WinkArgs): Promise<WinkResult> {
  const texts = readdirSync(args.dir)
    .sort()
    .map((f) => readFileSync(join(args.dir, f), 'utf8'));
  const { PIPE } = await import('../src/nlp/wink.js');
  const winkNLP = (await import('wink-nlp')).default;
  const model = (await import('wink-eng-lite-web-model')).default;
  const pipes: Record<Pipe, ReturnType<typeof winkNLP>> = { default: winkNLP(model), engine: winkNLP(model, [...PIPE]), sbd: winkNLP(model, ['sbd']), tokenize: winkNLP(model, []) };
  const count = (p: Pipe, list: readonly string[]) => {
    let tokens = 0;
    for (const t of list) tokens += pipes[p].readDoc(t).tokens().length();
    return tokens;
  };
  const ms: Record<Pipe, number[]> = { default: [], engine: [], sbd: [], tokenize: [] };
  let tokens = 0;
  for (const p of Object.keys(pipes) as Pipe[]) count(p, texts.slice(0, 200)); // warm up
  for (let r = 0; r < args.runs; r++) {
    for (const p of Object.keys(pipes) as Pipe[]) {
      const t0 = performance.now();
      const n = count(p, texts);
      ms[p].push(performance.now() - t0);
      if (p === 'default') tokens = n;
    }
  }
  return { files: texts.length, tokens, ms };
}

interface BuildArgs {
  corpusDir: string;
  intentsDir: string;
  questionsFile: string;
}
export interface BuildResult {
  buildMs: number;
  heapBytes: number;
  latency: Latency;
  /** Share of the questions whose top quote (or top hit) comes from the titled article. */
  hitShare: number;
  sentences: number;
}

/** Ask every question, untimed for the first 20 (warm-up), then timed; `top` gives the top answer's article ids. */
function askAll(questions: readonly Question[], top: (q: string) => string[]): { latency: Latency; hitShare: number } {
  for (const q of questions.slice(0, 20)) top(q.question);
  const ms: number[] = [];
  let hits = 0;
  for (const q of questions) {
    const t0 = performance.now();
    const ids = top(q.question);
    ms.push(performance.now() - t0);
    if (ids.some((id) => originalId(id) === q.id)) hits++;
  }
  return { latency: latency(ms), hitShare: hits / questions.length };
}

/** Ours: createEngine, heap after GC, then the title questions (abstention off: always a top quote). */
async function oursBuild(args: BuildArgs): Promise<BuildResult> {
  const heap0 = heapAfterGc();
  const { createEngine } = await import('../src/answer/engine.js');
  const t0 = performance.now();
  const engine = await createEngine({ corpusDir: args.corpusDir, intentsDir: args.intentsDir });
  const buildMs = performance.now() - t0;
  const heapBytes = heapAfterGc() - heap0;
  const questions = JSON.parse(readFileSync(args.questionsFile, 'utf8')) as Question[];
  const asked = askAll(questions, (q) => engine.ask(q, { abstain: false }).quotes[0]?.sources.map((s) => s.id) ?? []);
  return { buildMs, heapBytes, ...asked, sentences: engine.info().sentences };
}

interface CachedArgs {
  corpusDir: string;
  intentsDir: string;
  cacheDir: string;
  question: string;
  /** When set, after the first answer: the engine's warm-up, then these questions timed as `askAll` times them. */
  questionsFile?: string;
}

export interface CachedResult {
  /** From this process's start (node and the tsx loader included) to the first answer. */
  startMs: number;
  outcome: string;
  /** With `questionsFile`: the warm-up the bot and the REPL run after a start (Engine.warmUp), then the questions. */
  warmed?: { warmUpMs: number; asked: number; latency: Latency; hitShare: number };
}

/**
 * Ours with the index cache: a new process's start to its first answer (run twice: the first fills the
 * cache); then, given questions, the state the bot serves from: warmed up (Engine.warmUp), then asked.
 */
async function oursCachedStart(args: CachedArgs): Promise<CachedResult> {
  const { createEngine } = await import('../src/answer/engine.js');
  const engine = await createEngine({ corpusDir: args.corpusDir, intentsDir: args.intentsDir, cacheDir: args.cacheDir });
  engine.ask(args.question);
  const startMs = process.uptime() * 1000;
  const outcome = engine.info().cache.outcome;
  if (!args.questionsFile) return { startMs, outcome };
  const warm = await engine.warmUp();
  const questions = JSON.parse(readFileSync(args.questionsFile, 'utf8')) as Question[];
  const asked = askAll(questions, (q) => engine.ask(q, { abstain: false }).quotes[0]?.sources.map((s) => s.id) ?? []);
  return { startMs, outcome, warmed: { warmUpMs: warm.ms, asked: warm.asked, ...asked } };
}

interface PeerArgs {
  sentencesFile: string;
  questionsFile: string;
}

/** MiniSearch: index our sentences (read from JSON before timing), heap after GC, the same questions. */
async function peerBuild(args: PeerArgs): Promise<BuildResult> {
  const heap0 = heapAfterGc();
  const { buildPeer, peerTopArticles } = await import('./lib/peer.js');
  let docs: PeerSentence[] | null = JSON.parse(readFileSync(args.sentencesFile, 'utf8')) as PeerSentence[];
  const sentences = docs.length;
  const t0 = performance.now();
  const peer = buildPeer(docs);
  const buildMs = performance.now() - t0;
  docs = null; // the index keeps what it needs (terms, and each sentence's article id)
  const heapBytes = heapAfterGc() - heap0;
  const questions = JSON.parse(readFileSync(args.questionsFile, 'utf8')) as Question[];
  return { buildMs, heapBytes, ...askAll(questions, (q) => peerTopArticles(peer, q)), sentences };
}

interface PhasesArgs {
  corpusDir: string;
  intentsDir: string;
  sentencesFile: string;
}
export interface PhasesResult {
  phases: Array<{ name: string; ms: number }>;
  articles: number;
  sentences: number;
  /** Tokens of the sentences kept (prose only: no headline, no page furniture). */
  sentenceTokens: number;
  /** Worker threads that read the articles (0: the main thread did). */
  loadThreads: number;
}

/**
 * The steps of createEngine (src/answer/engine.ts, build()), timed one by one; keep in step with it.
 * Then writes the corpus's sentences for the peer.
 */
async function oursPhases(args: PhasesArgs): Promise<PhasesResult> {
  const { loadCorpus } = await import('../src/corpus/load.js');
  const { loadTopics } = await import('../src/intent/load.js');
  const { TopicClassifier } = await import('../src/intent/classifier.js');
  const { Retriever } = await import('../src/retrieve/retriever.js');
  const { engineWork, workedOf } = await import('../src/answer/article-work.js');
  const { TermDictionary } = await import('../src/retrieve/bm25.js');
  const { WordNet } = await import('../src/nlp/wordnet.js');
  const { AffinityTable } = await import('../src/intent/affinities.js');
  const { SameSentenceFinder } = await import('../src/answer/compose.js');
  const phases: Array<{ name: string; ms: number }> = [];
  const step = async <T>(name: string, fn: () => T | Promise<T>): Promise<T> => {
    const t0 = performance.now();
    const v = await fn();
    phases.push({ name, ms: performance.now() - t0 });
    return v;
  };
  // As the engine builds: the classifier first, so that each article's topic affinities and its part of
  // the index are worked out where it is read (on the load's workers), and its terms numbered here as it arrives.
  const classifier = await step('load the topics and train the classifier', async () => new TopicClassifier((await loadTopics(args.intentsDir)).topics));
  const setup = classifier.affinitySetup();
  const parts = new Map<Article, { worked: ArticleWorked; numbers: Int32Array; texts: Int32Array }>();
  const copies = new SameSentenceFinder();
  let copiesMs = 0;
  const dictionary = new TermDictionary();
  let numberMs = 0;
  const onArticle = (a: Article, worked: unknown) => {
    const t0 = performance.now();
    const w = workedOf(worked);
    const numbers = dictionary.number(w.terms.postings);
    const t1 = performance.now();
    parts.set(a, { worked: w, numbers, texts: copies.read(a.sentences) });
    numberMs += t1 - t0;
    copiesMs += performance.now() - t1;
  };
  const loadStart = performance.now();
  const corpus = await loadCorpus(args.corpusDir, { work: engineWork(setup), onArticle });
  phases.push({
    name: `read, split and analyse the articles, and work out each one's topic affinities and its terms for the index (loadCorpus with the engine's work; this thread meanwhile numbered the terms, ${(numberMs / 1000).toFixed(1)} s, and fingerprinted the sentences for the wire copies, ${(copiesMs / 1000).toFixed(1)} s)`,
    ms: performance.now() - loadStart,
  });
  const affinities = await step('the topic affinities in article order', () => AffinityTable.inArticleOrder([...setup.centroids.keys()], corpus.articles.map((a) => parts.get(a)!.worked.affinities)));
  const wordnet = await step('open WordNet', () => WordNet.open());
  await step("index the sentences (Retriever: the articles' parts merged, postings laid out, speller)", () =>
    new Retriever(corpus.sentences, affinities.rows, wordnet, {}, {
      articles: corpus.articles.map((a) => parts.get(a)!.worked.terms),
      dictionary,
      numbers: corpus.articles.map((a) => parts.get(a)!.numbers),
    }).toData(),
  );
  await step('find the wire copies (SameSentenceFinder.clusters: the pairs of fingerprinted sentences)', () => {
    const texts = new Int32Array(corpus.sentences.length);
    let at = 0;
    for (const a of corpus.articles) {
      texts.set(parts.get(a)!.texts, at);
      at += a.sentences.length;
    }
    return copies.clusters(corpus.sentences, texts);
  });
  // The kept articles' tokens (an article dropped as a duplicate id was worked on too).
  const sentenceTokens = corpus.articles.reduce((n, a) => n + parts.get(a)!.worked.tokens, 0);
  const sentences: PeerSentence[] = corpus.sentences.map((s) => ({ id: s.index, articleId: s.articleId, text: s.text }));
  writeFileSync(args.sentencesFile, JSON.stringify(sentences));
  return {
    phases,
    articles: corpus.articles.length,
    sentences: sentences.length,
    sentenceTokens,
    loadThreads: corpus.threads,
  };
}

/** The tasks bench/worker.ts can run, by name. */
export const tasks: Record<string, (args: unknown) => Promise<unknown>> = {
  'wink-raw': (a) => winkRaw(a as WinkArgs),
  'ours-build': (a) => oursBuild(a as BuildArgs),
  'peer-build': (a) => peerBuild(a as PeerArgs),
  'ours-phases': (a) => oursPhases(a as PhasesArgs),
  'ours-cached-start': (a) => oursCachedStart(a as CachedArgs),
};

// ---- The concern, run by bench/run.ts ----

const MiB = 2 ** 20;

export async function benchScale(o: ScaleOptions, log: Log): Promise<ConcernResult> {
  const archive = join(o.data, BBC_FILE);
  if (!existsSync(archive)) {
    const why = `${archive} is missing, so the scale figures were not measured (the bench reads ../shared/data beside the project, or --data DIR; the data is never copied into the repository).`;
    return { name: 'scale', tables: [], notes: [], failures: 0, summary: [`Scale: not measured (${archive} is missing).`], data: { skipped: why }, skipped: why };
  }
  log(`scale: reading ${archive}`);
  const bbc = readBbc(archive);
  const tmp = mkdtempSync(join(tmpdir(), 'cited-bench-scale-'));
  const notes: string[] = [];
  const errors: string[] = [];
  const child = { timeoutMs: o.timeoutMs };
  const attempt = async <T>(what: string, run: () => Promise<T>): Promise<T | null> => {
    try {
      return await run();
    } catch (e) {
      errors.push(`${what}: ${e instanceof Error ? e.message : String(e)}`);
      log(`scale: ${what} failed`);
      return null;
    }
  };
  if (bbc.latin1.length) notes.push(`Read as Latin-1 and written as UTF-8 (not UTF-8 in the archive): ${bbc.latin1.join(', ')}.`);
  const rows: Row[] = [];
  const perScale: Record<string, unknown> = {};
  let winkResult: WinkResult | null = null;
  let summary: string[] = [];
  try {
    const questionsFile = join(tmp, 'questions.json');
    const questions = titleQuestions(bbc.articles, o.questions);
    writeFileSync(questionsFile, JSON.stringify(questions));
    const intentsDir = o.topics ? join(PROJECT_ROOT, 'intents') : join(tmp, 'no-topics');
    mkdirSync(join(tmp, 'no-topics'));
    const dirOf = (m: number) => join(tmp, `x${m}`);

    writeCorpus(bbc.articles, dirOf(1), 1);
    for (const m of o.scales) {
      const dir = dirOf(m);
      if (m !== 1) writeCorpus(bbc.articles, dir, m);
      const sentencesFile = join(tmp, `x${m}-sentences.json`);
      const buildArgs = { corpusDir: dir, intentsDir, questionsFile };
      log(`scale ×${m}: build phases (1 run)`);
      const phases = await attempt(`×${m} build phases`, () => runTask<PhasesResult>('ours-phases', { corpusDir: dir, intentsDir, sentencesFile }, child));
      // Each run: raw wink-nlp (over the 1× text: its rate per token does not depend on copies), ours, the
      // peer, back to back, so that the ratios of a run compare figures taken under the same load.
      const runs: Array<{ wink: WinkResult | null; ours: BuildResult | null; peer: BuildResult | null }> = [];
      const failed = { wink: false, ours: false, peer: !phases }; // the peer indexes the sentences the phases child wrote
      for (let r = 0; r < o.runs && !(failed.ours && failed.peer); r++) {
        const run = { wink: null as WinkResult | null, ours: null as BuildResult | null, peer: null as BuildResult | null };
        const of = `run ${r + 1}/${o.runs}`;
        if (!failed.wink) {
          log(`scale ×${m}: raw wink-nlp, ${of}`);
          run.wink = await attempt(`×${m} raw wink-nlp, ${of}`, () => runTask<WinkResult>('wink-raw', { dir: dirOf(1), runs: 1 }, child));
          failed.wink = !run.wink;
          if (run.wink) winkResult = run.wink;
        }
        if (!failed.ours) {
          log(`scale ×${m}: ours, ${of}`);
          run.ours = await attempt(`×${m} ours, ${of}`, () => runTask<BuildResult>('ours-build', buildArgs, child));
          failed.ours = !run.ours;
        }
        if (!failed.peer) {
          log(`scale ×${m}: MiniSearch, ${of}`);
          run.peer = await attempt(`×${m} MiniSearch, ${of}`, () => runTask<BuildResult>('peer-build', { sentencesFile, questionsFile }, child));
          failed.peer = !run.peer;
        }
        runs.push(run);
      }
      // Start to first answer with the index cache: one run fills it, the next ones are timed.
      const cachedArgs = { corpusDir: dir, intentsDir, cacheDir: join(tmp, `cache-x${m}`), question: questions[0]?.question ?? 'news', questionsFile };
      log(`scale ×${m}: ours with the index cache, then warmed up`);
      const cached: Array<number | null> = [];
      const warmed: Array<NonNullable<CachedResult['warmed']> | null> = [];
      if (await attempt(`×${m} filling the index cache`, () => runTask<CachedResult>('ours-cached-start', { ...cachedArgs, questionsFile: undefined }, child))) {
        for (let r = 0; r < o.runs; r++) {
          const got = await attempt(`×${m} cached start, run ${r + 1}/${o.runs}`, () => runTask<CachedResult>('ours-cached-start', cachedArgs, child));
          cached.push(got && got.outcome === 'hit' ? got.startMs : null);
          warmed.push(got && got.outcome === 'hit' ? (got.warmed ?? null) : null);
        }
      }
      const tokens = winkResult ? winkResult.tokens * m : null;
      const oursOf = (f: (b: BuildResult) => number) => runs.map((x) => (x.ours ? f(x.ours) : null));
      const peerOf = (f: (b: BuildResult) => number) => runs.map((x) => (x.peer ? f(x.peer) : null));
      const rawOf = (pipe: Pipe) => runs.map((x) => (x.wink ? x.wink.tokens / (x.wink.ms[pipe][0]! / 1000) : null));
      const med = (xs: ReadonlyArray<number | null>) => {
        const v = xs.filter((x): x is number => x !== null);
        return v.length ? median(v) : null;
      };
      const row = (measure: string, ours: ReadonlyArray<number | null>, peer: ReadonlyArray<number | null>, unit: Row['unit'], better: Row['better']): Row => ({
        measure: `×${m} ${measure}`,
        ours: med(ours),
        peer: med(peer),
        unit,
        better,
        ratio: pairedRatio(ours, peer),
      });
      const speed = (f: (b: BuildResult) => number) => (b: BuildResult) => (tokens === null ? Number.NaN : tokens / (f(b) / 1000));
      const oursRate = oursOf(speed((b) => b.buildMs)).map((x) => (x !== null && Number.isFinite(x) ? x : null));
      const peerRate = peerOf(speed((b) => b.buildMs)).map((x) => (x !== null && Number.isFinite(x) ? x : null));
      const scaleRows = [
        row('build: createEngine vs addAll', oursOf((b) => b.buildMs / 1000), peerOf((b) => b.buildMs / 1000), 's', 'lower'),
        row('indexing speed', oursRate, peerRate, 'tokens/s', 'higher'),
        row('indexing vs raw wink-nlp, default pipe', oursRate, rawOf('default'), 'tokens/s', 'higher'),
        row("indexing vs raw wink-nlp, the engine's pipe", oursRate, rawOf('engine'), 'tokens/s', 'higher'),
        row("indexing vs raw wink-nlp, ['sbd']", oursRate, rawOf('sbd'), 'tokens/s', 'higher'),
        row('indexing vs raw wink-nlp, tokenizing', oursRate, rawOf('tokenize'), 'tokens/s', 'higher'),
        row('heap after GC', oursOf((b) => b.heapBytes / MiB), peerOf((b) => b.heapBytes / MiB), 'MiB', 'lower'),
        row('query p50: engine.ask vs search', oursOf((b) => b.latency.p50), peerOf((b) => b.latency.p50), 'ms', 'lower'),
        row('query p99', oursOf((b) => b.latency.p99), peerOf((b) => b.latency.p99), 'ms', 'lower'),
        row("query p50 after a cached start and the engine's warm-up (MiniSearch as above)", warmed.map((w) => w?.latency.p50 ?? null), peerOf((b) => b.latency.p50), 'ms', 'lower'),
        row("query p99 after a cached start and the engine's warm-up (MiniSearch as above)", warmed.map((w) => w?.latency.p99 ?? null), peerOf((b) => b.latency.p99), 'ms', 'lower'),
        row("the engine's warm-up (Engine.warmUp, after the first answer)", warmed.map((w) => w?.warmUpMs ?? null), warmed.map(() => null), 'ms', 'lower'),
        row('queries per second', oursOf((b) => b.latency.perSecond), peerOf((b) => b.latency.perSecond), '/s', 'higher'),
        row('top quote from the titled article', oursOf((b) => b.hitShare), peerOf((b) => b.hitShare), 'share', 'higher'),
        row('start to first answer, with the index cache', cached, cached.map(() => null), 'ms', 'lower'),
      ];
      rows.push(...scaleRows);
      if (phases) {
        const total = phases.phases.reduce((a, b) => a + b.ms, 0);
        const parts = phases.phases.map((x) => `${x.name} ${(x.ms / 1000).toFixed(1)} s (${Math.round((100 * x.ms) / total)}%)`);
        const rawMs = med(runs.map((x) => (x.wink ? x.wink.ms.default[0]! : null)));
        const engineMs = med(runs.map((x) => (x.wink ? x.wink.ms.engine[0]! : null)));
        const seconds = (ms: number) => `${((m * ms) / 1000).toFixed(1)} s`;
        const raw =
          rawMs !== null && engineMs !== null
            ? ` Raw wink-nlp readDoc over the same text, on one thread, takes ${seconds(rawMs)} with its default pipe and ${seconds(engineMs)} with the engine's (median of the runs, scaled from 1×).`
            : '';
        notes.push(
          `×${m}: ${phases.articles.toLocaleString('en-US')} articles, ${phases.sentences.toLocaleString('en-US')} sentences (${phases.sentenceTokens.toLocaleString('en-US')} tokens kept)` +
            `${tokens !== null ? ` from ${tokens.toLocaleString('en-US')} tokens of text` : ''}. Build phases (one run; articles read on ${phases.loadThreads || 'no'} worker thread${phases.loadThreads === 1 ? '' : 's'}): ${parts.join('; ')}.${raw}`,
        );
      }
      perScale[`x${m}`] = { phases, runs, tokens, cachedStartMs: cached, warmed };
      if (m === Math.max(...o.scales)) summary = scaleSummary(m, scaleRows, o.topics);
      if (m !== 1) rmSync(dir, { recursive: true, force: true });
    }
  } finally {
    if (o.keep) notes.push(`Temporary files kept in ${tmp}.`);
    else rmSync(tmp, { recursive: true, force: true });
  }
  notes.push(...errors.map((e) => `Failed: ${e}`));
  const table: Table = {
    title: 'Scale: BBC News',
    caption:
      `${bbc.articles.length.toLocaleString('en-US')} articles (${archive}) at ${o.scales.map((m) => `${m}×`).join(' and ')}${o.scales.some((m) => m > 1) ? ' (N×: N copies of each, with new ids)' : ''}; ` +
      `${Math.min(o.questions, bbc.articles.length)} questions: article titles (the title line itself is not indexed). Build with ${o.topics ? 'the bundled topics' : 'no topics'}. ` +
      `Peer: MiniSearch (default options) over our sentences, already split, unless the row names raw wink-nlp. ` +
      `Tokens: wink-nlp's count over the article files. Heap: V8 heap in use after full GCs above the child's baseline ` +
      `(ours holds the article texts, each sentence's place in them (not its tokens), the index, the topic affinities and the wink-nlp model; MiniSearch its index and each sentence's article id). ` +
      `Medians of ${o.runs} runs, each measurement in its own process; ours/peer is the median of each run's ratio.`,
    ours: 'ours',
    peer: 'peer',
    rows,
  };
  return { name: 'scale', tables: [table], notes, failures: errors.length, summary, data: { articles: bbc.articles.length, latin1: bbc.latin1, wink: winkResult, scales: perScale, errors } };
}

function scaleSummary(m: number, rows: readonly Row[], topics: boolean): string[] {
  const [build, , vsDefault, vsEngine, , vsTokenize, heap, , p99, , warmP99, warmUp, , hits, cachedStart] = rows;
  const ratio = (r: Row | undefined) => (r ? rowRatio(r) : null);
  const pct = (x: number | null) => (x === null ? '—' : `${Math.round(100 * x)}%`);
  const verdict = (ok: boolean | null) => (ok === null ? 'not measured' : ok ? 'met' : 'not met');
  const heapRatio = ratio(heap);
  const def = ratio(vsDefault);
  const eng = ratio(vsEngine);
  const tok = ratio(vsTokenize);
  const q = p99?.ours ?? null;
  const qp = p99?.peer ?? null;
  const qw = warmP99?.ours ?? null;
  const f = (r: Row | undefined, side: 'ours' | 'peer') => formatValue(r?.[side] ?? null, r?.unit ?? 'ms');
  return [
    `Scale ×${m}: query p99 ${f(p99, 'ours')} vs MiniSearch ${f(p99, 'peer')} right after the build (target ≤ 5 ms and below MiniSearch: ${verdict(q === null || qp === null ? null : q <= 5 && q < qp)}), ` +
      `${f(warmP99, 'ours')} after a cached start and the warm-up the bot runs (${f(warmUp, 'ours')}; target: ${verdict(qw === null || qp === null ? null : qw <= 5 && qw < qp)}); ` +
      `heap ${f(heap, 'ours')} vs ${f(heap, 'peer')} = ${pct(heapRatio)} of MiniSearch's (target ≤ 50%: ${verdict(heapRatio === null ? null : heapRatio <= 0.5)}).`,
    `Scale ×${m}: build ${f(build, 'ours')} vs MiniSearch ${f(build, 'peer')}${topics ? ' (with topics)' : ''}; indexing runs at ${pct(def)} of raw wink-nlp's default-pipe throughput, ` +
      `${pct(eng)} of its throughput with the engine's pipe (sentences and parts of speech), ${pct(tok)} of its tokenizing alone ` +
      `(target ≥ 70%: ${verdict(def === null ? null : def >= 0.7)} against the default pipe, ${verdict(eng === null ? null : eng >= 0.7)} against the engine's pipe, ` +
      `${verdict(tok === null ? null : tok >= 0.7)} against tokenizing).`,
    `Scale ×${m}: the top quote comes from the titled article for ${f(hits, 'ours')} of the titles (MiniSearch ${f(hits, 'peer')}).`,
    `Scale ×${m}: with the index cache, start to first answer ${f(cachedStart, 'ours')} (target ≤ 2 s: ${verdict(cachedStart?.ours == null ? null : cachedStart.ours <= 2000)}).`,
  ];
}
