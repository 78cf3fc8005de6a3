/** @jsxImportSource preact */
// Chapter 06's exercises island: only this chapter's bank file (and the code exercises) reach the page.
import ExerciseList, { type IslandProps } from '../ExerciseList';
import { exercises } from '../../../src/exercises/bank/06-matrix-form';
import { withCode } from '../../../src/exercises/bank/with-code';

export const list = withCode('06-matrix-form', exercises);
export default function Exercises06(props: IslandProps) {
  return <ExerciseList list={list} {...props} />;
}
