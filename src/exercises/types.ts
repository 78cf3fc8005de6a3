import type { ChoiceOption, ExpressionSpec, NumberSlip, GridSlip } from './checkers';
import type { CodeCase } from '../notebook/grade-code';

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
  /** one to three progressive hints */
  hints: string[];
  solution: (p: Params) => string;
}
export interface NumberExercise extends Base {
  kind: 'number'; answer: (p: Params) => number; tol?: { abs?: number; rel?: number };
  /** known wrong routes, computed from the same parameters: an answer equal to one is named in the feedback */
  slips?: (p: Params) => NumberSlip[];
}
export interface GridExercise extends Base {
  kind: 'grid'; rows: number; cols: number; answer: (p: Params) => number[]; tol?: { abs?: number; rel?: number };
  /** a visible label per entry (row-major), e.g. "digit 0" … "digit 9"; without it entries are labelled by row and column */
  entryLabels?: (p: Params) => string[];
  /** known wrong routes (row-major entries); a transposed or negated answer is recognised without listing it */
  slips?: (p: Params) => GridSlip[];
}
export interface ChoiceExercise extends Base { kind: 'choice'; multiple: boolean; options: ChoiceOption[] }
export interface ExpressionExercise extends Base { kind: 'expression'; spec: ExpressionSpec }
/** the reader writes a function; hidden cases computed by the engine grade it in a worker (src/exercises/code.ts) */
export interface CodeExercise extends Base {
  kind: 'code';
  /** the function the reader defines */
  fnName: string;
  /** what the editor starts with */
  starter: string;
  /** a right answer and a typical wrong one (the tests run both) */
  referenceCode: string;
  wrongCode: string;
  /** hidden test cases: inputs and the engine's expected output */
  cases: (p: Params) => CodeCase[];
  tol?: { abs?: number; rel?: number };
}
export type Exercise = NumberExercise | GridExercise | ChoiceExercise | ExpressionExercise | CodeExercise;

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
