// Activation functions σ and their derivatives.
// An elementwise activation acts on each z_j alone, so its Jacobian is diagonal: J_σ = diag(σ′(z)).
// Softmax mixes the entries of z, so it has a full Jacobian diag(a) − a aᵀ and no elementwise σ′.
import { Matrix, type Vec, type VecLike } from './matrix';

export type ActivationName = 'sigmoid' | 'tanh' | 'relu' | 'linear' | 'softmax';

export interface Activation {
  /** A name for display and for the model JSON format. */
  readonly name: string;
  /** a = σ(z). */
  fn(z: VecLike): Vec;
  /**
   * σ′(z), entry by entry. Only meaningful when the activation is elementwise; softmax throws.
   */
  prime(z: VecLike): Vec;
  /** ∂a_i/∂z_j as a matrix. Optional for a reader's own elementwise activation: diag(prime(z)) is used. */
  jacobian?(z: VecLike): Matrix;
  /** False when a_j depends on other entries of z than z_j (softmax). Default true. */
  readonly elementwise?: boolean;
}

/** σ(z) = 1 / (1 + e^{−z}), written so that large |z| never overflows. */
export function sigmoidScalar(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

/** σ′(z) = σ(z)(1 − σ(z)). */
export function sigmoidPrimeScalar(z: number): number {
  const s = sigmoidScalar(z);
  return s * (1 - s);
}

/** diag(v) as a matrix. */
export function diag(v: VecLike): Matrix {
  const m = new Matrix(v.length, v.length);
  for (let i = 0; i < v.length; i++) m.data[i * v.length + i] = v[i];
  return m;
}

/**
 * Build an elementwise activation from a scalar function and its derivative: the way a reader
 * hands their own σ to the engine (then `gradientCheck` says whether the derivative is right).
 */
export function defineActivation(name: string, f: (z: number) => number, fPrime: (z: number) => number): Activation {
  const map = (g: (z: number) => number) => (z: VecLike): Vec => {
    const out = new Float64Array(z.length);
    for (let i = 0; i < z.length; i++) out[i] = g(z[i]);
    return out;
  };
  const prime = map(fPrime);
  return { name, fn: map(f), prime, jacobian: (z) => diag(prime(z)), elementwise: true };
}

export const sigmoid: Activation = defineActivation('sigmoid', sigmoidScalar, sigmoidPrimeScalar);

export const tanh: Activation = defineActivation('tanh', Math.tanh, (z) => {
  const t = Math.tanh(z);
  return 1 - t * t;
});

/** ReLU: max(0, z); its derivative is taken as 0 at z = 0. */
export const relu: Activation = defineActivation('relu', (z) => (z > 0 ? z : 0), (z) => (z > 0 ? 1 : 0));

/** The identity, a = z (for regression outputs). */
export const linear: Activation = defineActivation('linear', (z) => z, () => 1);

/** softmax(z)_j = e^{z_j} / Σ_k e^{z_k}, computed after subtracting max z (the result is unchanged). */
function softmaxFn(z: VecLike): Vec {
  let max = -Infinity;
  for (let i = 0; i < z.length; i++) if (z[i] > max) max = z[i];
  const out = new Float64Array(z.length);
  let sum = 0;
  for (let i = 0; i < z.length; i++) {
    out[i] = Math.exp(z[i] - max);
    sum += out[i];
  }
  for (let i = 0; i < z.length; i++) out[i] /= sum;
  return out;
}

/** softmax always has its Jacobian (its derivative is not elementwise). */
export const softmax: Activation & { jacobian(z: VecLike): Matrix } = {
  name: 'softmax',
  elementwise: false,
  fn: softmaxFn,
  prime(): Vec {
    throw new Error('softmax has no elementwise derivative: each a_j depends on every z_k. Use softmax.jacobian(z) = diag(a) − a aᵀ.');
  },
  /** ∂a_i/∂z_j = a_i(δ_ij − a_j), i.e. diag(a) − a aᵀ. */
  jacobian(z: VecLike): Matrix {
    const a = softmaxFn(z);
    const n = a.length;
    const m = new Matrix(n, n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) m.data[i * n + j] = (i === j ? a[i] : 0) - a[i] * a[j];
    return m;
  },
};

export const activations: Record<ActivationName, Activation> = { sigmoid, tanh, relu, linear, softmax };

export function getActivation(name: string): Activation {
  // Object.hasOwn, not `in` or a bare lookup: "toString" or "__proto__" must not pass as an activation.
  const act = Object.hasOwn(activations, name) ? (activations as Record<string, Activation>)[name] : undefined;
  if (!act) throw new Error(`Unknown activation "${name}". Known: ${Object.keys(activations).join(', ')}`);
  return act;
}

/** J_σ(z): the activation's Jacobian, diag(σ′(z)) for an elementwise activation. */
export function activationJacobian(act: Activation, z: VecLike): Matrix {
  if (act.jacobian) return act.jacobian(z);
  return diag(act.prime(z));
}

/** Whether the activation acts entry by entry (so J_σ = diag(σ′) and ⊙ σ′ can be used). */
export function isElementwise(act: Activation): boolean {
  return act.elementwise !== false;
}
