import { describe, expect, it } from 'vitest';
import { accuracy, createNetwork, createRng } from '../../src/engine/index.ts';
import { PIXELS, testReport, testReportChunked, type DigitSet } from '../../components/lab/mnist-eval';
import { RECIPES, checkMnist, mnistTrainConfig, outputActivation } from '../../components/lab/mnist-state';
import { cellColours, extentOf, gridInputs, thin } from '../../components/lab/boundary';

function randomDigits(count: number, seed: number): DigitSet {
  const rng = createRng(seed);
  const pixels = new Float64Array(count * PIXELS).map(() => rng.next());
  const labels = new Uint8Array(count).map(() => rng.int(10));
  return { count, pixels, labels };
}

describe('MNIST lab: reading the test digits', () => {
  const net = createNetwork({ sizes: [784, 12, 10], init: 'scaled', seed: 4 });
  const set = randomDigits(300, 9);
  const examples = Array.from({ length: set.count }, (_, i) => {
    const y = new Float64Array(10);
    y[set.labels[i]] = 1;
    return { x: set.pixels.subarray(i * PIXELS, (i + 1) * PIXELS), y };
  });

  it('the confusion matrix counts every digit once, its diagonal is the engine’s accuracy', () => {
    const r = testReport(net, set);
    expect(r.count).toBe(set.count);
    expect(r.confusion.flat().reduce((s, n) => s + n, 0)).toBe(set.count);
    for (let d = 0; d < 10; d++) expect(r.confusion[d].reduce((s, n) => s + n, 0)).toBe(set.labels.filter((l) => l === d).length);
    expect(r.accuracy).toBeCloseTo(accuracy(net, examples), 12);
    for (const m of r.mistakes) {
      expect(m.guess).not.toBe(m.label);
      expect(m.label).toBe(set.labels[m.index]);
    }
  });

  it('the chunked version gives the same report, and stops when cancelled', async () => {
    expect(await testReportChunked(net, set, { chunk: 37 })).toEqual(testReport(net, set));
    expect(await testReportChunked(net, set, { cancelled: () => true })).toBeNull();
  });
});

describe('MNIST lab settings', () => {
  it('both recipes and every cost give a network the engine builds, with the right output layer', () => {
    for (const cost of ['quadratic', 'cross-entropy', 'log-likelihood'] as const) {
      const t = mnistTrainConfig({ ...RECIPES.improved.config, hidden: 5, cost });
      const n = createNetwork({ sizes: t.sizes, activations: t.activations, cost: t.cost, init: t.init, seed: t.seed });
      expect(n.sizes).toEqual([784, 5, 10]);
      expect(n.activations[1].name).toBe(outputActivation(cost));
    }
    expect(RECIPES.plain.config).toMatchObject({ hidden: 30, cost: 'quadratic', eta: 3, lambda: 0 });
    expect(RECIPES.improved.config).toMatchObject({ hidden: 100, cost: 'cross-entropy', eta: 0.5, lambda: 5, init: 'scaled' });
  });

  it('limits: too many neurons, η ≤ 0, fractional epochs are refused with the field named', () => {
    const big = checkMnist('hidden', '10000');
    expect(big.ok).toBe(false);
    if (!big.ok) expect(big.message).toContain('hidden neurons');
    expect(checkMnist('eta', '0').ok).toBe(false);
    expect(checkMnist('epochs', '2.5').ok).toBe(false);
    expect(checkMnist('lambda', '-1').ok).toBe(false);
    expect(checkMnist('trainCount', '1000')).toEqual({ ok: true, value: 1000 });
  });
});

describe('playground heatmap helpers', () => {
  it('the grid covers the padded extent, top row first (as Plot’s raster reads it)', () => {
    const e = extentOf([-1, -1, 1, 1, 0, 0.5]);
    expect(e).toEqual({ x0: -1.2, x1: 1.2, y0: -1.2, y1: 1.2 });
    const g = gridInputs(e, 4);
    expect(g.length).toBe(32);
    expect(g[1]).toBeGreaterThan(g[2 * 15 + 1]); // first row is the top
    expect(g[0]).toBeLessThan(g[2]); // x grows along a row
    expect(g[0]).toBeCloseTo(-1.2 + 0.3, 12);
  });

  it('colours: p = 0 and p = 1 give the two class colours; softmax rows mix by probability', () => {
    expect(cellColours([0, 1], 1)).toEqual(['rgb(245,147,34)', 'rgb(8,119,189)']);
    expect(cellColours([0, 0, 1], 3)).toEqual(['rgb(44,160,44)']);
  });

  it('thinning keeps the first and last rows and at most max rows', () => {
    const rows = Array.from({ length: 1000 }, (_, i) => i);
    const t = thin(rows, 100);
    expect(t.length).toBe(100);
    expect(t[0]).toBe(0);
    expect(t.at(-1)).toBe(999);
  });
});
