// The fast path: the same equations as backprop.ts / train.ts (Algorithms 1–4), computed a
// minibatch at a time with one example per ROW (seed 002's convention, as in batched.ts):
//   Z^l = A^{l−1} (w^l)ᵀ + 1 (b^l)ᵀ,  A^l = σ(Z^l)
//   E^L = the output error row by row,  E^l = (E^{l+1} w^{l+1}) ⊙ σ′(Z^l)          (BP1, BP2)
//   w^l ← (1 − ηλ/n) w^l − (η/m) (E^l)ᵀ A^{l−1},  b^l ← b^l − (η/m) Σ_rows E^l      (BP3, BP4, Algorithm 3)
// batched.ts is the readable matrix form; this file is the optimisation, tested to agree with the
// per-example reference (test/engine/fast.test.ts). What makes it fast:
//  - every buffer (Z, A, E per layer, one gradient row) is allocated once and reused;
//  - each product reads memory in order: Z = A Wᵀ is a dot product of two contiguous rows,
//    E W runs i-k-j, Eᵀ A runs j-r-k; four examples are handled per pass so every weight loaded
//    from memory is used four times (register blocking);
//  - the gradient of w^l is folded into the update of w^l as soon as E^{l−1} no longer needs the
//    old w^l, so no separate ∇W matrices are written and read back;
//  - the engine's own activations and costs are computed inline with the same formulas (σ′ of
//    sigmoid from a = σ(z) as a(1 − a), tanh as 1 − a²); any other Activation or Cost object (a
//    reader's own) goes through its fn / prime / jacobian / delta / value methods, row by row.
// Float32 keeps parameters and buffers in Float32Array (half the memory traffic); the arithmetic
// is still done in doubles and rounded on store, so it agrees with Float64 to ~1e-5 relative.
import { activationJacobian, isElementwise } from '../activations';
import { logLikelihood, sumsToOne } from '../costs';
import type { VecLike } from '../matrix';
import type { Network } from '../network';
import { type StepOptions, checkStep, l2Factor } from '../optimize';
import { type Kernels, COST_CROSS_ENTROPY, COST_LOG_LIKELIHOOD, COST_QUADRATIC, DELTA_A_MINUS_Y, DELTA_QUADRATIC, LINEAR, SOFTMAX, activationKind, costKind, deltaKind, firstBad, makeKernels, xlogy } from './kernels';
import type { Buf, FastDType, FastEvaluation, FastTrainer, TrainerOptions } from './types';

let kernels64: Kernels | null = null;
let kernels32: Kernels | null = null;

export function createTsTrainer(net: Network, options: TrainerOptions): FastTrainer {
  const dtype: FastDType = options.dtype ?? 'float64';
  if (dtype !== 'float64' && dtype !== 'float32') throw new RangeError(`dtype must be 'float64' or 'float32' (got ${String(dtype)})`);
  if (!Number.isInteger(options.batchSize) || options.batchSize < 1) {
    throw new RangeError(`batchSize must be a whole number ≥ 1 (got ${options.batchSize})`);
  }
  const K = dtype === 'float64' ? (kernels64 ??= makeKernels()) : (kernels32 ??= makeKernels());
  const Arr = dtype === 'float64' ? Float64Array : Float32Array;
  const sizes = net.sizes;
  const L = sizes.length - 1;
  const nIn0 = sizes[0];
  const nOutL = sizes[L];
  const acts = net.activations;
  const kinds = acts.map(activationKind);
  const outDelta = deltaKind(net.cost, kinds[L - 1]);
  const costK = costKind(net.cost);
  // Float64 trains the network's own arrays (like the reference); Float32 works on copies.
  const W: Buf[] = net.weights.map((w) => (dtype === 'float64' ? w.data : Float32Array.from(w.data)));
  const B: Buf[] = net.biases.map((b) => (dtype === 'float64' ? b : Float32Array.from(b)));
  let maxWidth = 0;
  for (const n of sizes) maxWidth = Math.max(maxWidth, n);
  const g = new Float64Array(2 * maxWidth);

  let capacity = 0;
  // as[0] = X, as[i + 1] = A of weights layer i; zs[i], ds[i] for weights layer i.
  let as: Buf[] = [];
  let zs: Buf[] = [];
  let ds: Buf[] = [];
  let Ybuf: Float64Array = new Float64Array(0);
  let lastRows = 0;

  function ensure(m: number): void {
    if (m <= capacity) return;
    capacity = Math.max(m, options.batchSize);
    as = sizes.map((n) => new Arr(capacity * n));
    zs = sizes.slice(1).map((n) => new Arr(capacity * n));
    ds = sizes.slice(1).map((n) => new Arr(capacity * n));
    Ybuf = new Float64Array(capacity * nOutL);
  }
  ensure(options.batchSize);

  function row(v: Buf, r: number, n: number): Buf {
    return v.subarray(r * n, (r + 1) * n);
  }

  /** Forward pass of m rows already in as[0]. */
  function forward(m: number): void {
    for (let i = 0; i < L; i++) {
      const nIn = sizes[i];
      const nOut = sizes[i + 1];
      K.affine(as[i], nIn, W[i], B[i], nOut, zs[i], m);
      const kind = kinds[i];
      if (kind <= SOFTMAX) K.activate(kind, zs[i], as[i + 1], m, nOut);
      else for (let r = 0; r < m; r++) as[i + 1].set(acts[i].fn(row(zs[i], r, nOut)), r * nOut);
    }
    lastRows = m;
  }

  /** Σ C_x over m rows: outputs in as[L], targets in Ybuf. */
  function batchCost(m: number): number {
    const A = as[L];
    const Y = Ybuf;
    const n = nOutL;
    let s = 0;
    if (costK === COST_QUADRATIC) {
      for (let r = 0; r < m; r++) {
        let c = 0;
        for (let j = r * n; j < (r + 1) * n; j++) c += (A[j] - Y[j]) ** 2;
        s += 0.5 * c;
      }
    } else if (costK === COST_CROSS_ENTROPY) {
      for (let r = 0; r < m; r++) {
        let c = 0;
        for (let j = r * n; j < (r + 1) * n; j++) c -= xlogy(Y[j], A[j]) + xlogy(1 - Y[j], 1 - A[j]);
        s += c;
      }
    } else if (costK === COST_LOG_LIKELIHOOD) {
      for (let r = 0; r < m; r++) {
        let c = 0;
        for (let j = r * n; j < (r + 1) * n; j++) c -= xlogy(Y[j], A[j]);
        s += c;
      }
    } else {
      for (let r = 0; r < m; r++) s += net.cost.value(row(A, r, n), Y.subarray(r * n, (r + 1) * n));
    }
    return s;
  }

  /** E^L into ds[L − 1]. */
  function outputError(m: number): void {
    const D = ds[L - 1];
    const A = as[L];
    const Z = zs[L - 1];
    const len = m * nOutL;
    if (outDelta === DELTA_A_MINUS_Y) {
      for (let i = 0; i < len; i++) D[i] = A[i] - Ybuf[i];
      // Softmax + log-likelihood gives a − y only for a target that sums to 1; any other row
      // takes the cost's own (general) form, exactly as the reference path does.
      if (net.cost === logLikelihood) {
        for (let r = 0; r < m; r++) {
          const y = Ybuf.subarray(r * nOutL, (r + 1) * nOutL);
          if (!sumsToOne(y)) D.set(net.cost.delta(row(Z, r, nOutL), row(A, r, nOutL), y, acts[L - 1]), r * nOutL);
        }
      }
    } else if (outDelta === DELTA_QUADRATIC) {
      for (let i = 0; i < len; i++) D[i] = A[i] - Ybuf[i];
      K.timesPrime(kinds[L - 1], Z, A, D, len);
    } else {
      for (let r = 0; r < m; r++) {
        D.set(net.cost.delta(row(Z, r, nOutL), row(A, r, nOutL), Ybuf.subarray(r * nOutL, (r + 1) * nOutL), acts[L - 1]), r * nOutL);
      }
    }
  }

  /** BP2 for weights layer i − 1 → E of layer i − 1 from E of layer i (ds[i]) and w (W[i]). */
  function hiddenError(i: number, m: number): void {
    const nOut = sizes[i + 1];
    const nIn = sizes[i];
    const Dp = ds[i - 1];
    K.backMul(ds[i], nOut, W[i], nIn, Dp, m);
    const kind = kinds[i - 1];
    if (kind <= LINEAR) K.timesPrime(kind, zs[i - 1], as[i], Dp, m * nIn);
    else {
      const act = acts[i - 1];
      for (let r = 0; r < m; r++) {
        const z = row(zs[i - 1], r, nIn);
        const back = Float64Array.from(row(Dp, r, nIn));
        if (isElementwise(act)) {
          const p = act.prime(z);
          for (let k = 0; k < nIn; k++) Dp[r * nIn + k] = back[k] * p[k];
        } else {
          // δ = J_σ(z)ᵀ (wᵀ δ_next), as hiddenError in backprop.ts.
          const J = activationJacobian(act, z);
          for (let k = 0; k < nIn; k++) {
            let s = 0;
            for (let j = 0; j < nIn; j++) s += J.data[j * nIn + k] * back[j];
            Dp[r * nIn + k] = s;
          }
        }
      }
    }
  }

  /** Backward pass over m rows; with a step, each layer's parameters are updated once E below it is known. */
  function backward(m: number, step: StepOptions | null): void {
    // BP1: E^L, the output error, in the form the cost and output activation call for.
    outputError(m);
    let decay = 1;
    let eta = 0;
    if (step) {
      checkStep(step);
      decay = l2Factor(step.eta, step.lambda ?? 0, step.n ?? 1);
      eta = step.eta;
    }
    const invM = 1 / m;
    for (let i = L - 1; i >= 0; i--) {
      // BP2: E of the layer below from this one's E and w (the old w^{i+1}: before its update).
      if (i > 0) hiddenError(i, m);
      // BP3 and BP4, fused with the step (Algorithm 3): ∂C/∂b = Σ_rows E, ∂C/∂w = Eᵀ A^{l−1}.
      if (step) K.gradStep(ds[i], sizes[i + 1], as[i], sizes[i], W[i], B[i], m, g, decay, eta, invM);
    }
  }

  function loadTargets(Y: ArrayLike<number>, order: ArrayLike<number> | null, start: number, end: number): void {
    let o = 0;
    for (let i = start; i < end; i++) {
      const s = (order === null ? i : order[i]) * nOutL;
      for (let k = 0; k < nOutL; k++) Ybuf[o + k] = Y[s + k];
      o += nOutL;
    }
  }

  function stepRows(X: ArrayLike<number>, Y: ArrayLike<number>, order: ArrayLike<number> | null, start: number, end: number, step: StepOptions | null): number {
    const m = end - start;
    if (!(m >= 1)) throw new RangeError('a minibatch needs at least one example');
    ensure(m);
    K.gather(X, nIn0, order, start, end, as[0]);
    loadTargets(Y, order, start, end);
    forward(m);
    const cost = batchCost(m);
    backward(m, step);
    return cost;
  }

  function packRows(vs: readonly VecLike[], width: number, what: string): Float64Array {
    const out = new Float64Array(vs.length * width);
    vs.forEach((v, i) => {
      if (v.length !== width) throw new RangeError(`${what} ${i} has ${v.length} entries; the network expects ${width}`);
      for (let k = 0; k < width; k++) out[i * width + k] = v[k];
    });
    return out;
  }

  function isRight(A: Buf, Y: ArrayLike<number>, ro: number, yo: number): boolean {
    // As isCorrect in train.ts: one output → both sides of ½; several → argmax matches.
    if (nOutL === 1) return A[ro] >= 0.5 === Y[yo] >= 0.5;
    let ba = 0;
    let by = 0;
    for (let j = 1; j < nOutL; j++) {
      if (A[ro + j] > A[ro + ba]) ba = j;
      if (Y[yo + j] > Y[yo + by]) by = j;
    }
    return ba === by;
  }

  function evaluateRows(X: ArrayLike<number>, Y: ArrayLike<number>, count: number): FastEvaluation {
    if (count === 0) return { cost: NaN, accuracy: NaN, correct: 0 };
    let cost = 0;
    let correct = 0;
    for (let start = 0; start < count; start += capacity) {
      const end = Math.min(count, start + capacity);
      const m = end - start;
      K.gather(X, nIn0, null, start, end, as[0]);
      loadTargets(Y, null, start, end);
      forward(m);
      cost += batchCost(m);
      for (let r = 0; r < m; r++) if (isRight(as[L], Ybuf, r * nOutL, r * nOutL)) correct++;
    }
    return { cost: cost / count, accuracy: correct / count, correct };
  }

  const trainer: FastTrainer = {
    net,
    dtype,
    path: dtype === 'float64' ? 'ts-f64' : 'ts-f32',
    trainRows(X, Y, order, start, end, batchSize, maxBatches, step, costs) {
      let done = 0;
      for (let s = start; s < end && done < maxBatches; s += batchSize) {
        const c = stepRows(X, Y, order, s, Math.min(end, s + batchSize), step);
        costs[done++] = c;
        if (!Number.isFinite(c)) break;
      }
      return done;
    },
    updateMiniBatch(xs, ys, step) {
      if (xs.length !== ys.length) throw new RangeError(`${xs.length} inputs but ${ys.length} targets`);
      return stepRows(packRows(xs, nIn0, 'input'), packRows(ys, nOutL, 'target'), null, 0, xs.length, step);
    },
    updateMiniBatchRows: (X, Y, order, start, end, step) => stepRows(X, Y, order, start, end, step),
    probeRows: (X, Y, order, start, end) => stepRows(X, Y, order, start, end, null),
    evaluate(xs, ys) {
      if (xs.length !== ys.length) throw new RangeError(`${xs.length} inputs but ${ys.length} targets`);
      return evaluateRows(packRows(xs, nIn0, 'input'), packRows(ys, nOutL, 'target'), xs.length);
    },
    evaluateRows,
    predictRows(X, count, out) {
      const res = out ?? new Float64Array(count * nOutL);
      for (let start = 0; start < count; start += capacity) {
        const end = Math.min(count, start + capacity);
        K.gather(X, nIn0, null, start, end, as[0]);
        forward(end - start);
        const A = as[L];
        for (let i = 0; i < (end - start) * nOutL; i++) res[start * nOutL + i] = A[i];
      }
      return res;
    },
    layers() {
      const m = lastRows;
      return sizes.slice(1).map((n, i) => ({
        layer: i + 1,
        rows: m,
        cols: n,
        z: zs[i].subarray(0, m * n),
        a: as[i + 1].subarray(0, m * n),
        delta: ds[i].subarray(0, m * n),
      }));
    },
    findNonFinite() {
      const m = lastRows;
      for (let i = 0; i < L; i++) {
        const len = m * sizes[i + 1];
        if (firstBad(W[i], 0, W[i].length)) return { layer: i + 1, quantity: 'weights' };
        if (firstBad(B[i], 0, B[i].length)) return { layer: i + 1, quantity: 'biases' };
        if (firstBad(zs[i], 0, len)) return { layer: i + 1, quantity: 'z' };
        if (firstBad(as[i + 1], 0, len)) return { layer: i + 1, quantity: 'activation' };
      }
      for (let i = 0; i < L; i++) if (firstBad(ds[i], 0, m * sizes[i + 1])) return { layer: i + 1, quantity: 'delta' };
      return null;
    },
    sync() {
      if (dtype === 'float32') {
        for (let i = 0; i < L; i++) {
          net.weights[i].data.set(W[i]);
          net.biases[i].set(B[i]);
        }
      }
      return net;
    },
    sumSquaredWeights() {
      let s = 0;
      for (const w of W) for (let k = 0; k < w.length; k++) s += w[k] * w[k];
      return s;
    },
  };
  return trainer;
}
