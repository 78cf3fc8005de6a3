// A friendly early message, not the protection: the worker runs in an opaque-origin sandbox whose
// policy lets no request out and whose origin has no storage (sandbox.ts), so the browser refuses
// all of these anyway. Locking them first gives the reader a clear sentence instead of a bare
// network or security error. Inside a cell the page globals are also shadowed by throwing
// stand-ins (evaluate.ts); this covers `self.fetch`, `globalThis.postMessage` and the methods on
// the worker's prototypes.
import { blockedMessage } from './evaluate';

/** globals a worker really has that lead out of it (storage, network, messaging, more workers) */
export const WORKER_ESCAPES = [
  'fetch', 'XMLHttpRequest', 'importScripts', 'postMessage', 'indexedDB', 'caches', 'cookieStore',
  'WebSocket', 'WebTransport', 'EventSource', 'BroadcastChannel', 'Worker', 'SharedWorker', 'close',
  'localStorage', 'sessionStorage',
] as const;

/**
 * Replace each name, on the object and on every prototype that defines it, by a getter that
 * throws a clear error. Returns the names that were present (for the tests and for diagnostics).
 * Call it only after the runtime has kept what it needs (e.g. `const send = self.postMessage.bind(self)`).
 */
export function lockGlobals(target: object, names: readonly string[] = WORKER_ESCAPES): string[] {
  const found: string[] = [];
  for (const name of names) {
    let owner: object | null = target;
    let present = false;
    while (owner) {
      if (Object.prototype.hasOwnProperty.call(owner, name)) {
        present = true;
        try {
          Object.defineProperty(owner, name, {
            configurable: false,
            enumerable: false,
            get() { throw new ReferenceError(blockedMessage(name)); },
            set() { throw new ReferenceError(blockedMessage(name)); },
          });
        } catch {
          try { delete (owner as Record<string, unknown>)[name]; } catch { /* not configurable: shadowed below */ }
        }
      }
      owner = Object.getPrototypeOf(owner);
    }
    // names the worker does not have at all get the same getter on the global itself
    if (!present || Object.prototype.hasOwnProperty.call(target, name) === false) {
      try {
        Object.defineProperty(target, name, {
          configurable: false,
          get() { throw new ReferenceError(blockedMessage(name)); },
          set() { throw new ReferenceError(blockedMessage(name)); },
        });
      } catch { /* already locked */ }
    }
    if (present) found.push(name);
  }
  return found;
}
