// The code-cell worker's two scripts (src/notebook/sandbox/bundle-plugin.mjs): URLs in a build, texts in dev.
declare module 'virtual:cell-worker-bundle' {
  export const workerBundle: { core?: string; charts?: string; coreText?: string; chartsText?: string };
}
