// Algorithm 4 (UpdateMiniBatch) and stochastic gradient descent over epochs.
import { backprop } from './backprop';
import { feedforward } from './feedforward';
import { Matrix, type VecLike } from './matrix';
import { type Network, sumSquaredWeights } from './network';
import { type StepOptions, checkStep, optimize } from './optimize';
import { createRng } from './rng';
import type { PackedSet, Stepper } from './fast/loop';

export interface Example {
  x: VecLike;
  y: VecLike;
}

/**
 * One step on a minibatch: the gradient of the batch's cost is the average of the per-example
 * gradients, ∇C ≈ (1/m) Σₓ ∇Cₓ; then Optimize. Mutates net.
 */
export function updateMiniBatch(net: Network, batch: readonly Example[], options: StepOptions): void {
  if (batch.length === 0) throw new RangeError('a minibatch needs at least one example');
  const sumW = net.weights.map((w) => Matrix.zeros(w.rows, w.cols));
  const sumB = net.biases.map((b) => new Float64Array(b.length));
  for (const { x, y } of batch) {
    const { nablaW, nablaB } = backprop(net, x, y);
    for (let i = 0; i < sumW.length; i++) {
      const s = sumW[i].data;
      const g = nablaW[i].data;
      for (let k = 0; k < s.length; k++) s[k] += g[k];
      const sb = sumB[i];
      const gb = nablaB[i];
      for (let j = 0; j < sb.length; j++) sb[j] += gb[j];
    }
  }
  const m = batch.length;
  for (const s of sumW) for (let k = 0; k < s.data.length; k++) s.data[k] /= m;
  for (const s of sumB) for (let j = 0; j < s.length; j++) s[j] /= m;
  optimize(net, sumW, sumB, options);
}

function argmax(v: VecLike): number {
  let best = 0;
  for (let i = 1; i < v.length; i++) if (v[i] > v[best]) best = i;
  return best;
}

/** Is the network's answer right? Several outputs: the largest output matches the target's. One output: both sides of ½. */
export function isCorrect(output: VecLike, y: VecLike): boolean {
  if (output.length === 1) return output[0] >= 0.5 === y[0] >= 0.5;
  return argmax(output) === argmax(y);
}

export function accuracy(net: Network, data: readonly Example[]): number {
  if (data.length === 0) return NaN;
  let right = 0;
  for (const { x, y } of data) {
    const { as } = feedforward(net, x);
    if (isCorrect(as[as.length - 1], y)) right++;
  }
  return right / data.length;
}

/** The mean per-example cost over data, plus (λ/2n) Σ w² with n = data.length when λ > 0. */
export function totalCost(net: Network, data: readonly Example[], lambda = 0): number {
  if (data.length === 0) return NaN;
  let s = 0;
  for (const { x, y } of data) {
    const { as } = feedforward(net, x);
    s += net.cost.value(as[as.length - 1], y);
  }
  const mean = s / data.length;
  return lambda > 0 ? mean + (lambda / (2 * data.length)) * sumSquaredWeights(net) : mean;
}

export interface Evaluation {
  /** Mean per-example cost (no regularisation term). */
  cost: number;
  /** Fraction right, in [0, 1]. */
  accuracy: number;
}

export function evaluate(net: Network, data: readonly Example[]): Evaluation {
  if (data.length === 0) return { cost: NaN, accuracy: NaN };
  let s = 0;
  let right = 0;
  for (const { x, y } of data) {
    const { as } = feedforward(net, x);
    const out = as[as.length - 1];
    s += net.cost.value(out, y);
    if (isCorrect(out, y)) right++;
  }
  return { cost: s / data.length, accuracy: right / data.length };
}

export interface EpochInfo {
  epoch: number;
  trainCost: number;
  trainAccuracy: number;
  testCost?: number;
  testAccuracy?: number;
}

export interface SgdOptions {
  epochs: number;
  batchSize: number;
  eta: number;
  lambda?: number;
  /** Seed of the per-epoch shuffles (default 1). */
  seed?: number;
  testData?: readonly Example[];
  onEpoch?(info: EpochInfo): void;
}

export interface SgdResult {
  history: EpochInfo[];
  /** Set when the parameters stopped being finite numbers: training stops at that epoch. */
  diverged?: { epoch: number; message: string };
}

/** True when every weight and bias is a finite number. */
export function isFiniteNetwork(net: Network): boolean {
  for (const w of net.weights) for (let k = 0; k < w.data.length; k++) if (!Number.isFinite(w.data[k])) return false;
  for (const b of net.biases) for (let j = 0; j < b.length; j++) if (!Number.isFinite(b[j])) return false;
  return true;
}

/**
 * Minibatch stochastic gradient descent: each epoch shuffles the training data with a seeded
 * generator, cuts it into minibatches of batchSize and calls updateMiniBatch on each. Mutates net.
 */
function rowsAsExamples(X: ArrayLike<number>, Y: ArrayLike<number>, nIn: number, nOut: number, rows: ArrayLike<number>, start: number, end: number): Example[] {
  const xs = X as Float64Array;
  const ys = Y as Float64Array;
  const out: Example[] = [];
  for (let i = start; i < end; i++) {
    const r = rows[i];
    out.push({ x: xs.subarray(r * nIn, (r + 1) * nIn), y: ys.subarray(r * nOut, (r + 1) * nOut) });
  }
  return out;
}

/**
 * The definition as a Stepper: updateMiniBatch on each batch (the examples are views of the packed
 * rows), costs by a forward pass before each step (withCosts; off, costs[b] is left as it is).
 */
export function referenceStepper(net: Network, options: { withCosts?: boolean } = {}): Stepper {
  const withCosts = options.withCosts ?? true;
  const L = net.sizes.length - 1;
  const nIn = net.sizes[0];
  const nOut = net.sizes[L];
  return {
    net,
    path: 'reference',
    trainRows(X, Y, order, start, end, batchSize, maxBatches, step, costs) {
      let done = 0;
      for (let s = start; s < end && done < maxBatches; s += batchSize) {
        const batch = rowsAsExamples(X, Y, nIn, nOut, order, s, Math.min(end, s + batchSize));
        let c = 0;
        if (withCosts) for (const e of batch) c += net.cost.value(feedforward(net, e.x).as[L], e.y);
        updateMiniBatch(net, batch, step);
        if (withCosts) costs[done] = c;
        done++;
        if (withCosts && !Number.isFinite(c)) break;
      }
      return done;
    },
    evaluateRows(X, Y, count) {
      if (count === 0) return { cost: NaN, accuracy: NaN, correct: 0 };
      const all = Array.from({ length: count }, (_, i) => i);
      const e = evaluate(net, rowsAsExamples(X, Y, nIn, nOut, all, 0, count));
      return { cost: e.cost, accuracy: e.accuracy, correct: Math.round(e.accuracy * count) };
    },
    findNonFinite() {
      if (isFiniteNetwork(net)) return null;
      for (let i = 0; i < L; i++) {
        if (!net.weights[i].data.every(Number.isFinite)) return { layer: i + 1, quantity: 'weights' };
        if (!net.biases[i].every(Number.isFinite)) return { layer: i + 1, quantity: 'biases' };
      }
      return null;
    },
    sumSquaredWeights() {
      let s = 0;
      for (const w of net.weights) for (const v of w.data) s += v * v;
      return s;
    },
    sync: () => net,
  };
}

/** Examples as a packed set (rows of x and of y), for the engine's training loop. */
export function packExamples(data: readonly Example[]): PackedSet {
  const nIn = data[0]?.x.length ?? 0;
  const nOut = data[0]?.y.length ?? 0;
  const x = new Float64Array(data.length * nIn);
  const y = new Float64Array(data.length * nOut);
  data.forEach((e, i) => {
    if (e.x.length !== nIn || e.y.length !== nOut) throw new RangeError(`example ${i} has ${e.x.length} inputs and ${e.y.length} targets; example 0 has ${nIn} and ${nOut}`);
    x.set(e.x, i * nIn);
    y.set(e.y, i * nOut);
  });
  return { count: data.length, x, y };
}

export function sgd(net: Network, data: readonly Example[], options: SgdOptions): SgdResult {
  const { epochs, batchSize, eta, lambda = 0, seed = 1, testData, onEpoch } = options;
  if (!Number.isInteger(epochs) || epochs < 0) throw new RangeError(`epochs must be a whole number ≥ 0 (got ${epochs})`);
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`batchSize must be a whole number ≥ 1 (got ${batchSize})`);
  if (data.length === 0) throw new RangeError('sgd needs at least one training example');
  checkStep({ eta, lambda, n: data.length });
  // The epoch loop written out (shuffle one index array, minibatches in order): it is the engine's
  // training loop createEpochLoop on referenceStepper (test/engine/fast-loop.test.ts proves the
  // two give the same network), kept in these lines so that pages using sgd do not load the loop.
  const rng = createRng(seed);
  const order = data.map((_, i) => i);
  const history: EpochInfo[] = [];
  for (let epoch = 1; epoch <= epochs; epoch++) {
    rng.shuffle(order);
    for (let start = 0; start < order.length; start += batchSize) {
      updateMiniBatch(net, order.slice(start, start + batchSize).map((i) => data[i]), { eta, lambda, n: data.length });
    }
    if (!isFiniteNetwork(net)) {
      return { history, diverged: { epoch, message: `diverged at epoch ${epoch} — try a smaller η` } };
    }
    const train = evaluate(net, data);
    const info: EpochInfo = { epoch, trainCost: train.cost, trainAccuracy: train.accuracy };
    if (testData && testData.length > 0) {
      const test = evaluate(net, testData);
      info.testCost = test.cost;
      info.testAccuracy = test.accuracy;
    }
    history.push(info);
    onEpoch?.(info);
  }
  return { history };
}

