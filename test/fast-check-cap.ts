// A fast-check plugin that bounds the shrinking of a failed property by a number of runs.
// fast-check's own bounds are times (interruptAfterTimeLimit, skipAllAfterTimeLimit), which would
// make what a test reports depend on how busy the machine is; a count does not.
import fc from 'fast-check';

type Outcome = fc.PreconditionFailure | fc.PropertyFailure | null;

/**
 * After the first failing run of a property, allow at most `maxShrinks` further runs (the shrinking
 * steps), then interrupt: fast-check reports the failure with the smallest counterexample found so
 * far. Runs before the first failure are never interrupted.
 */
export function capShrinking(maxShrinks: number): fc.Plugin<unknown> {
  return () => {
    let failed = false;
    let shrinks = 0;
    const note = (out: Outcome): Outcome => {
      if (out !== null && !fc.PreconditionFailure.isFailure(out)) failed = true;
      return out;
    };
    return {
      decorateRun: (run) => (value) => {
        if (failed && ++shrinks > maxShrinks) return new fc.PreconditionFailure(true);
        const out = run(value) as Outcome | Promise<Outcome>;
        return (out instanceof Promise ? out.then(note) : note(out)) as never;
      },
    };
  };
}
