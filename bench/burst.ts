/**
 * Burst benchmark: `npm run bench:burst [-- --users 50 --per-user 20 --cooldown 5]`.
 *
 * The loopback Discord (test/discord/loopback.ts) runs in a child process, on its own event loop, and
 * plays the members; this process runs only the real bot on the bundled articles. After a warm-up burst,
 * a burst of `/ask` interactions (by default 1,000 from 50 members, the cooldown at its default of 5 a
 * minute) is sent at once, and it prints:
 * - handling latency: from the interaction leaving the gateway to the member's final response reaching
 *   Discord (the answer edited into the deferred reply, or the cooldown's refusal), p50 and p99, by kind;
 * - acknowledgement latency (Discord wants it within 3 s) and how many took longer;
 * - throughput: interactions handled per second over the burst;
 * - the bot's heap before the burst, at its end, and after GC (the burst test asserts within 10%);
 * - what the bot logged at warn and error level, by kind.
 * No data files are needed. (`--serve` is the child's own flag.)
 */
import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { fileURLToPath } from 'node:url';
import { createEngine } from '../src/answer/engine.js';
import { startBot } from '../src/discord/bot.js';
import { DEFAULT_COOLDOWN_PER_MINUTE, loadDiscordConfig } from '../src/discord/config.js';
import { createLogger } from '../src/discord/logger.js';
import { percentile, runBurst } from '../test/discord/burst.js';
import { LoopbackDiscord } from '../test/discord/loopback.js';
import { RUNTIME_FLAGS, tsxImport } from '../src/cli/runtime-flags.js';

const TOKEN = `MTA1NjM0NzY0ODUzNTM2NzY4MA.BENCH0.${'x'.repeat(27)}`;

/** What the child reports of one burst: each interaction's kind and latencies (ms). */
interface BurstReport {
  kinds: string[];
  handling: number[];
  acks: number[];
  seconds: number;
}

type ToChild = { type: 'burst'; prefix: string; users: number; perUser: number } | { type: 'stop' };
type FromChild = { type: 'ready'; apiUrl: string } | { type: 'result'; report: BurstReport };

// ---------------------------------------------------------------------------------------------
// The child: Discord and its members

async function serve(): Promise<void> {
  const server = await LoopbackDiscord.start({ token: TOKEN });
  const send = (message: FromChild): void => void process.send?.(message);
  process.on('message', (message: ToChild) => {
    if (message.type === 'stop') {
      void server.close().then(() => process.exit(0));
      return;
    }
    void (async () => {
      const users = Array.from({ length: message.users }, (_, u) => `${message.prefix}-${u}`);
      const outcomes = await runBurst(server, { users, perUser: message.perUser, timeoutMs: 600_000 });
      const first = Math.min(...outcomes.map((o) => o.interaction.sentAt));
      const last = Math.max(...outcomes.map((o) => o.final?.receivedAt ?? 0));
      send({
        type: 'result',
        report: {
          kinds: outcomes.map((o) => o.kind),
          handling: outcomes.map((o) => (o.final?.receivedAt ?? Number.NaN) - o.interaction.sentAt),
          acks: outcomes.map((o) => (o.ack?.receivedAt ?? Number.NaN) - o.interaction.sentAt),
          seconds: (last - first) / 1000,
        },
      });
      server.forget();
    })();
  });
  send({ type: 'ready', apiUrl: server.apiUrl });
}

// ---------------------------------------------------------------------------------------------
// The parent: the bot

/** Node's gc: given with --expose-gc, or switched on here. */
function collector(): () => void {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (exposed) return exposed;
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

async function heapAfterGc(gc: () => void): Promise<number> {
  for (let i = 0; i < 3; i++) {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return process.memoryUsage().heapUsed;
}

async function next(child: ChildProcess): Promise<FromChild> {
  const [message] = (await once(child, 'message')) as [FromChild];
  return message;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      users: { type: 'string', default: '50' },
      'per-user': { type: 'string', default: '20' },
      cooldown: { type: 'string', default: String(DEFAULT_COOLDOWN_PER_MINUTE) },
    },
  });
  const users = Number(values.users);
  const perUser = Number(values['per-user']);
  const cooldown = Number(values.cooldown);
  for (const [name, n, min] of [['users', users, 1], ['per-user', perUser, 1], ['cooldown', cooldown, 0]] as const) {
    if (!Number.isSafeInteger(n) || n < min) {
      console.error(`--${name} must be a whole number of at least ${min}`);
      process.exit(2);
    }
  }
  const gc = collector();
  const mb = (bytes: number): string => `${(bytes / 1048576).toFixed(1)} MB`;
  const ms = (value: number): string => `${value < 10 ? value.toFixed(1) : Math.round(value)} ms`;

  const child = fork(fileURLToPath(import.meta.url), ['--serve'], { execArgv: [...RUNTIME_FLAGS, ...tsxImport()] });
  const ready = await next(child);
  if (ready.type !== 'ready') throw new Error('the loopback Discord did not start');

  const root = fileURLToPath(new URL('../', import.meta.url));
  const engine = await createEngine({ corpusDir: `${root}seeds`, intentsDir: `${root}intents` });
  const alerts = new Map<string, number>();
  const logger = createLogger({
    level: 'warn',
    // Counted by kind: the line without its numbers.
    sink: (level, line) => {
      const kind = `${level} ${line.replace(/\d+/g, 'N').slice(0, 90)}`;
      alerts.set(kind, (alerts.get(kind) ?? 0) + 1);
    },
  });
  const config = loadDiscordConfig({ DISCORD_TOKEN: TOKEN, DISCORD_API_URL: ready.apiUrl, COOLDOWN_PER_MINUTE: String(cooldown), LOG_LEVEL: 'warn' });
  const bot = await startBot({ engine, config, logger });
  let rejections = 0;
  process.on('unhandledRejection', () => void rejections++);

  const burst = async (prefix: string): Promise<BurstReport> => {
    child.send({ type: 'burst', prefix, users, perUser } satisfies ToChild);
    const message = await next(child);
    if (message.type !== 'result') throw new Error('no result from the loopback Discord');
    return message.report;
  };

  console.log(`Burst: ${users * perUser} /ask from ${users} members (${perUser} each), cooldown ${cooldown}/min; loopback Discord in a child process`);
  await burst('warm-up');
  alerts.clear();
  const heapBefore = await heapAfterGc(gc);
  const report = await burst('member');
  const heapEnd = process.memoryUsage().heapUsed;
  const heapAfter = await heapAfterGc(gc);

  const kinds = [...new Set(report.kinds)];
  console.log(`outcomes: ${kinds.map((k) => `${report.kinds.filter((x) => x === k).length} ${k}`).join(', ')}`);
  console.log(`handling latency (sent → final response): p50 ${ms(percentile(report.handling, 50))}, p99 ${ms(percentile(report.handling, 99))}, max ${ms(Math.max(...report.handling))}`);
  for (const kind of kinds) {
    const list = report.handling.filter((_, i) => report.kinds[i] === kind);
    console.log(`  ${kind.padEnd(10)} p50 ${ms(percentile(list, 50))}, p99 ${ms(percentile(list, 99))} (${list.length})`);
  }
  console.log(
    `acknowledgement (sent → callback): p50 ${ms(percentile(report.acks, 50))}, p99 ${ms(percentile(report.acks, 99))}; over 3 s: ${report.acks.filter((a) => a > 3000).length}`,
  );
  console.log(`throughput: ${(report.kinds.length / report.seconds).toFixed(0)} interactions/s (${report.kinds.length} in ${report.seconds.toFixed(2)} s)`);
  console.log(
    `bot heap: ${mb(heapBefore)} before, ${mb(heapEnd)} at the end, ${mb(heapAfter)} after GC (${(((heapAfter - heapBefore) / heapBefore) * 100).toFixed(1)}%); rss ${mb(process.memoryUsage().rss)}`,
  );
  console.log(`unhandled rejections: ${rejections}; logged at warn/error during the burst: ${[...alerts.values()].reduce((a, b) => a + b, 0)}`);
  for (const [kind, n] of [...alerts.entries()].sort((a, b) => b[1] - a[1])) console.log(`  ${String(n).padStart(5)} × ${kind}`);

  await bot.stop();
  child.send({ type: 'stop' } satisfies ToChild);
  await once(child, 'exit');
}

if (process.argv.includes('--serve')) await serve();
else await main();
