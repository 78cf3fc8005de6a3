// One entry point for the island and the tests: grade a reader's input against an exercise.
import type { Exercise, Params } from './types';
import { checkNumber, checkGrid, checkChoice, checkExpression, type CheckResult } from './checkers';

export type Input = string | string[];

export { paramsFor } from './params';

/** Never throws: an unexpected failure of a checker becomes a message for the reader. */
export function grade(ex: Exercise, params: Params, input: Input): CheckResult {
  try {
    return gradeUnguarded(ex, params, input);
  } catch (e) {
    return { ok: false, message: `Could not check this answer: ${(e as Error)?.message ?? String(e)}` };
  }
}

function gradeUnguarded(ex: Exercise, params: Params, input: Input): CheckResult {
  switch (ex.kind) {
    case 'number': return checkNumber(String(input), ex.answer(params), ex.tol, ex.slips?.(params));
    case 'grid': return checkGrid(Array.isArray(input) ? input : [input], ex.answer(params), { tol: ex.tol, rows: ex.rows, cols: ex.cols, slips: ex.slips?.(params) });
    case 'choice': return checkChoice(Array.isArray(input) ? input : [input], ex.options);
    case 'expression': return checkExpression(String(input), ex.spec);
    // code runs in a worker, asynchronously: see gradeCodeExercise in ./code.ts
    case 'code': return { ok: false, message: 'Code answers are graded by running them (gradeCodeExercise).' };
  }
}
