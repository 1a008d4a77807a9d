/** The REPL's greeting on a terminal: what the articles are, and a question they answer. */
import { PassThrough } from 'node:stream';
import { expect, it } from 'vitest';
import { createEngine } from '../../src/answer/engine.js';
import { runRepl } from '../../src/cli/repl-core.js';
import { INTENTS, SEEDS } from '../helpers.js';

it('greets a terminal with the articles and an example question they answer', async () => {
  const engine = await createEngine({ corpusDir: SEEDS, intentsDir: INTENTS });
  const input = Object.assign(new PassThrough(), { isTTY: true });
  const output = Object.assign(new PassThrough(), { isTTY: true, columns: 100 });
  let printed = '';
  output.on('data', (chunk: Buffer) => (printed += chunk.toString('utf8')));
  const done = runRepl(engine, { input, output, historyFile: null });
  const { description, example } = engine.info();
  await expect.poll(() => printed.includes('Type .help'), { timeout: 10_000 }).toBe(true);
  expect(example).not.toBeNull();
  expect(printed).toContain(`Ask about ${description}, for example: ${example}`);
  input.end();
  await done;
});
