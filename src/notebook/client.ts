// The page side of the runtime: owns a worker (in its sandbox, sandbox.ts), queues runs, enforces
// the time limit by terminating the worker (a `while (true) {}` cannot be interrupted any other
// way), and starts a fresh worker for the next run. No reader code ever runs here.
// - A session's cells share one worker (that is what a session is); a stand-alone cell gets a new
//   worker for every run, so nothing one run leaves behind can touch the next.
// - Each grading gets a worker that no reader code has touched, which returns only what the
//   reader's function gave; the page compares with the expected values (grade-code.ts `judge`).
// - Every reply carries the id of the run it answers; anything else is dropped.
import type { OutputItem } from './format';
import type { CellError } from './errors';
import { caseInput, judge, type CodeSpec, type CodeReport } from './grade-code';
import type { ToWorker, FromWorker } from './messages';

export const DEFAULT_TIME_LIMIT_MS = 5000;

type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;

/** what the client needs of a Worker (the tests pass a fake) */
export interface WorkerLike {
  postMessage(m: ToWorker): void;
  terminate(): void;
  onmessage: ((e: { data: FromWorker }) => void) | null;
  onerror: ((e: { message?: string; preventDefault?(): void }) => void) | null;
}

export type RunOutcome =
  | { status: 'ok'; ms: number }
  | { status: 'error'; error: CellError; ms: number }
  | { status: 'timeout'; limitMs: number }
  | { status: 'crashed'; message: string };

export type GradeOutcome = { status: 'graded'; report: CodeReport } | { status: 'timeout'; limitMs: number } | { status: 'crashed'; message: string };

/** the longest time limit a reader may set (seconds): what a run may hold its worker, and its memory, for */
export const MAX_TIME_LIMIT_S = 120;
export const MIN_TIME_LIMIT_S = 0.5;

/**
 * A worker in its sandbox. The sandbox module (and the worker script it fetches) loads on first
 * use; messages posted meanwhile wait for it.
 */
export function createCellWorker(): WorkerLike {
  return new LazyWorker(() => import('./sandbox').then((m) => m.createSandboxWorker()));
}

class LazyWorker implements WorkerLike {
  onmessage: WorkerLike['onmessage'] = null;
  onerror: WorkerLike['onerror'] = null;
  private inner: WorkerLike | null = null;
  private waiting: ToWorker[] = [];
  private gone = false;
  constructor(load: () => Promise<WorkerLike>) {
    load().then((w) => {
      if (this.gone) { w.terminate(); return; }
      this.inner = w;
      w.onmessage = (e) => this.onmessage?.(e);
      w.onerror = (e) => this.onerror?.(e);
      for (const m of this.waiting) w.postMessage(m);
      this.waiting = [];
    }, (e: unknown) => {
      if (!this.gone) this.onerror?.({ message: `the code-cell runtime could not be loaded (${e instanceof Error ? e.message : String(e)}); reload the page` });
    });
  }
  postMessage(m: ToWorker) { if (this.inner) this.inner.postMessage(m); else this.waiting.push(m); }
  terminate() { this.gone = true; this.inner?.terminate(); this.inner = null; }
}

interface Pending {
  id: number;
  onOutput?: (item: OutputItem) => void;
  resolve: (m: FromWorker | { type: 'timeout' } | { type: 'crashed'; message: string }) => void;
}

export class CellRunner {
  private worker: WorkerLike | null = null;
  private ready: Promise<void> | null = null;
  private pending: Pending | null = null;
  private nextId = 1;
  private queue: Promise<unknown> = Promise.resolve();
  private restartListeners = new Set<(why: string) => void>();
  /** how many workers this runner has started (the tests check that a stopped one is replaced) */
  started = 0;

  /** workerPerRun: throw the worker away after every run (stand-alone cells) */
  constructor(private create: () => WorkerLike = createCellWorker, private options: { workerPerRun?: boolean } = {}) {}

  /** called whenever the worker (and so the session's shared state) is thrown away */
  onRestart(f: (why: string) => void): () => void { this.restartListeners.add(f); return () => this.restartListeners.delete(f); }

  private ensure(): Promise<void> {
    if (this.worker && this.ready) return this.ready;
    const w = this.create();
    this.started++;
    this.worker = w;
    this.ready = new Promise<void>((resolve, reject) => {
      w.onmessage = (e) => {
        if (this.worker !== w) return; // a worker already thrown away
        const m = e.data;
        if (m.type === 'ready') { resolve(); return; }
        const p = this.pending;
        if (!p || !('id' in m) || m.id !== p.id) return; // a late message from an old run
        if (m.type === 'output') p.onOutput?.(m.item);
        else p.resolve(m);
      };
      w.onerror = (e) => {
        if (this.worker !== w) return;
        e.preventDefault?.();
        const message = e.message || 'the cell worker failed to start';
        reject(new Error(message));
        this.pending?.resolve({ type: 'crashed', message });
        this.discard(`The worker stopped: ${message}`);
      };
    });
    return this.ready;
  }

  /** quiet: a worker that held no shared state (stand-alone run, grading) goes without a reset notice */
  private discard(why: string, quiet = false) {
    if (!this.worker) return;
    try { this.worker.terminate(); } catch { /* already gone */ }
    this.worker = null;
    this.ready = null;
    if (!quiet) for (const f of this.restartListeners) f(why);
  }

  /** throw the session away (e.g. the reader asks for a fresh start) */
  restart(why = 'restarted') { this.discard(why); }

  private exchange(msg: WithoutId<Exclude<ToWorker, { type: 'digits' }>>, limitMs: number, onOutput?: (item: OutputItem) => void, fresh = false) {
    const oneOff = fresh || !!this.options.workerPerRun;
    const job = this.queue.then(async () => {
      if (fresh) this.discard('a fresh worker', true);
      try { await this.ensure(); } catch (e) { return { type: 'crashed' as const, message: (e as Error).message }; }
      const id = this.nextId++;
      const started = performance.now();
      const result = await new Promise<FromWorker | { type: 'timeout' } | { type: 'crashed'; message: string }>((resolve) => {
        const timer = setTimeout(() => {
          resolve({ type: 'timeout' });
          this.pending = null;
          this.discard(`stopped after ${formatLimit(limitMs)}`);
        }, limitMs);
        this.pending = { id, onOutput, resolve: (m) => { clearTimeout(timer); this.pending = null; resolve(m); } };
        this.worker!.postMessage({ ...msg, id } as ToWorker);
      });
      const ms = performance.now() - started;
      if (oneOff) this.discard('its run ended', true);
      return { ...result, ms };
    });
    this.queue = job.catch(() => undefined);
    return job;
  }

  async run(code: string, opts: { limitMs?: number; onOutput?: (item: OutputItem) => void } = {}): Promise<RunOutcome> {
    const limitMs = opts.limitMs ?? DEFAULT_TIME_LIMIT_MS;
    const r = await this.exchange({ type: 'run', code }, limitMs, opts.onOutput);
    if (r.type === 'timeout') return { status: 'timeout', limitMs };
    if (r.type === 'crashed') return { status: 'crashed', message: r.message };
    if (r.type === 'done') return r.result.ok ? { status: 'ok', ms: r.ms } : { status: 'error', error: r.result.error!, ms: r.ms };
    return { status: 'crashed', message: 'unexpected reply from the worker' };
  }

  /** grade in a worker of its own; only the cases' inputs go to it, the page compares */
  async grade(code: string, spec: CodeSpec, limitMs = DEFAULT_TIME_LIMIT_MS): Promise<GradeOutcome> {
    const r = await this.exchange({ type: 'grade', code, fnName: spec.fnName, cases: spec.cases.map(caseInput) }, limitMs, undefined, true);
    if (r.type === 'timeout') return { status: 'timeout', limitMs };
    if (r.type === 'crashed') return { status: 'crashed', message: r.message };
    if (r.type === 'graded') {
      const engine = await import('../engine/index');
      return { status: 'graded', report: judge(spec, r.collected, engine as never) };
    }
    return { status: 'crashed', message: 'unexpected reply from the worker' };
  }
}

/**
 * What the reader is told when a run is stopped at its limit. The worker, and with it everything
 * the session's cells declared, is gone: in a session the reader is sent back to "Run all".
 */
export function stoppedMessage(limitMs: number, inSession: boolean): string {
  return `Stopped: the cell ran longer than its ${formatLimit(limitMs)} limit, so its worker was terminated.` +
    `${inSession ? ' The session was reset: run the cells above again (Run all).' : ''} Raise the time limit if the work is meant to take longer.`;
}

/** What a session's other cells say once its worker is gone (`why` as onRestart gives it). */
export function sessionResetNotice(why: string): string {
  return `The session was reset (${why}), so what this cell declared is gone: Run all runs the session's cells again, in order.`;
}

export function formatLimit(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}

/** one runner per session name on the page; stand-alone cells get their own */
const sessions = new Map<string, CellRunner>();
export function runnerFor(session: string | undefined): CellRunner {
  if (!session) return new CellRunner(createCellWorker, { workerPerRun: true });
  let r = sessions.get(session);
  if (!r) { r = new CellRunner(); sessions.set(session, r); }
  return r;
}
