// Costs (chapters 2, 7, 8): values by closed form, gradients by finite differences.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createNetwork,
  crossEntropy,
  feedforward,
  neuronRun,
  neuronStep,
  quadratic,
  sigmoid,
  sigmoidScalar,
  totalCost,
} from '../../src/engine/index';
import { centralDiff, gradientsAgree, maxRelDiff, numericGradient } from './helpers';

const prob = fc.double({ min: 0.01, max: 0.99, noNaN: true });

describe('costs', () => {
  it('quadratic-cost-x: C_x = ½‖y − a‖² and ∇ₐC_x = a − y', () => {
    expect(quadratic.value([0.2, 0.9], [0, 1])).toBeCloseTo(0.5 * (0.04 + 0.01), 15);
    fc.assert(
      fc.property(fc.array(prob, { minLength: 1, maxLength: 6 }), fc.array(prob, { minLength: 6, maxLength: 6 }), (a, ys) => {
        const y = ys.slice(0, a.length);
        const av = Float64Array.from(a);
        const fd = numericGradient(() => quadratic.value(av, y), av);
        expect(gradientsAgree(quadratic.grad(av, y), fd)).toBe(true);
      }),
    );
  });

  it('quadratic-cost: C = (1/2n) Σ_x ‖y(x) − a^L(x)‖², the average of the per-example costs', () => {
    const net = createNetwork({ sizes: [2, 3, 2], seed: 5 });
    const data = [
      { x: [0.1, 0.4], y: [1, 0] },
      { x: [-0.3, 0.8], y: [0, 1] },
      { x: [0.9, -0.2], y: [1, 1] },
    ];
    let s = 0;
    for (const { x, y } of data) {
      const a = feedforward(net, x).as[2];
      s += (y[0] - a[0]) ** 2 + (y[1] - a[1]) ** 2;
    }
    expect(totalCost(net, data)).toBeCloseTo(s / (2 * data.length), 14);
  });

  it('neuron-update: with the quadratic cost, x = 1 and y = 0, one step is w′ = w − η a²(1 − a)', () => {
    fc.assert(
      fc.property(fc.double({ min: -3, max: 3, noNaN: true }), fc.double({ min: -3, max: 3, noNaN: true }), fc.double({ min: 0.01, max: 2, noNaN: true }), (w, b, eta) => {
        const a = sigmoidScalar(w + b);
        const next = neuronStep({ w, b }, { eta, cost: quadratic });
        expect(next.w).toBeCloseTo(w - eta * a * a * (1 - a), 12);
        expect(next.b).toBeCloseTo(b - eta * a * a * (1 - a), 12);
        // and it is gradient descent on C = a²/2: compare with the finite-difference slope in w
        const slope = centralDiff((t) => 0.5 * sigmoidScalar(t + b) ** 2, w);
        expect(Math.abs((w - next.w) / eta - slope)).toBeLessThan(1e-8);
      }),
    );
    // The slowdown itself: from (2, 2) the quadratic cost's output barely moves early on,
    // while cross-entropy moves it fast (seed 004's two starts, η = 0.15).
    const q = neuronRun({ w: 2, b: 2, eta: 0.15, epochs: 300, cost: 'quadratic' });
    const ce = neuronRun({ w: 2, b: 2, eta: 0.15, epochs: 300, cost: crossEntropy });
    expect(q.a[50]).toBeGreaterThan(0.9);
    expect(ce.a[50]).toBeLessThan(q.a[50]);
    expect(ce.a[300]).toBeLessThan(q.a[300]);
  });

  it('cross-entropy: C = −Σ_j [y_j ln a_j + (1 − y_j) ln(1 − a_j)], finite at a target of exactly 0 or 1', () => {
    const a = [0.3, 0.8];
    const y = [0, 1];
    expect(crossEntropy.value(a, y)).toBeCloseTo(-(Math.log(0.7) + Math.log(0.8)), 15);
    expect(crossEntropy.value([1, 0], [1, 0])).toBe(0);
    fc.assert(
      fc.property(fc.array(prob, { minLength: 1, maxLength: 5 }), fc.array(prob, { minLength: 5, maxLength: 5 }), (a, ys) => {
        const y = ys.slice(0, a.length);
        expect(crossEntropy.value(a, y)).toBeGreaterThanOrEqual(crossEntropy.value(y, y) - 1e-12);
      }),
    );
  });

  it('cross-entropy-grad-w: for one sigmoid neuron ∂C/∂w_j = x_j (σ(z) − y), by finite differences', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -2, max: 2, noNaN: true }), { minLength: 3, maxLength: 3 }), fc.array(fc.double({ min: -2, max: 2, noNaN: true }), { minLength: 3, maxLength: 3 }), prob, (x, w0, y) => {
        const w = Float64Array.from(w0);
        const b = 0.1;
        const cost = () => crossEntropy.value([sigmoidScalar(w[0] * x[0] + w[1] * x[1] + w[2] * x[2] + b)], [y]);
        const fd = numericGradient(cost, w);
        const a = sigmoidScalar(w[0] * x[0] + w[1] * x[1] + w[2] * x[2] + b);
        expect(gradientsAgree(x.map((xj) => xj * (a - y)), fd)).toBe(true);
      }),
    );
  });

  it('cross-entropy-delta: with sigmoid outputs δᴸ = a − y equals ∇ₐC ⊙ σ′(z) (σ′ cancels)', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -8, max: 8, noNaN: true }), { minLength: 1, maxLength: 5 }), fc.array(prob, { minLength: 5, maxLength: 5 }), (z, ys) => {
        const y = ys.slice(0, z.length);
        const a = sigmoid.fn(z);
        const shortcut = crossEntropy.delta(z, a, y, sigmoid);
        const viaBp1 = Array.from(crossEntropy.grad(a, y), (g, j) => g * sigmoid.prime(z)[j]);
        expect(maxRelDiff(shortcut, viaBp1)).toBeLessThan(1e-9);
        expect(Array.from(shortcut)).toEqual(Array.from(a, (aj, j) => aj - y[j]));
      }),
    );
  });

  it('cross-entropy-minimiser: for any target y in (0, 1) the cost is smallest at a = y, where ∂C/∂a = 0', () => {
    fc.assert(
      fc.property(prob, fc.double({ min: 0.001, max: 0.999, noNaN: true }), (y, a) => {
        expect(crossEntropy.grad([y], [y])[0]).toBeCloseTo(0, 12);
        expect(crossEntropy.value([a], [y])).toBeGreaterThanOrEqual(crossEntropy.value([y], [y]) - 1e-12);
        expect(Math.sign(crossEntropy.grad([a], [y])[0])).toBe(a === y ? 0 : Math.sign(a - y));
        expect(Math.abs(crossEntropy.grad([a], [y])[0] - centralDiff((t) => crossEntropy.value([t], [y]), a, 1e-7))).toBeLessThan(1e-4 * (1 + Math.abs(crossEntropy.grad([a], [y])[0])));
      }),
    );
  });
});
