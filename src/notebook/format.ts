// What a cell shows, as plain data that can cross from the worker to the page. The page renders
// text with textContent and tables cell by cell, so nothing a cell prints is ever parsed as HTML;
// only `svg` items (Observable Plot charts) become markup, after sanitising (sanitize.ts).

export type OutputItem =
  | { kind: 'text'; text: string; level?: 'log' | 'info' | 'warn' | 'error' }
  | { kind: 'table'; caption: string; header?: string[]; rows: string[][] }
  | { kind: 'svg'; markup: string; caption: string }
  | { kind: 'error'; text: string; line?: number; column?: number };

/**
 * How a cell shows a number (a value, a table entry, a console.log argument), decided once:
 * - a whole number below 10¹⁵ in magnitude exactly as it is (`42`, `-7`, `123456789012`);
 * - anything else to 6 significant digits with trailing zeros dropped (`0.3` for 0.1 + 0.2,
 *   `3.14159`), so it reads back within a relative 5 · 10⁻⁶;
 * - in exponent form below 10⁻⁴ or from 10⁹ on (`1.5e-7`, `2.71828e+9`), same 6 digits;
 * - `0` for ±0, and `NaN`, `Infinity`, `-Infinity`.
 * For every digit, print a string: `String(x)` or `x.toPrecision(17)`; strings are shown as they are.
 */
export function formatNumber(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? 'Infinity' : '-Infinity';
  if (x === 0) return '0';
  if (Number.isInteger(x) && Math.abs(x) < 1e15) return String(x);
  const rounded = Number(x.toPrecision(6));
  const ax = Math.abs(rounded);
  if (ax < 1e-4 || ax >= 1e9) return rounded.toExponential();
  return String(rounded);
}

const MAX_ROWS = 50;
const MAX_COLS = 20;

type NumArray = ArrayLike<number>;
const isNumeric = (v: unknown): v is number => typeof v === 'number';
function isNumberList(v: unknown): v is NumArray {
  if (ArrayBuffer.isView(v) && !(v instanceof DataView)) return true;
  return Array.isArray(v) && v.length > 0 && v.every(isNumeric);
}
/** the engine's Matrix (or anything shaped like it): rows, cols, data, get */
function isMatrix(v: unknown): v is { rows: number; cols: number; data: NumArray } {
  if (!v || typeof v !== 'object') return false;
  const m = v as { rows?: unknown; cols?: unknown; data?: unknown };
  return typeof m.rows === 'number' && typeof m.cols === 'number' && isNumberList(m.data) && (m.data as NumArray).length === m.rows * m.cols;
}

function gridTable(rows: number, cols: number, at: (i: number, j: number) => number, caption: string): OutputItem {
  const r = Math.min(rows, MAX_ROWS);
  const c = Math.min(cols, MAX_COLS);
  const out: string[][] = [];
  for (let i = 0; i < r; i++) {
    const row: string[] = [];
    for (let j = 0; j < c; j++) row.push(formatNumber(at(i, j)));
    if (c < cols) row.push('…');
    out.push(row);
  }
  if (r < rows) out.push(Array(Math.min(c + (c < cols ? 1 : 0), cols)).fill('⋮'));
  const cut = r < rows || c < cols ? ` (first ${r}×${c} shown)` : '';
  return { kind: 'table', caption: caption + cut, rows: out };
}

function typeName(v: NumArray): string {
  return Array.isArray(v) ? 'array' : (v as object).constructor?.name ?? 'typed array';
}

/** a short, safe one-line rendering of any value (used for text and for failing inputs) */
export function describe(v: unknown, depth = 0): string {
  if (typeof v === 'number') return formatNumber(v);
  if (typeof v === 'string') return depth === 0 ? v : JSON.stringify(v);
  if (typeof v === 'bigint') return `${v}n`;
  if (v === undefined || v === null || typeof v === 'boolean' || typeof v === 'symbol') return String(v);
  if (typeof v === 'function') return `function ${v.name || '(anonymous)'}`;
  if (v instanceof Error) return `${v.name}: ${v.message}`;
  if (depth > 3) return '…';
  if (isMatrix(v)) {
    const rows: string[] = [];
    for (let i = 0; i < Math.min(v.rows, 10); i++) rows.push(`[${Array.from({ length: Math.min(v.cols, 10) }, (_, j) => formatNumber(v.data[i * v.cols + j])).join(', ')}${v.cols > 10 ? ', …' : ''}]`);
    return `Matrix ${v.rows}×${v.cols} [${rows.join(', ')}${v.rows > 10 ? ', …' : ''}]`;
  }
  if (isNumberList(v)) {
    const items = Array.from({ length: Math.min(v.length, 20) }, (_, i) => formatNumber(v[i]));
    const prefix = Array.isArray(v) ? '' : `${typeName(v)}(${v.length}) `;
    return `${prefix}[${items.join(', ')}${v.length > 20 ? ', …' : ''}]`;
  }
  if (Array.isArray(v)) return `[${v.slice(0, 20).map((x) => describe(x, depth + 1)).join(', ')}${v.length > 20 ? ', …' : ''}]`;
  if (v instanceof Map) return `Map(${v.size}) {${[...v].slice(0, 20).map(([k, x]) => `${describe(k, depth + 1)} => ${describe(x, depth + 1)}`).join(', ')}}`;
  if (v instanceof Set) return `Set(${v.size}) {${[...v].slice(0, 20).map((x) => describe(x, depth + 1)).join(', ')}}`;
  try {
    const entries = Object.entries(v as object).slice(0, 30).map(([k, x]) => `${k}: ${describe(x, depth + 1)}`);
    return `{ ${entries.join(', ')} }`;
  } catch {
    return Object.prototype.toString.call(v);
  }
}

/** the output item for one displayed value (charts are handled before this, in the worker) */
export function toOutput(v: unknown): OutputItem {
  if (isMatrix(v)) return gridTable(v.rows, v.cols, (i, j) => v.data[i * v.cols + j], `Matrix ${v.rows}×${v.cols}`);
  if (isNumberList(v)) return gridTable(1, v.length, (_, j) => v[j], `${typeName(v)} of ${v.length} number${v.length === 1 ? '' : 's'}`);
  // an array of equal-length number arrays: a matrix written as number[][]
  if (Array.isArray(v) && v.length > 0 && v.every(isNumberList)) {
    const cols = (v[0] as NumArray).length;
    if (v.every((r) => (r as NumArray).length === cols)) return gridTable(v.length, cols, (i, j) => (v[i] as NumArray)[j], `${v.length}×${cols} array`);
  }
  // an array of flat records with number/string fields: a table with a header
  if (Array.isArray(v) && v.length > 0 && v.every((r) => r && typeof r === 'object' && !Array.isArray(r) && Object.values(r).every((x) => typeof x === 'number' || typeof x === 'string' || typeof x === 'boolean'))) {
    const header = [...new Set(v.flatMap((r) => Object.keys(r as object)))].slice(0, MAX_COLS);
    const rows = v.slice(0, MAX_ROWS).map((r) => header.map((h) => { const x = (r as Record<string, unknown>)[h]; return x === undefined ? '' : describe(x, 1).replace(/^"|"$/g, ''); }));
    return { kind: 'table', caption: `${v.length} row${v.length === 1 ? '' : 's'}${v.length > MAX_ROWS ? ` (first ${MAX_ROWS} shown)` : ''}`, header, rows };
  }
  return { kind: 'text', text: describe(v) };
}

/** console.log's rendering: strings as they are, other values described, joined by spaces */
export function consoleLine(args: unknown[]): string {
  return args.map((a) => (typeof a === 'string' ? a : describe(a, 1))).join(' ');
}
