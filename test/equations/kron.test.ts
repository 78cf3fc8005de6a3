// vec and the Kronecker product (chapter 3): the definitions on a 2×2 instance, the identity
// vec(A X B) = (Bᵀ ⊗ A) vec(X) over random matrices, and BP4 in its Kronecker form.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backprop, createNetwork, exampleCost, feedforward, kron, Matrix, matMul, matTVec, matVec, unvec, vec } from '../../src/engine/index';
import { numericGradient } from './helpers';

const arbMatrix = (rows: number, cols: number) =>
  fc.array(fc.double({ min: -3, max: 3, noNaN: true }), { minLength: rows * cols, maxLength: rows * cols }).map((d) => new Matrix(rows, cols, Float64Array.from(d)));
const arbShapes = fc.tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 }));
const identity = (n: number) => { const m = Matrix.zeros(n, n); for (let i = 0; i < n; i++) m.set(i, i, 1); return m; };

describe('vec and the Kronecker product', () => {
  it('vec-kron: the definitions on a 2×2 instance, entry by entry', () => {
    const A = Matrix.from([[1, 2], [3, 4]]);
    const B = Matrix.from([[0, 5], [6, 7]]);
    expect(Array.from(vec(A))).toEqual([1, 3, 2, 4]); // column 1, then column 2
    expect(kron(A, B).toArray()).toEqual([
      [0, 5, 0, 10],
      [6, 7, 12, 14],
      [0, 15, 0, 20],
      [18, 21, 24, 28],
    ]);
    expect(unvec(vec(B), 2, 2).toArray()).toEqual(B.toArray());
    expect(() => unvec([1, 2, 3], 2, 2)).toThrow(/4 entries/);
  });

  it('vec-kron: vec(A X B) = (Bᵀ ⊗ A) vec(X) for random matrices of random shapes', () => {
    fc.assert(
      fc.property(arbShapes.chain(([p, m, n, q]) => fc.tuple(arbMatrix(p, m), arbMatrix(m, n), arbMatrix(n, q))), ([A, X, B]) => {
        const left = vec(matMul(matMul(A, X), B));
        const right = matVec(kron(B.transpose(), A), vec(X));
        expect(right.length).toBe(left.length);
        left.forEach((v, i) => expect(Math.abs(v - right[i])).toBeLessThanOrEqual(1e-12 * (1 + Math.abs(v))));
      }),
      { numRuns: 60 },
    );
  });

  it('vec-kron: the mixed product (A ⊗ B)(C ⊗ D) = (AC) ⊗ (BD) and (A ⊗ B)ᵀ = Aᵀ ⊗ Bᵀ, on random matrices', () => {
    fc.assert(
      fc.property(arbShapes.chain(([p, m, n, q]) => fc.tuple(arbMatrix(p, m), arbMatrix(n, q), arbMatrix(m, 2), arbMatrix(q, 3))), ([A, B, C, D]) => {
        const l = matMul(kron(A, B), kron(C, D)).data;
        const r = kron(matMul(A, C), matMul(B, D)).data;
        l.forEach((v, i) => expect(Math.abs(v - r[i])).toBeLessThanOrEqual(1e-12 * (1 + Math.abs(v))));
        expect(kron(A, B).transpose().toArray()).toEqual(kron(A.transpose(), B.transpose()).toArray());
      }),
      { numRuns: 40 },
    );
  });

  it('BP4-kron: the Jacobian (a^{l−1})ᵀ ⊗ I transposed times δ^l is a^{l−1} ⊗ δ^l = vec(∂C/∂w^l), and finite differences agree', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e6 }), fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 3, maxLength: 3 }), (seed, x) => {
        const net = createNetwork({ sizes: [3, 4, 2], seed });
        const y = [1, 0];
        const { as } = feedforward(net, x);
        const { deltas, nablaW } = backprop(net, x, y);
        for (let l = 0; l < net.weights.length; l++) {
          const a = as[l]; const d = deltas[l];
          const J = kron(new Matrix(1, a.length, a.slice()), identity(d.length)); // J_{z^l}(vec w^l)
          const viaJ = matTVec(J, d);
          const viaKron = kron(new Matrix(a.length, 1, a.slice()), new Matrix(d.length, 1, d.slice())).data;
          const stacked = vec(nablaW[l]);
          stacked.forEach((g, i) => {
            expect(viaJ[i]).toBeCloseTo(g, 14);
            expect(viaKron[i]).toBeCloseTo(g, 14);
          });
          // and against the cost itself: nudge each entry of vec(w^l) (column-major order)
          const w = net.weights[l];
          const flatColMajor = vec(w);
          const numeric = numericGradient(() => {
            const m = unvec(flatColMajor, w.rows, w.cols);
            w.data.set(m.data);
            return exampleCost(net, x, y);
          }, flatColMajor);
          w.data.set(unvec(flatColMajor, w.rows, w.cols).data);
          numeric.forEach((g, i) => expect(Math.abs(g - viaKron[i])).toBeLessThan(1e-7));
        }
      }),
      { numRuns: 25 },
    );
  });
});
