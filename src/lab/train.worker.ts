// The training Web Worker (module worker): the protocol host wired to the worker's global scope.
// Spawned by createLabWorker() in client.ts.
import { loadFastWasm } from '../engine/fast';
// The WebAssembly kernels, built by scripts/build-wasm.mjs (prebuild) and emitted by Vite as assets.
import f64Url from '../engine/wasm/build/f64.wasm?url';
import f32Url from '../engine/wasm/build/f32.wasm?url';
import { createLabHost } from './host';
import type { LabCommand } from './protocol';

interface WorkerScope {
  postMessage(message: unknown, transfer?: Transferable[]): void;
  addEventListener(type: 'message', listener: (e: MessageEvent<LabCommand>) => void): void;
}

const scope = self as unknown as WorkerScope;
const host = createLabHost({
  post: (event, transfer) => scope.postMessage(event, transfer ?? []),
  loadWasm: async () => {
    const [f64, f32] = await Promise.all([fetch(f64Url), fetch(f32Url)]);
    return loadFastWasm({ f64, f32 });
  },
});
scope.addEventListener('message', (e) => host.handle(e.data));
