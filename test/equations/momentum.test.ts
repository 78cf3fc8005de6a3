// Gradient descent with momentum (chapter 4): the update, its β = 0 case (plain gradient descent,
// exactly), and its closed form on a quadratic bowl, where it is a linear recurrence.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  backprop, cloneNetwork, createNetwork, momentumPath, momentumRate, momentumStep, optimize, quadraticBowl, zeroVelocity,
} from '../../src/engine/index';

/**
 * The closed form of θ_{t+1} = s θ_t − β θ_{t−1} (s = 1 + β − ηq) with θ_1 = (1 − ηq) θ_0, written
 * here from the roots of r² − s r + β = 0: θ_t = A r₊^t + B r₋^t for distinct real roots,
 * ρ^t (A cos tφ + B sin tφ) for a complex pair ρ e^{±iφ}, and (A + B t) r^t for a double root.
 */
function closedForm(q: number, eta: number, beta: number, theta0: number, t: number): number {
  const s = 1 + beta - eta * q;
  const theta1 = (1 - eta * q) * theta0;
  const d = s * s - 4 * beta;
  if (t === 0) return theta0;
  if (beta === 0) return theta0 * (1 - eta * q) ** t;
  if (d > 0) {
    const rp = (s + Math.sqrt(d)) / 2;
    const rm = (s - Math.sqrt(d)) / 2;
    // A + B = θ0, A r₊ + B r₋ = θ1
    const A = (theta1 - rm * theta0) / (rp - rm);
    const B = theta0 - A;
    return A * rp ** t + B * rm ** t;
  }
  if (d < 0) {
    const rho = Math.sqrt(beta);
    const phi = Math.acos(s / (2 * rho));
    // θ_0 = A, θ_1 = ρ (A cos φ + B sin φ)
    const A = theta0;
    const B = (theta1 / rho - A * Math.cos(phi)) / Math.sin(phi);
    return rho ** t * (A * Math.cos(t * phi) + B * Math.sin(t * phi));
  }
  const r = s / 2;
  const B = theta1 / r - theta0; // θ_1 = (A + B) r with A = θ0
  return (theta0 + B * t) * r ** t;
}

describe('momentum', () => {
  it('momentum-update: v → βv − η∇C, θ → θ + v, entry by entry over several steps of a real network', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e6 }), fc.double({ min: 0.01, max: 1, noNaN: true }), fc.double({ min: 0, max: 0.99, noNaN: true }), (seed, eta, beta) => {
        const net = createNetwork({ sizes: [3, 4, 2], seed });
        const v = zeroVelocity(net);
        const x = [0.3, -0.7, 0.9];
        const y = [0, 1];
        for (let step = 0; step < 3; step++) {
          const before = cloneNetwork(net);
          const vBefore = v.weights.map((m) => m.data.slice());
          const vbBefore = v.biases.map((b) => b.slice());
          const { nablaW, nablaB } = backprop(net, x, y);
          momentumStep(net, v, nablaW, nablaB, { eta, beta });
          net.weights.forEach((w, i) => w.data.forEach((wk, k) => {
            const vk = beta * vBefore[i][k] - eta * nablaW[i].data[k];
            expect(v.weights[i].data[k]).toBe(vk);
            expect(wk).toBe(before.weights[i].data[k] + vk);
          }));
          net.biases.forEach((b, i) => b.forEach((bj, j) => {
            const vj = beta * vbBefore[i][j] - eta * nablaB[i][j];
            expect(v.biases[i][j]).toBe(vj);
            expect(bj).toBe(before.biases[i][j] + vj);
          }));
        }
      }),
      { numRuns: 30 },
    );
  });

  it('momentum-update: with β = 0 it is plain gradient descent (Algorithm 3), bit for bit, step after step', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e6 }), fc.double({ min: 0.01, max: 3, noNaN: true }), (seed, eta) => {
        const a = createNetwork({ sizes: [2, 3, 2], seed });
        const b = cloneNetwork(a);
        const v = zeroVelocity(a);
        const x = [0.4, -1.1];
        const y = [1, 0];
        for (let step = 0; step < 5; step++) {
          const ga = backprop(a, x, y);
          momentumStep(a, v, ga.nablaW, ga.nablaB, { eta, beta: 0 });
          const gb = backprop(b, x, y);
          optimize(b, gb.nablaW, gb.nablaB, { eta });
        }
        a.weights.forEach((w, i) => expect(Array.from(w.data)).toEqual(Array.from(b.weights[i].data)));
        a.biases.forEach((bias, i) => expect(Array.from(bias)).toEqual(Array.from(b.biases[i])));
      }),
      { numRuns: 30 },
    );
  });

  it('momentum-update: a β outside [0, 1) or a non-finite η is refused with a message', () => {
    const net = createNetwork({ sizes: [1, 1], seed: 1 });
    const v = zeroVelocity(net);
    const g = backprop(net, [1], [0]);
    expect(() => momentumStep(net, v, g.nablaW, g.nablaB, { eta: 0.1, beta: 1 })).toThrow(/β/);
    expect(() => momentumStep(net, v, g.nablaW, g.nablaB, { eta: 0.1, beta: -0.1 })).toThrow(/β/);
    expect(() => momentumStep(net, v, g.nablaW, g.nablaB, { eta: NaN, beta: 0.5 })).toThrow(/η/);
    expect(() => momentumPath((t) => t[0], () => [1], [0], { eta: 0.1, beta: 0.5, steps: 1.5 })).toThrow(/steps/);
  });

  it('momentum-recurrence: on the bowl ½ Σ q_i θ_i², every coordinate follows the closed form of its recurrence to 1e-12', () => {
    // hand-sized: η = β = 1/4, so s = 1 + β − ηq = 1.25 − q/4 and d = s² − 4β = s² − 1. The curvatures
    // 0.2, 1, 8, 9.6 give s = 1.2, 1, −0.75, −1.15: two real roots, a double root, a complex pair, two
    // real negative roots (a zig-zag).
    const eta = 0.25; const beta = 0.25;
    const all = [0.2, 1, 8, 9.6];
    expect(all.map((qi) => Math.sign((1 + beta - eta * qi) ** 2 - 4 * beta))).toEqual([1, 0, -1, 1]);
    const bowl = quadraticBowl(all);
    const theta0 = [3, -2, 1.5, 0.7];
    const path = momentumPath(bowl.cost, bowl.grad, theta0, { eta, beta, steps: 40 });
    path.thetas.forEach((theta, t) => all.forEach((qi, i) => expect(Math.abs(theta[i] - closedForm(qi, eta, beta, theta0[i], t))).toBeLessThanOrEqual(1e-12 * Math.abs(theta0[i]))));
    // and the recurrence itself, from the path: θ_{t+1} = (1 + β − ηq) θ_t − β θ_{t−1}
    for (let t = 1; t < 40; t++) all.forEach((qi, i) => expect(path.thetas[t + 1][i]).toBeCloseTo((1 + beta - eta * qi) * path.thetas[t][i] - beta * path.thetas[t - 1][i], 12));
  });

  it('momentum-recurrence: the closed form holds for random curvatures, η and β (away from a double root), and β = 0 gives (1 − ηq)^t θ_0', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.05, max: 20, noNaN: true }), fc.double({ min: 0.001, max: 0.3, noNaN: true }), fc.double({ min: 0, max: 0.95, noNaN: true }), fc.double({ min: -5, max: 5, noNaN: true }), (q, eta, beta, theta0) => {
        const s = 1 + beta - eta * q;
        fc.pre(Math.abs(s * s - 4 * beta) > 1e-3 && Math.abs(s) < 2 * Math.sqrt(beta) + 10);
        const bowl = quadraticBowl([q]);
        const path = momentumPath(bowl.cost, bowl.grad, [theta0], { eta, beta, steps: 30 });
        path.thetas.forEach((theta, t) => {
          const expected = closedForm(q, eta, beta, theta0, t);
          expect(Math.abs(theta[0] - expected)).toBeLessThanOrEqual(1e-11 * (1 + Math.abs(expected)) * (1 + t));
        });
        const plain = momentumPath(bowl.cost, bowl.grad, [theta0], { eta, beta: 0, steps: 30 });
        plain.thetas.forEach((theta, t) => expect(Math.abs(theta[0] - theta0 * (1 - eta * q) ** t)).toBeLessThanOrEqual(1e-12 * (1 + Math.abs(theta0))));
      }),
      { numRuns: 60 },
    );
  });

  it('quadraticBowl: C(θ) = ½ Σ qᵢ θᵢ² and ∇C = (qᵢ θᵢ), checked against central differences of C on random bowls', () => {
    fc.assert(fc.property(fc.array(fc.double({ min: 0.01, max: 10, noNaN: true }), { minLength: 1, maxLength: 5 }), fc.integer({ min: 1, max: 1e6 }), (q, seed) => {
      const theta = Float64Array.from(q, (_, i) => Math.sin(seed * (i + 1)));
      const bowl = quadraticBowl(q);
      let c = 0;
      for (let i = 0; i < q.length; i++) c += 0.5 * q[i] * theta[i] ** 2;
      expect(bowl.cost(theta)).toBeCloseTo(c, 12);
      const g = bowl.grad(theta);
      for (let i = 0; i < q.length; i++) {
        const h = 1e-5;
        const up = theta.slice(); up[i] += h;
        const down = theta.slice(); down[i] -= h;
        expect(Math.abs((bowl.cost(up) - bowl.cost(down)) / (2 * h) - g[i])).toBeLessThan(1e-6 * Math.max(1, Math.abs(g[i])));
      }
    }), { numRuns: 50 });
  });

  it('momentumRate on a stiff direction (ηq near 2–4, two real roots apart): the companion matrix power grows by that factor to 1e-9, a root of r² − (1 + β − ηq) r + β', () => {
    // here the power method converges fast, so the check is tight (the general property above must
    // allow for a complex pair's slow convergence); dropping β from 1 + β − ηq fails it
    fc.assert(
      fc.property(fc.double({ min: 2.2, max: 3.9, noNaN: true }), fc.double({ min: 0.01, max: 0.3, noNaN: true }), (etaQ, beta) => {
        const s = 1 + beta - etaQ;
        fc.pre(s * s - 4 * beta > 0.25);
        const rate = momentumRate(etaQ / 0.1, 0.1, beta);
        let a = 1; let c = 0;
        for (let t = 0; t < 3000; t++) {
          [a, c] = [s * a - beta * c, a];
          const n = Math.max(Math.abs(a), Math.abs(c));
          a /= n; c /= n;
        }
        // the last step's growth (the vector is aligned with the dominant root by now)
        const a1 = s * a - beta * c;
        expect(Math.abs(Math.abs(a1 / a) - rate)).toBeLessThan(1e-9 * rate);
        // a root (the dominant one is negative here: s < 0)
        expect(Math.abs(rate * rate + s * rate + beta)).toBeLessThan(1e-9);
      }),
      { numRuns: 60 },
    );
  });

  it('momentumRate is the long-run shrink factor per step: it matches the growth of the companion matrix power, and β = 0 gives |1 − ηq|', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.05, max: 20, noNaN: true }), fc.double({ min: 0.001, max: 0.3, noNaN: true }), fc.double({ min: 0, max: 0.95, noNaN: true }), (q, eta, beta) => {
        const s = 1 + beta - eta * q;
        fc.pre(Math.abs(s * s - 4 * beta) > 1e-2);
        expect(momentumRate(q, eta, 0)).toBeCloseTo(Math.abs(1 - eta * q), 14);
        // ‖Mᵗ‖^{1/t} → spectral radius of M = [[s, −β], [1, 0]]; power with renormalisation
        let a = 1; let b = 0; let c = 0; let d = 1; let logScale = 0;
        const T = 4000;
        for (let t = 0; t < T; t++) {
          [a, b, c, d] = [s * a - beta * c, s * b - beta * d, a, b];
          const n = Math.max(Math.abs(a), Math.abs(b), Math.abs(c), Math.abs(d));
          logScale += Math.log(n); a /= n; b /= n; c /= n; d /= n;
        }
        expect(Math.abs(logScale / T - Math.log(momentumRate(q, eta, beta)))).toBeLessThan(5e-3);
      }),
      { numRuns: 40 },
    );
  });
});
