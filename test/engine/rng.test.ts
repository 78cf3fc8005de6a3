import { describe, expect, it } from 'vitest';
import { createNetwork, createRng, sgd } from '../../src/engine/index';

describe('seeded randomness', () => {
  it('the same seed gives the same stream, a different seed a different one', () => {
    const a = createRng(42);
    const b = createRng(42);
    const c = createRng(43);
    const sa = Array.from({ length: 20 }, () => a.next());
    expect(Array.from({ length: 20 }, () => b.next())).toEqual(sa);
    expect(Array.from({ length: 20 }, () => c.next())).not.toEqual(sa);
    expect(sa.every((v) => v >= 0 && v < 1)).toBe(true);
  });

  it('gaussian(mean, sd) has that mean and standard deviation (within sampling error)', () => {
    const r = createRng(7);
    const N = 50_000;
    const xs = Array.from({ length: N }, () => r.gaussian(2, 3));
    const mean = xs.reduce((s, v) => s + v, 0) / N;
    const sd = Math.sqrt(xs.reduce((s, v) => s + (v - mean) ** 2, 0) / (N - 1));
    expect(Math.abs(mean - 2)).toBeLessThan(5 * (3 / Math.sqrt(N)));
    expect(Math.abs(sd / 3 - 1)).toBeLessThan(5 * Math.sqrt(1 / (2 * N)));
  });

  it('shuffle is a permutation, and int(n) stays in range', () => {
    const r = createRng(3);
    const arr = Array.from({ length: 100 }, (_, i) => i);
    const s = r.shuffle(arr.slice());
    expect(s).not.toEqual(arr);
    expect(s.slice().sort((x, y) => x - y)).toEqual(arr);
    for (let i = 0; i < 1000; i++) {
      const k = r.int(7);
      expect(Number.isInteger(k) && k >= 0 && k < 7).toBe(true);
    }
  });

  it('the same seed gives the same network and the same training run', () => {
    const data = Array.from({ length: 30 }, (_, i) => ({ x: [Math.sin(i), Math.cos(i)], y: [i % 2] }));
    const run = () => {
      const net = createNetwork({ sizes: [2, 4, 1], seed: 9 });
      const { history } = sgd(net, data, { epochs: 3, batchSize: 5, eta: 1, seed: 5 });
      return { w: net.weights.map((w) => w.toArray()), history };
    };
    expect(run()).toEqual(run());
  });
});
