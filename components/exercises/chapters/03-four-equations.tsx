/** @jsxImportSource preact */
// Chapter 03's exercises island: only this chapter's bank file (and the code exercises) reach the page.
import ExerciseList, { type IslandProps } from '../ExerciseList';
import { exercises } from '../../../src/exercises/bank/03-four-equations';
import { withCode } from '../../../src/exercises/bank/with-code';

export const list = withCode('03-four-equations', exercises);
export default function Exercises03(props: IslandProps) {
  return <ExerciseList list={list} {...props} />;
}
