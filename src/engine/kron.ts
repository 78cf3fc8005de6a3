// vec and the Kronecker product (chapter 3's Jacobian proof of BP4). vec stacks a matrix's columns
// into one long column; A ⊗ B replaces each entry a_ij of A by the block a_ij B. Together they
// turn a matrix product into a matrix–vector product: vec(A X B) = (Bᵀ ⊗ A) vec(X).
import { Matrix, type Vec } from './matrix';

/** vec(M): the columns of M stacked top to bottom, entry (i, j) at position j·rows + i. */
export function vec(m: Matrix): Vec {
  const out = new Float64Array(m.rows * m.cols);
  for (let j = 0; j < m.cols; j++) for (let i = 0; i < m.rows; i++) out[j * m.rows + i] = m.get(i, j);
  return out;
}

/** The inverse of vec: a column of rows·cols entries back into a rows × cols matrix. */
export function unvec(v: ArrayLike<number>, rows: number, cols: number): Matrix {
  if (v.length !== rows * cols) throw new RangeError(`unvec to ${rows} × ${cols} needs ${rows * cols} entries, got ${v.length}`);
  const m = new Matrix(rows, cols);
  for (let j = 0; j < cols; j++) for (let i = 0; i < rows; i++) m.set(i, j, v[j * rows + i]);
  return m;
}

/** A ⊗ B: the (A.rows·B.rows) × (A.cols·B.cols) matrix of blocks a_ij B. */
export function kron(a: Matrix, b: Matrix): Matrix {
  const out = new Matrix(a.rows * b.rows, a.cols * b.cols);
  for (let i = 0; i < a.rows; i++)
    for (let j = 0; j < a.cols; j++)
      for (let p = 0; p < b.rows; p++)
        for (let q = 0; q < b.cols; q++) out.set(i * b.rows + p, j * b.cols + q, a.get(i, j) * b.get(p, q));
  return out;
}
