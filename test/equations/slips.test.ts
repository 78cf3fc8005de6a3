// The slips in the source notes (../shared/seeds/README.md), each shown wrong and the course's
// correct statement proved against the engine. The Errata page links here by these titles.
import { describe, expect, it } from 'vitest';
import {
  backprop,
  batchBackprop,
  crossEntropy,
  logLikelihood,
  matTVec,
  outer,
  type Network,
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

  // ---- found on a second reading (seeds/README.md) -------------------------------------------

  it('slip 001 w_ik: the weight into neuron j from neuron k is w^l_jk — ∂z^l_i/∂w^l_jk is a^{l−1}_k when i = j and 0 otherwise', () => {
    const net = createNetwork({ sizes: [3, 4, 2], seed: 41 });
    const { x } = data[2];
    for (let l = 0; l < net.weights.length; l++) {
      const w = net.weights[l];
      const aPrev = feedforward(net, x).as[l];
      for (let i = 0; i < w.rows; i++) {
        // the derivative of z_i with respect to every entry w_jk (row-major: index j·cols + k)
        const dz = numericGradient(() => feedforward(net, x).zs[l][i], w.data);
        for (let j = 0; j < w.rows; j++) for (let k = 0; k < w.cols; k++) {
          expect(dz[j * w.cols + k]).toBeCloseTo(i === j ? aPrev[k] : 0, 9);
        }
      }
    }
  });

  it('slip 001 σ′ as a row: in BP2 σ′(z^l) is a column like (w^{l+1})ᵀδ^{l+1}; a column "⊙" a row is no Hadamard product (broadcast, it is an n_l × n_l matrix)', () => {
    const net = createNetwork({ sizes: [3, 4, 2], seed: 6 });
    const { x, y } = data[0];
    const { zs } = feedforward(net, x);
    const { deltas } = backprop(net, x, y);
    const back = matTVec(net.weights[1], deltas[1]); // (w²)ᵀδ², a column of n₁ = 4 entries
    const column = Matrix.from(Array.from(back, (v) => [v])); // 4 × 1
    const sp = sigmoid.prime(zs[0]);
    const row = Matrix.from([Array.from(sp)]); // 1 × 4: σ′(z¹) turned into a row
    expect([column.rows, column.cols]).not.toEqual([row.rows, row.cols]); // ⊙ needs equal shapes
    // what broadcasting would compute: the n₁ × n₁ outer product, of which only the diagonal is δ¹
    const broadcast = matMul(column, row);
    expect([broadcast.rows, broadcast.cols]).toEqual([4, 4]);
    for (let j = 0; j < 4; j++) expect(broadcast.get(j, j)).toBeCloseTo(deltas[0][j], 15);
    expect(broadcast.data.length).not.toBe(deltas[0].length);
    // the column form is the gradient: δ¹ = ((w²)ᵀδ²) ⊙ σ′(z¹) = ∂C/∂b¹ (BP3) by finite differences
    expect(gradientsAgree(hadamard(back, sp), numericGradient(() => exampleCost(net, x, y), net.biases[0]))).toBe(true);
  });

  it('slip 001 a^l for a^(l−1): in ∂C/∂w^l = δ^l (a^{l−1})ᵀ every entry of the row comes from layer l − 1, none from layer l', () => {
    const net = createNetwork({ sizes: [3, 4, 2], seed: 13 });
    const { x, y } = data[1];
    const { as } = feedforward(net, x);
    const { deltas, nablaW } = backprop(net, x, y);
    const fd = numericGradient(() => exampleCost(net, x, y), net.weights[1].data); // ∂C/∂w², 2 × 4
    expect(gradientsAgree(outer(deltas[1], as[1]).data, fd)).toBe(true);
    expect(gradientsAgree(nablaW[1].data, fd)).toBe(true);
    // the note's row [a₁^l, a₂^{l−1}, …, a_n^{l−1}]: its first entry taken from layer l = 2 gives a wrong first column
    const mixed = Float64Array.from(as[1]);
    mixed[0] = as[2][0];
    expect(gradientsAgree(outer(deltas[1], mixed).data, fd)).toBe(false);
    // and a^l itself has n_l = 2 entries, not the n_{l−1} = 4 columns of w^l
    expect(as[2].length).not.toBe(net.weights[1].cols);
  });

  it('slip 001 BP1 proof: δ^L_j = Σ_k ∂C/∂a^L_k · ∂a^L_k/∂z^L_j, and the sum collapses to one term only because ∂a_k/∂z_j = 0 for k ≠ j', () => {
    const net = createNetwork({ sizes: [3, 3], seed: 2 });
    const x = data[0].x;
    const y = [0.2, 0.9, 0.4];
    const z = Float64Array.from(feedforward(net, x).zs[0]);
    const C = (act: { fn: (v: Float64Array) => ArrayLike<number> }) => () => quadratic.value(act.fn(z), y);
    const jac = (f: (v: Float64Array) => ArrayLike<number>) => Array.from(z, (_, i) => numericGradient(() => f(z)[i], z)); // row i: ∂a_i/∂z
    for (const act of [sigmoid, softmax]) {
      const a = act.fn(z);
      const J = jac((v) => act.fn(v));
      const grad = quadratic.grad(a, y);
      const chain = Float64Array.from(z, (_, j) => J.reduce((s, row, k) => s + grad[k] * row[j], 0)); // Σ_k ∂C/∂a_k ∂a_k/∂z_j
      expect(gradientsAgree(chain, numericGradient(C(act), z), 1e-6, 1e-9)).toBe(true);
      const hadamardForm = Float64Array.from(z, (_, j) => grad[j] * J[j][j]); // the note's componentwise restatement
      const offDiagonal = J.some((row, k) => row.some((v, j) => j !== k && Math.abs(v) > 1e-8));
      if (act === sigmoid) {
        expect(offDiagonal).toBe(false); // σ acts entry by entry: the sum has one term, and BP1 follows
        expect(gradientsAgree(hadamardForm, chain, 1e-6, 1e-9)).toBe(true);
      } else {
        expect(offDiagonal).toBe(true); // softmax: the step the note skips is the whole content of BP1
        expect(gradientsAgree(hadamardForm, chain, 1e-6, 1e-9)).toBe(false);
      }
    }
  });

  it('slip 002 (1.8): at a softmax output δ = J_softmaxᵀ ∇L, not loss′ ⊙ f′ — for the log-likelihood it is a − y', () => {
    for (const zs of [[0.5, -1, 2], [-0.3, 0.8, 0.1, 1.5]]) {
      const z = Float64Array.from(zs);
      const a = softmax.fn(z);
      const J = softmax.jacobian(z);
      const diagJ = Float64Array.from(z, (_, j) => J.get(j, j));
      for (const [cost, y] of [[logLikelihood, zs.map((_, j) => (j === 1 ? 1 : 0))], [quadratic, zs.map((_, j) => 0.1 * j)]] as const) {
        const fd = numericGradient(() => cost.value(softmax.fn(z), y), z); // ∂C/∂z
        const grad = cost.grad(a, y);
        expect(gradientsAgree(matTVec(J, grad), fd, 1e-6, 1e-9)).toBe(true);
        expect(gradientsAgree(hadamard(grad, diagJ), fd, 1e-6, 1e-9)).toBe(false);
        if (cost === logLikelihood) expect(gradientsAgree(Float64Array.from(a, (v, j) => v - y[j]), fd, 1e-6, 1e-9)).toBe(true);
      }
    }
  });

  it('slip 003 row times matrix: the row [a_1 … a_k] (1 × k) cannot multiply w^l (j × k); the row form is z^l = (a^{l−1})ᵀ (w^l)ᵀ + (b^l)ᵀ', () => {
    const net = createNetwork({ sizes: [3, 2], seed: 23 });
    const w = net.weights[0]; // j × k = 2 × 3
    const x = data[3].x;
    const row = Matrix.from([x]); // 1 × 3
    expect(() => matMul(row, w)).toThrow(RangeError);
    const z = matMul(row, w.transpose()).row(0).map((v, j) => v + net.biases[0][j]);
    expect(gradientsAgree(z, feedforward(net, x).zs[0], 1e-14, 1e-15)).toBe(true);
    // with j = k the product fits but is still wrong: a w is not (w a)ᵀ
    const sq = createNetwork({ sizes: [3, 3], seed: 23 });
    const wrong = matMul(row, sq.weights[0]).row(0).map((v, j) => v + sq.biases[0][j]);
    expect(gradientsAgree(wrong, feedforward(sq, x).zs[0], 1e-9, 1e-12)).toBe(false);
  });

  it("slip 003 δ² line: δ² takes σ′(z²) with z² = a¹W² (layer-output[1]·W[1]), not σ′(layer-output[-1]·W[-1]), the output times the last weights", () => {
    // the note's 3→3→2→1 network in row form: layer-output = [x, a¹, a², a³], W[l−1] = W^l = (w^l)ᵀ
    const net: Network = createNetwork({ sizes: [3, 3, 2, 1], seed: 37 });
    const x = data[0].x;
    const y = [1];
    const { as, zs } = feedforward(net, x);
    const rowOf = (v: ArrayLike<number>) => Matrix.from([Array.from(v)]);
    const W = net.weights.map((w) => w.transpose()); // W[0] = W¹ (3 × 3), W[1] = W² (3 × 2), W[2] = W³ (2 × 1)
    // the note's line: layer-output[-1] is a³ (1 × 1), W[-1] is W³ (2 × 1): the product does not even fit
    expect(() => matMul(rowOf(as[3]), W[2])).toThrow(RangeError);
    // z² = a¹ W² (+ b², which the note's bias-free code leaves out) is the weighted input of layer 2
    const z2 = matMul(rowOf(as[1]), W[1]).row(0).map((v, j) => v + net.biases[1][j]);
    expect(gradientsAgree(z2, zs[1], 1e-14, 1e-15)).toBe(true);
    // δ² = (δ³ (W³)ᵀ) ⊙ σ′(z²) is the engine's δ², which is ∂C/∂b² (BP3) by finite differences
    const { deltas } = backprop(net, x, y);
    const d2 = hadamard(matMul(rowOf(deltas[2]), W[2].transpose()).row(0), sigmoid.prime(z2));
    expect(gradientsAgree(d2, deltas[1], 1e-13, 1e-15)).toBe(true);
    expect(gradientsAgree(d2, numericGradient(() => exampleCost(net, x, y), net.biases[1]))).toBe(true);
  });

  it('slip 004 §3.4: ∂C/∂a = (a − y)/(a(1 − a)) for the cross-entropy; (a − y) is ∂C/∂z (with a = σ(z)); both vanish at a = y (at the mean of several targets)', () => {
    for (const [aa, yy] of [[0.3, 0.7], [0.9, 0.25], [0.55, 0.55]]) {
      const a = Float64Array.of(aa);
      const y = [yy];
      const dCda = numericGradient(() => crossEntropy.value(a, y), a)[0];
      expect(dCda).toBeCloseTo((aa - yy) / (aa * (1 - aa)), 7);
      expect(crossEntropy.grad(a, y)[0]).toBeCloseTo(dCda, 7);
      const z = Float64Array.of(Math.log(aa / (1 - aa))); // σ(z) = a
      const dCdz = numericGradient(() => crossEntropy.value(sigmoid.fn(z), y), z)[0];
      expect(dCdz).toBeCloseTo(aa - yy, 7);
      expect(crossEntropy.delta(z, sigmoid.fn(z), y, sigmoid)[0]).toBeCloseTo(dCdz, 7);
      if (aa === yy) expect(Math.abs(dCda)).toBeLessThan(1e-8);
      else expect(Math.abs(dCda - (aa - yy))).toBeGreaterThan(0.05); // the note's dC/da is another number
    }
    // several targets sharing one output: C = −(1/n) Σ [y ln a + (1 − y) ln(1 − a)] is flat where a is their mean
    const ys = [0.1, 0.5, 0.6, 0.95];
    const mean = ys.reduce((t, v) => t + v, 0) / ys.length;
    const avg = (a: Float64Array) => () => ys.reduce((t, y) => t + crossEntropy.value(a, [y]), 0) / ys.length;
    for (const aa of [0.3, mean, 0.8]) {
      const a = Float64Array.of(aa);
      const d = numericGradient(avg(a), a)[0];
      expect(d).toBeCloseTo(ys.reduce((t, y) => t + (aa - y) / (aa * (1 - aa)), 0) / ys.length, 7);
      if (aa === mean) expect(Math.abs(d)).toBeLessThan(1e-8);
      else expect(Math.abs(d)).toBeGreaterThan(0.1);
    }
  });

  it('slip 004 §1.5: nabla_b and nabla_w start as zero gradient accumulators of the shapes of b and w — the biases and weights themselves are not reset', () => {
    const eta = 0.8;
    const net = createNetwork({ sizes: [3, 4, 2], seed: 29 });
    const m = data.length;
    // the accumulators: zeros shaped like b^l and w^l, then Σ_x of the per-example gradients
    const nablaB = net.biases.map((b) => new Float64Array(b.length));
    const nablaW = net.weights.map((w) => new Float64Array(w.data.length));
    for (const { x, y } of data) {
      const g = backprop(net, x, y);
      g.nablaB.forEach((v, l) => v.forEach((d, j) => (nablaB[l][j] += d)));
      g.nablaW.forEach((v, l) => v.data.forEach((d, k) => (nablaW[l][k] += d)));
    }
    const averageCost = () => data.reduce((s, { x, y }) => s + exampleCost(net, x, y), 0) / m;
    for (let l = 0; l < net.weights.length; l++) {
      expect(gradientsAgree(nablaW[l].map((v) => v / m), numericGradient(averageCost, net.weights[l].data))).toBe(true);
      expect(gradientsAgree(nablaB[l].map((v) => v / m), numericGradient(averageCost, net.biases[l]))).toBe(true);
    }
    // the engine's UpdateMiniBatch keeps the parameters and subtracts (η/m) times the accumulators
    const stepped = cloneNetwork(net);
    updateMiniBatch(stepped, data, { eta });
    for (let l = 0; l < net.weights.length; l++) {
      const keep = net.weights[l].data.map((w, k) => w - (eta / m) * nablaW[l][k]);
      const reset = nablaW[l].map((g) => -(eta / m) * g); // what zeroing the weights first would give
      expect(gradientsAgree(stepped.weights[l].data, keep, 1e-12, 1e-14)).toBe(true);
      expect(gradientsAgree(stepped.weights[l].data, reset, 1e-6, 1e-9)).toBe(false);
      expect(gradientsAgree(stepped.biases[l], net.biases[l].map((b, j) => b - (eta / m) * nablaB[l][j]), 1e-12, 1e-14)).toBe(true);
    }
  });

  it('slip 004 §2.5: J_{z^l}(w^l) is a row of n_{l−1} blocks a^{l−1}_k I (n_l × n_l n_{l−1}), so J ᵀδ = a^{l−1} ⊗ δ^l = vec(δ^l (a^{l−1})ᵀ)', () => {
    const net = createNetwork({ sizes: [3, 2, 2], seed: 19 });
    const { x, y } = data[2];
    const w = net.weights[0]; // n_l × n_{l−1} = 2 × 3
    const nl = w.rows;
    const nPrev = w.cols;
    const aPrev = feedforward(net, x).as[0];
    // the Jacobian of z^l with respect to w^l listed column by column (w_{·,1}, …, w_{·,n_{l−1}}), by finite differences
    const colMajor = (j: number, k: number) => k * nl + j;
    const J = Array.from({ length: nl }, (_, i) => {
      const g = numericGradient(() => feedforward(net, x).zs[0][i], w.data); // row-major index j·n_{l−1} + k
      const row = new Float64Array(nl * nPrev);
      for (let j = 0; j < nl; j++) for (let k = 0; k < nPrev; k++) row[colMajor(j, k)] = g[j * nPrev + k];
      return row;
    });
    expect([J.length, J[0].length]).toEqual([nl, nl * nPrev]); // n_l × n_l n_{l−1}: a row of n_{l−1} blocks
    // block k (columns k·n_l … k·n_l + n_l − 1) is a^{l−1}_k times the identity
    for (let k = 0; k < nPrev; k++) for (let i = 0; i < nl; i++) for (let j = 0; j < nl; j++) {
      expect(J[i][k * nl + j]).toBeCloseTo(i === j ? aPrev[k] : 0, 9);
    }
    // the note's layout, a column of n_l blocks each n_l × n_l, would be n_l² × n_l: not this shape
    expect([nl * nl, nl]).not.toEqual([J.length, J[0].length]);
    // Jᵀδ = a^{l−1} ⊗ δ^l (Kronecker), the column-major vec of δ^l (a^{l−1})ᵀ = ∂C/∂w^l
    const delta = backprop(net, x, y).deltas[0];
    const JTd = Float64Array.from({ length: nl * nPrev }, (_, c) => J.reduce((s, row, i) => s + row[c] * delta[i], 0));
    const kron = Float64Array.from({ length: nl * nPrev }, (_, c) => aPrev[Math.floor(c / nl)] * delta[c % nl]);
    expect(gradientsAgree(JTd, kron, 1e-7, 1e-10)).toBe(true);
    const fd = numericGradient(() => exampleCost(net, x, y), w.data);
    const fdColMajor = Float64Array.from({ length: nl * nPrev }, (_, c) => fd[(c % nl) * nPrev + Math.floor(c / nl)]);
    expect(gradientsAgree(kron, fdColMajor, 1e-7, 1e-10)).toBe(true);
  });
});
