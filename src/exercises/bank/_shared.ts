import type { Rng } from '../types';
/** random column vector as an n×1 matrix, for expression checks */
export const col = (r: Rng, n: number, lo = -1, hi = 1) => Array.from({ length: n }, () => [lo + (hi - lo) * r()]);
export const mat = (r: Rng, m: number, n: number) => Array.from({ length: m }, () => Array.from({ length: n }, () => 2 * r() - 1));
export const prob = (r: Rng, n: number) => col(r, n, 0.05, 0.95);
