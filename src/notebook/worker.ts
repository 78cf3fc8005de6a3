// The code-cell worker. It is built as one classic script (sandbox/bundle-plugin.mjs) and started
// by the sandbox document (public/sandbox/cell.html) from a blob: URL, inside an opaque-origin
// iframe whose policy allows no request: whatever reader code calls, the browser itself refuses
// any network and the origin has no storage (see sandbox.ts). It talks to the page through the
// one MessagePort the sandbox hands it, checks every message it receives, and keeps a CellSession.
// An endless loop is stopped by the page removing the sandbox (client.ts).
import { CellSession, type CellEnv } from './evaluate';
import { lockGlobals } from './isolate';
import { collectOutputs } from './grade-code';
import { readToWorker, type FromWorker } from './messages';
import type { OutputItem } from './format';
import { createDataModule } from './data-module';
import { installRunTimers } from './run-timers';
import * as engine from '../engine/index';

type Port = { postMessage(m: unknown, transfer?: Transferable[]): void; start(): void; addEventListener(t: 'message', f: (e: MessageEvent) => void): void };

// everything the runtime relies on is taken now, before any reader code runs
const scope = self as unknown as { addEventListener(t: 'message', f: (e: MessageEvent) => void): void; removeEventListener(t: 'message', f: (e: MessageEvent) => void): void };
const listenSelf = scope.addEventListener.bind(self);
const unlistenSelf = scope.removeEventListener.bind(self);
const ResponseCtor = Response;
// the charts parts (sandbox/charts-entry.ts, sandbox/dom-entry.ts), put before this script by the
// page as factories that are called the first time a cell draws; taken off the global scope
// before any reader code runs
type Charts = typeof import('./sandbox/charts-entry') & typeof import('./sandbox/dom-entry');
const g = self as unknown as Record<string, unknown>;
const factory = (name: string) => {
  const f = g[name];
  try { delete g[name]; } catch { /* not deletable: harmless, it only builds Plot */ }
  return (typeof f === 'function' ? f : () => { throw new Error('Charts are not available here'); }) as () => object;
};
const plotFactory = factory('__bpnChartsFactory');
const domFactory = factory('__bpnDomFactory');
const chartsFactory = () => ({ ...plotFactory(), ...domFactory() }) as Charts;
let charts: Charts | null = null;
const timers = installRunTimers(self);

let post: (m: FromWorker) => void = () => {};

// the "data" module's digits come from the page (the worker cannot fetch): ask once, wait for the bytes
let digitsWaiter: ((m: { bytes: ArrayBuffer | null; error?: string }) => void) | null = null;
const data = createDataModule(() => new Promise<Response>((resolve, reject) => {
  digitsWaiter = (m) => {
    digitsWaiter = null;
    if (m.bytes) resolve(new ResponseCtor(m.bytes));
    else reject(new Error(m.error ?? 'the page could not read them'));
  };
  post({ type: 'need-digits' });
}));

const env: CellEnv = {
  async loadModule(name) {
    if (name === 'engine') return engine as unknown as Record<string, unknown>;
    return data as unknown as Record<string, unknown>;
  },
  async loadCharts() {
    charts ??= chartsFactory();
    const { Plot, parseHTML, chartSupport } = charts;
    const { document } = parseHTML('<!doctype html><html><head></head><body></body></html>');
    return chartSupport(Plot as never, document);
  },
};

const session = new CellSession(env);
let busy: Promise<unknown> = Promise.resolve();
/** where an error thrown by a callback of the current run goes (null between runs: dropped) */
let current: ((item: OutputItem) => void) | null = null;
const describeError = (e: unknown) => { try { return e instanceof Error ? `${e.name}: ${e.message}` : String(e); } catch { return 'a value that cannot be shown'; } };
// an error thrown by a timer callback or a promise nobody awaited is the run's to show, not a
// failure of the worker (which would end a session)
listenSelf('error' as 'message', ((e: ErrorEvent) => {
  e.preventDefault();
  current?.({ kind: 'error', text: `Uncaught in a callback: ${describeError(e.error ?? e.message)}` });
}) as unknown as (e: MessageEvent) => void);
listenSelf('unhandledrejection' as 'message', ((e: PromiseRejectionEvent) => {
  e.preventDefault();
  current?.({ kind: 'error', text: `Unhandled promise rejection: ${describeError(e.reason)}` });
}) as unknown as (e: MessageEvent) => void);

async function handle(e: MessageEvent) {
  const msg = readToWorker(e.data);
  if (!msg) return; // not a message of the protocol: dropped
  if (msg.type === 'digits') { digitsWaiter?.(msg); return; }
  // one run at a time, in the order the page sent them
  busy = busy.then(async () => {
    const id = msg.id;
    let open = true; // output of a run that has ended (a callback left behind) is dropped here
    timers.begin();
    try {
      if (msg.type === 'run') {
        const emit = (item: OutputItem) => { if (open) post({ type: 'output', id, item }); };
        current = emit;
        const result = await session.run(msg.code, emit);
        open = false;
        timers.end();
        post({ type: 'done', id, result });
      } else {
        // each grading is in a worker of its own (client.ts), and starts from a clean scope
        const collected = await collectOutputs(new CellSession(env), msg.code, msg.fnName, msg.cases, engine as never);
        open = false;
        timers.end();
        post({ type: 'graded', id, collected });
      }
    } finally {
      open = false;
      current = null;
      timers.end();
    }
  }).catch(() => undefined);
}

// the sandbox's first (and only) message hands over the port to the page
function takePort(e: MessageEvent) {
  const d = e.data as { type?: unknown } | null;
  const port = e.ports?.[0] as unknown as Port | undefined;
  if (!d || d.type !== 'bpn-port' || !port) return;
  unlistenSelf('message', takePort);
  const send = port.postMessage.bind(port);
  post = (m) => {
    try { send(m); } catch {
      // a value that cannot be copied (a cell's output is plain data; this is the last resort)
      if ('id' in m && m.type !== 'output') send(m.type === 'done' ? { type: 'done', id: m.id, result: { ok: false, declared: [], error: { kind: 'runtime', message: 'The result could not be sent to the page.' } } } : { type: 'graded', id: m.id, collected: { problem: 'Your function returned a value that cannot be read back.' } });
    }
  };
  port.addEventListener('message', (ev) => { void handle(ev); });
  port.start();
  // cut the friendly early exits (the browser's policy is the real wall: see sandbox.ts)
  lockGlobals(self);
  post({ type: 'ready' });
}
listenSelf('message', takePort);
