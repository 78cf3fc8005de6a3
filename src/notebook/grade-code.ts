// Grading a code exercise: run the reader's code, find the function the exercise asks for, call it
// on hidden cases (collectOutputs, in a fresh worker), then compare on the page with the expected
// values the engine computed there (judge). Pure (no DOM): the unit tests call both in Node.
import type { CellSession } from './evaluate';
import { collectOutput, describe, type OutputItem } from './format';
import type { CaseInput, CaseOutput, Collected } from './messages';

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
  /** what the reader's code printed while it was graded */
  printed?: OutputItem[];
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

// built-ins the grader relies on, taken when this module is evaluated: in the worker that is
// before any reader code runs, so a cell that patches Array.from or Array.isArray cannot change them
const isArray = Array.isArray;
const arrayFrom = Array.from;
const isView = ArrayBuffer.isView;
const clone = structuredClone;
const DataViewCtor = DataView;

/** turn what a function returned into plain numbers / nested arrays / { weights, biases } */
export function plain(v: unknown): unknown {
  if (typeof v === 'number') return v;
  if (isView(v) && !(v instanceof DataViewCtor)) return arrayFrom(v as unknown as ArrayLike<number>, (x) => x);
  if (isArray(v)) { const out: unknown[] = []; for (let i = 0; i < v.length; i++) out.push(plain(v[i])); return out; }
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (typeof o.rows === 'number' && typeof o.cols === 'number' && o.data && isView(o.data)) {
      const d = o.data as unknown as ArrayLike<number>;
      const rows = o.rows as number, cols = o.cols as number;
      const out: number[][] = [];
      for (let i = 0; i < rows; i++) { const row: number[] = []; for (let j = 0; j < cols; j++) row.push(d[i * cols + j]); out.push(row); }
      return out;
    }
    if (isArray(o.weights) && isArray(o.biases)) return { weights: plain(o.weights), biases: plain(o.biases) };
  }
  return v;
}

/** v as it will cross back to the page, or a description when it cannot be copied (a function, a proxy) */
export function crossable(v: unknown): unknown {
  try { return clone(v); } catch { return `(a ${typeof v} that cannot be copied back)`; }
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

/**
 * The worker's half of grading: run the reader's code in a fresh session, call the function on
 * each case's inputs and return what it gave, as plain data. It never sees an expected value.
 */
export async function collectOutputs(session: CellSession, code: string, fnName: string, cases: CaseInput[], engine: Engine): Promise<Collected> {
  // what the reader's code prints goes back with the outputs (a code exercise shows it, as a cell would);
  // console.log inside the function, called for the cases below, still reaches this run's collector
  const got = collectOutput();
  const r = await session.run(code, got.onOutput);
  const printed = () => (got.items.length ? { printed: got.items } : {});
  if (!r.ok) return { problem: got.errors[0] ?? 'Your code did not run.', ...printed() };
  const fn = session.scope.get(fnName);
  if (typeof fn !== 'function') return { problem: `Define a function named ${fnName}.`, ...printed() };
  const outputs: CaseOutput[] = [];
  for (const c of cases) {
    const args = c.args.map((a) => decode(a, engine));
    let result: unknown;
    try {
      result = await (fn as (...a: unknown[]) => unknown)(...args);
    } catch (e) {
      let threw: string;
      try { threw = e instanceof Error ? `${e.name}: ${e.message}` : String(e); } catch { threw = 'a value that cannot be shown'; }
      outputs.push({ ok: false, threw });
      break; // the page reports the first failing case; later ones are not needed
    }
    outputs.push({ ok: true, value: crossable(plain(c.check && c.check !== 'result' ? args[c.check.arg] : result)) });
  }
  return { outputs, ...printed() };
}

/**
 * The page's half: compare what the worker returned with the expected values (computed on the
 * page by the engine) and report the first failing case.
 */
export function judge(spec: CodeSpec, collected: Collected, engine: Engine): CodeReport {
  const report = judgeOutputs(spec, collected, engine);
  return collected.printed?.length ? { ...report, printed: collected.printed } : report;
}

function judgeOutputs(spec: CodeSpec, collected: Collected, engine: Engine): CodeReport {
  const total = spec.cases.length;
  if ('problem' in collected) return { ok: false, passed: 0, total, problem: collected.problem };
  for (let i = 0; i < total; i++) {
    const c = spec.cases[i];
    const input = c.args.map((a) => describe(decode(a, engine), 1)).join(', ');
    const out = collected.outputs[i];
    if (!out) return { ok: false, passed: i, total, failure: { index: i, input, expected: describe(c.expected, 1), actual: 'nothing', why: `${spec.fnName} gave no result` } };
    if (!out.ok) return { ok: false, passed: i, total, failure: { index: i, input, expected: describe(c.expected, 1), actual: 'an exception', why: `${spec.fnName} threw ${out.threw}` } };
    const why = compare(c.expected, out.value, spec.tol);
    if (why) return { ok: false, passed: i, total, failure: { index: i, input, expected: describe(c.expected, 1), actual: describe(out.value, 1), why } };
  }
  return { ok: true, passed: total, total };
}

/** both halves in one place (Node tests; the site runs collectOutputs in the worker and judge on the page) */
export async function gradeCode(session: CellSession, code: string, spec: CodeSpec, engine: Engine): Promise<CodeReport> {
  return judge(spec, await collectOutputs(session, code, spec.fnName, spec.cases.map(caseInput), engine), engine);
}

/** a case without its expected value: what crosses to the worker */
export function caseInput(c: CodeCase): CaseInput {
  return c.check === undefined ? { args: c.args } : { args: c.args, check: c.check };
}
