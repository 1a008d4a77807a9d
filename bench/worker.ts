/**
 * Child-process entry for one measurement: `node --expose-gc --import tsx bench/worker.ts <task> '<json args>'`.
 * Prints the task's result as one JSON line on standard output; anything else goes to standard error.
 * Started by bench/lib/child.ts; not meant to be run by hand.
 */
import { tasks } from './scale.js';

const [name, json] = process.argv.slice(2);
const task = name === undefined ? undefined : tasks[name];
if (!task || json === undefined) {
  process.stderr.write(`usage: bench/worker.ts <${Object.keys(tasks).join('|')}> '<json args>'\n`);
  process.exit(2);
}
const result = await task(JSON.parse(json) as unknown);
process.stdout.write(`${JSON.stringify(result)}\n`);
