// Vite plugin: the code-cell worker (src/notebook/worker.ts) as ONE self-contained classic script.
// The sandbox (src/notebook/sandbox.ts) starts the worker from a blob: URL inside an opaque-origin
// iframe, where a module worker could not import other chunks of the site (they would be
// cross-origin CORS requests, and the sandbox's policy allows no request at all). So the worker is
// bundled with esbuild as classic scripts and emitted as two assets (the runtime, and the charts
// part, Plot on linkedom, which the worker evaluates only when a cell draws); the page fetches
// their text and hands it in as one script (sandbox.ts `workerScript`).
// `import { workerBundle } from 'virtual:cell-worker-bundle'` gives { core, charts } as URLs in a
// build and as texts ({ coreText, chartsText }) in `astro dev`.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const ID = 'virtual:cell-worker-bundle';
const RESOLVED = '\0' + ID;
const ENTRY = fileURLToPath(new URL('../worker.ts', import.meta.url));
const CHARTS = fileURLToPath(new URL('./charts-entry.ts', import.meta.url));
/** the global name the charts bundle defines (inside the factory sandbox.ts wraps it in) */
export const CHARTS_GLOBAL = '__bpnCharts';

async function bundle(entry, minify, globalName) {
  const out = await build({
    entryPoints: [entry],
    ...(globalName ? { globalName } : {}),
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    minify,
    write: false,
    metafile: true,
    legalComments: 'none',
    define: { 'process.env.NODE_ENV': '"production"', 'import.meta.env.BASE_URL': '"/"' },
    logLevel: 'silent',
  });
  return { text: out.outputFiles[0].text, inputs: Object.keys(out.metafile.inputs) };
}

export async function bundleCellWorker({ minify = true } = {}) {
  const [core, charts] = await Promise.all([bundle(ENTRY, minify), bundle(CHARTS, minify, CHARTS_GLOBAL)]);
  return { core: core.text, charts: charts.text, inputs: [...core.inputs, ...charts.inputs] };
}

export default function cellWorkerBundle() {
  let command = 'build';
  return {
    name: 'backprop-notebook:cell-worker-bundle',
    configResolved(config) { command = config.command; },
    resolveId(id) { return id === ID ? RESOLVED : null; },
    async load(id) {
      if (id !== RESOLVED) return null;
      const { core, charts, inputs } = await bundleCellWorker({ minify: command === 'build' });
      for (const f of inputs) this.addWatchFile(fileURLToPath(new URL(f, `file://${process.cwd()}/`)));
      if (command !== 'build') return `export const workerBundle = { coreText: ${JSON.stringify(core)}, chartsText: ${JSON.stringify(charts)} };`;
      const a = this.emitFile({ type: 'asset', name: 'cell-worker.js', source: core });
      const b = this.emitFile({ type: 'asset', name: 'cell-worker-charts.js', source: charts });
      return `export const workerBundle = { core: import.meta.ROLLUP_FILE_URL_${a}, charts: import.meta.ROLLUP_FILE_URL_${b} };`;
    },
  };
}
