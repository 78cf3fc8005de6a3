import type { Rng } from '../types';
import { createNetwork, Matrix, optimize } from '../../engine/index';
/** random column vector as an n×1 matrix, for expression checks */
export const col = (r: Rng, n: number, lo = -1, hi = 1) => Array.from({ length: n }, () => [lo + (hi - lo) * r()]);
export const mat = (r: Rng, m: number, n: number) => Array.from({ length: m }, () => Array.from({ length: n }, () => 2 * r() - 1));
export const prob = (r: Rng, n: number) => col(r, n, 0.05, 0.95);

/**
 * One weight after one step of the engine's Algorithm 3 (`optimize`): a one-weight network with
 * weight w and gradient g, so w → (1 − ηλ/n) w − η g (λ = 0: plain gradient descent).
 */
export function weightAfterStep(w: number, g: number, eta: number, lambda = 0, n = 1): number {
  const net = createNetwork({ sizes: [1, 1], seed: 1 });
  net.weights[0].data[0] = w;
  optimize(net, [Matrix.from([[g]])], [new Float64Array(1)], { eta, lambda, n });
  return net.weights[0].data[0];
}
