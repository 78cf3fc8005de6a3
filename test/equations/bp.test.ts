// The four fundamental equations (chapters 2–3), each proved three ways: by hand-sized closed form,
// by central finite differences on the cost, and as properties over random networks.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  activationJacobian,
  backprop,
  createNetwork,
  exampleCost,
  feedforward,
  fromJSON,
  gradientCheck,
  hadamard,
  hiddenError,
  MODEL_FORMAT,
  matTVec,
  outer,
  outputError,
  quadratic,
  sigmoid,
  sigmoidPrimeScalar,
  tanh,
} from '../../src/engine/index';
import { arbCase, combos, gradientsAgree, numericGradient } from './helpers';

/** ∂C/∂z^l by perturbing z^l itself: rerun the layers above from a nudged z. */
function numericDelta(net: ReturnType<typeof createNetwork>, x: number[], y: number[], layer: number): Float64Array {
  const { zs } = feedforward(net, x);
  const z = zs[layer].slice();
  const costFromZ = () => {
    let a = net.activations[layer].fn(z);
    for (let i = layer + 1; i < net.weights.length; i++) {
      const zi = net.weights[i].toArray().map((row, j) => row.reduce((s, w, k) => s + w * a[k], net.biases[i][j]));
      a = net.activations[i].fn(zi);
    }
    return net.cost.value(a, y);
  };
  return numericGradient(costFromZ, z);
}

// A hand-sized 2→2→1 network whose every number is written in the test.
const tiny = () =>
  fromJSON({
    format: MODEL_FORMAT,
    sizes: [2, 2, 1],
    activations: ['sigmoid', 'sigmoid'],
    cost: 'quadratic',
    weights: [[[0.15, 0.2], [0.25, 0.3]], [[0.4, 0.45]]],
    biases: [[0.35, 0.35], [0.6]],
  });

describe('the four equations', () => {
  it('hadamard: (s ⊙ t)_j = s_j t_j, and unequal lengths are refused', () => {
    expect(Array.from(hadamard([1, 2], [3, 4]))).toEqual([3, 8]);
    fc.assert(
      fc.property(fc.array(fc.double({ noNaN: true, min: -1e3, max: 1e3 }), { minLength: 1, maxLength: 8 }), (s) => {
        const t = s.map((v, i) => v - i);
        expect(Array.from(hadamard(s, t))).toEqual(s.map((v, i) => v * t[i]));
        expect(Array.from(hadamard(s, t))).toEqual(Array.from(hadamard(t, s)));
      }),
    );
    expect(() => hadamard([1], [1, 2])).toThrow(/1 and 2/);
  });

  it('delta-def: δ^l_j = ∂C/∂z^l_j — backprop\'s deltas equal finite differences taken in z itself', () => {
    for (const seed of [1, 2, 3]) {
      const net = createNetwork({ sizes: [3, 4, 3, 2], seed });
      const x = [0.4, -0.6, 0.9];
      const y = [1, 0];
      const { deltas } = backprop(net, x, y);
      for (let l = 0; l < 3; l++) expect(gradientsAgree(deltas[l], numericDelta(net, x, y, l))).toBe(true);
    }
  });

  it('BP1: δᴸ = ∇ₐC ⊙ σ′(zᴸ), on the hand-sized network and by finite differences', () => {
    const net = tiny();
    const x = [0.05, 0.1];
    const y = [0.01];
    const { as, zs } = feedforward(net, x);
    const aL = as[2][0];
    const byHand = (aL - y[0]) * aL * (1 - aL);
    const { deltas } = backprop(net, x, y);
    expect(deltas[1][0]).toBeCloseTo(byHand, 15);
    expect(Array.from(outputError(quadratic.grad(as[2], y), zs[1], sigmoid))).toEqual(Array.from(deltas[1]));
    expect(gradientsAgree(deltas[1], numericDelta(net, x, y, 1))).toBe(true);
  });

  it('BP1-component: δᴸ_j = ∂C/∂aᴸ_j · σ′(zᴸ_j) for every output neuron, on random networks', () => {
    fc.assert(
      fc.property(arbCase(combos[0]), ({ net, x, y }) => {
        const { as, zs } = feedforward(net, x);
        const L = net.weights.length;
        const { deltas } = backprop(net, x, y);
        for (let j = 0; j < net.sizes[L]; j++) {
          expect(deltas[L - 1][j]).toBeCloseTo((as[L][j] - y[j]) * sigmoidPrimeScalar(zs[L - 1][j]), 14);
        }
      }),
    );
  });

  it('BP2: δ^l = ((w^{l+1})ᵀ δ^{l+1}) ⊙ σ′(z^l), by hand and by finite differences in z', () => {
    const net = tiny();
    const x = [0.05, 0.1];
    const y = [0.01];
    const { zs } = feedforward(net, x);
    const { deltas } = backprop(net, x, y);
    for (let j = 0; j < 2; j++) {
      const byHand = net.weights[1].get(0, j) * deltas[1][0] * sigmoidPrimeScalar(zs[0][j]);
      expect(deltas[0][j]).toBeCloseTo(byHand, 15);
    }
    expect(Array.from(hiddenError(net.weights[1], deltas[1], zs[0], sigmoid))).toEqual(Array.from(deltas[0]));
    fc.assert(
      fc.property(arbCase(combos[3]), ({ net, x, y }) => {
        const { deltas } = backprop(net, x, y);
        for (let l = 0; l < net.weights.length - 1; l++) {
          const { zs } = feedforward(net, x);
          const expected = hadamard(matTVec(net.weights[l + 1], deltas[l + 1]), tanh.prime(zs[l]));
          expect(Array.from(deltas[l])).toEqual(Array.from(expected));
          expect(gradientsAgree(deltas[l], numericDelta(net, x, y, l), 1e-6, 1e-8)).toBe(true);
        }
      }),
      { numRuns: 40 },
    );
  });

  it('BP3: ∂C/∂b^l_j = δ^l_j, and it matches the cost\'s finite differences in each bias', () => {
    fc.assert(
      fc.property(arbCase(combos[1]), ({ net, x, y }) => {
        const { nablaB, deltas } = backprop(net, x, y);
        nablaB.forEach((g, i) => {
          expect(Array.from(g)).toEqual(Array.from(deltas[i]));
          expect(gradientsAgree(g, numericGradient(() => exampleCost(net, x, y), net.biases[i]))).toBe(true);
        });
      }),
      { numRuns: 40 },
    );
  });

  it('BP4: ∂C/∂w^l_jk = a^{l−1}_k δ^l_j, and it matches the cost\'s finite differences in each weight', () => {
    const net = tiny();
    const x = [0.05, 0.1];
    const y = [0.01];
    const { as } = feedforward(net, x);
    const { nablaW, deltas } = backprop(net, x, y);
    expect(nablaW[1].get(0, 1)).toBeCloseTo(as[1][1] * deltas[1][0], 15);
    expect(nablaW[0].get(1, 0)).toBeCloseTo(x[0] * deltas[0][1], 15);
    fc.assert(
      fc.property(arbCase(combos[2]), ({ net, x, y }) => {
        const { nablaW } = backprop(net, x, y);
        nablaW.forEach((g, i) => expect(gradientsAgree(g.data, numericGradient(() => exampleCost(net, x, y), net.weights[i].data))).toBe(true));
      }),
      { numRuns: 40 },
    );
  });

  it('BP4-matrix: ∂C/∂w^l = δ^l (a^{l−1})ᵀ, an outer product of shape n_l × n_{l−1}', () => {
    fc.assert(
      fc.property(arbCase(combos[4]), ({ net, x, y }) => {
        const { as } = feedforward(net, x);
        const { nablaW, deltas } = backprop(net, x, y);
        nablaW.forEach((g, i) => {
          expect([g.rows, g.cols]).toEqual([net.sizes[i + 1], net.sizes[i]]);
          expect(Array.from(g.data)).toEqual(Array.from(outer(deltas[i], as[i]).data));
        });
      }),
    );
  });

  it('jacobian-sigma: J_σ(z) = diag(σ′(z)) for an elementwise σ, checked column by column by finite differences', () => {
    for (const act of [sigmoid, tanh]) {
      const z = Float64Array.from([-1.2, 0.3, 2.5]);
      const J = activationJacobian(act, z);
      for (let j = 0; j < 3; j++) {
        const col = numericGradient(() => act.fn(z)[0] * 0 + act.fn(z)[j], z);
        for (let i = 0; i < 3; i++) expect(Math.abs(J.get(j, i) - col[i])).toBeLessThan(1e-9);
      }
    }
  });

  it('every activation/cost pairing: backprop equals finite differences on random networks (gradientCheck)', () => {
    for (const combo of combos) {
      fc.assert(
        fc.property(arbCase(combo), ({ net, x, y }) => {
          const check = gradientCheck(net, x, y);
          const ok = check.entries.every((e) => Math.abs(e.backprop - e.numeric) <= 1e-6 * (Math.abs(e.backprop) + Math.abs(e.numeric)) + 1e-9);
          if (!ok) throw new Error(`${combo.hidden}/${combo.output}/${combo.cost}: max relative error ${check.maxRelError}`);
        }),
        { numRuns: 25 },
      );
    }
  });
});
