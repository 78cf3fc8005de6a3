// AssemblyScript, not TypeScript: compiled by scripts/build-wasm.mjs into build/f64.wasm and
// build/f32.wasm (f64.ts and f32.ts instantiate these generic kernels with T = f64 or f32).
//
// The same equations as src/engine/fast/kernels.ts, one example per ROW:
//   forward   Z^l = A^{l−1} (w^l)ᵀ + 1 (b^l)ᵀ,  A^l = σ(Z^l)
//   BP1       E^L = ∇_a C ⊙ σ′(Z^L) row by row (a − y where σ′ cancels; softmax: J_σᵀ ∇_a C)
//   BP2       E^l = (E^{l+1} w^{l+1}) ⊙ σ′(Z^l)
//   BP3/BP4   w^l ← (1 − ηλ/n) w^l − (η/m) (E^l)ᵀ A^{l−1},  b^l ← b^l − (η/m) Σ_rows E^l
// with 128-bit SIMD: v128 holds two f64 (f64x2) or four f32 (f32x4). Every sum over examples
// runs r = 0, 1, … in order, as the per-example reference adds its gradients, and each lane of a
// vector is one column, so the gradient sums are the reference's own sums.
//
// Memory is laid out by the JavaScript side (src/engine/fast/wasm.ts): a network descriptor of
// i32 fields (DESC_* below), the parameters, the per-layer buffers and the packed data. Nothing
// here allocates.

// Descriptor header (i32 indices).
const D_L: i32 = 0; // number of weight layers L
const D_DELTA: i32 = 1; // output-error form (DELTA_*)
const D_COST: i32 = 2; // cost (COST_*)
const D_A0: i32 = 3; // input rows buffer (capacity × n_0)
const D_Y: i32 = 4; // target rows buffer (capacity × n_L)
const D_CAP: i32 = 5; // rows the buffers hold
const D_XBYTES: i32 = 6; // 1: the input rows X are pixel bytes, each standing for byte / 256 (PackedSet in fast/loop.ts)
const D_PIXELS: i32 = 7; // a table of the 256 inputs byte / 256 as T (filled by the JavaScript side)
const D_LAYERS: i32 = 8; // then 8 fields per layer:
const F_NIN: i32 = 0;
const F_NOUT: i32 = 1;
const F_ACT: i32 = 2;
const F_W: i32 = 3;
const F_B: i32 = 4;
const F_Z: i32 = 5;
const F_A: i32 = 6;
const F_E: i32 = 7;

// Activation kinds (as activationKind in fast/kernels.ts).
const SIGMOID: i32 = 0;
const TANH: i32 = 1;
const RELU: i32 = 2;
const LINEAR: i32 = 3;
const SOFTMAX: i32 = 4;

// Output-error forms.
const DELTA_A_MINUS_Y: i32 = 0; // sigmoid + cross-entropy
const DELTA_SOFTMAX_LL: i32 = 1; // softmax + log-likelihood: a − y when the target sums to 1, else Σy·a − y
const DELTA_ELEMENTWISE: i32 = 2; // BP1: ∇_a C ⊙ σ′(z)
const DELTA_SOFTMAX: i32 = 3; // softmax with another cost: δ_k = a_k (g_k − Σ_j a_j g_j)

const COST_QUADRATIC: i32 = 0;
const COST_CROSS_ENTROPY: i32 = 1;
const COST_LOG_LIKELIHOOD: i32 = 2;

@inline function field(desc: usize, i: i32): i32 {
  return load<i32>(desc + (<usize>i << 2));
}
@inline function lf(desc: usize, layer: i32, f: i32): i32 {
  return load<i32>(desc + (<usize>(D_LAYERS + layer * 8 + f) << 2));
}
@inline function ptr(desc: usize, layer: i32, f: i32): usize {
  return <usize>lf(desc, layer, f);
}

@inline function ld<T>(p: usize, i: i32): T {
  return load<T>(p + (<usize>i << alignof<T>()));
}
@inline function st<T>(p: usize, i: i32, v: T): void {
  store<T>(p + (<usize>i << alignof<T>()), v);
}
@inline function lanes<T>(): i32 {
  return sizeof<T>() == 8 ? 2 : 4;
}
@inline function vld<T>(p: usize, i: i32): v128 {
  return v128.load(p + (<usize>i << alignof<T>()));
}
@inline function vst<T>(p: usize, i: i32, v: v128): void {
  v128.store(p + (<usize>i << alignof<T>()), v);
}
/** One number from memory in every lane. */
@inline function vldSplat<T>(p: usize, i: i32): v128 {
  if (sizeof<T>() == 8) return v128.load64_splat(p + (<usize>i << 3));
  return v128.load32_splat(p + (<usize>i << 2));
}
@inline function vsplat<T>(x: T): v128 {
  if (sizeof<T>() == 8) return f64x2.splat(<f64>x);
  return f32x4.splat(<f32>x);
}
@inline function vzero(): v128 {
  return i64x2.splat(0);
}
@inline function vadd<T>(a: v128, b: v128): v128 {
  if (sizeof<T>() == 8) return f64x2.add(a, b);
  return f32x4.add(a, b);
}
@inline function vsub<T>(a: v128, b: v128): v128 {
  if (sizeof<T>() == 8) return f64x2.sub(a, b);
  return f32x4.sub(a, b);
}
@inline function vmul<T>(a: v128, b: v128): v128 {
  if (sizeof<T>() == 8) return f64x2.mul(a, b);
  return f32x4.mul(a, b);
}
/** The sum of the lanes. */
@inline function vsum<T>(a: v128): T {
  if (sizeof<T>() == 8) return <T>(f64x2.extract_lane(a, 0) + f64x2.extract_lane(a, 1));
  return <T>(f32x4.extract_lane(a, 0) + f32x4.extract_lane(a, 1) + (f32x4.extract_lane(a, 2) + f32x4.extract_lane(a, 3)));
}
@inline function expT<T>(x: T): T {
  if (sizeof<T>() == 8) return <T>Math.exp(<f64>x);
  return <T>Mathf.exp(<f32>x);
}
@inline function tanhT<T>(x: T): T {
  if (sizeof<T>() == 8) return <T>Math.tanh(<f64>x);
  return <T>Mathf.tanh(<f32>x);
}

/** σ(z) without overflow for large |z| (as sigmoidScalar in activations.ts). */
@inline function sigmoidOf<T>(z: T): T {
  if (z >= <T>0) return <T>1 / (<T>1 + expT<T>(-z));
  const e = expT<T>(z);
  return e / (<T>1 + e);
}

/** y ln a with 0 · ln 0 = 0. */
@inline function xlogy(y: f64, a: f64): f64 {
  return y == 0 ? 0 : y * Math.log(a);
}

// ---------------------------------------------------------------- forward: Z = A Wᵀ + 1 bᵀ

/**
 * Z (m × nOut) = A (m × nIn) Wᵀ + 1 bᵀ: every entry a dot product of two contiguous rows, the
 * lanes of a vector running over k. Blocked 4 examples × 2 neurons (8 vector sums in registers:
 * each row of W loaded serves 4 examples, each row of A 2 neurons), then 2 × 2, then 1 × 2.
 */
function affine<T>(A: usize, nIn: i32, W: usize, b: usize, nOut: i32, Z: usize, m: i32): void {
  const V = lanes<T>();
  const kv = nIn - (nIn % V);
  let r = 0;
  for (; r + 4 <= m; r += 4) {
    const a0 = r * nIn;
    const a1 = a0 + nIn;
    const a2 = a1 + nIn;
    const a3 = a2 + nIn;
    const z0 = r * nOut;
    let j = 0;
    for (; j < nOut; j += 2) {
      const two = j + 1 < nOut;
      const wo = j * nIn;
      const wp = two ? wo + nIn : wo; // a lone last neuron computes its row twice, stores once
      let s0 = vzero(), s1 = vzero(), s2 = vzero(), s3 = vzero();
      let t0 = vzero(), t1 = vzero(), t2 = vzero(), t3 = vzero();
      for (let k = 0; k < kv; k += V) {
        const w = vld<T>(W, wo + k);
        const v = vld<T>(W, wp + k);
        const x0 = vld<T>(A, a0 + k);
        const x1 = vld<T>(A, a1 + k);
        const x2 = vld<T>(A, a2 + k);
        const x3 = vld<T>(A, a3 + k);
        s0 = vadd<T>(s0, vmul<T>(w, x0));
        s1 = vadd<T>(s1, vmul<T>(w, x1));
        s2 = vadd<T>(s2, vmul<T>(w, x2));
        s3 = vadd<T>(s3, vmul<T>(w, x3));
        t0 = vadd<T>(t0, vmul<T>(v, x0));
        t1 = vadd<T>(t1, vmul<T>(v, x1));
        t2 = vadd<T>(t2, vmul<T>(v, x2));
        t3 = vadd<T>(t3, vmul<T>(v, x3));
      }
      let S0 = vsum<T>(s0), S1 = vsum<T>(s1), S2 = vsum<T>(s2), S3 = vsum<T>(s3);
      let T0 = vsum<T>(t0), T1 = vsum<T>(t1), T2 = vsum<T>(t2), T3 = vsum<T>(t3);
      for (let k = kv; k < nIn; k++) {
        const w = ld<T>(W, wo + k);
        const v = ld<T>(W, wp + k);
        const x0 = ld<T>(A, a0 + k);
        const x1 = ld<T>(A, a1 + k);
        const x2 = ld<T>(A, a2 + k);
        const x3 = ld<T>(A, a3 + k);
        S0 += w * x0;
        S1 += w * x1;
        S2 += w * x2;
        S3 += w * x3;
        T0 += v * x0;
        T1 += v * x1;
        T2 += v * x2;
        T3 += v * x3;
      }
      const bj = ld<T>(b, j);
      st<T>(Z, z0 + j, S0 + bj);
      st<T>(Z, z0 + nOut + j, S1 + bj);
      st<T>(Z, z0 + 2 * nOut + j, S2 + bj);
      st<T>(Z, z0 + 3 * nOut + j, S3 + bj);
      if (two) {
        const bk = ld<T>(b, j + 1);
        st<T>(Z, z0 + j + 1, T0 + bk);
        st<T>(Z, z0 + nOut + j + 1, T1 + bk);
        st<T>(Z, z0 + 2 * nOut + j + 1, T2 + bk);
        st<T>(Z, z0 + 3 * nOut + j + 1, T3 + bk);
      }
    }
  }
  for (; r + 2 <= m; r += 2) {
    const a0 = r * nIn;
    const a1 = a0 + nIn;
    const z0 = r * nOut;
    for (let j = 0; j < nOut; j += 2) {
      const two = j + 1 < nOut;
      const wo = j * nIn;
      const wp = two ? wo + nIn : wo;
      let s0 = vzero(), s1 = vzero(), t0 = vzero(), t1 = vzero();
      for (let k = 0; k < kv; k += V) {
        const w = vld<T>(W, wo + k);
        const v = vld<T>(W, wp + k);
        const x0 = vld<T>(A, a0 + k);
        const x1 = vld<T>(A, a1 + k);
        s0 = vadd<T>(s0, vmul<T>(w, x0));
        s1 = vadd<T>(s1, vmul<T>(w, x1));
        t0 = vadd<T>(t0, vmul<T>(v, x0));
        t1 = vadd<T>(t1, vmul<T>(v, x1));
      }
      let S0 = vsum<T>(s0), S1 = vsum<T>(s1), T0 = vsum<T>(t0), T1 = vsum<T>(t1);
      for (let k = kv; k < nIn; k++) {
        const w = ld<T>(W, wo + k);
        const v = ld<T>(W, wp + k);
        const x0 = ld<T>(A, a0 + k);
        const x1 = ld<T>(A, a1 + k);
        S0 += w * x0;
        S1 += w * x1;
        T0 += v * x0;
        T1 += v * x1;
      }
      const bj = ld<T>(b, j);
      st<T>(Z, z0 + j, S0 + bj);
      st<T>(Z, z0 + nOut + j, S1 + bj);
      if (two) {
        const bk = ld<T>(b, j + 1);
        st<T>(Z, z0 + j + 1, T0 + bk);
        st<T>(Z, z0 + nOut + j + 1, T1 + bk);
      }
    }
  }
  for (; r < m; r++) {
    const a0 = r * nIn;
    const z0 = r * nOut;
    for (let j = 0; j < nOut; j++) {
      const wo = j * nIn;
      let s0 = vzero();
      for (let k = 0; k < kv; k += V) s0 = vadd<T>(s0, vmul<T>(vld<T>(W, wo + k), vld<T>(A, a0 + k)));
      let S0 = vsum<T>(s0);
      for (let k = kv; k < nIn; k++) S0 += ld<T>(W, wo + k) * ld<T>(A, a0 + k);
      st<T>(Z, z0 + j, S0 + ld<T>(b, j));
    }
  }
}

/** A = σ(Z); softmax row by row after subtracting the row's max (as softmaxFn). */
function activate<T>(kind: i32, Z: usize, A: usize, m: i32, n: i32): void {
  const len = m * n;
  if (kind == SIGMOID) {
    for (let i = 0; i < len; i++) st<T>(A, i, sigmoidOf<T>(ld<T>(Z, i)));
  } else if (kind == TANH) {
    for (let i = 0; i < len; i++) st<T>(A, i, tanhT<T>(ld<T>(Z, i)));
  } else if (kind == RELU) {
    for (let i = 0; i < len; i++) {
      const z = ld<T>(Z, i);
      st<T>(A, i, z > <T>0 ? z : <T>0);
    }
  } else if (kind == LINEAR) {
    memory.copy(A, Z, <usize>len << alignof<T>());
  } else {
    for (let r = 0; r < m; r++) {
      const o = r * n;
      let max = ld<T>(Z, o);
      for (let j = 1; j < n; j++) {
        const z = ld<T>(Z, o + j);
        if (z > max) max = z;
      }
      let sum: T = 0;
      for (let j = 0; j < n; j++) {
        const e = expT<T>(ld<T>(Z, o + j) - max);
        st<T>(A, o + j, e);
        sum += e;
      }
      for (let j = 0; j < n; j++) st<T>(A, o + j, ld<T>(A, o + j) / sum);
    }
  }
}

/** D ⊙= σ′(Z) for the elementwise activations, σ′ from the stored a where that is exact. */
function timesPrime<T>(kind: i32, Z: usize, A: usize, D: usize, len: i32): void {
  if (kind == SIGMOID) {
    for (let i = 0; i < len; i++) {
      const a = ld<T>(A, i);
      st<T>(D, i, ld<T>(D, i) * (a * (<T>1 - a)));
    }
  } else if (kind == TANH) {
    for (let i = 0; i < len; i++) {
      const a = ld<T>(A, i);
      st<T>(D, i, ld<T>(D, i) * (<T>1 - a * a));
    }
  } else if (kind == RELU) {
    for (let i = 0; i < len; i++) if (!(ld<T>(Z, i) > <T>0)) st<T>(D, i, <T>0);
  }
  // LINEAR: σ′ = 1.
}

// ---------------------------------------------------------------- BP2: E^l = (E^{l+1} w^{l+1}) ⊙ σ′(Z^l)

/**
 * B (m × nIn) = D (m × nOut) W (nOut × nIn): lanes over k, the sum over j in order (as wᵀδ in the
 * reference), two examples per pass so each vector of W serves both.
 */
function backMul<T>(D: usize, nOut: i32, W: usize, nIn: i32, B: usize, m: i32): void {
  const V = lanes<T>();
  const kv = nIn - (nIn % V);
  let r = 0;
  for (; r + 2 <= m; r += 2) {
    const b0 = r * nIn;
    const b1 = b0 + nIn;
    const d0 = r * nOut;
    const d1 = d0 + nOut;
    for (let k = 0; k < kv; k += V) {
      let s0 = vzero(), s1 = vzero();
      for (let j = 0; j < nOut; j++) {
        const w = vld<T>(W, j * nIn + k);
        s0 = vadd<T>(s0, vmul<T>(w, vldSplat<T>(D, d0 + j)));
        s1 = vadd<T>(s1, vmul<T>(w, vldSplat<T>(D, d1 + j)));
      }
      vst<T>(B, b0 + k, s0);
      vst<T>(B, b1 + k, s1);
    }
    for (let k = kv; k < nIn; k++) {
      let s0: T = 0, s1: T = 0;
      for (let j = 0; j < nOut; j++) {
        const w = ld<T>(W, j * nIn + k);
        s0 += w * ld<T>(D, d0 + j);
        s1 += w * ld<T>(D, d1 + j);
      }
      st<T>(B, b0 + k, s0);
      st<T>(B, b1 + k, s1);
    }
  }
  for (; r < m; r++) {
    const b0 = r * nIn;
    const d0 = r * nOut;
    for (let k = 0; k < kv; k += V) {
      let s0 = vzero();
      for (let j = 0; j < nOut; j++) s0 = vadd<T>(s0, vmul<T>(vld<T>(W, j * nIn + k), vldSplat<T>(D, d0 + j)));
      vst<T>(B, b0 + k, s0);
    }
    for (let k = kv; k < nIn; k++) {
      let s0: T = 0;
      for (let j = 0; j < nOut; j++) s0 += ld<T>(W, j * nIn + k) * ld<T>(D, d0 + j);
      st<T>(B, b0 + k, s0);
    }
  }
}

// ---------------------------------------------------------------- BP3/BP4 fused with the update

/**
 * w ← decay · w − η · ((Σ_r E[r][j] A[r][·]) / m) and b ← b − η · (Σ_r E[r][j] / m): the sum over
 * the examples r in order (the reference's order), lanes over k. Blocked 4 rows j of w × 2 vectors
 * of k (8 sums in registers: each vector of A loaded serves 4 neurons, each E[r][j] splat 2
 * vectors), then 2 rows × 1 vector, then 1. No gradient matrix is written.
 */
function gradStep<T>(D: usize, nOut: i32, A: usize, nIn: i32, W: usize, b: usize, m: i32, decay: T, eta: T, invM: T): void {
  const V = lanes<T>();
  const kv = nIn - (nIn % V);
  const k2 = nIn - (nIn % (2 * V));
  const vdecay = vsplat<T>(decay);
  const veta = vsplat<T>(eta);
  const vinvM = vsplat<T>(invM);
  let j = 0;
  for (; j + 4 <= nOut; j += 4) {
    const w0 = j * nIn;
    const w1 = w0 + nIn;
    const w2 = w1 + nIn;
    const w3 = w2 + nIn;
    let k = 0;
    for (; k < k2; k += 2 * V) {
      let g0 = vzero(), g1 = vzero(), g2 = vzero(), g3 = vzero();
      let h0 = vzero(), h1 = vzero(), h2 = vzero(), h3 = vzero();
      for (let r = 0; r < m; r++) {
        const a = vld<T>(A, r * nIn + k);
        const c = vld<T>(A, r * nIn + k + V);
        const e = r * nOut + j;
        const d0 = vldSplat<T>(D, e);
        g0 = vadd<T>(g0, vmul<T>(d0, a));
        h0 = vadd<T>(h0, vmul<T>(d0, c));
        const d1 = vldSplat<T>(D, e + 1);
        g1 = vadd<T>(g1, vmul<T>(d1, a));
        h1 = vadd<T>(h1, vmul<T>(d1, c));
        const d2 = vldSplat<T>(D, e + 2);
        g2 = vadd<T>(g2, vmul<T>(d2, a));
        h2 = vadd<T>(h2, vmul<T>(d2, c));
        const d3 = vldSplat<T>(D, e + 3);
        g3 = vadd<T>(g3, vmul<T>(d3, a));
        h3 = vadd<T>(h3, vmul<T>(d3, c));
      }
      vst<T>(W, w0 + k, vsub<T>(vmul<T>(vdecay, vld<T>(W, w0 + k)), vmul<T>(veta, vmul<T>(g0, vinvM))));
      vst<T>(W, w1 + k, vsub<T>(vmul<T>(vdecay, vld<T>(W, w1 + k)), vmul<T>(veta, vmul<T>(g1, vinvM))));
      vst<T>(W, w2 + k, vsub<T>(vmul<T>(vdecay, vld<T>(W, w2 + k)), vmul<T>(veta, vmul<T>(g2, vinvM))));
      vst<T>(W, w3 + k, vsub<T>(vmul<T>(vdecay, vld<T>(W, w3 + k)), vmul<T>(veta, vmul<T>(g3, vinvM))));
      const kk = k + V;
      vst<T>(W, w0 + kk, vsub<T>(vmul<T>(vdecay, vld<T>(W, w0 + kk)), vmul<T>(veta, vmul<T>(h0, vinvM))));
      vst<T>(W, w1 + kk, vsub<T>(vmul<T>(vdecay, vld<T>(W, w1 + kk)), vmul<T>(veta, vmul<T>(h1, vinvM))));
      vst<T>(W, w2 + kk, vsub<T>(vmul<T>(vdecay, vld<T>(W, w2 + kk)), vmul<T>(veta, vmul<T>(h2, vinvM))));
      vst<T>(W, w3 + kk, vsub<T>(vmul<T>(vdecay, vld<T>(W, w3 + kk)), vmul<T>(veta, vmul<T>(h3, vinvM))));
    }
    for (; k < kv; k += V) {
      let g0 = vzero(), g1 = vzero(), g2 = vzero(), g3 = vzero();
      for (let r = 0; r < m; r++) {
        const a = vld<T>(A, r * nIn + k);
        const e = r * nOut + j;
        g0 = vadd<T>(g0, vmul<T>(vldSplat<T>(D, e), a));
        g1 = vadd<T>(g1, vmul<T>(vldSplat<T>(D, e + 1), a));
        g2 = vadd<T>(g2, vmul<T>(vldSplat<T>(D, e + 2), a));
        g3 = vadd<T>(g3, vmul<T>(vldSplat<T>(D, e + 3), a));
      }
      vst<T>(W, w0 + k, vsub<T>(vmul<T>(vdecay, vld<T>(W, w0 + k)), vmul<T>(veta, vmul<T>(g0, vinvM))));
      vst<T>(W, w1 + k, vsub<T>(vmul<T>(vdecay, vld<T>(W, w1 + k)), vmul<T>(veta, vmul<T>(g1, vinvM))));
      vst<T>(W, w2 + k, vsub<T>(vmul<T>(vdecay, vld<T>(W, w2 + k)), vmul<T>(veta, vmul<T>(g2, vinvM))));
      vst<T>(W, w3 + k, vsub<T>(vmul<T>(vdecay, vld<T>(W, w3 + k)), vmul<T>(veta, vmul<T>(g3, vinvM))));
    }
    for (; k < nIn; k++) {
      let g0: T = 0, g1: T = 0, g2: T = 0, g3: T = 0;
      for (let r = 0; r < m; r++) {
        const a = ld<T>(A, r * nIn + k);
        const e = r * nOut + j;
        g0 += ld<T>(D, e) * a;
        g1 += ld<T>(D, e + 1) * a;
        g2 += ld<T>(D, e + 2) * a;
        g3 += ld<T>(D, e + 3) * a;
      }
      st<T>(W, w0 + k, decay * ld<T>(W, w0 + k) - eta * (g0 * invM));
      st<T>(W, w1 + k, decay * ld<T>(W, w1 + k) - eta * (g1 * invM));
      st<T>(W, w2 + k, decay * ld<T>(W, w2 + k) - eta * (g2 * invM));
      st<T>(W, w3 + k, decay * ld<T>(W, w3 + k) - eta * (g3 * invM));
    }
  }
  for (; j + 2 <= nOut; j += 2) {
    const wo = j * nIn;
    const wp = wo + nIn;
    for (let k = 0; k < kv; k += V) {
      let g0 = vzero(), g1 = vzero();
      for (let r = 0; r < m; r++) {
        const a = vld<T>(A, r * nIn + k);
        g0 = vadd<T>(g0, vmul<T>(vldSplat<T>(D, r * nOut + j), a));
        g1 = vadd<T>(g1, vmul<T>(vldSplat<T>(D, r * nOut + j + 1), a));
      }
      vst<T>(W, wo + k, vsub<T>(vmul<T>(vdecay, vld<T>(W, wo + k)), vmul<T>(veta, vmul<T>(g0, vinvM))));
      vst<T>(W, wp + k, vsub<T>(vmul<T>(vdecay, vld<T>(W, wp + k)), vmul<T>(veta, vmul<T>(g1, vinvM))));
    }
    for (let k = kv; k < nIn; k++) {
      let g0: T = 0, g1: T = 0;
      for (let r = 0; r < m; r++) {
        const a = ld<T>(A, r * nIn + k);
        g0 += ld<T>(D, r * nOut + j) * a;
        g1 += ld<T>(D, r * nOut + j + 1) * a;
      }
      st<T>(W, wo + k, decay * ld<T>(W, wo + k) - eta * (g0 * invM));
      st<T>(W, wp + k, decay * ld<T>(W, wp + k) - eta * (g1 * invM));
    }
  }
  for (; j < nOut; j++) {
    const wo = j * nIn;
    for (let k = 0; k < kv; k += V) {
      let g0 = vzero();
      for (let r = 0; r < m; r++) g0 = vadd<T>(g0, vmul<T>(vldSplat<T>(D, r * nOut + j), vld<T>(A, r * nIn + k)));
      vst<T>(W, wo + k, vsub<T>(vmul<T>(vdecay, vld<T>(W, wo + k)), vmul<T>(veta, vmul<T>(g0, vinvM))));
    }
    for (let k = kv; k < nIn; k++) {
      let g0: T = 0;
      for (let r = 0; r < m; r++) g0 += ld<T>(D, r * nOut + j) * ld<T>(A, r * nIn + k);
      st<T>(W, wo + k, decay * ld<T>(W, wo + k) - eta * (g0 * invM));
    }
  }
  for (let jj = 0; jj < nOut; jj++) {
    let sb: T = 0;
    for (let r = 0; r < m; r++) sb += ld<T>(D, r * nOut + jj);
    st<T>(b, jj, ld<T>(b, jj) - eta * (sb * invM));
  }
}

// ---------------------------------------------------------------- one minibatch

/** Rows order[start … end − 1] of the packed set (width numbers each) into dst. */
function gather<T>(src: usize, width: i32, order: usize, start: i32, end: i32, dst: usize): void {
  const bytes = <usize>width << alignof<T>();
  let o: usize = dst;
  for (let i = start; i < end; i++) {
    const s = order == 0 ? i : load<i32>(order + (<usize>i << 2));
    memory.copy(o, src + <usize>s * bytes, bytes);
    o += bytes;
  }
}

/** Rows of pixel bytes into dst as the inputs byte / 256 (PIXEL_SCALE), looked up in the table (the numbers JavaScript's division gives, rounded to T). */
function gatherBytes<T>(src: usize, width: i32, order: usize, start: i32, end: i32, dst: usize, table: usize): void {
  let o = 0;
  for (let i = start; i < end; i++) {
    const s = order == 0 ? i : load<i32>(order + (<usize>i << 2));
    const row = src + <usize>s * <usize>width;
    for (let k = 0; k < width; k++) st<T>(dst, o + k, ld<T>(table, <i32>load<u8>(row + <usize>k)));
    o += width;
  }
}

function forward<T>(desc: usize, m: i32): void {
  const L = field(desc, D_L);
  let A = <usize>field(desc, D_A0);
  for (let i = 0; i < L; i++) {
    const nIn = lf(desc, i, F_NIN);
    const nOut = lf(desc, i, F_NOUT);
    const Z = ptr(desc, i, F_Z);
    const An = ptr(desc, i, F_A);
    affine<T>(A, nIn, ptr(desc, i, F_W), ptr(desc, i, F_B), nOut, Z, m);
    activate<T>(lf(desc, i, F_ACT), Z, An, m, nOut);
    A = An;
  }
}

/** Σ C_x over m rows (outputs of the last layer, targets in the Y buffer), summed in f64. */
function batchCost<T>(desc: usize, m: i32): f64 {
  const L = field(desc, D_L);
  const n = lf(desc, L - 1, F_NOUT);
  const A = ptr(desc, L - 1, F_A);
  const Y = <usize>field(desc, D_Y);
  const kind = field(desc, D_COST);
  let s: f64 = 0;
  for (let r = 0; r < m; r++) {
    let c: f64 = 0;
    for (let j = r * n; j < (r + 1) * n; j++) {
      const a = <f64>ld<T>(A, j);
      const y = <f64>ld<T>(Y, j);
      if (kind == COST_QUADRATIC) c += (a - y) * (a - y);
      else if (kind == COST_CROSS_ENTROPY) c -= xlogy(y, a) + xlogy(1 - y, 1 - a);
      else c -= xlogy(y, a);
    }
    s += kind == COST_QUADRATIC ? 0.5 * c : c;
  }
  return s;
}

/** ∂C/∂a_j of the cost for one output (as cost.grad in costs.ts). */
@inline function costGrad<T>(kind: i32, a: T, y: T): T {
  if (kind == COST_QUADRATIC) return a - y;
  if (kind == COST_CROSS_ENTROPY) return (a - y) / (a * (<T>1 - a));
  return y == <T>0 ? <T>0 : -y / a;
}

/** BP1: E^L into the last layer's error buffer. */
function outputError<T>(desc: usize, m: i32): void {
  const L = field(desc, D_L);
  const n = lf(desc, L - 1, F_NOUT);
  const A = ptr(desc, L - 1, F_A);
  const Z = ptr(desc, L - 1, F_Z);
  const D = ptr(desc, L - 1, F_E);
  const Y = <usize>field(desc, D_Y);
  const form = field(desc, D_DELTA);
  const cost = field(desc, D_COST);
  const len = m * n;
  if (form == DELTA_A_MINUS_Y) {
    for (let i = 0; i < len; i++) st<T>(D, i, ld<T>(A, i) - ld<T>(Y, i));
  } else if (form == DELTA_SOFTMAX_LL) {
    for (let r = 0; r < m; r++) {
      const o = r * n;
      let sy: f64 = 0;
      for (let j = 0; j < n; j++) sy += <f64>ld<T>(Y, o + j);
      if (Math.abs(sy - 1) < 1e-12) {
        for (let j = 0; j < n; j++) st<T>(D, o + j, ld<T>(A, o + j) - ld<T>(Y, o + j));
      } else {
        // (diag(a) − a aᵀ)(−y/a) = (Σ_k y_k) a − y
        const s = <T>sy;
        for (let j = 0; j < n; j++) st<T>(D, o + j, s * ld<T>(A, o + j) - ld<T>(Y, o + j));
      }
    }
  } else if (form == DELTA_ELEMENTWISE) {
    for (let i = 0; i < len; i++) st<T>(D, i, costGrad<T>(cost, ld<T>(A, i), ld<T>(Y, i)));
    timesPrime<T>(lf(desc, L - 1, F_ACT), Z, A, D, len);
  } else {
    // softmax: δ = J_σᵀ g with J = diag(a) − a aᵀ, so δ_k = a_k (g_k − Σ_j a_j g_j)
    for (let r = 0; r < m; r++) {
      const o = r * n;
      let ag: T = 0;
      for (let j = 0; j < n; j++) {
        const a = ld<T>(A, o + j);
        const g = costGrad<T>(cost, a, ld<T>(Y, o + j));
        st<T>(D, o + j, g);
        ag += a * g;
      }
      for (let j = 0; j < n; j++) st<T>(D, o + j, ld<T>(A, o + j) * (ld<T>(D, o + j) - ag));
    }
  }
}

/** BP2: E^{i−1} = (E^i w^i) ⊙ σ′(Z^{i−1}) (weights layer i, 0-based; as hiddenError in backprop.ts). */
function hiddenError<T>(desc: usize, i: i32, m: i32): void {
  const below = i - 1;
  const nIn = lf(desc, i, F_NIN);
  const Dp = ptr(desc, below, F_E);
  backMul<T>(ptr(desc, i, F_E), lf(desc, i, F_NOUT), ptr(desc, i, F_W), nIn, Dp, m);
  timesPrime<T>(lf(desc, below, F_ACT), ptr(desc, below, F_Z), ptr(desc, below, F_A), Dp, m * nIn);
}

/**
 * The backward pass: BP1 at the output, then for each layer from the top, BP2 (the error of the
 * layer below, which needs the old w) before BP3/BP4 (that layer's step). With step = false only
 * the errors are computed.
 */
function backward<T>(desc: usize, m: i32, step: bool, decay: T, eta: T): void {
  const L = field(desc, D_L);
  // BP1: E^L, the output error.
  outputError<T>(desc, m);
  const invM = <T>1 / <T>m;
  for (let i = L - 1; i >= 0; i--) {
    const nIn = lf(desc, i, F_NIN);
    const nOut = lf(desc, i, F_NOUT);
    // BP2: E of the layer below (needs the old w of this layer: before its step).
    if (i > 0) hiddenError<T>(desc, i, m);
    // BP3 and BP4, fused with the step.
    if (step) {
      const Aprev = i == 0 ? <usize>field(desc, D_A0) : ptr(desc, i - 1, F_A);
      gradStep<T>(ptr(desc, i, F_E), nOut, Aprev, nIn, ptr(desc, i, F_W), ptr(desc, i, F_B), m, decay, eta, invM);
    }
  }
}

function loadRows<T>(desc: usize, X: usize, Y: usize, order: usize, start: i32, end: i32): void {
  const L = field(desc, D_L);
  if (field(desc, D_XBYTES) == 1) gatherBytes<T>(X, lf(desc, 0, F_NIN), order, start, end, <usize>field(desc, D_A0), <usize>field(desc, D_PIXELS));
  else gather<T>(X, lf(desc, 0, F_NIN), order, start, end, <usize>field(desc, D_A0));
  if (Y != 0) gather<T>(Y, lf(desc, L - 1, F_NOUT), order, start, end, <usize>field(desc, D_Y));
}

// ---------------------------------------------------------------- what JavaScript calls

/**
 * Minibatches of rows order[start … end − 1], each of batchSize rows (the last may be shorter),
 * at most maxBatches of them: one step of Algorithm 4 each. Σ C_x of each batch (before its step)
 * goes to costs[b] (f64). Stops after a batch whose cost is not finite. Returns the batches done.
 */
export function trainRows<T>(desc: usize, X: usize, Y: usize, order: usize, start: i32, end: i32, batchSize: i32, maxBatches: i32, eta: f64, decay: f64, costs: usize): i32 {
  let done = 0;
  for (let s = start; s < end && done < maxBatches; s += batchSize) {
    const e = min(end, s + batchSize);
    const m = e - s;
    loadRows<T>(desc, X, Y, order, s, e);
    forward<T>(desc, m);
    const c = batchCost<T>(desc, m);
    backward<T>(desc, m, true, <T>decay, <T>eta);
    store<f64>(costs + (<usize>done << 3), c);
    done++;
    if (!isFinite(c)) break;
  }
  return done;
}

/** Forward and backward pass of rows order[start … end − 1] (≤ capacity) without a step. Returns Σ C_x. */
export function probeRows<T>(desc: usize, X: usize, Y: usize, order: usize, start: i32, end: i32): f64 {
  const m = end - start;
  loadRows<T>(desc, X, Y, order, start, end);
  forward<T>(desc, m);
  const c = batchCost<T>(desc, m);
  backward<T>(desc, m, false, <T>1, <T>0);
  return c;
}

/** Whether row r of the outputs is right (as isCorrect in train.ts). */
function isRight<T>(A: usize, Y: usize, ro: i32, n: i32): bool {
  if (n == 1) return (ld<T>(A, ro) >= <T>0.5) == (ld<T>(Y, ro) >= <T>0.5);
  let ba = 0;
  let by = 0;
  for (let j = 1; j < n; j++) {
    if (ld<T>(A, ro + j) > ld<T>(A, ro + ba)) ba = j;
    if (ld<T>(Y, ro + j) > ld<T>(Y, ro + by)) by = j;
  }
  return ba == by;
}

/** Σ C_x over the first count rows (returned) and how many are right (stored as i32 at correctOut). */
export function evaluateRows<T>(desc: usize, X: usize, Y: usize, count: i32, correctOut: usize): f64 {
  const L = field(desc, D_L);
  const cap = field(desc, D_CAP);
  const n = lf(desc, L - 1, F_NOUT);
  const A = ptr(desc, L - 1, F_A);
  const Yb = <usize>field(desc, D_Y);
  let cost: f64 = 0;
  let correct = 0;
  for (let s = 0; s < count; s += cap) {
    const e = min(count, s + cap);
    const m = e - s;
    loadRows<T>(desc, X, Y, 0, s, e);
    forward<T>(desc, m);
    cost += batchCost<T>(desc, m);
    for (let r = 0; r < m; r++) if (isRight<T>(A, Yb, r * n, n)) correct++;
  }
  store<i32>(correctOut, correct);
  return cost;
}

/** Outputs of the first count rows of X into out (count × n_L, f64). */
export function predictRows<T>(desc: usize, X: usize, count: i32, out: usize): void {
  const L = field(desc, D_L);
  const cap = field(desc, D_CAP);
  const n = lf(desc, L - 1, F_NOUT);
  const A = ptr(desc, L - 1, F_A);
  for (let s = 0; s < count; s += cap) {
    const e = min(count, s + cap);
    const m = e - s;
    loadRows<T>(desc, X, 0, 0, s, e);
    forward<T>(desc, m);
    for (let i = 0; i < m * n; i++) store<f64>(out + (<usize>(s * n + i) << 3), <f64>ld<T>(A, i));
  }
}
