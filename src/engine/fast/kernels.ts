// The TypeScript kernels of the fast path (one example per row); the WebAssembly kernels are
// their transcription in src/engine/wasm/assembly/kernels.ts.
import { type Activation, isElementwise, linear, relu, sigmoid, softmax, tanh } from '../activations';
import { type Cost, crossEntropy, logLikelihood, quadratic } from '../costs';
import type { Buf } from './types';
import { PIXEL_SCALE } from './loop';

/** byte / PIXEL_SCALE for every byte (made the first time pixel bytes are gathered). */
let pixelTable: Float64Array | null = null;

// Activation kinds handled inline; GENERIC_* call the object's methods.
export const SIGMOID = 0;
export const TANH = 1;
export const RELU = 2;
export const LINEAR = 3;
export const SOFTMAX = 4;
export const GENERIC_ELEMENTWISE = 5;
export const GENERIC_JACOBIAN = 6;

export function activationKind(act: Activation): number {
  if (act === sigmoid) return SIGMOID;
  if (act === tanh) return TANH;
  if (act === relu) return RELU;
  if (act === linear) return LINEAR;
  if (act === softmax) return SOFTMAX;
  return isElementwise(act) ? GENERIC_ELEMENTWISE : GENERIC_JACOBIAN;
}

// Output-error forms: the two pairings where σ′ cancels (δᴸ = a − y), quadratic with a known
// elementwise σ (BP1: (a − y) ⊙ σ′(z)), else the Cost object's own delta().
export const DELTA_A_MINUS_Y = 0;
export const DELTA_QUADRATIC = 1;
export const DELTA_GENERIC = 2;

export function deltaKind(cost: Cost, actKind: number): number {
  if (cost === crossEntropy && actKind === SIGMOID) return DELTA_A_MINUS_Y;
  if (cost === logLikelihood && actKind === SOFTMAX) return DELTA_A_MINUS_Y;
  if (cost === quadratic && actKind <= LINEAR) return DELTA_QUADRATIC;
  return DELTA_GENERIC;
}

export const COST_QUADRATIC = 0;
export const COST_CROSS_ENTROPY = 1;
export const COST_LOG_LIKELIHOOD = 2;
export const COST_GENERIC = 3;

export function costKind(cost: Cost): number {
  if (cost === quadratic) return COST_QUADRATIC;
  if (cost === crossEntropy) return COST_CROSS_ENTROPY;
  if (cost === logLikelihood) return COST_LOG_LIKELIHOOD;
  return COST_GENERIC;
}

/** y ln a with 0 · ln 0 = 0, as in costs.ts. */
export function xlogy(y: number, a: number): number {
  return y === 0 ? 0 : y * Math.log(a);
}

/** σ(z) exactly as sigmoidScalar in activations.ts (no overflow for large |z|). */
export function sigmoidOf(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

export const HUGE = 1e12;

export function firstBad(v: Buf, start: number, end: number): boolean {
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
export function makeKernels() {
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

  /** X rows ← data rows order[start…end−1], converted to the buffer's type (pixel bytes, a Uint8Array: see PackedSet, to byte / PIXEL_SCALE by a lookup). */
  function gather(src: ArrayLike<number>, width: number, order: ArrayLike<number> | null, start: number, end: number, dst: Buf): void {
    const bytes = src instanceof Uint8Array;
    if (bytes) pixelTable ??= Float64Array.from({ length: 256 }, (_, p) => p / PIXEL_SCALE);
    const table = pixelTable as Float64Array;
    let o = 0;
    for (let i = start; i < end; i++) {
      const s = (order === null ? i : order[i]) * width;
      if (bytes) for (let k = 0; k < width; k++) dst[o + k] = table[src[s + k]];
      else for (let k = 0; k < width; k++) dst[o + k] = src[s + k];
      o += width;
    }
  }

  return { affine, activate, timesPrime, backMul, gradStep, gather };
}

export type Kernels = ReturnType<typeof makeKernels>;
