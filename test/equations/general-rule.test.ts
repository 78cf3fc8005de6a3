// The general backward rule of chapter 9, δ^{l−1} = J_σ(z^{l−1})ᵀ (w^l)ᵀ δ^l, for an activation
// that need not act entry by entry. Proved two ways over random cases (fast-check):
// 1. through networks whose hidden layer is softmax (non-elementwise), the rule built from the
//    engine's activationJacobian and matTVec equals ∂C/∂z^{l−1} by central finite differences in
//    z^{l−1} itself, and equals the engine's backprop (hiddenError);
// 2. for an elementwise σ, J_σ = diag(σ′) and the rule is BP2, ((w^l)ᵀ δ^l) ⊙ σ′(z^{l−1}).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type Activation,
  type ActivationName,
  type Network,
  activationJacobian,
  addVec,
  backprop,
  createNetwork,
  feedforward,
  hadamard,
  hiddenError,
  Matrix,
  matTVec,
  matVec,
  softmax,
  sigmoid,
  tanh,
} from '../../src/engine/index';
import { gradientsAgree, maxAbsDiff, numericGradient } from './helpers';

/** The rule as written in the chapter: J_σ(z^{l−1})ᵀ (w^l)ᵀ δ^l, from the engine's pieces. */
function generalRule(act: Activation, zPrev: ArrayLike<number>, w: Matrix, delta: ArrayLike<number>): Float64Array {
  return matTVec(activationJacobian(act, zPrev), matTVec(w, delta));
}

/** ∂C/∂z at layer index i (the text's z^{i+1}) by central differences: rerun the layers above from a nudged z. */
function numericDelta(net: Network, x: number[], y: number[], i: number): Float64Array {
  const z = feedforward(net, x).zs[i].slice();
  const costFromZ = () => {
    let a = net.activations[i].fn(z);
    for (let k = i + 1; k < net.weights.length; k++) a = net.activations[k].fn(addVec(matVec(net.weights[k], a), net.biases[k]));
    return net.cost.value(a, y);
  };
  return numericGradient(costFromZ, z);
}

/**
 * A random network with 2 or 3 hidden layers, one of them (at a random position) softmax, the
 * others sigmoid or tanh; sigmoid outputs with the quadratic or cross-entropy cost.
 */
const arbSoftmaxHidden = fc
  .record({
    hidden: fc.array(fc.integer({ min: 2, max: 5 }), { minLength: 2, maxLength: 3 }),
    nIn: fc.integer({ min: 1, max: 4 }),
    nOut: fc.integer({ min: 1, max: 3 }),
    at: fc.nat(),
    others: fc.array(fc.constantFrom<ActivationName>('sigmoid', 'tanh'), { minLength: 3, maxLength: 3 }),
    cost: fc.constantFrom('quadratic' as const, 'cross-entropy' as const),
    init: fc.constantFrom('standard' as const, 'scaled' as const),
    seed: fc.integer({ min: 1, max: 1_000_000 }),
    xs: fc.array(fc.double({ min: -2, max: 2, noNaN: true }), { minLength: 4, maxLength: 4 }),
    ys: fc.array(fc.double({ min: 0.05, max: 0.95, noNaN: true }), { minLength: 3, maxLength: 3 }),
  })
  .map(({ hidden, nIn, nOut, at, others, cost, init, seed, xs, ys }) => {
    const soft = at % hidden.length; // index of the softmax layer in net.activations (a hidden layer)
    const activations: ActivationName[] = [...hidden.map((_, i) => (i === soft ? 'softmax' : others[i])), 'sigmoid'];
    const net = createNetwork({ sizes: [nIn, ...hidden, nOut], activations, cost, init, seed });
    return { net, soft, x: xs.slice(0, nIn), y: ys.slice(0, nOut) };
  });

describe('the general backward rule', () => {
  it('general-hidden-error: δ^{l−1} = J_σ(z^{l−1})ᵀ (w^l)ᵀ δ^l through a softmax hidden layer equals ∂C/∂z^{l−1} by finite differences, and backprop uses it', () => {
    fc.assert(
      fc.property(arbSoftmaxHidden, ({ net, soft, x, y }) => {
        const { zs } = feedforward(net, x);
        const { deltas } = backprop(net, x, y);
        // Text layer l − 1 = soft + 1 (softmax), layer l = soft + 2: w^l = weights[soft + 1], δ^l = deltas[soft + 1].
        const rule = generalRule(softmax, zs[soft], net.weights[soft + 1], deltas[soft + 1]);
        const fd = numericDelta(net, x, y, soft);
        expect(gradientsAgree(rule, fd, 1e-6, 1e-9), `rule ${Array.from(rule)} vs finite differences ${Array.from(fd)}`).toBe(true);
        // The engine's backward pass (hiddenError) computes the same δ^{l−1}.
        expect(maxAbsDiff(deltas[soft], rule)).toBeLessThan(1e-15);
        expect(maxAbsDiff(hiddenError(net.weights[soft + 1], deltas[soft + 1], zs[soft], softmax), rule)).toBe(0);
        // And the whole gradient below the softmax layer is right: every δ matches ∂C/∂z.
        for (let i = 0; i < soft; i++) expect(gradientsAgree(deltas[i], numericDelta(net, x, y, i), 1e-6, 1e-9)).toBe(true);
      }),
      { numRuns: 60 },
    );
  });

  it('general-hidden-error: the transpose matters — with a non-symmetric J_σ, J_σᵀ (w^l)ᵀ δ^l matches finite differences and J_σ (w^l)ᵀ δ^l does not', () => {
    // Softmax's Jacobian is symmetric and an elementwise one is diagonal, so neither can tell J_σᵀ
    // from J_σ. A made-up mixing activation a_j = tanh(z_j) + c·z_{j+1} has ∂a_j/∂z_{j+1} = c but
    // ∂a_{j+1}/∂z_j = 0: its Jacobian is not symmetric.
    const c = 0.7;
    const mix: Activation = {
      name: 'mix',
      elementwise: false,
      fn: (z) => Float64Array.from(z, (t, j) => Math.tanh(t) + (j + 1 < z.length ? c * z[j + 1] : 0)),
      prime: () => {
        throw new Error('mix is not elementwise');
      },
      jacobian: (z) => {
        const J = Matrix.zeros(z.length, z.length);
        for (let j = 0; j < z.length; j++) {
          J.set(j, j, 1 - Math.tanh(z[j]) ** 2);
          if (j + 1 < z.length) J.set(j, j + 1, c);
        }
        return J;
      },
    };
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.array(fc.double({ min: -2, max: 2, noNaN: true }), { minLength: 3, maxLength: 3 }), (seed, x) => {
        const net = createNetwork({ sizes: [3, 4, 2], activations: [mix, 'sigmoid'], cost: 'quadratic', seed });
        const y = [0.2, 0.9];
        const { zs } = feedforward(net, x);
        const { deltas } = backprop(net, x, y);
        const fd = numericDelta(net, x, y, 0);
        const J = activationJacobian(mix, zs[0]);
        const back = matTVec(net.weights[1], deltas[1]);
        const withTranspose = matTVec(J, back);
        const withoutTranspose = matVec(J, back);
        expect(gradientsAgree(withTranspose, fd, 1e-6, 1e-9)).toBe(true);
        expect(maxAbsDiff(deltas[0], withTranspose)).toBeLessThan(1e-15);
        expect(maxAbsDiff(withoutTranspose, fd)).toBeGreaterThan(1e-4);
      }),
      { numRuns: 40 },
    );
  });

  it('general-hidden-error: the elementwise shortcut ⊙ diag(J) is wrong for softmax — the off-diagonal terms matter', () => {
    // The rule can fail: replacing J_σᵀ by its diagonal (what BP2 would do) misses ∂a_j/∂z_k for j ≠ k.
    const zPrev = Float64Array.of(0.3, -1.1, 0.8);
    const w = Matrix.from([[0.5, -0.2, 0.9], [-0.7, 0.4, 0.1]]);
    const delta = Float64Array.of(0.6, -0.3);
    const J = activationJacobian(softmax, zPrev);
    const diagOnly = hadamard(matTVec(w, delta), Float64Array.from({ length: 3 }, (_, j) => J.get(j, j)));
    expect(maxAbsDiff(generalRule(softmax, zPrev, w, delta), diagOnly)).toBeGreaterThan(1e-3);
  });

  it('general-hidden-error: for an elementwise σ, J_σ = diag(σ′) and the rule is BP2, ((w^l)ᵀ δ^l) ⊙ σ′(z^{l−1}), on random inputs', () => {
    // A reader's own elementwise activation with no jacobian method: the engine falls back to diag(σ′).
    const softplus: Activation = {
      name: 'softplus',
      fn: (z) => Float64Array.from(z, (t) => Math.log1p(Math.exp(t))),
      prime: (z) => Float64Array.from(z, (t) => 1 / (1 + Math.exp(-t))),
    };
    const arb = fc
      .record({ nIn: fc.integer({ min: 1, max: 6 }), nOut: fc.integer({ min: 1, max: 6 }) })
      .chain(({ nIn, nOut }) =>
        fc.record({
          act: fc.constantFrom(sigmoid, tanh, softplus),
          z: fc.array(fc.double({ min: -6, max: 6, noNaN: true }), { minLength: nIn, maxLength: nIn }),
          w: fc.array(fc.array(fc.double({ min: -3, max: 3, noNaN: true }), { minLength: nIn, maxLength: nIn }), { minLength: nOut, maxLength: nOut }),
          delta: fc.array(fc.double({ min: -2, max: 2, noNaN: true }), { minLength: nOut, maxLength: nOut }),
        }),
      );
    fc.assert(
      fc.property(arb, ({ act, z, w, delta }) => {
        const W = Matrix.from(w);
        const J = activationJacobian(act, z);
        const sp = act.prime(z);
        for (let i = 0; i < z.length; i++) for (let j = 0; j < z.length; j++) expect(J.get(i, j)).toBe(i === j ? sp[i] : 0);
        const bp2 = hadamard(matTVec(W, delta), sp);
        expect(maxAbsDiff(generalRule(act, z, W, delta), bp2)).toBeLessThan(1e-12);
        expect(maxAbsDiff(hiddenError(W, delta, z, act), bp2)).toBeLessThan(1e-12);
      }),
    );
  });
});
