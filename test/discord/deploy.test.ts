/**
 * Registering the slash commands against the loopback Discord: to one server when DISCORD_GUILD_ID is
 * set, globally otherwise; idempotent (a bulk overwrite); moderators' commands hidden from members by
 * default. Also `npm run deploy-commands` itself, as a new user would run it.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { PermissionFlagsBits } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDiscordConfig } from '../../src/discord/config.js';
import { deployCommands } from '../../src/discord/deploy.js';
import { ROOT, tempDir } from '../helpers.js';
import { makeToken } from './harness.js';
import { LoopbackDiscord } from './loopback.js';

const token = makeToken();
let server: LoopbackDiscord;
const temp = tempDir();

beforeAll(async () => {
  server = await LoopbackDiscord.start({ token });
});

afterAll(async () => {
  await server.close();
  temp.cleanup();
});

interface CommandBody {
  name: string;
  description: string;
  default_member_permissions?: string | null;
  contexts?: number[];
  options?: { name: string; type: number; required?: boolean; autocomplete?: boolean; max_length?: number }[];
}

/**
 * Runs `tsx src/cli/deploy-commands.ts` (what `npm run deploy-commands` runs) from an empty folder, so
 * that no developer's .env is read. Asynchronously: the loopback server answers from this process.
 */
function deployCli(env: Record<string, string>): Promise<{ status: number; stdout: string; stderr: string }> {
  const tsx = join(ROOT, 'node_modules', '.bin', 'tsx');
  const script = join(ROOT, 'src', 'cli', 'deploy-commands.ts');
  return new Promise((resolve) => {
    execFile(tsx, [script], { cwd: temp.dir, env, encoding: 'utf8', timeout: 20_000 }, (error, stdout, stderr) => {
      resolve({ status: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
    });
  });
}

describe('deploy-commands', () => {
  it('registers the seven commands in the guild, and the same again on a second run', async () => {
    const config = loadDiscordConfig({ DISCORD_TOKEN: token, DISCORD_API_URL: server.apiUrl, DISCORD_APP_ID: server.appId, DISCORD_GUILD_ID: server.guildId });
    const first = await deployCommands(config);
    const second = await deployCommands(config);
    expect(first).toEqual({ scope: 'guild', appId: server.appId, guildId: server.guildId, commands: ['ask', 'topics', 'sources', 'help', 'reload', 'stats', 'gaps'] });
    expect(second.commands).toEqual(first.commands);

    const puts = server.requests.filter((r) => r.method === 'PUT');
    expect(puts.map((r) => r.path)).toEqual([1, 2].map(() => `/applications/${server.appId}/guilds/${server.guildId}/commands`));
    expect(puts[1]?.body).toEqual(puts[0]?.body);
    expect(puts.every((r) => r.authorized && r.status === 200)).toBe(true);

    const body = puts[0]?.body as CommandBody[];
    const byName = new Map(body.map((c) => [c.name, c]));
    // Moderators' commands: hidden from members (Manage Server) and only in servers.
    for (const name of ['reload', 'stats', 'gaps']) {
      expect(byName.get(name)?.default_member_permissions).toBe(PermissionFlagsBits.ManageGuild.toString());
      expect(byName.get(name)?.contexts).toEqual([0]);
    }
    for (const name of ['ask', 'topics', 'sources', 'help']) {
      expect(byName.get(name)?.default_member_permissions ?? null).toBeNull();
      expect(byName.get(name)?.contexts).toEqual([0, 1]);
    }
    const options = byName.get('ask')?.options ?? [];
    expect(options.map((o) => [o.name, o.type, o.required ?? false])).toEqual([
      ['question', 3, true],
      ['private', 5, false],
    ]);
    expect(options[0]?.autocomplete).toBe(true);
    for (const c of body) expect(c.description.length).toBeLessThanOrEqual(100);
  });

  it('registers globally without DISCORD_GUILD_ID, asking Discord for the application id when unset', async () => {
    const from = server.requests.length;
    const result = await deployCommands(loadDiscordConfig({ DISCORD_TOKEN: token, DISCORD_API_URL: server.apiUrl }));
    expect(result.scope).toBe('global');
    expect(result.appId).toBe(server.appId);
    const made = server.requests.slice(from).map((r) => `${r.method} ${r.path}`);
    expect(made).toEqual(['GET /applications/@me', `PUT /applications/${server.appId}/commands`]);
  });

  it('removes the commands with clear', async () => {
    const config = loadDiscordConfig({ DISCORD_TOKEN: token, DISCORD_API_URL: server.apiUrl, DISCORD_GUILD_ID: server.guildId });
    const result = await deployCommands(config, { clear: true });
    expect(result.commands).toEqual([]);
    expect(server.requests.at(-1)).toMatchObject({ method: 'PUT', path: `/applications/${server.appId}/guilds/${server.guildId}/commands`, body: [], status: 200 });
  });

  it('`npm run deploy-commands` reports what it registered, and explains a missing or wrong token', async () => {
    const env = { PATH: process.env.PATH ?? '', HOME: temp.dir };
    const ok = await deployCli({ ...env, DISCORD_TOKEN: token, DISCORD_API_URL: server.apiUrl, DISCORD_GUILD_ID: server.guildId });
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain(`Registered 7 commands in server ${server.guildId}`);
    expect(ok.stdout + ok.stderr).not.toContain(token);

    const missing = await deployCli(env);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('DISCORD_TOKEN is not set');
    expect(missing.stderr).not.toMatch(/\n\s+at /);

    const wrong = await deployCli({ ...env, DISCORD_TOKEN: makeToken(), DISCORD_API_URL: server.apiUrl, DISCORD_GUILD_ID: server.guildId });
    expect(wrong.status).toBe(1);
    expect(wrong.stderr).toMatch(/HTTP 401.*Check DISCORD_TOKEN/);
  });
});
