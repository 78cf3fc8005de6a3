// The page ↔ worker protocol, carried by one MessagePort (src/notebook/sandbox.ts). Everything is
// plain data (structured clone), and each side checks every message it receives against these
// shapes (readToWorker in the worker, readFromWorker on the page) and drops anything else.
//
// Grading: the page sends the reader's code, the function's name and the hidden cases' inputs;
// the worker answers with what the reader's function returned. Expected values never enter the
// worker: the page compares (grade-code.ts `judge`).
import type { OutputItem } from './format';
import type { RunResult } from './evaluate';
import type { Encoded, CodeCase } from './grade-code';

/** a hidden case as it crosses to the worker: its inputs and what to read back, never its expected value */
export type CaseInput = Pick<CodeCase, 'args' | 'check'>;

/** what the reader's function gave on one case: a value (plain data) or what it threw */
export type CaseOutput = { ok: true; value: unknown } | { ok: false; threw: string };

/** the worker's side of a grading: the code did not run / has no such function, or the outputs of every case */
export type Collected = { problem: string } | { outputs: CaseOutput[] };

export type ToWorker =
  | { type: 'run'; id: number; code: string }
  | { type: 'grade'; id: number; code: string; fnName: string; cases: CaseInput[] }
  /** the page's answer to `need-digits`: the site's digits file, or why it could not be read */
  | { type: 'digits'; bytes: ArrayBuffer | null; error?: string };

export type FromWorker =
  | { type: 'ready' }
  | { type: 'output'; id: number; item: OutputItem }
  | { type: 'done'; id: number; result: RunResult }
  | { type: 'graded'; id: number; collected: Collected }
  /** the "data" module wants the digits (the worker cannot fetch; the page hands them in) */
  | { type: 'need-digits' };

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isId = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v > 0;
const isStr = (v: unknown): v is string => typeof v === 'string';
const optNum = (v: unknown) => v === undefined || (typeof v === 'number' && Number.isFinite(v));
const optStr = (v: unknown) => v === undefined || isStr(v);
const strList = (v: unknown): v is string[] => Array.isArray(v) && v.every(isStr);

const ENCODED = new Set(['num', 'vec', 'mat', 'net', 'json']);
const isEncoded = (v: unknown): v is Encoded => isObj(v) && ENCODED.has(v.t as string) && 'v' in v;
const isCheck = (v: unknown) => v === undefined || v === 'result' || (isObj(v) && Number.isInteger(v.arg) && (v.arg as number) >= 0);
const isCaseInput = (v: unknown): v is CaseInput => isObj(v) && Array.isArray(v.args) && v.args.every(isEncoded) && isCheck(v.check) && !('expected' in v);

/** an output item as format.ts defines them (extra fields are kept; the page renders only what it knows) */
export function isOutputItem(v: unknown): v is OutputItem {
  if (!isObj(v)) return false;
  switch (v.kind) {
    case 'text': return isStr(v.text) && (v.level === undefined || ['log', 'info', 'warn', 'error'].includes(v.level as string));
    case 'table': return isStr(v.caption) && (v.header === undefined || strList(v.header)) && Array.isArray(v.rows) && v.rows.every(strList);
    case 'svg': return isStr(v.markup) && isStr(v.caption);
    case 'error': return isStr(v.text) && optNum(v.line) && optNum(v.column);
    default: return false;
  }
}

function isRunResult(v: unknown): v is RunResult {
  if (!isObj(v) || typeof v.ok !== 'boolean' || !strList(v.declared)) return false;
  if (v.error === undefined) return v.ok;
  const e = v.error;
  return !v.ok && isObj(e) && isStr(e.kind) && isStr(e.message) && optNum(e.line) && optNum(e.column);
}

function isCollected(v: unknown): v is Collected {
  if (!isObj(v)) return false;
  if ('problem' in v) return isStr(v.problem) && !('outputs' in v);
  return Array.isArray(v.outputs) && v.outputs.every((o) => isObj(o) && (o.ok === true ? 'value' in o : o.ok === false && isStr(o.threw)));
}

/** the page's check of a message from the worker: the message, or null to drop it */
export function readFromWorker(data: unknown): FromWorker | null {
  if (!isObj(data)) return null;
  switch (data.type) {
    case 'ready': case 'need-digits': return { type: data.type };
    case 'output': return isId(data.id) && isOutputItem(data.item) ? (data as FromWorker) : null;
    case 'done': return isId(data.id) && isRunResult(data.result) ? (data as FromWorker) : null;
    case 'graded': return isId(data.id) && isCollected(data.collected) ? (data as FromWorker) : null;
    default: return null;
  }
}

/** the worker's check of a message from the page: the message, or null to drop it */
export function readToWorker(data: unknown): ToWorker | null {
  if (!isObj(data)) return null;
  switch (data.type) {
    case 'run': return isId(data.id) && isStr(data.code) ? (data as ToWorker) : null;
    case 'grade': return isId(data.id) && isStr(data.code) && isStr(data.fnName) && Array.isArray(data.cases) && data.cases.every(isCaseInput) ? (data as ToWorker) : null;
    case 'digits': return (data.bytes === null || data.bytes instanceof ArrayBuffer) && optStr(data.error) ? (data as ToWorker) : null;
    default: return null;
  }
}
