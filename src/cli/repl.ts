/** `npm run repl`: the REPL over the configured (by default the bundled) articles. */
import { runRepl } from './repl-core.js';
import { engineOptions, loadDotenv, parseArgs } from './options.js';
import { createEngineWithProgress } from './progress.js';
import { keptWarm } from '../answer/warmup.js';

async function main(): Promise<void> {
  await loadDotenv();
  const args = parseArgs(process.argv.slice(2), ['no-cache']);
  // Warmed in the background, so that the first questions after a start or reload are as quick as the rest.
  const engine = keptWarm(await createEngineWithProgress(engineOptions(args.flags)));
  for (const p of engine.info().problems) process.stderr.write(`warning: ${p.file} ${p.message}\n`);
  await runRepl(engine, { input: process.stdin, output: process.stdout });
}

main().catch((e: unknown) => {
  process.stderr.write(`error: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 1;
});
