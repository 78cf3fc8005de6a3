// Softmax + log-likelihood for targets that do not sum to 1, and a reader's own cost (defineCost):
// both must give the general δᴸ = J_σ(zᴸ)ᵀ ∇ₐC, checked by closed form and by finite differences.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createNetwork,
  defineCost,
  gradientCheck,
  logLikelihood,
  outputErrorGeneral,
  quadratic,
  sigmoid,
  softmax,
  sumsToOne,
  tanh,
} from '../../src/engine/index';
import { maxRelDiff, numericGradient } from './helpers';

const zs = fc.array(fc.double({ min: -4, max: 4, noNaN: true }), { minLength: 2, maxLength: 6 });
const weights = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 6, maxLength: 6 });

describe('softmax + log-likelihood: the shortcut a − y only where Σy = 1', () => {
  it('for any non-negative target, δᴸ = (Σ_k y_k) a − y = J_softmaxᵀ ∇ₐC = ∂C/∂z by finite differences', () => {
    fc.assert(
      fc.property(zs, weights, (z, ws) => {
        const y = ws.slice(0, z.length);
        const zv = Float64Array.from(z);
        const a = softmax.fn(zv);
        const delta = logLikelihood.delta(zv, a, y, softmax);
        const total = y.reduce((s, v) => s + v, 0);
        const closed = Array.from(a, (aj, j) => total * aj - y[j]);
        const fd = numericGradient(() => logLikelihood.value(softmax.fn(zv), y), zv);
        expect(maxRelDiff(delta, closed)).toBeLessThan(1e-9);
        expect(maxRelDiff(delta, outputErrorGeneral(zv, a, y, softmax, logLikelihood))).toBeLessThan(1e-9);
        for (let j = 0; j < z.length; j++) expect(Math.abs(delta[j] - fd[j])).toBeLessThan(1e-7 * (1 + Math.abs(fd[j])));
      }),
    );
  });

  it('a target that sums to 2 is not given a − y (which would be wrong there), a one-hot target is', () => {
    const z = Float64Array.from([0.3, -1.2, 2.0]);
    const a = softmax.fn(z);
    const twoHot = [1, 1, 0];
    expect(sumsToOne(twoHot)).toBe(false);
    const delta = logLikelihood.delta(z, a, twoHot, softmax);
    expect(maxRelDiff(delta, Array.from(a, (aj, j) => aj - twoHot[j]))).toBeGreaterThan(0.1);
    const oneHot = [0, 1, 0];
    expect(sumsToOne(oneHot)).toBe(true);
    expect(Array.from(logLikelihood.delta(z, a, oneHot, softmax))).toEqual(Array.from(a, (aj, j) => aj - oneHot[j]));
  });
});

describe('defineCost: a reader\'s own cost', () => {
  // C = Σ_j (a_j − y_j)⁴ / 4, ∇ₐC = (a − y)³ — and the same with a deliberately wrong gradient.
  const quartic = defineCost('quartic', (a, y) => Array.from(a).reduce((s, aj, j) => s + (aj - y[j]) ** 4 / 4, 0), (a, y) => Array.from(a, (aj, j) => (aj - y[j]) ** 3));
  const wrong = defineCost('quartic-wrong', quartic.value, (a, y) => Array.from(a, (aj, j) => (aj - y[j]) ** 2));

  it('its δᴸ is J_σᵀ ∇ₐC: equal to ∂C/∂z by finite differences, for elementwise and softmax outputs', () => {
    fc.assert(
      fc.property(zs, weights, (z, ws) => {
        const y = ws.slice(0, z.length);
        const zv = Float64Array.from(z);
        for (const act of [sigmoid, tanh, softmax]) {
          const delta = quartic.delta(zv, act.fn(zv), y, act);
          const fd = numericGradient(() => quartic.value(act.fn(zv), y), zv);
          for (let j = 0; j < z.length; j++) expect(Math.abs(delta[j] - fd[j])).toBeLessThan(1e-7 * (1 + Math.abs(fd[j])));
        }
      }),
      { numRuns: 50 },
    );
  });

  it('gradientCheck passes a right gradient and catches a wrong one, in a whole network', () => {
    const x = [0.4, -0.9, 1.3];
    const y = [0.2, 0.7];
    const right = createNetwork({ sizes: [3, 4, 2], activations: ['tanh', 'sigmoid'], cost: quartic, seed: 5 });
    const bad = createNetwork({ sizes: [3, 4, 2], activations: ['tanh', 'sigmoid'], cost: wrong, seed: 5 });
    expect(gradientCheck(right, x, y).maxRelError).toBeLessThan(1e-6);
    expect(gradientCheck(bad, x, y).maxRelError).toBeGreaterThan(1e-2);
  });

  it('with the quadratic cost\'s own value and gradient it reproduces the engine\'s quadratic δᴸ', () => {
    const mine = defineCost('my-quadratic', quadratic.value, quadratic.grad);
    fc.assert(
      fc.property(zs, weights, (z, ws) => {
        const y = ws.slice(0, z.length);
        const zv = Float64Array.from(z);
        expect(maxRelDiff(mine.delta(zv, sigmoid.fn(zv), y, sigmoid), quadratic.delta(zv, sigmoid.fn(zv), y, sigmoid))).toBeLessThan(1e-12);
      }),
    );
  });

  it('says what is wrong with a bad definition', () => {
    expect(() => defineCost('', quartic.value, quartic.grad)).toThrow(/needs a name/);
    expect(() => defineCost('x', 3 as never, quartic.grad)).toThrow(/value must be a function/);
    expect(() => defineCost('x', quartic.value, null as never)).toThrow(/gradient must be a function/);
    const short = defineCost('short', quartic.value, () => [1]);
    expect(() => short.grad([0.1, 0.2], [0, 1])).toThrow(/gradient has 1 entries; the output layer has 2/);
  });
});
