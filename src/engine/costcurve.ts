// Cost shapes (chapter 8): the quadratic and cross-entropy costs of one sigmoid neuron as curves,
// against its output a and against its weighted input z, plus |∂C/∂z| = |δ| for each. Every value
// comes from the Cost objects in costs.ts, so the curves are the same functions training uses.
import { quadratic, crossEntropy } from './costs';
import { sigmoid } from './activations';

export interface CostByA { a: number; quadratic: number; crossEntropy: number }
export interface GradByZ {
  z: number;
  a: number;
  sigmaPrime: number;
  /** |δ| = |(a − y) σ′(z)| for the quadratic cost (BP1 with ∇ₐC = a − y). */
  quadratic: number;
  /** |δ| = |a − y| for cross-entropy: σ′(z) cancels. */
  crossEntropy: number;
}

function grid(lo: number, hi: number, n: number): number[] {
  return Array.from({ length: n }, (_, i) => lo + ((hi - lo) * i) / (n - 1));
}

/** C(a) for a in [aMin, 1 − aMin] (cross-entropy is infinite at a = 0, 1 unless y is 0 or 1). */
export function costCurveByA(y: number, n = 199, aMin = 0.005): CostByA[] {
  const yv = [y];
  return grid(aMin, 1 - aMin, n).map((a) => ({
    a,
    quadratic: quadratic.value([a], yv),
    crossEntropy: crossEntropy.value([a], yv),
  }));
}

/** |∂C/∂z| for z in [zMin, zMax], via each cost's δᴸ with a = σ(z). */
export function gradientCurveByZ(y: number, zMin = -8, zMax = 8, n = 161): GradByZ[] {
  const yv = [y];
  return grid(zMin, zMax, n).map((z) => {
    const zv = Float64Array.of(z);
    const av = sigmoid.fn(zv);
    return {
      z,
      a: av[0],
      sigmaPrime: sigmoid.prime(zv)[0],
      quadratic: Math.abs(quadratic.delta(zv, av, yv, sigmoid)[0]),
      crossEntropy: Math.abs(crossEntropy.delta(zv, av, yv, sigmoid)[0]),
    };
  });
}
