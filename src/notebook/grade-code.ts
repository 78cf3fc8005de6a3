// Grading a code exercise: run the reader's code, find the function the exercise asks for, call it
// on hidden cases and compare with the expected values the page computed with the engine.
// Pure (no DOM): the worker calls it, and the unit tests call it in Node.
import type { CellSession } from './evaluate';
import { describe } from './format';

/** a value that crosses to the worker as plain data and is rebuilt there */
export type Encoded =
  | { t: 'num'; v: number }
  | { t: 'vec'; v: number[] }          // → Float64Array
  | { t: 'mat'; v: number[][] }        // → engine Matrix
  | { t: 'net'; v: unknown }           // → engine fromJSON(model)
  | { t: 'json'; v: unknown };         // as is (e.g. a minibatch of { x, y } with number[] vectors)

export interface CodeCase {
  args: Encoded[];
  /** expected: numbers, nested number arrays, or { weights, biases } for a network */
  expected: unknown;
  /** what to compare: the function's return value (default) or argument i after the call (in-place updates) */
  check?: 'result' | { arg: number };
}
export interface CodeSpec { fnName: string; cases: CodeCase[]; tol?: { abs?: number; rel?: number } }
export interface CodeReport {
  ok: boolean;
  passed: number;
  total: number;
  /** the cell could not run, or the function is missing */
  problem?: string;
  failure?: { index: number; input: string; expected: string; actual: string; why: string };
}

type Engine = { Matrix: { from(a: number[][]): unknown }; fromJSON(j: unknown): unknown };

export function decode(e: Encoded, engine: Engine): unknown {
  switch (e.t) {
    case 'num': return e.v;
    case 'vec': return Float64Array.from(e.v);
    case 'mat': return engine.Matrix.from(e.v);
    case 'net': return engine.fromJSON(structuredClone(e.v));
    case 'json': return structuredClone(e.v);
  }
}

/** turn what a function returned into plain numbers / nested arrays / { weights, biases } */
export function plain(v: unknown): unknown {
  if (typeof v === 'number') return v;
  if (ArrayBuffer.isView(v) && !(v instanceof DataView)) return Array.from(v as unknown as ArrayLike<number>);
  if (Array.isArray(v)) return v.map(plain);
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (typeof o.rows === 'number' && typeof o.cols === 'number' && o.data && ArrayBuffer.isView(o.data)) {
      const d = o.data as unknown as ArrayLike<number>;
      return Array.from({ length: o.rows as number }, (_, i) => Array.from({ length: o.cols as number }, (_, j) => d[i * (o.cols as number) + j]));
    }
    if (Array.isArray(o.weights) && Array.isArray(o.biases)) return { weights: plain(o.weights), biases: plain(o.biases) };
  }
  return v;
}

const shapeOf = (v: unknown): string => (Array.isArray(v) ? (Array.isArray(v[0]) ? `${v.length}×${(v[0] as unknown[]).length}` : `${v.length}`) : typeof v);

/** first difference between expected and actual, or null when they agree within tolerance */
export function compare(expected: unknown, actual: unknown, tol: { abs?: number; rel?: number } = {}, path = ''): string | null {
  const abs = tol.abs ?? 1e-9;
  const rel = tol.rel ?? 1e-6;
  if (typeof expected === 'number') {
    if (typeof actual !== 'number') return `${path || 'the result'} should be a number, got ${actual === undefined ? 'undefined' : describe(actual, 1)}`;
    if (Number.isNaN(actual)) return `${path || 'the result'} is NaN`;
    return Math.abs(actual - expected) <= abs + rel * Math.abs(expected) ? null : `${path || 'the result'} is ${describe(actual)}, expected ${describe(expected)}`;
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return `${path || 'the result'} should be ${Array.isArray(expected[0]) ? 'a matrix' : 'a vector'} of shape ${shapeOf(expected)}, got ${actual === undefined ? 'undefined' : describe(actual, 1)}`;
    if (actual.length !== expected.length || (Array.isArray(expected[0]) && Array.isArray(actual[0]) && (actual[0] as unknown[]).length !== (expected[0] as unknown[]).length))
      return `${path || 'the result'} has shape ${shapeOf(actual)}, expected ${shapeOf(expected)}`;
    for (let i = 0; i < expected.length; i++) {
      const d = compare(expected[i], actual[i], tol, `${path || 'entry '}[${i}]`);
      if (d) return d;
    }
    return null;
  }
  if (expected && typeof expected === 'object') {
    if (!actual || typeof actual !== 'object') return `${path || 'the result'} should be an object, got ${describe(actual, 1)}`;
    for (const k of Object.keys(expected)) {
      const d = compare((expected as Record<string, unknown>)[k], (actual as Record<string, unknown>)[k], tol, path ? `${path}.${k}` : k);
      if (d) return d;
    }
    return null;
  }
  return Object.is(expected, actual) ? null : `got ${describe(actual, 1)}, expected ${describe(expected, 1)}`;
}

export async function gradeCode(session: CellSession, code: string, spec: CodeSpec, engine: Engine): Promise<CodeReport> {
  const total = spec.cases.length;
  const errors: string[] = [];
  const r = await session.run(code, (item) => { if (item.kind === 'error') errors.push(item.text); });
  if (!r.ok) return { ok: false, passed: 0, total, problem: errors[0] ?? 'Your code did not run.' };
  const fn = session.scope.get(spec.fnName);
  if (typeof fn !== 'function') return { ok: false, passed: 0, total, problem: `Define a function named ${spec.fnName}.` };
  for (let i = 0; i < total; i++) {
    const c = spec.cases[i];
    const args = c.args.map((a) => decode(a, engine));
    const input = c.args.map((a) => describe(decode(a, engine), 1)).join(', ');
    let result: unknown;
    try {
      result = await (fn as (...a: unknown[]) => unknown)(...args);
    } catch (e) {
      return { ok: false, passed: i, total, failure: { index: i, input, expected: describe(c.expected, 1), actual: 'an exception', why: `${spec.fnName} threw ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}` } };
    }
    const actual = plain(c.check && c.check !== 'result' ? args[c.check.arg] : result);
    const why = compare(c.expected, actual, spec.tol);
    if (why) return { ok: false, passed: i, total, failure: { index: i, input, expected: describe(c.expected, 1), actual: describe(actual, 1), why } };
  }
  return { ok: true, passed: total, total };
}
