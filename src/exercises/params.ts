// Kept apart from grade.ts so the island can pick numbers without loading mathjs.
import type { Exercise, Params } from './types';
import { seededRng } from './types';

/** Parameters for a reader seed: the exercise id is mixed in so exercises do not share numbers. */
export function paramsFor(ex: Exercise, seed: number): Params {
  let h = seed >>> 0;
  for (const ch of ex.id) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
  return ex.params(seededRng(h));
}

