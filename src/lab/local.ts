// The training host run in the page's own thread, behind the same WorkerLike interface: for unit
// tests in Node and as a fallback where module workers are unavailable. Messages are
// structured-cloned both ways and delivered asynchronously, as a real Worker would.
import type { WorkerLike } from './client';
import { type HostDeps, createLabHost } from './host';
import type { LabCommand } from './protocol';

export interface InProcessOptions {
  /** Training time per slice in ms (default 10). */
  sliceMs?: number;
  fetch?: typeof fetch;
  now?: () => number;
  /** Compiles the WebAssembly kernels (see HostDeps.loadWasm); without it the TypeScript kernels train. */
  loadWasm?: HostDeps['loadWasm'];
}

export function createInProcessWorker(options: InProcessOptions = {}): WorkerLike {
  const listeners: ((e: { data: unknown }) => void)[] = [];
  let terminated = false;
  const host = createLabHost({
    post: (event) => {
      const data = structuredClone(event);
      setTimeout(() => {
        if (!terminated) for (const l of listeners) l({ data });
      }, 0);
    },
    schedule: (fn) => setTimeout(() => !terminated && fn(), 0),
    sliceMs: options.sliceMs ?? 10,
    fetch: options.fetch,
    now: options.now,
    loadWasm: options.loadWasm,
  });
  return {
    postMessage(message) {
      const cmd = structuredClone(message) as LabCommand;
      setTimeout(() => !terminated && host.handle(cmd), 0);
    },
    addEventListener(type: 'message' | 'error', listener: (e: never) => void) {
      if (type === 'message') listeners.push(listener as (e: { data: unknown }) => void);
    },
    terminate() {
      terminated = true;
    },
  };
}
