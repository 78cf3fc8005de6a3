// More regularisers (chapter 14): the L1 step, dropout on the reference path, and early stopping
// over a validation history. (Training with them: regularised-training.ts; data expansion of
// 28×28 digits: expand.ts. Kept apart so that pages which only check exercises load less.)
//
//   L1        C = C₀ + (λ/n) Σ_w |w|,   w ← w − (ηλ/n) sgn(w) − (η/m) Σₓ ∂C_x/∂w   (sgn(0) = 0)
//   dropout   ã^l = m^l ⊙ σ(z^l) for every hidden layer l (inverted dropout: m^l_j is 0 with
//             probability p, else 1/(1 − p)); the output layer is never dropped;
//             δ^l = ((w^{l+1})ᵀ δ^{l+1}) ⊙ m^l ⊙ σ′(z^l), ∂C/∂b^l = δ^l, ∂C/∂w^l = δ^l (ã^{l−1})ᵀ
//
// Inverted dropout scales the kept activations by 1/(1 − p) while training, so that each
// activation's expected value E[m_j σ(z_j)] = σ(z_j) is the one the full network computes: the
// trained network is then used as it is (predict, evaluate, the lab, a saved model), with no
// test-time rescaling of the weights to remember.
import { activationJacobian, isElementwise } from './activations';
import { type Matrix, type Vec, type VecLike, addVec, hadamard, matTVec, matVec, outer, toVec } from './matrix';
import type { Network } from './network';
import { type StepOptions, checkStep } from './optimize';
import type { Rng } from './rng';

// ---------------------------------------------------------------------------------------------
// L1

/** sgn(w): −1, 0 or +1 (0 at w = 0, so a weight that is exactly zero is not pushed either way). */
export function sgn(w: number): number {
  return w > 0 ? 1 : w < 0 ? -1 : 0;
}

/** The size of the L1 step per update, ηλ/n: every nonzero weight moves this far towards 0. */
export function l1Shrink(eta: number, lambda: number, n: number): number {
  return (eta * lambda) / n;
}

/**
 * One L1-regularised gradient step (mutates net): w ← w − (ηλ/n) sgn(w) − η ∇W, b ← b − η ∇b,
 * where ∇W, ∇b are the gradients of C₀ (already averaged over the minibatch). At w = 0 the
 * penalty |w| has no derivative; the step uses sgn(0) = 0, so only the data gradient moves it.
 */
export function l1Step(net: Network, nablaW: Matrix[], nablaB: Vec[], options: StepOptions): void {
  checkStep(options);
  const { eta, lambda = 0, n = 1 } = options;
  const shrink = l1Shrink(eta, lambda, n);
  for (let i = 0; i < net.weights.length; i++) {
    const w = net.weights[i].data;
    const g = nablaW[i].data;
    for (let k = 0; k < w.length; k++) w[k] = w[k] - shrink * sgn(w[k]) - eta * g[k];
    const b = net.biases[i];
    const gb = nablaB[i];
    for (let j = 0; j < b.length; j++) b[j] -= eta * gb[j];
  }
}

// ---------------------------------------------------------------------------------------------
// Dropout (reference path)

/** One mask per hidden layer: masks[i] belongs to layer i + 1 (the text's l = 1 … L − 1). */
export type DropoutMasks = Vec[];

export function checkDropout(p: number): void {
  if (!Number.isFinite(p) || p < 0 || p >= 1) throw new RangeError(`the dropout probability p must be a number with 0 ≤ p < 1 (got ${p})`);
}

/**
 * Draws a mask for every hidden layer of net: entry j is 0 with probability p (neuron j dropped)
 * and 1/(1 − p) otherwise (inverted dropout). With p = 0 every entry is exactly 1.
 */
export function dropoutMasks(net: Network, p: number, rng: Rng): DropoutMasks {
  checkDropout(p);
  const keep = 1 / (1 - p);
  const masks: DropoutMasks = [];
  for (let l = 1; l < net.sizes.length - 1; l++) {
    const m = new Float64Array(net.sizes[l]);
    for (let j = 0; j < m.length; j++) m[j] = p > 0 && rng.next() < p ? 0 : keep;
    masks.push(m);
  }
  return masks;
}

function checkMasks(net: Network, masks: DropoutMasks): void {
  const hidden = net.sizes.length - 2;
  if (masks.length !== hidden) throw new RangeError(`expected ${hidden} dropout masks (one per hidden layer), got ${masks.length}`);
  masks.forEach((m, i) => {
    if (m.length !== net.sizes[i + 1]) throw new RangeError(`dropout mask ${i + 1} has ${m.length} entries; layer ${i + 1} has ${net.sizes[i + 1]} neurons`);
  });
}

/** Algorithm 1 with the masks: ã^l = m^l ⊙ σ(z^l) for hidden layers; as[0] = x, as[L] = σ(z^L). */
export function dropoutFeedforward(net: Network, x: VecLike, masks: DropoutMasks): { as: Vec[]; zs: Vec[] } {
  checkMasks(net, masks);
  if (x.length !== net.sizes[0]) throw new RangeError(`input has ${x.length} entries; the network expects ${net.sizes[0]}`);
  const L = net.weights.length;
  const as: Vec[] = [toVec(x)];
  const zs: Vec[] = [];
  for (let i = 0; i < L; i++) {
    const z = addVec(matVec(net.weights[i], as[i]), net.biases[i]);
    zs.push(z);
    const a = net.activations[i].fn(z);
    as.push(i < L - 1 ? hadamard(masks[i], a) : a);
  }
  return { as, zs };
}

/** The per-example cost C_x of the masked network (a smooth function of the weights for fixed masks). */
export function dropoutCost(net: Network, x: VecLike, y: VecLike, masks: DropoutMasks): number {
  const { as } = dropoutFeedforward(net, x, masks);
  return net.cost.value(as[as.length - 1], toVec(y));
}

/**
 * Algorithm 2 through the same masks: BP1 as usual; BP2 becomes
 * δ^l = ((w^{l+1})ᵀ δ^{l+1}) ⊙ m^l ⊙ σ′(z^l) (for a non-elementwise σ: J_σ(z^l)ᵀ (m^l ⊙ (w^{l+1})ᵀ δ^{l+1}));
 * BP3, BP4 with the masked activations ã^{l−1}. A dropped neuron has δ = 0, so its incoming
 * weights and its bias get zero gradient, and so do its outgoing weights (ã = 0).
 */
export function dropoutBackprop(net: Network, x: VecLike, y: VecLike, masks: DropoutMasks): { nablaW: Matrix[]; nablaB: Vec[]; deltas: Vec[] } {
  const L = net.weights.length;
  const yv = toVec(y);
  if (yv.length !== net.sizes[L]) throw new RangeError(`target has ${yv.length} entries; the network outputs ${net.sizes[L]}`);
  const { as, zs } = dropoutFeedforward(net, x, masks);
  const deltas: Vec[] = new Array(L);
  deltas[L - 1] = net.cost.delta(zs[L - 1], as[L], yv, net.activations[L - 1]);
  for (let i = L - 2; i >= 0; i--) {
    const back = hadamard(matTVec(net.weights[i + 1], deltas[i + 1]), masks[i]);
    const act = net.activations[i];
    deltas[i] = isElementwise(act) ? hadamard(back, act.prime(zs[i])) : matTVec(activationJacobian(act, zs[i]), back);
  }
  const nablaB = deltas.map((d) => d.slice());
  const nablaW = deltas.map((d, i) => outer(d, as[i]));
  return { nablaW, nablaB, deltas };
}

// ---------------------------------------------------------------------------------------------
// Early stopping

export interface EarlyStop {
  /** The epoch (1-based) with the best value so far when the rule stopped (or at the end). */
  bestEpoch: number;
  bestValue: number;
  /** The epoch after which the rule stops training: `patience` epochs without improvement; null if it never fired. */
  stopEpoch: number | null;
}

/**
 * "No improvement in `patience` epochs": values[e − 1] is the validation score after epoch e
 * (higher is better, e.g. accuracy; pass the negated cost for a cost). An improvement is a value
 * strictly above the best so far. Returns null for an empty history.
 */
export function earlyStopping(values: readonly number[], patience: number): EarlyStop | null {
  if (!(Number.isInteger(patience) && patience >= 1)) throw new RangeError(`patience must be a whole number of epochs ≥ 1 (got ${patience})`);
  values.forEach((v, i) => {
    if (!Number.isFinite(v)) throw new RangeError(`the validation value after epoch ${i + 1} is not a finite number (got ${v})`);
  });
  if (values.length === 0) return null;
  let bestEpoch = 1;
  let bestValue = values[0];
  for (let e = 2; e <= values.length; e++) {
    const v = values[e - 1];
    if (v > bestValue) {
      bestValue = v;
      bestEpoch = e;
    } else if (e - bestEpoch >= patience) return { bestEpoch, bestValue, stopEpoch: e };
  }
  return { bestEpoch, bestValue, stopEpoch: null };
}
