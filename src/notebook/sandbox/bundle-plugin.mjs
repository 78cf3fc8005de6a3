// Vite plugin: the code-cell worker (src/notebook/worker.ts) as ONE self-contained classic script.
// The sandbox (src/notebook/sandbox.ts) starts the worker from a blob: URL inside an opaque-origin
// iframe, where a module worker could not import other chunks of the site (they would be
// cross-origin CORS requests, and the sandbox's policy allows no request at all). So the worker is
// bundled with esbuild as classic scripts and emitted as three assets (the runtime; Plot; the
// linkedom DOM Plot draws on; the worker evaluates the last two only when a cell draws); the page
// fetches their text and hands it in as one script (sandbox.ts `workerScript`).
// `import { workerBundle } from 'virtual:cell-worker-bundle'` gives { core, charts, dom } as URLs
// in a build and as texts ({ coreText, chartsText, domText }) in `astro dev`.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const ID = 'virtual:cell-worker-bundle';
const RESOLVED = '\0' + ID;
const ENTRY = fileURLToPath(new URL('../worker.ts', import.meta.url));
const CHARTS = fileURLToPath(new URL('./charts-entry.ts', import.meta.url));
const DOM = fileURLToPath(new URL('./dom-entry.ts', import.meta.url));
/** the global names the charts and DOM bundles define (inside the factories sandbox.ts wraps them in) */
export const CHARTS_GLOBAL = '__bpnCharts';
export const DOM_GLOBAL = '__bpnDom';

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
  const [core, charts, dom] = await Promise.all([bundle(ENTRY, minify), bundle(CHARTS, minify, CHARTS_GLOBAL), bundle(DOM, minify, DOM_GLOBAL)]);
  return { core: core.text, charts: charts.text, dom: dom.text, inputs: [...core.inputs, ...charts.inputs, ...dom.inputs] };
}

export default function cellWorkerBundle() {
  let command = 'build';
  return {
    name: 'backprop-notebook:cell-worker-bundle',
    configResolved(config) { command = config.command; },
    resolveId(id) { return id === ID ? RESOLVED : null; },
    async load(id) {
      if (id !== RESOLVED) return null;
      const { core, charts, dom, inputs } = await bundleCellWorker({ minify: command === 'build' });
      for (const f of inputs) this.addWatchFile(fileURLToPath(new URL(f, `file://${process.cwd()}/`)));
      if (command !== 'build') return `export const workerBundle = { coreText: ${JSON.stringify(core)}, chartsText: ${JSON.stringify(charts)}, domText: ${JSON.stringify(dom)} };`;
      const a = this.emitFile({ type: 'asset', name: 'cell-worker.js', source: core });
      const b = this.emitFile({ type: 'asset', name: 'cell-worker-charts.js', source: charts });
      const c = this.emitFile({ type: 'asset', name: 'cell-worker-dom.js', source: dom });
      return `export const workerBundle = { core: import.meta.ROLLUP_FILE_URL_${a}, charts: import.meta.ROLLUP_FILE_URL_${b}, dom: import.meta.ROLLUP_FILE_URL_${c} };`;
    },
  };
}
