/** @jsxImportSource preact */
// Chapter 14's exercises as an island: ExerciseList with this chapter's part of the bank only,
// so a chapter page loads no other chapter's exercises (components/exercises/islands/README.md).
import ExerciseList, { type ExerciseIslandProps } from '../ExerciseList';
import { exercises } from '../../../src/exercises/bank/14-overfitting';
import { codeExercises } from '../../../src/exercises/bank/code';

export const list = [...exercises, ...(codeExercises['14-overfitting'] ?? [])];
export default function Exercises(props: ExerciseIslandProps) {
  return <ExerciseList {...props} list={list} />;
}
