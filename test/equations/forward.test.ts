// The forward pass (chapter 1) and the sigmoid's derivative (chapter 3), proved against the text.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  Matrix,
  createNetwork,
  feedforward,
  fromJSON,
  MODEL_FORMAT,
  sigmoid,
  sigmoidPrimeScalar,
  sigmoidScalar,
} from '../../src/engine/index';
import { centralDiff } from './helpers';

const finite = (min = -30, max = 30) => fc.double({ min, max, noNaN: true });

describe('the forward pass', () => {
  it('sigmoid: σ(z) = 1/(1 + e^{−z}), σ(0) = ½, σ(−z) = 1 − σ(z), and no overflow at extreme z', () => {
    expect(sigmoidScalar(0)).toBe(0.5);
    expect(sigmoidScalar(2)).toBeCloseTo(1 / (1 + Math.exp(-2)), 15);
    fc.assert(
      fc.property(finite(), (z) => {
        expect(sigmoidScalar(z)).toBeCloseTo(1 / (1 + Math.exp(-z)), 12);
        expect(sigmoidScalar(-z)).toBeCloseTo(1 - sigmoidScalar(z), 12);
      }),
    );
    expect(sigmoidScalar(-1000)).toBe(0);
    expect(sigmoidScalar(1000)).toBe(1);
    expect(Number.isNaN(sigmoidScalar(-1e308))).toBe(false);
  });

  it('z-component: z^l_j = Σ_k w^l_jk a^{l−1}_k + b^l_j, written out by hand for a 2→3→1 network', () => {
    const w1 = [[0.1, -0.2], [0.4, 0.3], [-0.5, 0.6]];
    const b1 = [0.05, -0.1, 0.2];
    const w2 = [[0.7, -0.8, 0.9]];
    const b2 = [-0.3];
    const net = fromJSON({ format: MODEL_FORMAT, sizes: [2, 3, 1], activations: ['sigmoid', 'sigmoid'], cost: 'quadratic', weights: [w1, w2], biases: [b1, b2] });
    const x = [0.5, -1.5];
    const { zs, as } = feedforward(net, x);
    for (let j = 0; j < 3; j++) {
      const byHand = w1[j][0] * x[0] + w1[j][1] * x[1] + b1[j];
      expect(zs[0][j]).toBeCloseTo(byHand, 15);
    }
    const z2 = w2[0][0] * as[1][0] + w2[0][1] * as[1][1] + w2[0][2] * as[1][2] + b2[0];
    expect(zs[1][0]).toBeCloseTo(z2, 15);
  });

  it('z: z^l = w^l a^{l−1} + b^l agrees with the component sums on random networks', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 2, maxLength: 4 }), fc.integer({ min: 1, max: 1e6 }), (sizes, seed) => {
        const net = createNetwork({ sizes, seed });
        const x = Array.from({ length: sizes[0] }, (_, k) => Math.sin(seed + k));
        const { as, zs } = feedforward(net, x);
        for (let l = 1; l < sizes.length; l++) {
          const w = net.weights[l - 1];
          for (let j = 0; j < sizes[l]; j++) {
            let s = net.biases[l - 1][j];
            for (let k = 0; k < sizes[l - 1]; k++) s += w.get(j, k) * as[l - 1][k];
            expect(zs[l - 1][j]).toBeCloseTo(s, 12);
          }
        }
      }),
    );
  });

  it('a: a^l = σ(z^l) entry by entry, and as[0] is the input itself', () => {
    const net = createNetwork({ sizes: [3, 4, 2], seed: 7 });
    const x = [0.2, -0.7, 1.1];
    const { as, zs } = feedforward(net, x);
    expect(Array.from(as[0])).toEqual(x);
    zs.forEach((z, i) => z.forEach((zj, j) => expect(as[i + 1][j]).toBe(sigmoidScalar(zj))));
  });

  it('feedforward: the network is the composition g^L ∘ … ∘ g^1 of its layers', () => {
    const net = createNetwork({ sizes: [4, 5, 3, 2], seed: 3 });
    const layer = (i: number) => (a: Float64Array) => {
      const w: Matrix = net.weights[i];
      const out = new Float64Array(w.rows);
      for (let j = 0; j < w.rows; j++) {
        let s = net.biases[i][j];
        for (let k = 0; k < w.cols; k++) s += w.get(j, k) * a[k];
        out[j] = sigmoidScalar(s);
      }
      return out;
    };
    const x = Float64Array.from([0.3, -0.1, 0.9, 0.0]);
    const composed = layer(2)(layer(1)(layer(0)(x)));
    const { as } = feedforward(net, x);
    expect(Array.from(as[3])).toEqual(Array.from(composed));
    expect(() => feedforward(net, [1, 2])).toThrow(/expects 4/);
  });

  it("sigmoid-prime: σ′(z) = σ(z)(1 − σ(z)) agrees with finite differences and peaks at ¼ at z = 0", () => {
    fc.assert(
      fc.property(finite(-20, 20), (z) => {
        const fd = centralDiff(sigmoidScalar, z);
        expect(Math.abs(sigmoidPrimeScalar(z) - fd)).toBeLessThan(1e-9);
        expect(sigmoidPrimeScalar(z)).toBeLessThanOrEqual(0.25);
      }),
    );
    expect(sigmoidPrimeScalar(0)).toBe(0.25);
    const z = [-3, 0, 1.5];
    expect(Array.from(sigmoid.prime(z))).toEqual(z.map(sigmoidPrimeScalar));
  });
});
