// The chapters' TeX number helpers (src/site/tex.ts): −0 never printed as −0.0000, every printed
// number within half a unit of its last digit of the value, matrices the right shape.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import katex from 'katex';
import { Matrix } from '../../src/engine/index';
import { col, f2, f4, f6, fixed, int, mat, matT, row, s4, sci } from '../../src/site/tex';

const double = fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 });
const tiny = fc.double({ noNaN: true, min: -5e-5, max: 5e-5 });

describe('fixed / f4: the guard against −0.0000', () => {
  it('a value that rounds to zero prints without a minus sign (−0, −1e-9, −4.9e-5 …)', () => {
    expect(f4(-0)).toBe('0.0000');
    expect(f4(-1e-9)).toBe('0.0000');
    expect(f2(-0.004)).toBe('0.00');
    expect(f6(-4e-7)).toBe('0.000000');
    // without the guard, toFixed gives these the minus sign the helper must drop
    expect((-1e-9).toFixed(4)).toBe('-0.0000');
    fc.assert(fc.property(tiny.filter((v) => Math.abs(v) < 4.99e-5), (v) => f4(v) === '0.0000'));
  });

  it('property over random doubles: never "-0.0…", and within half a unit in the last place of the value', () => {
    fc.assert(fc.property(double, fc.integer({ min: 0, max: 8 }), (v, d) => {
      const s = fixed(v, d);
      expect(s).not.toMatch(/^-[0.]+$/);
      expect(Math.abs(Number(s) - v)).toBeLessThanOrEqual(0.5 * 10 ** -d * (1 + 1e-9) + Math.abs(v) * 1e-15);
      expect(s.startsWith('-')).toBe(Number(s) < 0);
      // otherwise it is exactly what toFixed prints
      if (Number(s) !== 0) expect(s).toBe(v.toFixed(d));
    }));
  });

  it('refuses a non-finite value, so a NaN fails the build instead of reaching the page', () => {
    expect(() => f4(Number.NaN)).toThrow(/finite/);
    expect(() => f4(Infinity)).toThrow(/finite/);
    expect(() => sci(Number.NaN)).toThrow(/finite/);
  });

  it('s4 puts negative numbers in parentheses, and only those', () => {
    fc.assert(fc.property(double, (v) => {
      const s = s4(v);
      expect(s.startsWith('(')).toBe(f4(v).startsWith('-'));
      expect(s.replace(/[()]/g, '')).toBe(f4(v));
    }));
  });
});

describe('sci and int', () => {
  it('sci: mantissa × 10^exponent equals the value to the mantissa’s precision', () => {
    fc.assert(fc.property(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e300, max: 1e300 }).filter((v) => Math.abs(v) > 1e-290), fc.integer({ min: 0, max: 6 }), (v, d) => {
      const m = /^(-?\d(?:\.\d+)?) \\times 10\^\{(-?\d+)\}$/.exec(sci(v, d));
      expect(m).not.toBeNull();
      const mant = Number(m![1]);
      expect(Math.abs(mant)).toBeGreaterThanOrEqual(1);
      expect(Math.abs(mant)).toBeLessThan(10);
      expect(Math.abs(mant * 10 ** Number(m![2]) - v)).toBeLessThanOrEqual(Math.abs(v) * (0.5 * 10 ** -d + 1e-12) * 1.0001);
    }));
    expect(sci(0)).toBe('0');
    expect(sci(-0)).toBe('0');
  });

  it('int groups thousands with {,} and keeps the value', () => {
    fc.assert(fc.property(fc.integer({ min: -1e9, max: 1e9 }), (v) => {
      expect(Number(int(v).replace(/\{,\}/g, ''))).toBe(v);
      expect(int(v)).toMatch(/^-?\d{1,3}(\{,\}\d{3})*$/);
    }));
    expect(() => int(1.5)).toThrow(/whole/);
  });
});

describe('matrices and vectors', () => {
  const entries = (tex: string) => tex.replace(/\\(begin|end)\{[bp]matrix\}/g, '').split(' \\\\ ').map((r) => r.split(' & '));

  it('mat, matT, col and row have the shape they claim and valid KaTeX', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 }), fc.array(double, { minLength: 16, maxLength: 16 }), (r, c, vals) => {
      const rows = Array.from({ length: r }, (_, i) => vals.slice(i * c, i * c + c));
      const m = Matrix.from(rows);
      expect(entries(mat(m))).toEqual(rows.map((rr) => rr.map(f4)));
      expect(entries(mat(rows, 'pmatrix'))).toEqual(rows.map((rr) => rr.map(f4)));
      expect(entries(matT(m))).toEqual(Array.from({ length: c }, (_, k) => rows.map((rr) => f4(rr[k]))));
      expect(entries(col(rows[0]))).toEqual(rows[0].map((v) => [f4(v)]));
      expect(entries(row(rows[0]))).toEqual([rows[0].map(f4)]);
      for (const tex of [mat(m), matT(m), col(rows[0], 'pmatrix'), row(rows[0])]) expect(() => katex.renderToString(tex, { throwOnError: true })).not.toThrow();
    }), { numRuns: 50 });
  });

  it('col of a vector of tiny negatives shows zeros without minus signs', () => {
    expect(col(Float64Array.of(-1e-12, -0, 2e-6))).toBe('\\begin{bmatrix}0.0000 \\\\ 0.0000 \\\\ 0.0000\\end{bmatrix}');
  });
});
