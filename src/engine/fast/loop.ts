// The one training loop of minibatch SGD (Algorithm 4 over epochs): each epoch shuffles one index
// array with the run's generator, cuts it into minibatches in order, and steps on each. It drives
// a Stepper — the per-example reference (referenceStepper, reference.ts), the TypeScript kernels or the
// WebAssembly kernels (a FastTrainer is a Stepper) — and can run in slices of k minibatches, so
// the lab's worker stays responsive between calls. sgd (sgd.ts), trainRegularised, the lab session
// (src/lab/session.ts) and the benchmarks (bench/) all train through it.
import type { Network } from '../network';
import type { StepOptions } from '../optimize';
import type { Rng } from '../rng';
import type { FastEvaluation, FastPath, NonFinite } from './types';

/**
 * A packed dataset, the engine's one type for it: `count` examples, inputs row by row in x
 * (count × n₀) and targets row by row in y (count × n_L). Inputs that are pixels may be packed as
 * bytes: a Uint8Array x stands for the inputs x[k] / 256 (PIXEL_SCALE), which every stepper reads
 * as exactly the number a Float64Array holding x[k] / 256 would give — an eighth of the memory
 * for MNIST's 70,000 digits.
 */
export interface PackedSet {
  count: number;
  x: Float64Array | Uint8Array;
  y: Float64Array;
}

/**
 * A byte of packed pixels stands for the input byte / PIXEL_SCALE: 256, the scaling of the book's
 * own data file (Nielsen's mnist.pkl.gz holds each grey level divided by 256, so its brightest
 * input is 255/256; lisa-lab/pylearn2 issue #93), so that the course trains on the very numbers
 * the book's runs did. Inputs lie in [0, 255/256] ⊂ [0, 1].
 */
export const PIXEL_SCALE = 256;

/** Whether rows of inputs are pixel bytes (each entry stands for entry / PIXEL_SCALE). */
export function isPixelBytes(X: ArrayLike<number>): X is Uint8Array {
  return X instanceof Uint8Array;
}

export type StepperPath = 'reference' | FastPath;

/** What the loop needs of an implementation of the minibatch step. FastTrainer is one. */
export interface Stepper {
  readonly net: Network;
  readonly path: StepperPath;
  /**
   * Minibatches of rows order[start … end − 1] of batchSize rows (X's rows are inputs, or pixel
   * bytes when X is a Uint8Array: see PackedSet) (the last may be shorter), at
   * most maxBatches: one step each; Σ C_x of batch b (before its step) into costs[b]. Stops after
   * a batch whose cost is not finite. Returns the number of batches trained.
   */
  trainRows(X: ArrayLike<number>, Y: ArrayLike<number>, order: ArrayLike<number>, start: number, end: number, batchSize: number, maxBatches: number, options: StepOptions, costs: Float64Array): number;
  evaluateRows(X: ArrayLike<number>, Y: ArrayLike<number>, count: number): FastEvaluation;
  /** The first layer whose values are not finite (null when all are). */
  findNonFinite(): NonFinite | null;
  sumSquaredWeights(): number;
  /** The parameters written back into net; returns net. */
  sync(): Network;
}

/** What one call of EpochLoop.next did. */
export interface LoopSlice {
  /** Minibatches trained in this call. */
  batches: number;
  /** Σ of their Σ C_x, and the examples they covered. */
  costSum: number;
  examples: number;
  /** A batch's cost was not finite (the loop stopped after it). */
  nonFinite: boolean;
  /** This call finished an epoch (the next call shuffles again). */
  epochEnded: boolean;
}

export interface EpochLoop {
  /** Epochs completed. */
  readonly epoch: number;
  /** Minibatches done in the current epoch. */
  readonly batch: number;
  /** Whether an epoch is under way (shuffled, some of its batches possibly done). */
  readonly epochStarted: boolean;
  /** The batch size of the epoch under way (or of the last one). */
  readonly batchSize: number;
  /** Batches in an epoch of the given size. */
  batchesPerEpoch(batchSize?: number): number;
  /**
   * Train up to maxBatches minibatches of the current epoch (starting one, with a shuffle, if none
   * is under way; batchSize is read only then). Never crosses into the next epoch.
   */
  next(maxBatches: number, step: StepOptions, batchSize: number): LoopSlice;
}

/** The loop over a packed training set; the shuffle uses rng (one index array, shuffled in place each epoch). */
export function createEpochLoop(stepper: Stepper, train: PackedSet, rng: Rng): EpochLoop {
  const n = train.count;
  if (!(n >= 1)) throw new RangeError('the loop needs at least one training example');
  const order: number[] = Array.from({ length: n }, (_, i) => i);
  let epoch = 0;
  let batch = 0;
  let started = false;
  let size = 1;
  let costs = new Float64Array(0);
  return {
    get epoch() {
      return epoch;
    },
    get batch() {
      return batch;
    },
    get epochStarted() {
      return started;
    },
    get batchSize() {
      return size;
    },
    batchesPerEpoch: (b = size) => Math.ceil(n / b),
    next(maxBatches, step, batchSize) {
      if (!started) {
        if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`batchSize must be a whole number ≥ 1 (got ${batchSize})`);
        size = batchSize;
        rng.shuffle(order);
        started = true;
        batch = 0;
      }
      const start = batch * size;
      const left = Math.ceil((n - start) / size);
      const want = Math.max(1, Math.min(left, Math.floor(maxBatches)));
      if (costs.length < want) costs = new Float64Array(Math.max(want, 2 * costs.length));
      const done = stepper.trainRows(train.x, train.y, order, start, n, size, want, step, costs);
      let costSum = 0;
      let nonFinite = false;
      for (let b = 0; b < done; b++) {
        costSum += costs[b];
        if (!Number.isFinite(costs[b])) nonFinite = true;
      }
      const examples = Math.min(n, start + done * size) - start;
      batch += done;
      const epochEnded = batch * size >= n;
      if (epochEnded) {
        epoch++;
        started = false;
      }
      return { batches: done, costSum, examples, nonFinite, epochEnded };
    },
  };
}
