// Build the cell type checker (src/notebook/typecheck.ts) into public/typecheck/ (gitignored):
// - worker.js: the checker's worker bundled with the TypeScript compiler by esbuild (≈ 3 MB
//   minified; loaded only when a reader asks for a check, never precached);
// - files.json: the files the checker reads (scripts/typecheck-files.mjs).
// Runs before `astro build` and `astro dev` (package.json pre-scripts).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import ts from 'typescript';
import { collectCheckFiles } from './typecheck-files.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'public', 'typecheck');
mkdirSync(out, { recursive: true });
const files = collectCheckFiles(root, ts);
writeFileSync(join(out, 'files.json'), JSON.stringify(files));
await build({
  entryPoints: [join(root, 'src/notebook/typecheck.worker.ts')],
  outfile: join(out, 'worker.js'),
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  minify: true,
  legalComments: 'none',
  // TypeScript's own Node host (fs, path, …) is never used in the browser: its calls stay unresolved
  external: ['fs', 'path', 'os', 'crypto', 'buffer', 'inspector', 'perf_hooks', 'source-map-support', 'child_process', 'module', 'worker_threads', 'url', 'util'],
  logLevel: 'warning',
});
console.log(`typecheck: public/typecheck/worker.js and files.json (${Object.keys(files).length} files)`);
