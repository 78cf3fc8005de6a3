import { defineConfig } from 'vitest/config';

// Two projects: `unit` (engine, registry, exercises, notebook runtime — fast, Node) and `e2e`
// (the built site in Debian's Chromium via playwright-core; `npm run test:e2e` builds first).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
          // budgets.test.ts measures the build, so it runs with the e2e project (after `npm run build`)
          exclude: ['test/e2e/**', 'test/budgets.test.ts', 'node_modules/**'],
          environment: 'node',
          // setup-fast-check caps the shrinking of a failed property at a number of runs, so a wrong
          // kernel fails in seconds (a count, not a clock: a busy machine proves what a quiet one does)
          setupFiles: ['test/setup-fast-check.ts'],
          // compiles the WebAssembly kernels (scripts/build-wasm.mjs) when missing or out of date
          globalSetup: ['test/setup-wasm.ts'],
          // a hang guard only, never a measure: the slowest tests (the MNIST code cell) take ≈ 25 s
          // on a machine loaded by other jobs, so a lower cap would fail a correct suite there
          testTimeout: 30_000,
          hookTimeout: 30_000,
          // both cores (vitest's default leaves one free: 88 s for the unit project on 2 cores, 58 s with 2)
          maxWorkers: 2,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts', 'test/budgets.test.ts'],
          environment: 'node',
          globalSetup: ['test/e2e/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // One file at a time. Two at once took 581 s for what one at a time did in 665 s on a quiet
          // 2-core machine (one file keeps the cores ≈ 1.4 busy), but in a fresh clone (no timing
          // cache, so the longest files started late) 678 s, and the doubled load exposed a race (an
          // address read before the widget wrote it; now polled): not worth a flaky suite.
          fileParallelism: false,
        },
      },
    ],
  },
});
