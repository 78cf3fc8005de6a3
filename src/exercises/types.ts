import type { ChoiceOption, ExpressionSpec } from './checkers';

export type Rng = () => number;
export type Params = Record<string, number | number[] | number[][]>;

interface Base {
  id: string;
  /** bump when the question or its answer changes; stored progress for an older version is flagged */
  version: string;
  title: string;
  params: (rng: Rng) => Params;
  /** prompt text; inline math between $…$ (KaTeX source) */
  prompt: (p: Params) => string;
  hints: string[];
  solution: (p: Params) => string;
}
export interface NumberExercise extends Base { kind: 'number'; answer: (p: Params) => number; tol?: { abs?: number; rel?: number } }
export interface GridExercise extends Base { kind: 'grid'; rows: number; cols: number; answer: (p: Params) => number[] }
export interface ChoiceExercise extends Base { kind: 'choice'; multiple: boolean; options: ChoiceOption[] }
export interface ExpressionExercise extends Base { kind: 'expression'; spec: ExpressionSpec }
export type Exercise = NumberExercise | GridExercise | ChoiceExercise | ExpressionExercise;

/** mulberry32: the per-reader seed picks each exercise's numbers */
export function seededRng(seed: number): Rng {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
/** numbers with two decimals keep hand calculation possible */
export const r2 = (rng: Rng, lo: number, hi: number) => Math.round((lo + (hi - lo) * rng()) * 100) / 100;
