// Softmax and the log-likelihood cost (chapter 9); the general output error δᴸ = J_σᵀ ∇ₐC.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  crossEntropy,
  logLikelihood,
  outputErrorGeneral,
  quadratic,
  sigmoid,
  softmax,
  tanh,
} from '../../src/engine/index';
import { gradientsAgree, numericGradient } from './helpers';

const zVec = fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: 2, maxLength: 6 });
const oneHot = (n: number, k: number) => Array.from({ length: n }, (_, j) => (j === k % n ? 1 : 0));

describe('softmax and log-likelihood', () => {
  it('softmax: a_j = e^{z_j} / Σ_k e^{z_k} — positive, sums to 1, no overflow at z = 1000', () => {
    const z = [1, 2, 3];
    const Z = Math.exp(1) + Math.exp(2) + Math.exp(3);
    Array.from(softmax.fn(z)).forEach((a, j) => expect(a).toBeCloseTo(Math.exp(z[j]) / Z, 15));
    fc.assert(
      fc.property(zVec, (zs) => {
        const a = softmax.fn(zs);
        expect(a.every((v) => v > 0)).toBe(true);
        expect(a.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 12);
      }),
    );
    const big = softmax.fn([1000, 1000]);
    expect(Array.from(big)).toEqual([0.5, 0.5]);
  });

  it('softmax-derivative: ∂a_j/∂z_k = a_j(1_{j=k} − a_k); raising z_k raises a_k and lowers the others', () => {
    fc.assert(
      fc.property(zVec, fc.nat(), (zs, kk) => {
        const k = kk % zs.length;
        const a = softmax.fn(zs);
        const z = Float64Array.from(zs);
        for (let j = 0; j < zs.length; j++) {
          const fd = numericGradient(() => softmax.fn(z)[j], z);
          expect(Math.abs(a[j] * ((j === k ? 1 : 0) - a[k]) - fd[k])).toBeLessThan(1e-9);
        }
        const raised = zs.slice();
        raised[k] += 0.5;
        const b = softmax.fn(raised);
        expect(b[k]).toBeGreaterThanOrEqual(a[k]);
        for (let j = 0; j < zs.length; j++) if (j !== k) expect(b[j]).toBeLessThanOrEqual(a[j]);
      }),
    );
  });

  it('softmax-jacobian: diag(a) − a aᵀ, verified against finite differences (the "to verify" of note 004 §3.8)', () => {
    fc.assert(
      fc.property(zVec, (zs) => {
        const a = softmax.fn(zs);
        const J = softmax.jacobian!(zs);
        const z = Float64Array.from(zs);
        for (let i = 0; i < zs.length; i++) {
          const row = numericGradient(() => softmax.fn(z)[i], z);
          for (let j = 0; j < zs.length; j++) {
            expect(J.get(i, j)).toBeCloseTo((i === j ? a[i] : 0) - a[i] * a[j], 15);
            expect(Math.abs(J.get(i, j) - row[j])).toBeLessThan(1e-9);
          }
        }
      }),
    );
    expect(() => softmax.prime([1, 2])).toThrow(/jacobian/);
  });

  it('softmax-inverse: z_j = ln a_j + ln Σ e^{z_k}, so adding a constant to every z leaves a unchanged', () => {
    fc.assert(
      fc.property(zVec, fc.double({ min: -50, max: 50, noNaN: true }), (zs, c) => {
        const a = softmax.fn(zs);
        const lnZ = Math.log(zs.reduce((s, v) => s + Math.exp(v), 0));
        zs.forEach((z, j) => expect(Math.log(a[j]) + lnZ).toBeCloseTo(z, 9));
        expect(gradientsAgree(softmax.fn(zs.map((v) => v + c)), a, 1e-10, 1e-15)).toBe(true);
      }),
    );
  });

  it('log-likelihood: C = −ln a_c for the correct class c (y its one-hot target), and ∇ₐC = −y/a by finite differences', () => {
    const a = [0.2, 0.7, 0.1];
    expect(logLikelihood.value(a, [0, 1, 0])).toBeCloseTo(-Math.log(0.7), 15);
    fc.assert(
      fc.property(zVec, fc.nat(), (zs, k) => {
        const av = softmax.fn(zs);
        const y = oneHot(zs.length, k);
        // a step small relative to a_y keeps the finite difference of ln accurate even for tiny a_y
        const target = k % zs.length;
        const eps = 1e-4 * av[target];
        expect(gradientsAgree(logLikelihood.grad(av, y), numericGradient(() => logLikelihood.value(av, y), av, eps), 1e-6, 0)).toBe(true);
      }),
    );
  });

  it('log-likelihood-delta: for softmax + log-likelihood, δᴸ = a − y equals the general J_σᵀ ∇ₐC and ∂C/∂z by finite differences', () => {
    fc.assert(
      fc.property(zVec, fc.nat(), (zs, k) => {
        const a = softmax.fn(zs);
        const y = oneHot(zs.length, k);
        const shortcut = logLikelihood.delta(zs, a, y, softmax);
        expect(Array.from(shortcut)).toEqual(Array.from(a, (v, j) => v - y[j]));
        const z = Float64Array.from(zs);
        expect(gradientsAgree(shortcut, numericGradient(() => logLikelihood.value(softmax.fn(z), y), z), 1e-6, 1e-9)).toBe(true);
      }),
    );
  });

  it('general-output-error: δᴸ = J_σ(zᴸ)ᵀ ∇ₐC agrees with every shortcut and with ∂C/∂zᴸ by finite differences', () => {
    fc.assert(
      fc.property(zVec, fc.nat(), (zs, k) => {
        const y = oneHot(zs.length, k);
        const soft = y.map((v) => 0.1 + 0.8 * v);
        const cases = [
          { act: softmax, cost: logLikelihood, y },
          { act: softmax, cost: quadratic, y },
          { act: sigmoid, cost: crossEntropy, y: soft },
          { act: sigmoid, cost: quadratic, y: soft },
          { act: tanh, cost: quadratic, y: soft },
        ];
        for (const { act, cost, y: t } of cases) {
          const a = act.fn(zs);
          const general = outputErrorGeneral(zs, a, t, act, cost);
          expect(gradientsAgree(cost.delta(zs, a, t, act), general, 1e-9, 1e-12)).toBe(true);
          const z = Float64Array.from(zs);
          expect(gradientsAgree(general, numericGradient(() => cost.value(act.fn(z), t), z), 1e-6, 1e-8)).toBe(true);
        }
      }),
      { numRuns: 60 },
    );
  });
});
