// Seeded randomness. Every random choice in the course (initial weights, shuffles, sampled
// inputs) goes through one of these generators, so a seed reproduces a run exactly.

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** A normal sample with the given mean and standard deviation (Box–Muller). */
  gaussian(mean?: number, sd?: number): number;
  /** A uniform integer in 0 … n−1. */
  int(n: number): number;
  /** Shuffle in place (Fisher–Yates) and return the same array. */
  shuffle<T>(array: T[]): T[];
}

/** mulberry32: a small, fast 32-bit generator; good enough for initialisation and shuffling. */
export function createRng(seed = 1): Rng {
  let state = (Math.floor(seed) >>> 0) || 0x9e3779b9;
  let spare: number | null = null;

  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };

  const gaussian = (mean = 0, sd = 1): number => {
    if (spare !== null) {
      const s = spare;
      spare = null;
      return mean + sd * s;
    }
    let u = 0;
    while (u === 0) u = next();
    const v = next();
    const r = Math.sqrt(-2 * Math.log(u));
    spare = r * Math.sin(2 * Math.PI * v);
    return mean + sd * r * Math.cos(2 * Math.PI * v);
  };

  const int = (n: number): number => Math.floor(next() * n);

  const shuffle = <T>(array: T[]): T[] => {
    for (let i = array.length - 1; i > 0; i--) {
      const j = int(i + 1);
      const tmp = array[i];
      array[i] = array[j];
      array[j] = tmp;
    }
    return array;
  };

  return { next, gaussian, int, shuffle };
}
