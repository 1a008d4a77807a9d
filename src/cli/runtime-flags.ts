/**
 * The Node flags the engine's faces run with. package.json's scripts spell them out (npm cannot import
 * them), the bot's shards and the bench's child processes take them from here, and a test keeps the
 * scripts in step with this list.
 *
 * `--max-semi-space-size=32`: young-generation semi-spaces of 32 MB rather than V8's 16. An answer
 * allocates ~165 KB (the seeds: the question's analysis, the candidates, the grouping), so a scavenge
 * (~1.1 ms there, ~3 ms at BBC ×4) fell on about one answer in ninety and set the p99 by itself; with twice
 * the room it falls on half as many. Seeds, 2,700 answers: p99 1.6 ms → 0.7–0.8 ms, p50 unchanged. The cost
 * is up to 32 MB more memory reserved for the young generation; the heap in use after a GC is unchanged.
 * A flag of the process: setting it once the process runs (v8.setFlagsFromString) has no effect.
 */
export const RUNTIME_FLAGS: readonly string[] = ['--max-semi-space-size=32'];

/** The npm scripts that run the engine and so must start node with RUNTIME_FLAGS. */
export const RUNTIME_SCRIPTS: readonly string[] = ['start', 'start:sharded', 'repl', 'ask', 'bench', 'bench:burst'];

/**
 * The `--import` that lets a node process run TypeScript as the npm scripts do: tsx's loader, found from
 * here (not from the working folder, which may be anywhere). For the bot's shards, the bench's burst
 * server and the tests that start a face as a user would.
 */
export function tsxImport(): string[] {
  return ['--import', import.meta.resolve('tsx')];
}
