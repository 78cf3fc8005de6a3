// Vectors and matrices: the only linear algebra the course needs.
// A vector is a Float64Array read as a column; a Matrix is row-major on a Float64Array.
// Each product below is one symbol of the text: w a, wᵀ δ, δ aᵀ and ⊙.

/** A column vector. */
export type Vec = Float64Array;
/** What the engine accepts where a vector is expected. */
export type VecLike = ArrayLike<number>;

/** Copy any array of numbers into a fresh Float64Array. */
export function toVec(v: VecLike): Vec {
  return Float64Array.from(v as ArrayLike<number>);
}

export class Matrix {
  readonly rows: number;
  readonly cols: number;
  /** Row-major storage: entry (i, j) is data[i * cols + j]. */
  readonly data: Float64Array;

  constructor(rows: number, cols: number, data?: Float64Array) {
    if (!Number.isInteger(rows) || !Number.isInteger(cols) || rows < 0 || cols < 0) {
      throw new RangeError(`Matrix shape must be two non-negative integers, got ${rows} × ${cols}`);
    }
    if (data && data.length !== rows * cols) {
      throw new RangeError(`Matrix ${rows} × ${cols} needs ${rows * cols} entries, got ${data.length}`);
    }
    this.rows = rows;
    this.cols = cols;
    this.data = data ?? new Float64Array(rows * cols);
  }

  static zeros(rows: number, cols: number): Matrix {
    return new Matrix(rows, cols);
  }

  /** Build from nested arrays, one inner array per row; every row must have the same length. */
  static from(rows: ArrayLike<ArrayLike<number>>): Matrix {
    const r = rows.length;
    const c = r === 0 ? 0 : rows[0].length;
    const m = new Matrix(r, c);
    for (let i = 0; i < r; i++) {
      if (rows[i].length !== c) throw new RangeError(`Row ${i} has ${rows[i].length} entries, expected ${c}`);
      for (let j = 0; j < c; j++) m.data[i * c + j] = rows[i][j];
    }
    return m;
  }

  get(i: number, j: number): number {
    return this.data[i * this.cols + j];
  }

  set(i: number, j: number, v: number): void {
    this.data[i * this.cols + j] = v;
  }

  /** Row i as a new vector. */
  row(i: number): Vec {
    return this.data.slice(i * this.cols, (i + 1) * this.cols);
  }

  clone(): Matrix {
    return new Matrix(this.rows, this.cols, this.data.slice());
  }

  transpose(): Matrix {
    const t = new Matrix(this.cols, this.rows);
    for (let i = 0; i < this.rows; i++) for (let j = 0; j < this.cols; j++) t.data[j * this.rows + i] = this.data[i * this.cols + j];
    return t;
  }

  toArray(): number[][] {
    const out: number[][] = [];
    for (let i = 0; i < this.rows; i++) out.push(Array.from(this.data.subarray(i * this.cols, (i + 1) * this.cols)));
    return out;
  }
}

/** w a: the weighted input of a layer before the bias, (n_out × n_in)(n_in) → n_out. */
export function matVec(w: Matrix, a: VecLike): Vec {
  if (a.length !== w.cols) throw new RangeError(`matVec: matrix is ${w.rows} × ${w.cols} but vector has ${a.length} entries`);
  const out = new Float64Array(w.rows);
  for (let j = 0; j < w.rows; j++) {
    let s = 0;
    const off = j * w.cols;
    for (let k = 0; k < w.cols; k++) s += w.data[off + k] * a[k];
    out[j] = s;
  }
  return out;
}

/** wᵀ δ: the error sent back through the weights, (n_out × n_in)ᵀ(n_out) → n_in. */
export function matTVec(w: Matrix, d: VecLike): Vec {
  if (d.length !== w.rows) throw new RangeError(`matTVec: matrix is ${w.rows} × ${w.cols} but vector has ${d.length} entries`);
  const out = new Float64Array(w.cols);
  for (let j = 0; j < w.rows; j++) {
    const dj = d[j];
    const off = j * w.cols;
    for (let k = 0; k < w.cols; k++) out[k] += w.data[off + k] * dj;
  }
  return out;
}

/** δ aᵀ: the outer product, entry (j, k) = δ_j a_k. */
export function outer(d: VecLike, a: VecLike): Matrix {
  const m = new Matrix(d.length, a.length);
  for (let j = 0; j < d.length; j++) for (let k = 0; k < a.length; k++) m.data[j * a.length + k] = d[j] * a[k];
  return m;
}

function sameLength(name: string, u: VecLike, v: VecLike): void {
  if (u.length !== v.length) throw new RangeError(`${name}: vectors have ${u.length} and ${v.length} entries`);
}

/** u ⊙ v: the Hadamard (entry-by-entry) product. */
export function hadamard(u: VecLike, v: VecLike): Vec {
  sameLength('hadamard', u, v);
  const out = new Float64Array(u.length);
  for (let i = 0; i < u.length; i++) out[i] = u[i] * v[i];
  return out;
}

export function addVec(u: VecLike, v: VecLike): Vec {
  sameLength('addVec', u, v);
  const out = new Float64Array(u.length);
  for (let i = 0; i < u.length; i++) out[i] = u[i] + v[i];
  return out;
}

export function subVec(u: VecLike, v: VecLike): Vec {
  sameLength('subVec', u, v);
  const out = new Float64Array(u.length);
  for (let i = 0; i < u.length; i++) out[i] = u[i] - v[i];
  return out;
}

export function scaleVec(u: VecLike, s: number): Vec {
  const out = new Float64Array(u.length);
  for (let i = 0; i < u.length; i++) out[i] = u[i] * s;
  return out;
}

export function dot(u: VecLike, v: VecLike): number {
  sameLength('dot', u, v);
  let s = 0;
  for (let i = 0; i < u.length; i++) s += u[i] * v[i];
  return s;
}

/** ‖u‖², the squared Euclidean length. */
export function norm2(u: VecLike): number {
  let s = 0;
  for (let i = 0; i < u.length; i++) s += u[i] * u[i];
  return s;
}

/** The matrix product A B. */
export function matMul(a: Matrix, b: Matrix): Matrix {
  if (a.cols !== b.rows) throw new RangeError(`matMul: ${a.rows} × ${a.cols} times ${b.rows} × ${b.cols}`);
  const out = new Matrix(a.rows, b.cols);
  for (let i = 0; i < a.rows; i++) {
    for (let k = 0; k < a.cols; k++) {
      const aik = a.data[i * a.cols + k];
      if (aik === 0) continue;
      const bo = k * b.cols;
      const oo = i * b.cols;
      for (let j = 0; j < b.cols; j++) out.data[oo + j] += aik * b.data[bo + j];
    }
  }
  return out;
}
