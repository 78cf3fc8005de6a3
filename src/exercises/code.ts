// Grading a code exercise: the page computes the hidden cases with the engine, the reader's code
// runs in a worker (the notebook runtime, src/notebook/), and the first failing case is reported
// with its input, the expected value and what the reader's function gave.
import type { CodeExercise, Params } from './types';
import type { CheckResult } from './checkers';
import { CellRunner, formatLimit } from '../notebook/client';
import type { CodeReport } from '../notebook/grade-code';

export const CODE_TIME_LIMIT_MS = 5000;

export function specFor(ex: CodeExercise, params: Params) {
  return { fnName: ex.fnName, cases: ex.cases(params), tol: ex.tol };
}

export function reportToResult(report: CodeReport): CheckResult {
  const printed = report.printed?.length ? { printed: report.printed } : {};
  if (report.ok) return { ok: true, message: `All ${report.total} hidden tests pass.`, ...printed };
  if (report.problem) return { ok: false, message: report.problem, ...printed };
  const f = report.failure!;
  return { ok: false, message: `Test ${f.index + 1} of ${report.total} failed (${report.passed} passed). Input: ${f.input}. Expected: ${f.expected}. Got: ${f.actual}. ${capitalise(f.why)}.`, ...printed };
}
const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

let shared: CellRunner | null = null;
/** one grading worker for the page, replaced if a run has to be stopped */
export async function gradeCodeExercise(ex: CodeExercise, params: Params, code: string, runner: CellRunner = shared ?? (shared = new CellRunner())): Promise<CheckResult> {
  const outcome = await runner.grade(code, specFor(ex, params), CODE_TIME_LIMIT_MS);
  if (outcome.status === 'timeout') return { ok: false, message: `Stopped after ${formatLimit(outcome.limitMs)}: your code did not finish (an endless loop?).` };
  if (outcome.status === 'crashed') return { ok: false, message: `The grading worker failed: ${outcome.message}` };
  return reportToResult(outcome.report);
}
