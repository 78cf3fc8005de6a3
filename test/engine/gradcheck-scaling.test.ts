// Chapter 3's claim about finite differences, checked on the engine: the central difference
// (C(θ+ε) − C(θ−ε)) / 2ε that gradientCheck uses differs from C′(θ) by ε²C‴(θ)/6 + O(ε⁴), so
// halving ε quarters its error; a one-sided difference (C(θ+ε) − C(θ)) / ε only halves it.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MODEL_FORMAT, backprop, createNetwork, exampleCost, fromJSON, gradientCheck, sigmoidScalar, type Network } from '../../src/engine/index';

/** one sigmoid neuron, one weight w, no bias, input 1, target y: C(w) = ½(σ(w) − y)² */
const neuron = (w: number) => fromJSON({ format: MODEL_FORMAT, sizes: [1, 1], activations: ['sigmoid'], cost: 'quadratic', weights: [[[w]]], biases: [[0]] });

/** C‴(w) of that neuron in closed form: s = σ(w), C‴ = 3 s′ s″ + (s − y) s‴ */
function thirdDerivative(w: number, y: number): number {
  const s = sigmoidScalar(w);
  const s1 = s * (1 - s);
  const s2 = s1 * (1 - 2 * s);
  const s3 = s2 * (1 - 2 * s) - 2 * s1 * s1;
  return 3 * s1 * s2 + (s - y) * s3;
}

/** C′(w) in closed form: (s − y) s′ */
const firstDerivative = (w: number, y: number) => { const s = sigmoidScalar(w); return (s - y) * s * (1 - s); };

/** the one-sided difference of the cost in weight (layer, j, k) */
function oneSided(net: Network, x: number[], y: number[], layer: number, j: number, k: number, eps: number): number {
  const w = net.weights[layer - 1];
  const idx = j * w.cols + k;
  const c0 = exampleCost(net, x, y);
  const saved = w.data[idx];
  w.data[idx] = saved + eps;
  const c1 = exampleCost(net, x, y);
  w.data[idx] = saved;
  return (c1 - c0) / eps;
}

describe('gradientCheck: the central difference’s error is ε²C‴/6 + O(ε⁴)', () => {
  it('one neuron, closed form: numeric − C′ matches ε²C‴/6 (random w and y), and halving ε quarters the error', () => {
    fc.assert(fc.property(fc.double({ min: -3, max: 3, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (w, y) => {
      const c3 = thirdDerivative(w, y);
      fc.pre(Math.abs(c3) > 1e-3); // where C‴ ≈ 0 the ε⁴ term is the leading one
      const exact = firstDerivative(w, y);
      expect(backprop(neuron(w), [1], [y]).nablaW[0].get(0, 0)).toBeCloseTo(exact, 14);
      const err = (eps: number) => gradientCheck(neuron(w), [1], [y], eps).entries[0].numeric - exact;
      for (const eps of [1e-2, 5e-3]) {
        const predicted = (eps * eps * c3) / 6;
        expect(Math.abs(err(eps) - predicted)).toBeLessThan(0.05 * Math.abs(predicted));
      }
      const ratio = err(1e-2) / err(5e-3);
      expect(ratio).toBeGreaterThan(3.8);
      expect(ratio).toBeLessThan(4.2);
    }), { numRuns: 60 });
  });

  it('a [2, 3, 1] network: for every weight, halving ε divides the error by ≈ 4; a one-sided difference only by ≈ 2', () => {
    const x = [0.7, -0.4];
    const y = [0.9];
    const net = createNetwork({ sizes: [2, 3, 1], seed: 11 });
    const exact = backprop(net, x, y).nablaW;
    const errs = (eps: number) => gradientCheck(net, x, y, eps).entries.filter((e) => e.param === 'w').map((e) => e.numeric - e.backprop);
    const big = errs(2e-2);
    const small = errs(1e-2);
    let checked = 0;
    big.forEach((e, i) => {
      if (Math.abs(e) < 1e-9) return; // C‴ ≈ 0 for this weight: nothing to measure above rounding
      checked++;
      expect(e / small[i]).toBeGreaterThan(3.5);
      expect(e / small[i]).toBeLessThan(4.5);
    });
    expect(checked).toBeGreaterThan(4);
    // the one-sided difference: error ≈ εC″/2, first order in ε
    for (let layer = 1; layer <= 2; layer++) {
      const w = net.weights[layer - 1];
      for (let j = 0; j < w.rows; j++) for (let k = 0; k < w.cols; k++) {
        const g = exact[layer - 1].get(j, k);
        const e1 = oneSided(net, x, y, layer, j, k, 2e-2) - g;
        const e2 = oneSided(net, x, y, layer, j, k, 1e-2) - g;
        if (Math.abs(e1) < 1e-7) continue;
        expect(e1 / e2).toBeGreaterThan(1.7);
        expect(e1 / e2).toBeLessThan(2.3);
      }
    }
  });
});
