/**
 * `npm run ask -- "question"`: one answer, readable (or `--json`). With no question argument, reads
 * questions from standard input, one a line, and writes one JSON object a line in the same order (a blank
 * line gets an abstention). Only answers go to standard output; logs and errors go to standard error.
 *
 * Flags: --json, --top N (default 3), --corpus DIR, --intents DIR, --no-abstain, --explain.
 */
import { createInterface } from 'node:readline';
import type { Engine } from '../answer/types.js';
import { renderAnswer } from '../render/terminal.js';
import { engineOptions, loadDotenv, parseArgs, UsageError } from './options.js';
import { createEngineWithProgress } from './progress.js';

const USAGE = `usage: npm run ask -- [--json] [--top N] [--corpus DIR] [--intents DIR] [--no-abstain] [--explain] ["question"]
  With no question, reads questions from standard input, one a line, and writes one JSON object a line.`;

async function main(): Promise<number> {
  await loadDotenv();
  let args;
  try {
    args = parseArgs(process.argv.slice(2), ['json', 'no-abstain', 'explain', 'help', 'no-cache']);
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (args.flags.has('help')) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const topFlag = args.flags.get('top');
  const top = topFlag === undefined ? 3 : Number(topFlag);
  if (!Number.isInteger(top) || top < 1 || top > 50) {
    process.stderr.write(`--top must be a whole number from 1 to 50\n${USAGE}\n`);
    return 2;
  }
  const options = engineOptions(args.flags);
  let engine: Engine;
  try {
    engine = await createEngineWithProgress(options);
  } catch (e) {
    process.stderr.write(`error: ${(e as Error).message}\n`);
    return 1;
  }
  for (const p of engine.info().problems) process.stderr.write(`warning: ${p.file} ${p.message}\n`);
  const askOptions = { top, abstain: !args.flags.has('no-abstain') };
  const json = args.flags.has('json');

  if (args.positional.length > 0) {
    const answer = engine.ask(args.positional.join(' '), askOptions);
    const color = !json && process.stdout.isTTY === true && !process.env.NO_COLOR;
    process.stdout.write(
      json
        ? `${JSON.stringify(answer, null, 2)}\n`
        : `${renderAnswer(answer, { color, width: Math.min(process.stdout.columns || 100, 120), explain: args.flags.has('explain') })}\n`,
    );
    return 0;
  }
  // Batch mode: one JSON object a line, in input order, one for every input line.
  const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of rl) {
    const answer = engine.ask(line, askOptions);
    if (!process.stdout.write(`${JSON.stringify(answer)}\n`)) {
      await new Promise((r) => process.stdout.once('drain', r));
    }
  }
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`error: ${e instanceof UsageError ? e.message : String((e as Error)?.stack ?? e)}\n`);
    process.exitCode = 1;
  },
);
