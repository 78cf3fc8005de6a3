// The weight-decay factor l2Factor(η, λ, n) checked by what it does, not by restating 1 − ηλ/n:
// a full-batch step (reference and fast path) is a plain gradient step on the regularised cost
// C = C₀ + (λ/2n) Σ w², whose gradient is taken by central finite differences of totalCost.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Network, cloneNetwork, createNetwork, l2Factor, totalCost, updateMiniBatch } from '../../src/engine/index';
import { createTrainer } from '../../src/engine/fast';
import { numericGradient } from '../equations/helpers';

type Example = { x: number[]; y: number[] };

/** Parameters after one plain step w − η ∂C/∂w, b − η ∂C/∂b with the gradient by finite differences. */
function fdStep(net: Network, data: Example[], eta: number, lambda: number): Network {
  const out = cloneNetwork(net);
  const probe = cloneNetwork(net);
  const C = () => totalCost(probe, data, lambda);
  probe.weights.forEach((w, i) => numericGradient(C, w.data, 1e-6).forEach((g, k) => (out.weights[i].data[k] -= eta * g)));
  probe.biases.forEach((b, i) => numericGradient(C, b, 1e-6).forEach((g, j) => (out.biases[i][j] -= eta * g)));
  return out;
}

function maxDiff(a: Network, b: Network): number {
  let m = 0;
  a.weights.forEach((w, i) => w.data.forEach((v, k) => (m = Math.max(m, Math.abs(v - b.weights[i].data[k])))));
  a.biases.forEach((v, i) => v.forEach((u, j) => (m = Math.max(m, Math.abs(u - b.biases[i][j])))));
  return m;
}

const arb = fc.record({
  seed: fc.integer({ min: 1, max: 10_000 }),
  n: fc.integer({ min: 1, max: 6 }),
  eta: fc.double({ min: 0.05, max: 2, noNaN: true }),
  lambda: fc.double({ min: 0.1, max: 20, noNaN: true }),
});

function setup({ seed, n }: { seed: number; n: number }) {
  const net = createNetwork({ sizes: [2, 3, 2], activations: 'sigmoid', cost: 'cross-entropy', seed });
  const data: Example[] = Array.from({ length: n }, (_, e) => ({ x: [Math.sin(seed + e), Math.cos(3 * e + seed)], y: [e % 2, (e + 1) % 2] }));
  return { net, data };
}

describe('l2Factor by its effect', () => {
  it('a full-batch step (m = n) with λ is the plain gradient step on C₀ + (λ/2n) Σ w² (finite differences), reference and fast path', () => {
    fc.assert(
      fc.property(arb, (r) => {
        const { net, data } = setup(r);
        const expected = fdStep(net, data, r.eta, r.lambda);
        const ref = cloneNetwork(net);
        updateMiniBatch(ref, data, { eta: r.eta, lambda: r.lambda, n: data.length });
        expect(maxDiff(ref, expected)).toBeLessThan(1e-7);
        const fast = cloneNetwork(net);
        createTrainer(fast, { batchSize: data.length }).updateMiniBatch(data.map((e) => e.x), data.map((e) => e.y), { eta: r.eta, lambda: r.lambda, n: data.length });
        expect(maxDiff(fast, expected)).toBeLessThan(1e-7);
      }),
      { numRuns: 25 },
    );
  });

  it('where the data term has no gradient (inputs 0: ∂C₀/∂w¹ = δ¹ xᵀ = 0) a step multiplies w¹ by l2Factor, the factor measured by finite differences', () => {
    fc.assert(
      fc.property(arb, (r) => {
        const { net } = setup(r);
        const data: Example[] = Array.from({ length: r.n }, (_, e) => ({ x: [0, 0], y: [e % 2, 1 - (e % 2)] }));
        const expected = fdStep(net, data, r.eta, r.lambda);
        const after = cloneNetwork(net);
        updateMiniBatch(after, data, { eta: r.eta, lambda: r.lambda, n: r.n });
        net.weights[0].data.forEach((w, k) => {
          const measured = expected.weights[0].data[k] / w; // 1 − η (∂C/∂w)/w from the regularised cost
          expect(Math.abs(measured - l2Factor(r.eta, r.lambda, r.n))).toBeLessThan(1e-6 / Math.min(1, Math.abs(w)));
          expect(after.weights[0].data[k]).toBe(l2Factor(r.eta, r.lambda, r.n) * w);
        });
      }),
      { numRuns: 25 },
    );
  });

  it('λ = 0 leaves the weights undecayed: l2Factor(η, 0, n) is 1 and the step is the plain step on C₀', () => {
    fc.assert(
      fc.property(arb, (r) => {
        const { net, data } = setup(r);
        expect(l2Factor(r.eta, 0, r.n)).toBe(1);
        const ref = cloneNetwork(net);
        updateMiniBatch(ref, data, { eta: r.eta, lambda: 0, n: data.length });
        expect(maxDiff(ref, fdStep(net, data, r.eta, 0))).toBeLessThan(1e-7);
      }),
      { numRuns: 10 },
    );
  });
});
