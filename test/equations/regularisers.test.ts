// Chapter 14's labelled equations: the L1 cost, gradient and step, and dropout's forward pass,
// BP2 and BP3/BP4 through a fixed mask (finite differences of the masked cost; properties).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  Matrix,
  backprop,
  cloneNetwork,
  createNetwork,
  createRng,
  dropoutBackprop,
  dropoutCost,
  dropoutFeedforward,
  dropoutMasks,
  evaluate,
  l1Step,
  l1TotalCost,
  sgn,
  updateMiniBatch,
} from '../../src/engine/index';
import { gradientsAgree, numericGradient } from './helpers';

const data = [
  { x: [0.3, -0.4], y: [1, 0] },
  { x: [0.9, 0.1], y: [0, 1] },
  { x: [-0.6, 0.5], y: [1, 1] },
];

describe('L1 regularisation', () => {
  it('l1-cost: C = C₀ + (λ/n) Σ_w |w| over the weights only (biases excluded)', () => {
    const net = createNetwork({ sizes: [2, 3, 2], seed: 2 });
    const lambda = 0.7;
    const sumAbs = net.weights.reduce((s, w) => s + w.data.reduce((t, v) => t + Math.abs(v), 0), 0);
    expect(l1TotalCost(net, data, lambda)).toBeCloseTo(evaluate(net, data).cost + (lambda / data.length) * sumAbs, 14);
    const moved = cloneNetwork(net);
    moved.biases[1][0] += 3;
    expect(l1TotalCost(moved, data, lambda) - evaluate(moved, data).cost).toBeCloseTo(l1TotalCost(net, data, lambda) - evaluate(net, data).cost, 14);
  });

  it('l1-grad: ∂C/∂w = ∂C₀/∂w + (λ/n) sgn(w), by finite differences of the L1 cost (weights away from 0), on random networks', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 10000 }), fc.double({ min: 0.1, max: 5, noNaN: true }), (seed, lambda) => {
      const net = createNetwork({ sizes: [2, 3, 2], cost: 'cross-entropy', seed });
      const n = data.length;
      for (let i = 0; i < net.weights.length; i++) {
        if (net.weights[i].data.some((v) => Math.abs(v) < 1e-4)) return; // |w| has a kink at 0
        const g0 = new Float64Array(net.weights[i].data.length);
        data.forEach(({ x, y }) => backprop(net, x, y).nablaW[i].data.forEach((g, k) => (g0[k] += g / n)));
        const expected = g0.map((g, k) => g + (lambda / n) * sgn(net.weights[i].data[k]));
        expect(gradientsAgree(expected, numericGradient(() => l1TotalCost(net, data, lambda), net.weights[i].data))).toBe(true);
      }
    }), { numRuns: 20 });
  });

  it('l1-minibatch-update: w → w − (ηλ/n) sgn(w) − (η/m) Σ ∂C_x/∂w; biases plain; λ = 0 is the plain minibatch step', () => {
    const net = createNetwork({ sizes: [2, 3, 2], seed: 6 });
    net.weights[0].data[1] = 0; // sgn(0) = 0: only the data gradient moves it
    const batch = data.slice(0, 2);
    const eta = 0.4;
    const lambda = 2;
    const n = 50;
    const m = batch.length;
    const before = cloneNetwork(net);
    const sumW = net.weights.map((w) => Matrix.zeros(w.rows, w.cols));
    const sumB = net.biases.map((b) => new Float64Array(b.length));
    batch.forEach(({ x, y }) => {
      const g = backprop(net, x, y);
      g.nablaW.forEach((gw, i) => gw.data.forEach((v, k) => (sumW[i].data[k] += v)));
      g.nablaB.forEach((gb, i) => gb.forEach((v, j) => (sumB[i][j] += v)));
    });
    const avgW = sumW.map((s) => Object.assign(s.clone(), { data: s.data.map((v) => v / m) }));
    const avgB = sumB.map((s) => s.map((v) => v / m));
    l1Step(net, avgW, avgB, { eta, lambda, n });
    net.weights.forEach((w, i) => w.data.forEach((v, k) => {
      const w0 = before.weights[i].data[k];
      expect(v).toBeCloseTo(w0 - ((eta * lambda) / n) * Math.sign(w0) - (eta / m) * sumW[i].data[k], 13);
    }));
    net.biases.forEach((b, i) => b.forEach((v, j) => expect(v).toBeCloseTo(before.biases[i][j] - (eta / m) * sumB[i][j], 13)));
    // λ = 0: the same as the engine's plain minibatch step
    const a = cloneNetwork(before);
    const b = cloneNetwork(before);
    l1Step(a, avgW, avgB, { eta, lambda: 0, n });
    updateMiniBatch(b, batch, { eta, lambda: 0, n });
    a.weights.forEach((w, i) => w.data.forEach((v, k) => expect(v).toBeCloseTo(b.weights[i].data[k], 13)));
  });
});

describe('dropout (inverted)', () => {
  it('dropout-forward: â^l = r^l ⊙ σ(z^l) in every hidden layer, r^l_j ∈ {0, 1/(1 − p)}, the output unmasked', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 10000 }), fc.double({ min: 0, max: 0.9, noNaN: true }), (seed, p) => {
      const net = createNetwork({ sizes: [3, 4, 5, 2], seed });
      const masks = dropoutMasks(net, p, createRng(seed));
      const x = [0.1, 0.5, 0.9];
      const { as, zs } = dropoutFeedforward(net, x, masks);
      masks.forEach((r, i) => {
        const plain = net.activations[i].fn(zs[i]);
        r.forEach((rj, j) => {
          expect(rj === 0 || rj === 1 / (1 - p)).toBe(true);
          expect(as[i + 1][j]).toBe(rj * plain[j]);
        });
      });
      expect(Array.from(as[3])).toEqual(Array.from(net.activations[2].fn(zs[2])));
    }), { numRuns: 30 });
  });

  it('dropout-bp2: δ^l = ((w^{l+1})ᵀ δ^{l+1}) ⊙ r^l ⊙ σ′(z^l) equals ∂C/∂z^l of the masked network by finite differences', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 10000 }), (seed) => {
      const net = createNetwork({ sizes: [2, 4, 3, 2], cost: 'cross-entropy', seed });
      const masks = dropoutMasks(net, 0.5, createRng(seed + 7));
      const x = [0.4, -0.2];
      const y = [0, 1];
      const g = dropoutBackprop(net, x, y, masks);
      // ∂C/∂z^l_j = ∂C/∂b^l_j: perturbing the bias moves z^l_j one for one
      for (let i = 0; i < 2; i++) expect(gradientsAgree(g.deltas[i], numericGradient(() => dropoutCost(net, x, y, masks), net.biases[i]))).toBe(true);
      const { zs } = dropoutFeedforward(net, x, masks);
      const back = net.weights[2].transpose();
      const expected = Array.from({ length: 3 }, (_, j) => {
        let s = 0;
        for (let k = 0; k < 2; k++) s += back.get(j, k) * g.deltas[2][k];
        const a = 1 / (1 + Math.exp(-zs[1][j]));
        return s * masks[1][j] * a * (1 - a);
      });
      expected.forEach((e, j) => expect(g.deltas[1][j]).toBeCloseTo(e, 13));
    }), { numRuns: 20 });
  });

  it('dropout-bp4: ∂C/∂w^l_jk = â^{l−1}_k δ^l_j and ∂C/∂b^l_j = δ^l_j, by finite differences of the masked cost; zero for a dropped neuron', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 10000 }), (seed) => {
      const net = createNetwork({ sizes: [3, 5, 2], activations: ['tanh', 'sigmoid'], cost: 'quadratic', seed });
      const masks = dropoutMasks(net, 0.4, createRng(seed));
      const x = [0.2, 0.7, -0.3];
      const y = [1, 0];
      const g = dropoutBackprop(net, x, y, masks);
      const { as } = dropoutFeedforward(net, x, masks);
      for (let i = 0; i < 2; i++) {
        expect(gradientsAgree(g.nablaW[i].data, numericGradient(() => dropoutCost(net, x, y, masks), net.weights[i].data))).toBe(true);
        for (let j = 0; j < net.sizes[i + 1]; j++) for (let k = 0; k < net.sizes[i]; k++) expect(g.nablaW[i].get(j, k)).toBeCloseTo(as[i][k] * g.deltas[i][j], 14);
      }
      masks[0].forEach((r, j) => {
        if (r !== 0) return;
        for (let k = 0; k < 3; k++) expect(Math.abs(g.nablaW[0].get(j, k))).toBe(0);
        for (let o = 0; o < 2; o++) expect(Math.abs(g.nablaW[1].get(o, j))).toBe(0);
      });
    }), { numRuns: 20 });
  });
});
