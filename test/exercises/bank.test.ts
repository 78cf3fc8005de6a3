import { describe, it, expect } from 'vitest';
import { bank, chapters } from '../../src/exercises/bank/index';
import { grade, paramsFor } from '../../src/exercises/grade';
import { checkExpression, STRUCTURAL_SLIPS } from '../../src/exercises/checkers';
import { augmentedWeights, Matrix } from '../../src/engine/index';
import type { GridExercise, NumberExercise } from '../../src/exercises/types';

const seeds = [1, 2, 3, 17, 123456];

describe('bank', () => {
  it('has 12 chapters with ≥ 4 exercises each, unique ids, all kinds', () => {
    expect(chapters.length).toBe(12);
    for (const c of chapters) expect(bank[c].length).toBeGreaterThanOrEqual(4);
    const ids = chapters.flatMap((c) => bank[c].map((e) => e.id));
    expect(new Set(ids).size).toBe(ids.length);
    const kinds = new Set(chapters.flatMap((c) => bank[c].map((e) => e.kind)));
    for (const k of ['number', 'grid', 'choice', 'expression']) expect(kinds.has(k as never)).toBe(true);
  });

  for (const c of chapters) for (const ex of bank[c]) {
    it(`${c}/${ex.id}: reference accepted, a wrong answer rejected, text builds`, () => {
      for (const s of seeds) {
        const p = paramsFor(ex, s);
        expect(ex.prompt(p).length).toBeGreaterThan(10);
        expect(ex.solution(p).length).toBeGreaterThan(3);
        if (ex.kind === 'number') {
          const a = ex.answer(p);
          expect(grade(ex, p, String(a)).ok).toBe(true);
          expect(grade(ex, p, String(a + 0.5 + Math.abs(a))).ok).toBe(false);
        } else if (ex.kind === 'grid') {
          const a = ex.answer(p);
          expect(a.length).toBe(ex.rows * ex.cols);
          expect(grade(ex, p, a.map(String)).ok).toBe(true);
          const w = a.map(String); w[0] = String(a[0] + 1);
          expect(grade(ex, p, w).wrong).toEqual([0]);
        } else if (ex.kind === 'choice') {
          expect(grade(ex, p, ex.options.filter((o) => o.correct).map((o) => o.id)).ok).toBe(true);
          const wrong = ex.options.find((o) => !o.correct)!;
          expect(wrong.why).toBeTruthy();
          expect(grade(ex, p, [wrong.id]).ok).toBe(false);
        } else if (ex.kind === 'code') {
          // graded by running code: test/exercises/code.test.ts runs the reference and the wrong answer
          expect(ex.cases(p).length).toBeGreaterThan(0);
          expect(ex.starter).toContain(ex.fnName);
        } else {
          expect(checkExpression(ex.spec.reference, ex.spec).ok).toBe(true);
          for (const slip of ex.spec.slips ?? []) expect(checkExpression(slip.expr, ex.spec).slip).toBe(slip.name);
        }
      }
    });
  }
});

it('different seeds give different numbers', () => {
  const ex = bank['01-forward-pass'].find((e) => e.id === 'single-activation')!;
  expect(JSON.stringify(paramsFor(ex, 1))).not.toBe(JSON.stringify(paramsFor(ex, 2)));
});

// The independent-route checks of every computed answer are in independent.test.ts.

/** every number written in a solution text (decimals, e-notation, integers; a TeX fraction's digits too) */
const numbersIn = (t: string) => (t.match(/-?\d+(?:\.\d+)?(?:e[-+]?\d+)?/gi) ?? []).map(Number);
const mentions = (t: string, x: number) => numbersIn(t).some((v) => Math.abs(v - x) <= 1e-3 + 1e-3 * Math.abs(x));

describe('hints and worked solutions', () => {
  for (const c of chapters) for (const ex of bank[c]) {
    it(`${c}/${ex.id}: one to three hints, and a worked solution that reaches the answer`, () => {
      expect(ex.hints.length).toBeGreaterThanOrEqual(1);
      expect(ex.hints.length).toBeLessThanOrEqual(3);
      for (const hint of ex.hints) expect(hint.trim().length).toBeGreaterThan(5);
      for (const s of seeds) {
        const p = paramsFor(ex, s);
        const sol = ex.solution(p);
        expect(sol.trim().length).toBeGreaterThan(5);
        expect(sol).not.toMatch(/undefined|NaN|\[object/);
        // a number or grid solution shows the answer itself, not only the method
        if (ex.kind === 'number') expect(mentions(sol, ex.answer(p)), `${ex.id} (seed ${s}): ${sol}`).toBe(true);
        if (ex.kind === 'grid') for (const a of ex.answer(p)) expect(mentions(sol, a), `${ex.id} (seed ${s}): ${sol} lacks ${a}`).toBe(true);
      }
    });
  }
});

describe('named slips in number and grid answers', () => {
  const withSlips = chapters.flatMap((c) => bank[c]).filter((e): e is NumberExercise | GridExercise => (e.kind === 'number' || e.kind === 'grid') && e.slips !== undefined);
  const tolOf = (ex: NumberExercise | GridExercise) => ({ abs: ex.tol?.abs ?? 1e-4, rel: ex.tol?.rel ?? 1e-3 });
  const near = (x: number, y: number, t: { abs: number; rel: number }) => Math.abs(x - y) <= t.abs + t.rel * Math.abs(y);
  for (const ex of withSlips) {
    it(`${ex.id}: each slip's value is rejected and named; the right value passes`, () => {
      let named = 0;
      for (const s of seeds) {
        const p = paramsFor(ex, s);
        const t = tolOf(ex);
        const right = ex.kind === 'number' ? [ex.answer(p)] : ex.answer(p);
        const slips = ex.kind === 'number' ? ex.slips!(p).map((x) => ({ ...x, values: [x.value] })) : ex.slips!(p);
        expect(grade(ex, p, ex.kind === 'number' ? String(right[0]) : right.map(String)).ok).toBe(true);
        slips.forEach((slip, i) => {
          expect(slip.values.length).toBe(right.length);
          const same = (v: number[]) => v.every((x, k) => near(x, slip.values[k], t));
          // a draw where this slip gives the right answer, or the same numbers as an earlier slip, cannot name it
          if (same(right) || slips.slice(0, i).some((o) => same(o.values))) return;
          const r = grade(ex, p, ex.kind === 'number' ? String(slip.values[0]) : slip.values.map(String));
          expect(r.ok).toBe(false);
          expect(r.slip).toBe(slip.name);
          expect(r.message).toContain(slip.message);
          named++;
        });
      }
      expect(named).toBeGreaterThan(0);
    });
  }
  const slipNames = (id: string) => {
    const ex = withSlips.find((e) => e.id === id);
    return ex ? ex.slips!(paramsFor(ex, 1)).map((x) => x.name) : [];
  };
  it('the slips the course names are there', () => {
    expect(slipNames('grad-w-shape')).toContain('transposed shape');
    expect(slipNames('grad-w1')).toContain('transposed outer product');
    expect(slipNames('l2-factor')).toContain('λ where λ/n belongs');
    expect(slipNames('delta-L')).toContain('missing σ′(z)');
    expect(slipNames('augmented-bias').length).toBeGreaterThan(0);
  });
  it('augmented-bias: the chapter\'s row-form W̃ = [wᵀ; bᵀ] typed into the 2×3 grid is named as the transpose', () => {
    const ex = chapters.flatMap((c) => bank[c]).find((e) => e.id === 'augmented-bias') as GridExercise;
    for (const s of seeds) {
      const p = paramsFor(ex, s);
      const rowForm = augmentedWeights(Matrix.from(p.W as number[][]), p.b as number[]).toArray().flat(); // 3×2, read row by row
      const r = grade(ex, p, rowForm.map(String));
      expect(r).toMatchObject({ ok: false, slip: 'transpose' });
      expect(r.wrong!.length).toBeGreaterThan(0);
    }
  });
});

describe('shape slips in the BP2 expression', () => {
  const ex = bank['03-four-equations'].find((e) => e.id === 'bp2-expr')!;
  const spec = ex.kind === 'expression' ? ex.spec : (undefined as never);
  it('names a missing transpose (w for wᵀ), ⊙ as a matrix product and the reverse; the reference passes', () => {
    expect(checkExpression(spec.reference, spec).ok).toBe(true);
    for (const t of ['(W*d) .* sigmap(z)', 'sigmap(z) .* (W d)']) expect(checkExpression(t, spec).slip).toBe(STRUCTURAL_SLIPS.transpose);
    for (const t of ['(W^T*d) * sigmap(z)', 'sigmap(z) (W^T d)']) expect(checkExpression(t, spec).slip).toBe(STRUCTURAL_SLIPS.productForHadamard);
    expect(checkExpression('(W^T .* d) .* sigmap(z)', spec).slip).toBe(STRUCTURAL_SLIPS.hadamardForProduct);
  });
});
