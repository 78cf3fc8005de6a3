// What the progress page needs to know of each exercise, and nothing more: its id, version and
// title (to list it), and the shape of its answer (to set aside a malformed imported answer,
// answer-shape.ts). Computed at build time from the bank and handed to the page as props, so the
// progress page does not ship the bank's generators, checkers and prompts (the bank grows with
// every chapter; this summary grows by a line per exercise).
import type { Exercise } from './types';

export type ExerciseSummary = { id: string; version: string; title: string } & (
  | { kind: 'number' | 'expression' | 'code' }
  | { kind: 'grid'; rows: number; cols: number }
  | { kind: 'choice'; multiple: boolean; options: { id: string }[] }
);

export function summarise(ex: Exercise): ExerciseSummary {
  const base = { id: ex.id, version: ex.version, title: ex.title };
  switch (ex.kind) {
    case 'grid': return { ...base, kind: 'grid', rows: ex.rows, cols: ex.cols };
    case 'choice': return { ...base, kind: 'choice', multiple: ex.multiple, options: ex.options.map((o) => ({ id: o.id })) };
    default: return { ...base, kind: ex.kind };
  }
}

/** The bank, chapter by chapter in the bank's order, as summaries. */
export function summariseBank(bank: Record<string, Exercise[]>): Record<string, ExerciseSummary[]> {
  return Object.fromEntries(Object.entries(bank).map(([chapter, list]) => [chapter, list.map(summarise)]));
}
