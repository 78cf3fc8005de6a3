// Saturation made visible (MNIST lab): per layer, the distribution of σ′(z) and of |δ| over a
// fixed sample of training examples. σ′ comes from the layer's own Activation object (the
// engine's formula, never re-derived here); a neuron counts as saturated when σ′(z) is below 1 %
// of the activation's largest slope (σ′ ≤ ¼ for sigmoid, ≤ 1 for tanh / ReLU).
import { isElementwise } from '../engine/activations';
import type { LayerView } from '../engine/fast';
import type { Network } from '../engine/network';
import type { Histogram, LayerHistograms } from './protocol';

/** |δ| histograms use log₁₀|δ| on this fixed range so successive frames are comparable. */
export const DELTA_LOG10_RANGE: readonly [number, number] = [-8, 1];

/** The largest σ′ of the engine's activations, for a fixed histogram range. */
export function maxSlope(name: string): number | null {
  if (name === 'sigmoid') return 0.25;
  if (name === 'tanh' || name === 'relu' || name === 'linear') return 1;
  return null;
}

/** Equal-width bins on [lo, hi]; values outside are counted in the end bins. */
export function histogram(values: ArrayLike<number>, lo: number, hi: number, bins: number): Histogram {
  const counts = new Array<number>(bins).fill(0);
  const width = (hi - lo) / bins;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isNaN(v)) continue;
    let b = width > 0 ? Math.floor((v - lo) / width) : 0;
    if (b < 0) b = 0;
    if (b >= bins) b = bins - 1;
    counts[b]++;
  }
  const edges = Array.from({ length: bins + 1 }, (_, i) => (i === bins ? hi : lo + ((hi - lo) * i) / bins));
  return { edges, counts };
}

export function computeHistograms(net: Network, layers: readonly LayerView[], bins = 20): LayerHistograms[] {
  return layers.map((v) => {
    const act = net.activations[v.layer - 1];
    const out: LayerHistograms = { layer: v.layer, deltaLog10: deltaHistogram(v.delta, bins) };
    if (isElementwise(act) && v.z.length > 0) {
      const p = act.prime(v.z); // elementwise, so the whole rows × cols buffer at once
      let max = maxSlope(act.name);
      if (max === null) {
        max = 0;
        for (let i = 0; i < p.length; i++) if (p[i] > max) max = p[i];
        if (!(max > 0)) max = 1;
      }
      out.sigmaPrime = histogram(p, 0, max, bins);
      let low = 0;
      for (let i = 0; i < p.length; i++) if (p[i] < 0.01 * max) low++;
      out.saturated = low / p.length;
    }
    return out;
  });
}

function deltaHistogram(delta: ArrayLike<number>, bins: number): Histogram {
  const [lo, hi] = DELTA_LOG10_RANGE;
  const logs = new Float64Array(delta.length);
  for (let i = 0; i < delta.length; i++) {
    const a = Math.abs(delta[i]);
    logs[i] = a > 0 ? Math.log10(a) : lo;
  }
  return histogram(logs, lo, hi, bins);
}
