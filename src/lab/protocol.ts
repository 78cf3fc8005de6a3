// The training worker's message protocol: what the page sends (LabCommand) and what the worker
// answers (LabEvent). Plain structured-clone data only (numbers, strings, arrays, typed arrays),
// so the same messages cross a real Web Worker and the in-process stand-in used by the tests.
//
// Life of a run:  start → ('loading')* → 'started' → ('progress')* … → 'done'
//   pause / resume / stop / step any time after start; 'set' changes η, λ (and the batch size)
//   from the next epoch on without resetting the network; 'predict', 'getModel' and 'report' are
//   answered between minibatches (also while paused or after 'done').
//   With `config.report`, the worker also posts the test report ('report' event) of the untrained
//   network right after 'started' and of the trained one just before 'done'.
import type { Toy2DName } from '../data/toy2d';
import type { ModelJSON } from '../engine/model';
import type { PackedSet } from '../engine/fast/loop';

export type { Toy2DName };

export const LAB_PROTOCOL = 'backprop-notebook/lab@1';

export type LabActivation = 'sigmoid' | 'tanh' | 'relu' | 'linear' | 'softmax';
export type LabCost = 'quadratic' | 'cross-entropy' | 'log-likelihood';
export type LabInit = 'standard' | 'scaled';

/** Packed examples: row r of x is example r (count × nIn), row r of y its target (count × nOut) — the engine's type. */
export type { PackedSet } from '../engine/fast/loop';

/** Where the worker gets its examples. */
export type DataSpec =
  /** A seeded 2-D set generated inside the worker (src/data/toy2d.ts). */
  | { kind: 'toy2d'; dataset: Toy2DName; count: number; noise: number; testFraction: number; seed: number }
  /**
   * The MNIST digits from the site's compact binary (public/data/mnist.bin, built by
   * scripts/build-mnist.mjs): the worker fetches it and reports 'loading' events. Fixed split:
   * the first 8,000 are training digits, the last 2,000 test digits; trainCount / testCount take
   * the first so many of each (e.g. 1,000 for the overfitting lab).
   * The same kind reads the full set (public/data/mnist-full.bin, gzip-compressed, 70,000 digits:
   * 50,000 training, 10,000 validation, 10,000 test, as Nielsen splits them); `evaluate` chooses
   * which held-out part fills the records' test fields: 'validation' (default; the small file's
   * only held-out part) or 'test' (the full set's test digits).
   */
  | { kind: 'mnist'; url: string; trainCount?: number; testCount?: number; evaluate?: 'validation' | 'test' }
  /** Examples the page already has, packed row by row (transferable). */
  | { kind: 'packed'; nIn: number; nOut: number; train: PackedSet; test?: PackedSet };

export interface TrainConfig {
  /** Layer sizes, input first, e.g. [784, 30, 10]; must match the data. Ignored when `model` is given. */
  sizes: number[];
  /** One activation for every layer after the input, or one per layer. Default sigmoid. */
  activations?: LabActivation | LabActivation[];
  /** Default quadratic. */
  cost?: LabCost;
  /** Default 'standard' (N(0,1) weights); 'scaled' = N(0, 1/n_in) weights (standard deviation 1/√n_in). */
  init?: LabInit;
  /** Seeds the initial weights; the minibatch order uses its own generator from the same seed, so
   * two runs with one seed see the same minibatches even when init or η differ (A/B mode). */
  seed: number;
  /** Start from these parameters instead of a fresh network (e.g. an uploaded model). */
  model?: ModelJSON;
  eta: number;
  /** L2 strength λ, convention (λ/2n) Σ w² (n = training-set size). Default 0. */
  lambda?: number;
  /**
   * Which penalty λ weighs (chapter 14): 'l2' (λ/2n) Σ w², as without this field, or 'l1'
   * (λ/n) Σ |w| (float64 only). When given, each EpochRecord also carries weightNorm1 and smallWeights.
   */
  regulariser?: 'l2' | 'l1';
  batchSize: number;
  /** Stop after this many epochs; 0 = run until stopped (the playground). */
  epochs: number;
  /** Default 'float64'. 'float32' trades the last digits for speed. */
  dtype?: 'float64' | 'float32';
  /** Evaluate cost/accuracy on the training set each epoch (default true). */
  evaluateTrain?: boolean;
  /** Send σ′(z) and |δ| histograms per layer (MNIST lab). Default off. */
  histograms?: { bins?: number; /** examples sampled per histogram, default 64 */ sample?: number };
  /** Minimum time between 'progress' events in ms (default 50, i.e. at most 20 per second). */
  progressIntervalMs?: number;
  /**
   * At most this many epochs per second (the playground's speed control, so a reader can watch
   * the boundary form); 0 or absent = as fast as the machine trains. A step ('step' command) is
   * never held back. Changed during a run with 'set'.
   */
  epochsPerSecond?: number;
  /**
   * Which kernels train: 'auto' (default) the WebAssembly SIMD ones where the worker could compile
   * them, else TypeScript; 'ts' the TypeScript ones always (for comparison, as the browser benchmark does).
   */
  kernels?: 'auto' | 'ts';
  /**
   * Post the test report (accuracy, confusion matrix, the first misclassified digits: TestSummary)
   * of the untrained network right after 'started' (of: 'initial') and of the trained one just
   * before 'done' (of: 'final'), computed in the worker over the whole test set with the engine's
   * forward pass (predict). Needs a test set. Default off.
   */
  report?: { /** misclassified digits kept, default 24 */ keepMistakes?: number };
}

export type LabCommand =
  | { type: 'start'; config: TrainConfig; data: DataSpec }
  | { type: 'pause' }
  | { type: 'resume' }
  /**
   * While paused: train exactly one epoch (the rest of the current one) or one minibatch, then
   * pause again ('paused' event). The step runs in the worker's time slices like any training:
   * progress events (state 'running') arrive during it, and pause / stop / set are honoured.
   */
  | { type: 'step'; unit?: 'epoch' | 'batch' }
  | { type: 'stop' }
  /** New hyper-parameters, used from the start of the next epoch (the network is kept). */
  | { type: 'set'; eta?: number; lambda?: number; batchSize?: number; epochsPerSecond?: number }
  | { type: 'getModel'; id: number }
  /** Outputs for `count` inputs packed row by row (count × nIn). */
  | { type: 'predict'; id: number; inputs: Float64Array; count: number }
  /** The current network's test report (answered with a 'report' event of: 'current' and this id). */
  | { type: 'report'; id: number; keepMistakes?: number };

/** One row of the learning curve. Test fields are absent when there is no test set. */
export interface EpochRecord {
  epoch: number;
  trainCost?: number;
  trainAccuracy?: number;
  testCost?: number;
  testAccuracy?: number;
  /** Σ w² over all weights (the quantity L2 shrinks). */
  weightNorm2: number;
  /** Σ |w| over all weights (the quantity L1 shrinks); only when the config names a regulariser. */
  weightNorm1?: number;
  /** Fraction of weights with |w| < 0.01; only when the config names a regulariser. */
  smallWeights?: number;
  eta: number;
  lambda: number;
  /** Wall-clock seconds spent training this epoch (excludes evaluation). Not deterministic. */
  seconds: number;
}

export interface Histogram {
  /** bins + 1 edges, ascending. */
  edges: number[];
  counts: number[];
}

/** Per hidden/output layer (layer = 1 … L as in the text): σ′(z) and |δ| samples binned. */
export interface LayerHistograms {
  layer: number;
  /** σ′(z) of an elementwise layer; absent for softmax. */
  sigmaPrime?: Histogram;
  /** |δ| on a log₁₀ scale: edges are log₁₀|δ| (|δ| = 0 counts in the first bin). */
  deltaLog10: Histogram;
  /** Fraction of σ′(z) below 0.01·max σ′ (saturated neurons), when sigmaPrime exists. */
  saturated?: number;
}

/** A test digit the network gets wrong: its index in the test set, its label, the answer and the outputs. */
export interface TestMistake {
  index: number;
  label: number;
  guess: number;
  outputs: number[];
}

/** A network's answers on the test set (src/lab/report.ts). */
export interface TestSummary {
  /** confusion[true][guess] = how many test examples with that label got that answer (argmax of the outputs). */
  confusion: number[][];
  /** The diagonal's share of count (NaN for an empty set). */
  accuracy: number;
  count: number;
  /** The first misclassified examples in test-set order, at most keepMistakes of them. */
  mistakes: TestMistake[];
}

export type RunState = 'idle' | 'loading' | 'running' | 'paused' | 'done';

export type LabEvent =
  | { type: 'loading'; loaded: number; total: number }
  | {
      type: 'started';
      protocol: typeof LAB_PROTOCOL;
      sizes: number[];
      parameterCount: number;
      trainCount: number;
      testCount: number;
      batchesPerEpoch: number;
      /**
       * The kernels training runs on: 'wasm-f64' / 'wasm-f32' (WebAssembly SIMD) or 'ts-f64' /
       * 'ts-f32' (the TypeScript fallback, where WebAssembly or its SIMD is unavailable). The host
       * sets it on every start.
       */
      path?: 'wasm-f64' | 'wasm-f32' | 'ts-f64' | 'ts-f32';
      /** Inputs and labels of the 2-D set, for drawing the points (toy2d only). */
      points?: { train: { x: number[]; label: number[] }; test: { x: number[]; label: number[] } };
    }
  | {
      type: 'progress';
      state: RunState;
      /** The epoch being trained (1-based) and the minibatches of it done so far. */
      epoch: number;
      batch: number;
      batchesPerEpoch: number;
      /** Mean training cost over the minibatches done this epoch (cheap, from the forward pass). */
      runningCost: number;
      /** Epochs completed since the previous progress event (may be several for small sets). */
      epochs: EpochRecord[];
      histograms?: LayerHistograms[];
    }
  | { type: 'paused'; epoch: number; batch: number }
  | { type: 'resumed' }
  | { type: 'set'; eta: number; lambda: number; batchSize: number }
  | {
      type: 'diverged';
      epoch: number;
      batch: number;
      /** Text numbering: 1 … L. */
      layer: number;
      /** Which values stopped being finite numbers (or grew past 1e12). */
      quantity: 'z' | 'activation' | 'delta' | 'weights' | 'biases' | 'cost';
      message: string;
    }
  | {
      type: 'done';
      reason: 'completed' | 'stopped' | 'diverged';
      epochs: number;
      history: EpochRecord[];
      model: ModelJSON;
    }
  | { type: 'model'; id: number; model: ModelJSON }
  | { type: 'prediction'; id: number; outputs: Float64Array; nOut: number }
  | {
      type: 'report';
      /** 'initial': the untrained network; 'final': the network of the finished run; 'current': asked for ('report' command). */
      of: 'initial' | 'final' | 'current';
      /** Epochs trained when it was computed. */
      epoch: number;
      /** The 'report' command's id (of: 'current' only). */
      id?: number;
      report: TestSummary;
    }
  | { type: 'error'; message: string; id?: number };

export type LabEventType = LabEvent['type'];
export type LabEventOf<T extends LabEventType> = Extract<LabEvent, { type: T }>;
