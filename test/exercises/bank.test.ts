import { describe, it, expect } from 'vitest';
import { bank, chapters } from '../../src/exercises/bank/index';
import { grade, paramsFor } from '../../src/exercises/grade';
import { checkExpression, STRUCTURAL_SLIPS } from '../../src/exercises/checkers';
import { augmentedWeights, Matrix } from '../../src/engine/index';
import katex from 'katex';
import { chapters as course } from '../../src/chapters.mjs';
import { seededRng, type Exercise, type GridExercise, type NumberExercise } from '../../src/exercises/types';

const seeds = [1, 2, 3, 17, 123456];

describe('bank', () => {
  it('has one exercise list per chapter of the course, ≥ 4 exercises each, unique ids, all kinds', () => {
    expect([...chapters].sort()).toEqual(course.map((c: { slug: string }) => c.slug).sort());
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
  it('augmented-bias: the column form [w | b] (2×3) typed into the 3×2 grid of W̃ = [wᵀ; bᵀ] is named as the transpose', () => {
    const ex = chapters.flatMap((c) => bank[c]).find((e) => e.id === 'augmented-bias') as GridExercise;
    for (const s of seeds) {
      const p = paramsFor(ex, s);
      const W = p.W as number[][]; const b = p.b as number[];
      const rowForm = augmentedWeights(Matrix.from(W), b).toArray(); // (n_{l−1} + 1) × n_l = 3×2
      expect(rowForm.slice(0, 2)).toEqual(Matrix.from(W).transpose().toArray()); // W = wᵀ on top, bᵀ below
      expect(rowForm[2]).toEqual(b);
      const columnForm = W.flatMap((row, j) => [...row, b[j]]); // [w | b], 2×3, read row by row
      const r = grade(ex, p, columnForm.map(String));
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
    for (const t of ['(w*d) .* sigmap(z)', 'sigmap(z) .* (w d)']) expect(checkExpression(t, spec).slip).toBe(STRUCTURAL_SLIPS.transpose);
    for (const t of ['(w^T*d) * sigmap(z)', 'sigmap(z) (w^T d)']) expect(checkExpression(t, spec).slip).toBe(STRUCTURAL_SLIPS.productForHadamard);
    expect(checkExpression('(w^T .* d) .* sigmap(z)', spec).slip).toBe(STRUCTURAL_SLIPS.hadamardForProduct);
    // the expression is written with the per-example w (not W, which is the batch form's wᵀ)
    expect(spec.variables).toContain('w');
    expect(spec.variables).not.toContain('W');
  });
});

// Every text the reader sees is prose with `$…$` maths (the island renders it with KaTeX): each
// maths part must parse, and no TeX (^, _, \) may stand outside the dollars, where it would show as
// raw source. `…` code spans (typed expressions such as `W^T`) are prose, shown as code.
describe('every prompt, hint, solution and feedback string is valid KaTeX prose', () => {
  const problems = (text: string): string[] => {
    const out: string[] = [];
    const prose = text.replace(/`[^`]*`/g, '');
    if ((prose.match(/\$/g) ?? []).length % 2 !== 0) return [`unbalanced $ in: ${text}`];
    prose.split(/(\$[^$]+\$)/g).forEach((part) => {
      if (part.startsWith('$') && part.endsWith('$') && part.length > 2) {
        try { katex.renderToString(part.slice(1, -1), { throwOnError: true }); } catch (e) { out.push(`${(e as Error).message} in ${part}`); }
      } else if (/[\\^_]/.test(part)) out.push(`TeX outside $…$: "${part.trim()}" in: ${text}`);
    });
    return out;
  };
  const feedback = (ex: Exercise, p: ReturnType<typeof paramsFor>): string[] => {
    const texts = [ex.prompt(p), ...ex.hints, ex.solution(p)];
    if (ex.kind === 'choice') for (const o of ex.options) texts.push(o.why ?? '');
    if (ex.kind === 'number') texts.push(...(ex.slips?.(p) ?? []).map((s) => s.message));
    if (ex.kind === 'grid') texts.push(...(ex.slips?.(p) ?? []).map((s) => s.message));
    if (ex.kind === 'expression') texts.push(...(ex.spec.slips ?? []).map((s) => s.name));
    return texts;
  };
  for (const c of chapters) for (const ex of bank[c]) {
    it(`${c}/${ex.id}: maths parses with KaTeX, no TeX outside $…$`, () => {
      for (const s of seeds) {
        const p = paramsFor(ex, s);
        expect(feedback(ex, p).flatMap(problems)).toEqual([]);
      }
      // titles and option labels are shown as plain text (labels are quoted in the feedback): no TeX, no dollars
      expect(ex.title, ex.title).not.toMatch(/[\\^_$]/);
      if (ex.kind === 'choice') for (const o of ex.options) expect(o.text, o.text).not.toMatch(/[\\^_$]/);
    });
  }
  it('the check itself catches bare TeX and bad maths', () => {
    expect(problems('that uses w^{l+1} instead')).toHaveLength(1);
    expect(problems('fine $w^{l+1}$ and `W^T`')).toEqual([]);
    expect(problems('broken $\\frac{1}{$')).toHaveLength(1);
    expect(problems('one $ alone')).toHaveLength(1);
  });
});

describe('one notation in the exercises', () => {
  const all = chapters.flatMap((c) => bank[c]);
  it('no expression exercise names a per-example weight matrix W: w is the per-example matrix, W = wᵀ only the batch form', () => {
    for (const ex of all) if (ex.kind === 'expression') expect(ex.spec.variables, ex.id).not.toContain('W');
  });
  it('06-matrix-form puts examples in rows: Z = X wᵀ + B, and the column form w Xᵀ is a named slip', () => {
    const ex = all.find((e) => e.id === 'batched-z-expr')!;
    if (ex.kind !== 'expression') throw new Error('batched-z-expr is an expression exercise');
    const env = ex.spec.sample(seededRng(4));
    expect((env.X as number[][]).length).toBe(4); // four examples, one per row
    expect(checkExpression('X*w^T + B', ex.spec).ok).toBe(true);
    expect(checkExpression('w*X^T + B', ex.spec).ok).toBe(false);
  });
  it('12: overfitting is read off held-out validation data, never the test data', () => {
    const ex = all.find((e) => e.id === 'mnist-overfit')!;
    const text = [ex.prompt({}), ex.solution({}), ...ex.hints].join(' ');
    expect(text).toMatch(/validation/);
    expect(ex.prompt({})).not.toMatch(/\btest\b/);
  });
  it('11: N(μ, ·) takes a variance: a prompt writing N(0, 1/n_in) says so, and none writes N(0, 1/√n_in)', () => {
    for (const ex of all) for (const s of seeds) {
      const t = ex.prompt(paramsFor(ex, s));
      expect(t, ex.id).not.toMatch(/\\mathcal N\(0, 1\/\\sqrt/);
      if (/\\mathcal N\(0, 1\/n_/.test(t)) expect(t, ex.id).toMatch(/variance/);
    }
  });
});
