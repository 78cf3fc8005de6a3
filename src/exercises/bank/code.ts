// Code exercises: the reader writes one function; hidden cases whose expected values come from
// the engine's own implementation grade it in a worker (src/exercises/code.ts, src/notebook/).
// Each exercise carries a right answer and a typical wrong one, which the tests run.
import type { CodeExercise, Params } from '../types';
import type { CodeCase } from '../../notebook/grade-code';
import {
  Matrix, createRng, createNetwork, toJSON, updateMiniBatch, hiddenError, outer,
  quadratic, crossEntropy, sigmoid, softmax, type Cost, type Rng,
} from '../../engine/index';

const seedParams = (r: () => number): Params => ({ seed: 1 + Math.floor(r() * 1e9) });
const uniform = (rng: Rng, n: number, lo: number, hi: number) => Array.from({ length: n }, () => lo + (hi - lo) * rng.next());
const vec = (v: ArrayLike<number>) => ({ t: 'vec' as const, v: Array.from(v) });
const mat = (v: number[][]) => ({ t: 'mat' as const, v });

const SIGMOID = 'const sigma = (t: number) => 1 / (1 + Math.exp(-t));';

/** Hidden cases for an output error δᴸ of sigmoid neurons: z drawn in [−zMax, zMax], a = σ(z), y in [0, 1]; the engine's cost gives δᴸ. */
function sigmoidOutputErrorCases(seed: number, lengths: number[], zMax: number, cost: Cost): CodeCase[] {
  const rng = createRng(seed);
  return lengths.map((n) => {
    const z = uniform(rng, n, -zMax, zMax);
    const a = sigmoid.fn(z);
    const y = uniform(rng, n, 0, 1);
    return { args: [vec(a), vec(y), vec(z)], expected: Array.from(cost.delta(z, a, y, sigmoid)) };
  });
}

const bp1: CodeExercise = {
  id: 'bp1-code', version: '1', kind: 'code', title: 'BP1 in code',
  fnName: 'outputError',
  params: seedParams,
  prompt: () => 'Write `outputError(a, y, z)`: the output error $\\delta^L$ for the quadratic cost and sigmoid output neurons, given $a = a^L$, $y$ and $z = z^L$ (all `Float64Array`s of the same length). Return a new `Float64Array`.',
  starter: `// BP1: δᴸ = ∇ₐC ⊙ σ′(zᴸ), with ∇ₐC = a − y for the quadratic cost.
function outputError(a: Float64Array, y: Float64Array, z: Float64Array): Float64Array {
  const delta = new Float64Array(a.length);
  // your code here
  return delta;
}`,
  referenceCode: `${SIGMOID}
function outputError(a: Float64Array, y: Float64Array, z: Float64Array): Float64Array {
  return a.map((aj, j) => (aj - y[j]) * sigma(z[j]) * (1 - sigma(z[j])));
}`,
  wrongCode: `function outputError(a: Float64Array, y: Float64Array, z: Float64Array) {
  return a.map((aj, j) => aj - y[j]);
}`,
  cases: (p) => sigmoidOutputErrorCases(p.seed as number, [1, 2, 3, 4], 3, quadratic),
  hints: ["$\\delta^L_j = (a_j - y_j)\\,\\sigma'(z_j)$.", "$\\sigma'(z) = \\sigma(z)(1 - \\sigma(z))$ with $\\sigma(z) = 1/(1 + e^{-z})$."],
  solution: () => "Loop over $j$: `delta[j] = (a[j] - y[j]) * s * (1 - s)` with `s = 1 / (1 + Math.exp(-z[j]))`. Forgetting the $\\sigma'(z)$ factor gives the cross-entropy shortcut instead.",
};

const bp2: CodeExercise = {
  id: 'bp2-code', version: '1', kind: 'code', title: 'BP2 in code',
  fnName: 'hiddenError',
  params: seedParams,
  prompt: () => "Write `hiddenError(wNext, deltaNext, z)`: the error $\\delta^l = ((w^{l+1})^{\\mathsf T}\\delta^{l+1})\\odot\\sigma'(z^l)$ of a sigmoid layer. `wNext` is the engine's `Matrix` $w^{l+1}$ ($n_{l+1}\\times n_l$: `wNext.rows`, `wNext.cols`, `wNext.get(j, k)`); `deltaNext` and `z` are `Float64Array`s.",
  starter: `// BP2: δˡ = ((wˡ⁺¹)ᵀ δˡ⁺¹) ⊙ σ′(zˡ)
import { Matrix } from "engine";

function hiddenError(wNext: Matrix, deltaNext: Float64Array, z: Float64Array): Float64Array {
  const delta = new Float64Array(z.length); // one entry per neuron of layer l: wNext.cols of them
  // your code here
  return delta;
}`,
  referenceCode: `import { Matrix } from "engine";
${SIGMOID}
function hiddenError(wNext: Matrix, deltaNext: Float64Array, z: Float64Array): Float64Array {
  const delta = new Float64Array(wNext.cols);
  for (let k = 0; k < wNext.cols; k++) {
    let s = 0;
    for (let j = 0; j < wNext.rows; j++) s += wNext.get(j, k) * deltaNext[j];
    delta[k] = s * sigma(z[k]) * (1 - sigma(z[k]));
  }
  return delta;
}`,
  wrongCode: `import { Matrix } from "engine";
function hiddenError(wNext: Matrix, deltaNext: Float64Array, z: Float64Array): Float64Array {
  const delta = new Float64Array(wNext.cols);
  for (let k = 0; k < wNext.cols; k++) {
    let s = 0;
    for (let j = 0; j < wNext.rows; j++) s += wNext.get(j, k) * deltaNext[j];
    delta[k] = s; // forgets σ′(z)
  }
  return delta;
}`,
  cases: (p) => {
    const rng = createRng(p.seed as number);
    return [[1, 1], [2, 3], [3, 2], [4, 5]].map(([nNext, n]): CodeCase => {
      const w = Array.from({ length: nNext }, () => uniform(rng, n, -1, 1));
      const d = uniform(rng, nNext, -0.5, 0.5);
      const z = uniform(rng, n, -2, 2);
      return { args: [mat(w), vec(d), vec(z)], expected: Array.from(hiddenError(Matrix.from(w), d, z, sigmoid)) };
    });
  },
  hints: ['$((w^{l+1})^{\\mathsf T}\\delta^{l+1})_k = \\sum_j w^{l+1}_{jk}\\,\\delta^{l+1}_j$: sum down column $k$.', "Then multiply by $\\sigma'(z_k)$."],
  solution: () => "For each $k$: `s = Σ_j wNext.get(j, k) * deltaNext[j]`, then `delta[k] = s * σ′(z[k])`. Summing along a row ($w$ instead of $w^{\\mathsf T}$) gives the wrong length when the layers differ in size.",
};

const bp4: CodeExercise = {
  id: 'bp4-code', version: '1', kind: 'code', title: 'BP4 as an outer product, in code',
  fnName: 'weightGradient',
  params: seedParams,
  prompt: () => "Write `weightGradient(delta, aPrev)`: $\\partial C/\\partial w^l = \\delta^l (a^{l-1})^{\\mathsf T}$, an $n_l\\times n_{l-1}$ matrix. Return the engine's `Matrix` (e.g. `Matrix.zeros(rows, cols)` then `m.set(j, k, v)`) or a `number[][]`.",
  starter: `// BP4: ∂C/∂wˡⱼₖ = aˡ⁻¹ₖ δˡⱼ
import { Matrix } from "engine";

function weightGradient(delta: Float64Array, aPrev: Float64Array): Matrix {
  const g = Matrix.zeros(delta.length, aPrev.length);
  // your code here
  return g;
}`,
  referenceCode: `import { Matrix } from "engine";
function weightGradient(delta: Float64Array, aPrev: Float64Array): Matrix {
  const g = Matrix.zeros(delta.length, aPrev.length);
  for (let j = 0; j < delta.length; j++) for (let k = 0; k < aPrev.length; k++) g.set(j, k, delta[j] * aPrev[k]);
  return g;
}`,
  wrongCode: `import { Matrix } from "engine";
function weightGradient(delta: Float64Array, aPrev: Float64Array): Matrix {
  const g = Matrix.zeros(aPrev.length, delta.length);
  for (let k = 0; k < aPrev.length; k++) for (let j = 0; j < delta.length; j++) g.set(k, j, delta[j] * aPrev[k]);
  return g;
}`,
  cases: (p) => {
    const rng = createRng(p.seed as number);
    return [[1, 1], [2, 3], [3, 2], [4, 1]].map(([n, nPrev]): CodeCase => {
      const d = uniform(rng, n, -1, 1);
      const a = uniform(rng, nPrev, 0, 1);
      return { args: [vec(d), vec(a)], expected: outer(d, a).toArray() };
    });
  },
  hints: ['Entry $(j, k)$ is $\\delta_j a_k$.', 'The shape is (length of δ) × (length of a): rows follow the later layer.'],
  solution: () => '`g.set(j, k, delta[j] * aPrev[k])` for every $j, k$. The transposed matrix $a\\,\\delta^{\\mathsf T}$ has shape $n_{l-1}\\times n_l$ and does not fit $w^l$.',
};

const softmaxCode: CodeExercise = {
  id: 'softmax-code', version: '1', kind: 'code', title: 'Softmax in code, without overflow',
  fnName: 'softmax',
  params: seedParams,
  prompt: () => 'Write `softmax(z)`: $a_j = e^{z_j} / \\sum_k e^{z_k}$ for a `Float64Array` $z$. The hidden tests include large $z$ (around 1000), where $e^{z}$ overflows to `Infinity`.',
  starter: `// a_j = exp(z_j) / Σ_k exp(z_k)
function softmax(z: Float64Array): Float64Array {
  const a = new Float64Array(z.length);
  // your code here
  return a;
}`,
  referenceCode: `function softmax(z: Float64Array): Float64Array {
  const m = Math.max(...z); // subtracting the max changes nothing mathematically and keeps exp finite
  const e = z.map((v) => Math.exp(v - m));
  const s = e.reduce((t, v) => t + v, 0);
  return e.map((v) => v / s);
}`,
  wrongCode: `function softmax(z: Float64Array): Float64Array {
  const e = z.map((v) => Math.exp(v));
  const s = e.reduce((t, v) => t + v, 0);
  return e.map((v) => v / s);
}`,
  cases: (p) => {
    const rng = createRng(p.seed as number);
    const zs = [uniform(rng, 3, -2, 2), uniform(rng, 5, -4, 4), uniform(rng, 4, 998, 1002), [0]];
    return zs.map((z): CodeCase => ({ args: [vec(z)], expected: Array.from(softmax.fn(z)) }));
  },
  hints: ['$e^{z_j - m} / \\sum_k e^{z_k - m}$ is the same number for any constant $m$.', 'Choose $m = \\max_k z_k$: every exponent is then ≤ 0.'],
  solution: () => 'Subtract $m = \\max_k z_k$ before exponentiating (the log-sum-exp trick): `e = z.map(v => Math.exp(v - m))`, then divide by the sum.',
};

const ceDelta: CodeExercise = {
  id: 'ce-delta-code', version: '1', kind: 'code', title: 'Cross-entropy output error in code',
  fnName: 'crossEntropyDelta',
  params: seedParams,
  prompt: () => "Write `crossEntropyDelta(a, y, z)`: the output error $\\delta^L$ for the cross-entropy cost with sigmoid output neurons (all `Float64Array`s). Compare with BP1 for the quadratic cost.",
  starter: `// δᴸ for C = −Σ [y ln a + (1 − y) ln(1 − a)] with a = σ(z)
function crossEntropyDelta(a: Float64Array, y: Float64Array, z: Float64Array): Float64Array {
  const delta = new Float64Array(a.length);
  // your code here
  return delta;
}`,
  referenceCode: `function crossEntropyDelta(a: Float64Array, y: Float64Array, z: Float64Array): Float64Array {
  return a.map((aj, j) => aj - y[j]); // σ′(z) cancels against ∂C/∂a
}`,
  wrongCode: `${SIGMOID}
function crossEntropyDelta(a: Float64Array, y: Float64Array, z: Float64Array): Float64Array {
  return a.map((aj, j) => (aj - y[j]) * sigma(z[j]) * (1 - sigma(z[j])));
}`,
  cases: (p) => sigmoidOutputErrorCases(p.seed as number, [1, 2, 3, 5], 4, crossEntropy),
  hints: ["$\\partial C/\\partial a_j = (a_j - y_j)/(a_j(1 - a_j))$.", "$\\sigma'(z_j) = a_j(1 - a_j)$: multiply."],
  solution: () => "$\\delta^L = a - y$: the $\\sigma'(z)$ of BP1 cancels against the cross-entropy's $1/(a(1-a))$. Keeping the $\\sigma'(z)$ factor is the quadratic cost's BP1.",
};

const miniBatch: CodeExercise = {
  id: 'minibatch-code', version: '1', kind: 'code', title: 'One minibatch update in code',
  fnName: 'updateMiniBatch',
  params: seedParams,
  prompt: () => "Write `updateMiniBatch(net, batch, eta)` (Algorithm 4 without L2): average the gradients that the engine's `backprop(net, x, y)` gives for each example of `batch` (an array of `{ x, y }`), then change `net.weights[i]` and `net.biases[i]` in place by $-\\tfrac{\\eta}{m}\\sum_x \\nabla C_x$. Return nothing.",
  starter: `// Algorithm 4: w ← w − (η/m) Σₓ ∇w Cₓ,  b ← b − (η/m) Σₓ ∇b Cₓ
import { backprop, Network } from "engine";

function updateMiniBatch(net: Network, batch: { x: number[]; y: number[] }[], eta: number): void {
  for (const { x, y } of batch) {
    const { nablaW, nablaB } = backprop(net, x, y);
    // your code here: sum the gradients first, and only then change net
  }
}`,
  referenceCode: `import { backprop, Network } from "engine";
function updateMiniBatch(net: Network, batch: { x: number[]; y: number[] }[], eta: number): void {
  const sumW = net.weights.map((w) => new Float64Array(w.data.length));
  const sumB = net.biases.map((b) => new Float64Array(b.length));
  for (const { x, y } of batch) {
    const { nablaW, nablaB } = backprop(net, x, y);
    nablaW.forEach((g, i) => g.data.forEach((v, k) => (sumW[i][k] += v)));
    nablaB.forEach((g, i) => g.forEach((v, j) => (sumB[i][j] += v)));
  }
  const m = batch.length;
  net.weights.forEach((w, i) => w.data.forEach((v, k) => (w.data[k] = v - (eta / m) * sumW[i][k])));
  net.biases.forEach((b, i) => b.forEach((v, j) => (b[j] = v - (eta / m) * sumB[i][j])));
}`,
  wrongCode: `import { backprop, Network } from "engine";
function updateMiniBatch(net: Network, batch: { x: number[]; y: number[] }[], eta: number): void {
  // updates after every example (SGD with batch size 1 and rate η/m, not one minibatch step)
  for (const { x, y } of batch) {
    const { nablaW, nablaB } = backprop(net, x, y);
    net.weights.forEach((w, i) => w.data.forEach((v, k) => (w.data[k] = v - (eta / batch.length) * nablaW[i].data[k])));
    net.biases.forEach((b, i) => b.forEach((v, j) => (b[j] = v - (eta / batch.length) * nablaB[i][j])));
  }
}`,
  cases: (p) => {
    const rng = createRng(p.seed as number);
    return [[2, 3, 1], [3, 2, 2], [2, 4, 3, 2]].map((sizes, c): CodeCase => {
      const net = createNetwork({ sizes, seed: (p.seed as number) + c });
      const m = 2 + c;
      const batch = Array.from({ length: m }, () => ({ x: uniform(rng, sizes[0], 0, 1), y: uniform(rng, sizes[sizes.length - 1], 0, 1) }));
      const eta = 0.5 + rng.next() * 2.5;
      const model = toJSON(net);
      updateMiniBatch(net, batch, { eta, lambda: 0, n: m });
      return {
        args: [{ t: 'net', v: model }, { t: 'json', v: batch }, { t: 'num', v: eta }],
        expected: { weights: net.weights.map((w) => w.toArray()), biases: net.biases.map((b) => Array.from(b)) },
        check: { arg: 0 },
      };
    });
  },
  hints: ['Compute every example\'s gradient with the weights as they were at the start of the batch: sum first, update after.', 'Divide the sums by $m$ = `batch.length` and multiply by $\\eta$.'],
  solution: () => 'Sum `nablaW[i]` and `nablaB[i]` over the batch into zero arrays, then set `w.data[k] -= (eta / m) * sumW[i][k]` and likewise for the biases. Updating inside the loop uses gradients of a network that has already moved.',
};

/** code exercises by chapter slug (appended to the chapter banks in index.ts) */
export const codeExercises: Record<string, CodeExercise[]> = {
  '03-four-equations': [bp1, bp2],
  '04-algorithm': [miniBatch],
  '06-matrix-form': [bp4],
  '08-cross-entropy': [ceDelta],
  '09-softmax': [softmaxCode],
};
