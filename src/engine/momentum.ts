// Gradient descent with momentum (chapter 4). A velocity v, one entry per parameter, remembers
// the recent steps: each step first decays it and adds the downhill push, then moves by it:
//   v ← β v − η ∇C,   θ ← θ + v.
// With β = 0 this is exactly the plain step θ ← θ − η ∇C of Algorithm 3.
import { Matrix, type Vec, type VecLike, toVec } from './matrix';
import type { Network } from './network';

export interface MomentumOptions {
  /** Learning rate η. */
  eta: number;
  /** Momentum coefficient β, 0 ≤ β < 1 (0: plain gradient descent). */
  beta: number;
}

/** One velocity per weight and per bias, the shapes of the network's parameters. */
export interface Velocity {
  weights: Matrix[];
  biases: Vec[];
}

export function checkMomentum({ eta, beta }: MomentumOptions): void {
  if (!Number.isFinite(eta)) throw new RangeError(`η must be a finite number (got ${eta})`);
  if (!Number.isFinite(beta) || beta < 0 || beta >= 1) throw new RangeError(`β must be a number with 0 ≤ β < 1 (got ${beta})`);
}

/** A velocity of zeros for net (the usual start: the first step is then a plain gradient step). */
export function zeroVelocity(net: Network): Velocity {
  return {
    weights: net.weights.map((w) => Matrix.zeros(w.rows, w.cols)),
    biases: net.biases.map((b) => new Float64Array(b.length)),
  };
}

/** v ← βv − ηg, θ ← θ + v on flat arrays, in place. */
function stepArrays(theta: Float64Array, v: Float64Array, g: ArrayLike<number>, eta: number, beta: number): void {
  for (let k = 0; k < theta.length; k++) {
    v[k] = beta * v[k] - eta * g[k];
    theta[k] += v[k];
  }
}

/** One momentum step on a network (mutates net and velocity): v ← βv − η∇C, then w ← w + v (biases alike). */
export function momentumStep(net: Network, velocity: Velocity, nablaW: Matrix[], nablaB: Vec[], options: MomentumOptions): void {
  checkMomentum(options);
  const { eta, beta } = options;
  for (let i = 0; i < net.weights.length; i++) {
    stepArrays(net.weights[i].data, velocity.weights[i].data, nablaW[i].data, eta, beta);
    stepArrays(net.biases[i], velocity.biases[i], nablaB[i], eta, beta);
  }
}

export interface DescentPath {
  /** θ_0, θ_1, …, θ_steps. */
  thetas: Vec[];
  /** v_0 = 0, v_1, …, v_steps. */
  velocities: Vec[];
  /** C(θ_t) for each t. */
  costs: number[];
}

/**
 * Momentum descent on any differentiable cost of a parameter vector, starting at rest (v_0 = 0):
 * v_{t+1} = β v_t − η ∇C(θ_t), θ_{t+1} = θ_t + v_{t+1}. With β = 0 it is plain gradient descent.
 */
export function momentumPath(
  cost: (theta: Vec) => number,
  grad: (theta: Vec) => VecLike,
  theta0: VecLike,
  { eta, beta, steps }: MomentumOptions & { steps: number },
): DescentPath {
  checkMomentum({ eta, beta });
  if (!Number.isInteger(steps) || steps < 0) throw new RangeError(`steps must be a whole number ≥ 0 (got ${steps})`);
  const theta = toVec(theta0);
  const v = new Float64Array(theta.length);
  const path: DescentPath = { thetas: [theta.slice()], velocities: [v.slice()], costs: [cost(theta)] };
  for (let t = 0; t < steps; t++) {
    stepArrays(theta, v, grad(theta), eta, beta);
    path.thetas.push(theta.slice());
    path.velocities.push(v.slice());
    path.costs.push(cost(theta));
  }
  return path;
}

/** The quadratic bowl C(θ) = ½ Σ_i q_i θ_i² (Hessian diag(q)); a ravine when the q_i differ a lot. */
export function quadraticBowl(q: VecLike): { cost: (theta: Vec) => number; grad: (theta: Vec) => Vec } {
  const qs = toVec(q);
  return {
    cost: (theta) => qs.reduce((s, qi, i) => s + 0.5 * qi * theta[i] * theta[i], 0),
    grad: (theta) => qs.map((qi, i) => qi * theta[i]),
  };
}

/**
 * On the bowl, coordinate i obeys θ_{t+1} = (1 + β − η q_i) θ_t − β θ_{t−1}: the roots r of
 * r² − (1 + β − η q_i) r + β = 0 decide it, θ_t shrinking like max |r|^t. Returns that largest |r|,
 * the factor by which the coordinate's distance to the minimum shrinks per step in the long run.
 */
export function momentumRate(q: number, eta: number, beta: number): number {
  const s = 1 + beta - eta * q;
  const d = s * s - 4 * beta;
  if (d < 0) return Math.sqrt(beta); // complex pair: |r|² = r₊ r₋ = β
  const root = Math.sqrt(d);
  return Math.max(Math.abs((s + root) / 2), Math.abs((s - root) / 2));
}
