// Tests written for the survivors of `npm run mutate` (scripts/mutate.mjs) that were real gaps:
// each names the mutant it kills (file:line and the change). Equivalent mutants are listed in the
// report, not here.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createTrainer } from '../../src/engine/fast';
import { backprop, costCurveByA, createNetwork, exampleCost, feedforward, createRng, gradientCheck, isCorrect, neuronRun, neuronStep, parameterCount, predict, relativeError, saturationCutoff, sigmoidScalar } from '../../src/engine/index';

describe('survivors of the mutation pass', () => {
  it('gradientCheck: each entry names its parameter (w or b, layer 1…L, j, k) and holds backprop\'s value and a central difference there (gradcheck.ts:62 layer i + 1 → i − 1)', () => {
    const net = createNetwork({ sizes: [3, 4, 2], activations: ['tanh', 'sigmoid'], cost: 'cross-entropy', seed: 5 });
    const x = [0.3, -0.7, 1.1];
    const y = [1, 0];
    const { entries, maxRelError } = gradientCheck(net, x, y);
    const { nablaW, nablaB } = backprop(net, x, y);
    expect(entries.length).toBe(parameterCount(net));
    const eps = 1e-5;
    for (const e of entries) {
      expect(e.layer).toBeGreaterThanOrEqual(1);
      expect(e.layer).toBeLessThanOrEqual(2);
      const data = e.param === 'w' ? net.weights[e.layer - 1].data : net.biases[e.layer - 1];
      const idx = e.param === 'w' ? e.j * net.sizes[e.layer - 1] + e.k! : e.j;
      expect(e.backprop).toBe(e.param === 'w' ? nablaW[e.layer - 1].get(e.j, e.k!) : nablaB[e.layer - 1][e.j]);
      const saved = data[idx];
      data[idx] = saved + eps;
      const plus = exampleCost(net, x, y);
      data[idx] = saved - eps;
      const minus = exampleCost(net, x, y);
      data[idx] = saved;
      expect(Math.abs(e.numeric - (plus - minus) / (2 * eps))).toBeLessThan(1e-9);
      expect(e.relError).toBe(relativeError(e.backprop, e.numeric));
    }
    expect(maxRelError).toBe(Math.max(...entries.map((e) => e.relError)));
    // every parameter once
    expect(new Set(entries.map((e) => `${e.param}${e.layer}:${e.j}:${e.k ?? ''}`)).size).toBe(entries.length);
  });

  it('predict returns the output layer a^L of feedforward (feedforward.ts:27 as.length − 1 → + 1)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 2, maxLength: 4 }), fc.integer({ min: 1, max: 1000 }), (sizes, seed) => {
        const net = createNetwork({ sizes, seed });
        const x = Array.from({ length: sizes[0] }, (_, k) => Math.cos(seed + k));
        const out = predict(net, x);
        expect(Array.from(out)).toEqual(Array.from(feedforward(net, x).as[sizes.length - 1]));
        expect(out.length).toBe(sizes[sizes.length - 1]);
      }),
      { numRuns: 20 },
    );
  });

  it('costCurveByA spans [aMin, 1 − aMin] in n evenly spaced points, with the costs at each a (costcurve.ts:25 drop − aMin)', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 2, max: 50 }), fc.double({ min: 0.001, max: 0.2, noNaN: true }), (y, n, aMin) => {
        const curve = costCurveByA(y, n, aMin);
        expect(curve.length).toBe(n);
        expect(curve[0].a).toBeCloseTo(aMin, 14);
        expect(curve[n - 1].a).toBeCloseTo(1 - aMin, 14);
        for (let i = 1; i < n; i++) expect(curve[i].a - curve[i - 1].a).toBeCloseTo((1 - 2 * aMin) / (n - 1), 12);
        for (const p of curve) expect(p.quadratic).toBeCloseTo(0.5 * (p.a - y) ** 2, 14);
      }),
      { numRuns: 20 },
    );
  });

  it('saturationCutoff refuses t = 0 and t = ¼, the ends of (0, ¼) (saturation.ts:59 t > 0 → t ≥ 0)', () => {
    expect(() => saturationCutoff(0)).toThrow(/threshold must be in \(0, 0.25\)/);
    expect(() => saturationCutoff(0.25)).toThrow(/threshold must be in \(0, 0.25\)/);
    const z = saturationCutoff(0.1);
    expect(sigmoidScalar(z) * (1 - sigmoidScalar(z))).toBeCloseTo(0.1, 12);
  });

  it('the single neuron with an input x ≠ 1: a = σ(w x + b), and a run follows neuronStep (neuron.ts:66 w * x → w / x)', () => {
    fc.assert(
      fc.property(fc.double({ min: -2, max: 2, noNaN: true }), fc.double({ min: -2, max: 2, noNaN: true }), fc.double({ min: 0.2, max: 3, noNaN: true }), fc.constantFrom('quadratic', 'cross-entropy') as fc.Arbitrary<'quadratic' | 'cross-entropy'>, (w, b, x, cost) => {
        const run = neuronRun({ w, b, eta: 0.5, epochs: 3, cost, x, y: 0.2 });
        expect(run.a[0]).toBeCloseTo(sigmoidScalar(w * x + b), 14);
        let s = { w, b };
        for (let e = 1; e <= 3; e++) {
          const next = neuronStep(s, { eta: 0.5, cost, x, y: 0.2 });
          s = { w: next.w, b: next.b };
          expect(run.w[e]).toBeCloseTo(s.w, 12);
          expect(run.a[e]).toBeCloseTo(sigmoidScalar(s.w * x + s.b), 12);
        }
      }),
      { numRuns: 20 },
    );
  });

  it('isCorrect with one output: ½ itself counts as the upper side, for the output and the target (train.ts:47 ≥ → >)', () => {
    expect(isCorrect([0.5], [1])).toBe(true);
    expect(isCorrect([0.5], [0])).toBe(false);
    expect(isCorrect([0.9], [0.5])).toBe(true);
    expect(isCorrect([0.1], [0.5])).toBe(false);
    expect(isCorrect([0.49], [0])).toBe(true);
  });

  it('a neuron run stops as diverged at the first epoch whose cost is not finite although w and b are (neuron.ts:72 && → ||)', () => {
    // σ(40) rounds to 1, so the cross-entropy for y = 0 is −ln(1 − 1) = ∞ with w = 40, b = 0 finite.
    const run = neuronRun({ w: 40, b: 0, eta: 0.1, epochs: 5, cost: 'cross-entropy', y: 0 });
    expect(run.cost[0]).toBe(Infinity);
    expect(run.divergedAt).toBe(0);
    expect(run.w.length).toBe(1);
  });

  it('isCorrect breaks a tie among the outputs at the first largest, as the fast path does (train.ts:41 > → ≥)', () => {
    expect(isCorrect([0.3, 0.3, 0.1], [1, 0, 0])).toBe(true);
    expect(isCorrect([0.3, 0.3, 0.1], [0, 1, 0])).toBe(false);
    const net = createNetwork({ sizes: [1, 3], activations: 'linear', seed: 1 });
    net.weights[0].data.fill(0);
    net.biases[0].set([0.3, 0.3, 0.1]);
    const t = createTrainer(net, { batchSize: 1 });
    for (const y of [[1, 0, 0], [0, 1, 0]]) expect(t.evaluate([[1]], [y]).accuracy).toBe(isCorrect(predict(net, [1]), y) ? 1 : 0);
  });

  it('shuffle reaches every order: each of the 6 orders of three items comes up for about 1/6 of 600 seeds (rng.ts:45 i > 0 → i > 1)', () => {
    const counts = new Map<string, number>();
    for (let seed = 1; seed <= 600; seed++) {
      const key = createRng(seed).shuffle([0, 1, 2]).join('');
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    expect([...counts.keys()].sort()).toEqual(['012', '021', '102', '120', '201', '210']);
    for (const c of counts.values()) expect(c).toBeGreaterThan(50); // expected 100; fixed seeds, so not a flaky bound
    const two = new Set(Array.from({ length: 50 }, (_, i) => createRng(i + 1).shuffle([0, 1]).join('')));
    expect(two).toEqual(new Set(['01', '10']));
  });
});

