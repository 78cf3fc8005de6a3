// L2 regularisation (chapter 10): C = C₀ + (λ/2n) Σ w², weight decay (1 − ηλ/n), biases untouched.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backprop, cloneNetwork, createNetwork, l2Factor, optimize, totalCost, updateMiniBatch } from '../../src/engine/index';
import { gradientsAgree, numericGradient } from './helpers';

const data = [
  { x: [0.3, -0.4], y: [1, 0] },
  { x: [0.9, 0.1], y: [0, 1] },
  { x: [-0.6, 0.5], y: [1, 1] },
];

describe('L2 regularisation', () => {
  it('l2-cost: C = C₀ + (λ/2n) Σ_w w² over the weights only (biases excluded)', () => {
    const net = createNetwork({ sizes: [2, 3, 2], seed: 2 });
    const lambda = 0.7;
    const sumW2 = net.weights.reduce((s, w) => s + w.data.reduce((t, v) => t + v * v, 0), 0);
    expect(totalCost(net, data, lambda)).toBeCloseTo(totalCost(net, data) + (lambda / (2 * data.length)) * sumW2, 14);
    const moved = cloneNetwork(net);
    moved.biases[0][0] += 5;
    expect(totalCost(moved, data, lambda) - totalCost(moved, data)).toBeCloseTo(totalCost(net, data, lambda) - totalCost(net, data), 14);
  });

  it('l2-grad: ∂C/∂w = ∂C₀/∂w + (λ/n) w and ∂C/∂b = ∂C₀/∂b, by finite differences of the regularised cost', () => {
    const net = createNetwork({ sizes: [2, 3, 2], seed: 8 });
    const lambda = 1.3;
    const n = data.length;
    for (let i = 0; i < net.weights.length; i++) {
      const g0 = new Float64Array(net.weights[i].data.length);
      data.forEach(({ x, y }) => backprop(net, x, y).nablaW[i].data.forEach((g, k) => (g0[k] += g / n)));
      const expected = g0.map((g, k) => g + (lambda / n) * net.weights[i].data[k]);
      expect(gradientsAgree(expected, numericGradient(() => totalCost(net, data, lambda), net.weights[i].data))).toBe(true);
      const b0 = new Float64Array(net.biases[i].length);
      data.forEach(({ x, y }) => backprop(net, x, y).nablaB[i].forEach((g, j) => (b0[j] += g / n)));
      expect(gradientsAgree(b0, numericGradient(() => totalCost(net, data, lambda), net.biases[i]))).toBe(true);
    }
  });

  it('l2-update: w → (1 − ηλ/n) w − η ∂C₀/∂w; the same as a plain step on the regularised gradient', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.01, max: 1, noNaN: true }), fc.double({ min: 0, max: 10, noNaN: true }), fc.integer({ min: 1, max: 1000 }), (eta, lambda, n) => {
        expect(l2Factor(eta, lambda, n)).toBeCloseTo(1 - (eta * lambda) / n, 15);
        const net = createNetwork({ sizes: [2, 2], seed: n });
        const before = cloneNetwork(net);
        const { nablaW, nablaB } = backprop(net, [0.5, 0.5], [1, 0]);
        optimize(net, nablaW, nablaB, { eta, lambda, n });
        net.weights[0].data.forEach((w, k) => {
          const w0 = before.weights[0].data[k];
          expect(w).toBeCloseTo(w0 - eta * (nablaW[0].data[k] + (lambda / n) * w0), 12);
        });
        net.biases[0].forEach((b, j) => expect(b).toBeCloseTo(before.biases[0][j] - eta * nablaB[0][j], 14));
      }),
    );
  });

  it('l2-minibatch-update: the data term is averaged over m, the decay keeps n', () => {
    const net = createNetwork({ sizes: [2, 3, 2], seed: 6 });
    const batch = data.slice(0, 2);
    const eta = 0.4;
    const lambda = 2;
    const n = 50;
    const after = cloneNetwork(net);
    updateMiniBatch(after, batch, { eta, lambda, n });
    for (let i = 0; i < net.weights.length; i++) {
      const sum = new Float64Array(net.weights[i].data.length);
      batch.forEach(({ x, y }) => backprop(net, x, y).nablaW[i].data.forEach((g, k) => (sum[k] += g)));
      const expected = net.weights[i].data.map((w, k) => (1 - (eta * lambda) / n) * w - (eta / batch.length) * sum[k]);
      expect(gradientsAgree(after.weights[i].data, expected, 1e-13, 1e-15)).toBe(true);
    }
  });
});
