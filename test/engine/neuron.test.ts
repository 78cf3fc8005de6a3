// The single neuron of chapter 7 (x = 1, y = 0): neuronRun records every epoch, and stops with
// divergedAt at the first epoch whose state is not finite or has |w| or |b| beyond the bound.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { neuronRun, neuronStep } from '../../src/engine/neuron';
import { sigmoidScalar } from '../../src/engine/activations';

const costs = ['quadratic', 'cross-entropy'] as const;
const start = fc.double({ min: -10, max: 10, noNaN: true });

describe('neuronRun', () => {
  it('each recorded epoch is one neuronStep from the one before', () => {
    fc.assert(
      fc.property(start, start, fc.double({ min: 1e-3, max: 10, noNaN: true }), fc.constantFrom(...costs), fc.integer({ min: 0, max: 60 }), (w, b, eta, cost, epochs) => {
        const run = neuronRun({ w, b, eta, epochs, cost });
        expect(run.divergedAt).toBeNull();
        expect(run.w.length).toBe(epochs + 1);
        for (let e = 0; e < epochs; e++) {
          const s = neuronStep({ w: run.w[e], b: run.b[e] }, { eta, cost });
          expect(run.w[e + 1]).toBe(s.w);
          expect(run.b[e + 1]).toBe(s.b);
          expect(run.a[e]).toBe(s.a);
          expect(run.cost[e]).toBe(s.cost);
        }
      }),
      { numRuns: 50 },
    );
  });

  it('never reports divergence when the gradient bound keeps |w|, |b| inside the bound', () => {
    // |∂C/∂w| = |∂C/∂b| = |δ| with δ = a²(1 − a) ≤ 4/27 (quadratic, max at a = 2/3) or δ = a < 1
    // (cross-entropy), so after E epochs |w − w₀| ≤ η · max|δ| · E.
    const maxDelta = { quadratic: 4 / 27, 'cross-entropy': 1 };
    fc.assert(
      fc.property(start, start, fc.constantFrom(...costs), fc.integer({ min: 1, max: 200 }), fc.double({ min: 0.01, max: 1, noNaN: true }), (w, b, cost, epochs, frac) => {
        const bound = 1000;
        const eta = (frac * (bound - 10)) / (maxDelta[cost] * epochs);
        const run = neuronRun({ w, b, eta, epochs, cost, bound });
        expect(run.divergedAt).toBeNull();
        expect(run.a.length).toBe(epochs + 1);
      }),
      { numRuns: 100 },
    );
  });

  it('cross-entropy: a first step past the bound is divergence at epoch 1 (w₁ = w₀ − η σ(w₀ + b₀))', () => {
    fc.assert(
      fc.property(start, start, fc.double({ min: 2, max: 1e6, noNaN: true }), (w, b, factor) => {
        const bound = 1e6;
        const a0 = sigmoidScalar(w + b);
        const eta = (factor * (bound + 10)) / a0; // η a₀ > bound + 10 ≥ bound + |w₀|
        const run = neuronRun({ w, b, eta, epochs: 300, cost: 'cross-entropy', bound });
        expect(run.divergedAt).toBe(1);
        // The run stops there: epochs 0 and 1 only, and epoch 1 holds the out-of-bound state.
        expect(run.w.length).toBe(2);
        expect(run.w[1]).toBe(w - eta * a0);
        expect(Math.max(Math.abs(run.w[1]), Math.abs(run.b[1]))).toBeGreaterThan(bound);
      }),
      { numRuns: 100 },
    );
  });

  it('divergedAt is the first epoch past the bound, found by stepping with neuronStep', () => {
    fc.assert(
      fc.property(start, start, fc.constantFrom(...costs), fc.double({ min: 1, max: 1e9, noNaN: true }), fc.double({ min: 1, max: 1e4, noNaN: true }), (w, b, cost, eta, bound) => {
        const epochs = 50;
        const run = neuronRun({ w, b, eta, epochs, cost, bound });
        let s = { w, b };
        let first: number | null = null;
        for (let e = 0; e <= epochs; e++) {
          if (Math.abs(s.w) > bound || Math.abs(s.b) > bound) {
            first = e;
            break;
          }
          s = neuronStep(s, { eta, cost });
        }
        expect(run.divergedAt).toBe(first);
        expect(run.w.length).toBe(first === null ? epochs + 1 : first + 1);
      }),
      { numRuns: 200 },
    );
  });

  it('a state that stops being finite is divergence even with an infinite bound', () => {
    const run = neuronRun({ w: 0.6, b: 0.9, eta: Infinity, epochs: 300, cost: 'quadratic', bound: Infinity });
    expect(run.divergedAt).toBe(1);
    expect(Number.isFinite(run.w[1])).toBe(false);
    expect(neuronRun({ w: NaN, b: 0, eta: 0.1, epochs: 10, cost: 'quadratic' }).divergedAt).toBe(0);
  });

  it('the chapter’s runs (η = 0.15, 300 epochs, both starts, both costs) do not diverge', () => {
    for (const cost of costs)
      for (const [w, b] of [[0.6, 0.9], [2, 2]]) expect(neuronRun({ w, b, eta: 0.15, epochs: 300, cost }).divergedAt).toBeNull();
  });

  it('rejects a bound that is not positive', () => {
    expect(() => neuronRun({ w: 0, b: 0, eta: 1, epochs: 1, cost: 'quadratic', bound: 0 })).toThrow(/bound/);
    expect(() => neuronRun({ w: 0, b: 0, eta: 1, epochs: 1, cost: 'quadratic', bound: NaN })).toThrow(/bound/);
  });
});
