// Shared by the fast-path agreement tests (fast.test.ts: TypeScript kernels; wasm.test.ts:
// WebAssembly kernels): random networks of every activation × cost pairing, their data, and the
// comparison of several minibatch steps against the per-example reference.
import fc from 'fast-check';
import {
  type Activation,
  type ActivationName,
  type Cost,
  type CostName,
  type Network,
  cloneNetwork,
  createNetwork,
  defineActivation,
  updateMiniBatch,
} from '../../src/engine/index';
import { type FastDType, type FastWasm, createTrainer } from '../../src/engine/fast';
import { hiddenActivations, outputPairs } from '../equations/helpers';

/** Largest |a − b| / max(|a| + |b|, floor) over every weight and bias of two networks. */
export function paramRelDiff(a: Network, b: Network, floor = 1e-8): number {
  let m = 0;
  const cmp = (u: ArrayLike<number>, v: ArrayLike<number>) => {
    for (let i = 0; i < u.length; i++) m = Math.max(m, Math.abs(u[i] - v[i]) / Math.max(Math.abs(u[i]) + Math.abs(v[i]), floor));
  };
  a.weights.forEach((w, i) => cmp(w.data, b.weights[i].data));
  a.biases.forEach((v, i) => cmp(v, b.biases[i]));
  return m;
}

// A reader's own activation and cost, so the generic (object-method) fallbacks are exercised too.
export const softsign: Activation = defineActivation('softsign', (z) => z / (1 + Math.abs(z)), (z) => 1 / (1 + Math.abs(z)) ** 2);
export const halfQuadratic: Cost = {
  name: 'half-quadratic',
  value: (a, y) => {
    let s = 0;
    for (let j = 0; j < a.length; j++) s += 0.25 * (a[j] - y[j]) ** 2;
    return s;
  },
  grad: (a, y) => Float64Array.from(a, (v, j) => 0.5 * (v - y[j])),
  delta: (z, a, y, act) => {
    const p = act.prime(z);
    return Float64Array.from(a, (v, j) => 0.5 * (v - y[j]) * p[j]);
  },
};

export type Hidden = ActivationName | Activation;
export interface Combo {
  hidden: Hidden;
  output: Hidden;
  cost: CostName | Cost;
  /** targets in (0, 1) that need not sum to 1 (for softmax + log-likelihood: the general δᴸ, not a − y) */
  softTargets?: boolean;
}

export const name = (a: Hidden | CostName | Cost) => (typeof a === 'string' ? a : a.name);

/**
 * Every hidden activation × every valid (output activation, cost) pair of the engine — the same
 * product the finite-difference test covers — plus a reader's own activation and cost objects
 * (the generic fallbacks), and softmax + log-likelihood with soft targets that do not sum to 1.
 */
export const combos: Combo[] = [
  ...hiddenActivations.flatMap((hidden) => outputPairs.map((p): Combo => ({ hidden, ...p }))),
  { hidden: 'sigmoid', output: 'softmax', cost: 'log-likelihood', softTargets: true },
  { hidden: softsign, output: 'sigmoid', cost: 'quadratic' },
  { hidden: 'tanh', output: softsign, cost: 'quadratic' },
  { hidden: 'sigmoid', output: 'sigmoid', cost: halfQuadratic },
];

export const arbRun = (combo: Combo) =>
  fc
    .record({
      sizes: fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 2, maxLength: 4 }),
      seed: fc.integer({ min: 1, max: 1_000_000 }),
      n: fc.integer({ min: 1, max: 23 }),
      batchSize: fc.integer({ min: 1, max: 11 }),
      steps: fc.integer({ min: 1, max: 6 }),
      eta: fc.double({ min: 0.01, max: 1, noNaN: true }),
      lambda: fc.constantFrom(0, 0.5, 5),
    })
    .map((r) => {
      const L = r.sizes.length - 1;
      if (name(combo.output) === 'softmax') r.sizes[L] = Math.max(2, r.sizes[L]);
      const net = createNetwork({
        sizes: r.sizes,
        activations: [...Array.from({ length: L - 1 }, () => combo.hidden), combo.output],
        cost: combo.cost,
        init: 'scaled',
        seed: r.seed,
      });
      // Deterministic data from the seed: inputs in [−2, 2], targets suited to the output.
      let s = r.seed;
      const rand = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296);
      const nOut = r.sizes[L];
      const oneHot = !combo.softTargets && (name(combo.output) === 'softmax' || name(combo.cost) === 'log-likelihood');
      const data = Array.from({ length: r.n }, () => {
        const x = Array.from({ length: r.sizes[0] }, () => 4 * rand() - 2);
        const label = Math.floor(rand() * nOut);
        const y = Array.from({ length: nOut }, (_, j) => {
          if (oneHot) return j === label ? 1 : 0;
          const v = 0.05 + 0.9 * rand();
          return name(combo.output) === 'tanh' || name(combo.output) === 'linear' ? 2 * v - 1 : v;
        });
        return { x, y };
      });
      return { ...r, net, data };
    });

export function maxAbsParam(net: Network): number {
  let m = 0;
  for (const w of net.weights) for (const v of w.data) m = Math.max(m, Math.abs(v));
  for (const b of net.biases) for (const v of b) m = Math.max(m, Math.abs(v));
  return Number.isFinite(m) ? m : Infinity;
}

/** Run `steps` minibatches through both paths; batch t takes examples t·b, t·b+1, … (wrapping). */
export type Run = ReturnType<typeof arbRun> extends fc.Arbitrary<infer T> ? T : never;

export function trainBoth(run: Run, dtype: FastDType, wasm: FastWasm | null = null) {
  const ref = cloneNetwork(run.net);
  const fast = cloneNetwork(run.net);
  const trainer = createTrainer(fast, { batchSize: run.batchSize, dtype, wasm });
  const opts = { eta: run.eta, lambda: run.lambda, n: run.n };
  for (let t = 0; t < run.steps; t++) {
    const batch = Array.from({ length: run.batchSize }, (_, i) => run.data[(t * run.batchSize + i) % run.n]);
    updateMiniBatch(ref, batch, opts);
    trainer.updateMiniBatch(
      batch.map((e) => e.x),
      batch.map((e) => e.y),
      opts,
    );
    // A deep all-linear (or ReLU) net can diverge at η near 1, super-exponentially; past that point
    // both paths only agree on overflowing, which proves nothing, so the comparison stops there.
    if (maxAbsParam(ref) > 1e4) break;
  }
  trainer.sync();
  return { ref, fast, trainer };
}

