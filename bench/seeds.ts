/**
 * Seeds: the bundled articles (seeds/ + intents/), as the bot runs by default.
 *
 * - engine load: createEngine (read and split the articles, train the topic classifier, index the
 *   sentences), against MiniSearch indexing the same sentences (already split: the peer's lower bound);
 * - cold start: `node --import tsx src/cli/ask.ts "question"` as a whole process, spawn to its first byte of
 *   answer, against a plain-node script that loads MiniSearch, indexes the same sentences from a JSON file
 *   and prints its first hit; bare `node` and `node` with the tsx loader are timed for reference;
 * - per question: engine.ask (a whole answer: topic, ranking, composition; abstention on, 3 quotes)
 *   against MiniSearch's search, cycling through the dev questions; p50, p99 and throughput.
 *
 * Measured in this process (warm), except the cold starts, which are fresh processes. Every figure is the
 * median of `runs` runs; ours and the peer's runs alternate so both see the same noise.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEngine } from '../src/answer/engine.js';
import type { Engine } from '../src/answer/types.js';
import { PROJECT_ROOT } from '../src/cli/options.js';
import { loadCorpus } from '../src/corpus/load.js';
import { parseQuestions } from '../src/eval/score.js';
import { RUNTIME_FLAGS } from '../src/cli/runtime-flags.js';
import { timeProcess } from './lib/child.js';
import { buildPeer } from './lib/peer.js';
import type { PeerSentence } from './lib/peer.js';
import { latency, median, pairedRatio, timeMs } from './lib/stats.js';
import type { Latency } from './lib/stats.js';
import type { Row, Table } from './lib/table.js';
import type { ConcernResult, Log } from './lib/concern.js';

export interface SeedsOptions {
  /** Runs of each measurement; figures are medians over them. */
  runs: number;
  /** Questions asked per latency run, cycling through the dev questions. */
  asks: number;
  /** Limit for one cold-start process, in milliseconds. */
  timeoutMs: number;
}

const SEEDS = join(PROJECT_ROOT, 'seeds');
const INTENTS = join(PROJECT_ROOT, 'intents');
const DEV = join(PROJECT_ROOT, 'test', 'fixtures', 'idlib-dev.jsonl');

/** A plain-node script: MiniSearch over sentences read from JSON (argv[1]), first hit for argv[2]. */
const PEER_COLD_START = `
import MiniSearch from 'minisearch';
import { readFileSync } from 'node:fs';
const [file, question] = process.argv.slice(1);
const ms = new MiniSearch({ fields: ['text'], storeFields: ['articleId'] });
ms.addAll(JSON.parse(readFileSync(file, 'utf8')));
const hit = ms.search(question)[0];
process.stdout.write(JSON.stringify(hit ?? null) + '\\n');
`;

function timeLatencies(call: (q: string) => unknown, questions: readonly string[], asks: number): Latency {
  const ms: number[] = new Array(asks);
  for (let i = 0; i < asks; i++) {
    const q = questions[i % questions.length]!;
    const t0 = performance.now();
    call(q);
    ms[i] = performance.now() - t0;
  }
  return latency(ms);
}

export async function benchSeeds(o: SeedsOptions, log: Log): Promise<ConcernResult> {
  // Load. The first createEngine of the process also loads the wink-nlp model; it is reported on its own,
  // and comes before anything else here uses wink-nlp.
  log('seeds: engine load');
  const first = await timeMs(() => createEngine({ corpusDir: SEEDS, intentsDir: INTENTS }));
  let engine: Engine = first.value;
  const questions = parseQuestions(readFileSync(DEV, 'utf8')).map((q) => q.question);
  const corpus = await loadCorpus(SEEDS);
  const sentences: PeerSentence[] = corpus.sentences.map((s) => ({ id: s.index, articleId: s.articleId, text: s.text }));
  buildPeer(sentences);
  const load = { ours: [] as number[], peer: [] as number[] };
  for (let r = 0; r < o.runs; r++) {
    const ours = await timeMs(() => createEngine({ corpusDir: SEEDS, intentsDir: INTENTS }));
    engine = ours.value;
    load.ours.push(ours.ms);
    load.peer.push((await timeMs(() => buildPeer(sentences))).ms);
  }

  // Per question: one untimed pass first (JIT, WordNet pages), then `runs` timed runs of `asks` questions.
  log(`seeds: ${o.runs} × ${o.asks} questions`);
  const peer = buildPeer(sentences);
  const ask = (q: string) => engine.ask(q);
  const search = (q: string) => peer.search(q);
  timeLatencies(ask, questions, questions.length);
  timeLatencies(search, questions, questions.length);
  const lat = { ours: [] as Latency[], peer: [] as Latency[] };
  for (let r = 0; r < o.runs; r++) {
    lat.ours.push(timeLatencies(ask, questions, o.asks));
    lat.peer.push(timeLatencies(search, questions, o.asks));
  }

  // Cold start: fresh processes, interleaved.
  log(`seeds: ${o.runs} cold starts of each process`);
  const tmp = mkdtempSync(join(tmpdir(), 'cited-bench-seeds-'));
  const cold = { node: [] as number[], tsx: [] as number[], ours: [] as number[], peer: [] as number[] };
  try {
    const file = join(tmp, 'sentences.json');
    writeFileSync(file, JSON.stringify(sentences));
    const question = questions[0]!;
    const node = process.execPath;
    for (let r = 0; r < o.runs; r++) {
      cold.node.push((await timeProcess(node, ['-e', 'process.stdout.write("1")'], o.timeoutMs)).firstOutputMs);
      cold.tsx.push((await timeProcess(node, ['--import', 'tsx', '-e', 'process.stdout.write("1")'], o.timeoutMs)).firstOutputMs);
      cold.ours.push((await timeProcess(node, [...RUNTIME_FLAGS, '--import', 'tsx', join(PROJECT_ROOT, 'src', 'cli', 'ask.ts'), question], o.timeoutMs, { ...process.env, NO_COLOR: '1' })).firstOutputMs);
      cold.peer.push((await timeProcess(node, ['--input-type=module', '-e', PEER_COLD_START, file, question], o.timeoutMs)).firstOutputMs);
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }

  const m = (xs: readonly Latency[], k: keyof Latency) => median(xs.map((x) => x[k]));
  const pair = (k: keyof Latency) => pairedRatio(lat.ours.map((x) => x[k]), lat.peer.map((x) => x[k]));
  const rows: Row[] = [
    { measure: 'load: createEngine vs MiniSearch addAll', ours: median(load.ours), peer: median(load.peer), unit: 'ms', better: 'lower', ratio: pairedRatio(load.ours, load.peer) },
    { measure: 'first load in a process (+ wink-nlp model)', ours: first.ms, peer: null, unit: 'ms', better: 'lower', note: 'one run' },
    { measure: '`ask` cold start to first answer', ours: median(cold.ours), peer: median(cold.peer), unit: 'ms', better: 'lower', ratio: pairedRatio(cold.ours, cold.peer) },
    { measure: 'ref.: bare `node -e` start', ours: median(cold.node), peer: null, unit: 'ms', better: 'lower' },
    { measure: 'ref.: `node --import tsx` start', ours: median(cold.tsx), peer: null, unit: 'ms', better: 'lower' },
    { measure: 'answer p50: engine.ask vs search', ours: m(lat.ours, 'p50'), peer: m(lat.peer, 'p50'), unit: 'ms', better: 'lower', ratio: pair('p50') },
    { measure: 'answer p99', ours: m(lat.ours, 'p99'), peer: m(lat.peer, 'p99'), unit: 'ms', better: 'lower', ratio: pair('p99') },
    { measure: 'answers per second', ours: m(lat.ours, 'perSecond'), peer: m(lat.peer, 'perSecond'), unit: '/s', better: 'higher', ratio: pair('perSecond') },
  ];
  const table: Table = {
    title: 'Seeds',
    caption:
      `${corpus.articles.length} articles, ${sentences.length} sentences, ${engine.topics().length} topics; ${questions.length} dev questions cycled, ` +
      `${o.asks} asks a run; medians of ${o.runs} runs, ours/peer the median of each run's ratio. Peer: MiniSearch (default options) over the same sentences, already split; ` +
      `its cold start is a plain-node script that indexes them from JSON and prints its first hit. ` +
      `Load: createEngine reads, splits and analyses the articles, trains the classifier and indexes; MiniSearch only indexes. ` +
      `An answer is engine.ask as the bot calls it (topic, ranking, composition; abstention on, 3 quotes).`,
    ours: 'ours',
    peer: 'MiniSearch',
    rows,
  };
  const p99 = m(lat.ours, 'p99');
  const coldMs = median(cold.ours);
  return {
    name: 'seeds',
    tables: [table],
    notes: [],
    failures: 0,
    summary: [
      `Seeds: a whole answer takes p50 ${fmt(m(lat.ours, 'p50'))} ms, p99 ${fmt(p99)} ms (target p99 ≤ 1 ms: ${p99 <= 1 ? 'met' : 'not met'}); MiniSearch's search p99 ${fmt(m(lat.peer, 'p99'))} ms.`,
      `Seeds: \`ask\` cold start to first answer ${fmt(coldMs)} ms (target ≤ 1,000 ms: ${coldMs <= 1000 ? 'met' : 'not met'}), of which ${fmt(median(cold.tsx))} ms is starting node with the tsx loader; engine load ${fmt(median(load.ours))} ms warm, ${fmt(first.ms)} ms first in a process.`,
    ],
    data: { articles: corpus.articles.length, sentences: sentences.length, questions: questions.length, runs: o.runs, asks: o.asks, load, firstLoadMs: first.ms, latency: lat, coldStart: cold },
  };
}

function fmt(x: number): string {
  return x >= 100 ? Math.round(x).toLocaleString('en-US') : x.toFixed(x >= 10 ? 1 : x >= 1 ? 2 : 3);
}
