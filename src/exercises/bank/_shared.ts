import type { Rng } from '../types';
import { createNetwork, Matrix, optimize, type Activation } from '../../engine/index';
import { r2 } from '../types';
import { mtex, vtex } from '../calc';
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

// a [2, 2, 1] network given by its parameters (chapters 3 and 4's problems)
/** a [2, 2, 1] network with the given parameters and hidden activation, quadratic cost */
export function smallNet(p: Record<string, unknown>, hidden: Activation | 'linear', output: Activation | 'linear') {
  const net = createNetwork({ sizes: [2, 2, 1], activations: [hidden, output], seed: 1 });
  net.weights[0].data.set((p.W1 as number[][]).flat());
  net.biases[0].set(p.b1 as number[]);
  net.weights[1].data.set((p.W2 as number[][]).flat());
  net.biases[1].set(p.b2 as number[]);
  return net;
}
export const smallParams = (r: () => number) => ({
  W1: [[r2(r, -1, 1), r2(r, -1, 1)], [r2(r, -1, 1), r2(r, -1, 1)]], b1: [r2(r, -1, 1), r2(r, -1, 1)],
  W2: [[r2(r, -1, 1), r2(r, -1, 1)]], b2: [r2(r, -1, 1)], x: [r2(r, -1, 1), r2(r, -1, 1)], y: [r2(r, 0, 1)],
});
export const smallPrompt = (p: Record<string, unknown>) => `$w^1 = ${mtex(p.W1 as number[][])}$, $b^1 = ${vtex(p.b1 as number[])}$, $w^2 = ${mtex(p.W2 as number[][])}$, $b^2 = ${p.b2}$, input $x = ${vtex(p.x as number[])}$, target $y = ${p.y}$, quadratic cost $C = \\tfrac12 (a^2 - y)^2$`;
