// Kept apart from grade.ts so the island can pick numbers without loading mathjs.
import type { Exercise, Params } from './types';
import { seededRng } from './types';

/** Parameters for a reader seed: the exercise id is mixed in so exercises do not share numbers. */
export function paramsFor(ex: Exercise, seed: number): Params {
  let h = seed >>> 0;
  for (const ch of ex.id) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
  return ex.params(seededRng(h));
}


/** The seed the pages are rendered with at build time, and the seed of a new reader's store. */
export const DEFAULT_SEED = 1;

const variesCache = new WeakMap<Exercise, boolean>();
/**
 * Whether "New numbers" changes anything the reader sees: does the prompt depend on the seed? (A
 * code exercise's hidden cases change with the seed, its prompt does not: no button there.)
 */
export function hasVariants(ex: Exercise): boolean {
  let v = variesCache.get(ex);
  if (v === undefined) {
    const first = ex.prompt(paramsFor(ex, DEFAULT_SEED));
    v = Array.from({ length: 12 }, (_, i) => i + 2).some((s) => ex.prompt(paramsFor(ex, s)) !== first);
    variesCache.set(ex, v);
  }
  return v;
}
