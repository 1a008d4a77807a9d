/**
 * `npm run eval`: the dev questions (test/fixtures/idlib-dev.jsonl) through the engine; prints Hit@1,
 * Hit@3, MRR, abstention, false abstention, topic accuracy and macro-F1, then each failure with what was
 * returned. `--json` for machines; `--questions FILE` for another question set (same format).
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { evaluate } from '../eval/run.js';
import { FOUR_TOPICS, parseQuestions } from '../eval/score.js';
import type { Outcome } from '../eval/score.js';
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
  const args = parseArgs(process.argv.slice(2), ['json']);
  const file = resolve(String(args.flags.get('questions') ?? resolve(PROJECT_ROOT, 'test/fixtures/idlib-dev.jsonl')));
  const questions = parseQuestions(await readFile(file, 'utf8'));
  const engine = await createEngineWithProgress(engineOptions(args.flags));
  const { outcomes, figures } = evaluate(engine, questions);
  if (args.flags.has('json')) {
    process.stdout.write(`${JSON.stringify({ file, figures, failures: outcomes.filter((o) => failure(o)).map((o) => ({ id: o.q.id, rank: o.rank, topic: o.answer.topic, quotes: o.answer.quotes.map((q) => q.text) })) }, null, 2)}\n`);
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
}

main().catch((e: unknown) => {
  process.stderr.write(`error: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 1;
});
