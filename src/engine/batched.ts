// The matrix (batched) form of the same equations, with one example per ROW (seed 002's
// convention): X is N × n_0, and for each layer
//   Z^l = A^{l−1} (w^l)ᵀ + 1 (b^l)ᵀ,   A^l = σ(Z^l),
//   E^L = row by row the output error,  E^l = (E^{l+1} w^{l+1}) ⊙ σ′(Z^l),
//   ∂C_sum/∂w^l = (E^l)ᵀ A^{l−1}  (the sum over the batch of the per-example δ aᵀ),
//   ∂C_sum/∂b^l = the column sums of E^l,
// where E^l is the batch error matrix (row r is δ^l of example r, transposed) and C_sum the cost
// summed over the batch (the notation page).
// This file is written to be read beside chapter 6; it sums (does not average) over the batch,
// so dividing by N gives Algorithm 4's average.
import { activationJacobian, isElementwise } from './activations';
import { Matrix, type VecLike, matMul, matTVec } from './matrix';
import type { Network } from './network';

/** Stack vectors as the rows of a matrix (one example per row). */
export function rowsToMatrix(rows: readonly VecLike[]): Matrix {
  if (rows.length === 0) throw new RangeError('a batch needs at least one example');
  return Matrix.from(rows);
}

export interface BatchForward {
  /** As[0] = X; As[l] = A^l, one row per example. */
  As: Matrix[];
  /** Zs[l − 1] = Z^l. */
  Zs: Matrix[];
}

export function batchFeedforward(net: Network, X: Matrix | readonly VecLike[]): BatchForward {
  const A0 = X instanceof Matrix ? X : rowsToMatrix(X);
  if (A0.cols !== net.sizes[0]) throw new RangeError(`each example has ${A0.cols} entries; the network expects ${net.sizes[0]}`);
  const As = [A0];
  const Zs: Matrix[] = [];
  for (let i = 0; i < net.weights.length; i++) {
    const Z = matMul(As[i], net.weights[i].transpose());
    for (let r = 0; r < Z.rows; r++) for (let j = 0; j < Z.cols; j++) Z.data[r * Z.cols + j] += net.biases[i][j];
    const A = new Matrix(Z.rows, Z.cols);
    for (let r = 0; r < Z.rows; r++) A.data.set(net.activations[i].fn(Z.row(r)), r * Z.cols);
    Zs.push(Z);
    As.push(A);
  }
  return { As, Zs };
}

export interface BatchGradients {
  /** Σ over the batch of ∂C_x/∂w^{i+1}. */
  nablaW: Matrix[];
  /** Σ over the batch of ∂C_x/∂b^{i+1}. */
  nablaB: Float64Array[];
  /** deltas[i] = E^{i+1}: row r is δ^{i+1} of example r. */
  deltas: Matrix[];
}

export function batchBackprop(net: Network, xs: Matrix | readonly VecLike[], ys: Matrix | readonly VecLike[]): BatchGradients {
  const { As, Zs } = batchFeedforward(net, xs);
  const Y = ys instanceof Matrix ? ys : rowsToMatrix(ys);
  const L = net.weights.length;
  const N = As[0].rows;
  if (Y.rows !== N || Y.cols !== net.sizes[L]) throw new RangeError(`targets are ${Y.rows} × ${Y.cols}; expected ${N} × ${net.sizes[L]}`);
  const deltas: Matrix[] = new Array(L);
  // E^L: the output error of each example, one row each.
  const DL = new Matrix(N, net.sizes[L]);
  for (let r = 0; r < N; r++) DL.data.set(net.cost.delta(Zs[L - 1].row(r), As[L].row(r), Y.row(r), net.activations[L - 1]), r * DL.cols);
  deltas[L - 1] = DL;
  // E^l = (E^{l+1} w^{l+1}) ⊙ σ′(Z^l).
  for (let i = L - 2; i >= 0; i--) {
    const back = matMul(deltas[i + 1], net.weights[i + 1]);
    const act = net.activations[i];
    for (let r = 0; r < N; r++) {
      const z = Zs[i].row(r);
      const row = back.row(r);
      const d = isElementwise(act) ? act.prime(z).map((p, j) => p * row[j]) : matTVec(activationJacobian(act, z), row);
      back.data.set(d, r * back.cols);
    }
    deltas[i] = back;
  }
  const nablaW = deltas.map((D, i) => matMul(D.transpose(), As[i]));
  const nablaB = deltas.map((D) => {
    const s = new Float64Array(D.cols);
    for (let r = 0; r < D.rows; r++) for (let j = 0; j < D.cols; j++) s[j] += D.data[r * D.cols + j];
    return s;
  });
  return { nablaW, nablaB, deltas };
}

/**
 * The augmented-bias trick (source note 003, row form): stack (w^l)ᵀ and the bias row (b^l)ᵀ into
 * one (n_{l−1} + 1) × n_l matrix, so that [aᵀ 1] times it is (zˡ)ᵀ = aᵀ (wˡ)ᵀ + (bˡ)ᵀ.
 */
export function augmentedWeights(w: Matrix, b: VecLike): Matrix {
  if (b.length !== w.rows) throw new RangeError(`bias has ${b.length} entries; the weight matrix has ${w.rows} rows`);
  const m = new Matrix(w.cols + 1, w.rows);
  for (let j = 0; j < w.rows; j++) {
    for (let k = 0; k < w.cols; k++) m.set(k, j, w.get(j, k));
    m.set(w.cols, j, b[j]);
  }
  return m;
}

/** Append the constant 1 to each row (example) of A: the input side of the augmented-bias trick. */
export function augmentRows(A: Matrix | readonly VecLike[]): Matrix {
  const M = A instanceof Matrix ? A : rowsToMatrix(A);
  const out = new Matrix(M.rows, M.cols + 1);
  for (let r = 0; r < M.rows; r++) {
    out.data.set(M.data.subarray(r * M.cols, (r + 1) * M.cols), r * out.cols);
    out.data[r * out.cols + M.cols] = 1;
  }
  return out;
}
