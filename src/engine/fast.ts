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
import { type Activation, activationJacobian, isElementwise, linear, relu, sigmoid, softmax, tanh } from './activations';
import { type Cost, crossEntropy, logLikelihood, quadratic, sumsToOne } from './costs';
import type { VecLike } from './matrix';
import type { Network } from './network';
import { type StepOptions, checkStep, l2Factor } from './optimize';

export type FastDType = 'float64' | 'float32';
type Buf = Float64Array | Float32Array;

export interface TrainerOptions {
  /** The largest minibatch the buffers are sized for (they grow if a bigger batch arrives). */
  batchSize: number;
  /** Default 'float64'. */
  dtype?: FastDType;
}

export interface FastEvaluation {
  /** Mean per-example cost (no L2 term), as evaluate() in train.ts. */
  cost: number;
  /** Fraction right, in [0, 1] (largest output matches the target's; one output: both sides of ½). */
  accuracy: number;
  /** How many were right. */
  correct: number;
}

/** Where the numbers stopped being finite (or grew past 1e12): layer in the text's numbering 1 … L. */
export interface NonFinite {
  layer: number;
  quantity: 'z' | 'activation' | 'delta' | 'weights' | 'biases';
}

/** Views of the buffers of the last minibatch (or probe), rows = examples: for histograms. */
export interface LayerView {
  /** Text numbering 1 … L. */
  layer: number;
  rows: number;
  cols: number;
  z: Buf;
  a: Buf;
  delta: Buf;
}

export interface FastTrainer {
  readonly net: Network;
  readonly dtype: FastDType;
  /**
   * One step of Algorithm 4 on the examples xs[i], ys[i]; mutates the parameters.
   * Returns Σ C_x over the batch, measured in the forward pass before the step.
   */
  updateMiniBatch(xs: readonly VecLike[], ys: readonly VecLike[], options: StepOptions): number;
  /**
   * The same step on rows of packed data: X is count × n_0 and Y count × n_L row by row; the
   * minibatch is rows order[start], …, order[end − 1]. No allocation. Returns Σ C_x.
   */
  updateMiniBatchRows(X: ArrayLike<number>, Y: ArrayLike<number>, order: ArrayLike<number>, start: number, end: number, options: StepOptions): number;
  /** Forward and backward pass without a step, leaving Z, A and E in the buffers (see layers()). Returns Σ C_x. */
  probeRows(X: ArrayLike<number>, Y: ArrayLike<number>, order: ArrayLike<number>, start: number, end: number): number;
  /** Cost and accuracy over examples (as evaluate() in train.ts). */
  evaluate(xs: readonly VecLike[], ys: readonly VecLike[]): FastEvaluation;
  /** Cost and accuracy over the first `count` rows of packed data. */
  evaluateRows(X: ArrayLike<number>, Y: ArrayLike<number>, count: number): FastEvaluation;
  /** Outputs for `count` packed inputs, row by row (count × n_L), into `out` if given. */
  predictRows(X: ArrayLike<number>, count: number, out?: Float64Array): Float64Array;
  /** Buffers of the last minibatch or probe, one view per layer. */
  layers(): LayerView[];
  /** The first layer whose z, a or δ of the last batch, or whose parameters, are not finite (or exceed 1e12). */
  findNonFinite(): NonFinite | null;
  /** Write the parameters back into net (a no-op for float64, which trains net's own arrays) and return net. */
  sync(): Network;
  /** Σ w² over all weights. */
  sumSquaredWeights(): number;
}

// Activation kinds handled inline; GENERIC_* call the object's methods.
const SIGMOID = 0;
const TANH = 1;
const RELU = 2;
const LINEAR = 3;
const SOFTMAX = 4;
const GENERIC_ELEMENTWISE = 5;
const GENERIC_JACOBIAN = 6;

function activationKind(act: Activation): number {
  if (act === sigmoid) return SIGMOID;
  if (act === tanh) return TANH;
  if (act === relu) return RELU;
  if (act === linear) return LINEAR;
  if (act === softmax) return SOFTMAX;
  return isElementwise(act) ? GENERIC_ELEMENTWISE : GENERIC_JACOBIAN;
}

// Output-error forms: the two pairings where σ′ cancels (δᴸ = a − y), quadratic with a known
// elementwise σ (BP1: (a − y) ⊙ σ′(z)), else the Cost object's own delta().
const DELTA_A_MINUS_Y = 0;
const DELTA_QUADRATIC = 1;
const DELTA_GENERIC = 2;

function deltaKind(cost: Cost, actKind: number): number {
  if (cost === crossEntropy && actKind === SIGMOID) return DELTA_A_MINUS_Y;
  if (cost === logLikelihood && actKind === SOFTMAX) return DELTA_A_MINUS_Y;
  if (cost === quadratic && actKind <= LINEAR) return DELTA_QUADRATIC;
  return DELTA_GENERIC;
}

const COST_QUADRATIC = 0;
const COST_CROSS_ENTROPY = 1;
const COST_LOG_LIKELIHOOD = 2;
const COST_GENERIC = 3;

function costKind(cost: Cost): number {
  if (cost === quadratic) return COST_QUADRATIC;
  if (cost === crossEntropy) return COST_CROSS_ENTROPY;
  if (cost === logLikelihood) return COST_LOG_LIKELIHOOD;
  return COST_GENERIC;
}

/** y ln a with 0 · ln 0 = 0, as in costs.ts. */
function xlogy(y: number, a: number): number {
  return y === 0 ? 0 : y * Math.log(a);
}

/** σ(z) exactly as sigmoidScalar in activations.ts (no overflow for large |z|). */
function sigmoidOf(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

const HUGE = 1e12;

function firstBad(v: Buf, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const x = v[i];
    if (!(x > -HUGE && x < HUGE)) return true; // also catches NaN
  }
  return false;
}

/**
 * The numeric kernels. Built by a factory so the Float64 and Float32 trainers each get their own
 * copies: a JIT then sees one array type per function and keeps the loops monomorphic.
 */
function makeKernels() {
  /**
   * Z (m × nOut) = A (m × nIn) Wᵀ + 1 bᵀ: each entry a dot product of two contiguous rows. Blocked
   * 4 examples × 2 neurons, so each loaded number is used 2–4 times (8 sums kept in registers).
   */
  function affine(A: Buf, nIn: number, W: Buf, b: Buf, nOut: number, Z: Buf, m: number): void {
    let r = 0;
    for (; r + 4 <= m; r += 4) {
      const a0 = r * nIn;
      const a1 = a0 + nIn;
      const a2 = a1 + nIn;
      const a3 = a2 + nIn;
      const z0 = r * nOut;
      let j = 0;
      for (; j + 2 <= nOut; j += 2) {
        const wo = j * nIn;
        const wp = wo + nIn;
        let s0 = 0;
        let s1 = 0;
        let s2 = 0;
        let s3 = 0;
        let t0 = 0;
        let t1 = 0;
        let t2 = 0;
        let t3 = 0;
        for (let k = 0; k < nIn; k++) {
          const w = W[wo + k];
          const v = W[wp + k];
          const x0 = A[a0 + k];
          const x1 = A[a1 + k];
          const x2 = A[a2 + k];
          const x3 = A[a3 + k];
          s0 += w * x0;
          s1 += w * x1;
          s2 += w * x2;
          s3 += w * x3;
          t0 += v * x0;
          t1 += v * x1;
          t2 += v * x2;
          t3 += v * x3;
        }
        const bj = b[j];
        const bk = b[j + 1];
        Z[z0 + j] = s0 + bj;
        Z[z0 + nOut + j] = s1 + bj;
        Z[z0 + 2 * nOut + j] = s2 + bj;
        Z[z0 + 3 * nOut + j] = s3 + bj;
        Z[z0 + j + 1] = t0 + bk;
        Z[z0 + nOut + j + 1] = t1 + bk;
        Z[z0 + 2 * nOut + j + 1] = t2 + bk;
        Z[z0 + 3 * nOut + j + 1] = t3 + bk;
      }
      for (; j < nOut; j++) {
        const wo = j * nIn;
        let s0 = 0;
        let s1 = 0;
        let s2 = 0;
        let s3 = 0;
        for (let k = 0; k < nIn; k++) {
          const w = W[wo + k];
          s0 += w * A[a0 + k];
          s1 += w * A[a1 + k];
          s2 += w * A[a2 + k];
          s3 += w * A[a3 + k];
        }
        const bj = b[j];
        Z[z0 + j] = s0 + bj;
        Z[z0 + nOut + j] = s1 + bj;
        Z[z0 + 2 * nOut + j] = s2 + bj;
        Z[z0 + 3 * nOut + j] = s3 + bj;
      }
    }
    // Two rows left (e.g. batch 10 = 4 + 4 + 2): 2 examples × 2 neurons per pass.
    if (m - r >= 2) {
      const a0 = r * nIn;
      const a1 = a0 + nIn;
      const z0 = r * nOut;
      let j = 0;
      for (; j + 2 <= nOut; j += 2) {
        const wo = j * nIn;
        const wp = wo + nIn;
        let s0 = 0;
        let s1 = 0;
        let t0 = 0;
        let t1 = 0;
        for (let k = 0; k < nIn; k++) {
          const w = W[wo + k];
          const v = W[wp + k];
          const x0 = A[a0 + k];
          const x1 = A[a1 + k];
          s0 += w * x0;
          s1 += w * x1;
          t0 += v * x0;
          t1 += v * x1;
        }
        Z[z0 + j] = s0 + b[j];
        Z[z0 + nOut + j] = s1 + b[j];
        Z[z0 + j + 1] = t0 + b[j + 1];
        Z[z0 + nOut + j + 1] = t1 + b[j + 1];
      }
      for (; j < nOut; j++) {
        const wo = j * nIn;
        let s0 = 0;
        let s1 = 0;
        for (let k = 0; k < nIn; k++) {
          const w = W[wo + k];
          s0 += w * A[a0 + k];
          s1 += w * A[a1 + k];
        }
        Z[z0 + j] = s0 + b[j];
        Z[z0 + nOut + j] = s1 + b[j];
      }
      r += 2;
    }
    for (; r < m; r++) {
      const a0 = r * nIn;
      const z0 = r * nOut;
      for (let j = 0; j < nOut; j++) {
        const wo = j * nIn;
        let s = 0;
        for (let k = 0; k < nIn; k++) s += W[wo + k] * A[a0 + k];
        Z[z0 + j] = s + b[j];
      }
    }
  }

  /** A = σ(Z) for the known activations; softmax row by row after subtracting the row's max. */
  function activate(kind: number, Z: Buf, A: Buf, m: number, n: number): void {
    const len = m * n;
    if (kind === SIGMOID) {
      for (let i = 0; i < len; i++) A[i] = sigmoidOf(Z[i]);
    } else if (kind === TANH) {
      for (let i = 0; i < len; i++) A[i] = Math.tanh(Z[i]);
    } else if (kind === RELU) {
      for (let i = 0; i < len; i++) {
        const z = Z[i];
        A[i] = z > 0 ? z : 0;
      }
    } else if (kind === LINEAR) {
      for (let i = 0; i < len; i++) A[i] = Z[i];
    } else {
      // SOFTMAX: the same steps as softmaxFn (log-sum-exp shift by the max; the result is unchanged).
      for (let r = 0; r < m; r++) {
        const o = r * n;
        let max = -Infinity;
        for (let j = 0; j < n; j++) if (Z[o + j] > max) max = Z[o + j];
        let sum = 0;
        for (let j = 0; j < n; j++) {
          const e = Math.exp(Z[o + j] - max);
          A[o + j] = e;
          sum += e;
        }
        for (let j = 0; j < n; j++) A[o + j] /= sum;
      }
    }
  }

  /** D ⊙= σ′(Z) for the known elementwise activations, σ′ from the stored a where that is exact. */
  function timesPrime(kind: number, Z: Buf, A: Buf, D: Buf, len: number): void {
    if (kind === SIGMOID) {
      for (let i = 0; i < len; i++) {
        const a = A[i];
        D[i] *= a * (1 - a);
      }
    } else if (kind === TANH) {
      for (let i = 0; i < len; i++) {
        const a = A[i];
        D[i] *= 1 - a * a;
      }
    } else if (kind === RELU) {
      for (let i = 0; i < len; i++) if (!(Z[i] > 0)) D[i] = 0;
    }
    // LINEAR: σ′ = 1.
  }

  /** B (m × nIn) = D (m × nOut) W (nOut × nIn), i-k-j order: the row of W is reused for 4 examples. */
  function backMul(D: Buf, nOut: number, W: Buf, nIn: number, B: Buf, m: number): void {
    B.fill(0, 0, m * nIn);
    let r = 0;
    for (; r + 4 <= m; r += 4) {
      const b0 = r * nIn;
      const b1 = b0 + nIn;
      const b2 = b1 + nIn;
      const b3 = b2 + nIn;
      const d0 = r * nOut;
      for (let j = 0; j < nOut; j++) {
        const x0 = D[d0 + j];
        const x1 = D[d0 + nOut + j];
        const x2 = D[d0 + 2 * nOut + j];
        const x3 = D[d0 + 3 * nOut + j];
        const wo = j * nIn;
        for (let k = 0; k < nIn; k++) {
          const w = W[wo + k];
          B[b0 + k] += w * x0;
          B[b1 + k] += w * x1;
          B[b2 + k] += w * x2;
          B[b3 + k] += w * x3;
        }
      }
    }
    for (; r < m; r++) {
      const b0 = r * nIn;
      const d0 = r * nOut;
      for (let j = 0; j < nOut; j++) {
        const x = D[d0 + j];
        const wo = j * nIn;
        for (let k = 0; k < nIn; k++) B[b0 + k] += W[wo + k] * x;
      }
    }
  }

  /**
   * gradStep for the rows j and j + 1 of w at once. g (2 · nIn) accumulates Σ_r E[r][j] A[r][·]
   * from 0 in the reference's order, in passes of 4, 2 and 1 rows; the last pass writes w.
   */
  function gradPair(D: Buf, nOut: number, A: Buf, nIn: number, W: Buf, b: Buf, m: number, g: Float64Array, decay: number, eta: number, invM: number, j: number): void {
    const wo = j * nIn;
    const wp = wo + nIn;
    g.fill(0, 0, 2 * nIn);
    let r = 0;
    while (r < m) {
      const left = m - r;
      const size = left >= 4 ? 4 : left >= 2 ? 2 : 1;
      const last = r + size === m;
      const a0 = r * nIn;
      const d0 = r * nOut + j;
      if (size === 4) {
        const a1 = a0 + nIn;
        const a2 = a1 + nIn;
        const a3 = a2 + nIn;
        const x0 = D[d0];
        const x1 = D[d0 + nOut];
        const x2 = D[d0 + 2 * nOut];
        const x3 = D[d0 + 3 * nOut];
        const y0 = D[d0 + 1];
        const y1 = D[d0 + nOut + 1];
        const y2 = D[d0 + 2 * nOut + 1];
        const y3 = D[d0 + 3 * nOut + 1];
        if (last) {
          for (let k = 0; k < nIn; k++) {
            const p0 = A[a0 + k];
            const p1 = A[a1 + k];
            const p2 = A[a2 + k];
            const p3 = A[a3 + k];
            W[wo + k] = decay * W[wo + k] - eta * ((g[k] + x0 * p0 + x1 * p1 + x2 * p2 + x3 * p3) * invM);
            W[wp + k] = decay * W[wp + k] - eta * ((g[nIn + k] + y0 * p0 + y1 * p1 + y2 * p2 + y3 * p3) * invM);
          }
        } else {
          for (let k = 0; k < nIn; k++) {
            const p0 = A[a0 + k];
            const p1 = A[a1 + k];
            const p2 = A[a2 + k];
            const p3 = A[a3 + k];
            g[k] = g[k] + x0 * p0 + x1 * p1 + x2 * p2 + x3 * p3;
            g[nIn + k] = g[nIn + k] + y0 * p0 + y1 * p1 + y2 * p2 + y3 * p3;
          }
        }
      } else if (size === 2) {
        const a1 = a0 + nIn;
        const x0 = D[d0];
        const x1 = D[d0 + nOut];
        const y0 = D[d0 + 1];
        const y1 = D[d0 + nOut + 1];
        if (last) {
          for (let k = 0; k < nIn; k++) {
            const p0 = A[a0 + k];
            const p1 = A[a1 + k];
            W[wo + k] = decay * W[wo + k] - eta * ((g[k] + x0 * p0 + x1 * p1) * invM);
            W[wp + k] = decay * W[wp + k] - eta * ((g[nIn + k] + y0 * p0 + y1 * p1) * invM);
          }
        } else {
          for (let k = 0; k < nIn; k++) {
            const p0 = A[a0 + k];
            const p1 = A[a1 + k];
            g[k] = g[k] + x0 * p0 + x1 * p1;
            g[nIn + k] = g[nIn + k] + y0 * p0 + y1 * p1;
          }
        }
      } else {
        const x0 = D[d0];
        const y0 = D[d0 + 1];
        if (last) {
          for (let k = 0; k < nIn; k++) {
            const p0 = A[a0 + k];
            W[wo + k] = decay * W[wo + k] - eta * ((g[k] + x0 * p0) * invM);
            W[wp + k] = decay * W[wp + k] - eta * ((g[nIn + k] + y0 * p0) * invM);
          }
        } else {
          for (let k = 0; k < nIn; k++) {
            const p0 = A[a0 + k];
            g[k] += x0 * p0;
            g[nIn + k] += y0 * p0;
          }
        }
      }
      r += size;
    }
    let sb0 = 0;
    let sb1 = 0;
    for (let rr = 0; rr < m; rr++) {
      sb0 += D[rr * nOut + j];
      sb1 += D[rr * nOut + j + 1];
    }
    b[j] -= eta * (sb0 * invM);
    b[j + 1] -= eta * (sb1 * invM);
  }

  /**
   * BP3/BP4 folded into Algorithm 3: for each output neuron j, g = Σ_r E[r][j] A[r][·], summed in
   * the reference's order 4 rows per pass, and the last pass (1–4 rows) writes
   * w_j ← decay·w_j − η (g / m) directly; then b_j ← b_j − η (Σ_r E[r][j] / m).
   */
  function gradStep(D: Buf, nOut: number, A: Buf, nIn: number, W: Buf, b: Buf, m: number, g: Float64Array, decay: number, eta: number, invM: number): void {
    let j0 = 0;
    // Two neurons per pass: every A[r][k] loaded serves both rows j, j + 1 of w.
    for (; j0 + 2 <= nOut; j0 += 2) gradPair(D, nOut, A, nIn, W, b, m, g, decay, eta, invM, j0);
    for (let j = j0; j < nOut; j++) {
      const wo = j * nIn;
      let r = 0;
      let first = true;
      // Full passes of 4 rows while more than 4 rows remain.
      for (; m - r > 4; r += 4) {
        const x0 = D[r * nOut + j];
        const x1 = D[(r + 1) * nOut + j];
        const x2 = D[(r + 2) * nOut + j];
        const x3 = D[(r + 3) * nOut + j];
        const a0 = r * nIn;
        const a1 = a0 + nIn;
        const a2 = a1 + nIn;
        const a3 = a2 + nIn;
        if (first) {
          for (let k = 0; k < nIn; k++) g[k] = x0 * A[a0 + k] + x1 * A[a1 + k] + x2 * A[a2 + k] + x3 * A[a3 + k];
          first = false;
        } else {
          for (let k = 0; k < nIn; k++) g[k] = g[k] + x0 * A[a0 + k] + x1 * A[a1 + k] + x2 * A[a2 + k] + x3 * A[a3 + k];
        }
      }
      // The last 1–4 rows, fused with the update of row j of w.
      const left = m - r;
      const x0 = D[r * nOut + j];
      const a0 = r * nIn;
      if (left === 4) {
        const x1 = D[(r + 1) * nOut + j];
        const x2 = D[(r + 2) * nOut + j];
        const x3 = D[(r + 3) * nOut + j];
        const a1 = a0 + nIn;
        const a2 = a1 + nIn;
        const a3 = a2 + nIn;
        if (first) for (let k = 0; k < nIn; k++) W[wo + k] = decay * W[wo + k] - eta * ((x0 * A[a0 + k] + x1 * A[a1 + k] + x2 * A[a2 + k] + x3 * A[a3 + k]) * invM);
        else for (let k = 0; k < nIn; k++) W[wo + k] = decay * W[wo + k] - eta * ((g[k] + x0 * A[a0 + k] + x1 * A[a1 + k] + x2 * A[a2 + k] + x3 * A[a3 + k]) * invM);
      } else if (left === 3) {
        const x1 = D[(r + 1) * nOut + j];
        const x2 = D[(r + 2) * nOut + j];
        const a1 = a0 + nIn;
        const a2 = a1 + nIn;
        if (first) for (let k = 0; k < nIn; k++) W[wo + k] = decay * W[wo + k] - eta * ((x0 * A[a0 + k] + x1 * A[a1 + k] + x2 * A[a2 + k]) * invM);
        else for (let k = 0; k < nIn; k++) W[wo + k] = decay * W[wo + k] - eta * ((g[k] + x0 * A[a0 + k] + x1 * A[a1 + k] + x2 * A[a2 + k]) * invM);
      } else if (left === 2) {
        const x1 = D[(r + 1) * nOut + j];
        const a1 = a0 + nIn;
        if (first) for (let k = 0; k < nIn; k++) W[wo + k] = decay * W[wo + k] - eta * ((x0 * A[a0 + k] + x1 * A[a1 + k]) * invM);
        else for (let k = 0; k < nIn; k++) W[wo + k] = decay * W[wo + k] - eta * ((g[k] + x0 * A[a0 + k] + x1 * A[a1 + k]) * invM);
      } else {
        if (first) for (let k = 0; k < nIn; k++) W[wo + k] = decay * W[wo + k] - eta * (x0 * A[a0 + k] * invM);
        else for (let k = 0; k < nIn; k++) W[wo + k] = decay * W[wo + k] - eta * ((g[k] + x0 * A[a0 + k]) * invM);
      }
      let sb = 0;
      for (let rr = 0; rr < m; rr++) sb += D[rr * nOut + j];
      b[j] -= eta * (sb * invM);
    }
  }

  /** X rows ← data rows order[start…end−1] (converted to the buffer's type). */
  function gather(src: ArrayLike<number>, width: number, order: ArrayLike<number> | null, start: number, end: number, dst: Buf): void {
    let o = 0;
    for (let i = start; i < end; i++) {
      const s = (order === null ? i : order[i]) * width;
      for (let k = 0; k < width; k++) dst[o + k] = src[s + k];
      o += width;
    }
  }

  return { affine, activate, timesPrime, backMul, gradStep, gather };
}

let kernels64: ReturnType<typeof makeKernels> | null = null;
let kernels32: ReturnType<typeof makeKernels> | null = null;

export function createTrainer(net: Network, options: TrainerOptions): FastTrainer {
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
      if (i > 0) hiddenError(i, m); // needs the old w^{i+1}: before its update
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

/**
 * Floating-point operations of one training epoch of n examples, counted the usual way (multiply
 * and add separately): forward 2 Σ n_l n_{l−1} per example, backward twice the forward (E W and
 * Eᵀ A for every layer), so 3× forward in all; for [784, 30, 10] and 8,000 examples ≈ 1.14 GFLOP.
 * (The fast path skips E W of the first layer, which nobody needs, so it does slightly less.)
 * Used by the benchmarks to report GFLOP/s.
 */
export function flopsPerEpoch(sizes: readonly number[], n: number): number {
  let fwd = 0;
  for (let l = 1; l < sizes.length; l++) fwd += 2 * sizes[l] * sizes[l - 1];
  return 3 * fwd * n;
}
