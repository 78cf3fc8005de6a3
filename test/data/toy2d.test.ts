// The 2-D datasets: seeded, the requested sizes and split, labels that follow each set's rule.
import { describe, expect, it } from 'vitest';
import { TOY2D_NAMES, makeToy2D, packPoints } from '../../src/data/toy2d';

describe('toy 2-D datasets', () => {
  it('the same seed gives the same points and split; another seed gives other points', () => {
    for (const name of TOY2D_NAMES) {
      const a = makeToy2D({ name, count: 120, noise: 0.2, seed: 5 });
      const b = makeToy2D({ name, count: 120, noise: 0.2, seed: 5 });
      const c = makeToy2D({ name, count: 120, noise: 0.2, seed: 6 });
      expect(b).toEqual(a);
      expect(c.train.map((p) => p.x)).not.toEqual(a.train.map((p) => p.x));
    }
  });

  it('count, testFraction and classes: sizes, balanced labels, targets that match the labels', () => {
    for (const name of TOY2D_NAMES) {
      const set = makeToy2D({ name, count: 300, testFraction: 0.3, seed: 1 });
      expect(set.train.length).toBe(210);
      expect(set.test.length).toBe(90);
      const all = [...set.train, ...set.test];
      const perClass = Array.from({ length: set.classes }, (_, c) => all.filter((p) => p.label === c).length);
      for (const n of perClass) expect(n).toBe(300 / set.classes);
      for (const p of all) {
        expect(p.y.length).toBe(set.nOut);
        if (set.nOut === 1) expect(p.y[0]).toBe(p.label);
        else expect(p.y.indexOf(1)).toBe(p.label);
        expect(Math.abs(p.x[0])).toBeLessThanOrEqual(1);
        expect(Math.abs(p.x[1])).toBeLessThanOrEqual(1);
      }
    }
  });

  it('without noise the labels follow each rule: circle by radius, XOR by the sign of x·y', () => {
    const circle = makeToy2D({ name: 'circle', count: 400, seed: 3 });
    for (const p of [...circle.train, ...circle.test]) expect(Math.hypot(...p.x) < 0.5).toBe(p.label === 1);
    const xor = makeToy2D({ name: 'xor', count: 400, seed: 3 });
    for (const p of [...xor.train, ...xor.test]) expect(p.x[0] * p.x[1] > 0).toBe(p.label === 1);
  });

  it('noise moves points: the clean and the noisy set differ, with the same labels', () => {
    const clean = makeToy2D({ name: 'moons', count: 100, seed: 2 });
    const noisy = makeToy2D({ name: 'moons', count: 100, seed: 2, noise: 0.5 });
    expect(noisy.train.map((p) => p.x)).not.toEqual(clean.train.map((p) => p.x));
    expect(noisy.train.map((p) => p.label)).toEqual(clean.train.map((p) => p.label));
    expect(noisy.test.map((p) => p.label)).toEqual(clean.test.map((p) => p.label));
    expect(noisy.train.map((p) => p.y)).toEqual(clean.train.map((p) => p.y));
  });

  it('bad options are refused with a message naming the value', () => {
    expect(() => makeToy2D({ name: 'nope' as never })).toThrow(/unknown dataset "nope"/);
    expect(() => makeToy2D({ name: 'xor', count: 2.5 })).toThrow(/count.*2.5/);
    expect(() => makeToy2D({ name: 'xor', noise: NaN })).toThrow(/noise.*NaN/);
    expect(() => makeToy2D({ name: 'xor', testFraction: 1 })).toThrow(/testFraction/);
  });

  it('packPoints lays the points out row by row', () => {
    const set = makeToy2D({ name: 'three-class', count: 30, seed: 1 });
    const packed = packPoints(set.train, set.nOut);
    expect(packed.count).toBe(set.train.length);
    set.train.forEach((p, i) => {
      expect([packed.x[2 * i], packed.x[2 * i + 1]]).toEqual(p.x);
      expect(Array.from(packed.y.subarray(3 * i, 3 * i + 3))).toEqual(p.y);
    });
  });
});
