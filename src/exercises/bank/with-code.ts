// A chapter's list as the bank gives it (src/exercises/bank/index.ts): its own exercises, then its
// code exercises. The per-chapter exercise islands (components/exercises/chapters/) use this, so a
// page imports one chapter's bank file instead of the whole bank.
import type { Exercise } from '../types';
import { codeExercises } from './code';

export const withCode = (slug: string, list: Exercise[]): Exercise[] => [...list, ...(codeExercises[slug] ?? [])];
