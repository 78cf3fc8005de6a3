/** @jsxImportSource preact */
// Chapter 09's exercises island: only this chapter's bank file (and the code exercises) reach the page.
import ExerciseList, { type IslandProps } from '../ExerciseList';
import { exercises } from '../../../src/exercises/bank/09-softmax';
import { withCode } from '../../../src/exercises/bank/with-code';

export const list = withCode('09-softmax', exercises);
export default function Exercises09(props: IslandProps) {
  return <ExerciseList list={list} {...props} />;
}
