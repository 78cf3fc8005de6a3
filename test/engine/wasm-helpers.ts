// Loads the built WebAssembly kernels (src/engine/wasm/build/, compiled by scripts/build-wasm.mjs
// in the unit tests' global setup) for the tests.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type FastWasm, loadFastWasm } from '../../src/engine/fast';

const file = (name: string) => readFileSync(fileURLToPath(new URL(`../../src/engine/wasm/build/${name}`, import.meta.url)));

let loaded: Promise<FastWasm> | null = null;
export function fastWasm(): Promise<FastWasm> {
  return (loaded ??= loadFastWasm({ f64: file('f64.wasm'), f32: file('f32.wasm') }));
}
