// The initialisations of createNetwork (chapter 11): each weight's sample variance against the
// variance the option promises, over random layer sizes; and symmetry: all-zero parameters keep
// the hidden neurons of a layer identical under gradient descent, any random init does not.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createNetwork, initVariance, INIT_NAMES, updateMiniBatch, type InitName } from '../../src/engine/index';
import { createRng } from '../../src/engine/rng';

function sampleVariance(xs: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < xs.length; i++) m += xs[i];
  m /= xs.length;
  let v = 0;
  for (let i = 0; i < xs.length; i++) v += (xs[i] - m) ** 2;
  return v / (xs.length - 1);
}

const closedForm: Record<Exclude<InitName, 'zero'>, (nIn: number, nOut: number) => number> = {
  standard: () => 1,
  scaled: (nIn) => 1 / nIn,
  xavier: (nIn, nOut) => 2 / (nIn + nOut),
  he: (nIn) => 2 / nIn,
};

describe('createNetwork init options', () => {
  it('every random init draws weights whose sample variance is the promised one, within 6 standard errors √(2/N)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 20, max: 400 }), fc.integer({ min: 20, max: 400 }), fc.integer({ min: 1, max: 1e6 }), (nIn, nOut, seed) => {
        for (const init of ['standard', 'scaled', 'xavier', 'he'] as const) {
          const net = createNetwork({ sizes: [nIn, nOut], init, seed });
          const w = net.weights[0].data;
          const want = closedForm[init](nIn, nOut);
          expect(initVariance(init, nIn, nOut)).toBeCloseTo(want, 15);
          // The sample variance of N normals has relative standard error √(2/(N − 1)).
          expect(Math.abs(sampleVariance(w) / want - 1)).toBeLessThan(6 * Math.sqrt(2 / (w.length - 1)));
          // biases N(0, 1) in every random init
          expect(net.biases[0].every(Number.isFinite)).toBe(true);
        }
      }),
      { numRuns: 12 },
    );
  });

  it("'zero' sets every weight and every bias to 0; 'standard' stays the default and keeps its draws", () => {
    const z = createNetwork({ sizes: [5, 4, 3], init: 'zero' });
    for (const w of z.weights) expect(Array.from(w.data).every((v) => v === 0)).toBe(true);
    for (const b of z.biases) expect(Array.from(b).every((v) => v === 0)).toBe(true);
    expect(initVariance('zero', 5, 4)).toBe(0);
    const a = createNetwork({ sizes: [5, 4, 3], seed: 9 });
    const b = createNetwork({ sizes: [5, 4, 3], seed: 9, init: 'standard' });
    expect(Array.from(a.weights[0].data)).toEqual(Array.from(b.weights[0].data));
    // the standard draws are the generator's N(0, 1) values in order: weights, then biases, layer by layer
    const rng = createRng(9);
    expect(a.weights[0].data[0]).toBe(rng.gaussian(0, 1));
    expect(INIT_NAMES).toEqual(['standard', 'scaled', 'xavier', 'he', 'zero']);
  });

  it('an unknown init is refused with a message naming the choices', () => {
    expect(() => createNetwork({ sizes: [2, 2], init: 'glorot' as InitName })).toThrow(/init must be one of 'standard', 'scaled', 'xavier', 'he', 'zero' \(got glorot\)/);
  });
});

/** Largest difference between two hidden neurons of layer i: their incoming weights, bias and outgoing weights. */
function asymmetry(net: ReturnType<typeof createNetwork>, i: number): number {
  const w = net.weights[i];
  const next = net.weights[i + 1];
  let d = 0;
  for (let j = 1; j < w.rows; j++) {
    for (let k = 0; k < w.cols; k++) d = Math.max(d, Math.abs(w.get(j, k) - w.get(0, k)));
    d = Math.max(d, Math.abs(net.biases[i][j] - net.biases[i][0]));
    for (let r = 0; r < next.rows; r++) d = Math.max(d, Math.abs(next.get(r, j) - next.get(r, 0)));
  }
  return d;
}

describe('symmetry breaking', () => {
  const arb = fc.record({
    nIn: fc.integer({ min: 1, max: 4 }),
    hidden: fc.array(fc.integer({ min: 2, max: 4 }), { minLength: 1, maxLength: 2 }),
    nOut: fc.integer({ min: 1, max: 3 }),
    steps: fc.integer({ min: 1, max: 15 }),
    seed: fc.integer({ min: 1, max: 1e6 }),
    act: fc.constantFrom('sigmoid', 'tanh' as const),
    cost: fc.constantFrom('quadratic', 'cross-entropy' as const),
  });
  const dataFor = (nIn: number, nOut: number, seed: number) => {
    const r = createRng(seed);
    return Array.from({ length: 6 }, () => ({ x: Array.from({ length: nIn }, () => r.gaussian()), y: Array.from({ length: nOut }, () => (r.next() < 0.5 ? 0 : 1)) }));
  };

  it("'zero' init: after any number of SGD steps the hidden neurons of every layer are still identical", () => {
    fc.assert(
      fc.property(arb, ({ nIn, hidden, nOut, steps, seed, act, cost }) => {
        const net = createNetwork({ sizes: [nIn, ...hidden, nOut], init: 'zero', activations: [...hidden.map(() => act), 'sigmoid'], cost });
        const data = dataFor(nIn, nOut, seed);
        for (let s = 0; s < steps; s++) updateMiniBatch(net, data.slice(s % 3, (s % 3) + 3), { eta: 0.5 });
        for (let i = 0; i < hidden.length; i++) expect(asymmetry(net, i)).toBe(0);
        // and training did move the parameters (the test is not passing on a frozen network)
        expect(net.biases[net.biases.length - 1].some((b) => b !== 0)).toBe(true);
      }),
      { numRuns: 40 },
    );
  });

  it('any random init breaks the symmetry from the start, and training keeps the neurons apart', () => {
    fc.assert(
      fc.property(arb, fc.constantFrom('standard', 'scaled', 'xavier', 'he' as const), ({ nIn, hidden, nOut, steps, seed, act, cost }, init) => {
        const net = createNetwork({ sizes: [nIn, ...hidden, nOut], init, activations: [...hidden.map(() => act), 'sigmoid'], cost, seed });
        const data = dataFor(nIn, nOut, seed);
        for (let s = 0; s < steps; s++) updateMiniBatch(net, data.slice(s % 3, (s % 3) + 3), { eta: 0.5 });
        for (let i = 0; i < hidden.length; i++) expect(asymmetry(net, i)).toBeGreaterThan(0);
      }),
      { numRuns: 40 },
    );
  });
});
