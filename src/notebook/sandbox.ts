// Where reader code runs: a worker started inside an opaque-origin sandboxed iframe.
//
//   page ─▶ <iframe src="/sandbox/cell.html">            (same origin, no script; policy: default-src 'none', …)
//             └─▶ <iframe sandbox="allow-scripts" srcdoc="…bootstrap…">   (opaque origin, inherits that policy)
//                   └─(blob: URL)─▶ cell worker                            (inherits it too)
//   page ◀──── one MessagePort to the worker, every message checked on both sides ────▶ worker
//
// The inner frame has no allow-same-origin, so its origin (and its worker's) is opaque: no
// cookies, no localStorage, no IndexedDB, no Cache Storage, no origin-private file system. The
// outer document's Content-Security-Policy (public/sandbox/cell.html, written by
// scripts/sandbox-html.mjs) is `default-src 'none'` with scripts only from the hashed bootstrap,
// blob: and 'unsafe-eval' (a cell is compiled with the Function constructor); a srcdoc frame and a
// worker created from a blob: URL inherit their creator's policy, so no fetch, XHR, WebSocket,
// EventSource, font, image or remote script can leave the worker, whichever route the code takes.
// This holds on a static host that sends no headers. (The outer document is same-origin and has
// no script so that the service worker serves it offline: a sandboxed frame's own navigation
// never goes through a service worker.)
//
// The page fetches the worker's script (one self-contained file: sandbox/bundle-plugin.mjs) and
// the digits for the "data" module itself and hands them in. Terminating is removing the iframe,
// which ends its worker. If the sandbox's process dies (a cell that exhausts memory takes its
// process down with it, not the page's), it stops answering pings, and the page says so.
import { workerBundle } from 'virtual:cell-worker-bundle';
import { readFromWorker, type FromWorker, type ToWorker } from './messages';
import type { WorkerLike } from './client';
import { MNIST_URL } from '../data/mnist';
import { siteUrl } from '../data/site-url';

export const SANDBOX_PATH = 'sandbox/cell.html';
/** how often the page asks the sandbox whether it is alive, and how many unanswered asks mean it is gone */
export const PING_MS = 1000;
export const PINGS_MISSED = 3;
export const CRASH_MESSAGE = 'the sandbox that runs the code stopped (most likely the code used up the memory a tab may have, so the browser ended it)';

/** the worker's script: the charts and DOM parts wrapped in factories (evaluated on first use), then the runtime */
export function workerScript(core: string, charts: string, dom: string): string {
  return `var __bpnChartsFactory = function () {\n${charts}\n;return __bpnCharts;\n};\n` +
    `var __bpnDomFactory = function () {\n${dom}\n;return __bpnDom;\n};\n${core}`;
}

const text = (url: string) => fetch(url).then((r) => {
  if (!r.ok) throw new Error(`HTTP ${r.status}`);
  return r.text();
});

let workerText: Promise<string> | null = null;
function loadWorkerText(): Promise<string> {
  if (workerBundle.coreText !== undefined) return Promise.resolve(workerScript(workerBundle.coreText, workerBundle.chartsText ?? '', workerBundle.domText ?? ''));
  workerText ??= Promise.all([text(workerBundle.core!), text(workerBundle.charts!), text(workerBundle.dom!)]).then(([core, charts, dom]) => workerScript(core, charts, dom)).catch((e: unknown) => {
    workerText = null;
    throw new Error(`the code-cell runtime could not be loaded (${e instanceof Error ? e.message : String(e)}); reload the page`);
  });
  return workerText;
}

let digits: Promise<ArrayBuffer> | null = null;
function loadDigits(): Promise<ArrayBuffer> {
  digits ??= fetch(siteUrl(MNIST_URL)).then((r) => {
    if (!r.ok) throw new Error(`HTTP ${r.status}`);
    return r.arrayBuffer();
  }).catch((e: unknown) => { digits = null; throw e; });
  return digits;
}

export class SandboxWorker implements WorkerLike {
  onmessage: ((e: { data: FromWorker }) => void) | null = null;
  onerror: ((e: { message?: string; preventDefault?(): void }) => void) | null = null;
  private frame: HTMLIFrameElement | null;
  private port: MessagePort;
  private control: MessagePort;
  private pingTimer: ReturnType<typeof setInterval> | undefined;
  private unanswered = 0;
  private done = false;

  constructor() {
    const channel = new MessageChannel();
    const control = new MessageChannel();
    this.port = channel.port1;
    this.control = control.port1;
    this.port.onmessage = (e) => this.fromWorker(e.data);
    this.control.onmessage = (e) => {
      const m = e.data as { type?: unknown; n?: unknown; message?: unknown } | null;
      if (m?.type === 'pong') this.unanswered = 0;
      else if (m?.type === 'worker-error') this.fail(typeof m.message === 'string' ? m.message : 'the cell worker failed');
    };
    const frame = document.createElement('iframe');
    frame.hidden = true;
    frame.tabIndex = -1;
    frame.title = 'Code cell sandbox (hidden)';
    frame.setAttribute('aria-hidden', 'true');
    frame.setAttribute('data-cell-sandbox', '');
    frame.src = siteUrl(SANDBOX_PATH);
    this.frame = frame;
    const text = loadWorkerText();
    frame.addEventListener('load', () => {
      text.then((workerText) => {
        // the outer document is same-origin: its one frame is the sandbox (loaded before the outer load event)
        const inner = frame.contentDocument?.querySelector('iframe')?.contentWindow;
        if (this.done) return;
        if (!inner) { this.fail('the code-cell sandbox did not load; reload the page'); return; }
        // the opaque origin cannot be named, hence '*'; the message carries nothing secret
        inner.postMessage({ type: 'bpn-sandbox-start', workerText }, '*', [control.port2, channel.port2]);
        this.pingTimer = setInterval(() => this.ping(), PING_MS);
      }, (e: Error) => this.fail(e.message));
    }, { once: true });
    document.body.append(frame);
  }

  private ping() {
    if (this.done) return;
    if (this.unanswered >= PINGS_MISSED) { this.fail(CRASH_MESSAGE); return; }
    this.unanswered++;
    this.control.postMessage({ type: 'ping', n: this.unanswered });
  }

  private fail(message: string) {
    if (this.done) return;
    this.onerror?.({ message, preventDefault() {} });
    this.terminate();
  }

  private fromWorker(data: unknown) {
    if (this.done) return;
    const m = readFromWorker(data);
    if (!m) return; // not of the protocol: dropped
    if (m.type === 'need-digits') {
      loadDigits().then(
        (buf) => { const bytes = buf.slice(0); this.port.postMessage({ type: 'digits', bytes } satisfies ToWorker, [bytes]); },
        (e: unknown) => this.port.postMessage({ type: 'digits', bytes: null, error: e instanceof Error ? e.message : String(e) } satisfies ToWorker),
      );
      return;
    }
    this.onmessage?.({ data: m });
  }

  postMessage(m: ToWorker) {
    if (!this.done) this.port.postMessage(m);
  }

  terminate() {
    if (this.done) return;
    this.done = true;
    clearInterval(this.pingTimer);
    this.port.close();
    this.control.close();
    this.frame?.remove(); // the document goes, and its worker with it
    this.frame = null;
  }
}

export function createSandboxWorker(): WorkerLike {
  return new SandboxWorker();
}
