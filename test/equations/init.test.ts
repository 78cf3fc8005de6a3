// Weight initialisation (chapter 11): N(0, 1/√n_in) means standard deviation 1/√n_in.
import { describe, expect, it } from 'vitest';
import { createNetwork, feedforward, sampleSaturation } from '../../src/engine/index';

function meanVar(xs: ArrayLike<number>): { mean: number; variance: number } {
  let m = 0;
  for (let i = 0; i < xs.length; i++) m += xs[i];
  m /= xs.length;
  let v = 0;
  for (let i = 0; i < xs.length; i++) v += (xs[i] - m) ** 2;
  return { mean: m, variance: v / (xs.length - 1) };
}

describe('initialisation', () => {
  it('scaled-init: weights into a layer with n_in inputs have standard deviation 1/√n_in (variance 1/n_in); biases N(0, 1)', () => {
    for (const nIn of [4, 100, 900]) {
      const net = createNetwork({ sizes: [nIn, 400], init: 'scaled', seed: nIn });
      const { mean, variance } = meanVar(net.weights[0].data);
      const N = net.weights[0].data.length;
      // The sample variance of N normals has relative standard error √(2/N); allow 5 of them.
      expect(Math.abs(variance * nIn - 1)).toBeLessThan(5 * Math.sqrt(2 / N));
      expect(Math.abs(mean)).toBeLessThan(5 / Math.sqrt(N * nIn));
      const b = meanVar(net.biases[0]);
      expect(Math.abs(b.variance - 1)).toBeLessThan(5 * Math.sqrt(2 / 400));
      const std = createNetwork({ sizes: [nIn, 400], init: 'standard', seed: nIn });
      expect(Math.abs(meanVar(std.weights[0].data).variance - 1)).toBeLessThan(5 * Math.sqrt(2 / N));
    }
  });

  it('z-variance: Var(z) = v_w Σ_k x_k² + v_b — the spread of z over many neurons matches it for both inits', () => {
    const nIn = 500;
    const x = Array.from({ length: nIn }, (_, k): number => (k % 2 === 0 ? 1 : 0));
    const sumX2 = x.reduce((s, v) => s + v * v, 0);
    for (const init of ['standard', 'scaled'] as const) {
      const neurons = 4000;
      const net = createNetwork({ sizes: [nIn, neurons], init, seed: 21 });
      const { zs } = feedforward(net, x);
      const vw = init === 'scaled' ? 1 / nIn : 1;
      const predicted = vw * sumX2 + 1;
      expect(Math.abs(meanVar(zs[0]).variance / predicted - 1)).toBeLessThan(5 * Math.sqrt(2 / neurons));
    }
    // and the engine's saturation sampler reports the same prediction it is drawn from
    const s = sampleSaturation({ nIn: 1000, neurons: 2000, init: 'standard', inputs: 'bernoulli', seed: 3 });
    expect(s.predictedSd).toBeCloseTo(Math.sqrt(s.inputSumSquares + 1), 12);
    expect(Math.abs(s.saturatedFraction - s.predictedFraction)).toBeLessThan(0.05);
  });
});
