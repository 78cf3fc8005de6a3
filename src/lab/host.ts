// The worker's side of the protocol, without the Worker: it loads the data, owns the Session,
// runs it in time slices (so commands such as pause arrive between minibatches) and posts events.
// train.worker.ts wires it to `self`; local.ts runs it in-process for tests.
import { loadMnist, packMnistSplit } from '../data/mnist';
import { makeToy2D, packPoints } from '../data/toy2d';
import { type LoadedData, type Session, createSession } from './session';
import { type DataSpec, LAB_PROTOCOL, type LabCommand, type LabEvent } from './protocol';
import { parameterCount } from '../engine/network';
import type { FastWasm } from '../engine/fast';

export interface HostDeps {
  post(event: LabEvent, transfer?: Transferable[]): void;
  /** Run fn soon, after pending messages (default: a MessageChannel, else setTimeout 0). */
  schedule?(fn: () => void): void;
  now?(): number;
  fetch?: typeof fetch;
  /** Training time per slice in ms (default 25): the longest a command waits. */
  sliceMs?: number;
  /** Run fn after ms (the wait under a speed limit); default setTimeout. */
  delay?(fn: () => void, ms: number): { cancel(): void };
  /**
   * Compiles the WebAssembly kernels (train.worker.ts fetches the built .wasm files the site
   * serves). Asked once, at the first start; if absent or it fails (no WebAssembly, no SIMD, a
   * policy refusing it) training runs on the TypeScript kernels.
   */
  loadWasm?(): Promise<FastWasm>;
}

function defaultDelay(fn: () => void, ms: number): { cancel(): void } {
  const t = setTimeout(fn, ms);
  return { cancel: () => clearTimeout(t) };
}

export interface LabHost {
  handle(cmd: LabCommand): void;
}

function defaultSchedule(): (fn: () => void) => void {
  if (typeof MessageChannel !== 'undefined') {
    const ch = new MessageChannel();
    const queue: (() => void)[] = [];
    ch.port1.onmessage = () => queue.shift()?.();
    return (fn) => {
      queue.push(fn);
      ch.port2.postMessage(null);
    };
  }
  return (fn) => setTimeout(fn, 0);
}

type Points = NonNullable<Extract<LabEvent, { type: 'started' }>['points']>;

async function loadData(spec: DataSpec, deps: HostDeps): Promise<{ data: LoadedData; points?: Points }> {
  if (!spec || typeof spec !== 'object') throw new Error('no data given');
  if (spec.kind === 'toy2d') {
    const set = makeToy2D({ name: spec.dataset, count: spec.count, noise: spec.noise, testFraction: spec.testFraction, seed: spec.seed });
    const flat = (ps: typeof set.train) => ({ x: ps.flatMap((p) => p.x), label: ps.map((p) => p.label) });
    return {
      data: { nIn: 2, nOut: set.nOut, train: packPoints(set.train, set.nOut), test: packPoints(set.test, set.nOut) },
      points: { train: flat(set.train), test: flat(set.test) },
    };
  }
  if (spec.kind === 'mnist') {
    const mnist = await loadMnist(spec.url, {
      fetch: deps.fetch,
      onProgress: (loaded, total) => deps.post({ type: 'loading', loaded, total }),
    });
    // The inputs stay the file's pixel bytes, which the engine reads as byte / 256 (PIXEL_SCALE, the book's scaling): a full-set run
    // holds the file's 55 MB of pixels instead of 376 MB of doubles for its 60,000 digits, and the
    // WebAssembly trainer's copy of them is bytes too (47 MB instead of 376 MB).
    const { train, test } = packMnistSplit(mnist, { trainCount: spec.trainCount, testCount: spec.testCount, evaluate: spec.evaluate, inputs: 'bytes' });
    return { data: { nIn: mnist.rows * mnist.cols, nOut: 10, train, test } };
  }
  if (spec.kind === 'packed') {
    const { nIn, nOut, train, test } = spec;
    const ok = (s: { count: number; x: ArrayLike<number>; y: ArrayLike<number> }, what: string) => {
      if (s.x.length !== s.count * nIn || s.y.length !== s.count * nOut) throw new Error(`${what}: ${s.count} examples need ${s.count * nIn} inputs and ${s.count * nOut} targets (got ${s.x.length} and ${s.y.length})`);
    };
    ok(train, 'training set');
    if (test) ok(test, 'test set');
    return { data: { nIn, nOut, train, test } };
  }
  throw new Error(`unknown data kind ${JSON.stringify((spec as { kind?: unknown }).kind)}`);
}

export function createLabHost(deps: HostDeps): LabHost {
  const schedule = deps.schedule ?? defaultSchedule();
  const sliceMs = deps.sliceMs ?? 25;
  const delay = deps.delay ?? defaultDelay;
  // The pending wait under a speed limit (cancelled when the limit changes or a step starts).
  let waiting: { cancel(): void } | null = null;
  let session: Session | null = null;
  let run = 0; // increases with every start, so a stale load or tick is ignored
  let ticking = false;
  // Commands that arrive while the data are loading.
  let early: LabCommand[] = [];
  let loading = false;
  let wasm: Promise<FastWasm | null> | null = null;
  const kernels = (): Promise<FastWasm | null> => (wasm ??= deps.loadWasm ? deps.loadWasm().catch(() => null) : Promise.resolve(null));

  const post = (e: LabEvent, transfer?: Transferable[]) => deps.post(e, transfer);
  const error = (e: unknown, id?: number) => post({ type: 'error', message: e instanceof Error ? e.message : String(e), ...(id === undefined ? {} : { id }) });

  function tick(myRun: number): void {
    ticking = false;
    waiting = null;
    if (myRun !== run || !session) return;
    try {
      if (session.work(sliceMs)) kick();
    } catch (e) {
      error(e);
    }
  }

  function kick(): void {
    if (ticking || !session || session.state !== 'running') return;
    ticking = true;
    const myRun = run;
    const wait = session.waitMs();
    if (wait > 0) waiting = delay(() => tick(myRun), wait);
    else schedule(() => tick(myRun));
  }

  /** A wait under the old speed limit is dropped: the next tick is planned again. */
  function rekick(): void {
    if (!waiting) return kick();
    waiting.cancel();
    waiting = null;
    ticking = false;
    kick();
  }

  async function start(cmd: Extract<LabCommand, { type: 'start' }>): Promise<void> {
    if (session && session.state !== 'done') session.stop();
    session = null;
    const myRun = ++run;
    loading = true;
    early = [];
    try {
      const [{ data, points }, compiled] = await Promise.all([loadData(cmd.data, deps), kernels()]);
      if (myRun !== run) return;
      const s = createSession(cmd.config, data, (e) => myRun === run && post(e), { now: deps.now, wasm: compiled });
      session = s;
      post({
        type: 'started',
        protocol: LAB_PROTOCOL,
        sizes: s.net.sizes.slice(),
        parameterCount: parameterCount(s.net),
        trainCount: data.train.count,
        testCount: data.test?.count ?? 0,
        batchesPerEpoch: Math.ceil(data.train.count / cmd.config.batchSize),
        path: s.path,
        ...(points ? { points } : {}),
      });
      // The untrained network's report, before the first minibatch (the baseline the page shows).
      if (s.reports !== null) post({ type: 'report', of: 'initial', epoch: 0, report: s.report() });
    } catch (e) {
      if (myRun === run) error(e);
      return;
    } finally {
      if (myRun === run) loading = false;
    }
    const queued = early;
    early = [];
    for (const c of queued) handle(c);
    kick();
  }

  function handle(cmd: LabCommand): void {
    if (!cmd || typeof cmd !== 'object') return error(`not a command: ${String(cmd)}`);
    if (cmd.type === 'start') {
      void start(cmd);
      return;
    }
    if (loading && cmd.type !== 'getModel' && cmd.type !== 'predict' && cmd.type !== 'report') {
      if (cmd.type === 'stop') {
        run++;
        loading = false;
        early = [];
        return;
      }
      early.push(cmd);
      return;
    }
    const id = 'id' in cmd ? cmd.id : undefined;
    // Stop is idempotent: a stop after the run ended, or before any start (a page's second click
    // on Stop), has nothing to stop and is not an error.
    if (cmd.type === 'stop' && (!session || session.state === 'done')) return;
    if (!session) return error('no training run: send start first', id);
    try {
      switch (cmd.type) {
        case 'pause':
          return session.pause();
        case 'resume':
          session.resume();
          return kick();
        case 'step':
          // The step trains through the same sliced loop as a run (kick), so commands still arrive.
          session.step(cmd.unit ?? 'epoch');
          return rekick();
        case 'stop':
          return session.stop();
        case 'set':
          session.set(cmd);
          return rekick();
        case 'getModel':
          return post({ type: 'model', id: cmd.id, model: session.model() });
        case 'report':
          return post({ type: 'report', of: 'current', epoch: session.epoch, id: cmd.id, report: session.report(cmd.keepMistakes) });
        case 'predict': {
          const outputs = session.predict(cmd.inputs, cmd.count);
          return post({ type: 'prediction', id: cmd.id, outputs, nOut: session.net.sizes[session.net.sizes.length - 1] }, [outputs.buffer]);
        }
        default:
          return error(`unknown command ${JSON.stringify((cmd as { type?: unknown }).type)}`);
      }
    } catch (e) {
      error(e, id);
    }
  }

  return { handle };
}
