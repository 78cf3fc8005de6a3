// Chapter 3's problems: a network with one modified neuron, and a network of linear neurons.
// Backprop with f′ in place of σ′ at the modified neuron agrees with finite differences of the
// cost; and it differs from what backprop gives if σ′ is kept there.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backprop, createNetwork, feedforward, gradientCheck, hadamard, linear, matTVec, relu, sigmoid, softmax, tanh, withModifiedNeuron } from '../../src/engine/index';

describe('a single modified neuron', () => {
  it('BP2-modified: δ^l_j = ((w^{l+1})ᵀδ^{l+1})_j f′(z^l_j) at the modified neuron, σ′ elsewhere, and the gradient passes the finite-difference check', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e6 }), fc.integer({ min: 0, max: 3 }), fc.constantFrom(tanh, linear), (seed, j, f) => {
        const hidden = withModifiedNeuron(sigmoid, f, j);
        const net = createNetwork({ sizes: [3, 4, 2], activations: [hidden, sigmoid], seed });
        const x = [0.4, -0.3, 0.9];
        const y = [1, 0];
        const { zs } = feedforward(net, x);
        const { deltas } = backprop(net, x, y);
        const back = matTVec(net.weights[1], deltas[1]);
        for (let k = 0; k < 4; k++) {
          const slope = k === j ? f.prime([zs[0][k]])[0] : sigmoid.prime([zs[0][k]])[0];
          expect(deltas[0][k]).toBeCloseTo(back[k] * slope, 14);
        }
        expect(gradientCheck(net, x, y).maxRelError).toBeLessThan(1e-6);
        // keeping σ′ at the modified neuron (the forward pass still uses f) gives a different δ there
        const wrong = hadamard(back, sigmoid.prime(zs[0]));
        expect(Math.abs(wrong[j] - deltas[0][j])).toBeGreaterThan(1e-9 * (1 + Math.abs(deltas[0][j])));
      }),
      { numRuns: 30 },
    );
  });

  it('BP2-modified: the modified neuron computes f and the others σ; a neuron index outside the layer is refused with a message', () => {
    const act = withModifiedNeuron(sigmoid, relu, 1);
    const z = [-2, -2, 0.5];
    expect(Array.from(act.fn(z))).toEqual([sigmoid.fn([-2])[0], 0, sigmoid.fn([0.5])[0]]);
    expect(Array.from(act.prime(z))).toEqual([sigmoid.prime([-2])[0], 0, sigmoid.prime([0.5])[0]]);
    expect(() => withModifiedNeuron(sigmoid, tanh, 5).fn([1, 2])).toThrow(/no neuron 5/);
    expect(() => withModifiedNeuron(sigmoid, tanh, -1)).toThrow(/index/);
    // softmax is not elementwise (each a_j depends on all of z), on either side
    expect(() => withModifiedNeuron(softmax, sigmoid, 0)).toThrow(/two elementwise/);
    expect(() => withModifiedNeuron(sigmoid, softmax, 0)).toThrow(/two elementwise/);
  });

  it('linear-network: with f(z) = z everywhere, δ^L = a^L − y (quadratic cost) and δ^l = (w^{l+1})ᵀ δ^{l+1}, no σ′ anywhere', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e6 }), (seed) => {
        const net = createNetwork({ sizes: [2, 3, 2], activations: 'linear', seed });
        const x = [0.7, -1.2];
        const y = [0.5, -0.25];
        const { as } = feedforward(net, x);
        const { deltas } = backprop(net, x, y);
        deltas[1].forEach((d, j) => expect(d).toBeCloseTo(as[2][j] - y[j], 14));
        const back = matTVec(net.weights[1], deltas[1]);
        deltas[0].forEach((d, k) => expect(d).toBeCloseTo(back[k], 14));
        expect(gradientCheck(net, x, y).maxRelError).toBeLessThan(1e-6);
      }),
      { numRuns: 30 },
    );
  });
});
