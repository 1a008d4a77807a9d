/**
 * Load progress on a terminal: "Loading articles 1,200/2,225", then "Indexing 40,959 sentences…", on one
 * line of standard error that is rewritten in place and cleared when the engine is ready.
 *
 * Quiet unless the stream is a terminal (piped output stays clean) and until the load has taken `delayMs`
 * (a quick start shows nothing). Progress is drawn when the engine reports it; a step that reports nothing
 * (building the index) shows the last line drawn.
 *
 * The CLI faces create their engine with `createEngineWithProgress`; the engine itself only reports.
 */
import { createEngine } from '../answer/engine.js';
import type { Engine, EngineOptions, LoadProgress } from '../answer/types.js';

export interface ProgressOptions {
  /** Nothing is drawn before the load has taken this long, in milliseconds (default 1000). */
  delayMs?: number;
  /** At most one redraw per this many milliseconds, except when the stage changes (default 100). */
  intervalMs?: number;
  /** The clock in milliseconds (default `Date.now`; tests pass their own). */
  now?: () => number;
}

/** Where progress is drawn: standard error, or a stand-in in tests. */
export interface ProgressStream {
  isTTY?: boolean;
  write(text: string): boolean;
}

export interface ProgressDisplay {
  /** Pass as the engine's `onProgress`. */
  onProgress: (progress: LoadProgress) => void;
  /** Clear the line if anything was drawn (call when the load ends, also when it fails). */
  finish(): void;
}

const CLEAR_LINE = '\r\u001b[2K';
const count = (n: number) => n.toLocaleString('en-US');

/** The line shown for a progress report. */
export function progressLine(p: LoadProgress): string {
  return p.stage === 'articles' ? `Loading articles ${count(p.done)}/${count(p.total)}` : `Indexing ${count(p.total)} sentences…`;
}

/** A progress display on `stream` (standard error by default); the delay runs from now, and anew from each later load's start. */
export function progressDisplay(stream: ProgressStream = process.stderr, options: ProgressOptions = {}): ProgressDisplay {
  const now = options.now ?? Date.now;
  const delay = options.delayMs ?? 1000;
  const interval = options.intervalMs ?? 100;
  let started = now();
  let drawn = false;
  let lastDraw = -Infinity;
  let lastStage: LoadProgress['stage'] | null = null;

  function finish(): void {
    if (drawn) stream.write(CLEAR_LINE);
    drawn = false;
  }

  function onProgress(p: LoadProgress): void {
    if (stream.isTTY !== true) return;
    if (p.stage === 'index' && p.done >= p.total) {
      finish();
      return;
    }
    const t = now();
    if (p.stage === 'articles' && p.done === 0) {
      // A new load (a reload, in a long-running face) starts its own delay.
      finish();
      started = t;
      lastStage = null;
    }
    const stageChanged = p.stage !== lastStage;
    lastStage = p.stage;
    if (t - started < delay) return;
    if (!stageChanged && t - lastDraw < interval && p.done < p.total) return;
    stream.write(`${CLEAR_LINE}${progressLine(p)}`);
    drawn = true;
    lastDraw = t;
  }

  return { onProgress, finish };
}

/**
 * createEngine, showing progress on `stream` (standard error by default) while it loads and on every later
 * reload; the line is cleared when each load ends, whether it succeeded or not.
 */
export async function createEngineWithProgress(
  options: EngineOptions,
  stream: ProgressStream = process.stderr,
  progressOptions: ProgressOptions = {},
): Promise<Engine> {
  const display = progressDisplay(stream, progressOptions);
  let engine: Engine;
  try {
    engine = await createEngine({ ...options, onProgress: display.onProgress });
  } finally {
    display.finish();
  }
  const reload = engine.reload;
  return {
    ...engine,
    async reload() {
      try {
        return await reload();
      } finally {
        display.finish();
      }
    },
  };
}
