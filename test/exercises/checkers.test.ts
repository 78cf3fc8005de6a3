import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { parseNumber, checkNumber, checkGrid, checkChoice, checkExpression, expressionToTex, withinTolerance } from '../../src/exercises/checkers';
import { col } from '../../src/exercises/bank/_shared';

describe('number', () => {
  it('reads decimals, fractions, e-notation and negatives', () => {
    for (const t of ['0.25', '1/4', '2.5e-1', ' 1 / 4 ']) expect(parseNumber(t).value).toBeCloseTo(0.25, 15);
    expect(parseNumber('-3').value).toBe(-3);
  });
  it('rejects non-numbers with a message', () => {
    for (const t of ['', 'abc', '1/', 'x+1', '1/0', '{}']) {
      const r = checkNumber(t, 1);
      expect(r.ok).toBe(false);
      expect(r.message.length).toBeGreaterThan(5);
    }
  });
  it('tolerance edges: inside accepted, outside rejected', () => {
    fc.assert(fc.property(fc.double({ min: -100, max: 100, noNaN: true }), (ref) => {
      const tol = 1e-4 + 1e-3 * Math.abs(ref);
      expect(withinTolerance(ref + 0.9 * tol, ref)).toBe(true);
      expect(withinTolerance(ref + 1.1 * tol, ref)).toBe(false);
    }));
  });
  it('names a sign error', () => {
    expect(checkNumber('-0.5', 0.5).slip).toBe('sign');
  });
});

describe('grid', () => {
  it('accepts right entries and highlights wrong ones', () => {
    expect(checkGrid(['1', '1/2', '3'], [1, 0.5, 3]).ok).toBe(true);
    const r = checkGrid(['1', '0.4', '3'], [1, 0.5, 3]);
    expect(r.ok).toBe(false);
    expect(r.wrong).toEqual([1]);
  });
  it('reports malformed entries and wrong counts', () => {
    expect(checkGrid(['1', 'x'], [1, 2]).wrong).toEqual([1]);
    expect(checkGrid(['1'], [1, 2]).ok).toBe(false);
  });
});

describe('choice', () => {
  const opts = [{ id: 'a', text: 'A', correct: true }, { id: 'b', text: 'B', correct: false, why: 'B is a myth' }, { id: 'c', text: 'C', correct: true }];
  it('requires all correct and no wrong options, naming misconceptions', () => {
    expect(checkChoice(['a', 'c'], opts).ok).toBe(true);
    const r = checkChoice(['a', 'b'], opts);
    expect(r.ok).toBe(false);
    expect(r.message).toContain('B is a myth');
    expect(r.message).toContain('not picked');
    expect(checkChoice([], opts).ok).toBe(false);
    expect(checkChoice(['zz'], opts).message).toContain('Unknown');
  });
});

describe('expression', () => {
  const spec = { reference: 'diag(a) - a*a^T', variables: ['a'], sample: (r: () => number) => ({ a: col(r, 3, 0.05, 0.95) }), slips: [{ expr: 'a*a^T - diag(a)', name: 'sign error' }] };
  it('accepts equivalent forms, including implicit multiplication', () => {
    expect(checkExpression('diag(a) - a a^T', spec).ok).toBe(true);
    expect(checkExpression('-(a*transpose(a)) + diag(a)', spec).ok).toBe(true);
  });
  it('names a slip, reports shape errors, syntax errors and unknown symbols', () => {
    expect(checkExpression('a a^T - diag(a)', spec).slip).toBe('sign error');
    expect(checkExpression('diag(a) - a^T a', spec).ok).toBe(false);
    expect(checkExpression('a*a', spec).message).toMatch(/shape/i);
    expect(checkExpression('diag(a', spec).message).toMatch(/Syntax error/);
    const u = checkExpression('diag(b)', spec);
    expect(u.message).toMatch(/Unknown symbol b/);
    expect(u.message).toContain('Allowed: a');
  });
  it('scalar equivalence a(1−a)', () => {
    const s = { reference: 'a .* (1 - a)', variables: ['a'], sample: (r: () => number) => ({ a: r() }) };
    expect(checkExpression('a*(1-a)', s).ok).toBe(true);
    expect(checkExpression('a - a^2', s).ok).toBe(true);
    expect(checkExpression('a*(1+a)', s).ok).toBe(false);
  });
  it('renders TeX of the input', () => {
    expect(expressionToTex('diag(a) - a a^T')).toContain('\\top');
  });
});
