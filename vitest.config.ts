import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Tests that kill processes and fsync real files take seconds, not milliseconds.
    testTimeout: 120_000,
    hookTimeout: 60_000,
    // Two cores: run files two at a time so crash and concurrency tests are not starved.
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
  },
});
