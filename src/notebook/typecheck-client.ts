// The page's side of the cell type checker: one worker (public/typecheck/worker.js, built by
// scripts/build-typecheck.mjs), started on the first check a reader asks for and kept for the next.
// The worker carries the TypeScript compiler (about 1 MB compressed), so nothing is loaded until
// then; `stopTypecheck` ends it (a check under way then answers "stopped").
import { siteUrl } from '../data/site-url';
import type { TypecheckReply, TypecheckRequest } from './typecheck.worker';

export type TypecheckOutcome = TypecheckReply | { id: number; ok: false; message: string; stopped: true };

let worker: Worker | null = null;
let seq = 0;
const waiting = new Map<number, (r: TypecheckOutcome) => void>();

function fail(message: string, stopped = false) {
  for (const [id, done] of waiting) done(stopped ? { id, ok: false, message, stopped: true } : { id, ok: false, message });
  waiting.clear();
  worker?.terminate();
  worker = null;
}

/** Check a cell's code (with the code of the session's earlier cells); resolves with the diagnostics or a message. */
export function checkTypes(code: string, earlier: string[] = []): Promise<TypecheckOutcome> {
  if (!worker) {
    worker = new Worker(siteUrl('typecheck/worker.js'), { type: 'module', name: 'typecheck' });
    worker.onmessage = (e: MessageEvent<TypecheckReply>) => {
      waiting.get(e.data.id)?.(e.data);
      waiting.delete(e.data.id);
    };
    worker.onerror = (e) => {
      e.preventDefault();
      fail(navigator.onLine === false ? 'The type checker needs the network the first time it is used.' : 'The type checker could not be loaded.');
    };
  }
  const id = ++seq;
  return new Promise((done) => {
    waiting.set(id, done);
    worker!.postMessage({ id, code, earlier } satisfies TypecheckRequest);
  });
}

export function stopTypecheck(): void {
  fail('The type check was stopped.', true);
}
