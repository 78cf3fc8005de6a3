// Saved answers are validated per exercise kind before they are put back into a field (issue
// 15.8): a stored or imported answer of the wrong shape is set aside with a notice, never thrown.
import type { Progress } from './progress';

/** What the check reads of an exercise: its kind and answer shape (an Exercise or its ExerciseSummary). */
export type AnswerShape =
  | { kind: 'number' | 'expression' | 'code' }
  | { kind: 'grid'; rows: number; cols: number }
  | { kind: 'choice'; multiple: boolean; options: readonly { id: string }[] };

/** Why `last` cannot be an answer to `ex` (undefined when it can). */
export function answerShapeProblem(ex: AnswerShape, last: unknown): string | undefined {
  const isStrings = Array.isArray(last) && last.every((s) => typeof s === 'string');
  switch (ex.kind) {
    case 'number': case 'expression': case 'code':
      return typeof last === 'string' ? undefined : 'a text answer was expected';
    case 'grid':
      if (!isStrings) return `a grid of ${ex.rows * ex.cols} entries was expected`;
      return (last as string[]).length === ex.rows * ex.cols ? undefined : `a grid of ${ex.rows * ex.cols} entries was expected, the saved one has ${(last as string[]).length}`;
    case 'choice':
      if (!isStrings) return 'a list of chosen options was expected';
      if ((last as string[]).some((id) => !ex.options.some((o) => o.id === id))) return 'it names an option this exercise does not have';
      if (!ex.multiple && (last as string[]).length > 1) return 'this exercise takes one option';
      return undefined;
  }
}

/**
 * Drop the answers of the wrong shape from a progress object (attempts and solved stay), naming the
 * exercises whose answers were set aside. Entries for exercises not in `byId` are kept as they are.
 */
export function setAsideMalformedAnswers(p: Progress, byId: Record<string, AnswerShape & { version: string }>): { progress: Progress; setAside: { id: string; why: string }[] } {
  const setAside: { id: string; why: string }[] = [];
  const exercises = { ...p.exercises };
  for (const [id, e] of Object.entries(p.exercises)) {
    const ex = byId[id];
    if (!ex || e.last === undefined || e.version !== ex.version) continue;
    const why = answerShapeProblem(ex, e.last);
    if (why) { const { last: _l, ...rest } = e; exercises[id] = rest; setAside.push({ id, why }); }
  }
  return { progress: { ...p, exercises }, setAside };
}
