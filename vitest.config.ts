import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Tests that kill processes and fsync real files take seconds, not milliseconds.
    testTimeout: 120_000,
    hookTimeout: 60_000,
    // Two cores: run files two at a time so crash and concurrency tests are not starved.
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
    // A page driven in Chromium on a loaded 2-core machine can take seconds to reach a state: polls wait up to 15 s (default 1 s).
    expect: { poll: { timeout: 15_000 } },
    setupFiles: ['test/setup/temp-folders.ts'],
    projects: [
      {
        // The core, CLI, server and UI tests share each worker's loaded modules
        // (isolate: false): loading the core again for every file cost about a
        // second of CPU per file. Per-file state lives in the test files and
        // the setup file, not in modules.
        extends: true,
        test: { name: 'core', include: ['test/**/*.test.ts'], exclude: ['test/electron/**'], isolate: false },
      },
      {
        // The shell's tests replace the `electron` module (vi.mock): each file
        // gets its own module graph.
        extends: true,
        test: { name: 'shell', include: ['test/electron/**/*.test.ts'] },
      },
    ],
  },
});
