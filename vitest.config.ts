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
          // Two files at a time, on both cores: one file alone leaves the second core idle much of
          // the time (it waits on one page load, one axe run, one training run). With it, and two
          // pages at a time inside site-pages and bad-input's corrupted-storage walk, the e2e project
          // took 439 s in an order like a fresh clone's (no timing cache: vitest starts the largest
          // files first) and 462 s in the cached order, against 625 s one file at a time before
          // (2026-12-07, quiet 2-core machine). The doubled load is also a test of the suite: a test
          // that reads a page before it has settled fails under it (two were found; both now wait
          // for the state they need).
          fileParallelism: true,
          maxWorkers: 2,
          // Inside a file, tests marked concurrent (site-pages' walk of every route) run two at a time:
          // one page's checks keep one renderer on one core busy
          maxConcurrency: 2,
        },
      },
    ],
  },
});
