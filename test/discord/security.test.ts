/**
 * Security: the token (and members' interaction tokens) in nothing the bot prints or sends, even when an
 * error carries it; members' text is never evaluated, never a regular expression, never a path: the
 * Discord face touches no file and builds no RegExp, and mentions are stripped by a fixed pattern.
 * (The moderator check in the handlers: reload.test.ts; the token under Discord faults: faults.test.ts.)
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/answer/types.js';
import { REDACTED, redact } from '../../src/discord/logger.js';
import { stripBotMention } from '../../src/discord/mentions.js';
import { ROOT } from '../helpers.js';
import { ask, buttons, embedOf, expectCleanTraffic, messageOf, realEngine, startHarness } from './harness.js';
import type { Harness } from './harness.js';

let real: Engine;
let h: Harness;
/** When set, the engine throws this instead of answering. */
let failWith: Error | null = null;

beforeAll(async () => {
  real = await realEngine();
  const engine: Engine = {
    ...real,
    ask: (question, options) => {
      if (failWith) throw failWith;
      return real.ask(question, options);
    },
  };
  h = await startHarness(engine);
});

afterAll(async () => {
  await h?.stop();
});

/** Every file of a folder under src/, recursively. */
function sources(dir: string): string[] {
  return readdirSync(join(ROOT, 'src', dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => join(e.parentPath, e.name));
}

describe('members’ text is never code, a pattern or a path', () => {
  it('the Discord face and the renderers read no file, build no RegExp, evaluate nothing', () => {
    const files = [...sources('discord'), ...sources('render')];
    expect(files.length).toBeGreaterThan(20);
    const offending = files.flatMap((file) => {
      const text = readFileSync(file, 'utf8');
      return [/from 'node:(fs|path)|from 'fs'|\brequire\(/, /new RegExp\(|\bRegExp\(/, /\beval\(|new Function\(|\bFunction\(|from 'node:vm'/]
        .filter((pattern) => pattern.test(text))
        .map((pattern) => `${relative(ROOT, file)}: ${pattern.source}`);
    });
    expect(offending).toEqual([]);
  });

  it('nowhere in the source is anything evaluated, and RegExps are built only from constants', () => {
    const built = sources('').flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .filter((l) => /new RegExp\(|\beval\(|new Function\(/.test(l))
        .map((line) => ({ file: relative(ROOT, file), line })),
    );
    expect(built.some((b) => /\beval\(|new Function\(/.test(b.line))).toBe(false);
    // Each RegExp is built from the file's own CONSTANT word lists (agencies, months, weekdays), never
    // from a variable that could hold a file's or a member's text. A new one needs that review.
    expect([...new Set(built.map((b) => b.file))]).toEqual(['src/corpus/furniture.ts']);
    for (const { line } of built) {
      const args = line.slice(line.indexOf('new RegExp(') + 'new RegExp('.length);
      const names = [...args.matchAll(/\$\{\s*([A-Za-z_$][\w$]*)/g)].map((m) => m[1]);
      if (!args.startsWith('`')) names.push(/^[A-Za-z_$][\w$]*/.exec(args)?.[0]);
      expect(names.length, line).toBeGreaterThan(0);
      for (const name of names) expect(name, line).toMatch(/^[A-Z][A-Z_]*$/);
    }
  });

  it('strips the bot’s own mentions by comparing ids, leaving everything else as typed', () => {
    const text = '<@111> (a+)+$ <@!111> [x <@222> <@&333> <@&444> .* \\d <@1111>';
    expect(stripBotMention(text, '111', '333')).toBe('  (a+)+$   [x <@222>   <@&444> .* \\d <@1111>');
    expect(stripBotMention(text, '111')).toBe('  (a+)+$   [x <@222> <@&333> <@&444> .* \\d <@1111>');
  });

  it('answers a mention full of pattern syntax and paths as an ordinary question', async () => {
    const question = '../../etc/passwd (a+)+$ [ \\d{99999} ${process.exit()} how many turkish soldiers were killed';
    const sent = h.server.injectMessage(`<@${h.server.botUser.id}> ${question}`);
    const reply = await h.server.waitForRequest((r) => r.path === `/channels/${sent.channelId}/messages` && messageOf(r).message_reference?.message_id === sent.id, 'the reply');
    expect(reply.status).toBe(200);
    // What the engine says of that text, word for word: answered or not, nothing else happened to it.
    const expected = real.ask(question, { top: 9 });
    expect(embedOf(reply).description?.startsWith('> ')).toBe(expected.answered);
    expect(h.bot.context.stats.snapshot().errors).toBe(0);
  });
});

describe('secrets', () => {
  it('redacts interaction tokens and webhook paths from any log line', () => {
    const line = 'PATCH /webhooks/123456789012345678/aW50ZXJhY3Rpb246MTIzOmFiYw-_x/messages/@original [REST 123/aW50ZXJhY3Rpb246ZGVm] /interactions/1/tok.en-1/callback';
    const out = redact(line, []);
    expect(out).not.toMatch(/aW50ZXJhY3Rpb24|tok\.en-1/);
    expect(out).toBe(`PATCH /webhooks/123456789012345678/${REDACTED}/messages/@original [REST 123/${REDACTED}] /interactions/1/${REDACTED}/callback`);
  });

  it('an error that carries the token is logged redacted, and the member gets an apology without it', async () => {
    failWith = new Error(`engine failed while holding ${h.token} (and ${h.token.toUpperCase()})`);
    try {
      const i = h.server.injectCommand('ask', { question: 'How many people have been displaced?' });
      const apology = await h.server.originalEdit(i);
      const content = messageOf(apology).content ?? '';
      expect(content).toMatch(/^Sorry, something went wrong.*error id `([0-9a-f]{8})`/);
      const id = /error id `([0-9a-f]{8})`/.exec(content)?.[1] ?? '∅';
      const logged = h.logs.find((l) => l.includes(`[error ${id}]`)) ?? '';
      expect(logged).toContain(`engine failed while holding ${REDACTED}`);
      expect(logged).not.toContain(h.token);
      expect(content).not.toContain(h.token);
    } finally {
      failWith = null;
    }
  });

  it('after asking, paging, autocomplete, a mention and a DM at debug level: no token in any log line or request', async () => {
    const { interaction, edit } = await ask(h, 'How many people have been displaced by the offensive on Idlib?');
    const next = buttons(messageOf(edit)).find((b) => b.label === 'More sources');
    const shown = h.server.originalMessage(interaction);
    expect(next && shown).toBeTruthy();
    if (next && shown) await h.server.callback(h.server.injectButton(next.custom_id, shown, { user: interaction.user }));
    await h.server.callback(h.server.injectAutocomplete('ask', { question: 'how many' }, 'question'));
    const dm = h.server.injectMessage('How many Turkish soldiers have been killed?', { dm: true });
    await h.server.waitForRequest((r) => r.path === `/channels/${dm.channelId}/messages` && r.status === 200, 'the DM reply');

    const interactionTokens = new Set(h.server.requests.map((r) => /^\/(?:interactions|webhooks)\/\d+\/([^/]+)/.exec(r.path)?.[1]).filter((t): t is string => !!t));
    expect(interactionTokens.size).toBeGreaterThan(3);
    expect(h.logs.some((l) => l.startsWith('debug discord.js:'))).toBe(true);
    for (const line of h.logs) {
      expect(line).not.toContain(h.token);
      for (const t of interactionTokens) expect(line).not.toContain(t);
    }
    for (const r of h.server.requests) {
      expect(`${r.path} ${JSON.stringify(r.query)} ${JSON.stringify(r.body)}`).not.toContain(h.token);
    }
    expectCleanTraffic(h.server);
  });
});
