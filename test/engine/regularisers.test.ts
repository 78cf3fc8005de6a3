// Chapter 14's engine parts: the L1 step, dropout on the reference path, data expansion and early
// stopping. Dropout is proved by finite differences on the masked network (masks fixed, the cost
// is then a smooth function of the parameters) and by properties against plain backprop.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  Matrix,
  ONE_PIXEL_SHIFTS,
  backprop,
  cloneNetwork,
  createNetwork,
  createRng,
  dropoutBackprop,
  dropoutCost,
  dropoutFeedforward,
  dropoutMasks,
  earlyStopping,
  expandExamples,
  feedforward,
  l1Shrink,
  l1Step,
  l1TotalCost,
  rotateImage,
  sgn,
  shiftImage,
  smallWeightFraction,
  sumAbsWeights,
  trainRegularised,
} from '../../src/engine/index';
import { gradientsAgree, numericGradient } from '../equations/helpers';

const randomVec = (n: number, seed: number) => {
  const rng = createRng(seed);
  return Float64Array.from({ length: n }, () => rng.next());
};

/** A blob-shaped 28×28 "digit" away from the border (a ring of radius ≈ 6 about the centre). */
function ringImage(): Float64Array {
  const img = new Float64Array(784);
  for (let r = 0; r < 28; r++) for (let c = 0; c < 28; c++) {
    const d = Math.hypot(r - 13.5, c - 13.5);
    img[r * 28 + c] = Math.max(0, 1 - Math.abs(d - 6) / 2);
  }
  return img;
}

describe('L1', () => {
  it('sgn is −1, 0, +1 and the shrink is ηλ/n', () => {
    expect([sgn(-2), sgn(0), sgn(-0), sgn(3)]).toEqual([-1, 0, 0, 1]);
    fc.assert(fc.property(fc.double({ min: 0.01, max: 2, noNaN: true }), fc.double({ min: 0, max: 10, noNaN: true }), fc.integer({ min: 1, max: 10000 }), (eta, lambda, n) => {
      expect(l1Shrink(eta, lambda, n) * n).toBeCloseTo(eta * lambda, 10);
    }), { numRuns: 50 });
  });

  it('l1Step with a zero data gradient moves every nonzero weight by exactly ηλ/n towards 0 and leaves w = 0 and the biases alone', () => {
    const net = createNetwork({ sizes: [3, 4, 2], seed: 3 });
    net.weights[0].data[0] = 0;
    const before = cloneNetwork(net);
    const zerosW = net.weights.map((w) => Matrix.zeros(w.rows, w.cols));
    const zerosB = net.biases.map((b) => new Float64Array(b.length));
    const opts = { eta: 0.5, lambda: 2, n: 100 };
    l1Step(net, zerosW, zerosB, opts);
    const shrink = l1Shrink(opts.eta, opts.lambda, opts.n);
    net.weights.forEach((w, i) => w.data.forEach((v, k) => {
      const w0 = before.weights[i].data[k];
      expect(v).toBe(w0 - shrink * Math.sign(w0));
    }));
    expect(net.weights[0].data[0]).toBe(0);
    net.biases.forEach((b, i) => expect(Array.from(b)).toEqual(Array.from(before.biases[i])));
  });

  it('l1Step without n takes n = 1, as optimize does: the same weights, bit for bit, as with n: 1 given', () => {
    const net = createNetwork({ sizes: [3, 4, 2], seed: 5 });
    const g = backprop(net, [0.2, -0.4, 0.9], [1, 0]);
    const given = cloneNetwork(net);
    l1Step(net, g.nablaW, g.nablaB, { eta: 0.3, lambda: 0.7 });
    l1Step(given, g.nablaW, g.nablaB, { eta: 0.3, lambda: 0.7, n: 1 });
    net.weights.forEach((w, i) => expect(Array.from(w.data)).toEqual(Array.from(given.weights[i].data)));
    net.weights.forEach((w) => w.data.forEach((v) => expect(Number.isFinite(v)).toBe(true)));
  });

  it('the L1 step is a gradient step on C₀ + (λ/n)Σ|w|: finite differences away from w = 0', () => {
    const data = [{ x: [0.2, -0.5, 0.9], y: [1, 0] }, { x: [0.7, 0.1, -0.3], y: [0, 1] }];
    const net = createNetwork({ sizes: [3, 4, 2], cost: 'cross-entropy', seed: 11 });
    const lambda = 0.8;
    const n = data.length;
    for (let i = 0; i < net.weights.length; i++) {
      const g = new Float64Array(net.weights[i].data.length);
      data.forEach(({ x, y }) => backprop(net, x, y).nablaW[i].data.forEach((v, k) => (g[k] += v / n)));
      const expected = g.map((v, k) => v + (lambda / n) * sgn(net.weights[i].data[k]));
      expect(gradientsAgree(expected, numericGradient(() => l1TotalCost(net, data, lambda), net.weights[i].data))).toBe(true);
    }
  });

  it('L1 trains sparser weights than L2 on the same data and seed (more weights near 0)', () => {
    const rng = createRng(5);
    const data = Array.from({ length: 40 }, (_, i) => {
      const label = i % 2;
      // two informative inputs, four noise inputs
      return { x: [label + 0.3 * rng.gaussian(), label + 0.3 * rng.gaussian(), ...Array.from({ length: 4 }, () => rng.gaussian())], y: [label] };
    });
    const l1 = createNetwork({ sizes: [6, 6, 1], cost: 'cross-entropy', seed: 2 });
    const l2 = cloneNetwork(l1);
    trainRegularised(l1, data, { epochs: 60, batchSize: 4, eta: 0.5, lambda: 2, regulariser: 'l1', seed: 3 });
    trainRegularised(l2, data, { epochs: 60, batchSize: 4, eta: 0.5, lambda: 2, regulariser: 'l2', seed: 3 });
    expect(smallWeightFraction(l1, 0.05)).toBeGreaterThan(smallWeightFraction(l2, 0.05));
    expect(sumAbsWeights(l1)).toBeLessThan(sumAbsWeights(l2));
  });

  it('refuses a negative λ or a non-finite η', () => {
    const net = createNetwork({ sizes: [2, 1], seed: 1 });
    const g = backprop(net, [1, 1], [0]);
    expect(() => l1Step(net, g.nablaW, g.nablaB, { eta: 0.1, lambda: -1, n: 1 })).toThrow(/λ/);
    expect(() => l1Step(net, g.nablaW, g.nablaB, { eta: NaN, lambda: 1, n: 1 })).toThrow(/η/);
  });
});

describe('dropout (inverted, reference path)', () => {
  it('p = 0 gives masks of ones and exactly the plain forward and backward pass', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 10000 }), (seed) => {
      const net = createNetwork({ sizes: [3, 5, 4, 2], activations: ['tanh', 'sigmoid', 'sigmoid'], cost: 'cross-entropy', seed });
      const masks = dropoutMasks(net, 0, createRng(seed));
      masks.forEach((m) => expect(Array.from(m).every((v) => v === 1)).toBe(true));
      const x = randomVec(3, seed + 1);
      const y = [1, 0];
      expect(dropoutFeedforward(net, x, masks).as.map((a) => Array.from(a))).toEqual(feedforward(net, x).as.map((a) => Array.from(a)));
      const d = dropoutBackprop(net, x, y, masks);
      const p = backprop(net, x, y);
      d.nablaW.forEach((g, i) => expect(Array.from(g.data)).toEqual(Array.from(p.nablaW[i].data)));
      d.nablaB.forEach((g, i) => expect(Array.from(g)).toEqual(Array.from(p.nablaB[i])));
    }), { numRuns: 30 });
  });

  it('masks drop about a fraction p, scale the kept ones by 1/(1 − p), and never touch the output layer', () => {
    const net = createNetwork({ sizes: [4, 200, 300, 3], seed: 1 });
    const p = 0.3;
    const masks = dropoutMasks(net, p, createRng(9));
    expect(masks.map((m) => m.length)).toEqual([200, 300]);
    const all = masks.flatMap((m) => Array.from(m));
    all.forEach((v) => expect(v === 0 || v === 1 / (1 - p)).toBe(true));
    const dropped = all.filter((v) => v === 0).length / all.length;
    expect(Math.abs(dropped - p)).toBeLessThan(0.07); // 500 Bernoulli draws: sd ≈ 0.02
    const { as } = dropoutFeedforward(net, [1, 0, 0, 1], masks);
    const { zs } = dropoutFeedforward(net, [1, 0, 0, 1], masks);
    expect(Array.from(as[3])).toEqual(Array.from(net.activations[2].fn(zs[2]))); // the output is σ(z^L), unmasked
    as[1].forEach((a, j) => { if (masks[0][j] === 0) expect(a).toBe(0); });
  });

  it('the gradient through a fixed mask equals finite differences of the masked cost (every activation × cost pairing with an elementwise hidden layer)', () => {
    const combos = [
      { activations: ['sigmoid', 'sigmoid', 'sigmoid'], cost: 'quadratic' },
      { activations: ['tanh', 'relu', 'sigmoid'], cost: 'cross-entropy' },
      { activations: ['sigmoid', 'tanh', 'softmax'], cost: 'log-likelihood' },
    ] as const;
    combos.forEach((c, ci) => fc.assert(fc.property(fc.integer({ min: 1, max: 10000 }), fc.double({ min: 0.1, max: 0.7, noNaN: true }), (seed, p) => {
      const net = createNetwork({ sizes: [3, 5, 4, 2], activations: [...c.activations], cost: c.cost, seed: seed + ci });
      const masks = dropoutMasks(net, p, createRng(seed));
      const x = randomVec(3, seed + 2);
      const y = [0, 1];
      const g = dropoutBackprop(net, x, y, masks);
      for (let i = 0; i < net.weights.length; i++) {
        expect(gradientsAgree(g.nablaW[i].data, numericGradient(() => dropoutCost(net, x, y, masks), net.weights[i].data))).toBe(true);
        expect(gradientsAgree(g.nablaB[i], numericGradient(() => dropoutCost(net, x, y, masks), net.biases[i]))).toBe(true);
      }
    }), { numRuns: 8 }));
  });

  it('a dropped neuron gets zero gradient for its incoming weights, its bias and its outgoing weights', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 10000 }), (seed) => {
      const net = createNetwork({ sizes: [3, 6, 5, 2], cost: 'cross-entropy', seed });
      const masks = dropoutMasks(net, 0.5, createRng(seed));
      const g = dropoutBackprop(net, randomVec(3, seed), [1, 0], masks);
      masks.forEach((m, i) => m.forEach((v, j) => {
        if (v !== 0) return;
        // == 0 (−0 counts: a masked zero times a negative number)
        expect(g.deltas[i][j] === 0).toBe(true);
        expect(g.nablaB[i][j] === 0).toBe(true);
        for (let k = 0; k < net.sizes[i]; k++) expect(g.nablaW[i].get(j, k) === 0).toBe(true);
        for (let r = 0; r < net.sizes[i + 2]; r++) expect(g.nablaW[i + 1].get(r, j) === 0).toBe(true);
      }));
    }), { numRuns: 30 });
  });

  it('inverted scaling keeps the expected weighted input of the next layer: the mean over many masks approaches the full network', () => {
    const net = createNetwork({ sizes: [3, 8, 2], seed: 4 });
    const x = [0.3, 0.6, 0.9];
    const full = feedforward(net, x).zs[1];
    const rng = createRng(2);
    const N = 4000;
    const mean = new Float64Array(2);
    for (let t = 0; t < N; t++) dropoutFeedforward(net, x, dropoutMasks(net, 0.5, rng)).zs[1].forEach((z, j) => (mean[j] += z / N));
    mean.forEach((m, j) => expect(Math.abs(m - full[j])).toBeLessThan(0.1 * (1 + Math.abs(full[j]))));
  });

  it('refuses p outside [0, 1) and masks of the wrong shape, with a message', () => {
    const net = createNetwork({ sizes: [2, 3, 1], seed: 1 });
    expect(() => dropoutMasks(net, 1, createRng(1))).toThrow(/0 ≤ p < 1/);
    expect(() => dropoutMasks(net, -0.1, createRng(1))).toThrow(/0 ≤ p < 1/);
    expect(() => dropoutMasks(net, NaN, createRng(1))).toThrow(/0 ≤ p < 1/);
    expect(() => dropoutFeedforward(net, [1, 1], [new Float64Array(2)])).toThrow(/mask 1 has 2 entries/);
    expect(() => dropoutFeedforward(net, [1, 1], [])).toThrow(/expected 1 dropout masks/);
  });
});

describe('data expansion', () => {
  it('a shift by (1, 0) then (−1, 0) restores every column but the last; (0, 1) then (0, −1) every row but the last', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 10000 }), (seed) => {
      const img = randomVec(784, seed);
      const back = shiftImage(shiftImage(img, 1, 0), -1, 0);
      for (let r = 0; r < 28; r++) for (let c = 0; c < 27; c++) expect(back[r * 28 + c]).toBe(img[r * 28 + c]);
      for (let r = 0; r < 28; r++) expect(back[r * 28 + 27] === 0).toBe(true);
      const v = shiftImage(shiftImage(img, 0, 1), 0, -1);
      for (let r = 0; r < 27; r++) for (let c = 0; c < 28; c++) expect(v[r * 28 + c]).toBe(img[r * 28 + c]);
    }), { numRuns: 20 });
  });

  it('a shift moves a pixel where it says: (dx, dy) = (2, −1) sends (row 10, col 5) to (row 9, col 7)', () => {
    const img = new Float64Array(784);
    img[10 * 28 + 5] = 1;
    const s = shiftImage(img, 2, -1);
    expect(s[9 * 28 + 7]).toBe(1);
    expect(s.reduce((a, b) => a + b, 0)).toBe(1);
    expect(img[10 * 28 + 5]).toBe(1); // the input is untouched
  });

  it('rotation by 90° about the image centre moves every pixel onto a pixel: anticlockwise, out[r][c] = in[c][27 − r] (to rounding)', () => {
    // pixel centres map onto pixel centres only about the true centre ((28 − 1)/2, (28 − 1)/2);
    // about any other point the image would also shift
    fc.assert(fc.property(fc.integer({ min: 1, max: 1000 }), (seed) => {
      const img = randomVec(784, seed);
      const out = rotateImage(img, 90);
      for (let r = 0; r < 28; r++) for (let c = 0; c < 28; c++) expect(Math.abs(out[r * 28 + c] - img[c * 28 + (27 - r)])).toBeLessThan(1e-9);
    }), { numRuns: 10 });
  });

  it('rotation by 0 is the identity, and by 360° too (up to rounding); rotation keeps a centred digit’s pixel mass roughly', () => {
    const img = randomVec(784, 3);
    expect(Array.from(rotateImage(img, 0))).toEqual(Array.from(img));
    const full = rotateImage(img, 360);
    full.forEach((v, i) => expect(v).toBeCloseTo(img[i], 9));
    const ring = ringImage();
    const mass = ring.reduce((a, b) => a + b, 0);
    for (const deg of [-15, -5, 5, 10, 15]) {
      const m = rotateImage(ring, deg).reduce((a, b) => a + b, 0);
      expect(Math.abs(m - mass) / mass).toBeLessThan(0.05);
    }
  });

  it('rotation by 90° sends the top-centre region to the left: anticlockwise on the screen', () => {
    const img = new Float64Array(784);
    img[2 * 28 + 13] = 1; // row 2, near the top
    const r = rotateImage(img, 90);
    let best = 0;
    r.forEach((v, i) => { if (v > r[best]) best = i; });
    expect(Math.floor(best / 28)).toBeGreaterThanOrEqual(12);
    expect(Math.floor(best / 28)).toBeLessThanOrEqual(15);
    expect(best % 28).toBeLessThan(5);
  });

  it('expandExamples keeps each example and adds one labelled copy per transform', () => {
    const data = [{ x: ringImage(), y: [1, 0] }, { x: shiftImage(ringImage(), 2, 0), y: [0, 1] }];
    const out = expandExamples(data, ONE_PIXEL_SHIFTS);
    expect(out.length).toBe(data.length * (1 + ONE_PIXEL_SHIFTS.length));
    expect(out[0]).toBe(data[0]);
    expect(Array.from(out[1].x)).toEqual(Array.from(shiftImage(data[0].x, 1, 0)));
    expect(out[5]).toBe(data[1]);
    out.slice(6).forEach((e) => expect(e.y).toBe(data[1].y));
  });

  it('refuses an image of the wrong size or a fractional shift', () => {
    expect(() => shiftImage(new Float64Array(10), 1, 0)).toThrow(/10 pixels/);
    expect(() => shiftImage(new Float64Array(784), 0.5, 0)).toThrow(/whole number/);
    expect(() => rotateImage(new Float64Array(784), Infinity)).toThrow(/finite/);
  });
});

describe('early stopping', () => {
  it('stops `patience` epochs after the best epoch, and keeps the best epoch', () => {
    const values = [0.5, 0.6, 0.7, 0.69, 0.7, 0.65, 0.68];
    expect(earlyStopping(values, 3)).toEqual({ bestEpoch: 3, bestValue: 0.7, stopEpoch: 6 });
    expect(earlyStopping(values, 10)).toEqual({ bestEpoch: 3, bestValue: 0.7, stopEpoch: null });
    expect(earlyStopping([], 3)).toBeNull();
  });

  it('property: the best epoch holds the maximum of the values seen; nothing before the stop beats it; the stop is best + patience', () => {
    fc.assert(fc.property(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 60 }), fc.integer({ min: 1, max: 10 }), (values, k) => {
      const r = earlyStopping(values, k)!;
      const seen = values.slice(0, r.stopEpoch ?? values.length);
      expect(r.bestValue).toBe(Math.max(...seen));
      expect(values[r.bestEpoch - 1]).toBe(r.bestValue);
      expect(seen.indexOf(r.bestValue)).toBe(r.bestEpoch - 1); // the first epoch that reached it
      if (r.stopEpoch !== null) expect(r.stopEpoch).toBe(r.bestEpoch + k);
      else expect(values.length - r.bestEpoch).toBeLessThan(k);
    }), { numRuns: 200 });
  });

  it('a strictly increasing history never stops; refuses a bad patience or a non-finite value', () => {
    expect(earlyStopping([1, 2, 3, 4, 5], 1)).toEqual({ bestEpoch: 5, bestValue: 5, stopEpoch: null });
    expect(() => earlyStopping([1], 0)).toThrow(/patience/);
    expect(() => earlyStopping([1, NaN], 2)).toThrow(/after epoch 2/);
  });
});
