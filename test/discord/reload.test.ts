/**
 * `/reload` under faults, and the moderator check, against the loopback Discord with the real bot and
 * engine on a copy of seeds/ and intents/: a reload that fails (the corpus folder gone, every article
 * broken, the intents folder gone) says why, names the files, and the bot answers the same question the
 * same way before and after. The moderator commands are refused to members in the handler itself,
 * whatever Discord shows them: the engine is never asked to reload.
 */
import { cpSync, readFileSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PermissionFlagsBits } from 'discord.js';
import type { APIEmbed } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../src/answer/engine.js';
import type { Engine } from '../../src/answer/types.js';
import { INTENTS, SEEDS, tempDir } from '../helpers.js';
import { ask, callbackType, embedOf, embedText, expectCleanTraffic, messageOf, startHarness } from './harness.js';
import type { Harness } from './harness.js';
import type { Actor } from './loopback.js';

const EPHEMERAL = 64;
const QUESTION = 'How many Turkish soldiers have been killed in Idlib?';
const temp = tempDir();
const corpusDir = join(temp.dir, 'seeds');
const intentsDir = join(temp.dir, 'intents');
let engine: Engine;
let reloads = 0;
let h: Harness;
let before: APIEmbed;

beforeAll(async () => {
  cpSync(SEEDS, corpusDir, { recursive: true });
  cpSync(INTENTS, intentsDir, { recursive: true });
  const real = await createEngine({ corpusDir, intentsDir });
  // The real engine, counting the reloads it is asked for.
  engine = {
    ...real,
    reload: () => {
      reloads += 1;
      return real.reload();
    },
  };
  h = await startHarness(engine);
  before = (await ask(h, QUESTION)).embed;
  expect(before.description).toMatch(/^> /);
});

afterAll(async () => {
  await h?.stop();
  temp.cleanup();
});

/** Runs /reload as a moderator and returns the report embed. */
async function reload(): Promise<APIEmbed> {
  const i = h.server.injectCommand('reload', {}, { moderator: true });
  expect(callbackType(await h.server.callback(i))).toBe(5);
  return embedOf(await h.server.originalEdit(i));
}

/** The answer to QUESTION is the one given before any reload: the same quotes, sources and topic. */
async function sameAnswerAsBefore(): Promise<void> {
  const { embed } = await ask(h, QUESTION);
  expect(embed).toEqual(before);
}

const unescape = (s: string): string => s.replace(/\\(.)/g, '$1');

describe('a /reload that fails keeps serving the old index', () => {
  it('when the corpus folder is gone: says so, names the folder, answers as before', async () => {
    await sameAnswerAsBefore();
    const mark = h.logs.length;
    renameSync(corpusDir, `${corpusDir}-gone`);
    try {
      const embed = await reload();
      expect(embed.title).toBe('Reload failed');
      expect(unescape(embed.description ?? '')).toBe(
        `The reload failed, so I kept the previous articles and topics. The corpus folder ${corpusDir} does not exist. The previous articles are still being served.`,
      );
      expect(unescape(embedText(embed))).toContain(`**${corpusDir}**: does not exist`);
      await sameAnswerAsBefore();
    } finally {
      renameSync(`${corpusDir}-gone`, corpusDir);
    }
    expect(h.logs.slice(mark).filter((l) => /^(warn|error)/.test(l))).toEqual([
      expect.stringMatching(/^warn \/reload by \d+: failed \(The corpus folder .* does not exist\. .*\), 5 articles/),
    ]);
  });

  it('when every article is broken: names each file and what is wrong, answers as before', async () => {
    const files = readdirSync(corpusDir);
    const saved = new Map(files.map((f) => [f, readFileSync(join(corpusDir, f))]));
    files.forEach((f, n) => writeFileSync(join(corpusDir, f), n % 2 === 0 ? '' : Buffer.from([0x89, 0x50, 0x4e, 0x47, 0])));
    try {
      const embed = await reload();
      expect(embed.title).toBe('Reload failed');
      const problems = unescape(embed.fields?.find((f) => f.name.startsWith('Problems'))?.value ?? '');
      expect(embed.fields?.find((f) => f.name.startsWith('Problems'))?.name).toBe(`Problems (${files.length})`);
      files.forEach((f, n) => expect(problems).toContain(`**${f}**: ${n % 2 === 0 ? 'is empty' : 'is not text'}`));
      await sameAnswerAsBefore();
    } finally {
      for (const [f, bytes] of saved) writeFileSync(join(corpusDir, f), bytes);
    }
  });

  it('when the intents folder is gone: says so, answers as before', async () => {
    renameSync(intentsDir, `${intentsDir}-gone`);
    try {
      const embed = await reload();
      expect(embed.title).toBe('Reload failed');
      expect(unescape(embed.description ?? '')).toContain(`The intents folder ${intentsDir} does not exist.`);
      await sameAnswerAsBefore();
    } finally {
      renameSync(`${intentsDir}-gone`, intentsDir);
    }
  });

  it('and once mended, reloads: nothing changed, the same answer', async () => {
    const embed = await reload();
    expect(embed.title).toBe('Reloaded');
    expect(embed.description).toMatch(/Nothing changed\.$/);
    await sameAnswerAsBefore();
    expect(reloads).toBe(4);
  });
});

describe('moderator commands, invoked directly by someone who may not', () => {
  const notModerators: [string, Actor][] = [
    ['a member', { moderator: false }],
    ['a member with Manage Messages, Kick and Ban but not Manage Server', {
      permissions: PermissionFlagsBits.ViewChannel | PermissionFlagsBits.SendMessages | PermissionFlagsBits.ManageMessages | PermissionFlagsBits.KickMembers | PermissionFlagsBits.BanMembers,
    }],
    ['a member with no permissions at all', { permissions: 0n }],
    ['someone in a DM', { dm: true }],
  ];

  it.each(notModerators)('/reload and /stats are refused privately to %s, and nothing is reloaded', async (_who, actor) => {
    const count = reloads;
    for (const command of ['reload', 'stats']) {
      const i = h.server.injectCommand(command, {}, actor);
      const callback = await h.server.callback(i);
      expect(callbackType(callback)).toBe(4);
      expect((messageOf(callback).flags ?? 0) & EPHEMERAL).toBe(EPHEMERAL);
      expect(messageOf(callback).content).toMatch(new RegExp(`^\`/${command}\` is for moderators \\(Manage Server permission\\)\\.`));
      expect(messageOf(callback).embeds ?? []).toEqual([]);
    }
    expect(reloads).toBe(count);
  });

  it('an administrator may (Administrator implies Manage Server)', async () => {
    const count = reloads;
    const i = h.server.injectCommand('reload', {}, { permissions: PermissionFlagsBits.Administrator });
    expect(embedOf(await h.server.originalEdit(i)).title).toBe('Reloaded');
    expect(reloads).toBe(count + 1);
  });

  it('sent nothing over the limits and mentioned no one, in any message of this file', () => {
    expectCleanTraffic(h.server);
    for (const line of h.logs) expect(line).not.toContain(h.token);
  });
});
