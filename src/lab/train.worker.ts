// The training Web Worker (module worker): the protocol host wired to the worker's global scope.
// Spawned by createLabWorker() in client.ts.
import { createLabHost } from './host';
import type { LabCommand } from './protocol';

interface WorkerScope {
  postMessage(message: unknown, transfer?: Transferable[]): void;
  addEventListener(type: 'message', listener: (e: MessageEvent<LabCommand>) => void): void;
}

const scope = self as unknown as WorkerScope;
const host = createLabHost({ post: (event, transfer) => scope.postMessage(event, transfer ?? []) });
scope.addEventListener('message', (e) => host.handle(e.data));
