// The page's side of the training worker: a small typed wrapper over postMessage.
//   const lab = createTrainingClient();            // spawns src/lab/train.worker.ts
//   lab.on('progress', (e) => …); lab.on('done', (e) => …);
//   lab.start(config, { kind: 'toy2d', dataset: 'spiral', count: 400, noise: 0.1, testFraction: 0.5, seed: 1 });
//   lab.pause(); lab.set({ eta: 0.3 }); lab.resume(); const model = await lab.getModel();
// Tests (and a page without Worker support) pass `worker: createInProcessWorker()` from ./local.
import type { ModelJSON } from '../engine/model';
import type { DataSpec, LabCommand, LabEvent, LabEventOf, LabEventType, TestSummary, TrainConfig } from './protocol';

/** The part of the Worker interface the client uses. */
export interface WorkerLike {
  postMessage(message: unknown, transfer?: Transferable[]): void;
  addEventListener(type: 'message', listener: (e: { data: unknown }) => void): void;
  addEventListener(type: 'error', listener: (e: { message?: string }) => void): void;
  terminate(): void;
}

export interface TrainingClient {
  start(config: TrainConfig, data: DataSpec): void;
  pause(): void;
  resume(): void;
  /** While paused: one epoch (default) or one minibatch, then paused again. */
  step(unit?: 'epoch' | 'batch'): void;
  stop(): void;
  /** Takes effect from the next epoch; the network is not reset. */
  set(params: { eta?: number; lambda?: number; batchSize?: number; epochsPerSecond?: number }): void;
  getModel(): Promise<ModelJSON>;
  /** Network outputs for `count` inputs packed row by row; resolves to count × nOut values. */
  predict(inputs: Float64Array, count: number): Promise<Float64Array>;
  /** The current network's test report, computed in the worker (keepMistakes default: the run's config.report, else 24). */
  report(keepMistakes?: number): Promise<TestSummary>;
  /** Listen to one event type; returns the function that removes the listener. */
  on<T extends LabEventType>(type: T, handler: (e: LabEventOf<T>) => void): () => void;
  /** Listen to every event. */
  onAny(handler: (e: LabEvent) => void): () => void;
  /** Stop and terminate the worker. */
  dispose(): void;
}

export function createLabWorker(): WorkerLike {
  return new Worker(new URL('./train.worker.ts', import.meta.url), { type: 'module' }) as unknown as WorkerLike;
}

export function createTrainingClient(options: { worker?: WorkerLike } = {}): TrainingClient {
  const worker = options.worker ?? createLabWorker();
  const listeners = new Set<(e: LabEvent) => void>();
  const pending = new Map<number, { resolve: (v: never) => void; reject: (e: Error) => void }>();
  let nextId = 1;
  let disposed = false;

  const dispatch = (e: LabEvent) => {
    if ((e.type === 'model' || e.type === 'prediction' || e.type === 'report' || e.type === 'error') && e.id !== undefined && pending.has(e.id)) {
      const p = pending.get(e.id)!;
      pending.delete(e.id);
      if (e.type === 'model') p.resolve(e.model as never);
      else if (e.type === 'prediction') p.resolve(e.outputs as never);
      else if (e.type === 'report') p.resolve(e.report as never);
      else p.reject(new Error(e.message));
    }
    for (const l of [...listeners]) l(e);
  };
  worker.addEventListener('message', (m) => dispatch(m.data as LabEvent));
  worker.addEventListener('error', (err) => dispatch({ type: 'error', message: `training worker failed: ${err.message ?? 'unknown error'}` }));

  const send = (cmd: LabCommand, transfer?: Transferable[]) => {
    if (disposed) return;
    worker.postMessage(cmd, transfer);
  };

  const request = <T>(make: (id: number) => LabCommand): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      if (disposed) return reject(new Error('the training client was disposed'));
      const id = nextId++;
      pending.set(id, { resolve: resolve as (v: never) => void, reject });
      send(make(id));
    });

  return {
    start: (config, data) => send({ type: 'start', config, data }),
    pause: () => send({ type: 'pause' }),
    resume: () => send({ type: 'resume' }),
    step: (unit = 'epoch') => send({ type: 'step', unit }),
    stop: () => send({ type: 'stop' }),
    set: (params) => send({ type: 'set', ...params }),
    getModel: () => request<ModelJSON>((id) => ({ type: 'getModel', id })),
    predict: (inputs, count) => request<Float64Array>((id) => ({ type: 'predict', id, inputs, count })),
    report: (keepMistakes) => request<TestSummary>((id) => ({ type: 'report', id, ...(keepMistakes === undefined ? {} : { keepMistakes }) })),
    on(type, handler) {
      const l = (e: LabEvent) => {
        if (e.type === type) handler(e as never);
      };
      listeners.add(l);
      return () => listeners.delete(l);
    },
    onAny(handler) {
      listeners.add(handler);
      return () => listeners.delete(handler);
    },
    dispose() {
      if (disposed) return;
      send({ type: 'stop' });
      disposed = true;
      for (const p of pending.values()) p.reject(new Error('the training client was disposed'));
      pending.clear();
      listeners.clear();
      worker.terminate();
    },
  };
}
