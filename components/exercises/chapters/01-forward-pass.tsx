/** @jsxImportSource preact */
// Chapter 01's exercises island: only this chapter's bank file (and the code exercises) reach the page.
import ExerciseList, { type IslandProps } from '../ExerciseList';
import { exercises } from '../../../src/exercises/bank/01-forward-pass';
import { withCode } from '../../../src/exercises/bank/with-code';

export const list = withCode('01-forward-pass', exercises);
export default function Exercises01(props: IslandProps) {
  return <ExerciseList list={list} {...props} />;
}
