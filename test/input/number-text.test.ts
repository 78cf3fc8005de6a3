import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { normalizeNumberText, readNumberLiteral } from '../../src/input/number-text';

describe('number text: what a reader types', () => {
  it('reads every finite double printed with the page minus sign (U+2212) as the same number', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        const printed = String(x).replace('-', '\u2212');
        const r = readNumberLiteral(printed);
        expect(r.ok).toBe(true);
        if (r.ok) expect(Object.is(r.value, x) || r.value === x).toBe(true);
      }),
    );
  });

  it.each(['0x1', '0b11', '0o7', '-0X1F'])('refuses the prefixed literal %s and says why', (t) => {
    const r = readNumberLiteral(t);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/hexadecimal, binary or octal/);
    expect(normalizeNumberText(t).ok).toBe(false);
  });

  it.each(['1e-400', '-2.5e-330', '0.0000001e-320'])('refuses %s, which underflows to 0', (t) => {
    expect(Math.abs(Number(t))).toBe(0); // JavaScript alone would accept it as 0
    const r = readNumberLiteral(t);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/too small/);
  });

  it('accepts zero written as zero', () => {
    for (const t of ['0', '0.0', '-0', '0e5', '.0']) expect(readNumberLiteral(t).ok).toBe(true);
  });

  it.each(['1e400', '2e308'])('refuses %s, which overflows', (t) => {
    const r = readNumberLiteral(t);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/too large/);
  });

  it.each(['0,25', '−1,5', '3,0e2'])('names the decimal comma in %s', (t) => {
    const r = readNumberLiteral(t);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/decimal comma/);
  });

  it.each(['', '   ', 'abc', '1.2.3', 'Infinity', '-Infinity', 'NaN', '1e', '--1'])('refuses %j with a message', (t) => {
    const r = readNumberLiteral(t);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message.length).toBeGreaterThan(5);
  });

  it('leaves an expression for the evaluator, minus signs made ASCII', () => {
    expect(normalizeNumberText(' \u22121/4 ')).toEqual({ ok: true, text: '-1/4' });
    expect(normalizeNumberText('sqrt(2)\u2212 1')).toEqual({ ok: true, text: 'sqrt(2)- 1' });
  });
});
