import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, tempDir } from '../helpers.js';

const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');

function run(script: string, args: string[], input?: string) {
  const r = spawnSync(TSX, [join(ROOT, 'src', 'cli', script), ...args], {
    cwd: ROOT,
    input,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', DISCORD_TOKEN: '' },
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface AnswerJson {
  question: string;
  topic: string | null;
  topicConfidence: number;
  answered: boolean;
  quotes: Array<{ text: string; score: number; sources: Array<{ id: string; outlet: string; title: string; date: string | null; url: string | null }> }>;
  message: string;
}

function expectContract(a: AnswerJson): void {
  expect(typeof a.question).toBe('string');
  expect(a.topic === null || typeof a.topic === 'string').toBe(true);
  expect(typeof a.topicConfidence).toBe('number');
  expect(typeof a.answered).toBe('boolean');
  expect(typeof a.message).toBe('string');
  expect(Array.isArray(a.quotes)).toBe(true);
  if (!a.answered) expect(a.quotes).toEqual([]);
  for (const q of a.quotes) {
    expect(typeof q.text).toBe('string');
    expect(typeof q.score).toBe('number');
    for (const s of q.sources) {
      expect(Object.keys(s)).toEqual(expect.arrayContaining(['id', 'outlet', 'title', 'date', 'url']));
      expect(s.date === null || /^\d{4}-\d{2}-\d{2}$/.test(s.date)).toBe(true);
    }
  }
}

describe('npm run ask', () => {
  it('prints one answer as JSON with --json', () => {
    const r = run('ask.ts', ['--json', '--top', '2', 'how many turkish soldiers were killed']);
    expect(r.code).toBe(0);
    const a = JSON.parse(r.stdout) as AnswerJson;
    expectContract(a);
    expect(a.answered).toBe(true);
    expect(a.quotes.length).toBe(2);
    expect(a.topic).toBe('casualties');
  });

  it('reads questions from standard input, one JSON line each, in order, blank lines abstaining', () => {
    const questions = ['who did cavusoglu meet in munich', '', 'what is the capital of France?', 'how many people were displaced'];
    const r = run('ask.ts', [], `${questions.join('\n')}\n`);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(questions.length);
    const answers = lines.map((l) => JSON.parse(l) as AnswerJson);
    answers.forEach((a, i) => {
      expectContract(a);
      expect(a.question).toBe(questions[i]);
    });
    expect(answers.map((a) => a.answered)).toEqual([true, false, false, true]);
  });

  it('prints a readable answer with numbered citations and the topic', () => {
    const r = run('ask.ts', ['how many people were displaced']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/displacement \(\d\.\d\d\)/);
    expect(r.stdout).toMatch(/\[1\]/);
    expect(r.stdout).toMatch(/Sources\n\s+\[1\] .+ — .+\(/);
    expect(r.stdout).not.toMatch(/\u001b\[/);
  });

  it('with an empty intents folder, names no topic; --no-abstain ranks anyway', () => {
    const t = tempDir();
    try {
      const r = run('ask.ts', ['--json', '--intents', t.dir, '--no-abstain', 'what is the capital of France?']);
      expect(r.code).toBe(0);
      const a = JSON.parse(r.stdout) as AnswerJson;
      expect(a.topic).toBeNull();
      expect(a.quotes.length).toBeGreaterThan(0);
    } finally {
      t.cleanup();
    }
  });

  it('says what is wrong, on standard error, for a bad flag or a missing corpus', () => {
    const bad = run('ask.ts', ['--top', 'lots', 'q']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--top/);
    expect(bad.stdout).toBe('');
    const missing = run('ask.ts', ['--corpus', '/nonexistent/folder', 'q']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/does not exist/);
    expect(missing.stdout).toBe('');
  });
});

describe('npm run repl', () => {
  it('answers piped questions plainly and runs its commands', () => {
    const r = run('repl.ts', [], '.help\nwho did cavusoglu meet in munich\n.sources\n.explain\nhow many turkish soldiers were killed\n.json\nhow many people were displaced\n.topics\n.nonsense\n.exit\nnever asked\n');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/\.topics +the topics/);
    expect(r.stdout).toMatch(/diplomacy \(\d\.\d\d\)/);
    expect(r.stdout).toMatch(/\[5\] .+/);
    expect(r.stdout).toMatch(/score [\d.]+ = match/);
    expect(r.stdout).toMatch(/"topic": "displacement"/);
    expect(r.stdout).toMatch(/casualties: /);
    expect(r.stdout).toMatch(/Unknown command \.nonsense/);
    expect(r.stdout).not.toMatch(/never asked/);
    expect(r.stdout).not.toMatch(/\u001b\[/);
  });

  it('leaves cleanly at the end of input', () => {
    const r = run('repl.ts', [], 'how many people were displaced');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/displac/);
  });
});
