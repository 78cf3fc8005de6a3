/** @jsxImportSource preact */
// Chapter 12's exercises island: only this chapter's bank file (and the code exercises) reach the page.
import ExerciseList, { type IslandProps } from '../ExerciseList';
import { exercises } from '../../../src/exercises/bank/12-mnist';
import { withCode } from '../../../src/exercises/bank/with-code';

export const list = withCode('12-mnist', exercises);
export default function Exercises12(props: IslandProps) {
  return <ExerciseList list={list} {...props} />;
}
