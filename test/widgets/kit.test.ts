// The widget kit's pure parts: the number rule every field uses, the one formatter, and the
// declarative URL tables.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseNumber, parseNumberList } from '../../components/kit/number';
import { fmt, pct } from '../../components/kit/format';
import { customField, enumField, listField, numberField, readFields, readPacked, writeFields, writePacked } from '../../components/kit/url-fields';

const rule = { label: 'η', min: 0, max: 100, exclusiveMin: true };

describe('kit parseNumber', () => {
  it.each(['', '   ', 'abc', 'NaN', '1e308e', 'Infinity', '-Infinity', '1e309', '0x1', '0b11', '1e-400', '0,25', '2*3'])('rejects %j with a message naming the field', (text) => {
    const r = parseNumber(text, rule);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/^η/);
  });
  it('names the decimal comma, the prefix and the underflow in its message', () => {
    const msg = (t: string) => {
      const r = parseNumber(t, { label: 'x', min: -10, max: 10 });
      return r.ok ? '' : r.message;
    };
    expect(msg('0,25')).toContain('decimal comma');
    expect(msg('0x1')).toContain('hexadecimal');
    expect(msg('1e-400')).toContain('too small');
  });
  it('accepts the minus sign the page prints (U+2212) as a minus', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-9, max: 10, noNaN: true }), (v) => {
        expect(parseNumber(`\u2212${v}`, { label: 'x', min: -10, max: 10 })).toEqual({ ok: true, value: -v });
      }),
    );
  });
  it('rejects out-of-range values (1e308, 1e9, 0 for an exclusive minimum) and says the range', () => {
    for (const t of ['1e308', '1e9', '0', '-1']) {
      const r = parseNumber(t, rule);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.message).toContain('(0, 100]');
    }
    const big = parseNumber('500', { label: 'n', min: 1, max: 300, aboveMax: 'too slow' });
    expect(big.ok ? '' : big.message).toContain('(too slow)');
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
});

describe('kit fmt and pct', () => {
  it('keeps the requested significant digits at every magnitude', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e9, max: 1e9, noNaN: true }), fc.integer({ min: 2, max: 8 }), (x, d) => {
        const shown = Number(fmt(x, d));
        expect(Math.abs(shown - x)).toBeLessThanOrEqual((Math.abs(x) * 10 ** (1 - d)) / 2 + 1e-300);
      }),
    );
    expect(fmt(0.000123456, 6)).toBe('1.23456e-4');
    expect(fmt(0.5)).toBe('0.5');
    expect(fmt(0.123456789)).toBe('0.1235');
  });
  it('prints nothing measured as "–" and NaN as itself', () => {
    expect(fmt(undefined)).toBe('–');
    expect(fmt(Number.NaN)).toBe('NaN');
    expect(pct(undefined)).toBe('–');
    expect(pct(Number.NaN)).toBe('–');
    expect(pct(0.875, 1)).toBe('87.5%');
  });
});

describe('kit URL tables', () => {
  const FIELDS = [
    numberField('eta', 'eta', 0.3, { label: 'η', min: 0, max: 100, exclusiveMin: true }),
    enumField('ds', 'dataset', 'circle', ['circle', 'xor'] as const),
    customField('h', 'hidden', [4, 4], (t) => (/^\d+(-\d+)*$/.test(t) ? { ok: true, value: t.split('-').map(Number) } : { ok: false, message: 'sizes like 8-8' }), (v) => v.join('-')),
  ] as const;
  const get = (q: string) => {
    const p = new URLSearchParams(q);
    return (k: string) => p.get(k);
  };
  it('no parameter: the defaults, no notice', () => {
    expect(readFields(FIELDS, get(''))).toEqual({ values: { eta: 0.3, dataset: 'circle', hidden: [4, 4] }, notice: null, present: false });
  });
  it('round-trips every valid setting through the address', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-6, max: 100, noNaN: true }), fc.constantFrom('circle' as const, 'xor' as const), fc.array(fc.integer({ min: 1, max: 99 }), { minLength: 1, maxLength: 4 }), (eta, dataset, hidden) => {
        const values = { eta, dataset, hidden };
        const q = new URLSearchParams(writeFields(FIELDS, values)).toString();
        expect(readFields(FIELDS, get(q)).values).toEqual(values);
      }),
    );
  });
  it('a malformed value: every field back to its default, and a notice naming the parameter', () => {
    for (const q of ['eta=0x1&ds=xor', 'ds=spiral&eta=0.5', 'h=8-x&eta=0.5', 'eta=1e-400']) {
      const r = readFields(FIELDS, get(q));
      expect(r.values).toEqual({ eta: 0.3, dataset: 'circle', hidden: [4, 4] });
      const bad = q.split('&').find((kv) => !['ds=xor', 'eta=0.5'].includes(kv))!;
      expect(r.notice).toContain(bad);
    }
  });
});

describe('kit packed URL tables (one parameter, fields in order)', () => {
  const T = [numberField('y', 'y', 0, { label: 'y', min: 0, max: 1 }), numberField('z', 'z', 4, { label: 'z', min: -8, max: 8 })] as const;
  it('round-trips every allowed pair', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: -8, max: 8, noNaN: true }), (y, z) => {
        const v = { y: y + 0, z: z + 0 };
        expect(readPacked(T, writePacked(T, v))).toEqual(v);
      }),
    );
  });
  it('refuses a wrong count or a value outside its field (null: the widget shows its defaults and a notice)', () => {
    for (const raw of ['', '0.5', '0.5,1,2', '2,1', '0.5,9', 'NaN,1', '0.5,0x1']) expect(readPacked(T, raw)).toBeNull();
  });
});

describe('kit readPacked options and listField', () => {
  const TABLE = [listField('z', 'z', [1, 2], { label: 'z', min: -5, max: 5 }, 2, 4), numberField('i', 'i', 0, { label: 'i', min: 0, max: 3, integer: true }), numberField('c', 'c', 7, { label: 'c', min: 0, max: 9 })] as const;
  const opts = { sep: ';', counts: [2, 3], check: (v: { z: number[]; i: number }) => v.i < v.z.length };
  it('a shorter link allowed by `counts` gives the later fields their defaults; other counts are refused', () => {
    expect(readPacked(TABLE, '1,2,3;2', opts)).toEqual({ z: [1, 2, 3], i: 2, c: 7 });
    expect(readPacked(TABLE, '1,2,3;2;4', opts)).toEqual({ z: [1, 2, 3], i: 2, c: 4 });
    expect(readPacked(TABLE, '1,2,3', opts)).toBeNull();
    expect(readPacked(TABLE, '1,2;0;1;1', opts)).toBeNull();
  });
  it('`check` refuses values that do not fit together (an index past the list), whatever the list', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 4 }), fc.integer({ min: 0, max: 3 }), (n, i) => {
        const raw = `${Array.from({ length: n }, (_, k) => k - 1).join(',')};${i}`;
        expect(readPacked(TABLE, raw, opts) !== null).toBe(i < n);
      }),
    );
  });
  it('listField refuses the wrong number of entries and names the count', () => {
    const f = TABLE[0];
    const r = f.read('1');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toBe('expected 2 to 4 numbers, got 1');
    expect(f.read('1,2,3,4,5').ok).toBe(false);
    expect(f.read('1,\u22122')).toEqual({ ok: true, value: [1, -2] });
  });
});
