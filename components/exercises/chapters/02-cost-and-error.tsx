/** @jsxImportSource preact */
// Chapter 02's exercises island: only this chapter's bank file (and the code exercises) reach the page.
import ExerciseList, { type IslandProps } from '../ExerciseList';
import { exercises } from '../../../src/exercises/bank/02-cost-and-error';
import { withCode } from '../../../src/exercises/bank/with-code';

export const list = withCode('02-cost-and-error', exercises);
export default function Exercises02(props: IslandProps) {
  return <ExerciseList list={list} {...props} />;
}
