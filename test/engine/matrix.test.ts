import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Matrix, addVec, dot, matMul, matTVec, matVec, norm2, outer, scaleVec, subVec, toVec } from '../../src/engine/index';

const small = fc.double({ min: -100, max: 100, noNaN: true });
const arbMatrix = fc
  .record({ r: fc.integer({ min: 1, max: 5 }), c: fc.integer({ min: 1, max: 5 }) })
  .chain(({ r, c }) => fc.array(fc.array(small, { minLength: c, maxLength: c }), { minLength: r, maxLength: r }));

describe('Matrix and vector products', () => {
  it('stores row-major, round-trips through from/toArray, and refuses ragged rows', () => {
    const m = Matrix.from([[1, 2, 3], [4, 5, 6]]);
    expect([m.rows, m.cols]).toEqual([2, 3]);
    expect(m.get(1, 0)).toBe(4);
    expect(Array.from(m.data)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(m.toArray()).toEqual([[1, 2, 3], [4, 5, 6]]);
    expect(m.transpose().toArray()).toEqual([[1, 4], [2, 5], [3, 6]]);
    expect(() => Matrix.from([[1, 2], [3]])).toThrow(/Row 1/);
    const c = m.clone();
    c.set(0, 0, 99);
    expect(m.get(0, 0)).toBe(1);
  });

  it('w a, wᵀ δ and δ aᵀ agree with their definitions as sums', () => {
    fc.assert(
      fc.property(arbMatrix, (rows) => {
        const w = Matrix.from(rows);
        const a = Array.from({ length: w.cols }, (_, k) => k - 1.5);
        const d = Array.from({ length: w.rows }, (_, j) => 0.5 * j + 1);
        const wa = matVec(w, a);
        rows.forEach((row, j) => expect(wa[j]).toBeCloseTo(row.reduce((s, v, k) => s + v * a[k], 0), 9));
        const wtd = matTVec(w, d);
        for (let k = 0; k < w.cols; k++) expect(wtd[k]).toBeCloseTo(rows.reduce((s, row, j) => s + row[k] * d[j], 0), 9);
        // ⟨δ, w a⟩ = ⟨wᵀ δ, a⟩ — the transpose is the adjoint
        expect(dot(d, wa)).toBeCloseTo(dot(wtd, a), 6);
        const o = outer(d, a);
        expect(o.get(w.rows - 1, w.cols - 1)).toBe(d[w.rows - 1] * a[w.cols - 1]);
        expect(matMul(w, w.transpose()).get(0, 0)).toBeCloseTo(norm2(w.row(0)), 6);
      }),
    );
  });

  it('vector helpers and shape errors', () => {
    expect(Array.from(addVec([1, 2], [3, 4]))).toEqual([4, 6]);
    expect(Array.from(subVec([1, 2], [3, 4]))).toEqual([-2, -2]);
    expect(Array.from(scaleVec([1, 2], 3))).toEqual([3, 6]);
    expect(toVec([1, 2])).toBeInstanceOf(Float64Array);
    expect(() => matVec(Matrix.zeros(2, 3), [1, 2])).toThrow(/2 × 3/);
    expect(() => matMul(Matrix.zeros(2, 3), Matrix.zeros(2, 3))).toThrow(/matMul/);
  });
});
