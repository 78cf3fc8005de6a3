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
    // With a softmax output: (diag(a) − a aᵀ)(−y/a) = (Σ_k y_k) a − y, which is the shortcut a − y
    // exactly when the target sums to 1 (one-hot, or any probability vector). A target that does
    // not sum to 1 gets the general form, so the shortcut is never applied where it is wrong.
    if (act.name === 'softmax' && sumsToOne(y)) return subVec(a, y);
    return outputErrorGeneral(z, a, y, act, logLikelihood);
  },
};

/** Whether Σ_j y_j = 1 to within rounding (the condition under which softmax + log-likelihood gives δᴸ = a − y). */
export function sumsToOne(y: VecLike): boolean {
  let s = 0;
  for (let j = 0; j < y.length; j++) s += y[j];
  return Math.abs(s - 1) < 1e-12;
}

/**
 * A reader's own cost, from its value C(a, y) and its gradient ∇ₐC: the output error is the general
 * δᴸ = J_σ(zᴸ)ᵀ ∇ₐC, so any output activation works with it. `gradientCheck` then says whether the
 * gradient is right. Both functions get one example's output a and target y.
 */
export function defineCost(
  name: string,
  value: (a: VecLike, y: VecLike) => number,
  grad: (a: VecLike, y: VecLike) => ArrayLike<number>,
): Cost {
  if (typeof name !== 'string' || name === '') throw new TypeError('defineCost needs a name, e.g. defineCost("mine", value, grad)');
  if (typeof value !== 'function') throw new TypeError(`defineCost("${name}"): the value must be a function (a, y) => number`);
  if (typeof grad !== 'function') throw new TypeError(`defineCost("${name}"): the gradient must be a function (a, y) => array of ∂C/∂a_j`);
  const cost: Cost = {
    name,
    value: (a, y) => value(a, y),
    grad(a, y) {
      const g = grad(a, y);
      if (!g || g.length !== a.length) throw new RangeError(`defineCost("${name}"): the gradient has ${g?.length ?? 'no'} entries; the output layer has ${a.length}`);
      return Float64Array.from(g);
    },
    delta: (z, a, y, act) => outputErrorGeneral(z, a, y, act, cost),
  };
  return cost;
}

export const costs: Record<CostName, Cost> = { quadratic, 'cross-entropy': crossEntropy, 'log-likelihood': logLikelihood };

export function getCost(name: string): Cost {
  const cost = Object.hasOwn(costs, name) ? (costs as Record<string, Cost>)[name] : undefined;
  if (!cost) throw new Error(`Unknown cost "${name}". Known: ${Object.keys(costs).join(', ')}`);
  return cost;
}
