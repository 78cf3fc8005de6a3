/** @jsxImportSource preact */
// Chapter 11's exercises island: only this chapter's bank file (and the code exercises) reach the page.
import ExerciseList, { type IslandProps } from '../ExerciseList';
import { exercises } from '../../../src/exercises/bank/11-initialisation';
import { withCode } from '../../../src/exercises/bank/with-code';

export const list = withCode('11-initialisation', exercises);
export default function Exercises11(props: IslandProps) {
  return <ExerciseList list={list} {...props} />;
}
