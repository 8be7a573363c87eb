import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Builds share one Shiki warm-up cost per file; two forks match our 2-core machines.
    pool: 'forks',
    maxWorkers: 2,
  },
});
