/** @jsxImportSource preact */
// The exercises island for a chapter that has no wrapper of its own yet: it carries the whole bank
// (heavier; add a components/exercises/chapters/<slug>.tsx and a line in Exercises.astro).
import ExerciseList, { type IslandProps } from '../ExerciseList';
import { bank } from '../../../src/exercises/bank/index';

export default function ExercisesAll(props: IslandProps) {
  return <ExerciseList list={bank[props.chapter] ?? []} {...props} />;
}
