// The code-cell worker's three scripts (src/notebook/sandbox/bundle-plugin.mjs): URLs in a build, texts in dev.
declare module 'virtual:cell-worker-bundle' {
  export const workerBundle: { core?: string; charts?: string; dom?: string; coreText?: string; chartsText?: string; domText?: string };
}
