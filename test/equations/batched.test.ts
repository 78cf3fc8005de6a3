// The matrix (batched) form of chapter 6 agrees with the per-example equations. Batch notation:
// examples in rows, Z^l = A^{l−1} W^l + 1 (b^l)ᵀ with the row-form weights W^l = (w^l)ᵀ; the error
// matrix E^l stacks the examples' (δ^l)ᵀ; C_sum = Σ_i C_{x(i)} is the batch's summed cost (the mean C is C_sum / m).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  augmentRows,
  augmentedWeights,
  backprop,
  batchBackprop,
  batchFeedforward,
  createNetwork,
  exampleCost,
  feedforward,
  matMul,
  Matrix,
  quadratic,
  sigmoid,
} from '../../src/engine/index';
import { arbCase, combos, gradientsAgree, numericGradient } from './helpers';

const batchOf = (n: number, d: number, seed: number) => Array.from({ length: n }, (_, i) => Array.from({ length: d }, (_, k) => Math.sin(seed * 7 + i * 3 + k)));

describe('the batched form', () => {
  it('batch-forward: Z^l = A^{l−1} W^l + 1 (b^l)ᵀ with W^l = (w^l)ᵀ — row i of Z^l is z^l of example i', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 1e6 }), (N, seed) => {
        const net = createNetwork({ sizes: [3, 4, 2], activations: ['tanh', 'sigmoid'], seed });
        const X = batchOf(N, 3, seed);
        const { As, Zs } = batchFeedforward(net, X);
        // the formula itself, with the row-form weights W^l = (w^l)ᵀ
        for (let l = 0; l < net.weights.length; l++) {
          const W = net.weights[l].transpose();
          const Z = matMul(As[l], W);
          for (let r = 0; r < Z.rows; r++) for (let j = 0; j < Z.cols; j++) Z.data[r * Z.cols + j] += net.biases[l][j];
          expect(gradientsAgree(Zs[l].data, Z.data, 1e-13, 1e-15)).toBe(true);
        }
        X.forEach((x, i) => {
          const { as, zs } = feedforward(net, x);
          zs.forEach((z, l) => expect(gradientsAgree(Zs[l].row(i), z, 1e-13, 1e-15)).toBe(true));
          as.forEach((a, l) => expect(gradientsAgree(As[l].row(i), a, 1e-13, 1e-15)).toBe(true));
        });
      }),
    );
  });

  it('batch-delta: E^L = ∇_A C_sum ⊙ σ′(Z^L) and E^l = (E^{l+1} (W^{l+1})ᵀ) ⊙ σ′(Z^l) — row i is δ^l of example i, for elementwise pairings', () => {
    for (const combo of combos.filter((c) => c.output !== 'softmax')) {
      fc.assert(
        fc.property(arbCase(combo), fc.integer({ min: 1, max: 5 }), ({ net, x, y }, N) => {
          const xs = Array.from({ length: N }, (_, i) => x.map((v) => v * (1 - 0.3 * i)));
          const ys = Array.from({ length: N }, () => y);
          const { deltas } = batchBackprop(net, xs, ys);
          const { As, Zs } = batchFeedforward(net, xs);
          const L = net.weights.length;
          const act = (i: number) => net.activations[i];
          // E^L from the formula, entry by entry: row r of ∇_A C_sum is ∇_a C of example r, times σ′(z).
          const expectL = Matrix.zeros(N, net.sizes[L]);
          for (let r = 0; r < N; r++) {
            const g = net.cost.grad(As[L].row(r), ys[r]);
            const p = act(L - 1).prime(Zs[L - 1].row(r));
            for (let j = 0; j < g.length; j++) expectL.set(r, j, g[j] * p[j]);
          }
          expect(gradientsAgree(deltas[L - 1].data, expectL.data, 1e-10, 1e-13)).toBe(true);
          // E^l from E^{l+1} by the matrix formula ((W^{l+1})ᵀ = w^{l+1}), and row by row equal to each example's δ^l.
          for (let i = L - 2; i >= 0; i--) {
            const Wnext = net.weights[i + 1].transpose(); // W^{l+1} = (w^{l+1})ᵀ
            const back = matMul(deltas[i + 1], Wnext.transpose());
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

  it('batch-delta: E^l is ∂C_sum/∂Z^l for the summed cost C_sum = Σ_i C_x(i) — m times ∂C/∂Z^l of the mean cost', () => {
    const net = createNetwork({ sizes: [3, 4, 2], seed: 21 });
    const xs = batchOf(3, 3, 4);
    const ys = [[1, 0], [0, 1], [0.3, 0.6]];
    const m = xs.length;
    const { deltas } = batchBackprop(net, xs, ys);
    // C_sum as a function of Z^1 (perturbed in place), continued through the later layers by hand
    const { Zs } = batchFeedforward(net, xs);
    const Z1 = Zs[0];
    const costOfZ1 = () => {
      let s = 0;
      for (let r = 0; r < m; r++) {
        const a1 = sigmoid.fn(Z1.row(r));
        const z2 = Float64Array.from(net.biases[1], (b, j) => b + net.weights[1].row(j).reduce((t, w, k) => t + w * a1[k], 0));
        s += quadratic.value(sigmoid.fn(z2), ys[r]);
      }
      return s;
    };
    const dSum = numericGradient(costOfZ1, Z1.data);
    expect(gradientsAgree(deltas[0].data, dSum, 1e-7, 1e-10)).toBe(true);
    // the mean cost C = C_sum / m has an m times smaller gradient: E^l is not ∂C/∂Z^l unless m = 1
    const dMean = numericGradient(() => costOfZ1() / m, Z1.data);
    expect(gradientsAgree(deltas[0].data, dMean, 1e-7, 1e-10)).toBe(false);
    expect(gradientsAgree(deltas[0].data.map((v) => v / m), dMean, 1e-7, 1e-10)).toBe(true);
  });

  it('batch-grad-w: ∂C_sum/∂w^l = (E^l)ᵀ A^{l−1} is the sum over the batch of the per-example δ aᵀ, and ∂C_sum/∂W^l = (A^{l−1})ᵀ E^l, for every activation/cost pairing', () => {
    for (const combo of combos) {
      fc.assert(
        fc.property(arbCase(combo), fc.integer({ min: 1, max: 5 }), ({ net, x, y }, N) => {
          const xs = Array.from({ length: N }, (_, i) => x.map((v) => v * (1 - 0.3 * i)));
          const ys = Array.from({ length: N }, () => y);
          const batch = batchBackprop(net, xs, ys);
          const { As } = batchFeedforward(net, xs);
          net.weights.forEach((w, l) => {
            const sum = new Float64Array(w.data.length);
            xs.forEach((xi, i) => backprop(net, xi, ys[i]).nablaW[l].data.forEach((g, k) => (sum[k] += g)));
            expect(gradientsAgree(batch.nablaW[l].data, sum, 1e-12, 1e-14)).toBe(true);
            // both matrix forms: (E^l)ᵀ A^{l−1} in w's shape, (A^{l−1})ᵀ E^l in W's shape, its transpose
            const A = As[l];
            const E = batch.deltas[l];
            expect(gradientsAgree(matMul(E.transpose(), A).data, batch.nablaW[l].data, 1e-12, 1e-14)).toBe(true);
            expect(gradientsAgree(matMul(A.transpose(), E).data, batch.nablaW[l].transpose().data, 1e-12, 1e-14)).toBe(true);
          });
        }),
        { numRuns: 15 },
      );
    }
  });

  it('batch-grad-b: ∂C_sum/∂b^l = (E^l)ᵀ 1 is the column sum of E^l, i.e. the sum of the per-example δ, and the finite-difference gradient of C_sum', () => {
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
      const cSum = () => xs.reduce((s, x, i) => s + exampleCost(net, x, ys[i]), 0);
      expect(gradientsAgree(g, numericGradient(cSum, net.biases[l]))).toBe(true);
    });
  });

  it('augmented-bias: [A | 1] · [W; bᵀ] equals A W + 1 bᵀ (W = wᵀ)', () => {
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
