// The slips in the source notes (../shared/seeds/README.md), each shown wrong and the course's
// correct statement proved against the engine. The Errata page links here by these titles.
import { describe, expect, it } from 'vitest';
import {
  backprop,
  batchBackprop,
  cloneNetwork,
  createNetwork,
  exampleCost,
  feedforward,
  hadamard,
  matMul,
  Matrix,
  optimize,
  quadratic,
  sigmoid,
  softmax,
  totalCost,
  updateMiniBatch,
} from '../../src/engine/index';
import { gradientsAgree, numericGradient } from './helpers';

const data = [
  { x: [0.2, -0.5, 0.9], y: [1, 0] },
  { x: [-0.7, 0.3, 0.1], y: [0, 1] },
  { x: [0.4, 0.8, -0.6], y: [1, 1] },
  { x: [0.0, -0.2, 0.5], y: [0, 0] },
];

describe('slips in the source notes, corrected', () => {
  it('slip 004 §3.9: the L2 step is w − η(∂C₀/∂w + (λ/n) w), not − (λ/n) w', () => {
    const net = createNetwork({ sizes: [3, 4, 2], seed: 12 });
    const lambda = 3;
    const n = data.length;
    const eta = 1e-3;
    // The true regularised gradient, by finite differences of C = C₀ + (λ/2n) Σ w²:
    const gradC = numericGradient(() => totalCost(net, data, lambda), net.weights[0].data);
    const g0 = new Float64Array(gradC.length);
    data.forEach(({ x, y }) => backprop(net, x, y).nablaW[0].data.forEach((g, k) => (g0[k] += g / n)));
    const w = net.weights[0].data;
    const plus = w.map((wk, k) => wk - eta * (g0[k] + (lambda / n) * wk));
    const minus = w.map((wk, k) => wk - eta * (g0[k] - (lambda / n) * wk));
    const trueStep = w.map((wk, k) => wk - eta * gradC[k]);
    expect(gradientsAgree(plus, trueStep, 1e-9, 1e-12)).toBe(true);
    expect(gradientsAgree(minus, trueStep, 1e-9, 1e-12)).toBe(false);
    // and the engine's optimize takes the correct step
    const stepped = cloneNetwork(net);
    const nW = net.weights.map((m, i) => {
      const g = Matrix.zeros(m.rows, m.cols);
      data.forEach(({ x, y }) => backprop(net, x, y).nablaW[i].data.forEach((v, k) => (g.data[k] += v / n)));
      return g;
    });
    const nB = net.biases.map((b) => new Float64Array(b.length));
    optimize(stepped, nW, nB, { eta, lambda, n });
    expect(gradientsAgree(stepped.weights[0].data, plus, 1e-13, 1e-15)).toBe(true);
  });

  it('slip 004 §3.8: the softmax Jacobian diag(a) − a aᵀ, marked "to verify", matches finite differences', () => {
    for (const zs of [[0.5, -1, 2], [3, 3, 3, 3], [-4, 0.1, 7, 1.2, -0.3]]) {
      const z = Float64Array.from(zs);
      const J = softmax.jacobian!(z);
      for (let i = 0; i < zs.length; i++) {
        const fd = numericGradient(() => softmax.fn(z)[i], z);
        expect(gradientsAgree(J.row(i), fd, 1e-7, 1e-10)).toBe(true);
      }
    }
  });

  it('slip 004 §3.10: N(0, 1/√n_in) is a standard deviation of 1/√n_in — the weights\' variance is 1/n_in, not 1/√n_in', () => {
    const nIn = 400;
    const net = createNetwork({ sizes: [nIn, 300], init: 'scaled', seed: 5 });
    const w = net.weights[0].data;
    const variance = w.reduce((s, v) => s + v * v, 0) / w.length;
    const tol = 5 * Math.sqrt(2 / w.length);
    expect(Math.abs(variance * nIn - 1)).toBeLessThan(tol);
    expect(Math.abs(variance * Math.sqrt(nIn) - 1)).toBeGreaterThan(tol);
  });

  it('slip 000 §4.0.4: the section proves the weight gradient ∂C/∂w^l_jk = δ^l_j a^{l−1}_k, with no sum over the next layer', () => {
    const net = createNetwork({ sizes: [3, 4, 2], seed: 9 });
    const { x, y } = data[0];
    const { nablaW, deltas } = backprop(net, x, y);
    const { as } = feedforward(net, x);
    for (let l = 0; l < 2; l++) {
      const fd = numericGradient(() => exampleCost(net, x, y), net.weights[l].data);
      expect(gradientsAgree(nablaW[l].data, fd)).toBe(true);
      for (let j = 0; j < net.sizes[l + 1]; j++) for (let k = 0; k < net.sizes[l]; k++) expect(nablaW[l].get(j, k)).toBe(deltas[l][j] * as[l][k]);
    }
  });

  it('slip 003: BP2–BP4 hold for every layer l = 1 … L (no layer L + 1), on a deeper random network', () => {
    const net = createNetwork({ sizes: [3, 5, 4, 3, 2], activations: 'tanh', seed: 31 });
    const { x, y } = data[2];
    const { nablaW, nablaB, deltas } = backprop(net, x, y);
    expect(deltas).toHaveLength(net.sizes.length - 1);
    for (let l = 0; l < net.weights.length; l++) {
      expect(gradientsAgree(nablaW[l].data, numericGradient(() => exampleCost(net, x, y), net.weights[l].data))).toBe(true);
      expect(gradientsAgree(nablaB[l], numericGradient(() => exampleCost(net, x, y), net.biases[l]))).toBe(true);
    }
  });

  it('slip 000 Algorithm 2: the first δ uses ∇ₐC (a − y), not the cost value, and ∂C/∂w is the outer product δ aᵀ', () => {
    const net = createNetwork({ sizes: [3, 3, 2], seed: 4 });
    const { x, y } = data[1];
    const { as, zs } = feedforward(net, x);
    const { deltas, nablaW } = backprop(net, x, y);
    const right = hadamard(quadratic.grad(as[2], y), sigmoid.prime(zs[1]));
    const wrong = sigmoid.prime(zs[1]).map((p) => quadratic.value(as[2], y) * p);
    expect(Array.from(deltas[1])).toEqual(Array.from(right));
    expect(gradientsAgree(deltas[1], wrong, 1e-6, 1e-9)).toBe(false);
    const outerProduct = matMul(Matrix.from(Array.from(deltas[1], (d) => [d])), Matrix.from([Array.from(as[1])]));
    expect(nablaW[1].toArray()).toEqual(outerProduct.toArray());
    expect(gradientsAgree(nablaW[1].data, numericGradient(() => exampleCost(net, x, y), net.weights[1].data))).toBe(true);
  });

  it('slip 000 Algorithm 4: UpdateMiniBatch loops over the examples of one minibatch and steps once with their average gradient', () => {
    // The note's loop variable `minibatch` is one example x of the minibatch: the step is
    // w ← w − (η/m) Σ_x ∂C_x/∂w — the gradient of the minibatch's average cost, not a step per example.
    const eta = 0.5;
    const net = createNetwork({ sizes: [3, 4, 2], seed: 9 });
    const stepped = cloneNetwork(net);
    updateMiniBatch(stepped, data, { eta });
    const averageCost = () => data.reduce((s, { x, y }) => s + exampleCost(net, x, y), 0) / data.length;
    for (let l = 0; l < net.weights.length; l++) {
      const gW = numericGradient(averageCost, net.weights[l].data);
      const gB = numericGradient(averageCost, net.biases[l]);
      const expectW = net.weights[l].data.map((w, i) => w - eta * gW[i]);
      const expectB = net.biases[l].map((b, j) => b - eta * gB[j]);
      expect(gradientsAgree(stepped.weights[l].data, expectW, 1e-8, 1e-9)).toBe(true);
      expect(gradientsAgree(stepped.biases[l], expectB, 1e-8, 1e-9)).toBe(true);
    }
    // Reading `minibatch` as a whole batch to step on once per "minibatch" of one example — one
    // optimize per example — gives a different network.
    const perExample = cloneNetwork(net);
    for (const ex of data) updateMiniBatch(perExample, [ex], { eta });
    expect(gradientsAgree(perExample.weights[0].data, stepped.weights[0].data, 1e-6, 1e-9)).toBe(false);
  });

  it('slip 002: with rows = examples and biases kept, ∂L/∂W_{ℓ−1} uses Δ_{ℓ−1} (plus λW in that note\'s λ/2‖W‖² convention)', () => {
    const net = createNetwork({ sizes: [3, 4, 2], seed: 17 });
    const xs = data.map((d) => d.x);
    const ys = data.map((d) => d.y);
    const lambda = 0.3;
    const { nablaW, nablaB, deltas } = batchBackprop(net, xs, ys);
    // Note 002's loss: L = Σ_n C_n + (λ/2) Σ W² (a sum, no 1/n).
    const loss = () => data.reduce((s, { x, y }) => s + exampleCost(net, x, y), 0) + (lambda / 2) * net.weights.reduce((s, w) => s + w.data.reduce((t, v) => t + v * v, 0), 0);
    const first = 0; // the earlier layer ℓ − 1
    const withRightDelta = nablaW[first].data.map((g, k) => g + lambda * net.weights[first].data[k]);
    expect(gradientsAgree(withRightDelta, numericGradient(loss, net.weights[first].data))).toBe(true);
    // Using the later layer's Δ_ℓ there does not even have the right shape for W_{ℓ−1}'s gradient.
    expect(deltas[1].cols).not.toBe(deltas[0].cols);
    // And the biases the note's architecture (1.2) drops do have a gradient: the column sums of Δ.
    expect(gradientsAgree(nablaB[first], numericGradient(loss, net.biases[first]))).toBe(true);
    expect(nablaB[first].some((g) => Math.abs(g) > 1e-6)).toBe(true);
  });

  it('slip 002: the two L2 conventions — (λ/2)‖W‖² on the summed loss (note 002) is n times (λ/2n) Σ w² on the averaged cost (note 004), for the same λ', () => {
    const net = createNetwork({ sizes: [3, 2], seed: 3 });
    const n = data.length;
    const lambda = 2;
    const averaged = numericGradient(() => totalCost(net, data, lambda), net.weights[0].data);
    const summed = numericGradient(
      () => data.reduce((s, { x, y }) => s + exampleCost(net, x, y), 0) + (lambda / 2) * net.weights[0].data.reduce((t, v) => t + v * v, 0),
      net.weights[0].data,
    );
    expect(gradientsAgree(summed.map((g) => g / n), averaged, 1e-7, 1e-10)).toBe(true);
  });

  it('slip 001: the averaged cost (1/2n) Σ ‖a − y‖² has the average of the per-example gradients of ½‖a − y‖²', () => {
    const net = createNetwork({ sizes: [3, 3, 2], seed: 8 });
    const n = data.length;
    for (let l = 0; l < 2; l++) {
      const avg = new Float64Array(net.weights[l].data.length);
      data.forEach(({ x, y }) => backprop(net, x, y).nablaW[l].data.forEach((g, k) => (avg[k] += g / n)));
      expect(gradientsAgree(avg, numericGradient(() => totalCost(net, data), net.weights[l].data))).toBe(true);
      // whereas forgetting the 1/n gives n times too large a gradient
      expect(gradientsAgree(avg.map((g) => g * n), numericGradient(() => totalCost(net, data), net.weights[l].data))).toBe(false);
    }
  });
});
