/**
 * `npm run eval`: the dev questions (test/fixtures/idlib-dev.jsonl) through the engine; prints each failure
 * with what was returned, then Hit@1, Hit@3, MRR, abstention, false abstention, topic accuracy and
 * macro-F1, then the ablation table (each method turned off in turn).
 *
 *   --json              one JSON object for machines
 *   --questions FILE    another question set (same format)
 *   --no-ablation       skip the ablation table
 *   --squad [FILE]      instead: ReQA-style sentence retrieval on SQuAD 2.0 (default
 *                       ../shared/data/squad-v2-dev.json), ours against MiniSearch in the same run
 *   --limit N           with --squad: the first N answerable questions only
 *   --at-scale          instead: abstention over large corpora built from ../shared/data (SQuAD's
 *                       paragraphs, BBC News, the bundled articles mixed into BBC News; see
 *                       src/eval/at-scale.ts), with the dev questions (or --questions FILE)
 *   --every N           with --at-scale: every N-th SQuAD question only
 */
import { readFile } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import { evaluate } from '../eval/run.js';
import { ablation } from '../eval/ablation.js';
import type { Figures } from '../eval/score.js';
import { loadSquad, rankMiniSearch, rankOurs, retrievalFigures } from '../eval/squad.js';
import { atScale } from '../eval/at-scale.js';
import type { AtScaleFigures } from '../eval/at-scale.js';
import { BBC_FILE } from '../eval/bbc.js';
import { existsSync } from 'node:fs';
import { FOUR_TOPICS, parseQuestions } from '../eval/score.js';
import type { EvalQuestion, Outcome } from '../eval/score.js';
import { engineOptions, loadDotenv, parseArgs, PROJECT_ROOT } from './options.js';
import { createEngineWithProgress } from './progress.js';

function failure(o: Outcome): string | null {
  const gold = FOUR_TOPICS.includes(o.q.topic) ? o.q.topic : null;
  const topic = o.answer.topic && FOUR_TOPICS.includes(o.answer.topic) ? o.answer.topic : null;
  const problems: string[] = [];
  if (o.q.answerable && o.rank !== 1) problems.push(o.answer.quotes.length === 0 ? 'abstained' : o.rank === 0 ? 'no correct quote' : `correct quote at rank ${o.rank}`);
  if (!o.q.answerable && o.answer.quotes.length > 0) problems.push('answered an out-of-scope question');
  if (gold !== topic) problems.push(`topic ${topic ?? 'none'}, expected ${gold ?? 'none'}`);
  if (problems.length === 0) return null;
  const lines = [`${o.q.id} [${o.q.style ?? ''}] ${o.q.question}`, `    ${problems.join('; ')}`];
  o.answer.quotes.forEach((q, i) => lines.push(`    ${i + 1}. ${q.text.slice(0, 150)}${q.text.length > 150 ? '…' : ''} (${q.score})`));
  if (o.q.answerable && o.rank !== 1) lines.push(`    wanted: ${o.q.accept.join(' | ')}`);
  return lines.join('\n');
}

async function main(): Promise<void> {
  await loadDotenv();
  const argv = process.argv.slice(2);
  // --squad takes an optional file: a bare --squad (last, or before another flag) means the default.
  const squadAt = argv.indexOf('--squad');
  if (squadAt >= 0 && (argv[squadAt + 1] === undefined || argv[squadAt + 1]!.startsWith('--'))) argv.splice(squadAt + 1, 0, DEFAULT_SQUAD);
  const args = parseArgs(argv, ['json', 'no-ablation', 'no-cache', 'at-scale']);
  if (args.flags.has('squad')) return squad(String(args.flags.get('squad')), args.flags.has('json'), Number(args.flags.get('limit') ?? Infinity));
  const file = resolve(String(args.flags.get('questions') ?? resolve(PROJECT_ROOT, 'test/fixtures/idlib-dev.jsonl')));
  const questions = parseQuestions(await readFile(file, 'utf8'));
  if (args.flags.has('at-scale')) {
    const every = Number(args.flags.get('every') ?? 1);
    // "--every x" would otherwise skip every question and measure nothing, silently.
    if (!Number.isInteger(every) || every < 1) {
      process.stderr.write('--every must be a whole number of 1 or more\n');
      process.exitCode = 2;
      return;
    }
    return scale(questions, file, args.flags.has('json'), every);
  }
  const engine = await createEngineWithProgress(engineOptions(args.flags));
  const { outcomes, figures } = evaluate(engine, questions);
  const ablated = args.flags.has('no-ablation') ? [] : await ablation(engineOptions(args.flags), questions);
  if (args.flags.has('json')) {
    process.stdout.write(`${JSON.stringify({ file, figures, ablation: ablated, failures: outcomes.filter((o) => failure(o)).map((o) => ({ id: o.q.id, rank: o.rank, topic: o.answer.topic, quotes: o.answer.quotes.map((q) => q.text) })) }, null, 2)}\n`);
    return;
  }
  const failures = outcomes.map(failure).filter((x): x is string => x !== null);
  if (failures.length) process.stdout.write(`Failures (${failures.length}):\n\n${failures.join('\n\n')}\n\n`);
  const f = figures;
  process.stdout.write(
    [
      `${f.questions} questions (${f.answerable} answerable) from ${file}`,
      `Hit@1 ${f.hit1.toFixed(3)}  Hit@3 ${f.hit3.toFixed(3)}  MRR ${f.mrr.toFixed(3)}`,
      `abstention ${f.abstention.toFixed(3)}  false abstention ${f.falseAbstention.toFixed(3)}`,
      `topic accuracy ${f.topicAccuracy.toFixed(3)}  topic macro-F1 ${f.topicMacroF1.toFixed(3)}`,
    ].join('\n') + '\n',
  );
  if (ablated.length > 0) process.stdout.write(`\nAblation (each method off in turn):\n${ablationTable(ablated)}\n`);
}

const DEFAULT_SQUAD = resolve(PROJECT_ROOT, '..', 'shared', 'data', 'squad-v2-dev.json');
const DEFAULT_BBC = resolve(PROJECT_ROOT, '..', 'shared', 'data', BBC_FILE);

async function scale(questions: readonly EvalQuestion[], file: string, json: boolean, every: number): Promise<void> {
  const missing = [DEFAULT_SQUAD, DEFAULT_BBC].filter((f) => !existsSync(f));
  if (missing.length > 0) {
    process.stderr.write(`Data not found: ${missing.join(', ')} (see README). Nothing measured.\n`);
    process.exitCode = 2;
    return;
  }
  const t0 = Date.now();
  const f: AtScaleFigures = await atScale({
    squadPath: DEFAULT_SQUAD,
    bbcPath: DEFAULT_BBC,
    seedsDir: resolve(PROJECT_ROOT, 'seeds'),
    intentsDir: resolve(PROJECT_ROOT, 'intents'),
    questions,
    every,
    log: json ? undefined : (line) => process.stderr.write(`${line}…\n`),
  });
  if (json) {
    process.stdout.write(`${JSON.stringify({ questions: file, ...f, seconds: (Date.now() - t0) / 1000 }, null, 2)}\n`);
    return;
  }
  const n = (x: number) => x.toLocaleString('en-GB');
  const d = (x: number) => x.toFixed(3);
  const m = f.mixed.figures;
  const set = relative(PROJECT_ROOT, file);
  process.stdout.write(
    [
      'Abstention at scale: the engine over large corpora built from ../shared/data',
      '',
      `SQuAD 2.0 over its own paragraphs (${n(f.squad.sentences)} sentences):`,
      `  ${n(f.squad.answerable)} answerable questions: answered ${d(f.squad.answered)}, top quote holds the answer ${d(f.squad.hit1)}, answered wrongly ${d(f.squad.wrong)}`,
      `  ${n(f.squad.unanswerable)} unanswerable questions (many are answered elsewhere in the corpus): abstention ${d(f.squad.unanswerableAbstention)}`,
      `BBC News (${n(f.bbc.sentences)} sentences), which answers none of these:`,
      `  ${n(f.bbc.squadQuestions)} SQuAD questions: abstention ${d(f.bbc.squadAbstention)}`,
      `  ${n(f.bbc.idlibQuestions)} questions of ${set}: abstention ${d(f.bbc.idlibAbstention)}`,
      `The bundled articles mixed into BBC News (${n(f.mixed.sentences)} sentences), ${n(m.questions)} questions of ${set} (${n(m.answerable)} answerable):`,
      `  Hit@1 ${d(m.hit1)}  Hit@3 ${d(m.hit3)}  MRR ${d(m.mrr)}  abstention ${d(m.abstention)}  false abstention ${d(m.falseAbstention)}`,
      '',
      `${((Date.now() - t0) / 1000).toFixed(0)} s`,
    ].join('\n') + '\n',
  );
}

function ablationTable(rows: ReadonlyArray<{ name: string; figures: Figures }>): string {
  const width = Math.max(...rows.map((r) => r.name.length));
  const head = `${'variant'.padEnd(width)}  Hit@1  Hit@3    MRR  abst.  false  topic F1`;
  const lines = rows.map(({ name, figures: f }) =>
    [name.padEnd(width), ...[f.hit1, f.hit3, f.mrr, f.abstention, f.falseAbstention, f.topicMacroF1].map((x) => x.toFixed(3).padStart(5))].join('  '),
  );
  return [head, ...lines].join('\n');
}

async function squad(file: string, json: boolean, limit: number): Promise<void> {
  if (!existsSync(file)) {
    process.stderr.write(`SQuAD data not found at ${file}: put squad-v2-dev.json there (see README) or pass --squad FILE. Nothing measured.\n`);
    process.exitCode = 2;
    return;
  }
  const t0 = Date.now();
  const set = await loadSquad(file, limit);
  const loaded = Date.now() - t0;
  const t1 = Date.now();
  const ours = retrievalFigures(set.questions, rankOurs(set));
  const oursMs = Date.now() - t1;
  const t2 = Date.now();
  const peer = retrievalFigures(set.questions, await rankMiniSearch(set));
  const peerMs = Date.now() - t2;
  if (json) {
    process.stdout.write(`${JSON.stringify({ file, sentences: set.sentences.length, paragraphs: set.paragraphs, ours, minisearch: peer, ms: { load: loaded, ours: oursMs, minisearch: peerMs } }, null, 2)}\n`);
    return;
  }
  const row = (name: string, f: typeof ours, ms: number) => `${name.padEnd(28)} ${f.p1.toFixed(3).padStart(5)}  ${f.mrr.toFixed(3).padStart(5)}  ${f.r5.toFixed(3).padStart(5)}  ${(ms / 1000).toFixed(1).padStart(6)} s`;
  process.stdout.write(
    [
      `SQuAD 2.0 sentence retrieval (ReQA-style) from ${file}`,
      `${set.questions.length} answerable questions over ${set.sentences.length} sentences of ${set.paragraphs} paragraphs (split in ${(loaded / 1000).toFixed(1)} s)`,
      '',
      `${'retriever'.padEnd(28)}   P@1    MRR    R@5    time`,
      row('ours (no topics)', ours, oursMs),
      row('MiniSearch 7 (BM25+ default)', peer, peerMs),
      '',
      `ours − MiniSearch: P@1 ${(ours.p1 - peer.p1 >= 0 ? '+' : '') + (ours.p1 - peer.p1).toFixed(3)}, MRR ${(ours.mrr - peer.mrr >= 0 ? '+' : '') + (ours.mrr - peer.mrr).toFixed(3)}`,
    ].join('\n') + '\n',
  );
}

main().catch((e: unknown) => {
  process.stderr.write(`error: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 1;
});
