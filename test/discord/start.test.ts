/**
 * `npm start` with DISCORD_TOKEN set, as a separate process against the loopback Discord: it logs in
 * with the real engine, answers, and shuts down cleanly (exit code 0) on SIGTERM and on SIGINT, with the
 * token in none of its output.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { spawnScript, tempDir } from '../helpers.js';
import { makeToken } from './harness.js';
import { LoopbackDiscord } from './loopback.js';

const temp = tempDir();
const servers: LoopbackDiscord[] = [];

afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
  temp.cleanup();
});

/** Runs src/cli/start.ts as `npm start` does until `signal`; resolves with its exit and output. */
async function runUntil(signal: NodeJS.Signals): Promise<{ code: number | null; output: string; server: LoopbackDiscord; token: string }> {
  const token = makeToken();
  const server = await LoopbackDiscord.start({ token });
  servers.push(server);
  // From an empty folder, so that no developer's .env is read.
  const child = spawnScript('start.ts', {
    cwd: temp.dir,
    env: { PATH: process.env.PATH ?? '', HOME: temp.dir, DISCORD_TOKEN: token, DISCORD_API_URL: server.apiUrl, LOG_LEVEL: 'debug' },
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  try {
    await server.until(() => (/Logged in as/.test(output) ? true : undefined), 'the bot to log in', 20_000);
    // It answers like the in-process bot.
    const i = server.injectCommand('ask', { question: 'How many Turkish soldiers have been killed in Idlib?' });
    await server.originalEdit(i);
    child.kill(signal);
    const code = await Promise.race([exited, new Promise<null>((_, reject) => setTimeout(() => reject(new Error(`no exit after ${signal}:\n${output}`)), 15_000).unref())]);
    return { code, output, server, token };
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
  }
}

describe('npm start with DISCORD_TOKEN', () => {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`runs the bot and shuts down cleanly on ${signal}`, async () => {
      const { code, output, server, token } = await runUntil(signal);
      // Each check carries the process's output, so that a failure under load says what happened.
      expect(code, output).toBe(0);
      expect(output, output).toContain(`${signal} received: shutting down`);
      expect(output, output).toContain('Disconnected from Discord');
      expect(output.includes(token), 'the token appeared in the output').toBe(false);
      expect(output, output).not.toMatch(/reconnecting/);
      // It closed its gateway connection: the server has no open socket left.
      await server.until(() => (server.connected ? undefined : true), 'the gateway socket to close');
    });
  }
});
