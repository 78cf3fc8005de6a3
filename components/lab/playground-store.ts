// The playground's state in @preact/signals: the settings, the A/B change, the messages and the
// runs (A, and B in A/B mode), each run driven by its own training client. The component reads
// the signals and re-renders when they change; the actions below are the only writers.
// The workers' events update the runs at once (`latest`) but publish them to the `runs` signal at
// most once per animation frame (frame.ts): a burst of events, or two runs reporting together,
// costs one render; the reader's own actions (play, reset, a change) publish at once.
import { signal } from '@preact/signals';
import { coalesceFrames } from './frame';
import type { EpochRecord, LabEventOf } from '../../src/lab/protocol';
import { createTrainingClient, type TrainingClient } from '../../src/lab/client';
import { cellColours, extentOf, gridInputs, type Extent } from './boundary';
import { keepEpoch } from './curve-points';
import { applyAb, dataSpecOf, sizesOf, trainConfigOf, DEFAULT_CONFIG, type AbSetting, type PlaygroundConfig } from './playground-state';

export const GRID = 40;
type Points = NonNullable<LabEventOf<'started'>['points']>;
export type RunPhase = 'starting' | 'running' | 'paused' | 'done';

export interface RunView {
  label: 'A' | 'B';
  config: PlaygroundConfig;
  state: RunPhase;
  /** The epochs the curves keep (curve-points.ts) … */
  curve: EpochRecord[];
  /** … and the latest epoch (the table and the end of the curves). */
  last?: EpochRecord;
  points?: Points;
  extent?: Extent;
  boundary?: string[];
  diverged?: string;
  error?: string;
}

export function createPlaygroundStore() {
  const config = signal<PlaygroundConfig>(DEFAULT_CONFIG);
  const ab = signal<AbSetting | null>(null);
  const notice = signal<string | null>(null);
  const error = signal<string | null>(null);
  const runs = signal<RunView[]>([]);
  // The runs as the events left them: ahead of the published signal by at most a frame.
  let latest: RunView[] = [];
  const frames = coalesceFrames<RunView[]>((v) => {
    runs.value = v;
  });
  const setRuns = (v: RunView[], now: boolean) => {
    latest = v;
    frames.push(v);
    if (now) frames.flush();
  };
  const clients = new Map<'A' | 'B', TrainingClient>();
  const predicting = new Set<'A' | 'B'>();
  const lastPredict = new Map<'A' | 'B', number>();

  const update = (label: 'A' | 'B', f: (r: RunView) => RunView) => setRuns(latest.map((r) => (r.label === label ? f(r) : r)), false);
  const runOf = (label: 'A' | 'B') => latest.find((r) => r.label === label);

  function requestBoundary(label: 'A' | 'B') {
    const r = runOf(label);
    const client = clients.get(label);
    if (!r?.extent || !client || predicting.has(label)) return;
    predicting.add(label);
    lastPredict.set(label, performance.now());
    const nOut = sizesOf(r.config).at(-1)!;
    client
      .predict(gridInputs(r.extent, GRID), GRID * GRID)
      .then((out) => update(label, (q) => ({ ...q, boundary: cellColours(out, nOut) })))
      .catch(() => {})
      .finally(() => predicting.delete(label));
  }

  function makeRun(label: 'A' | 'B', c: PlaygroundConfig): RunView {
    const client = createTrainingClient();
    clients.set(label, client);
    client.on('started', (e) => {
      if (e.points) {
        const points = e.points;
        update(label, (r) => ({ ...r, points, extent: extentOf([...points.train.x, ...points.test.x]) }));
        requestBoundary(label);
      }
    });
    client.on('progress', (e) => {
      update(label, (r) => ({
        ...r,
        state: e.state === 'running' || e.state === 'paused' ? e.state : r.state,
        curve: e.epochs.length ? [...r.curve, ...e.epochs.filter((h) => keepEpoch(h.epoch))] : r.curve,
        last: e.epochs.at(-1) ?? r.last,
      }));
      if (performance.now() - (lastPredict.get(label) ?? 0) > 250) requestBoundary(label);
    });
    client.on('paused', () => {
      update(label, (r) => ({ ...r, state: 'paused' }));
      requestBoundary(label);
    });
    client.on('resumed', () => update(label, (r) => ({ ...r, state: 'running' })));
    client.on('diverged', (e) => update(label, (r) => ({ ...r, diverged: `Run ${label} stopped (layer ${e.layer}). ${e.message}` })));
    client.on('done', (e) => {
      update(label, (r) => ({ ...r, state: 'done', last: e.history.at(-1) ?? r.last, curve: r.curve.length ? r.curve : e.history.filter((h) => keepEpoch(h.epoch)) }));
      requestBoundary(label);
    });
    client.on('error', (e) => {
      if (e.id !== undefined) return;
      // A run that never started has no Pause button.
      update(label, (r) => ({ ...r, state: r.state === 'starting' ? 'done' : r.state, error: `Run ${label}: ${e.message}` }));
    });
    client.start(trainConfigOf(c), dataSpecOf(c));
    return { label, config: c, state: 'starting', curve: [] };
  }

  const live = () => latest.filter((r) => !r.diverged && r.state !== 'done');

  /** Create the runs if there are none; false when they already existed (or B is invalid). */
  function ensureRuns(): boolean {
    if (latest.length) return false;
    const b = ab.value ? applyAb(config.value, ab.value) : null;
    if (b && !b.ok) {
      error.value = `B: ${b.message}`;
      return false;
    }
    const list = [makeRun('A', config.value)];
    if (b?.ok) list.push(makeRun('B', b.value));
    setRuns(list, true);
    return true;
  }

  function reset() {
    for (const c of clients.values()) c.dispose();
    clients.clear();
    predicting.clear();
    setRuns([], true);
    error.value = null;
  }

  return {
    config,
    ab,
    notice,
    error,
    runs,
    /** True while a run trains (or is about to). */
    running: () => live().some((r) => r.state === 'running' || r.state === 'starting'),
    play() {
      if (!ensureRuns()) for (const r of live()) clients.get(r.label)?.resume();
    },
    pause() {
      for (const r of live()) clients.get(r.label)?.pause();
    },
    step() {
      const fresh = ensureRuns();
      for (const r of live()) {
        const c = clients.get(r.label);
        if (fresh || r.state === 'running' || r.state === 'starting') c?.pause();
        c?.step('epoch');
      }
    },
    reset,
    /** A change that needs a new network (data, shape, σ, cost, init, seed) resets the runs. */
    change(patch: Partial<PlaygroundConfig>) {
      reset();
      config.value = { ...config.value, ...patch };
    },
    /** η, λ, the batch size and the speed change during a run, the network kept. */
    tune(patch: Partial<Pick<PlaygroundConfig, 'eta' | 'lambda' | 'batchSize' | 'speed'>>) {
      const next = { ...config.value, ...patch };
      config.value = next;
      for (const r of latest) {
        const own = r.label === 'B' && ab.value ? applyAb(next, ab.value) : { ok: true as const, value: next };
        if (own.ok) clients.get(r.label)?.set({ eta: own.value.eta, lambda: own.value.lambda, batchSize: own.value.batchSize, epochsPerSecond: own.value.speed });
      }
    },
    setAb(next: AbSetting | null) {
      reset();
      ab.value = next;
    },
    dispose: reset,
  };
}

export type PlaygroundStore = ReturnType<typeof createPlaygroundStore>;
