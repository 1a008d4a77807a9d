/**
 * The developers' REPL: a prompt that answers questions with quotes and citations.
 *
 * Commands: .topics .sources .explain (toggle score parts) .json (toggle JSON output) .reload .help .exit.
 * Coloured on a terminal, plain when piped; history (kept in ~/.cited-answers_history on a terminal);
 * Ctrl-C and Ctrl-D leave cleanly.
 */
import { appendFileSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Engine } from '../answer/types.js';
import { renderAnswer, renderReload, renderSources, renderTopics } from '../render/terminal.js';

export const HELP = `Ask a question about the articles, or:
  .topics    the topics I know, with example questions
  .sources   the articles I quote
  .explain   toggle score details (topic scores, each quote's score parts)
  .json      toggle JSON output
  .reload    re-read the articles and topics (the old ones stay if this fails)
  .help      this help
  .exit      leave (or Ctrl-D)`;

export interface ReplOptions {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  /** Keep history in this file (only on a terminal). */
  historyFile?: string | null;
}

const HISTORY_FILE = join(homedir(), '.cited-answers_history');

/** Run the REPL until the input ends or the user leaves. Resolves when it is closed. */
export function runRepl(engine: Engine, options: ReplOptions): Promise<void> {
  const tty = options.output.isTTY === true && (options.input as { isTTY?: boolean }).isTTY === true;
  const color = tty && !process.env.NO_COLOR;
  const historyFile = tty ? (options.historyFile === undefined ? HISTORY_FILE : options.historyFile) : null;
  let history: string[] = [];
  if (historyFile) {
    try {
      history = readFileSync(historyFile, 'utf8').split('\n').filter(Boolean).reverse().slice(0, 500);
    } catch {
      history = [];
    }
  }
  const rl = createInterface({ input: options.input, output: options.output, terminal: tty, history, historySize: 500, prompt: 'ask> ' });
  let explain = false;
  let json = false;
  const say = (text: string) => options.output.write(`${text}\n`);
  const width = () => Math.min(options.output.columns || 100, 120);

  // Lines are handled one at a time, in order, even when piped in faster than .reload completes.
  let queue = Promise.resolve();
  let leaving = false;
  const handle = async (line: string) => {
    if (leaving) return; // lines piped in after .exit are not asked
    const input = line.trim();
    if (historyFile && input) {
      try {
        appendFileSync(historyFile, `${input}\n`);
      } catch {
        /* history is a convenience; never fail over it */
      }
    }
    if (input === '') return;
    if (input.startsWith('.')) {
      const [cmd] = input.split(/\s+/);
      switch (cmd) {
        case '.help':
          say(HELP);
          return;
        case '.topics':
          say(renderTopics(engine.topics({ answered: true }), { color, width: width(), explain }));
          return;
        case '.sources':
          say(renderSources(engine.sources()));
          return;
        case '.explain':
          explain = !explain;
          say(`  explain ${explain ? 'on' : 'off'}`);
          return;
        case '.json':
          json = !json;
          say(`  json ${json ? 'on' : 'off'}`);
          return;
        case '.reload':
          say(renderReload(await engine.reload()));
          return;
        case '.exit':
        case '.quit':
          leaving = true;
          rl.close();
          return;
        default:
          say(`  Unknown command ${cmd}. Type .help for the commands.`);
          return;
      }
    }
    const answer = engine.ask(input);
    say(json ? JSON.stringify(answer, null, 2) : renderAnswer(answer, { color, width: width(), explain }));
    say('');
  };

  return new Promise((resolveDone) => {
    rl.on('line', (line) => {
      queue = queue
        .then(() => handle(line))
        .catch((e: unknown) => say(`  Sorry, that went wrong: ${e instanceof Error ? e.message : String(e)}`))
        .then(() => {
          if (tty && !closed) rl.prompt();
        });
    });
    let closed = false;
    rl.on('SIGINT', () => {
      say('');
      rl.close();
    });
    rl.on('close', () => {
      closed = true;
      void queue.then(() => resolveDone());
    });
    if (tty) {
      const info = engine.info();
      say(`Ask about ${info.description}${info.example ? `, for example: ${info.example}` : '.'}\nType .help for commands, .exit to leave.`);
      rl.prompt();
    }
  });
}
