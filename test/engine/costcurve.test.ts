import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { costCurveByA, gradientCurveByZ } from '../../src/engine/costcurve';
import { quadratic, crossEntropy } from '../../src/engine/costs';
import { sigmoidScalar } from '../../src/engine/activations';

const y01 = fc.double({ min: 0, max: 1, noNaN: true });

describe('costCurveByA', () => {
  it('the quadratic curve is smallest at a = y and cross-entropy is minimised there too', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.05, max: 0.95, noNaN: true }), (y) => {
        const curve = costCurveByA(y, 401);
        const argmin = (key: 'quadratic' | 'crossEntropy') => curve.reduce((best, p) => (p[key] < best[key] ? p : best)).a;
        const spacing = curve[1].a - curve[0].a;
        expect(Math.abs(argmin('quadratic') - y)).toBeLessThanOrEqual(spacing);
        expect(Math.abs(argmin('crossEntropy') - y)).toBeLessThanOrEqual(spacing);
      }),
      { numRuns: 30 },
    );
  });
});

describe('gradientCurveByZ', () => {
  it('|δ| equals |dC(σ(z))/dz| by central differences for both costs', () => {
    fc.assert(
      fc.property(y01, fc.double({ min: -6, max: 6, noNaN: true }), (y, z) => {
        const [p] = gradientCurveByZ(y, z, z + 1, 2);
        const h = 1e-5;
        for (const [cost, key] of [[quadratic, 'quadratic'], [crossEntropy, 'crossEntropy']] as const) {
          const c = (zz: number) => cost.value([sigmoidScalar(zz)], [y]);
          const numeric = Math.abs((c(z + h) - c(z - h)) / (2 * h));
          expect(p[key]).toBeCloseTo(numeric, 6);
        }
      }),
      { numRuns: 100 },
    );
  });
  it('σ′(z) cancels for cross-entropy: quadratic |δ| = cross-entropy |δ| · σ′(z)', () => {
    fc.assert(
      fc.property(y01, (y) => {
        for (const p of gradientCurveByZ(y)) expect(p.quadratic).toBeCloseTo(p.crossEntropy * p.sigmaPrime, 12);
      }),
      { numRuns: 20 },
    );
  });
});
