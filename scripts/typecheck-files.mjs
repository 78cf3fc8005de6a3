// The files the cell type checker reads (src/notebook/typecheck.ts): the engine's and the data
// module's sources with everything they import, the cells' globals, Observable Plot's type
// declarations, and the standard library files ES2022 + Web Worker reference. Collected by
// following imports (TypeScript's own preProcessFile), so a new engine file is picked up by itself.
// Used by scripts/build-typecheck.mjs (writes public/typecheck/files.json) and by the unit tests.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';

const ENTRY = ['src/engine/index.ts', 'src/notebook/data-module.ts', 'content/cells/cell-globals.d.ts'];
const LIBS = ['lib.es2022.d.ts', 'lib.webworker.d.ts'];
const PLOT = 'node_modules/@observablehq/plot';

/** @param {string} root the repository @param {typeof import('typescript')} ts */
export function collectCheckFiles(root, ts) {
  /** @type {Record<string, string>} */
  const files = {};
  const read = (rel) => readFileSync(join(root, rel), 'utf8');
  const resolve = (fromRel, spec) => {
    const base = posix.normalize(posix.join(posix.dirname(fromRel), spec));
    for (const c of [base, `${base}.ts`, `${base}.d.ts`, `${base}/index.ts`, `${base}/index.d.ts`, base.replace(/\.js$/, '.ts'), base.replace(/\.js$/, '.d.ts')]) {
      if (existsSync(join(root, c)) && statSync(join(root, c)).isFile()) return c;
    }
    return null;
  };
  const queue = [...ENTRY];
  while (queue.length) {
    const rel = queue.pop();
    if (`/${rel}` in files) continue;
    const text = read(rel);
    files[`/${rel}`] = text;
    const info = ts.preProcessFile(text, true, true);
    for (const ref of [...info.importedFiles, ...info.referencedFiles]) {
      if (!ref.fileName.startsWith('.')) continue; // "engine", "data", '@observablehq/plot': mapped below
      const target = resolve(rel, ref.fileName);
      if (target) queue.push(target);
    }
  }
  // Observable Plot's declarations (cell-globals.d.ts types `Plot` with them)
  const walk = (dir) => readdirSync(join(root, dir)).flatMap((n) => (statSync(join(root, dir, n)).isDirectory() ? walk(`${dir}/${n}`) : [`${dir}/${n}`]));
  for (const f of walk(`${PLOT}/src`).filter((f) => f.endsWith('.d.ts'))) files[`/${f}`] = read(f);
  files[`/${PLOT}/package.json`] = JSON.stringify({ name: '@observablehq/plot', types: 'src/index.d.ts' });
  // the standard library, following its /// <reference lib> chain
  const libDir = dirname(ts.getDefaultLibFilePath({}));
  const libs = [...LIBS];
  while (libs.length) {
    const name = libs.pop();
    if (`/lib/${name}` in files) continue;
    const text = readFileSync(join(libDir, name), 'utf8');
    files[`/lib/${name}`] = text;
    for (const ref of ts.preProcessFile(text, true, true).libReferenceDirectives) libs.push(`lib.${ref.fileName.toLowerCase()}.d.ts`);
  }
  return files;
}

