/**
 * `npm run export -- [--format csv|jsonl] [--since DATE] [--out FILE]`: writes the moderators' log (every
 * question kept, with its topic, quotes and votes) for a spreadsheet or a tool. CSV by default, to
 * standard output unless --out is given. Reads DATABASE_PATH (default data/cited-answers.db), opened
 * read-only: the bot may keep running.
 */
import { createWriteStream } from 'node:fs';
import type { WriteStream } from 'node:fs';
import { readStoreConfig } from '../store/config.js';
import { EXPORT_FORMATS, parseSince, writeLog } from '../store/export.js';
import type { ExportFormat } from '../store/export.js';
import { Store } from '../store/store.js';
import { UsageError, loadDotenv, parseArgs } from './options.js';

const USAGE = 'usage: npm run export -- [--format csv|jsonl] [--since YYYY-MM-DD] [--out FILE]';

async function main(): Promise<number> {
  await loadDotenv();
  let store: Store | null = null;
  let out: WriteStream | null = null;
  try {
    const { flags, positional } = parseArgs(process.argv.slice(2), []);
    if (positional.length > 0) throw new UsageError(`unexpected ${positional.join(' ')}`);
    for (const name of flags.keys()) if (!['format', 'since', 'out'].includes(name)) throw new UsageError(`unknown flag --${name}`);
    const format = String(flags.get('format') ?? 'csv');
    if (!(EXPORT_FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format must be csv or jsonl, got "${format}"`);
    const sinceText = flags.get('since');
    const since = typeof sinceText === 'string' ? parseSince(sinceText) : 0;
    if (since === null) throw new UsageError(`--since must be a date such as 2026-01-31, got "${String(sinceText)}"`);

    const { config, problems } = readStoreConfig();
    if (problems.length > 0) throw new UsageError(problems.join(' '));
    store = Store.open(config, { readonly: true });
    const target = flags.get('out');
    out = typeof target === 'string' ? createWriteStream(target) : null;
    const write = (chunk: string): void => {
      if (out) out.write(chunk);
      else process.stdout.write(chunk);
    };
    const rows = writeLog(store.log(since), format as ExportFormat, write);
    if (out) {
      const stream = out;
      await new Promise<void>((resolve, reject) => stream.end((e?: Error | null) => (e ? reject(e) : resolve())));
    }
    process.stderr.write(`Exported ${rows} question${rows === 1 ? '' : 's'} from ${config.databasePath}${typeof target === 'string' ? ` to ${target}` : ''}.\n`);
    return 0;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`error: ${message}\n${error instanceof UsageError ? `${USAGE}\n` : ''}`);
    return error instanceof UsageError ? 2 : 1;
  } finally {
    store?.close();
  }
}

process.exitCode = await main();
