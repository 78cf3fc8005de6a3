/** @jsxImportSource preact */
// Chapter 05's exercises island: only this chapter's bank file (and the code exercises) reach the page.
import ExerciseList, { type IslandProps } from '../ExerciseList';
import { exercises } from '../../../src/exercises/bank/05-worked-example';
import { withCode } from '../../../src/exercises/bank/with-code';

export const list = withCode('05-worked-example', exercises);
export default function Exercises05(props: IslandProps) {
  return <ExerciseList list={list} {...props} />;
}
