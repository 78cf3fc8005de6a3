// Vanishing and exploding gradients (chapter 13). Unrolling BP2 down to BP1 writes the error of
// layer l as a product of one factor per later layer:
//   δ^l = Σ′(z^l) (w^{l+1})ᵀ Σ′(z^{l+1}) (w^{l+2})ᵀ ⋯ (w^L)ᵀ Σ′(z^L) ∇ₐC,   Σ′(z) = diag(σ′(z)),
// (for a non-elementwise σ, Σ′(z^l) is the transposed Jacobian J_σ(z^l)ᵀ). deltaProduct computes
// δ^l that way, as explicit matrix products; backprop computes it by BP2's recursion; the tests
// prove the two agree. The per-layer size of the bias gradient, ‖∂C/∂b^l‖ = ‖δ^l‖ averaged over
// a batch, is what the chapter's widget plots while a deep network trains.
import { activationJacobian } from './activations';
import { backprop } from './backprop';
import { feedforward } from './feedforward';
import { Matrix, matMul, matVec, norm2, toVec, type Vec, type VecLike } from './matrix';
import type { Network } from './network';
import { optimize, type StepOptions } from './optimize';
import type { Example } from './train';

export interface DeltaProduct {
  /** factors[i] is layer i + 1's factor: J_σ(z^L)ᵀ for the output layer, J_σ(z^l)ᵀ (w^{l+1})ᵀ below it. */
  factors: Matrix[];
  /** products[i] = factors[i] · factors[i + 1] ⋯ factors[L − 1], an n_{i+1} × n_L matrix: (∂a^L/∂z^{i+1})ᵀ. */
  products: Matrix[];
  /** deltas[i] = products[i] ∇ₐC = δ^{i+1}. */
  deltas: Vec[];
  /** ∇ₐC at the output. */
  gradA: Vec;
}

/** δ^l for every layer as the product of its factors times ∇ₐC (the unrolled BP1 + BP2). */
export function deltaProduct(net: Network, x: VecLike, y: VecLike): DeltaProduct {
  const L = net.weights.length;
  const yv = toVec(y);
  if (yv.length !== net.sizes[L]) throw new RangeError(`target has ${yv.length} entries; the network outputs ${net.sizes[L]}`);
  const { as, zs } = feedforward(net, x);
  const gradA = net.cost.grad(as[L], yv);
  const factors: Matrix[] = new Array(L);
  for (let i = L - 1; i >= 0; i--) {
    const jT = activationJacobian(net.activations[i], zs[i]).transpose();
    factors[i] = i === L - 1 ? jT : matMul(jT, net.weights[i + 1].transpose());
  }
  const products: Matrix[] = new Array(L);
  products[L - 1] = factors[L - 1];
  for (let i = L - 2; i >= 0; i--) products[i] = matMul(factors[i], products[i + 1]);
  const deltas = products.map((p) => matVec(p, gradA));
  return { factors, products, deltas, gradA };
}

/** The gradient of the batch's mean cost C = (1/m) Σₓ C_x: the per-example backprop gradients averaged. */
export function meanGradients(net: Network, batch: readonly Example[]): { nablaW: Matrix[]; nablaB: Vec[] } {
  if (batch.length === 0) throw new RangeError('a batch needs at least one example');
  const nablaW = net.weights.map((w) => Matrix.zeros(w.rows, w.cols));
  const nablaB = net.biases.map((b) => new Float64Array(b.length));
  for (const { x, y } of batch) {
    const g = backprop(net, x, y);
    for (let i = 0; i < nablaW.length; i++) {
      const s = nablaW[i].data;
      const d = g.nablaW[i].data;
      for (let k = 0; k < s.length; k++) s[k] += d[k];
      for (let j = 0; j < nablaB[i].length; j++) nablaB[i][j] += g.nablaB[i][j];
    }
  }
  const m = batch.length;
  for (const w of nablaW) for (let k = 0; k < w.data.length; k++) w.data[k] /= m;
  for (const b of nablaB) for (let j = 0; j < b.length; j++) b[j] /= m;
  return { nablaW, nablaB };
}

/** The Euclidean length ‖v‖ = √(Σ v_j²) (matrix.ts's norm2 is its square). */
function length(v: VecLike): number {
  return Math.sqrt(norm2(v));
}

/** ‖∂C/∂b^l‖ for l = 1 … L (index l − 1), C the mean cost over the batch: how fast each layer's biases learn. */
export function biasGradientNorms(net: Network, batch: readonly Example[]): number[] {
  return meanGradients(net, batch).nablaB.map(length);
}

/**
 * One gradient-descent step on the batch (the same step as updateMiniBatch) that also returns the
 * per-layer norms ‖∂C/∂b^l‖ of the gradient it stepped along. Mutates net.
 */
export function stepWithNorms(net: Network, batch: readonly Example[], options: StepOptions): number[] {
  const { nablaW, nablaB } = meanGradients(net, batch);
  const norms = nablaB.map(length);
  optimize(net, nablaW, nablaB, options);
  return norms;
}

/**
 * The width of the interval of inputs a for which one sigmoid factor can make a gradient grow,
 * |w σ′(w a + b)| ≥ 1: σ′(z) = s(1 − s) ≥ 1/|w| holds for s between s± = (1 ± √(1 − 4/|w|))/2, i.e.
 * for z over a width 2 ln(s₊/s₋), and a = (z − b)/w spreads that over 1/|w| as much:
 *   width = (2/|w|) ln(s₊/s₋) = (2/|w|) ln(|w|(1 + √(1 − 4/|w|))/2 − 1).
 * 0 when |w| ≤ 4 (the factor never reaches 1 except, for |w| = 4, at the single point z = 0).
 */
export function unstableWidth(w: number): number {
  const m = Math.abs(w);
  if (!Number.isFinite(m)) throw new RangeError(`w must be a finite number (got ${w})`);
  if (m <= 4) return 0;
  const r = Math.sqrt(1 - 4 / m);
  return (2 / m) * Math.log((1 + r) / (1 - r));
}
