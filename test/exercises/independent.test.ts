// Every computed answer in the bank, checked by a route that does not go through the code the
// answer uses: central finite differences of a cost written out here, a direct formula written in
// this file, sampling, or counting the parameters of a real engine network. Each route also
// returns a typical wrong answer, computed here, which the exercise's grader must reject.
// The last test fails if an exercise with a computed answer (number, grid, expression, code) has
// no route here, so a new exercise cannot slip through unchecked.
import { describe, it, expect } from 'vitest';
import * as engine from '../../src/engine/index';
import { bank, chapters } from '../../src/exercises/bank/index';
import { grade, paramsFor } from '../../src/exercises/grade';
import { evaluateExpression, checkExpression, type Env } from '../../src/exercises/checkers';
import { seededRng, type Exercise, type Params, type CodeExercise } from '../../src/exercises/types';
import type { Input } from '../../src/exercises/grade';

const seeds = [1, 2, 3, 17, 123456];
const all = chapters.flatMap((c) => bank[c]);
const byId = (id: string) => {
  const ex = all.find((e) => e.id === id);
  if (!ex) throw new Error(`no exercise ${id}`);
  return ex;
};

// ---- hand-written maths (no engine) ------------------------------------------------------------
const sig = (z: number) => 1 / (1 + Math.exp(-z));
const dot = (u: number[], v: number[]) => u.reduce((s, x, i) => s + x * v[i], 0);
const eps = 1e-6; // the finite-difference step ε
/** central difference of f at t */
const fd = (f: (t: number) => number, t: number) => (f(t + eps) - f(t - eps)) / (2 * eps);
/** gradient of f: ℝⁿ → ℝ at v by central differences */
const grad = (f: (v: number[]) => number, v: number[]) => v.map((vi, i) => fd((t) => f(v.map((x, k) => (k === i ? t : x))), vi));
/** the same for a matrix argument (row-major gradient as a nested array) */
const gradM = (f: (m: number[][]) => number, m: number[][]) => m.map((row, j) => row.map((mjk, k) => fd((t) => f(m.map((r, jj) => r.map((x, kk) => (jj === j && kk === k ? t : x)))), mjk)));
function handForward(ws: number[][][], bs: number[][], x: number[]) {
  const as = [x]; const zs: number[][] = [];
  for (let l = 0; l < ws.length; l++) {
    const z = ws[l].map((row, j) => dot(row, as[l]) + bs[l][j]);
    zs.push(z); as.push(z.map(sig));
  }
  return { as, zs };
}
const quadC = (a: number[], y: number[]) => 0.5 * a.reduce((s, aj, j) => s + (aj - y[j]) ** 2, 0);
const ceC = (a: number[], y: number[]) => -a.reduce((s, aj, j) => s + y[j] * Math.log(aj) + (1 - y[j]) * Math.log(1 - aj), 0);
const handSoftmax = (z: number[]) => z.map((zj) => 1 / z.reduce((s, zk) => s + Math.exp(zk - zj), 0)); // no max trick: another route
const column = (v: number[]) => v.map((x) => [x]);
const flat = (v: unknown): number[] => (typeof v === 'number' ? [v] : (v as unknown[]).flat(2) as number[]);
/** Box–Muller normals from a seeded uniform source */
function normals(seed: number) {
  const u = seededRng(seed);
  return () => Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u());
}
const sampleSd = (xs: number[]) => { const m = xs.reduce((s, x) => s + x, 0) / xs.length; return Math.sqrt(xs.reduce((s, x) => s + (x - m) ** 2, 0) / (xs.length - 1)); };

const close = (a: number[], b: number[], tol = 1e-6) => {
  expect(a.length).toBe(b.length);
  a.forEach((x, i) => expect(Math.abs(x - b[i])).toBeLessThanOrEqual(tol * (1 + Math.abs(b[i]))));
};
/** random environments for an expression's own sampler, to evaluate its reference at */
const envsFor = (ex: Exercise, n = 6): Env[] => {
  if (ex.kind !== 'expression') throw new Error('not an expression exercise');
  const r = seededRng(987); return Array.from({ length: n }, () => ex.spec.sample(r));
};
const ref = (ex: Exercise, env: Env) => (ex.kind === 'expression' ? evaluateExpression(ex.spec.reference, env) : NaN);
const num = (p: Params, k: string) => p[k] as number;
const vecP = (p: Params, k: string) => p[k] as number[];
const matP = (p: Params, k: string) => p[k] as number[][];

type P = Params;
/** check the answer for params p by an independent route; return a typical wrong answer to be rejected */
type Route = (ex: Exercise, p: P) => Input | undefined;
const answerOf = (ex: Exercise, p: P): number | number[] => {
  if (ex.kind === 'number' || ex.kind === 'grid') return ex.answer(p);
  throw new Error(`${ex.id} has no answer function`);
};
const A = (ex: Exercise, p: P) => answerOf(ex, p) as number;
const G = (ex: Exercise, p: P) => answerOf(ex, p) as number[];

/** code exercises: every hidden case's expected value by an independent route */
const codeCases = (ex: Exercise, p: P) => (ex as CodeExercise).cases(p);
const argv = (c: { args: { v: unknown }[] }, i: number) => c.args[i].v as number[];

// ch5 network (W1/b1 = w¹/b¹, W2/b2 = w²/b²): the cost as a function of each parameter group
const ch5 = (p: P) => ({ W1: matP(p, 'W1'), b1: vecP(p, 'b1'), W2: matP(p, 'W2'), b2: vecP(p, 'b2'), x: vecP(p, 'x'), y: vecP(p, 'y') });
const ch5Cost = (q: ReturnType<typeof ch5>) => quadC(handForward([q.W1, q.W2], [q.b1, q.b2], q.x).as[2], q.y);

const routes: Record<string, Route> = {
  // ch1
  'single-activation': (ex, p) => {
    const z = num(p, 'w1') * num(p, 'x1') + num(p, 'w2') * num(p, 'x2') + num(p, 'b');
    expect(A(ex, p)).toBeCloseTo(sig(z), 12);
    return String(z);
  },
  'layer-activation': (ex, p) => {
    const z = matP(p, 'W').map((row, j) => dot(row, vecP(p, 'a')) + vecP(p, 'b')[j]);
    close(G(ex, p), z.map(sig), 1e-12);
    return z.map(String);
  },
  'weighted-input-expr': (ex) => {
    for (const env of envsFor(ex)) {
      const w = env.w as number[][]; const x = flat(env.x); const b = flat(env.b);
      close(flat(ref(ex, env)), w.map((row, j) => sig(dot(row, x) + b[j])), 1e-12);
    }
    return 'w*x + b';
  },
  // ch2
  'quadratic-cost': (ex, p) => {
    const c = 0.5 * ((num(p, 'y1') - num(p, 'a1')) ** 2 + (num(p, 'y2') - num(p, 'a2')) ** 2);
    expect(A(ex, p)).toBeCloseTo(c, 12);
    return c === 0 ? undefined : String(2 * c);
  },
  'sigmoid-prime-expr': (ex) => {
    for (const z of [-3, -1, -0.2, 0, 0.4, 2.5]) expect(ref(ex, { a: sig(z) }) as number).toBeCloseTo(fd(sig, z), 8);
    return '1 - a';
  },
  'output-error-number': (ex, p) => {
    const y = num(p, 'y');
    expect(A(ex, p)).toBeCloseTo(fd((z) => 0.5 * (sig(z) - y) ** 2, num(p, 'z')), 8);
    return String(sig(num(p, 'z')) - y);
  },
  'grad-a-quadratic': (ex) => {
    for (const env of envsFor(ex)) {
      const y = flat(env.y);
      close(flat(ref(ex, env)), grad((a) => quadC(a, y), flat(env.a)));
    }
    return 'y - a';
  },
  // ch3
  'bp1-expr': (ex) => {
    for (const env of envsFor(ex)) {
      const z = flat(env.z); const y = flat(env.y);
      const own = { a: column(z.map(sig)), y: env.y, z: env.z };
      close(flat(ref(ex, own)), grad((zz) => quadC(zz.map(sig), y), z));
    }
    return 'a - y';
  },
  'bp2-expr': (ex) => {
    // C = δ^{l+1} · z^{l+1} with z^{l+1} = W σ(zˡ): then ∂C/∂z^{l+1} = d, and ∂C/∂zˡ is what BP2 gives
    for (const env of envsFor(ex)) {
      const w = env.w as number[][]; const d = flat(env.d);
      close(flat(ref(ex, env)), grad((z) => dot(d, w.map((row) => dot(row, z.map(sig)))), flat(env.z)));
    }
    return '(w*d) .* sigmap(z)';
  },
  'bp2-numbers': (ex, p) => {
    const W = matP(p, 'W'); const d = vecP(p, 'd'); const z0 = vecP(p, 'z');
    close(G(ex, p), grad((z) => dot(d, W.map((row) => dot(row, z.map(sig)))), z0));
    return W.map((row) => dot(row, d)).map((v, k) => v * sig(z0[k]) * (1 - sig(z0[k]))).map(String); // w instead of wᵀ
  },
  'bp4-expr': (ex) => {
    for (const env of envsFor(ex)) {
      const d = flat(env.d); const a = flat(env.a);
      const W0 = d.map(() => a.map(() => 0.3));
      close(flat(ref(ex, env)), gradM((W) => dot(d, W.map((row) => dot(row, a))), W0).flat());
    }
    return 'a * d^T';
  },
  'bp1-code': (ex, p) => {
    for (const c of codeCases(ex, p)) {
      const y = argv(c, 1); const z = argv(c, 2);
      close(c.expected as number[], grad((zz) => quadC(zz.map(sig), y), z));
    }
    return undefined;
  },
  'bp2-code': (ex, p) => {
    for (const c of codeCases(ex, p)) {
      const W = c.args[0].v as number[][]; const d = argv(c, 1); const z = argv(c, 2);
      close(c.expected as number[], grad((zz) => dot(d, W.map((row) => dot(row, zz.map(sig)))), z));
    }
    return undefined;
  },
  'kron-2x2': (ex, p) => {
    const A = matP(p, 'A'); const B = matP(p, 'B');
    // (A ⊗ B)[(i, p), (j, q)] = a_ij b_pq, written out for a 2×2 A and a 2×1 B: row 2i + p, column j
    const expected = [0, 1, 2, 3].flatMap((row) => [0, 1].map((c) => A[row >> 1][c] * B[row & 1][0]));
    close(G(ex, p), expected, 0);
    // B ⊗ A has the same shape: blocks b_p A stacked, row 2p + i, column j
    const swapped = [0, 1, 2, 3].flatMap((row) => [0, 1].map((c) => B[row >> 1][0] * A[row & 1][c]));
    return swapped.every((v, i) => v === expected[i]) ? undefined : swapped.map(String);
  },
  'bp4-kron': (ex, p) => {
    const a = vecP(p, 'a'); const d = vecP(p, 'd');
    // C(w) = δ · (w a): ∂C/∂w_jk = δ_j a_k by central differences, read column by column (vec)
    const g = gradM((W) => dot(d, W.map((row) => dot(row, a))), [[0.3, -0.2], [0.1, 0.4]]);
    close(G(ex, p), [g[0][0], g[1][0], g[0][1], g[1][1]]);
    const rowWise = [g[0][0], g[0][1], g[1][0], g[1][1]];
    return Math.abs(rowWise[1] - rowWise[2]) < 1e-3 ? undefined : rowWise.map(String);
  },
  'modified-neuron-bias': (ex, p) => {
    // the network written out here, tanh at hidden neuron 2, and ∂C/∂b¹₂ by central differences
    const W1 = matP(p, 'W1'); const b1 = vecP(p, 'b1'); const W2 = matP(p, 'W2'); const b2 = vecP(p, 'b2'); const x = vecP(p, 'x'); const y = vecP(p, 'y');
    const cost = (b: number[]) => {
      const z1 = W1.map((row, j) => dot(row, x) + b[j]);
      const a1 = [sig(z1[0]), Math.tanh(z1[1])];
      return quadC([sig(dot(W2[0], a1) + b2[0])], y);
    };
    expect(A(ex, p)).toBeCloseTo(fd((t) => cost([b1[0], t]), b1[1]), 8);
    // the slip: σ′(z¹₂) in place of tanh′(z¹₂)
    const z12 = dot(W1[1], x) + b1[1];
    return String(A(ex, p) / (1 - Math.tanh(z12) ** 2) * sig(z12) * (1 - sig(z12)));
  },
  'linear-delta': (ex, p) => {
    const W1 = matP(p, 'W1'); const b1 = vecP(p, 'b1'); const W2 = matP(p, 'W2'); const b2 = vecP(p, 'b2'); const x = vecP(p, 'x'); const y = vecP(p, 'y');
    // δ¹ = ∂C/∂z¹: perturb z¹ itself in a linear network written out here
    const costFromZ1 = (z1: number[]) => quadC([dot(W2[0], z1) + b2[0]], y);
    const z1 = W1.map((row, j) => dot(row, x) + b1[j]);
    const d = grad(costFromZ1, z1);
    close(G(ex, p), d);
    return d.map((v, k) => String(v * sig(z1[k]) * (1 - sig(z1[k]))));
  },
  'path-count': (ex, p) => {
    // enumerate the paths by brute force: every choice of (p2, p3)
    let count = 0;
    for (let p2 = 0; p2 < num(p, 'n2'); p2++) for (let p3 = 0; p3 < num(p, 'n3'); p3++) count++;
    expect(A(ex, p)).toBe(count);
    return String(num(p, 'n1') * count);
  },
  'path-product': (ex, p) => {
    // the path through z²₂ carries exactly the change of the cost's second term ½(a²₂ − y₂)²: differentiate that term alone
    const ws = (w1: number) => [[[w1]], [[num(p, 'v1')], [num(p, 'v2')]]];
    const bs = [[num(p, 'b1')], [num(p, 'c1'), num(p, 'c2')]];
    const term2 = (w1: number) => 0.5 * (handForward(ws(w1), bs, [num(p, 'x')]).as[2][1] - num(p, 'y2')) ** 2;
    const full = (w1: number) => quadC(handForward(ws(w1), bs, [num(p, 'x')]).as[2], [num(p, 'y1'), num(p, 'y2')]);
    expect(A(ex, p)).toBeCloseTo(fd(term2, num(p, 'w1')), 8);
    const sum = fd(full, num(p, 'w1'));
    return Math.abs(sum - A(ex, p)) > 0.05 * Math.abs(A(ex, p)) + 1e-3 ? String(sum) : undefined;
  },
  // ch4
  'grad-w-shape': (ex, p) => {
    const nin = num(p, 'nin'); const nout = num(p, 'nout');
    const net = engine.createNetwork({ sizes: [nin, nout], seed: 3 });
    const g = engine.backprop(net, Array(nin).fill(0.5), Array(nout).fill(0)).nablaW[0];
    close(G(ex, p), [g.rows, g.cols], 0);
    return nin === nout ? undefined : [String(nin), String(nout)];
  },
  'param-count': (ex, p) => {
    const sizes = [num(p, 'n0'), num(p, 'n1'), num(p, 'n2')];
    const model = engine.toJSON(engine.createNetwork({ sizes }));
    const weights = model.weights.flat(2).length;
    expect(A(ex, p)).toBe(weights + model.biases.flat().length);
    return String(weights);
  },
  'autodiff-two-uses': (ex, p) => {
    const f = (a: number) => a * num(p, 'b') + sig(a);
    expect(A(ex, p)).toBeCloseTo(fd(f, num(p, 'a')), 8);
    return String(num(p, 'b'));
  },
  'autodiff-memory': (ex, p) => {
    const [n0, n1, n2, m] = ['n0', 'n1', 'n2', 'm'].map((k) => num(p, k));
    // shapes written out: X (m × n0), A¹ and Z¹ (m × n1), A² and Z² (m × n2)
    expect(A(ex, p)).toBe(m * n0 + 2 * m * n1 + 2 * m * n2);
    return String(m * (n0 + n1 + n2));
  },
  'sgd-step': (ex, p) => {
    const w0 = num(p, 'w'); const g = num(p, 'g');
    const C = (w: number) => g * w + (w - w0) ** 2; // slope g at w0
    expect(A(ex, p)).toBeCloseTo(w0 - num(p, 'eta') * fd(C, w0), 8);
    return g === 0 ? undefined : String(w0 + num(p, 'eta') * g);
  },
  'minibatch-code': (ex, p) => {
    for (const c of codeCases(ex, p)) {
      const model = c.args[0].v as { sizes: number[]; activations: string[]; cost: string; weights: number[][][]; biases: number[][] };
      expect(model.activations.every((a) => a === 'sigmoid')).toBe(true);
      expect(model.cost).toBe('quadratic');
      const batch = c.args[1].v as { x: number[]; y: number[] }[]; const eta = c.args[2].v as number; const m = batch.length;
      const total = (ws: number[][][], bs: number[][]) => batch.reduce((s, { x, y }) => s + quadC(handForward(ws, bs, x).as[ws.length], y), 0);
      const ws = model.weights; const bs = model.biases;
      const newW = ws.map((W, l) => gradM((Wl) => total(ws.map((w, i) => (i === l ? Wl : w)), bs), W).map((row, j) => row.map((g, k) => W[j][k] - (eta / m) * g)));
      const newB = bs.map((b, l) => grad((bl) => total(ws, bs.map((v, i) => (i === l ? bl : v))), b).map((g, j) => b[j] - (eta / m) * g));
      const exp = c.expected as { weights: number[][][]; biases: number[][] };
      close(exp.weights.flat(2), newW.flat(2));
      close(exp.biases.flat(), newB.flat());
    }
    return undefined;
  },
  // ch4, momentum: the update written out here, with the slope taken by central differences; a geometric series; complex roots
  'momentum-step': (ex, p) => {
    const w0 = num(p, 'w'); const g = num(p, 'g');
    const C = (w: number) => g * w + (w - w0) ** 2; // slope g at w0
    const v = num(p, 'beta') * num(p, 'v') - num(p, 'eta') * fd(C, w0);
    expect(A(ex, p)).toBeCloseTo(w0 + v, 8);
    return String(w0 - num(p, 'eta') * g);
  },
  'momentum-terminal': (ex, p) => {
    const g = num(p, 'g'); const eta = num(p, 'eta'); const beta = num(p, 'beta');
    let series = 0;
    for (let k = 0; k < 5000; k++) series += beta ** k;
    expect(A(ex, p)).toBeCloseTo(-eta * g * series, 10);
    return String(-eta * g);
  },
  'momentum-rate': (ex, p) => {
    const q = num(p, 'q'); const eta = num(p, 'eta'); const beta = num(p, 'beta');
    // roots of r² − s r + β in complex arithmetic: r = (s ± √(s² − 4β))/2
    const s = 1 + beta - eta * q; const d = s * s - 4 * beta;
    const moduli = d >= 0 ? [(s + Math.sqrt(d)) / 2, (s - Math.sqrt(d)) / 2].map(Math.abs) : [Math.hypot(s / 2, Math.sqrt(-d) / 2)];
    expect(A(ex, p)).toBeCloseTo(Math.max(...moduli), 12);
    return String(Math.abs(Math.abs(1 - eta * q) - A(ex, p)) < 1e-3 ? beta : Math.abs(1 - eta * q));
  },
  // ch5: central differences of the cost of a network written out here
  'delta-L': (ex, p) => {
    const q = ch5(p);
    expect(A(ex, p)).toBeCloseTo(fd((t) => ch5Cost({ ...q, b2: [t] }), q.b2[0]), 7); // δ = ∂C/∂b (BP3)
    const { as } = handForward([q.W1, q.W2], [q.b1, q.b2], q.x);
    return String(as[2][0] - q.y[0]);
  },
  'delta-l': (ex, p) => {
    const q = ch5(p);
    close(G(ex, p), grad((b1) => ch5Cost({ ...q, b1 }), q.b1));
    const d2 = fd((t) => ch5Cost({ ...q, b2: [t] }), q.b2[0]);
    return q.W2[0].map((wk) => String(wk * d2)); // (w²)ᵀδ² without σ′(z¹)
  },
  'grad-w2': (ex, p) => {
    const q = ch5(p);
    close(G(ex, p), gradM((W2) => ch5Cost({ ...q, W2 }), q.W2).flat());
    const d2 = fd((t) => ch5Cost({ ...q, b2: [t] }), q.b2[0]);
    return q.x.map((xk) => String(xk * d2));
  },
  'grad-w1': (ex, p) => {
    const q = ch5(p);
    const g = gradM((W1) => ch5Cost({ ...q, W1 }), q.W1);
    close(G(ex, p), g.flat());
    return [g[0][0], g[1][0], g[0][1], g[1][1]].map(String); // the transpose
  },
  'grad-b1': (ex, p) => {
    const q = ch5(p);
    const g = grad((b1) => ch5Cost({ ...q, b1 }), q.b1);
    close(G(ex, p), g);
    return g.map((v) => String(-v));
  },
  // ch6
  'augmented-bias': (ex, p) => {
    // M is W̃ (3×2) read row by row: the row [a₁ a₂ 1] times W̃ must be (w a + b)ᵀ for any a
    const w = matP(p, 'W'); const b = vecP(p, 'b'); const M = G(ex, p);
    const r = seededRng(5);
    for (let t = 0; t < 3; t++) {
      const a = [r(), r()];
      const lhs = [0, 1].map((j) => a[0] * M[j] + a[1] * M[2 + j] + 1 * M[4 + j]);
      close(lhs, w.map((row, j) => dot(row, a) + b[j]), 1e-12);
    }
    return [...w.flat(), ...b].map(String); // [w; bᵀ]: w where W = wᵀ belongs
  },
  'batched-z-expr': (ex) => {
    for (const env of envsFor(ex)) {
      // row i of Z is (w xᵢ + b)ᵀ, with xᵢ row i of X and bᵀ row i of B
      const w = env.w as number[][]; const X = env.X as number[][]; const B = env.B as number[][];
      const Z = X.map((x, i) => w.map((row, j) => dot(row, x) + B[i][j]));
      close(flat(ref(ex, env)), Z.flat(), 1e-12);
    }
    return 'X*w + B';
  },
  'batched-grad': (ex) => {
    for (const env of envsFor(ex)) {
      // Σ_i δ⁽ⁱ⁾ (a⁽ⁱ⁾)ᵀ with δ⁽ⁱ⁾ = row i of E and a⁽ⁱ⁾ = row i of A: a sum of outer products
      const E = env.E as number[][]; const Am = env.A as number[][];
      const S = E[0].map((_, j) => Am[0].map((_, k) => E.reduce((s, row, i) => s + row[j] * Am[i][k], 0)));
      close(flat(ref(ex, env)), S.flat(), 1e-12);
    }
    return 'A^T * E';
  },
  'bp4-code': (ex, p) => {
    for (const c of codeCases(ex, p)) {
      const d = argv(c, 0); const a = argv(c, 1);
      close((c.expected as number[][]).flat(), gradM((W) => dot(d, W.map((row) => dot(row, a))), d.map(() => a.map(() => 0))).flat());
    }
    return undefined;
  },
  // ch7
  'neuron-update-w': (ex, p) => {
    const C = (w: number) => 0.5 * (sig(w * num(p, 'x') + num(p, 'b')) - num(p, 'y')) ** 2;
    expect(A(ex, p)).toBeCloseTo(num(p, 'w') - num(p, 'eta') * fd(C, num(p, 'w')), 7);
    return String(num(p, 'w') - num(p, 'eta') * (sig(num(p, 'w') + num(p, 'b')) - num(p, 'y')));
  },
  'neuron-update-b': (ex, p) => {
    const C = (b: number) => 0.5 * (sig(num(p, 'w') * num(p, 'x') + b) - num(p, 'y')) ** 2;
    expect(A(ex, p)).toBeCloseTo(num(p, 'b') - num(p, 'eta') * fd(C, num(p, 'b')), 7);
    return String(num(p, 'b') - num(p, 'eta') * (sig(num(p, 'w') + num(p, 'b')) - num(p, 'y')));
  },
  'sigma-prime-max': (ex, p) => {
    let best = -Infinity;
    for (let z = -10; z <= 10; z += 0.01) best = Math.max(best, fd(sig, z));
    expect(A(ex, p)).toBeCloseTo(best, 6);
    expect(A(ex, p)).toBeGreaterThanOrEqual(best - 1e-9);
    return String(sig(0));
  },
  // ch8
  'ce-minimiser': (ex, p) => {
    const y = num(p, 'y'); const a = A(ex, p);
    const C = (t: number) => -(y * Math.log(t) + (1 - y) * Math.log(1 - t));
    expect(Math.abs(fd(C, a))).toBeLessThan(1e-6);
    expect(C(a)).toBeLessThan(C(a + 0.01)); expect(C(a)).toBeLessThan(C(a - 0.01));
    return String(1 - y === y ? 0.3 : 1 - y);
  },
  'ce-delta-expr': (ex) => {
    for (const env of envsFor(ex)) {
      const z = flat(env.z); const y = flat(env.y);
      close(flat(ref(ex, { a: column(z.map(sig)), y: env.y, z: env.z })), grad((zz) => ceC(zz.map(sig), y), z));
    }
    return '(a - y) .* sigmap(z)';
  },
  'ce-weight-grad': (ex) => {
    const r = seededRng(11);
    for (let t = 0; t < 6; t++) {
      const w = 2 * r() - 1; const b = r() - 0.5; const x = 2 * r() - 1; const y = r();
      const a = sig(w * x + b);
      expect(ref(ex, { a, y, x }) as number).toBeCloseTo(fd((ww) => ceC([sig(ww * x + b)], [y]), w), 7);
    }
    return '(a-y)*x*a*(1-a)';
  },
  'ce-value': (ex, p) => {
    const a = sig(num(p, 'z')); const y = num(p, 'y');
    expect(A(ex, p)).toBeCloseTo(-(y * Math.log(a) + (1 - y) * Math.log(1 - a)), 12);
    return String(-(y * Math.log10(a) + (1 - y) * Math.log10(1 - a)));
  },
  'ce-delta-code': (ex, p) => {
    for (const c of codeCases(ex, p)) {
      const y = argv(c, 1); const z = argv(c, 2);
      close(c.expected as number[], grad((zz) => ceC(zz.map(sig), y), z));
    }
    return undefined;
  },
  // ch9
  'linear-output-grad': (ex, p) => {
    const x = num(p, 'x'); const y = num(p, 'y'); const b = num(p, 'b');
    const C = (w: number) => 0.5 * (w * x + b - y) ** 2; // a linear neuron, written out
    expect(A(ex, p)).toBeCloseTo(fd(C, num(p, 'w')), 8);
    const z = num(p, 'w') * x + b;
    return String(A(ex, p) * sig(z) * (1 - sig(z)));
  },
  'ce-excess': (ex, p) => {
    const y = num(p, 'y'); const a = num(p, 'a');
    const kl = y * Math.log(y / a) + (1 - y) * Math.log((1 - y) / (1 - a));
    expect(A(ex, p)).toBeCloseTo(kl, 12);
    expect(A(ex, p)).toBeGreaterThanOrEqual(0);
    return kl === 0 ? undefined : String(ceC([a], [y]));
  },
  'softmax-values': (ex, p) => {
    const z = vecP(p, 'z'); const e = z.map(Math.exp); const s = e.reduce((t, v) => t + v, 0);
    close(G(ex, p), e.map((v) => v / s), 1e-12);
    return e.map(String);
  },
  'softmax-jacobian-entry': (ex, p) => {
    const z = vecP(p, 'z');
    expect(A(ex, p)).toBeCloseTo(fd((t) => handSoftmax([z[0], t, z[2]])[0], z[1]), 8);
    const a = handSoftmax(z);
    return String(a[0] * a[1]);
  },
  'softmax-jacobian-expr': (ex) => {
    const r = seededRng(21);
    for (let t = 0; t < 5; t++) {
      const z = [4 * r() - 2, 4 * r() - 2, 4 * r() - 2];
      const J = [0, 1, 2].map((j) => grad((zz) => handSoftmax(zz)[j], z));
      close(flat(ref(ex, { a: column(handSoftmax(z)) })), J.flat());
    }
    return 'a*a^T - diag(a)';
  },
  'softmax-code': (ex, p) => {
    for (const c of codeCases(ex, p)) close(c.expected as number[], handSoftmax(argv(c, 0)), 1e-12);
    return undefined;
  },
  // ch10
  'softmax-kappa': (ex, p) => {
    const z = vecP(p, 'z'); const k = num(p, 'kappa');
    expect(A(ex, p)).toBeCloseTo(Math.max(...handSoftmax(z.map((v) => k * v))), 12);
    return String(Math.max(...handSoftmax(z)));
  },
  'softmax-limit': (ex, p) => {
    const z = vecP(p, 'z');
    expect(new Set(z).size).toBe(3); // no tie for the largest
    const top = z.indexOf(Math.max(...z));
    close(G(ex, p), z.map((_, i) => (i === top ? 1 : 0)), 0);
    return z.map(() => String(1 / 3));
  },
  'l2-factor': (ex, p) => {
    const w = 0.7; const R = (t: number) => (num(p, 'lambda') / (2 * num(p, 'n'))) * t * t;
    expect(A(ex, p) * w).toBeCloseTo(w - num(p, 'eta') * fd(R, w), 9);
    return String(1 - num(p, 'eta') * num(p, 'lambda'));
  },
  'l2-update-expr': (ex) => {
    for (const env of envsFor(ex)) {
      const { w, eta, lambda, n, m, g } = env as Record<string, number>;
      const C = (t: number) => (lambda / (2 * n)) * t * t + (g / m) * t; // the penalty plus the averaged minibatch cost, linear near w
      expect(ref(ex, env) as number).toBeCloseTo(w - eta * fd(C, w), 8);
    }
    return '(1 - eta*lambda)*w - eta/m*g';
  },
  'l2-step': (ex, p) => {
    // one step of gradient descent on C = C₀ + (λ/2n) w², with C₀ linear near w (slope g), by central differences
    const w = num(p, 'w'); const g = num(p, 'g'); const eta = num(p, 'eta'); const lambda = num(p, 'lambda'); const n = num(p, 'n');
    const C = (t: number) => g * t + (lambda / (2 * n)) * t * t;
    expect(A(ex, p)).toBeCloseTo(w - eta * fd(C, w), 9);
    return w === 0 ? undefined : String(w - eta * (g - (lambda / n) * w)); // note 004 §3.9's sign slip
  },
  // ch11
  'z-sd-standard': (ex, p) => {
    let v = 1; for (let i = 0; i < num(p, 'nin'); i++) v += i % 2 === 0 ? 1 : 0; // N(0,1) bias, plus one N(0,1) weight per active input
    expect(A(ex, p)).toBeCloseTo(Math.sqrt(v), 12);
    return String(v);
  },
  'z-sd-scaled': (ex, p) => {
    const n = num(p, 'nin'); const g = normals(n);
    const zs = Array.from({ length: 3000 }, () => { let z = g(); for (let i = 0; i < n / 2; i++) z += g() / Math.sqrt(n); return z; });
    expect(Math.abs(sampleSd(zs) / A(ex, p) - 1)).toBeLessThan(0.06); // sampling error ≈ 1.3 %
    return '1.5';
  },
  'init-sd-value': (ex, p) => {
    const n = num(p, 'nin');
    const net = engine.createNetwork({ sizes: [n, 60], init: 'scaled', seed: n });
    expect(Math.abs(sampleSd(Array.from(net.weights[0].data)) / A(ex, p) - 1)).toBeLessThan(0.03); // ≥ 6000 draws: error ≈ 1 %
    return String(1 / n);
  },
  'init-xavier': (ex, p) => {
    const nIn = num(p, 'nin'); const nOut = num(p, 'nout');
    expect(A(ex, p)).toBeCloseTo(1 / ((nIn + nOut) / 2), 14); // one over the mean of the two sizes
    const net = engine.createNetwork({ sizes: [nIn, nOut], init: 'xavier', seed: nIn + nOut });
    const xs = Array.from(net.weights[0].data);
    expect(Math.abs(sampleSd(xs) ** 2 / A(ex, p) - 1)).toBeLessThan(6 * Math.sqrt(2 / (xs.length - 1))); // ≥ 300 draws
    return String(1 / nIn);
  },
  'init-he-sd': (ex, p) => {
    const n = num(p, 'nin');
    const net = engine.createNetwork({ sizes: [n, 60], init: 'he', seed: n });
    expect(Math.abs(sampleSd(Array.from(net.weights[0].data)) / A(ex, p) - 1)).toBeLessThan(0.05); // ≥ 3000 draws: error ≈ 1.3 %
    expect(A(ex, p) ** 2).toBeCloseTo(2 / n, 14);
    return String(2 / n);
  },
  // ch12
  'mnist-params': (ex, p) => {
    const model = engine.toJSON(engine.createNetwork({ sizes: [784, num(p, 'h'), 10] }));
    const weights = model.weights.flat(2).length;
    expect(A(ex, p)).toBe(weights + model.biases.flat().length);
    return String(weights);
  },
  'mnist-steps': (ex, p) => {
    let steps = 0;
    for (let start = 0; start < num(p, 'n'); start += num(p, 'm')) steps++;
    expect(A(ex, p)).toBe(steps);
    return String(steps + 1);
  },
  'mnist-onehot': (ex, p) => {
    const y = G(ex, p); const d = num(p, 'd');
    expect(y.every((v) => v === 0 || v === 1)).toBe(true);
    // with a one-hot target the log-likelihood −Σ yⱼ ln aⱼ is −ln a_d for any output a
    const a = handSoftmax([0.3, -1, 2, 0.1, 0.5, -0.4, 1.2, 0.8, -2, 0.05]);
    expect(-y.reduce((s, yj, j) => s + yj * Math.log(a[j]), 0)).toBeCloseTo(-Math.log(a[d]), 14);
    expect(y.reduce((s, v) => s + v, 0)).toBe(1);
    return y.map((_, i) => String(i === (d + 1) % 10 ? 1 : 0));
  },
  // ch14
  'l1-step': (ex, p) => {
    // one gradient step on C = C₀ + (λ/n)|w|, with C₀ linear near w (slope g), by central differences (|t| has slope 0 at 0 by symmetry: sgn(0) = 0)
    const w = num(p, 'w'); const g = num(p, 'g'); const eta = num(p, 'eta'); const lambda = num(p, 'lambda'); const n = num(p, 'n');
    const C = (t: number) => g * t + (lambda / n) * Math.abs(t);
    expect(A(ex, p)).toBeCloseTo(w - eta * fd(C, w), 9);
    return w === 0 ? undefined : String((1 - (eta * lambda) / n) * w - eta * g); // the L2 step
  },
  'l1-vs-l2-k-steps': (ex, p) => {
    // closed forms: k equal steps ηλ/n towards 0 (w stays on its side), and k factors (1 − ηλ/n)
    const w = num(p, 'w'); const k = num(p, 'k'); const s = (num(p, 'eta') * num(p, 'lambda')) / num(p, 'n');
    expect(k * s).toBeLessThan(Math.abs(w));
    const [l1, l2] = G(ex, p);
    expect(l1).toBeCloseTo(w - k * s * Math.sign(w), 12);
    expect(l2).toBeCloseTo(w * (1 - s) ** k, 12);
    return [String(w * (1 - s) ** k), String(w * (1 - s) ** k)];
  },
  'dropout-delta': (ex, p) => {
    // δ¹ = ∂C/∂z¹ by central differences of the masked network's cost as a function of z¹
    const W1 = matP(p, 'W1'); const b1 = vecP(p, 'b1'); const W2 = matP(p, 'W2'); const b2 = vecP(p, 'b2'); const x = vecP(p, 'x'); const y = vecP(p, 'y');
    const r = [0, 1, 2].map((j) => (j === num(p, 'drop') ? 0 : 1 / (1 - 0.5)));
    const z1 = W1.map((row, j) => dot(row, x) + b1[j]);
    const costOfZ1 = (z: number[]) => { const a1 = z.map((zj, j) => r[j] * sig(zj)); return quadC([sig(dot(W2[0], a1) + b2[0])], y); };
    close(G(ex, p), grad(costOfZ1, z1), 1e-6);
    const plain = handForward([W1, W2], [b1, b2], x);
    return grad((z) => quadC([sig(dot(W2[0], z.map(sig)) + b2[0])], y), plain.zs[0]).map(String); // the mask ignored
  },
  'early-stop-epoch': (ex, p) => {
    // walk the epochs: the first epoch that is `k` epochs past the (first) maximum so far
    const values = vecP(p, 'values'); const k = num(p, 'k');
    let stop = -1;
    for (let e = 1; e <= values.length && stop < 0; e++) {
      const seen = values.slice(0, e);
      const best = seen.indexOf(Math.max(...seen)) + 1;
      if (e - best === k) stop = e;
    }
    expect(A(ex, p)).toBe(stop);
    return String(num(p, 'peak'));
  },
  // ch13
  'vg-chain': (ex, p) => {
    const w = p.w as number[]; const b = p.b as number[]; const x = num(p, 'x'); const y = num(p, 'y');
    const C = (b1: number) => { let a = x; for (let l = 0; l < 3; l++) a = sig(w[l] * a + (l === 0 ? b1 : b[l])); return 0.5 * (a - y) ** 2; };
    expect(A(ex, p)).toBeCloseTo(fd(C, b[0]), 8);
    // the last neuron's bias gradient, the answer for the wrong layer
    const zs: number[] = []; let a = x; for (let l = 0; l < 3; l++) { zs.push(w[l] * a + b[l]); a = sig(zs[l]); }
    const d3 = (a - y) * sig(zs[2]) * (1 - sig(zs[2]));
    return Math.abs(d3 - A(ex, p)) > 1e-6 * Math.max(1, Math.abs(d3)) ? String(d3) : undefined;
  },
  'vg-bound': (ex, p) => {
    const c = num(p, 'c'); const L = num(p, 'L');
    // a chain with every weight c and every z = 0 (biases chosen so) reaches the bound; checked through a hand-written backward pass
    let ratio = 1; for (let l = 1; l < L; l++) ratio *= c * fd(sig, 0);
    expect(A(ex, p)).toBeCloseTo(ratio, 8);
    // and no random chain with |w| ≤ c exceeds it
    const g = normals(L);
    for (let t = 0; t < 200; t++) {
      let r = 1; for (let l = 1; l < L; l++) { const z = 3 * g(); const s = sig(z); r *= Math.min(c, Math.abs(c * g())) * s * (1 - s); }
      expect(r).toBeLessThanOrEqual(A(ex, p) * (1 + 1e-12));
    }
    return String(c ** (L - 1));
  },
  'vg-unstable-width': (ex, p) => {
    const w = num(p, 'w');
    const f = (a: number) => Math.abs(w * sig(w * a)) * (1 - sig(w * a)) - 1; // b = 0: the band is centred on a = 0
    let lo = 0; let hi = 10;
    for (let i = 0; i < 200; i++) { const mid = (lo + hi) / 2; if (f(mid) >= 0) lo = mid; else hi = mid; }
    expect(A(ex, p)).toBeCloseTo(2 * lo, 9); // symmetric about a = 0
    return String(2 * lo * w);
  },
};

describe('reference answers by independent routes', () => {
  for (const [id, route] of Object.entries(routes)) {
    it(`${id}: the answer agrees with an independent route, and a typical wrong answer is rejected`, () => {
      const ex = byId(id);
      let rejected = 0;
      for (const s of seeds) {
        const p = paramsFor(ex, s);
        const wrong = route(ex, p);
        if (wrong === undefined) continue;
        if (ex.kind === 'expression') expect(checkExpression(String(wrong), ex.spec).ok).toBe(false);
        else expect(grade(ex, p, wrong).ok).toBe(false);
        rejected++;
      }
      // code exercises: the known wrong answer (wrongCode) is run over several seeds in code.test.ts
      if (ex.kind !== 'code') expect(rejected).toBeGreaterThan(0);
    });
  }
  it('every exercise with a computed answer has an independent route here', () => {
    const computed = all.filter((e) => e.kind !== 'choice').map((e) => e.id).sort();
    expect(Object.keys(routes).sort()).toEqual(computed);
  });
});
