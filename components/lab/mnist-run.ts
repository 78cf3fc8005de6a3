// The MNIST lab's training run as a reducer (pure: test/lab-ui/mnist-run.test.ts) and the hook that
// drives it from a training client. One place decides the run's phase, so rapid Train/Stop clicks
// cannot leave the page showing one state while the worker is in another:
//   idle → loading → running ⇄ paused → (stopping →) stopped | done
// A Stop while the worker is still loading the digits ends the run on the page at once (the
// client is disposed with its worker); a Stop during training waits for the worker's 'done'.
// The worker's events are reduced as they arrive, but the page renders the result at most once
// per animation frame (frame.ts): a burst of events costs one render. A click's answer is at once.
import { useEffect, useRef } from 'preact/hooks';
import type { ModelJSON } from '../../src/engine/index.ts';
import type { DataSpec, EpochRecord, LabEvent, LayerHistograms, TestSummary, TrainConfig } from '../../src/lab/protocol';
import { useFrameReducer } from './frame';
import { createTrainingClient, type TrainingClient } from '../../src/lab/client';

export type Phase = 'idle' | 'loading' | 'running' | 'paused' | 'stopping' | 'stopped' | 'done';

export interface RunState {
  phase: Phase;
  workerLoad: { loaded: number; total: number } | null;
  progress: { epoch: number; batch: number; of: number } | null;
  history: EpochRecord[];
  histograms: LayerHistograms[] | null;
  diverged: string | null;
  error: string | null;
  /** The untrained network's test accuracy, from the worker's 'initial' report (config.report). */
  baseline: number | null;
  /** The trained network's test report, from the worker's 'final' report (config.report). */
  report: TestSummary | null;
  /** Bumps with every new start, so a caller can tell runs apart. */
  run: number;
}

export type RunAction =
  | { type: 'start' }
  | { type: 'stop-now' }
  | { type: 'stopping' }
  | { type: 'event'; event: LabEvent; keepHistograms: boolean };

export const IDLE: RunState = { phase: 'idle', workerLoad: null, progress: null, history: [], histograms: null, diverged: null, error: null, baseline: null, report: null, run: 0 };

/** True while a run holds the worker (training, paused, or about to). */
export const isBusy = (p: Phase) => p === 'loading' || p === 'running' || p === 'paused' || p === 'stopping';

export function reduceRun(s: RunState, a: RunAction): RunState {
  switch (a.type) {
    case 'start':
      return { ...IDLE, phase: 'loading', run: s.run + 1 };
    case 'stop-now':
      return isBusy(s.phase) ? { ...s, phase: 'stopped', workerLoad: null } : s;
    case 'stopping':
      return s.phase === 'running' || s.phase === 'paused' ? { ...s, phase: 'stopping' } : s;
    case 'event':
      return onEvent(s, a.event, a.keepHistograms);
  }
}

function onEvent(s: RunState, e: LabEvent, keepHistograms: boolean): RunState {
  // After the run ended on the page, late events of it change nothing.
  if (!isBusy(s.phase)) return s;
  switch (e.type) {
    case 'loading':
      return { ...s, workerLoad: { loaded: e.loaded, total: e.total } };
    case 'started':
      return s.phase === 'loading' ? { ...s, phase: 'running', workerLoad: null } : s;
    case 'progress': {
      const phase = s.phase === 'stopping' ? s.phase : e.state === 'running' || e.state === 'paused' ? e.state : s.phase;
      return {
        ...s,
        phase,
        progress: { epoch: e.epoch, batch: e.batch, of: e.batchesPerEpoch },
        history: e.epochs.length ? [...s.history, ...e.epochs] : s.history,
        histograms: e.histograms && keepHistograms ? e.histograms : s.histograms,
      };
    }
    case 'paused':
      return s.phase === 'running' ? { ...s, phase: 'paused' } : s;
    case 'resumed':
      return s.phase === 'paused' ? { ...s, phase: 'running' } : s;
    case 'report':
      return e.of === 'initial' ? { ...s, baseline: e.report.accuracy } : e.of === 'final' ? { ...s, report: e.report } : s;
    case 'diverged':
      return { ...s, diverged: `Stopped (layer ${e.layer}). ${e.message}` };
    case 'done':
      return { ...s, phase: e.reason === 'stopped' ? 'stopped' : 'done', history: e.history.slice() };
    case 'error':
      // A failed start (bad settings, data not loaded) ends the run: the controls come back.
      if (e.id !== undefined) return s;
      return { ...s, error: e.message, phase: s.phase === 'loading' ? 'idle' : s.phase };
    default:
      return s;
  }
}

export interface MnistRun {
  state: RunState;
  start(config: TrainConfig, data: DataSpec): void;
  pause(): void;
  resume(): void;
  stop(): void;
  /** The worker's current model (null when there is no run to ask). */
  getModel(): Promise<ModelJSON> | null;
}

/**
 * Drive one run at a time: `onModel` receives the model after every epoch and at the end.
 * Histograms are kept at most every 400 ms (drawing them costs more than computing them).
 */
export interface RunOptions {
  /** Every event of the worker, as it arrives (after the reducer has seen it). */
  onEvent?(e: LabEvent): void;
  /** Ask for the model after every epoch (default true); the reproduce panel does not need it. */
  models?: boolean;
  /** Terminate the worker once its run is done (default false): it frees the full set's memory. */
  releaseWhenDone?: boolean;
}

export function useMnistRun(onModel: (m: ModelJSON) => void, options: RunOptions = {}): MnistRun {
  // Events render at the next animation frame (dispatch), clicks at once (dispatchNow).
  const { state, dispatch, dispatchNow, current } = useFrameReducer(reduceRun, IDLE);
  const client = useRef<TrainingClient | null>(null);
  const lastHist = useRef(0);
  const model = useRef(onModel);
  model.current = onModel;
  const opts = useRef(options);
  opts.current = options;
  useEffect(() => () => client.current?.dispose(), []);

  const drop = () => {
    client.current?.dispose();
    client.current = null;
  };
  return {
    state,
    start(config, data) {
      drop();
      dispatchNow({ type: 'start' });
      const c = createTrainingClient();
      client.current = c;
      c.onAny((event) => {
        let keepHistograms = false;
        if (event.type === 'progress' && event.histograms && performance.now() - lastHist.current > 400) {
          lastHist.current = performance.now();
          keepHistograms = true;
        }
        dispatch({ type: 'event', event, keepHistograms });
        opts.current.onEvent?.(event);
        if ((opts.current.models ?? true) && event.type === 'progress' && event.epochs.length) c.getModel().then((m) => model.current(m)).catch(() => {});
        if (event.type === 'done') {
          model.current(event.model);
          if (opts.current.releaseWhenDone && client.current === c) drop();
        }
      });
      c.start(config, data);
    },
    pause: () => client.current?.pause(),
    resume: () => client.current?.resume(),
    stop() {
      if (current().phase === 'loading') {
        // Nothing trained yet: end it here, worker and all.
        drop();
        dispatchNow({ type: 'stop-now' });
        return;
      }
      dispatchNow({ type: 'stopping' });
      client.current?.stop();
    },
    getModel: () => client.current?.getModel() ?? null,
  };
}
