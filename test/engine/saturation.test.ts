import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { normalCdf, predictedSaturatedFraction, sampleSaturation, saturationCutoff } from '../../src/engine/saturation';
import { sigmoidPrimeScalar } from '../../src/engine/activations';
import { createRng } from '../../src/engine/rng';

describe('normalCdf', () => {
  it('is ½ at 0, symmetric, and its derivative is the normal density (central differences)', () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 7);
    fc.assert(
      fc.property(fc.double({ min: -6, max: 6, noNaN: true }), (x) => {
        expect(normalCdf(x) + normalCdf(-x)).toBeCloseTo(1, 6);
        const h = 1e-3;
        const numeric = (normalCdf(x + h) - normalCdf(x - h)) / (2 * h);
        const density = Math.exp(-x * x / 2) / Math.sqrt(2 * Math.PI);
        expect(Math.abs(numeric - density)).toBeLessThan(2e-5);
      }),
    );
  });
});

describe('saturationCutoff', () => {
  it('σ′ at the cutoff equals the threshold, and σ′ is below it beyond', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-6, max: 0.249, noNaN: true }), (t) => {
        const c = saturationCutoff(t);
        expect(sigmoidPrimeScalar(c)).toBeCloseTo(t, 9);
        expect(sigmoidPrimeScalar(-c)).toBeCloseTo(t, 9);
        expect(sigmoidPrimeScalar(c + 0.1)).toBeLessThan(t);
      }),
    );
  });
  it('rejects thresholds outside (0, ¼)', () => {
    expect(() => saturationCutoff(0.3)).toThrow(/0.25/);
  });
});

describe('sampleSaturation', () => {
  it('draws the input from a stream of its own, not from the one the seeded weights are drawn from', () => {
    // were x the first draws of createRng(seed), the stream createNetwork draws its weights from, the
    // input would be made of the same numbers as the weights, not independent of them as the
    // predicted N(0, Σ x_k² Var(w) + Var(b)) of z assumes
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), fc.integer({ min: 1, max: 50 }), (seed, nIn) => {
        const s = sampleSaturation({ nIn, neurons: 3, init: 'standard', inputs: 'uniform', seed });
        const rng = createRng(seed);
        let sameStream = 0;
        for (let k = 0; k < nIn; k++) sameStream += rng.next() ** 2;
        expect(s.inputSumSquares).not.toBe(sameStream);
      }),
      { numRuns: 50 },
    );
  });

  it('the sampled saturated fraction matches the closed form 2(1 − Φ(z*/sd)) within sampling error', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 600 }),
        fc.constantFrom('standard', 'scaled'),
        fc.constantFrom('bernoulli', 'uniform'),
        fc.integer({ min: 1, max: 1e6 }),
        (nIn, init, inputs, seed) => {
          const neurons = 2000;
          const s = sampleSaturation({ nIn, neurons, init: init as 'standard' | 'scaled', inputs: inputs as 'bernoulli' | 'uniform', seed });
          const p = s.predictedFraction;
          // Binomial standard error; 5 of them plus a floor for p near 0 or 1.
          const tol = 5 * Math.sqrt((p * (1 - p)) / neurons) + 3 / neurons;
          expect(Math.abs(s.saturatedFraction - p)).toBeLessThan(tol);
        },
      ),
      { numRuns: 25 },
    );
  });

  it('sampleMean and sampleSd are the mean and the (n − 1) sample standard deviation of the z drawn', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 300 }), fc.integer({ min: 2, max: 400 }), fc.constantFrom('standard', 'scaled'), fc.integer({ min: 1, max: 1e6 }), (nIn, neurons, init, seed) => {
        const s = sampleSaturation({ nIn, neurons, init: init as 'standard' | 'scaled', seed });
        const z = Array.from(s.z);
        const mean = z.reduce((acc, v) => acc + v, 0) / z.length;
        // Var = (Σ z² − n·mean²)/(n − 1): the one-pass form, a different route to the same number.
        const variance = (z.reduce((acc, v) => acc + v * v, 0) - z.length * mean * mean) / (z.length - 1);
        expect(s.sampleMean).toBeCloseTo(mean, 9);
        expect(Math.abs(s.sampleSd - Math.sqrt(Math.max(variance, 0)))).toBeLessThan(1e-9 * Math.max(1, s.sampleSd));
      }),
      { numRuns: 40 },
    );
    // One neuron has no spread to estimate.
    expect(sampleSaturation({ nIn: 5, neurons: 1, init: 'standard' }).sampleSd).toBe(0);
  });

  it('sd of z follows √(Σx² Var(w) + 1): scaled init keeps it near √1.5 for bernoulli inputs', () => {
    const s = sampleSaturation({ nIn: 1000, neurons: 2000, init: 'scaled', seed: 3 });
    expect(Math.abs(s.sampleSd - s.predictedSd) / s.predictedSd).toBeLessThan(0.08);
    expect(s.predictedSd).toBeCloseTo(Math.sqrt(s.inputSumSquares / 1000 + 1), 12);
    expect(predictedSaturatedFraction(s.predictedSd)).toBe(s.predictedFraction);
  });

  it('σ′ values are the engine sigmoid prime of each z', () => {
    const s = sampleSaturation({ nIn: 10, neurons: 50, init: 'standard', seed: 9 });
    s.z.forEach((z, j) => expect(s.sigmaPrime[j]).toBe(sigmoidPrimeScalar(z)));
  });

  it('rejects a non-integer n_in with a message', () => {
    expect(() => sampleSaturation({ nIn: 0.5, neurons: 10, init: 'standard' })).toThrow(/nIn/);
  });
});
