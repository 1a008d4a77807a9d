/**
 * The store failing never stops the bot: with a corrupt database file, a read-only one, a folder that
 * cannot be made, or a write that fails later, the bot still answers, logs one clear line, and `/stats`,
 * `/gaps` and the feedback buttons say the store is unavailable.
 */
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/answer/types.js';
import { Store } from '../../src/store/store.js';
import { spawnScript, tempDir } from '../helpers.js';
import { ask, buttons, embedOf, makeToken, messageOf, realEngine, startHarness } from './harness.js';
import type { Harness } from './harness.js';
import { LoopbackDiscord } from './loopback.js';

const temp = tempDir();
let engine: Engine;
const servers: LoopbackDiscord[] = [];

beforeAll(async () => {
  engine = await realEngine();
});

afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
  temp.cleanup();
});

const unavailableLines = (logs: readonly string[]): string[] => logs.filter((l) => /Store unavailable/.test(l));

/** What holds while the store is unavailable: answers, a private "cannot record", /stats and /gaps saying so. */
async function expectAnsweringWithoutStore(h: Harness): Promise<void> {
  const { edit, embed, interaction } = await ask(h, 'How many people have been displaced by the offensive on Idlib?', { user: 'member' });
  expect(embed.description).toMatch(/^> /);
  const up = buttons(messageOf(edit)).find((b) => b.custom_id.endsWith(':up'));
  const press = h.server.injectButton(up?.custom_id ?? '', h.server.originalMessage(interaction) ?? {}, { user: 'member' });
  expect(messageOf(await h.server.callback(press)).content).toMatch(/can't record feedback right now/);

  // Small talk is no question, in this process's figures as in the store's.
  expect((await ask(h, 'thanks!', { user: 'member' })).embed.description).toMatch(/welcome/i);

  const stats = embedOf(await h.server.callback(h.server.injectCommand('stats', {}, { moderator: true })));
  expect(stats.title).toBe('Bot statistics (since start: store unavailable)');
  expect(stats.description).toMatch(/store is unavailable.*only this process since it started/);
  // Every question asked here was answered: the small talk is not among them as an unanswered one.
  expect(stats.fields?.find((f) => f.name === 'Questions')?.value).toMatch(/^(\d+) asked · \1 answered/);

  const gaps = h.server.injectCommand('gaps', {}, { moderator: true });
  await h.server.callback(gaps);
  expect(messageOf(await h.server.originalEdit(gaps)).content).toMatch(/^The store is unavailable/);
}

describe('a database that cannot be opened', () => {
  const cases: [string, () => string][] = [
    [
      'a corrupt file',
      () => {
        const path = join(temp.dir, 'corrupt.db');
        writeFileSync(path, Buffer.concat([Buffer.from('SQLite format 3\0'), Buffer.alloc(4096, 0x5a)]));
        return path;
      },
    ],
    [
      'a folder that cannot be made (a file is in the way)',
      () => {
        writeFileSync(join(temp.dir, 'not-a-folder'), 'x');
        return join(temp.dir, 'not-a-folder', 'bot.db');
      },
    ],
  ];
  for (const [what, make] of cases) {
    it(`${what}: the bot answers, logs one clear line, and says so where the figures would be`, async () => {
      const path = make();
      const h = await startHarness(engine, { DATABASE_PATH: path });
      try {
        const lines = unavailableLines(h.logs);
        expect(lines).toHaveLength(1);
        expect(lines[0]).toMatch(/^error Store unavailable, answering without recording .*: cannot use the database /);
        expect(lines[0]).toContain(path);
        await expectAnsweringWithoutStore(h);
        expect(unavailableLines(h.logs)).toHaveLength(1);
      } finally {
        await h.stop();
      }
    });
  }
});

describe('a write that fails later', () => {
  it('gives up the store after one log line and keeps answering', async () => {
    const path = join(temp.dir, 'damaged.db');
    const h = await startHarness(engine, { DATABASE_PATH: path });
    try {
      await ask(h, 'Is there a ceasefire in Idlib?');
      expect(unavailableLines(h.logs)).toEqual([]);
      // Someone damages the schema under the running bot.
      const db = new Sqlite(path);
      db.exec('DROP TABLE votes; DROP TABLE asks');
      db.close();
      await expectAnsweringWithoutStore(h);
      const lines = unavailableLines(h.logs);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/Store unavailable from now on, answering without recording: recording a question failed: no such table: asks/);
    } finally {
      await h.stop();
    }
  });
});

describe('a read-only database file', () => {
  it('the bot answers, logs one clear line, and /stats says the store is unavailable', async () => {
    // A store with some history, then made read-only: the file, and the folder (no journal can be made).
    const folder = join(temp.dir, 'readonly');
    mkdirSync(folder);
    const path = join(folder, 'bot.db');
    const store = Store.open({ databasePath: path, retentionDays: 90, feedbackSalt: null });
    store.close();
    chmodSync(path, 0o444);
    chmodSync(folder, 0o555);
    chmodSync(temp.dir, 0o755);

    const token = makeToken();
    const server = await LoopbackDiscord.start({ token });
    servers.push(server);
    // Root ignores file modes: run the bot as an unprivileged user then, as a real deployment would.
    const asRoot = process.getuid?.() === 0;
    const child = spawnScript('start.ts', {
      cwd: temp.dir,
      env: { PATH: process.env.PATH ?? '', HOME: temp.dir, DISCORD_TOKEN: token, DISCORD_API_URL: server.apiUrl, DATABASE_PATH: path },
      ...(asRoot ? { uid: 65534, gid: 65534 } : {}),
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      await server.until(() => (/Logged in as/.test(output) ? true : undefined), 'the bot to log in', 30_000).catch((e: unknown) => {
        throw new Error(`${e instanceof Error ? e.message : String(e)}\n${output}`);
      });
      const lines = output.split('\n').filter((l) => /Store unavailable/.test(l));
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/cannot use the database .*bot\.db: attempt to write a readonly database/);

      const i = server.injectCommand('ask', { question: 'How many Turkish soldiers have been killed in Idlib?' });
      expect(embedOf(await server.originalEdit(i)).description).toMatch(/^> /);
      // Recorded (in memory) just after it was sent, then logged.
      await server.until(() => (/\/ask: answered/.test(output) ? true : undefined), 'the bot to record the answer');
      const stats = embedOf(await server.callback(server.injectCommand('stats', {}, { moderator: true })));
      expect(stats.title).toBe('Bot statistics (since start: store unavailable)');
      // Every question asked here was answered: the small talk is not among them as an unanswered one.
  expect(stats.fields?.find((f) => f.name === 'Questions')?.value).toMatch(/^(\d+) asked · \1 answered/);
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      chmodSync(folder, 0o755);
    }
  }, 60_000);
});
