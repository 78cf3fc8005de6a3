import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseNumber, parseNumberList, fmt } from '../../components/widgets/Slowdown-input';
import { SLOWDOWN_DEFAULTS, decodeSlowdown, encodeSlowdown, type SlowdownState } from '../../components/widgets/Slowdown-state';
import { decodeSoftmax, encodeSoftmax } from '../../components/widgets/SoftmaxExplorer-state';

const rule = { label: 'η', min: 0, max: 100, exclusiveMin: true };

describe('parseNumber', () => {
  it.each(['', '   ', 'abc', 'NaN', '1e308e', 'Infinity', '-Infinity', '1e309'])('rejects %j with a message naming the field', (text) => {
    const r = parseNumber(text, rule);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/^η/);
  });
  it('rejects out-of-range values (1e308, 1e9, 0 for an exclusive minimum) and says the range', () => {
    for (const t of ['1e308', '1e9', '0', '-1']) {
      const r = parseNumber(t, rule);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.message).toContain('(0, 100]');
    }
  });
  it('accepts every finite value in range and returns it exactly', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-9, max: 100, noNaN: true }), (v) => {
        expect(parseNumber(String(v), rule)).toEqual({ ok: true, value: v });
      }),
    );
  });
  it('enforces whole numbers when asked', () => {
    expect(parseNumber('2.5', { label: 'n', min: 1, max: 10, integer: true }).ok).toBe(false);
    expect(parseNumber('3', { label: 'n', min: 1, max: 10, integer: true })).toEqual({ ok: true, value: 3 });
  });
  it('parseNumberList needs the right count and every part valid', () => {
    const rules = [rule, rule];
    expect(parseNumberList('1,2', rules)).toEqual([1, 2]);
    expect(parseNumberList('1', rules)).toBeNull();
    expect(parseNumberList('1,x', rules)).toBeNull();
    expect(parseNumberList(null, rules)).toBeNull();
  });
  it('fmt keeps significant digits and switches to exponent form for tiny/huge values', () => {
    expect(fmt(0.123456789)).toBe('0.1235');
    expect(fmt(1e-7)).toBe('1.00e-7');
    expect(fmt(NaN)).toBe('NaN');
  });
});

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
  it('round-trips every valid state', () => {
    fc.assert(fc.property(arb, (s) => {
      expect(decodeSlowdown(encodeSlowdown(s as SlowdownState))).toEqual(s);
    }));
  });
  it('the defaults are the two starts of the notes: (0.6, 0.9) and (2, 2), η = 0.15, 300 epochs', () => {
    expect(decodeSlowdown(encodeSlowdown(SLOWDOWN_DEFAULTS))).toEqual(SLOWDOWN_DEFAULTS);
  });
  it.each(['', 'garbage', '0.6,0.9,2,2,1e9,300,q', '0.6,0.9,2,2,0.15,300,x', '0.6,0.9,2,2,0.15,2.5,q', 'NaN,0.9,2,2,0.15,300,ce'])(
    'rejects %j',
    (raw) => expect(decodeSlowdown(raw)).toBeNull(),
  );
});

describe('softmax URL state', () => {
  it('round-trips 3–6 entries with a label in range', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -20, max: 20, noNaN: true }).map((v) => v + 0), { minLength: 3, maxLength: 6 }).chain((z) =>
          fc.record({ z: fc.constant(z), label: fc.integer({ min: 0, max: z.length - 1 }) }),
        ),
        (s) => {
          expect(decodeSoftmax(encodeSoftmax(s))).toEqual(s);
        },
      ),
    );
  });
  it.each(['1,2;0', '1,2,3,4,5,6,7;0', '1,2,3;3', '1,2,3;x', '1,a,3;0', '1,2,3;0;1', '1,2,1e308;0'])('rejects %j', (raw) =>
    expect(decodeSoftmax(raw)).toBeNull(),
  );
});
