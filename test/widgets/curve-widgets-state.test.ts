import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { SLOWDOWN_DEFAULTS, decodeSlowdown, encodeSlowdown, type SlowdownState } from '../../components/widgets/Slowdown-state';
import { SOFTMAX_DEFAULTS, decodeSoftmax, encodeSoftmax } from '../../components/widgets/SoftmaxExplorer-state';

describe('slowdown URL state', () => {
  // (v + 0 turns −0 into 0: the URL cannot carry the sign of zero, and it does not matter.)
  const arb = fc.record({
    starts: fc.tuple(
      fc.record({ w: fc.double({ min: -10, max: 10, noNaN: true }).map((v) => v + 0), b: fc.double({ min: -10, max: 10, noNaN: true }).map((v) => v + 0) }),
      fc.record({ w: fc.double({ min: -10, max: 10, noNaN: true }).map((v) => v + 0), b: fc.double({ min: -10, max: 10, noNaN: true }).map((v) => v + 0) }),
    ),
    eta: fc.double({ min: 1e-6, max: 100, noNaN: true }),
    epochs: fc.integer({ min: 1, max: 2000 }),
    cost: fc.constantFrom('quadratic' as const, 'crossEntropy' as const),
  });
  it('round-trips every valid state together with the epoch shown', () => {
    fc.assert(fc.property(arb.chain((s) => fc.record({ s: fc.constant(s), shown: fc.integer({ min: 0, max: s.epochs }) })), ({ s, shown }) => {
      expect(decodeSlowdown(encodeSlowdown(s as SlowdownState, shown))).toEqual({ state: s, shown });
    }));
  });
  it('without an epoch, the last one is shown (encoding and links made before it was stored)', () => {
    fc.assert(fc.property(arb, (s) => {
      expect(decodeSlowdown(encodeSlowdown(s as SlowdownState))).toEqual({ state: s, shown: s.epochs });
      const legacy = encodeSlowdown(s as SlowdownState).split(',').slice(0, 7).join(',');
      expect(decodeSlowdown(legacy)).toEqual({ state: s, shown: s.epochs });
    }));
  });
  it('the defaults are the two starts of the notes: (0.6, 0.9) and (2, 2), η = 0.15, 300 epochs', () => {
    expect(decodeSlowdown(encodeSlowdown(SLOWDOWN_DEFAULTS))).toEqual({ state: SLOWDOWN_DEFAULTS, shown: SLOWDOWN_DEFAULTS.epochs });
  });
  it('η may be as large as 1e9 (so a run can diverge), not more', () => {
    expect(decodeSlowdown('0.6,0.9,2,2,1e9,300,q')?.state.eta).toBe(1e9);
    expect(decodeSlowdown('0.6,0.9,2,2,1.1e9,300,q')).toBeNull();
  });
  it.each([
    '', 'garbage', '0.6,0.9,2,2,1e10,300,q', '0.6,0.9,2,2,0.15,300,x', '0.6,0.9,2,2,0.15,2.5,q', 'NaN,0.9,2,2,0.15,300,ce',
    // the shown epoch: past the last, negative, fractional, text, empty, and one part too many
    '0.6,0.9,2,2,0.15,300,q,301', '0.6,0.9,2,2,0.15,300,q,-1', '0.6,0.9,2,2,0.15,300,q,2.5', '0.6,0.9,2,2,0.15,300,q,abc',
    '0.6,0.9,2,2,0.15,300,q,', '0.6,0.9,2,2,0.15,300,q,5,6',
  ])(
    'rejects %j',
    (raw) => expect(decodeSlowdown(raw)).toBeNull(),
  );
});

describe('softmax URL state', () => {
  it('round-trips 3–6 entries with a label, the raised entry k and the shift c', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -20, max: 20, noNaN: true }).map((v) => v + 0), { minLength: 3, maxLength: 6 }).chain((z) =>
          fc.record({
            z: fc.constant(z),
            label: fc.integer({ min: 0, max: z.length - 1 }),
            raiseK: fc.integer({ min: 0, max: z.length - 1 }),
            shift: fc.double({ min: -100, max: 100, noNaN: true }).map((v) => v + 0),
          }),
        ),
        (s) => {
          expect(decodeSoftmax(encodeSoftmax(s))).toEqual(s);
        },
      ),
    );
  });
  it('an older link with only z and the label gets the default k and c', () => {
    expect(decodeSoftmax('1,2,3;2')).toEqual({ z: [1, 2, 3], label: 2, raiseK: SOFTMAX_DEFAULTS.raiseK, shift: SOFTMAX_DEFAULTS.shift });
    expect(decodeSoftmax(encodeSoftmax(SOFTMAX_DEFAULTS))).toEqual(SOFTMAX_DEFAULTS);
  });
  it.each([
    '1,2;0', '1,2,3,4,5,6,7;0', '1,2,3;3', '1,2,3;x', '1,a,3;0', '1,2,3;0;1', '1,2,1e308;0',
    // k outside 0…n−1 or not whole, c outside [−100, 100] or not a number, missing or extra parts
    '1,2,3;0;3;5', '1,2,3;0;-1;5', '1,2,3;0;1.5;5', '1,2,3;0;1;101', '1,2,3;0;1;abc', '1,2,3;0;1;', '1,2,3;0;;5', '1,2,3;0;1;5;0',
  ])('rejects %j', (raw) =>
    expect(decodeSoftmax(raw)).toBeNull(),
  );
});
