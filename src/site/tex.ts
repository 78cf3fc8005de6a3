// The TeX helpers the chapters use to print numbers the engine computed at build time (inside
// <TeX math={…} />). One module, so every chapter prints numbers the same way: a value that rounds
// to zero prints as 0.0000, never −0.0000, and a non-finite value fails the build instead of
// printing "NaN" on the page.

/** a matrix as the engine gives it (Matrix has toArray()) or as plain rows */
export type MatrixLike = { toArray(): number[][] } | ArrayLike<ArrayLike<number>>;

function finite(v: number, what: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new RangeError(`${what}: expected a finite number, got ${String(v)}`);
  return v;
}

/** v with `digits` decimals; a value that rounds to zero prints without a minus sign */
export function fixed(v: number, digits: number): string {
  const s = finite(v, 'fixed').toFixed(digits);
  return /^-[0.]+$/.test(s) ? s.slice(1) : s;
}

export const f2 = (v: number): string => fixed(v, 2);
export const f3 = (v: number): string => fixed(v, 3);
export const f4 = (v: number): string => fixed(v, 4);
export const f6 = (v: number): string => fixed(v, 6);

/** f4, in parentheses when negative (for a factor inside a product: 0.2\cdot(−0.5000)) */
export const s4 = (v: number): string => {
  const s = f4(v);
  return s.startsWith('-') ? `(${s})` : s;
};

/** scientific notation in TeX, m × 10^{e}, with `digits` decimals in the mantissa; zero prints as 0 */
export function sci(v: number, digits = 2): string {
  finite(v, 'sci');
  if (v === 0) return '0';
  const [m, e] = v.toExponential(digits).split('e');
  return `${m} \\times 10^{${Number(e)}}`;
}

/** a whole number with thousands grouped by a thin TeX comma: 23{,}860 */
export function int(v: number): string {
  finite(v, 'int');
  if (!Number.isInteger(v)) throw new RangeError(`int: expected a whole number, got ${v}`);
  return Math.abs(v).toLocaleString('en-GB').replace(/,/g, '{,}').replace(/^/, v < 0 ? '-' : '');
}

function rowsOf(m: MatrixLike): number[][] {
  const rows = 'toArray' in m && typeof m.toArray === 'function' ? m.toArray() : Array.from(m as ArrayLike<ArrayLike<number>>, (r) => Array.from(r));
  return rows;
}

type Bracket = 'bmatrix' | 'pmatrix';

function env(rows: string[][], bracket: Bracket): string {
  return `\\begin{${bracket}}` + rows.map((r) => r.join(' & ')).join(' \\\\ ') + `\\end{${bracket}}`;
}

/** a matrix, entries with f4 */
export const mat = (m: MatrixLike, bracket: Bracket = 'bmatrix', fmt: (v: number) => string = f4): string => env(rowsOf(m).map((r) => r.map(fmt)), bracket);

/** the transpose of a matrix, entries with f4 */
export const matT = (m: MatrixLike, bracket: Bracket = 'bmatrix', fmt: (v: number) => string = f4): string => {
  const rows = rowsOf(m);
  const cols = rows.length === 0 ? 0 : rows[0].length;
  return env(Array.from({ length: cols }, (_, k) => rows.map((r) => fmt(r[k]))), bracket);
};

/** a vector as a column */
export const col = (v: ArrayLike<number>, bracket: Bracket = 'bmatrix', fmt: (v: number) => string = f4): string => env(Array.from(v, (x) => [fmt(x)]), bracket);

/** a vector as a row */
export const row = (v: ArrayLike<number>, bracket: Bracket = 'bmatrix', fmt: (v: number) => string = f4): string => env([Array.from(v, fmt)], bracket);
