/** `npm run repl`: the REPL over the configured (by default the bundled) articles. */
import { runRepl } from './repl-core.js';
import { engineOptions, loadDotenv, parseArgs } from './options.js';
import { createEngineWithProgress } from './progress.js';

async function main(): Promise<void> {
  await loadDotenv();
  const args = parseArgs(process.argv.slice(2), ['no-cache']);
  const engine = await createEngineWithProgress(engineOptions(args.flags));
  for (const p of engine.info().problems) process.stderr.write(`warning: ${p.file} ${p.message}\n`);
  await runRepl(engine, { input: process.stdin, output: process.stdout });
}

main().catch((e: unknown) => {
  process.stderr.write(`error: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 1;
});
