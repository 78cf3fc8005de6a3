// One training run, as a pure state machine with no timers and no Worker: the worker (host.ts)
// calls work() in slices and forwards the events; the tests drive it directly with a fake clock.
//
// Training is minibatch SGD exactly as sgd() in src/engine/train.ts: the engine's one training
// loop (createEpochLoop in src/engine/fast/loop.ts: the per-epoch shuffle of one index array,
// batches cut in order), with cost/accuracy evaluated after each epoch, each step on the fast
// path (src/engine/fast/): the WebAssembly kernels when the caller passes them (options.wasm)
// and they compute the network, else the TypeScript kernels; `session.path` says which. The
// shuffle generator is seeded with shuffleSeed(seed), so `sgd(net, data, { seed:
// shuffleSeed(seed), … })` reproduces a run. Minibatches are trained k at a time in one call,
// k sized from the time the last call took so that a slice stays within its budget.
import { type FastPath, type FastTrainer, type FastWasm, createEpochLoop, createTrainer } from '../engine/fast';
import { type ModelJSON, fromJSON, toJSON } from '../engine/model';
import { type Network, createNetwork } from '../engine/network';
import { type Rng, createRng } from '../engine/rng';
import { computeHistograms } from './histograms';
import { createL1Hook, weightStats } from './l1';
import { summariseRows } from './report';
import type { EpochRecord, LabEvent, LayerHistograms, PackedSet, RunState, TestSummary, TrainConfig } from './protocol';

/** The minibatch order's seed for a run seeded `seed` (kept apart from the weights' seed). */
export function shuffleSeed(seed: number): number {
  return (Math.floor(seed) ^ 0x5bd1e995) >>> 0;
}

export interface LoadedData {
  nIn: number;
  nOut: number;
  train: PackedSet;
  test?: PackedSet;
}

export interface SessionOptions {
  /** Milliseconds; default performance.now / Date.now. Tests pass a fake clock. */
  now?: () => number;
  /** The compiled WebAssembly kernels (loadFastWasm); without them the TypeScript kernels train. */
  wasm?: FastWasm | null;
}

export interface Session {
  readonly state: RunState;
  readonly epoch: number;
  readonly history: readonly EpochRecord[];
  readonly net: Network;
  /** The kernels the minibatches run on: 'wasm-f64' | 'wasm-f32' (WebAssembly SIMD) or 'ts-f64' | 'ts-f32' (TypeScript). */
  readonly path: FastPath;
  /** Train minibatches for up to budgetMs; returns true while there is more to do (running). */
  work(budgetMs: number): boolean;
  pause(): void;
  resume(): void;
  /**
   * While paused: train one epoch (the rest of the current one) or one minibatch, then pause again.
   * The step itself runs through work() like any training (state 'running', progress events, and
   * pause / stop / set are honoured between minibatches); it only sets the goal. A step asked for
   * while one is under way is queued after it. From 'running' it pauses first.
   */
  step(unit: 'epoch' | 'batch'): void;
  /** True while a step is under way (state 'running' until its goal is reached). */
  readonly stepping: boolean;
  stop(): void;
  /** η, λ and the batch size from the next epoch on; the speed limit at once. */
  set(params: { eta?: number; lambda?: number; batchSize?: number; epochsPerSecond?: number }): void;
  /** While running under a speed limit: ms until the next epoch may start (0 = may train now). */
  waitMs(): number;
  predict(inputs: Float64Array, count: number): Float64Array;
  model(): ModelJSON;
  /** The current network's report on the test set (engine forward pass; default keeps config.report's number of mistakes, else 24). */
  report(keepMistakes?: number): TestSummary;
  /** config.report's number of mistakes to keep, or null when the config asks for no reports. */
  readonly reports: number | null;
}

/** A config problem the page should show (the message names the field and the value). */
export class LabConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LabConfigError';
  }
}

function fail(message: string): never {
  throw new LabConfigError(message);
}

export function checkEta(eta: unknown): number {
  if (typeof eta !== 'number' || !Number.isFinite(eta) || eta <= 0) fail(`η must be a positive finite number (got ${String(eta)})`);
  return eta;
}

export function checkLambda(lambda: unknown): number {
  if (typeof lambda !== 'number' || !Number.isFinite(lambda) || lambda < 0) fail(`λ must be a finite number ≥ 0 (got ${String(lambda)})`);
  return lambda;
}

export function checkEpochsPerSecond(r: unknown): number {
  if (r === undefined) return 0;
  if (typeof r !== 'number' || !Number.isFinite(r) || r < 0) fail(`epochs per second must be a finite number ≥ 0, 0 meaning "as fast as possible" (got ${String(r)})`);
  return r;
}

export function checkBatchSize(b: unknown, n: number): number {
  if (typeof b !== 'number' || !Number.isInteger(b) || b < 1) fail(`the batch size must be a whole number ≥ 1 (got ${String(b)})`);
  if (b > n) fail(`the batch size ${b} is larger than the ${n} training examples`);
  return b;
}

/** config.report: the number of mistakes to keep (null: no reports); a report needs a test set. */
export function checkReport(r: TrainConfig['report'], data: LoadedData): number | null {
  if (r === undefined) return null;
  if (!r || typeof r !== 'object') fail(`report must be an object such as { keepMistakes: 24 } (got ${String(r)})`);
  const keep = r.keepMistakes ?? 24;
  if (!Number.isInteger(keep) || keep < 0) fail(`report.keepMistakes must be a whole number ≥ 0 (got ${String(keep)})`);
  if (!data.test || data.test.count === 0) fail('a test report needs a test set');
  return keep;
}

/** Build the network a config asks for, checked against the data's shape. */
export function buildNetwork(config: TrainConfig, data: LoadedData): Network {
  let net: Network;
  if (config.model) {
    net = fromJSON(config.model);
  } else {
    const L = Array.isArray(config.sizes) ? config.sizes.length - 1 : 0;
    const acts = config.activations ?? 'sigmoid';
    if (Array.isArray(acts)) acts.forEach((a, i) => a === 'softmax' && i !== L - 1 && fail(`softmax is only for the output layer (layer ${i + 1} of ${L})`));
    else if (acts === 'softmax' && L > 1) fail('softmax is only for the output layer: choose another activation for the hidden layers');
    try {
      net = createNetwork({ sizes: config.sizes, activations: acts, cost: config.cost ?? 'quadratic', init: config.init ?? 'standard', seed: config.seed });
    } catch (e) {
      fail((e as Error).message);
    }
  }
  const L = net.sizes.length - 1;
  if (net.sizes[0] !== data.nIn) fail(`the input layer has ${net.sizes[0]} neurons but each example has ${data.nIn} inputs`);
  if (net.sizes[L] !== data.nOut) fail(`the output layer has ${net.sizes[L]} neurons but the targets have ${data.nOut} entries`);
  if (net.activations[L - 1].name === 'softmax' && net.sizes[L] < 2) fail('a softmax output needs at least 2 neurons');
  return net;
}

const QUANTITY_TEXT = {
  z: 'weighted inputs z',
  activation: 'activations a',
  delta: 'errors δ',
  weights: 'weights',
  biases: 'biases',
  cost: 'cost',
} as const;

export function createSession(config: TrainConfig, data: LoadedData, emit: (e: LabEvent) => void, options: SessionOptions = {}): Session {
  const now = options.now ?? (() => (typeof performance !== 'undefined' ? performance.now() : Date.now()));
  const n = data.train.count;
  if (!(n >= 1)) fail('there are no training examples');
  const net = buildNetwork(config, data);
  let eta = checkEta(config.eta);
  let lambda = checkLambda(config.lambda ?? 0);
  let batchSize = checkBatchSize(config.batchSize, n);
  let epochsPerSecond = checkEpochsPerSecond(config.epochsPerSecond);
  // Under a speed limit: when the epoch under way (or the last one) started; the next may start
  // 1000 / epochsPerSecond ms later.
  let epochStartedAt = -Infinity;
  const maxEpochs = config.epochs;
  if (!Number.isInteger(maxEpochs) || maxEpochs < 0) fail(`epochs must be a whole number ≥ 0, 0 meaning "until stopped" (got ${String(maxEpochs)})`);
  const dtype = config.dtype ?? 'float64';
  if (dtype !== 'float64' && dtype !== 'float32') fail(`dtype must be 'float64' or 'float32' (got ${String(dtype)})`);
  const evaluateTrain = config.evaluateTrain ?? true;
  const interval = config.progressIntervalMs ?? 50;
  const hist = config.histograms ? { bins: config.histograms.bins ?? 20, sample: Math.min(config.histograms.sample ?? 64, n) } : null;

  const regulariser = config.regulariser;
  if (regulariser !== undefined && regulariser !== 'l2' && regulariser !== 'l1') fail(`the regulariser must be 'l2' or 'l1' (got ${String(regulariser)})`);
  if (regulariser === 'l1' && dtype !== 'float64') fail('L1 runs in float64 only');
  const reports = checkReport(config.report, data);
  const kernels = config.kernels ?? 'auto';
  if (kernels !== 'auto' && kernels !== 'ts') fail(`kernels must be 'auto' or 'ts' (got ${String(kernels)})`);
  // L1 (src/lab/l1.ts) steps the network's own weight arrays between minibatches: only the TS
  // float64 trainer trains those in place, one minibatch per step of the hook
  const trainer: FastTrainer = createTrainer(net, { batchSize, dtype, wasm: kernels === 'ts' || regulariser === 'l1' ? null : options.wasm });
  const l1 = regulariser === 'l1' ? createL1Hook(net) : null;
  const rng: Rng = createRng(shuffleSeed(config.seed));
  const loop = createEpochLoop(trainer, data.train, rng);
  const sampleRows = hist ? Array.from({ length: hist.sample }, (_, i) => i) : [];

  let state: RunState = 'running';
  let epoch = 0; // epochs completed (recorded)
  let batch = 0; // minibatches done in the current epoch
  let epochStarted = false;
  let msPerBatch = NaN; // measured on the last call (NaN before the first); sizes the next
  let lastK = 1;
  let epochCostSum = 0;
  let epochCostCount = 0;
  let epochSeconds = 0;
  let pending: { eta?: number; lambda?: number; batchSize?: number } | null = null;
  let unsent: EpochRecord[] = [];
  const history: EpochRecord[] = [];
  let lastProgress = -Infinity;
  let batchesDone = 0; // minibatches trained in the whole run (a step's goal counts them)
  // The step under way (reached when the predicate holds) and the steps queued after it.
  let stepGoal: (() => boolean) | null = null;
  const queuedSteps: ('epoch' | 'batch')[] = [];

  const batchesPerEpoch = () => Math.ceil(n / batchSize);

  function applyPending(): void {
    if (!pending) return;
    if (pending.eta !== undefined) eta = pending.eta;
    if (pending.lambda !== undefined) lambda = pending.lambda;
    if (pending.batchSize !== undefined) batchSize = pending.batchSize;
    pending = null;
    emit({ type: 'set', eta, lambda, batchSize });
  }

  function histograms(): LayerHistograms[] | undefined {
    if (!hist) return undefined;
    trainer.probeRows(data.train.x, data.train.y, sampleRows, 0, sampleRows.length);
    return computeHistograms(net, trainer.layers(), hist.bins);
  }

  function progress(force: boolean): void {
    const t = now();
    if (!force && t - lastProgress < interval) return;
    lastProgress = t;
    const epochs = unsent;
    unsent = [];
    emit({
      type: 'progress',
      state,
      epoch: epoch + (state === 'done' || batch === 0 ? 0 : 1),
      batch,
      batchesPerEpoch: batchesPerEpoch(),
      runningCost: epochCostCount ? epochCostSum / epochCostCount : NaN,
      epochs,
      histograms: histograms(),
    });
  }

  function diverged(layer: number, quantity: keyof typeof QUANTITY_TEXT): void {
    const where = `epoch ${epoch + 1}, minibatch ${batch}`;
    const message =
      `Training diverged at ${where}: the ${QUANTITY_TEXT[quantity]} of layer ${layer} blew up (NaN, ±∞ or beyond 10¹²). ` +
      `η = ${eta} is too large for this network; try a smaller η.`;
    emit({ type: 'diverged', epoch: epoch + 1, batch, layer, quantity, message });
    finish('diverged');
  }

  function finish(reason: 'completed' | 'stopped' | 'diverged'): void {
    if (state === 'done') return;
    state = 'done';
    stepGoal = null;
    queuedSteps.length = 0;
    progress(true);
    if (reports !== null) emit({ type: 'report', of: 'final', epoch, report: report(reports) });
    emit({ type: 'done', reason, epochs: epoch, history: history.slice(), model: toJSON(trainer.sync()) });
  }

  function report(keepMistakes = reports ?? 24): TestSummary {
    if (!Number.isInteger(keepMistakes) || keepMistakes < 0) fail(`the number of mistakes to keep must be a whole number ≥ 0 (got ${String(keepMistakes)})`);
    const test = data.test;
    if (!test || test.count === 0) fail('there is no test set to report on');
    return summariseRows(trainer.sync(), test.x, test.y, test.count, keepMistakes);
  }

  /** ms until the next epoch may start under the speed limit (0 when none, or a step is under way). */
  function waitMs(): number {
    if (epochsPerSecond <= 0 || epochStarted || stepGoal) return 0;
    return Math.max(0, epochStartedAt + 1000 / epochsPerSecond - now());
  }

  /**
   * Up to maxBatches minibatches of the current epoch in one call into the trainer; at the end of
   * an epoch, evaluate and record. Returns false when the run ended.
   */
  function someBatches(maxBatches: number): boolean {
    if (!epochStarted) {
      epochStartedAt = now();
      applyPending();
      epochStarted = true;
      batch = 0;
      epochCostSum = 0;
      epochCostCount = 0;
      epochSeconds = 0;
    }
    const t0 = now();
    l1?.before();
    const slice = loop.next(l1 ? 1 : maxBatches, { eta, lambda: l1 ? 0 : lambda, n }, batchSize);
    l1?.after(eta, lambda, n);
    const t1 = now();
    epochSeconds += (t1 - t0) / 1000;
    msPerBatch = (t1 - t0) / slice.batches;
    lastK = slice.batches;
    batch += slice.batches;
    batchesDone += slice.batches;
    epochCostSum += slice.costSum;
    epochCostCount += slice.examples;
    if (slice.nonFinite) {
      const bad = trainer.findNonFinite();
      if (bad) {
        diverged(bad.layer, bad.quantity);
        return false;
      }
    }
    if (slice.epochEnded) return endEpoch();
    return true;
  }

  /** How many minibatches the next call may train: one while stepping, else what fits the budget left. */
  function chunk(leftMs: number): number {
    if (stepGoal || !(msPerBatch >= 0)) return 1;
    // a call too short for the clock to see (msPerBatch 0) lets the next one take 4× as many
    if (msPerBatch === 0) return 4 * lastK;
    return Math.max(1, Math.min(4 * lastK, Math.floor(leftMs / msPerBatch)));
  }

  function endEpoch(): boolean {
    const bad = trainer.findNonFinite();
    if (bad) {
      diverged(bad.layer, bad.quantity);
      return false;
    }
    epoch = loop.epoch;
    epochStarted = false;
    const rec: EpochRecord = { epoch, weightNorm2: trainer.sumSquaredWeights(), eta, lambda, seconds: epochSeconds };
    if (regulariser) Object.assign(rec, weightStats(net));
    if (evaluateTrain) {
      const e = trainer.evaluateRows(data.train.x, data.train.y, n);
      rec.trainCost = e.cost;
      rec.trainAccuracy = e.accuracy;
    }
    if (data.test && data.test.count > 0) {
      const e = trainer.evaluateRows(data.test.x, data.test.y, data.test.count);
      rec.testCost = e.cost;
      rec.testAccuracy = e.accuracy;
    }
    batch = 0;
    history.push(rec);
    unsent.push(rec);
    if (maxEpochs > 0 && epoch >= maxEpochs) {
      finish('completed');
      return false;
    }
    // Between epochs: new η / λ / batch size take effect now (and are announced).
    applyPending();
    return true;
  }

  /** The goal of a step starting now: the current epoch finished, or one more minibatch. */
  function goalOf(unit: 'epoch' | 'batch'): () => boolean {
    if (unit === 'batch') {
      const target = batchesDone + 1;
      return () => batchesDone >= target;
    }
    const target = epoch + 1;
    return () => epoch >= target;
  }

  function pauseNow(): void {
    stepGoal = null;
    queuedSteps.length = 0;
    state = 'paused';
    progress(true);
    emit({ type: 'paused', epoch, batch });
  }

  /** After a minibatch of a step: start the next queued step or pause. Returns true when paused. */
  function stepReached(): boolean {
    if (!stepGoal || !stepGoal()) return false;
    const next = queuedSteps.shift();
    if (next) {
      stepGoal = goalOf(next);
      return false;
    }
    pauseNow();
    return true;
  }

  return {
    get state() {
      return state;
    },
    get epoch() {
      return epoch;
    },
    get history() {
      return history;
    },
    get stepping() {
      return stepGoal !== null;
    },
    net,
    path: trainer.path,
    work(budgetMs) {
      if (state !== 'running') return false;
      const t0 = now();
      let elapsed = 0;
      do {
        if (waitMs() > 0) break;
        if (!someBatches(chunk(budgetMs - elapsed))) return false;
        if (stepReached()) return false;
        elapsed = now() - t0;
      } while (elapsed < budgetMs);
      progress(false);
      return state === 'running';
    },
    pause() {
      if (state !== 'running') return;
      pauseNow();
    },
    resume() {
      if (state === 'running' && stepGoal) {
        // Resume during a step: keep running past the step's goal.
        stepGoal = null;
        queuedSteps.length = 0;
        emit({ type: 'resumed' });
        return;
      }
      if (state !== 'paused') return;
      state = 'running';
      emit({ type: 'resumed' });
    },
    step(unit) {
      if (state === 'running' && stepGoal) {
        queuedSteps.push(unit);
        return;
      }
      if (state === 'running') pauseNow();
      if (state !== 'paused') return;
      stepGoal = goalOf(unit);
      state = 'running';
      // Tell the page at once that the run is moving (Pause works during a step).
      progress(true);
    },
    stop() {
      finish('stopped');
    },
    set(params) {
      const next = { ...(pending ?? {}) };
      if (params.eta !== undefined) next.eta = checkEta(params.eta);
      if (params.lambda !== undefined) next.lambda = checkLambda(params.lambda);
      if (params.batchSize !== undefined) next.batchSize = checkBatchSize(params.batchSize, n);
      if (params.epochsPerSecond !== undefined) epochsPerSecond = checkEpochsPerSecond(params.epochsPerSecond);
      if (params.eta === undefined && params.lambda === undefined && params.batchSize === undefined) return;
      pending = next;
      // At an epoch boundary the change applies at once; otherwise at the start of the next epoch.
      if (!epochStarted) applyPending();
    },
    waitMs,
    predict(inputs, count) {
      if (!Number.isInteger(count) || count < 0 || inputs.length !== count * data.nIn) {
        fail(`predict needs count × ${data.nIn} inputs (got ${inputs.length} numbers for count ${count})`);
      }
      return trainer.predictRows(inputs, count);
    },
    model() {
      return toJSON(trainer.sync());
    },
    report,
    reports,
  };
}
