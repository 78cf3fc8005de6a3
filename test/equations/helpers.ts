// Shared tools for the equation tests: central finite differences, random networks and inputs.
import fc from 'fast-check';
import { type ActivationName, type CostName, type Network, createNetwork } from '../../src/engine/index';

/** Central difference (f(t + ε) − f(t − ε)) / 2ε of a scalar function of one number (ε: the step). */
export function centralDiff(f: (t: number) => number, t: number, eps = 1e-5): number {
  return (f(t + eps) - f(t - eps)) / (2 * eps);
}

/** ∂f/∂v_i by central differences, perturbing the array in place and restoring it. */
export function numericGradient(f: () => number, v: Float64Array, eps = 1e-5): Float64Array {
  const g = new Float64Array(v.length);
  for (let i = 0; i < v.length; i++) {
    const saved = v[i];
    v[i] = saved + eps;
    const plus = f();
    v[i] = saved - eps;
    const minus = f();
    v[i] = saved;
    g[i] = (plus - minus) / (2 * eps);
  }
  return g;
}

/** |a − b| / max(|a| + |b|, 1e-8), entry by entry, the largest. */
export function maxRelDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]) / Math.max(Math.abs(a[i]) + Math.abs(b[i]), 1e-8));
  return m;
}

export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

type Combo = { hidden: ActivationName; output: ActivationName; cost: CostName };

/** The (output activation, cost) pairs the engine accepts: softmax never with cross-entropy. */
export const outputPairs: { output: ActivationName; cost: CostName }[] = [
  { output: 'sigmoid', cost: 'quadratic' },
  { output: 'sigmoid', cost: 'cross-entropy' },
  { output: 'sigmoid', cost: 'log-likelihood' },
  { output: 'tanh', cost: 'quadratic' },
  { output: 'relu', cost: 'quadratic' },
  { output: 'linear', cost: 'quadratic' },
  { output: 'softmax', cost: 'quadratic' },
  { output: 'softmax', cost: 'log-likelihood' },
];
export const hiddenActivations: ActivationName[] = ['sigmoid', 'tanh', 'relu', 'linear'];

/**
 * Every activation/cost pairing (softmax only on the output layer): the full product of the hidden
 * activations and the valid output pairs. The first five keep fixed positions (tests pick them by index).
 */
export const combos: Combo[] = (() => {
  const first: Combo[] = [
    { hidden: 'sigmoid', output: 'sigmoid', cost: 'quadratic' },
    { hidden: 'sigmoid', output: 'sigmoid', cost: 'cross-entropy' },
    { hidden: 'tanh', output: 'sigmoid', cost: 'cross-entropy' },
    { hidden: 'tanh', output: 'tanh', cost: 'quadratic' },
    { hidden: 'relu', output: 'linear', cost: 'quadratic' },
  ];
  const key = (c: Combo) => `${c.hidden}/${c.output}/${c.cost}`;
  const seen = new Set(first.map(key));
  const rest = hiddenActivations.flatMap((hidden) => outputPairs.map((p) => ({ hidden, ...p }))).filter((c) => !seen.has(key(c)));
  return [...first, ...rest];
})();

/** A random small network shape, seed, input and target suited to the output activation and cost. */
export const arbCase = (combo: (typeof combos)[number]) =>
  fc
    .record({
      sizes: fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 2, maxLength: 4 }),
      seed: fc.integer({ min: 1, max: 1_000_000 }),
      xs: fc.array(fc.double({ min: -2, max: 2, noNaN: true }), { minLength: 5, maxLength: 5 }),
      ys: fc.array(fc.double({ min: 0.05, max: 0.95, noNaN: true }), { minLength: 5, maxLength: 5 }),
      label: fc.integer({ min: 0, max: 4 }),
    })
    .map(({ sizes, seed, xs, ys, label }) => {
      const L = sizes.length - 1;
      if (combo.output === 'softmax') sizes[L] = Math.max(2, sizes[L]);
      const net: Network = createNetwork({
        sizes,
        activations: [...Array.from({ length: L - 1 }, () => combo.hidden), combo.output],
        cost: combo.cost,
        init: 'scaled',
        seed,
      });
      const x = xs.slice(0, sizes[0]);
      const n = sizes[L];
      const y =
        combo.cost === 'log-likelihood' || combo.output === 'softmax'
          ? Array.from({ length: n }, (_, j) => (j === label % n ? 1 : 0))
          : ys.slice(0, n).map((v) => (combo.output === 'tanh' || combo.output === 'linear' ? 2 * v - 1 : v));
      return { net, x, y };
    });

/**
 * Gradient agreement: |g − n| ≤ rel · (|g| + |n|) + abs for every entry. The absolute part absorbs
 * the finite difference's rounding noise (about 1e-11 with ε = 1e-5) where the gradient is ~0.
 */
export function gradientsAgree(g: ArrayLike<number>, n: ArrayLike<number>, rel = 1e-7, abs = 1e-9): boolean {
  if (g.length !== n.length) return false;
  for (let i = 0; i < g.length; i++) {
    if (!(Math.abs(g[i] - n[i]) <= rel * (Math.abs(g[i]) + Math.abs(n[i])) + abs)) return false;
  }
  return true;
}
