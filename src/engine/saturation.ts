// Initialisation and saturation (chapter 11): how large is z = w·x + b for one layer of sigmoid
// neurons, and what fraction of those neurons start saturated, under N(0, 1) weights versus
// N(0, 1/n_in) weights (standard deviation 1/√n_in, i.e. variance 1/n_in — seed 004 §3.10 writes N(0, 1/√n_in)).
// Biases are N(0, 1) in both cases, as createNetwork draws them.
import { createNetwork } from './network';
import { sigmoidPrimeScalar } from './activations';
import { createRng } from './rng';

/** How the layer's input x is drawn: each x_k is 1 with probability ½ (else 0), or x_k ~ U(0, 1). */
export type InputDistribution = 'bernoulli' | 'uniform';

export interface SaturationOptions {
  nIn: number;
  /** How many neurons in the layer (each one is one sample of z). */
  neurons: number;
  init: 'standard' | 'scaled';
  inputs?: InputDistribution;
  seed?: number;
  /** A neuron counts as saturated when σ′(z) < threshold. */
  threshold?: number;
}

export interface SaturationSample {
  z: Float64Array;
  sigmaPrime: Float64Array;
  /** Fraction of neurons with σ′(z) < threshold. */
  saturatedFraction: number;
  /** The mean of the sampled z. */
  sampleMean: number;
  /** The sample standard deviation of the sampled z: √(Σ (z_j − mean)² / (neurons − 1)); 0 for one neuron. */
  sampleSd: number;
  /** Σ x_k² of the input drawn (z_j given x is normal with variance Σ x_k² Var(w) + 1). */
  inputSumSquares: number;
  /** The standard deviation of z_j given the input: √(Σ x_k² · Var(w) + Var(b)). */
  predictedSd: number;
  /** The closed-form saturated fraction P(σ′(Z) < threshold) for Z ~ N(0, predictedSd²). */
  predictedFraction: number;
}

/**
 * Normal CDF Φ(x) via erf, using Abramowitz & Stegun 7.1.26 (|error| < 1.5e-7), enough for
 * comparing sampled fractions.
 */
export function normalCdf(x: number): number {
  const t = x / Math.SQRT2;
  const s = Math.sign(t);
  const u = Math.abs(t);
  const k = 1 / (1 + 0.3275911 * u);
  const poly = k * (0.254829592 + k * (-0.284496736 + k * (1.421413741 + k * (-1.453152027 + k * 1.061405429))));
  const erf = s * (1 - poly * Math.exp(-u * u));
  return 0.5 * (1 + erf);
}

/**
 * The |z| beyond which σ′(z) < t. σ′(z) = s(1 − s) with s = σ(z); s(1 − s) = t gives
 * s = (1 + √(1 − 4t)) / 2, and z = ln(s / (1 − s)). Requires 0 < t < ¼ (σ′ ≤ ¼ everywhere).
 */
export function saturationCutoff(t: number): number {
  if (!(t > 0 && t < 0.25)) throw new RangeError(`threshold must be in (0, 0.25), got ${t}`);
  const s = (1 + Math.sqrt(1 - 4 * t)) / 2;
  return Math.log(s / (1 - s));
}

/** P(σ′(Z) < t) for Z ~ N(0, sd²): 2 (1 − Φ(z* / sd)). */
export function predictedSaturatedFraction(sd: number, t = 0.01): number {
  return 2 * (1 - normalCdf(saturationCutoff(t) / sd));
}

/** Draw one input x, build a seeded layer n_in → neurons, and collect z and σ′(z) per neuron. */
export function sampleSaturation(options: SaturationOptions): SaturationSample {
  const { nIn, neurons, init, inputs = 'bernoulli', seed = 1, threshold = 0.01 } = options;
  if (!Number.isInteger(nIn) || nIn < 1) throw new RangeError(`nIn must be a positive integer, got ${nIn}`);
  if (!Number.isInteger(neurons) || neurons < 1) throw new RangeError(`neurons must be a positive integer, got ${neurons}`);
  const rng = createRng(seed + 7919);
  const x = new Float64Array(nIn);
  for (let k = 0; k < nIn; k++) x[k] = inputs === 'bernoulli' ? (rng.next() < 0.5 ? 1 : 0) : rng.next();
  const net = createNetwork({ sizes: [nIn, neurons], activations: 'sigmoid', init, seed });
  const w = net.weights[0];
  const b = net.biases[0];
  const z = new Float64Array(neurons);
  const sigmaPrime = new Float64Array(neurons);
  let saturated = 0;
  for (let j = 0; j < neurons; j++) {
    // eq (1): z_j = Σ_k w_jk x_k + b_j
    let sum = b[j];
    for (let k = 0; k < nIn; k++) sum += w.get(j, k) * x[k];
    z[j] = sum;
    sigmaPrime[j] = sigmoidPrimeScalar(sum);
    if (sigmaPrime[j] < threshold) saturated++;
  }
  // Two passes (mean, then squared deviations): no cancellation when the spread is small beside the mean.
  let total = 0;
  for (let j = 0; j < neurons; j++) total += z[j];
  const sampleMean = total / neurons;
  let squares = 0;
  for (let j = 0; j < neurons; j++) squares += (z[j] - sampleMean) ** 2;
  const sampleSd = neurons > 1 ? Math.sqrt(squares / (neurons - 1)) : 0;
  let inputSumSquares = 0;
  for (let k = 0; k < nIn; k++) inputSumSquares += x[k] * x[k];
  const varW = init === 'scaled' ? 1 / nIn : 1;
  const predictedSd = Math.sqrt(inputSumSquares * varW + 1);
  return {
    z,
    sigmaPrime,
    saturatedFraction: saturated / neurons,
    sampleMean,
    sampleSd,
    inputSumSquares,
    predictedSd,
    predictedFraction: predictedSaturatedFraction(predictedSd, threshold),
  };
}
