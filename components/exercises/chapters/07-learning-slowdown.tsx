/** @jsxImportSource preact */
// Chapter 07's exercises island: only this chapter's bank file (and the code exercises) reach the page.
import ExerciseList, { type IslandProps } from '../ExerciseList';
import { exercises } from '../../../src/exercises/bank/07-learning-slowdown';
import { withCode } from '../../../src/exercises/bank/with-code';

export const list = withCode('07-learning-slowdown', exercises);
export default function Exercises07(props: IslandProps) {
  return <ExerciseList list={list} {...props} />;
}
