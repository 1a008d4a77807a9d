import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Spawned CLIs and the loopback Discord each take a core; two files at a time fits a 2-core machine.
    maxWorkers: 2,
    // The burst test measures memory after garbage collection: workers get global.gc (nothing else changes).
    execArgv: ['--expose-gc'],
  },
});
