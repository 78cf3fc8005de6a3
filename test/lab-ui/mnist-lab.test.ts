import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { accuracy, createNetwork, createRng, fromJSON, toJSON } from '../../src/engine/index.ts';
import { createSession } from '../../src/lab/session';
import { PIXELS, testReport, testReportChunked, type DigitSet } from '../../components/lab/mnist-eval';
import { checkRegularisedLambda } from '../../components/lab/overfitting-state';
import { RECIPES, UPLOAD_WHILE_TRAINING, checkMnist, initialNetwork, mnistTrainConfig, outputActivation, readModelUpload } from '../../components/lab/mnist-state';
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

  it('a slice ends at its time budget: on a slow clock a slice holds two digits, with the same report', async () => {
    // a clock that moves 5 ms per reading: a slice reads it at its start and after each digit,
    // so it is past the 8 ms budget after its second digit
    let t = 0;
    const now = () => (t += 5);
    let slices = 0;
    const report = await testReportChunked(net, set, { budgetMs: 8, now, cancelled: () => (slices++, false) });
    expect(report).toEqual(testReport(net, set));
    // one cancellation check per slice plus the last one: two digits a slice, not 100
    expect(slices).toBe(set.count / 2 + 1);
    // cancelled half-way: nothing
    let checks = 0;
    expect(await testReportChunked(net, set, { chunk: 10, cancelled: () => ++checks > 5 })).toBeNull();
    expect(checks).toBe(6);
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

describe('Overfitting widget: λ of the regularised run', () => {
  it('refuses λ = 0 (the other run is λ = 0: the two would be the same) with a message saying so; any other λ is checked as the MNIST lab checks it', () => {
    for (const t of ['0', '0.0', ' 0 ', '-0']) {
      const r = checkRegularisedLambda(t);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.message).toMatch(/must be greater than 0: the other run already has λ = 0/);
    }
    fc.assert(
      fc.property(fc.oneof(fc.double({ min: -10, max: 2000, noNaN: true }).map(String), fc.constantFrom('', 'abc', 'Infinity', '1e9')), (t) => {
        const r = checkRegularisedLambda(t);
        const m = checkMnist('lambda', t);
        if (m.ok && m.value === 0) expect(r.ok).toBe(false);
        else expect(r).toEqual(m);
      }),
    );
  });
});

describe('MNIST lab: the untrained baseline and model uploads', () => {
  it('property: initialNetwork is exactly the network the worker starts the run from (same config, same seed)', () => {
    const digits = randomDigits(4, 3);
    const y = new Float64Array(4 * 10).map((_, k) => (k % 10 === digits.labels[Math.floor(k / 10)] ? 1 : 0));
    const data = { nIn: 784, nOut: 10, train: { count: 4, x: digits.pixels, y } };
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.constantFrom(...(['quadratic', 'cross-entropy', 'log-likelihood'] as const)),
        fc.constantFrom(...(['standard', 'scaled'] as const)),
        fc.integer({ min: 1, max: 1_000_000 }),
        (hidden, cost, init, seed) => {
          const c = { ...RECIPES.plain.config, hidden, cost, init, seed, batchSize: 2 };
          const session = createSession(mnistTrainConfig(c), data, () => {});
          expect(toJSON(initialNetwork(c))).toEqual(session.model());
        },
      ),
      { numRuns: 20 },
    );
  });

  const good = toJSON(createNetwork({ sizes: [784, 5, 10], init: 'scaled', seed: 2 }));

  it('an upload while a run is under way is refused, whatever the file holds', () => {
    for (const text of [JSON.stringify(good), '{ not json', '']) {
      expect(readModelUpload('m.json', text, true)).toEqual({ ok: false, message: UPLOAD_WHILE_TRAINING });
    }
    expect(UPLOAD_WHILE_TRAINING).toMatch(/cannot be uploaded while a network is training/);
  });

  it('when idle: a valid 784-…-10 model is read as the engine reads it; other files get a message naming the problem', () => {
    const r = readModelUpload('m.json', JSON.stringify(good), false);
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.model).toEqual(good);
      expect(toJSON(r.net)).toEqual(toJSON(fromJSON(good)));
    }
    const junk = readModelUpload('junk.json', '{ not json', false);
    expect(!junk.ok && junk.message).toMatch(/^junk\.json is not JSON: /);
    const wrongShape = toJSON(createNetwork({ sizes: [2, 3, 1], seed: 1 }));
    const shape = readModelUpload('xor.json', JSON.stringify(wrongShape), false);
    expect(!shape.ok && shape.message).toBe('xor.json is a valid model of shape 2-3-1, but this lab needs 784 inputs and 10 outputs.');
    const broken = structuredClone(good) as unknown as { weights: unknown[][][] };
    broken.weights[0][1][2] = 'abc';
    let expected = '';
    try {
      fromJSON(broken);
    } catch (e) {
      expected = (e as Error).message;
    }
    expect(expected).not.toBe('');
    const bad = readModelUpload('broken.json', JSON.stringify(broken), false);
    expect(!bad.ok && bad.message).toBe(`broken.json: ${expected}`);
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
