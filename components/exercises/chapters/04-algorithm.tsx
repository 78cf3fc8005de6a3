/** @jsxImportSource preact */
// Chapter 04's exercises island: only this chapter's bank file (and the code exercises) reach the page.
import ExerciseList, { type IslandProps } from '../ExerciseList';
import { exercises } from '../../../src/exercises/bank/04-algorithm';
import { withCode } from '../../../src/exercises/bank/with-code';

export const list = withCode('04-algorithm', exercises);
export default function Exercises04(props: IslandProps) {
  return <ExerciseList list={list} {...props} />;
}
