// Global setup of the unit project: the WebAssembly kernels are a build output (gitignored), so
// a fresh clone's `npm test` compiles them here (skipped when they are newer than their sources).
import { buildWasm } from '../scripts/build-wasm.mjs';

export default async function setup(): Promise<void> {
  await buildWasm({ quiet: true });
}
