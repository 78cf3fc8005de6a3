// The FLOP count the benchmarks divide by.
/**
 * Floating-point operations of one training epoch of n examples, counted the usual way (multiply
 * and add separately): forward 2 Σ n_l n_{l−1} per example, backward twice the forward (E W and
 * Eᵀ A for every layer), so 3× forward in all; for [784, 30, 10] and 8,000 examples ≈ 1.14 GFLOP.
 * (The fast path skips E W of the first layer, which nobody needs, so it does slightly less.)
 * Used by the benchmarks to report GFLOP/s.
 */
export function flopsPerEpoch(sizes: readonly number[], n: number): number {
  let fwd = 0;
  for (let l = 1; l < sizes.length; l++) fwd += 2 * sizes[l] * sizes[l - 1];
  return 3 * fwd * n;
}
