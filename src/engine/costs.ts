// Costs C(a, y) for one example, their gradient ∇ₐC, and the output error δᴸ = ∂C/∂zᴸ.
// In general δᴸ = J_σ(zᴸ)ᵀ ∇ₐC (chain rule); for an elementwise σ that is BP1, ∇ₐC ⊙ σ′(zᴸ).
// Two pairings make σ′ cancel and leave δᴸ = a − y: sigmoid + cross-entropy, softmax + log-likelihood.
import { type Activation, activationJacobian, isElementwise } from './activations';
import { type Vec, type VecLike, hadamard, matTVec, subVec } from './matrix';

export type CostName = 'quadratic' | 'cross-entropy' | 'log-likelihood';

export interface Cost {
  readonly name: string;
  /** C_x for one example. */
  value(a: VecLike, y: VecLike): number;
  /** ∇ₐC: ∂C/∂a_j for each output neuron. */
  grad(a: VecLike, y: VecLike): Vec;
  /** δᴸ = ∂C/∂zᴸ given the output layer's z, a = σ(z), the target y and σ. */
  delta(z: VecLike, a: VecLike, y: VecLike, act: Activation): Vec;
}

/**
 * The general output error: δᴸ = J_σ(zᴸ)ᵀ ∇ₐC. Every shortcut below must agree with this.
 * For an elementwise σ, J_σ = diag(σ′(z)) and this is BP1, ∇ₐC ⊙ σ′(zᴸ).
 */
export function outputErrorGeneral(z: VecLike, a: VecLike, y: VecLike, act: Activation, cost: Cost): Vec {
  const grad = cost.grad(a, y);
  if (isElementwise(act) && !act.jacobian) return hadamard(grad, act.prime(z));
  return matTVec(activationJacobian(act, z), grad);
}

/** BP1 for an elementwise σ: δᴸ = ∇ₐC ⊙ σ′(zᴸ). */
export function outputError(grad: VecLike, z: VecLike, act: Activation): Vec {
  return hadamard(grad, act.prime(z));
}

/** C = ½‖a − y‖², ∇ₐC = a − y. */
export const quadratic: Cost = {
  name: 'quadratic',
  value(a, y) {
    let s = 0;
    for (let j = 0; j < a.length; j++) s += (a[j] - y[j]) ** 2;
    return 0.5 * s;
  },
  grad: (a, y) => subVec(a, y),
  delta(z, a, y, act) {
    if (isElementwise(act)) return hadamard(subVec(a, y), act.prime(z));
    return outputErrorGeneral(z, a, y, act, quadratic);
  },
};

/** y ln a, with the convention 0 · ln 0 = 0 (so a target of exactly 0 or 1 never gives NaN). */
function xlogy(y: number, a: number): number {
  return y === 0 ? 0 : y * Math.log(a);
}

/** C = −Σ_j [y_j ln a_j + (1 − y_j) ln(1 − a_j)], ∂C/∂a_j = (a_j − y_j) / (a_j(1 − a_j)). */
export const crossEntropy: Cost = {
  name: 'cross-entropy',
  value(a, y) {
    let s = 0;
    for (let j = 0; j < a.length; j++) s -= xlogy(y[j], a[j]) + xlogy(1 - y[j], 1 - a[j]);
    return s;
  },
  grad(a, y) {
    const g = new Float64Array(a.length);
    for (let j = 0; j < a.length; j++) g[j] = (a[j] - y[j]) / (a[j] * (1 - a[j]));
    return g;
  },
  delta(z, a, y, act) {
    // With a sigmoid output, σ′(z) = a(1 − a) cancels the denominator of ∇ₐC: δᴸ = a − y.
    if (act.name === 'sigmoid') return subVec(a, y);
    return outputErrorGeneral(z, a, y, act, crossEntropy);
  },
};

/** C = −Σ_j y_j ln a_j (= −ln a_label for a one-hot y), ∂C/∂a_j = −y_j / a_j. */
export const logLikelihood: Cost = {
  name: 'log-likelihood',
  value(a, y) {
    let s = 0;
    for (let j = 0; j < a.length; j++) s -= xlogy(y[j], a[j]);
    return s;
  },
  grad(a, y) {
    const g = new Float64Array(a.length);
    for (let j = 0; j < a.length; j++) g[j] = y[j] === 0 ? 0 : -y[j] / a[j];
    return g;
  },
  delta(z, a, y, act) {
    // With a softmax output and a target that sums to 1: (diag(a) − a aᵀ)(−y/a) = a − y.
    if (act.name === 'softmax') return subVec(a, y);
    return outputErrorGeneral(z, a, y, act, logLikelihood);
  },
};

export const costs: Record<CostName, Cost> = { quadratic, 'cross-entropy': crossEntropy, 'log-likelihood': logLikelihood };

export function getCost(name: string): Cost {
  const cost = (costs as Record<string, Cost>)[name];
  if (!cost) throw new Error(`Unknown cost "${name}". Known: ${Object.keys(costs).join(', ')}`);
  return cost;
}
