// Algorithms 3 and 4 (chapter 4): the gradient step and the minibatch average.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backprop, cloneNetwork, createNetwork, optimize, totalCost, updateMiniBatch } from '../../src/engine/index';
import { gradientsAgree, numericGradient } from './helpers';

describe('gradient descent', () => {
  it('sgd-update: w → w − η ∂C/∂w and b → b − η ∂C/∂b, entry by entry, and a small step lowers the cost', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e6 }), fc.double({ min: 0.001, max: 0.05, noNaN: true }), (seed, eta) => {
        const net = createNetwork({ sizes: [3, 4, 2], seed });
        const x = [0.5, -0.2, 0.8];
        const y = [1, 0];
        const before = cloneNetwork(net);
        const { nablaW, nablaB } = backprop(net, x, y);
        optimize(net, nablaW, nablaB, { eta });
        net.weights.forEach((w, i) => w.data.forEach((v, k) => expect(v).toBeCloseTo(before.weights[i].data[k] - eta * nablaW[i].data[k], 14)));
        net.biases.forEach((b, i) => b.forEach((v, j) => expect(v).toBeCloseTo(before.biases[i][j] - eta * nablaB[i][j], 14)));
        expect(totalCost(net, [{ x, y }])).toBeLessThanOrEqual(totalCost(before, [{ x, y }]) + 1e-15);
      }),
    );
    expect(() => optimize(createNetwork({ sizes: [1, 1] }), [], [], { eta: NaN })).toThrow(/η/);
  });

  it('minibatch-average: Algorithm 4 steps by (1/m) Σ ∇C_x — the gradient of the batch\'s mean cost', () => {
    const net = createNetwork({ sizes: [2, 3, 1], seed: 4 });
    const batch = [
      { x: [0.1, 0.9], y: [1] },
      { x: [0.7, -0.3], y: [0] },
      { x: [-0.5, 0.4], y: [1] },
      { x: [0.2, 0.2], y: [0] },
    ];
    const eta = 0.5;
    const after = cloneNetwork(net);
    updateMiniBatch(after, batch, { eta });
    // The gradient of the mean cost, by finite differences over the whole batch:
    for (let i = 0; i < net.weights.length; i++) {
      const probe = cloneNetwork(net);
      const gW = numericGradient(() => totalCost(probe, batch), probe.weights[i].data);
      const stepped = Float64Array.from(net.weights[i].data, (w, k) => w - eta * gW[k]);
      expect(gradientsAgree(after.weights[i].data, stepped, 1e-7, 1e-9)).toBe(true);
      const gB = numericGradient(() => totalCost(probe, batch), probe.biases[i]);
      expect(gradientsAgree(after.biases[i], Float64Array.from(net.biases[i], (b, j) => b - eta * gB[j]))).toBe(true);
    }
    expect(() => updateMiniBatch(net, [], { eta })).toThrow(/at least one/);
  });
});
