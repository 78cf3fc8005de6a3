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
          setupFiles: ['test/setup-fast-check.ts'],
          testTimeout: 30_000,
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
          fileParallelism: false,
        },
      },
    ],
  },
});
