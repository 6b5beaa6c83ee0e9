import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Tests that kill processes and fsync real files take seconds, not milliseconds.
    testTimeout: 120_000,
    hookTimeout: 60_000,
    // Two cores: run files two at a time so crash and concurrency tests are not starved.
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
    // A page driven in Chromium on a loaded 2-core machine can take seconds to reach a state: polls wait up to 15 s (default 1 s).
    expect: { poll: { timeout: 15_000 } },
  },
});
