// Chapter 11's Xavier and He initialisations and chapter 13's vanishing gradients: the product
// form of δ^l against BP2's recursion, the bound on σ′, and the per-layer bias-gradient norms
// against finite differences of the mean cost.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  backprop, batchBackprop, biasGradientNorms, createNetwork, deltaProduct, exampleCost, initVariance, matVec, meanGradients,
  norm2, sigmoidPrimeScalar, stepWithNorms, cloneNetwork, updateMiniBatch, unstableWidth, type ActivationName, type CostName,
} from '../../src/engine/index';
import { createRng } from '../../src/engine/rng';

function sampleVariance(xs: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < xs.length; i++) m += xs[i];
  m /= xs.length;
  let v = 0;
  for (let i = 0; i < xs.length; i++) v += (xs[i] - m) ** 2;
  return v / (xs.length - 1);
}

const pairs: [ActivationName, CostName][] = [['sigmoid', 'quadratic'], ['sigmoid', 'cross-entropy'], ['tanh', 'quadratic'], ['relu', 'quadratic'], ['softmax', 'log-likelihood']];

function randomNet(seed: number, depth: number, width: number, hidden: ActivationName, out: ActivationName, cost: CostName) {
  const sizes = [3, ...Array.from({ length: depth }, () => width), 4];
  const net = createNetwork({ sizes, activations: [...Array.from({ length: depth }, () => hidden), out], cost, seed, init: 'scaled' });
  const r = createRng(seed + 1);
  const x = Array.from({ length: 3 }, () => r.gaussian());
  const y = out === 'softmax' ? [0, 0, 1, 0] : Array.from({ length: 4 }, () => r.next());
  return { net, x, y };
}

describe('initialisation beyond 1/√n_in', () => {
  it('xavier-init: weights have variance 2/(n_in + n_out) (sample variance within 6 standard errors), which is the harmonic mean of the forward 1/n_in and backward 1/n_out', () => {
    for (const [nIn, nOut] of [[784, 30], [30, 30], [100, 10], [10, 300]]) {
      const net = createNetwork({ sizes: [nIn, nOut], init: 'xavier', seed: nIn + nOut });
      const want = 2 / (nIn + nOut);
      expect(initVariance('xavier', nIn, nOut)).toBe(want);
      expect(Math.abs(sampleVariance(net.weights[0].data) / want - 1)).toBeLessThan(6 * Math.sqrt(2 / (nIn * nOut - 1)));
      // 2/(n_in + n_out) = 1 / mean(n_in, n_out): the harmonic mean of the variances 1/n_in and 1/n_out
      expect(want).toBeCloseTo(2 / (1 / (1 / nIn) + 1 / (1 / nOut)), 15);
    }
  });

  it('he-init: weights have variance 2/n_in, and then a ReLU layer keeps E[a²]: the mean square of its weighted inputs stays put layer after layer', () => {
    for (const nIn of [50, 400]) {
      const net = createNetwork({ sizes: [nIn, 300], init: 'he', seed: nIn });
      expect(initVariance('he', nIn, 300)).toBe(2 / nIn);
      expect(Math.abs(sampleVariance(net.weights[0].data) * nIn / 2 - 1)).toBeLessThan(6 * Math.sqrt(2 / (nIn * 300 - 1)));
    }
    // The reason for the 2: with zero biases, Var(z^{l+1}) = n Var(w) E[relu(z^l)²] = n Var(w) Var(z^l)/2.
    // Propagate through 10 ReLU layers of 500 neurons: under He the mean square of z stays of order 1,
    // under the scaled init it halves at every layer.
    const n = 500;
    const depth = 10;
    const r = createRng(4);
    const x = Array.from({ length: n }, () => r.gaussian());
    const meanSquares = (init: 'he' | 'scaled') => {
      const net = createNetwork({ sizes: Array.from({ length: depth + 1 }, () => n), init, activations: 'relu', seed: 5 });
      let a: ArrayLike<number> = x;
      const out: number[] = [];
      for (let l = 0; l < depth; l++) {
        const z = matVec(net.weights[l], a); // biases left out: the argument is about the weights
        out.push(Array.from(z).reduce((s, v) => s + v * v, 0) / n);
        a = z.map((v) => Math.max(0, v));
      }
      return out;
    };
    const he = meanSquares('he');
    const scaled = meanSquares('scaled');
    const x2 = x.reduce((s, v) => s + v * v, 0) / n;
    // layer 1 sees x itself (not a ReLU output): E[(z¹)²] ≈ n Var(w) mean(x²); from layer 2 on each ReLU halves E[z²]
    expect(he[0] / x2).toBeGreaterThan(1.5);
    expect(he[0] / x2).toBeLessThan(2.5);
    expect(he[depth - 1] / he[0]).toBeGreaterThan(0.5);
    expect(he[depth - 1] / he[0]).toBeLessThan(2);
    expect(scaled[depth - 1] / scaled[0]).toBeLessThan(0.01); // about 2^-9 ≈ 0.002
    for (let l = 1; l < depth; l++) {
      expect(scaled[l] / scaled[l - 1]).toBeGreaterThan(0.35);
      expect(scaled[l] / scaled[l - 1]).toBeLessThan(0.7);
    }
  });
});

describe('vanishing gradients', () => {
  it('delta-product: δ^l as the product of the factors Σ′(z^l)(w^{l+1})ᵀ ⋯ Σ′(z^L) times ∇ₐC equals backprop\'s δ^l (BP1 + BP2) on random networks of every pairing', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e6 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 5 }), fc.constantFrom(...pairs), fc.constantFrom('sigmoid', 'tanh', 'relu' as const), (seed, depth, width, [out, cost], hidden) => {
        const { net, x, y } = randomNet(seed, depth, width, hidden, out, cost);
        const p = deltaProduct(net, x, y);
        const bp = backprop(net, x, y);
        expect(p.deltas.length).toBe(bp.deltas.length);
        p.deltas.forEach((d, i) => d.forEach((v, j) => expect(Math.abs(v - bp.deltas[i][j])).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(bp.deltas[i][j])))));
        // each product has shape n_l × n_L
        p.products.forEach((m, i) => expect([m.rows, m.cols]).toEqual([net.sizes[i + 1], net.sizes[net.sizes.length - 1]]));
      }),
      { numRuns: 60 },
    );
  });

  it('delta-product: for a chain of one sigmoid neuron per layer, ∂C/∂b¹ is the product of the scalars w^{l+1} σ′(z^l) times σ′(z^L) ∂C/∂a^L, each |factor| ≤ |w|/4', () => {
    const net = createNetwork({ sizes: [1, 1, 1, 1, 1], seed: 3 });
    const x = [0.7];
    const y = [0.2];
    const p = deltaProduct(net, x, y);
    const bp = backprop(net, x, y);
    const scalar = p.factors.reduce((s, f) => s * f.get(0, 0), 1) * p.gradA[0];
    expect(scalar).toBeCloseTo(bp.nablaB[0][0], 14);
    p.factors.forEach((f, i) => {
      const w = i === p.factors.length - 1 ? 1 : net.weights[i + 1].get(0, 0);
      expect(Math.abs(f.get(0, 0))).toBeLessThanOrEqual(Math.abs(w) / 4 + 1e-15);
    });
  });

  it('sigmoid-prime-bound: 0 < σ′(z) ≤ 1/4 for every z, equal to 1/4 at z = 0 and below it elsewhere; σ′ = σ(1 − σ) matches finite differences of σ', () => {
    expect(sigmoidPrimeScalar(0)).toBe(0.25);
    fc.assert(
      fc.property(fc.double({ min: -30, max: 30, noNaN: true }), (z) => {
        const s = sigmoidPrimeScalar(z);
        expect(s).toBeGreaterThan(0);
        expect(s).toBeLessThanOrEqual(0.25);
        if (Math.abs(z) > 1e-4) expect(s).toBeLessThan(0.25);
        const sig = (t: number) => 1 / (1 + Math.exp(-t));
        const eps = 1e-5;
        expect(Math.abs(s - (sig(z + eps) - sig(z - eps)) / (2 * eps))).toBeLessThan(1e-9);
      }),
      { numRuns: 200 },
    );
  });

  it('bias-gradient-norm: ‖∂C/∂b^l‖ from the averaged per-example backprop equals the batch form (C_sum / m) and central differences of the mean cost', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e6 }), fc.integer({ min: 1, max: 6 }), fc.constantFrom(...pairs), (seed, m, [out, cost]) => {
        const { net } = randomNet(seed, 2, 3, 'sigmoid', out, cost);
        const r = createRng(seed + 2);
        const batch = Array.from({ length: m }, () => ({ x: Array.from({ length: 3 }, () => r.gaussian()), y: out === 'softmax' ? [1, 0, 0, 0] : Array.from({ length: 4 }, () => r.next()) }));
        const norms = biasGradientNorms(net, batch);
        const summed = batchBackprop(net, batch.map((e) => e.x), batch.map((e) => e.y));
        norms.forEach((v, i) => expect(v).toBeCloseTo(Math.sqrt(norm2(summed.nablaB[i])) / m, 10));
        // central differences of C = (1/m) Σ C_x with respect to each bias
        const C = (n: typeof net) => batch.reduce((s, e) => s + exampleCost(n, e.x, e.y), 0) / m;
        const eps = 1e-6;
        net.biases.forEach((b, i) => {
          const g = Array.from(b, (_, j) => {
            const plus = cloneNetwork(net); plus.biases[i][j] += eps;
            const minus = cloneNetwork(net); minus.biases[i][j] -= eps;
            return (C(plus) - C(minus)) / (2 * eps);
          });
          expect(Math.abs(Math.hypot(...g) - norms[i])).toBeLessThan(1e-6 * Math.max(1, norms[i]));
        });
      }),
      { numRuns: 25 },
    );
  });

  it('bias-gradient-norm: stepWithNorms takes exactly updateMiniBatch\'s step and returns the norms of meanGradients', () => {
    const net = createNetwork({ sizes: [4, 5, 5, 3], seed: 8 });
    const r = createRng(9);
    const batch = Array.from({ length: 5 }, () => ({ x: Array.from({ length: 4 }, () => r.next()), y: [1, 0, 0] }));
    const a = cloneNetwork(net);
    const b = cloneNetwork(net);
    const want = meanGradients(net, batch).nablaB.map((b) => Math.hypot(...b));
    stepWithNorms(a, batch, { eta: 0.7 }).forEach((v, i) => expect(v).toBeCloseTo(want[i], 15));
    updateMiniBatch(b, batch, { eta: 0.7 });
    a.weights.forEach((w, i) => w.data.forEach((v, k) => expect(v).toBeCloseTo(b.weights[i].data[k], 14)));
    a.biases.forEach((bb, i) => bb.forEach((v, k) => expect(v).toBeCloseTo(b.biases[i][k], 14)));
  });
});

describe('exploding gradients', () => {
  it('unstable-width: the inputs a with |w σ′(wa + b)| ≥ 1 form an interval of width (2/|w|) ln(|w|(1 + √(1 − 4/|w|))/2 − 1), found here by bisection; none for |w| ≤ 4', () => {
    const f = (w: number, b: number, a: number) => Math.abs(w * sigmoidPrimeScalar(w * a + b)) - 1;
    fc.assert(
      fc.property(fc.double({ min: 4.5, max: 60, noNaN: true }), fc.double({ min: -5, max: 5, noNaN: true }), fc.boolean(), (m, b, neg) => {
        const w = neg ? -m : m;
        const centre = -b / w; // z = 0 there, where the factor is largest
        const edge = (far: number) => { // bisection between the centre (f > 0) and a point where f < 0
          let lo = centre; let hi = far;
          for (let i = 0; i < 200; i++) { const mid = (lo + hi) / 2; if (f(w, b, mid) >= 0) lo = mid; else hi = mid; }
          return lo;
        };
        const width = edge(centre + 50) - edge(centre - 50);
        expect(Math.abs(width - unstableWidth(w))).toBeLessThan(1e-9);
        expect(unstableWidth(w)).toBeCloseTo((2 / m) * Math.log((m * (1 + Math.sqrt(1 - 4 / m))) / 2 - 1), 12);
      }),
      { numRuns: 50 },
    );
    for (const w of [0, 1, -3, 4]) expect(unstableWidth(w)).toBe(0);
  });
});
