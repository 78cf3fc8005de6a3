import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { parseNumber, checkNumber, checkGrid, checkChoice, checkExpression, expressionToTex, withinTolerance, transposeEntries, evaluateExpression, STRUCTURAL_SLIPS, LIMITS, limitProblem, parseExpression, splitImplicit } from '../../src/exercises/checkers';
import { figuresNeeded, figuresText, toleranceOf } from '../../src/exercises/precision';
import { col as colVec, mat } from '../../src/exercises/bank/_shared';
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
  it('names a listed slip when the answer equals its value (within the tolerance), and only then', () => {
    fc.assert(fc.property(fc.double({ min: -50, max: 50, noNaN: true }), fc.double({ min: 0.01, max: 10, noNaN: true }), (ref, g) => {
      const gap = g * (1 + Math.abs(ref)); // beyond the default tolerance 1e-4 + 1e-3·|ref|
      const slips = [{ name: 'half', value: ref + gap, message: 'the half slip.' }];
      const hit = checkNumber(String(ref + gap), ref, {}, slips);
      expect(hit).toMatchObject({ ok: false, slip: 'half' });
      expect(hit.message).toContain('the half slip.');
      expect(checkNumber(String(ref), ref, {}, slips)).toMatchObject({ ok: true });
      const far = checkNumber(String(ref + 3 * gap + 1), ref, {}, slips);
      expect(far.ok).toBe(false);
      expect(far.slip === 'half').toBe(false);
    }));
  });
  it('a right answer wins over a slip with the same value', () => {
    expect(checkNumber('2', 2, {}, [{ name: 's', value: 2, message: 'm' }]).ok).toBe(true);
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
  it('transposeEntries is the row-major transpose (an involution that swaps (j, k) and (k, j))', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 5 }), (r, c) => {
      const v = Array.from({ length: r * c }, (_, i) => i);
      const t = transposeEntries(v, r, c);
      for (let j = 0; j < r; j++) for (let k = 0; k < c; k++) expect(t[k * r + j]).toBe(v[j * c + k]);
      expect(transposeEntries(t, c, r)).toEqual(v);
    }));
  });
  it('recognises a transposed matrix (square or not), highlights the wrong entries, and names it', () => {
    fc.assert(fc.property(fc.integer({ min: 2, max: 4 }), fc.integer({ min: 2, max: 4 }), fc.integer({ min: 1, max: 1e6 }), (r, c, seed) => {
      let s = seed; const rnd = () => { s = (s * 16807) % 2147483647; return s / 2147483647; };
      const ref = Array.from({ length: r * c }, () => Math.round((rnd() * 4 - 2) * 100) / 100);
      const t = transposeEntries(ref, r, c);
      if (t.every((x, i) => withinTolerance(x, ref[i]))) return; // a symmetric draw: the transpose is the answer
      const res = checkGrid(t.map(String), ref, { rows: r, cols: c });
      expect(res).toMatchObject({ ok: false, slip: 'transpose' });
      expect(res.message).toMatch(/transpose/);
      expect(res.wrong!.length).toBeGreaterThan(0);
      expect(checkGrid(ref.map(String), ref, { rows: r, cols: c }).ok).toBe(true);
    }));
  });
  it('a vector has no transpose to detect; a negated grid is a sign slip', () => {
    expect(checkGrid(['1', '2'], [2, 1], { rows: 2, cols: 1 }).slip).toBeUndefined();
    expect(checkGrid(['-1', '-2'], [1, 2], { rows: 2, cols: 1 }).slip).toBe('sign');
  });
  it('names a listed grid slip and still highlights the entries that differ', () => {
    const slips = [{ name: 'z for a', values: [0.5, 2], message: 'that is z.' }];
    const r = checkGrid(['0.5', '2'], [0.5, 0.9], { rows: 2, cols: 1, slips });
    expect(r).toMatchObject({ ok: false, slip: 'z for a', wrong: [1] });
    expect(r.message).toContain('that is z.');
    expect(checkGrid(['0.5', '0.9'], [0.5, 0.9], { rows: 2, cols: 1, slips }).ok).toBe(true);
  });
  it('grid tolerance edges apply per entry', () => {
    expect(checkGrid([String(1 + 0.9 * 1.1e-3)], [1]).ok).toBe(true);
    expect(checkGrid([String(1 + 1.1 * 1.1e-3)], [1]).ok).toBe(false);
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
    expect(checkExpression('diag(a', spec).message).toMatch(/could not be read: .*Check that every bracket is closed/);
    const u = checkExpression('diag(b)', spec);
    expect(u.message).toMatch(/Unknown symbol b/);
    expect(u.message).toContain('Allowed: a');
  });
  it('reads the minus and times signs the page prints (U+2212, ×), as copied from a formula', () => {
    expect(checkExpression('diag(a) \u2212 a a^T', spec).ok).toBe(true);
    expect(checkExpression('diag(a) \u2212 a × a^T', spec).ok).toBe(true);
    expect(checkExpression('a a^T \u2212 diag(a)', spec).slip).toBe('sign error');
  });
  it('scalar equivalence a(1−a)', () => {
    const s = { reference: 'a .* (1 - a)', variables: ['a'], sample: (r: () => number) => ({ a: r() }) };
    expect(checkExpression('a*(1-a)', s).ok).toBe(true);
    expect(checkExpression('a - a^2', s).ok).toBe(true);
    expect(checkExpression('a*(1+a)', s).ok).toBe(false);
  });
  it('finds a missing transpose, ⊙ written as a matrix product and the reverse by editing the answer and evaluating the edits', () => {
    const bp2 = { reference: '(W^T * d) .* sigmap(z)', variables: ['W', 'd', 'z'], sample: (r: () => number) => ({ W: mat(r, 3, 2), d: colVec(r, 3), z: colVec(r, 2, -2, 2) }) };
    for (const t of ['(W * d) .* sigmap(z)', 'sigmap(z) .* (W d)']) expect(checkExpression(t, bp2).slip).toBe(STRUCTURAL_SLIPS.transpose);
    for (const t of ['(W^T * d) * sigmap(z)', 'sigmap(z) * (W^T d)']) expect(checkExpression(t, bp2).slip).toBe(STRUCTURAL_SLIPS.productForHadamard);
    expect(checkExpression('(W^T .* d) .* sigmap(z)', bp2).slip).toBe(STRUCTURAL_SLIPS.hadamardForProduct);
    expect(checkExpression('(W^T * d^T) .* sigmap(z)', bp2).slip).toBe(STRUCTURAL_SLIPS.extraTranspose);
    expect(checkExpression('(W * d) .* sigmap(z)', bp2).message).toMatch(/W/);
    // right answers in other forms are still right, and an unrelated wrong answer is not given a slip it does not have
    expect(checkExpression('sigmap(z) .* (transpose(W) d)', bp2).ok).toBe(true);
    expect(checkExpression('sigmap(z) .* (W^T*d)', bp2).ok).toBe(true);
    expect(checkExpression('(W * d) .* sigmap(z)', bp2).message).toContain('Wᵀ in place of W');
    expect(checkExpression('W^T * d .* sigmap(z) + z', bp2).slip).toBeUndefined();
  });
  it('diag of a column vector is the diagonal matrix (as in diag(a) − a aᵀ), not the 1×1 diagonal of an n×1 matrix', () => {
    fc.assert(fc.property(fc.array(fc.double({ min: -5, max: 5, noNaN: true }), { minLength: 1, maxLength: 5 }), (v) => {
      const d = evaluateExpression('diag(a)', { a: v.map((x) => [x]) }) as number[][];
      expect(d.length).toBe(v.length);
      d.forEach((row, j) => row.forEach((x, k) => expect(x).toBe(j === k ? v[j] : 0)));
    }));
  });
  it('renders TeX of the input', () => {
    expect(expressionToTex('diag(a) - a a^T')).toContain('\\top');
  });
});

describe('number reading rule (src/input/number-text.ts) in every number and grid answer', () => {
  it('accepts the minus sign KaTeX prints (U+2212)', () => {
    expect(parseNumber('\u22120.25').value).toBe(-0.25);
    expect(checkNumber('\u22120.5', -0.5).ok).toBe(true);
    expect(checkGrid(['\u22121', '2'], [-1, 2]).ok).toBe(true);
  });
  it('refuses 0b11, 0x1, underflow and a decimal comma with a message naming the problem', () => {
    expect(checkNumber('0b11', 3)).toMatchObject({ ok: false });
    expect(checkNumber('0b11', 3).message).toMatch(/binary/);
    expect(checkNumber('0x1', 1).message).toMatch(/hexadecimal/);
    expect(checkNumber('1e-400', 0).message).toMatch(/too small/);
    expect(checkNumber('0,25', 0.25).message).toMatch(/decimal comma/);
    const g = checkGrid(['0x1', '1'], [1, 1]);
    expect(g).toMatchObject({ ok: false, wrong: [0] });
    expect(g.message).toMatch(/hexadecimal/);
  });
});

describe('precision: significant figures derived from the tolerance', () => {
  it('rounding the reference to the figures asked for is accepted, and to one figure fewer is not', () => {
    fc.assert(fc.property(fc.double({ min: -1e4, max: 1e4, noNaN: true }).filter((x) => Math.abs(x) > 1e-6),
      fc.constantFrom<{ abs?: number; rel?: number }>({}, { abs: 0, rel: 1e-3 }, { abs: 1e-6, rel: 1e-5 }, { abs: 0.01, rel: 0 }), (ref, tol) => {
        const f = figuresNeeded(ref, tol);
        expect(f.kind).toBe('significant');
        const s = (f as { digits: number }).digits;
        expect(checkNumber(ref.toPrecision(s), ref, tol).ok).toBe(true);
        if (s > 1) expect(checkNumber(ref.toPrecision(s - 1), ref, tol).ok).toBe(false);
      }));
  });
  it('an exact tolerance asks for the exact value; a round answer needs only its own figures', () => {
    expect(figuresText(figuresNeeded(600, { abs: 0, rel: 0 }))).toBe('Give the exact value: a whole number.');
    expect(figuresText(figuresNeeded(0.75, { abs: 0, rel: 0 }))).toBe('Give the exact value (a fraction such as 3/4 is fine).');
    expect(figuresNeeded(1, {})).toEqual({ kind: 'significant', digits: 1 });
    expect(figuresText(figuresNeeded(0.12345, {}))).toBe('Give at least 4 significant figures.');
  });
  it('an answer within about 1 % but outside the tolerance is "close — give more digits", with the figures needed', () => {
    fc.assert(fc.property(fc.double({ min: 0.01, max: 100, noNaN: true }), fc.boolean(), (ref, neg) => {
      const r = neg ? -ref : ref;
      const t = toleranceOf(r, {});
      const x = r + Math.sign(r) * Math.min(0.009 * Math.abs(r), 3 * t);
      if (Math.abs(x - r) <= t) return;
      const res = checkNumber(String(x), r);
      expect(res).toMatchObject({ ok: false, slip: 'digits' });
      expect(res.message).toContain(figuresText(figuresNeeded(r, {})));
      expect(checkNumber(String(r * 1.05), r).slip).not.toBe('digits');
    }));
  });
  it('a grid whose wrong entries are all close says so', () => {
    const r = checkGrid(['0.123', '2'], [0.12345, 2]);
    expect(r).toMatchObject({ ok: false, slip: 'digits', wrong: [0] });
    expect(checkGrid(['0.2', '2'], [0.12345, 2]).slip).toBeUndefined();
  });
});

describe('bounded work: checkers never throw and refuse unbounded answers before evaluating them', () => {
  const spec = { reference: 'a .* y', variables: ['a', 'y'], sample: (r: () => number) => ({ a: col(r, 3), y: col(r, 3) }) };
  it('assignments, several statements and function definitions get a message', () => {
    expect(checkExpression('a = y; a - y', spec).message).toMatch(/one expression/);
    expect(checkExpression('a = y', spec).message).toMatch(/Assignments/);
    expect(checkExpression('f(x) = x', spec).message).toMatch(/function definitions/);
  });
  it('random functions and mathjs meta-functions are refused, and disabled on the instance', () => {
    for (const t of ['random()', 'randomInt(3)', 'pickRandom(a)', 'import(a)', 'createUnit("x")', 'evaluate("1")', 'parse("1")']) {
      const r = checkExpression(t, spec);
      expect(r.ok).toBe(false);
      expect(r.message).toMatch(/Unknown|not allowed|constants/);
    }
    // the checker's own parse survives the instance's parse/evaluate being disabled
    expect(evaluateExpression('1 + 1', {})).toBe(2);
    expect(limitProblem(parseExpression('a + 1', ['a']), [], ['a'])).toBeUndefined();
  });
  it('matrix sizes and exponents are capped before evaluation (ones(30000,30000) is refused at once)', () => {
    const big = checkExpression('ones(30000,30000)', spec);
    expect(big.ok).toBe(false);
    expect(big.message).toMatch(/ones/);
    expect(checkExpression(`ones(${LIMITS.MAX_DIM + 1}, 1)`, spec).message).toMatch(/ones/);
    expect(checkExpression('ones(3, 1) .* a', spec).message).not.toMatch(/ones\(…\)/);
    expect(checkExpression('a .^ 1e9', spec).message).toMatch(/exponent/);
    expect(checkNumber('2^5000', 1).message).toMatch(/exponent/);
    expect(checkExpression('a' + '+a'.repeat(LIMITS.MAX_TEXT), spec).ok).toBe(false);
  });
  it('no typed text makes a checker throw (random strings over the characters answers use)', () => {
    const chars = fc.constantFrom(...'ay01.e+-*/^()=;,[]{}"\'!:?<>&|Tσ⊙ '.split(''), 'ones', 'diag', 'random', 'import');
    fc.assert(fc.property(fc.array(chars, { maxLength: 30 }).map((a) => a.join('')), (t) => {
      expect(() => checkExpression(t, spec)).not.toThrow();
      expect(() => checkNumber(t, 1)).not.toThrow();
      expect(() => checkGrid([t, t], [1, 2])).not.toThrow();
      expect(typeof checkExpression(t, spec).message).toBe('string');
    }), { numRuns: 300 });
  });
});

describe('implicit products of known symbols', () => {
  const spec = { reference: 'W*x + b', variables: ['W', 'x', 'b'], sample: (r: () => number) => ({ W: mat(r, 2, 3), x: colVec(r, 3), b: colVec(r, 2) }) };
  it('Wx is read as W times x, in the check and in the preview alike', () => {
    expect(splitImplicit('Wx', spec.variables)).toEqual(['W', 'x']);
    expect(splitImplicit('diag', spec.variables)).toBeNull();
    expect(splitImplicit('Wy', spec.variables)).toBeNull();
    expect(checkExpression('Wx + b', spec).ok).toBe(true);
    expect(checkExpression('xW + b', spec).ok).toBe(false);
    // the preview is rendered from the same tree: the two symbols appear apart, not as one name "Wx"
    const tex = expressionToTex('Wx + b', spec.variables);
    expect(tex).not.toContain('Wx');
    expect(tex).toMatch(/W\}?~?\s*x/);
    expect(expressionToTex('Wx + b', spec.variables)).toBe(expressionToTex('W x + b', spec.variables));
  });
  it('a longer variable name wins over a split (delta is not d·e·l·t·a)', () => {
    expect(splitImplicit('delta', ['d', 'e', 'l', 't', 'a', 'delta'])).toBeNull();
    expect(splitImplicit('deltaa', ['delta', 'a', 'd'])).toEqual(['delta', 'a']);
  });
});
