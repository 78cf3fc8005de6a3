// Checking backprop against central finite differences: for each parameter θ,
//   ∂C/∂θ ≈ (C(θ + h) − C(θ − h)) / 2h,
// which costs two forward passes per parameter, where backprop needs one forward and one backward pass in all.
import { backprop } from './backprop';
import { feedforward } from './feedforward';
import type { VecLike } from './matrix';
import type { Network } from './network';

export interface GradientCheckEntry {
  param: 'w' | 'b';
  /** The text's layer number l (1 … L): net.weights[layer − 1]. */
  layer: number;
  j: number;
  /** Column k for a weight; absent for a bias. */
  k?: number;
  backprop: number;
  numeric: number;
  relError: number;
}

export interface GradientCheck {
  maxRelError: number;
  entries: GradientCheckEntry[];
}

/** The per-example cost C_x at the network's current parameters. */
export function exampleCost(net: Network, x: VecLike, y: VecLike): number {
  const { as } = feedforward(net, x);
  return net.cost.value(as[as.length - 1], y);
}

/** |g − n| / max(|g| + |n|, floor): relative, but not blown up when both are near zero. */
export function relativeError(g: number, n: number, floor = 1e-8): number {
  return Math.abs(g - n) / Math.max(Math.abs(g) + Math.abs(n), floor);
}

export function gradientCheck(net: Network, x: VecLike, y: VecLike, h = 1e-5): GradientCheck {
  const { nablaW, nablaB } = backprop(net, x, y);
  const entries: GradientCheckEntry[] = [];
  const numeric = (data: Float64Array, idx: number): number => {
    const saved = data[idx];
    data[idx] = saved + h;
    const plus = exampleCost(net, x, y);
    data[idx] = saved - h;
    const minus = exampleCost(net, x, y);
    data[idx] = saved;
    return (plus - minus) / (2 * h);
  };
  for (let i = 0; i < net.weights.length; i++) {
    const w = net.weights[i];
    for (let j = 0; j < w.rows; j++) {
      for (let k = 0; k < w.cols; k++) {
        const g = nablaW[i].get(j, k);
        const n = numeric(w.data, j * w.cols + k);
        entries.push({ param: 'w', layer: i + 1, j, k, backprop: g, numeric: n, relError: relativeError(g, n) });
      }
    }
    const b = net.biases[i];
    for (let j = 0; j < b.length; j++) {
      const g = nablaB[i][j];
      const n = numeric(b, j);
      entries.push({ param: 'b', layer: i + 1, j, backprop: g, numeric: n, relError: relativeError(g, n) });
    }
  }
  const maxRelError = entries.reduce((m, e) => Math.max(m, e.relError), 0);
  return { maxRelError, entries };
}
