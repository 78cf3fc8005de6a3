// The fast path's types, shared by the TypeScript trainer (trainer.ts) and the WebAssembly one (wasm.ts).
import type { VecLike } from '../matrix';
import type { Network } from '../network';
import type { StepOptions } from '../optimize';

export type FastDType = 'float64' | 'float32';
export type Buf = Float64Array | Float32Array;

export interface TrainerOptions {
  /** The largest minibatch the buffers are sized for (they grow if a bigger batch arrives). */
  batchSize: number;
  /** Default 'float64'. */
  dtype?: FastDType;
  /**
   * The compiled WebAssembly kernels (loadFastWasm in wasm.ts). Given, and the network's
   * activations and cost all the engine's own, the trainer runs in WebAssembly; otherwise (none
   * given, or a reader's own activation or cost, a JS object) on the TypeScript kernels.
   */
  wasm?: FastWasm | null;
}

/** Which kernels a trainer runs on. */
export type FastPath = 'ts-f64' | 'ts-f32' | 'wasm-f64' | 'wasm-f32';

/** The compiled WebAssembly modules of the fast path, one per number type (see wasm.ts). */
export interface FastWasm {
  readonly f64: WebAssembly.Module;
  readonly f32: WebAssembly.Module;
}

export interface FastEvaluation {
  /** Mean per-example cost (no L2 term), as evaluate() in train.ts. */
  cost: number;
  /** Fraction right, in [0, 1] (largest output matches the target's; one output: both sides of ½). */
  accuracy: number;
  /** How many were right. */
  correct: number;
}

/** Where the numbers stopped being finite (or grew past 1e12): layer in the text's numbering 1 … L. */
export interface NonFinite {
  layer: number;
  quantity: 'z' | 'activation' | 'delta' | 'weights' | 'biases';
}

/** Views of the buffers of the last minibatch (or probe), rows = examples: for histograms. */
export interface LayerView {
  /** Text numbering 1 … L. */
  layer: number;
  rows: number;
  cols: number;
  z: Buf;
  a: Buf;
  delta: Buf;
}

export interface FastTrainer {
  readonly net: Network;
  readonly dtype: FastDType;
  /** The kernels this trainer runs on (TypeScript, or WebAssembly SIMD). */
  readonly path: FastPath;
  /**
   * One step of Algorithm 4 on the examples xs[i], ys[i]; mutates the parameters.
   * Returns Σ C_x over the batch, measured in the forward pass before the step.
   */
  updateMiniBatch(xs: readonly VecLike[], ys: readonly VecLike[], options: StepOptions): number;
  /**
   * The same step on rows of packed data: X is count × n_0 and Y count × n_L row by row; the
   * minibatch is rows order[start], …, order[end − 1]. No allocation. Returns Σ C_x.
   */
  updateMiniBatchRows(X: ArrayLike<number>, Y: ArrayLike<number>, order: ArrayLike<number>, start: number, end: number, options: StepOptions): number;
  /**
   * Several minibatches in one call: rows order[start … end − 1] cut into batches of batchSize
   * (the last may be shorter), at most maxBatches of them, one step each. Σ C_x of batch b (before
   * its step) goes to costs[b]. Stops after a batch whose cost is not finite. Returns the number
   * of batches trained. On the WebAssembly path the whole run is one call into WebAssembly, and
   * each packed set X, Y is copied into its memory once, the first time it is seen (by identity:
   * a set changed in place afterwards is not read again; pass a new array).
   */
  trainRows(X: ArrayLike<number>, Y: ArrayLike<number>, order: ArrayLike<number>, start: number, end: number, batchSize: number, maxBatches: number, options: StepOptions, costs: Float64Array): number;
  /** Forward and backward pass without a step, leaving Z, A and E in the buffers (see layers()). Returns Σ C_x. */
  probeRows(X: ArrayLike<number>, Y: ArrayLike<number>, order: ArrayLike<number>, start: number, end: number): number;
  /** Cost and accuracy over examples (as evaluate() in train.ts). */
  evaluate(xs: readonly VecLike[], ys: readonly VecLike[]): FastEvaluation;
  /** Cost and accuracy over the first `count` rows of packed data. */
  evaluateRows(X: ArrayLike<number>, Y: ArrayLike<number>, count: number): FastEvaluation;
  /** Outputs for `count` packed inputs, row by row (count × n_L), into `out` if given. */
  predictRows(X: ArrayLike<number>, count: number, out?: Float64Array): Float64Array;
  /** Buffers of the last minibatch or probe, one view per layer. */
  layers(): LayerView[];
  /** The first layer whose z, a or δ of the last batch, or whose parameters, are not finite (or exceed 1e12). */
  findNonFinite(): NonFinite | null;
  /** Write the parameters back into net (a no-op for float64, which trains net's own arrays) and return net. */
  sync(): Network;
  /** Σ w² over all weights. */
  sumSquaredWeights(): number;
}
