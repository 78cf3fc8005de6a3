import { describe, it, expect } from 'vitest';
import { bank, chapters } from '../../src/exercises/bank/index';
import { grade, paramsFor } from '../../src/exercises/grade';
import { checkExpression } from '../../src/exercises/checkers';
import { forward, softmax, sigmoid } from '../../src/exercises/calc';
import type { Exercise, Params } from '../../src/exercises/types';

const find = (ch: string, id: string) => bank[ch].find((e) => e.id === id)! as Exercise & { answer: (p: Params) => any };
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
        expect(ex.hints.length).toBeGreaterThan(0);
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

// Independent routes: central finite differences of the cost, direct formulas.
const h = 1e-6;
describe('reference answers by independent routes', () => {
  const net = (p: any) => ({ ws: [p.W1, p.W2], bs: [p.b1, p.b2] });
  const costWithBias = (p: any, layer: number, j: number, dz: number) => {
    const { ws, bs } = net(p);
    const b2 = bs.map((b: number[], l: number) => b.map((x, i) => (l === layer && i === j ? x + dz : x)));
    const a = forward(ws, b2, p.x).as[2];
    return 0.5 * (a[0] - p.y[0]) ** 2;
  };
  it('ch5: δ³ and δ² equal ∂C/∂b by central differences (BP3)', () => {
    for (const s of seeds) {
      const dL = find('05-worked-example', 'delta-L'); const dl = find('05-worked-example', 'delta-l');
      const p = paramsFor(dL, s) as any; const p2 = paramsFor(dl, s) as any;
      expect(dL.answer(p)).toBeCloseTo((costWithBias(p, 1, 0, h) - costWithBias(p, 1, 0, -h)) / (2 * h), 6);
      const d2 = dl.answer(p2);
      for (const j of [0, 1]) expect(d2[j]).toBeCloseTo((costWithBias(p2, 0, j, h) - costWithBias(p2, 0, j, -h)) / (2 * h), 6);
    }
  });
  it('ch7: the single-neuron update equals w − η dC/dw by differences', () => {
    const ex = find('07-learning-slowdown', 'neuron-update-w');
    for (const s of seeds) {
      const p = paramsFor(ex, s) as any;
      const C = (w: number) => 0.5 * (sigmoid(w * p.x + p.b) - p.y) ** 2;
      expect(ex.answer(p)).toBeCloseTo(p.w - p.eta * (C(p.w + h) - C(p.w - h)) / (2 * h), 7);
    }
  });
  it('ch8: the cross-entropy minimiser is where the numeric derivative vanishes', () => {
    const ex = find('08-cross-entropy', 'ce-minimiser');
    for (const s of seeds) {
      const p = paramsFor(ex, s) as any; const a = ex.answer(p);
      const C = (a: number) => -(p.y * Math.log(a) + (1 - p.y) * Math.log(1 - a));
      expect(Math.abs((C(a + h) - C(a - h)) / (2 * h))).toBeLessThan(1e-6);
      expect(C(a)).toBeLessThan(C(a + 0.01)); expect(C(a)).toBeLessThan(C(a - 0.01));
    }
  });
  it('ch9: softmax Jacobian entry by central differences', () => {
    const ex = find('09-softmax', 'softmax-jacobian-entry');
    for (const s of seeds) {
      const p = paramsFor(ex, s) as any;
      const f = (dz: number) => softmax([p.z[0], p.z[1] + dz, p.z[2]])[0];
      expect(ex.answer(p)).toBeCloseTo((f(h) - f(-h)) / (2 * h), 7);
    }
  });
  it('ch10: the L2 factor equals the gradient step on (λ/2n)w² applied to w', () => {
    const ex = find('10-regularisation', 'l2-factor');
    for (const s of seeds) {
      const p = paramsFor(ex, s) as any; const w = 0.7;
      const R = (w: number) => (p.lambda / (2 * p.n)) * w * w;
      expect(ex.answer(p) * w).toBeCloseTo(w - p.eta * (R(w + h) - R(w - h)) / (2 * h), 9);
    }
  });
  it('ch11: z spread matches a direct sum of variances by sampling-free formula', () => {
    const ex = find('11-initialisation', 'z-sd-standard');
    for (const s of seeds) { const p = paramsFor(ex, s) as any; let v = 1; for (let i = 0; i < p.nin; i++) v += i % 2 === 0 ? 1 : 0; expect(ex.answer(p)).toBeCloseTo(Math.sqrt(v), 12); }
  });
  it('different seeds give different numbers', () => {
    const ex = find('01-forward-pass', 'single-activation');
    expect(JSON.stringify(paramsFor(ex, 1))).not.toBe(JSON.stringify(paramsFor(ex, 2)));
  });
});
