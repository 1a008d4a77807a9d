/**
 * `npm run bench`: our engine side by side with MiniSearch, one table per concern (bench/seeds.ts,
 * bench/scale.ts), each figure with the peer's figure from the same run and the ratio ours/peer, then a
 * short summary against the targets. Progress goes to standard error; tables (or --json) to
 * standard output. The machine is shared and noisy: read the ratios more than the times. Exits with status 1
 * when a measurement failed or timed out (named under its table), 0 otherwise, a missing data file included.
 *
 *   npm run bench                          # everything (several minutes: the 4× build alone takes minutes)
 *   npm run bench -- --only seeds          # the bundled articles only (about a minute)
 *   npm run bench -- --scale 1 --runs 1    # a quick look at scale
 *   npm run bench -- --json > bench.json   # for machines
 */
import { resolve } from 'node:path';
import { PROJECT_ROOT, parseArgs } from '../src/cli/options.js';
import type { ConcernResult } from './lib/concern.js';
import { describeMachine, machine } from './lib/machine.js';
import { formatTable, ratio } from './lib/table.js';
import { benchScale } from './scale.js';
import { benchSeeds } from './seeds.js';

/** The options, each with its default. */
interface BenchOptions {
  /** --only seeds|scale (comma-separated): the concerns to run (default both). */
  only: Array<'seeds' | 'scale'>;
  /** --runs N: runs of every measurement; figures are their medians (default: 5 for seeds, 3 for scale). */
  runs: number | null;
  /** --asks N: questions asked per seeds latency run, cycling through the dev questions (default 3000). */
  asks: number;
  /** --scale 1,4: multiples of the BBC data set to build (default 1,4). */
  scales: number[];
  /** --questions N: article titles asked at each scale (default 1000). */
  questions: number;
  /** --no-topics: build the scale corpora with an empty intents folder instead of the bundled topics. */
  topics: boolean;
  /** --data DIR: the folder holding bbc-news-2225.tar.gz (default ../shared/data beside the project). */
  data: string;
  /** --timeout S: limit for each child process, in seconds (default 1800). */
  timeoutS: number;
  /** --keep: keep the temporary corpus folders and print where they are. */
  keep: boolean;
  /** --json: print one JSON object (machine, tables, raw figures, summary) instead of the tables. */
  json: boolean;
}

const USAGE = `usage: npm run bench -- [--only seeds|scale] [--runs N] [--asks N] [--scale 1,4] [--questions N] [--no-topics] [--data DIR] [--timeout S] [--keep] [--json]`;

class UsageError extends Error {}

function positiveInt(flag: string, v: string | true | undefined, fallback: number): number {
  if (v === undefined) return fallback;
  const n = Number(v);
  if (v === true || !Number.isInteger(n) || n < 1) throw new UsageError(`--${flag} must be a whole number of 1 or more`);
  return n;
}

function parseBenchArgs(argv: readonly string[]): BenchOptions | 'help' {
  const known = new Set(['only', 'runs', 'asks', 'scale', 'questions', 'no-topics', 'data', 'timeout', 'keep', 'json', 'help']);
  for (const a of argv) {
    const name = /^--([^=]+)/.exec(a)?.[1];
    if (name !== undefined && !known.has(name)) throw new UsageError(`unknown option --${name}`);
  }
  const { flags, positional } = parseArgs(argv, ['no-topics', 'keep', 'json', 'help']);
  if (flags.has('help')) return 'help';
  if (positional.length) throw new UsageError(`unexpected argument "${positional[0]}"`);
  const only = String(flags.get('only') ?? 'seeds,scale').split(',').map((s) => s.trim());
  for (const c of only) if (c !== 'seeds' && c !== 'scale') throw new UsageError(`--only takes seeds, scale or both, not "${c}"`);
  const scales = String(flags.get('scale') ?? '1,4').split(',').map((s) => Number(s.trim()));
  if (scales.some((m) => !Number.isInteger(m) || m < 1 || m > 64)) throw new UsageError('--scale takes whole numbers from 1 to 64, e.g. 1,4');
  return {
    only: only as BenchOptions['only'],
    runs: flags.has('runs') ? positiveInt('runs', flags.get('runs'), 1) : null,
    asks: positiveInt('asks', flags.get('asks'), 3000),
    scales,
    questions: positiveInt('questions', flags.get('questions'), 1000),
    topics: !flags.has('no-topics'),
    data: resolve(String(flags.get('data') ?? resolve(PROJECT_ROOT, '..', 'shared', 'data'))),
    timeoutS: positiveInt('timeout', flags.get('timeout'), 1800),
    keep: flags.has('keep'),
    json: flags.has('json'),
  };
}

async function main(): Promise<number> {
  let o: BenchOptions | 'help';
  try {
    o = parseBenchArgs(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (o === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const m = machine();
  const started = Date.now();
  const results: ConcernResult[] = [];
  if (o.only.includes('seeds')) results.push(await benchSeeds({ runs: o.runs ?? 5, asks: o.asks, timeoutMs: 120_000 }, log));
  if (o.only.includes('scale')) {
    results.push(
      await benchScale({ data: o.data, scales: o.scales, runs: o.runs ?? 3, questions: o.questions, topics: o.topics, timeoutMs: o.timeoutS * 1000, keep: o.keep }, log),
    );
  }
  const summary = results.flatMap((r) => r.summary);
  const seconds = Math.round((Date.now() - started) / 1000);
  const status = results.some((r) => r.failures > 0) ? 1 : 0;
  if (o.json) {
    const tables = results.flatMap((r) => r.tables.map((t) => ({ ...t, rows: t.rows.map((row) => ({ ...row, ratio: ratio(row) })) })));
    process.stdout.write(`${JSON.stringify({ machine: m, loadAtEnd: machine().load, options: o, seconds, tables, notes: results.flatMap((r) => r.notes), summary, data: Object.fromEntries(results.map((r) => [r.name, r.data])) }, null, 2)}\n`);
    return status;
  }
  const out: string[] = [`# npm run bench`, '', `${describeMachine(m)}, ${machine().load} at the end; ${seconds} s in all.`];
  for (const r of results) {
    if (r.skipped) out.push('', `### ${r.name[0]!.toUpperCase()}${r.name.slice(1)}`, '', `Not measured: ${r.skipped}`);
    for (const t of r.tables) out.push('', formatTable(t));
    if (r.notes.length) out.push('', ...r.notes.map((n) => `- ${n}`));
  }
  out.push('', '### Summary', '', ...summary.map((s) => `- ${s}`));
  process.stdout.write(`${out.join('\n')}\n`);
  return status;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 1;
  },
);
