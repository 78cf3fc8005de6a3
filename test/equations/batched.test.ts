// The matrix (batched) form of chapter 6 agrees with the per-example equations.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  augmentRows,
  augmentedWeights,
  backprop,
  batchBackprop,
  batchFeedforward,
  createNetwork,
  feedforward,
  matMul,
  Matrix,
} from '../../src/engine/index';
import { arbCase, combos, gradientsAgree } from './helpers';

const batchOf = (n: number, d: number, seed: number) => Array.from({ length: n }, (_, i) => Array.from({ length: d }, (_, k) => Math.sin(seed * 7 + i * 3 + k)));

describe('the batched form', () => {
  it('batch-forward: Z = A (w)ᵀ + 1 bᵀ — row i of Z is z of example i', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 1e6 }), (N, seed) => {
        const net = createNetwork({ sizes: [3, 4, 2], activations: ['tanh', 'sigmoid'], seed });
        const X = batchOf(N, 3, seed);
        const { As, Zs } = batchFeedforward(net, X);
        X.forEach((x, i) => {
          const { as, zs } = feedforward(net, x);
          zs.forEach((z, l) => expect(gradientsAgree(Zs[l].row(i), z, 1e-13, 1e-15)).toBe(true));
          as.forEach((a, l) => expect(gradientsAgree(As[l].row(i), a, 1e-13, 1e-15)).toBe(true));
        });
      }),
    );
  });

  it('batch-delta: Δ^L = ∇_A C ⊙ σ′(Z^L) and Δ^l = (Δ^{l+1} w^{l+1}) ⊙ σ′(Z^l) — row i is δ^l of example i, for elementwise pairings', () => {
    for (const combo of combos.filter((c) => c.output !== 'softmax')) {
      fc.assert(
        fc.property(arbCase(combo), fc.integer({ min: 1, max: 5 }), ({ net, x, y }, N) => {
          const xs = Array.from({ length: N }, (_, i) => x.map((v) => v * (1 - 0.3 * i)));
          const ys = Array.from({ length: N }, () => y);
          const { deltas } = batchBackprop(net, xs, ys);
          const { As, Zs } = batchFeedforward(net, xs);
          const L = net.weights.length;
          const act = (i: number) => net.activations[i];
          // Δ^L from the formula, entry by entry: ∂C/∂a ⊙ σ′(z) on every row.
          const expectL = Matrix.zeros(N, net.sizes[L]);
          for (let r = 0; r < N; r++) {
            const g = net.cost.grad(As[L].row(r), ys[r]);
            const p = act(L - 1).prime(Zs[L - 1].row(r));
            for (let j = 0; j < g.length; j++) expectL.set(r, j, g[j] * p[j]);
          }
          expect(gradientsAgree(deltas[L - 1].data, expectL.data, 1e-10, 1e-13)).toBe(true);
          // Δ^l from Δ^{l+1} by the matrix formula, and row by row equal to each example's δ^l.
          for (let i = L - 2; i >= 0; i--) {
            const back = matMul(deltas[i + 1], net.weights[i + 1]);
            const expected = Float64Array.from(back.data, (v, k) => v * act(i).prime(Zs[i].row(Math.floor(k / back.cols)))[k % back.cols]);
            expect(gradientsAgree(deltas[i].data, expected, 1e-12, 1e-14)).toBe(true);
          }
          xs.forEach((xi, r) => {
            backprop(net, xi, ys[r]).deltas.forEach((d, i) => expect(gradientsAgree(deltas[i].row(r), d, 1e-12, 1e-14)).toBe(true));
          });
        }),
        { numRuns: 10 },
      );
    }
  });

  it('batch-grad-w: (Δ)ᵀ A_prev is the sum over the batch of the per-example δ aᵀ, for every activation/cost pairing', () => {
    for (const combo of combos) {
      fc.assert(
        fc.property(arbCase(combo), fc.integer({ min: 1, max: 5 }), ({ net, x, y }, N) => {
          const xs = Array.from({ length: N }, (_, i) => x.map((v) => v * (1 - 0.3 * i)));
          const ys = Array.from({ length: N }, () => y);
          const batch = batchBackprop(net, xs, ys);
          net.weights.forEach((w, l) => {
            const sum = new Float64Array(w.data.length);
            xs.forEach((xi, i) => backprop(net, xi, ys[i]).nablaW[l].data.forEach((g, k) => (sum[k] += g)));
            expect(gradientsAgree(batch.nablaW[l].data, sum, 1e-12, 1e-14)).toBe(true);
          });
        }),
        { numRuns: 15 },
      );
    }
  });

  it('batch-grad-b: the bias gradient is the column sum of Δ, i.e. the sum of the per-example δ', () => {
    const net = createNetwork({ sizes: [2, 3, 2], seed: 1 });
    const xs = [[0.5, -1], [1, 0.25], [-0.3, 0.8]];
    const ys = [[1, 0], [0, 1], [1, 1]];
    const batch = batchBackprop(net, xs, ys);
    batch.nablaB.forEach((g, l) => {
      const sum = new Float64Array(g.length);
      xs.forEach((x, i) => backprop(net, x, ys[i]).deltas[l].forEach((d, j) => (sum[j] += d)));
      expect(gradientsAgree(g, sum, 1e-13, 1e-15)).toBe(true);
      const ones = Matrix.from([[1, 1, 1]]);
      expect(gradientsAgree(matMul(ones, batch.deltas[l]).data, g, 1e-13, 1e-15)).toBe(true);
    });
  });

  it('augmented-bias: [A | 1] · [wᵀ; bᵀ] equals A wᵀ + 1 bᵀ', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 1e6 }), (N, seed) => {
        const net = createNetwork({ sizes: [4, 3], seed });
        const X = batchOf(N, 4, seed);
        const Z = matMul(augmentRows(X), augmentedWeights(net.weights[0], net.biases[0]));
        const { Zs } = batchFeedforward(net, X);
        expect(gradientsAgree(Z.data, Zs[0].data, 1e-13, 1e-15)).toBe(true);
      }),
    );
  });
});
