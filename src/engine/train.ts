// Algorithm 4 (UpdateMiniBatch), and what an epoch of SGD is judged by (accuracy, cost, evaluate).
// The loop over epochs is sgd (sgd.ts).
import { backprop } from './backprop';
import { feedforward } from './feedforward';
import { Matrix, type VecLike } from './matrix';
import { type Network, sumSquaredWeights } from './network';
import { type StepOptions, optimize } from './optimize';

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

/** True when every weight and bias is a finite number. */
export function isFiniteNetwork(net: Network): boolean {
  for (const w of net.weights) for (let k = 0; k < w.data.length; k++) if (!Number.isFinite(w.data[k])) return false;
  for (const b of net.biases) for (let j = 0; j < b.length; j++) if (!Number.isFinite(b[j])) return false;
  return true;
}
