// capShrinking: a failed property stops shrinking after the given number of runs and is still
// reported as failed with a counterexample; a passing property runs all its cases.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { capShrinking } from './fast-check-cap';

// fails on every input: fast-check finds the failure on the first run, then shrinks an array of
// 30 doubles, a long way (each element towards 0, the array towards 30 elements)
const alwaysFails = (count: { runs: number }) =>
  fc.property(fc.array(fc.double({ noNaN: true }), { minLength: 30, maxLength: 60 }), (a) => {
    count.runs++;
    return a.length < 30;
  });

describe('capShrinking', () => {
  it('stops a failed property after the given number of shrinking runs and reports it failed', () => {
    for (const cap of [0, 3, 17]) {
      const count = { runs: 0 };
      const out = fc.check(alwaysFails(count), { endOnFailure: false, plugins: [capShrinking(cap)] });
      expect(out.failed).toBe(true);
      expect((out.counterexample as [number[]] | null)?.[0].length).toBeGreaterThanOrEqual(30);
      // the first (failing) run, then at most `cap` shrinking runs
      expect(count.runs).toBe(1 + cap);
    }
  });

  it('without a tight cap the same property shrinks much further (what the cap saves)', () => {
    const count = { runs: 0 };
    const out = fc.check(alwaysFails(count), { endOnFailure: false, plugins: [capShrinking(Number.POSITIVE_INFINITY)] });
    expect(out.failed).toBe(true);
    expect(count.runs).toBeGreaterThan(1 + 17);
  });

  it('an async property is capped the same way', async () => {
    let runs = 0;
    const out = await fc.check(
      fc.asyncProperty(fc.array(fc.integer(), { minLength: 20 }), async (a) => {
        runs++;
        await Promise.resolve();
        return a.length < 20;
      }),
      { endOnFailure: false, plugins: [capShrinking(4)] },
    );
    expect(out.failed).toBe(true);
    expect(runs).toBe(5);
  });

  it('never cuts a passing property short: every one of numRuns cases runs', () => {
    let runs = 0;
    const out = fc.check(
      fc.property(fc.integer(), () => {
        runs++;
        return true;
      }),
      { numRuns: 250, plugins: [capShrinking(0)] },
    );
    expect(out.failed).toBe(false);
    expect(runs).toBe(250);
  });
});
