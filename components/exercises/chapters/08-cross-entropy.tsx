/** @jsxImportSource preact */
// Chapter 08's exercises island: only this chapter's bank file (and the code exercises) reach the page.
import ExerciseList, { type IslandProps } from '../ExerciseList';
import { exercises } from '../../../src/exercises/bank/08-cross-entropy';
import { withCode } from '../../../src/exercises/bank/with-code';

export const list = withCode('08-cross-entropy', exercises);
export default function Exercises08(props: IslandProps) {
  return <ExerciseList list={list} {...props} />;
}
