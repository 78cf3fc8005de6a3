/** @jsxImportSource preact */
// Chapter 10's exercises island: only this chapter's bank file (and the code exercises) reach the page.
import ExerciseList, { type IslandProps } from '../ExerciseList';
import { exercises } from '../../../src/exercises/bank/10-regularisation';
import { withCode } from '../../../src/exercises/bank/with-code';

export const list = withCode('10-regularisation', exercises);
export default function Exercises10(props: IslandProps) {
  return <ExerciseList list={list} {...props} />;
}
