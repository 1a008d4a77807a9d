/**
 * Run one measurement in a fresh Node process, so that each has its own heap and JIT state: the task is a
 * function exported from bench/worker.ts's task table, its result one JSON line on standard output.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../src/cli/options.js';
import { RUNTIME_FLAGS } from '../../src/cli/runtime-flags.js';

export interface ChildOptions {
  /** Kill the child and fail after this many milliseconds. */
  timeoutMs: number;
  /** V8 heap limit for the child, in MiB (large corpora need more than Node's default). */
  maxOldSpaceMiB?: number;
}

/** Run `task` with `args` in a child process; resolves with its result, rejects with a clear reason. */
export function runTask<T>(task: string, args: unknown, options: ChildOptions): Promise<T> {
  const argv = [
    ...RUNTIME_FLAGS,
    '--expose-gc',
    `--max-old-space-size=${options.maxOldSpaceMiB ?? 8192}`,
    '--import',
    'tsx',
    join(PROJECT_ROOT, 'bench', 'worker.ts'),
    task,
    JSON.stringify(args),
  ];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, argv, { cwd: PROJECT_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr = (stderr + d).slice(-4000)));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, options.timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(new Error(`${task}: could not start a child process (${e.message})`));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (timedOut) return reject(new Error(`${task}: timed out after ${Math.round(options.timeoutMs / 1000)} s (raise --timeout)`));
      if (code !== 0) {
        const tail = stderr.trim().split('\n').slice(-6).join('\n');
        return reject(new Error(`${task}: the child process ${signal ? `was killed by ${signal}` : `exited with code ${code}`}${tail ? `:\n${tail}` : ''}`));
      }
      const last = stdout.trim().split('\n').at(-1) ?? '';
      try {
        resolve(JSON.parse(last) as T);
      } catch {
        reject(new Error(`${task}: the child process printed no result`));
      }
    });
  });
}

/** Wall time of a whole process, from spawn to its first byte on standard output and to its exit. */
export interface ProcessTiming {
  firstOutputMs: number;
  exitMs: number;
}

/** Spawn `command args` and time it; rejects when it fails, prints nothing, or exceeds `timeoutMs`. */
export function timeProcess(command: string, args: readonly string[], timeoutMs: number, env: NodeJS.ProcessEnv = process.env): Promise<ProcessTiming> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    let first: number | null = null;
    let stderr = '';
    const child = spawn(command, args, { cwd: PROJECT_ROOT, stdio: ['ignore', 'pipe', 'pipe'], env });
    child.stdout.on('data', () => {
      first ??= performance.now() - t0;
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr = (stderr + d).slice(-2000)));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(new Error(`${command}: ${e.message}`));
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      const exitMs = performance.now() - t0;
      if (code !== 0) return reject(new Error(`${[command, ...args].join(' ').slice(0, 120)} exited with code ${code}: ${stderr.trim().slice(-500)}`));
      if (first === null) return reject(new Error(`${[command, ...args].join(' ').slice(0, 120)} printed nothing`));
      resolve({ firstOutputMs: first, exitMs });
    });
  });
}
