// Compiles the WebAssembly engine path from its AssemblyScript sources (src/engine/wasm/assembly/)
// with the compiler installed from npm (assemblyscript, its `asc` API): build/f64.wasm (f64x2
// SIMD) and build/f32.wasm (f32x4 SIMD) under src/engine/wasm/. The outputs are gitignored build
// products; `npm run build`/`dev` (prebuild/predev) and the unit tests' global setup run this.
// A build whose outputs are newer than every source is skipped (`--force` rebuilds).
//   node scripts/build-wasm.mjs [--force]
import { mkdirSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const srcDir = join(root, 'src/engine/wasm/assembly');
const outDir = join(root, 'src/engine/wasm/build');
export const WASM_OUTPUTS = { f64: join(outDir, 'f64.wasm'), f32: join(outDir, 'f32.wasm') };

function newestSource() {
  let t = statSync(fileURLToPath(import.meta.url)).mtimeMs;
  for (const f of readdirSync(srcDir)) t = Math.max(t, statSync(join(srcDir, f)).mtimeMs);
  return t;
}

function upToDate() {
  const src = newestSource();
  return Object.values(WASM_OUTPUTS).every((f) => {
    try {
      return statSync(f).mtimeMs >= src;
    } catch {
      return false;
    }
  });
}

/** Compile both modules (unless up to date). Throws with the compiler's messages on an error. */
export async function buildWasm({ force = false, quiet = false } = {}) {
  if (!force && upToDate()) return { built: false };
  const { default: asc } = await import('assemblyscript/asc');
  mkdirSync(outDir, { recursive: true });
  for (const [type, out] of Object.entries(WASM_OUTPUTS)) {
    let errors = '';
    const { error } = await asc.main(
      [join(srcDir, `${type}.ts`), '--outFile', out, '-O3', '--runtime', 'stub', '--enable', 'simd', '--noAssert'],
      { stdout: { write: () => true }, stderr: { write: (s) => ((errors += String(s)), true) } },
    );
    if (error) throw new Error(`asc failed for ${type}.wasm: ${error.message}\n${errors}`);
    if (!quiet) process.stdout.write(`build-wasm: ${out.slice(root.length + 1)}\n`);
  }
  return { built: true };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  buildWasm({ force: process.argv.includes('--force') }).catch((e) => {
    process.stderr.write(`${e.message}\n`);
    process.exit(1);
  });
}
