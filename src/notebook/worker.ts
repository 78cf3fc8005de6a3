/// <reference types="vite/client" />
// The code-cell worker: one per session (or per stand-alone cell). It keeps a CellSession, runs
// what the page sends, and streams output back. User code never runs on the page's thread; an
// endless loop is stopped by the page terminating this worker (client.ts).
import { CellSession, type CellEnv } from './evaluate';
import { lockGlobals } from './isolate';
import { gradeCode } from './grade-code';
import type { ToWorker, FromWorker } from './messages';
import { createDataModule } from './data-module';
import { MNIST_URL } from '../data/mnist';
import { siteUrl } from '../data/site-url';
import * as engine from '../engine/index';

// keep what the runtime needs, then cut every way out of the worker (see isolate.ts)
const scope = self as unknown as { postMessage(m: unknown): void; addEventListener(t: 'message', f: (e: MessageEvent) => void): void };
const post = scope.postMessage.bind(self) as (m: FromWorker) => void;
const listen = scope.addEventListener.bind(self);
// the one request reader code can cause: the site's own digits file, for loadMnist() in "data"
const siteFetch = (self as unknown as { fetch: typeof fetch }).fetch.bind(self);
const digitsUrl = siteUrl(MNIST_URL, self.location.href);
const data = createDataModule(() => siteFetch(digitsUrl, { credentials: 'same-origin' }));
lockGlobals(self);

const env: CellEnv = {
  async loadModule(name) {
    if (name === 'engine') return engine as unknown as Record<string, unknown>;
    return data as unknown as Record<string, unknown>;
  },
  async loadCharts() {
    const [Plot, { parseHTML }, { chartSupport }] = await Promise.all([import('@observablehq/plot'), import('linkedom'), import('./plot-env')]);
    const { document } = parseHTML('<!doctype html><html><head></head><body></body></html>');
    return chartSupport(Plot as never, document);
  },
};

const session = new CellSession(env);

listen('message', async (e: MessageEvent<ToWorker>) => {
  const msg = e.data;
  if (msg.type === 'run') {
    const result = await session.run(msg.code, (item) => post({ type: 'output', id: msg.id, item }));
    post({ type: 'done', id: msg.id, result });
  } else if (msg.type === 'grade') {
    // each grading starts from a clean scope: only the reader's code and the hidden cases
    const fresh = new CellSession(env);
    const report = await gradeCode(fresh, msg.code, msg.spec, engine as never);
    post({ type: 'graded', id: msg.id, report });
  }
});
post({ type: 'ready' });
