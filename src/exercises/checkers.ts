// Answer checkers: pure functions, no DOM. Every check returns { ok, message, wrong? } and never
// throws: malformed input, and input that would do unbounded work, get a message.
//
// Bounded work (issue 15.7): every answer is parsed by mathjs and the tree is checked before it is
// evaluated (limitProblem): one expression only (no assignments, function definitions, several
// statements), only the functions an answer needs (no random functions, no import/createUnit/
// evaluate/parse), ones(…) with constant sizes up to MAX_DIM per side and MAX_ENTRIES in all,
// constant exponents up to MAX_EXPONENT, at most MAX_NODES nodes and MAX_TEXT characters. The
// dangerous mathjs functions are also disabled on the instance itself.
import { create, all, type MathJsInstance, type MathNode } from 'mathjs';
import type { OutputItem } from '../notebook/format';
import { normalizeNumberText } from '../input/number-text';
import { figuresNeeded, figuresForAll, figuresText, isClose, DEFAULT_ABS, DEFAULT_REL } from './precision';

export interface CheckResult {
  ok: boolean;
  message: string;
  wrong?: number[];
  slip?: string;
  /** a code exercise: what the reader's code printed while it was graded */
  printed?: OutputItem[];
}

export const LIMITS = { MAX_TEXT: 400, MAX_NODES: 200, MAX_DIM: 100, MAX_ENTRIES: 10_000, MAX_EXPONENT: 1000 } as const;

let mj: { m: MathJsInstance; parse: MathJsInstance['parse'] } | null = null;
function math(): MathJsInstance { return inst().m; }
function inst() {
  if (!mj) {
    const m = create(all, { number: 'number' });
    const parse = m.parse;
    const off = (name: string) => () => { throw new Error(`${name} is not available in an answer`); };
    m.import(Object.fromEntries(['import', 'createUnit', 'evaluate', 'parse', 'compile', 'simplify', 'derivative', 'resolve', 'random', 'randomInt', 'pickRandom', 'reviver', 'replacer']
      .map((n) => [n, off(n)])), { override: true });
    mj = { m, parse };
  }
  return mj;
}
const parseRaw = (t: string): MathNode => inst().parse(t);

/** operators (mathjs fn names) an answer may use */
const OPERATORS = new Set(['add', 'subtract', 'multiply', 'divide', 'pow', 'unaryMinus', 'unaryPlus', 'dotMultiply', 'dotDivide', 'dotPow', 'ctranspose', 'transpose']);

/**
 * Why a parsed answer may not be evaluated (undefined when it may). `functions` are the callable
 * names, `symbols` the names that may appear as values.
 */
export function limitProblem(root: MathNode, functions: readonly string[], symbols: readonly string[]): string | undefined {
  let count = 0;
  let problem: string | undefined;
  const constant = (n: MathNode): number | undefined => {
    let pure = true;
    n.traverse((c: any) => { if (c.type === 'SymbolNode' || c.type === 'FunctionNode') pure = false; });
    if (!pure) return undefined;
    try { const v = n.compile().evaluate({}); return typeof v === 'number' ? v : undefined; } catch { return undefined; }
  };
  root.traverse((n: any, path: string, parent: any) => {
    if (problem) return;
    if (++count > LIMITS.MAX_NODES) { problem = `That is too long for an answer (more than ${LIMITS.MAX_NODES} parts).`; return; }
    switch (n.type) {
      case 'BlockNode': problem = 'Type one expression only (no “;” or several lines).'; return;
      case 'AssignmentNode': case 'FunctionAssignmentNode': problem = 'Assignments (“=”) and function definitions are not allowed: type one expression.'; return;
      case 'ParenthesisNode': return;
      case 'ConstantNode': if (typeof n.value !== 'number') problem = 'Only numbers may appear as constants (no strings).'; return;
      case 'SymbolNode': {
        const isFn = parent && parent.type === 'FunctionNode' && path === 'fn';
        if (isFn ? !functions.includes(n.name) : !symbols.includes(n.name)) problem = `Unknown ${isFn ? 'function' : 'symbol'} ${n.name}.`;
        return;
      }
      case 'OperatorNode':
        if (!OPERATORS.has(n.fn)) { problem = `The operator “${n.op}” is not allowed in an answer.`; return; }
        if (n.fn === 'pow' || n.fn === 'dotPow') {
          const ex = constant(n.args[1]);
          if (ex !== undefined && Math.abs(ex) > LIMITS.MAX_EXPONENT) problem = `The exponent ${ex} is too large (at most ${LIMITS.MAX_EXPONENT} in size).`;
        }
        return;
      case 'FunctionNode': {
        const name = n.fn?.type === 'SymbolNode' ? n.fn.name : undefined;
        if (!name || !functions.includes(name)) { problem = `Unknown function ${name ?? n.fn?.toString()}.`; return; }
        if (name === 'ones') {
          const dims = n.args.map(constant);
          if (dims.length < 1 || dims.length > 2 || dims.some((d: number | undefined) => d === undefined || !Number.isInteger(d) || d < 1 || d > LIMITS.MAX_DIM)
            || dims.reduce((a: number, b: number) => a * b, 1) > LIMITS.MAX_ENTRIES) problem = `ones(…) takes one or two whole-number sizes from 1 to ${LIMITS.MAX_DIM}.`;
        }
        return;
      }
      default: problem = `That kind of expression (${String(n.type).replace(/Node$/, '').toLowerCase()}) is not allowed in an answer.`;
    }
  });
  return problem;
}

const NUMBER_FUNCS = ['sqrt', 'exp', 'log', 'abs'];
const NUMBER_SYMBOLS = ['pi', 'e'];

/**
 * Parse a number the reader typed: 0.25, 1/4, 2.5e-1, -3 (or −3 as the page prints it),
 * sqrt(2)/2. The reading rule of src/input/number-text.ts applies first (0x/0b/0o prefixes,
 * decimal comma, underflow and overflow refused with a message). Returns a message if it is not a number.
 */
export function parseNumber(text: string): { value?: number; error?: string } {
  const n = normalizeNumberText(text);
  if (!n.ok) return { error: text.trim() === '' ? 'Type a number, e.g. 0.25, 1/4 or 2.5e-1.' : n.message };
  const t = n.text;
  if (t.length > LIMITS.MAX_TEXT) return { error: `That is too long for a number (more than ${LIMITS.MAX_TEXT} characters).` };
  if (!/^[0-9eE+\-*/^(). a-z]*$/.test(t)) return { error: `"${t}" is not a number. Use digits, + - * / ^ ( ) and e-notation.` };
  let node: MathNode;
  try { node = parseRaw(t); } catch { return { error: `"${t}" is not a number I can read. Try a form like 0.25, 1/4 or 2.5e-1.` }; }
  const limit = limitProblem(node, NUMBER_FUNCS, NUMBER_SYMBOLS);
  if (limit) return { error: `"${t}" is not a number I can read: ${limit} Use digits, + - * / ^ ( ), sqrt, exp, log and e-notation.` };
  try {
    const v = node.compile().evaluate({ pi: Math.PI, e: Math.E });
    if (typeof v !== 'number' || !Number.isFinite(v)) return { error: `"${t}" does not evaluate to a finite number.` };
    return { value: v };
  } catch {
    return { error: `"${t}" is not a number I can read. Try a form like 0.25, 1/4 or 2.5e-1.` };
  }
}

/** |x − ref| ≤ abs + rel·|ref| */
export function withinTolerance(x: number, ref: number, abs = DEFAULT_ABS, rel = DEFAULT_REL): boolean {
  return Math.abs(x - ref) <= abs + rel * Math.abs(ref);
}

/** A known wrong route to a number answer: its value, computed from the exercise's parameters, and what it means. */
export interface NumberSlip { name: string; value: number; message: string }
/** A known wrong route to a grid answer: the entries it gives (row-major) and what it means. */
export interface GridSlip { name: string; values: number[]; message: string }

export function checkNumber(text: string, ref: number, tol: { abs?: number; rel?: number } = {}, slips: NumberSlip[] = []): CheckResult {
  const p = parseNumber(text);
  if (p.error !== undefined) return { ok: false, message: p.error };
  const x = p.value!;
  const ok = withinTolerance(x, ref, tol.abs, tol.rel);
  if (ok) return { ok, message: 'Correct.' };
  for (const s of slips) {
    if (withinTolerance(x, s.value, tol.abs, tol.rel)) return { ok, message: `Not quite — ${s.message}`, slip: s.name };
  }
  if (withinTolerance(-x, ref, tol.abs, tol.rel) && ref !== 0) return { ok, message: 'Not quite: the size is right but the sign is wrong.', slip: 'sign' };
  if (isClose(x, ref)) return { ok, message: `Close — give more digits. ${figuresText(figuresNeeded(ref, tol))}`, slip: 'digits' };
  return { ok, message: 'Not quite. Check your working against the hints.' };
}

/** row-major entries of the transpose of a rows×cols matrix given row-major */
export function transposeEntries(v: number[], rows: number, cols: number): number[] {
  return Array.from({ length: rows * cols }, (_, i) => v[(i % rows) * cols + Math.floor(i / rows)]);
}

export interface GridOptions { tol?: { abs?: number; rel?: number }; rows?: number; cols?: number; slips?: GridSlip[] }

/**
 * Entry-by-entry check of a vector/matrix typed into a grid (row-major texts). Wrong entries are
 * highlighted; when the entries as a whole match a known wrong route (a listed slip, the transposed
 * matrix, or the negated one) the feedback names it.
 */
export function checkGrid(texts: string[], ref: number[], opts: GridOptions = {}): CheckResult {
  const { tol = {}, rows, cols, slips = [] } = opts;
  if (texts.length !== ref.length) return { ok: false, message: `Expected ${ref.length} entries, got ${texts.length}.` };
  const wrong: number[] = [];
  const bad: string[] = [];
  const values: number[] = [];
  texts.forEach((t, i) => {
    const p = parseNumber(t);
    if (p.error !== undefined) { wrong.push(i); bad.push(`entry ${i + 1}: ${p.error}`); return; }
    values[i] = p.value!;
    if (!withinTolerance(p.value!, ref[i], tol.abs, tol.rel)) wrong.push(i);
  });
  if (bad.length) return { ok: false, wrong, message: bad.join(' ') };
  if (wrong.length === 0) return { ok: true, message: 'Correct: every entry matches.' };
  const matches = (alt: number[]) => alt.length === values.length && values.every((x, i) => withinTolerance(x, alt[i], tol.abs, tol.rel));
  for (const s of slips) if (matches(s.values)) return { ok: false, wrong, message: `Not quite — ${s.message}`, slip: s.name };
  if (rows !== undefined && cols !== undefined && rows > 1 && cols > 1 && rows * cols === ref.length && matches(transposeEntries(ref, rows, cols))) {
    return { ok: false, wrong, slip: 'transpose', message: `Not quite — these are the entries of the transposed matrix (${cols}×${rows}) read row by row. Check which index runs down the rows and which along them.` };
  }
  if (ref.some((r) => r !== 0) && matches(ref.map((r) => -r))) return { ok: false, wrong, slip: 'sign', message: 'Not quite: every entry has the right size but the wrong sign.' };
  if (wrong.every((i) => isClose(values[i], ref[i]))) return { ok: false, wrong, slip: 'digits', message: `Close — give more digits in entr${wrong.length > 1 ? 'ies' : 'y'} ${wrong.map((i) => i + 1).join(', ')}. ${figuresText(figuresForAll(ref, tol))}` };
  return { ok: false, wrong, message: `${wrong.length} of ${ref.length} entries are wrong (highlighted): ${wrong.map((i) => i + 1).join(', ')}.` };
}

export interface ChoiceOption { id: string; text: string; correct: boolean; why?: string }
/** Single or multiple choice; names the misconception of every wrongly picked or missed option. */
export function checkChoice(picked: string[], options: ChoiceOption[]): CheckResult {
  if (picked.length === 0) return { ok: false, message: 'Pick at least one option.' };
  const unknown = picked.filter((p) => !options.some((o) => o.id === p));
  if (unknown.length) return { ok: false, message: `Unknown option ${unknown.join(', ')}.` };
  const wrongPicked = options.filter((o) => !o.correct && picked.includes(o.id));
  const missed = options.filter((o) => o.correct && !picked.includes(o.id));
  if (!wrongPicked.length && !missed.length) return { ok: true, message: 'Correct.' };
  const parts = wrongPicked.map((o) => `“${o.text}” is wrong${o.why ? ': ' + o.why : '.'}`);
  if (missed.length) parts.push(`${missed.length} correct option${missed.length > 1 ? 's are' : ' is'} not picked.`);
  return { ok: false, message: parts.join(' '), wrong: wrongPicked.map((o) => options.indexOf(o)) };
}

// ---- Expressions -------------------------------------------------------------------------------

export type Value = number | number[] | number[][];
export type Env = Record<string, Value>;

/** Rewrite reader syntax into mathjs: `x^T` → transpose(x), `⊙`/`.*` → dotMultiply, σ → sigma. */
export function normaliseExpression(text: string): string {
  // the minus sign and the times sign the page prints (KaTeX writes U+2212 and ×), as copied from it
  let t = text.replace(/[\u2212\u2013\uFE63\uFF0D]/g, '-').replace(/×/g, '*').replace(/σ′|σ'/g, 'sigmap').replace(/σ/g, 'sigma').replace(/⊙/g, ' .* ').replace(/λ/g, 'lambda').replace(/η/g, 'eta').replace(/δ/g, 'delta').replace(/·/g, '*');
  // A^T / (expr)^T → transpose(...)
  for (let guard = 0; guard < 20 && /\^\s*T\b/.test(t); guard++) {
    t = t.replace(/([A-Za-z_][A-Za-z0-9_]*|\([^()]*\))\s*\^\s*T\b/, (_m, base: string) => `transpose(${base})`);
  }
  return t;
}

const FUNCS = ['diag', 'transpose', 'sigma', 'sigmap', 'exp', 'log', 'sqrt', 'sum', 'dotMultiply', 'multiply', 'ones', 'abs'];

function scopeFor(env: Env): Record<string, unknown> {
  const m = math();
  const conv = (v: Value) => (typeof v === 'number' ? v : m.matrix(v as number[][]));
  const scope: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(env)) scope[k] = conv(v);
  const sig = (z: number) => 1 / (1 + Math.exp(-z));
  scope.sigma = (z: unknown) => m.map(z as never, sig as never);
  scope.sigmap = (z: unknown) => m.map(z as never, ((x: number) => sig(x) * (1 - sig(x))) as never);
  // a column (n×1) or row (1×n) vector becomes the n×n diagonal matrix, as diag(a) means in the text;
  // mathjs's own diag would return the diagonal of the n×1 matrix, a single entry
  scope.diag = (x: unknown) => {
    const size = (m.size(x as never) as unknown as { valueOf(): number[] }).valueOf();
    const v = size.length === 2 && (size[0] === 1 || size[1] === 1) ? m.flatten(x as never) : x;
    return m.diag(v as never);
  };
  return scope;
}

/**
 * A run of letters that is not a known name but is a product of known variables written together
 * (`Wx`, `aa`) is read as that product, the way it reads on paper; the preview shows the product,
 * so what is previewed is what is checked. Longest names are tried first.
 */
export function splitImplicit(name: string, variables: readonly string[]): string[] | null {
  if (variables.includes(name) || FUNCS.includes(name)) return null;
  const names = [...variables].sort((a, b) => b.length - a.length);
  const memo = new Map<number, string[] | null>();
  const go = (i: number): string[] | null => {
    if (i === name.length) return [];
    if (memo.has(i)) return memo.get(i)!;
    let out: string[] | null = null;
    for (const v of names) if (v && name.startsWith(v, i)) { const rest = go(i + v.length); if (rest) { out = [v, ...rest]; break; } }
    memo.set(i, out);
    return out;
  };
  const parts = go(0);
  return parts && parts.length > 1 ? parts : null;
}

/** The reader's expression as the checker reads it: normalised, parsed, known names written together split into a product. Throws a syntax error. */
export function parseExpression(text: string, variables: readonly string[]): MathNode {
  if (text.length > LIMITS.MAX_TEXT) throw new Error(`the expression is longer than ${LIMITS.MAX_TEXT} characters`);
  const m = math();
  return parseRaw(normaliseExpression(text)).transform((n: any, path: string, parent: any) => {
    if (n.type !== 'SymbolNode' || (parent && parent.type === 'FunctionNode' && path === 'fn')) return n;
    const parts = splitImplicit(n.name, variables);
    if (!parts) return n;
    return parts.map((v) => new m.SymbolNode(v) as MathNode).reduce((a, b) => new m.OperatorNode('*', 'multiply', [a, b], true) as MathNode);
  });
}

/** Symbols used by an expression that are neither allowed variables nor known functions. */
export function unknownSymbols(text: string, allowed: string[]): string[] {
  const node = parseExpression(text, allowed);
  const out = new Set<string>();
  node.traverse((n: any, _path: string, parent: any) => {
    if (n.type === 'SymbolNode') {
      const isFn = parent && parent.type === 'FunctionNode' && parent.fn === n;
      if (isFn ? !FUNCS.includes(n.name) : !allowed.includes(n.name)) out.add(n.name);
    }
  });
  return [...out];
}

function toPlain(v: unknown): Value {
  const m = math();
  if (typeof v === 'number') return v;
  if (v && typeof (v as any).toArray === 'function') return (v as any).toArray();
  if (Array.isArray(v)) return v as Value;
  return m.number(v as never) as number;
}

function flat(v: Value): number[] {
  return typeof v === 'number' ? [v] : (v as any[]).flat(2) as number[];
}
function shapeOf(v: Value): number[] {
  if (typeof v === 'number') return [];
  const a = v as any[];
  return Array.isArray(a[0]) ? [a.length, a[0].length] : [a.length];
}
function sameShape(a: Value, b: Value) {
  const sa = shapeOf(a), sb = shapeOf(b);
  // a 1-column matrix and a vector of the same length are the same column vector
  const norm = (s: number[]) => (s.length === 2 && s[1] === 1 ? [s[0]] : s);
  return JSON.stringify(norm(sa)) === JSON.stringify(norm(sb));
}

/** Evaluate an expression (checked by limitProblem first; throws its message or mathjs's). */
export function evaluateExpression(text: string, env: Env): Value {
  const node = parseExpression(text, Object.keys(env));
  const limit = limitProblem(node, FUNCS, Object.keys(env));
  if (limit) throw new Error(limit);
  return toPlain(node.compile().evaluate(scopeFor(env)));
}

function close(a: Value, b: Value): boolean {
  if (!sameShape(a, b)) return false;
  const fa = flat(a), fb = flat(b);
  return fa.length === fb.length && fa.every((x, i) => Number.isFinite(x) && withinTolerance(x, fb[i], 1e-7, 1e-6));
}

export interface ExpressionSpec {
  reference: string;
  variables: string[];
  /** random environment for the variables (one call per test point) */
  sample: (rng: () => number) => Env;
  /** named slips: alternative (wrong) formulas and what they mean */
  slips?: { expr: string; name: string }[];
  points?: number;
}

/** Names of the slips found by editing the reader's own expression (see structuralSlip). */
export const STRUCTURAL_SLIPS = {
  transpose: 'missing transpose',
  extraTranspose: 'transpose too many',
  productForHadamard: 'matrix product where ⊙ belongs',
  hadamardForProduct: '⊙ where a matrix product belongs',
} as const;

type Node = MathNode;

/** a mathjs node as the reader would write it: transpose(W) → Wᵀ, sigmap → σ′ */
const pretty = (n: Node) => n.toString().replace(/transpose\(([A-Za-z_][A-Za-z0-9_]*)\)/g, '$1ᵀ').replace(/sigmap/g, 'σ′').replace(/sigma/g, 'σ');

/**
 * One-edit variants of the reader's expression, for the slips that are about how the formula is
 * written rather than what it contains: add a transpose to one variable, drop one transpose, turn
 * one matrix product into ⊙ or one ⊙ into a matrix product. Each variant is an edited mathjs tree.
 */
function oneEditVariants(root: Node, variables: string[]): { node: Node; name: string; message: string }[] {
  const m = math();
  const edits: { node: Node; name: string; message: string }[] = [];
  let total = 0;
  root.traverse(() => { total++; });
  for (let target = 0; target < total; target++) {
    let seen = -1;
    let edit: { name: string; message: string } | null = null;
    const node = root.transform((n: any, path: string) => {
      seen++;
      if (seen !== target) return n;
      if (n.type === 'SymbolNode' && path !== 'fn' && variables.includes(n.name)) {
        edit = { name: STRUCTURAL_SLIPS.transpose, message: `with ${n.name}ᵀ in place of ${n.name} your expression would be right.` };
        return new m.FunctionNode(new m.SymbolNode('transpose'), [n]);
      }
      if (n.type === 'FunctionNode' && n.fn?.name === 'transpose' && n.args.length === 1) {
        edit = { name: STRUCTURAL_SLIPS.extraTranspose, message: `without the transpose in ${pretty(n)} your expression would be right.` };
        return n.args[0];
      }
      const isOp = n.type === 'OperatorNode' && n.args.length === 2;
      const isFn = n.type === 'FunctionNode' && n.args.length === 2;
      if ((isOp && n.fn === 'multiply') || (isFn && n.fn?.name === 'multiply')) {
        edit = { name: STRUCTURAL_SLIPS.productForHadamard, message: `the product ${pretty(n)} should be element-wise (⊙, typed .*); with that one change your expression would be right.` };
        return new m.OperatorNode('.*', 'dotMultiply', n.args);
      }
      if ((isOp && n.fn === 'dotMultiply') || (isFn && n.fn?.name === 'dotMultiply')) {
        edit = { name: STRUCTURAL_SLIPS.hadamardForProduct, message: `${pretty(n)} should be a matrix product (*), not element-wise; with that one change your expression would be right.` };
        return new m.OperatorNode('*', 'multiply', n.args);
      }
      return n;
    });
    if (edit) edits.push({ node, ...(edit as { name: string; message: string }) });
  }
  return edits;
}

function evaluateNode(node: Node, env: Env): Value {
  return toPlain(node.compile().evaluate(scopeFor(env)));
}

const STRUCTURAL_MAX_NODES = 60;

/** The first one-edit variant of the reader's answer that agrees with the reference at every point. */
function structuralSlip(text: string, spec: ExpressionSpec, envs: Env[], refs: Value[]): CheckResult | null {
  const root = parseExpression(text, spec.variables);
  // one variant per node, each evaluated in full: quadratic in the size, so only for answer-sized expressions
  let size = 0;
  root.traverse(() => { size++; });
  if (size > STRUCTURAL_MAX_NODES) return null;
  for (const v of oneEditVariants(root, spec.variables)) {
    try {
      if (envs.every((env, i) => close(evaluateNode(v.node, env), refs[i]))) return { ok: false, message: `Not quite — this looks like a ${v.name}: ${v.message}`, slip: v.name };
    } catch { /* this variant does not evaluate for these shapes: not the slip */ }
  }
  return null;
}

/**
 * Equivalence by evaluation at random points; names the slip when the answer matches a known wrong
 * variant of the reference (spec.slips), or when one edit of the reader's own expression (a
 * transpose added or dropped, a matrix product swapped with ⊙) makes it right.
 */
export function checkExpression(text: string, spec: ExpressionSpec, seed = 12345): CheckResult {
  try {
    return checkExpressionUnguarded(text, spec, seed);
  } catch (e) {
    // nothing a reader types may surface as an exception
    return { ok: false, message: `Could not check this expression: ${(e as Error)?.message ?? String(e)}` };
  }
}

function checkExpressionUnguarded(text: string, spec: ExpressionSpec, seed: number): CheckResult {
  if (text.trim() === '') return { ok: false, message: 'Type an expression.' };
  let node: MathNode;
  try {
    node = parseExpression(text, spec.variables);
  } catch (e) {
    return { ok: false, message: `The expression could not be read: ${(e as Error).message}. Check that every bracket is closed and that each operator (+ − * / ^ .*) has something on both sides.` };
  }
  const limit = limitProblem(node, FUNCS, spec.variables);
  // assignments, several statements, oversized work: said before any unknown name they contain
  if (limit && !limit.startsWith('Unknown')) return { ok: false, message: limit };
  const unk = unknownSymbols(text, spec.variables);
  if (unk.length) return { ok: false, message: `Unknown symbol${unk.length > 1 ? 's' : ''} ${unk.join(', ')}. Allowed: ${spec.variables.join(', ')} and functions ${FUNCS.filter((f) => f !== 'dotMultiply' && f !== 'multiply').join(', ')}; write xᵀ as x^T and ⊙ as .*` };
  if (limit) return { ok: false, message: limit };
  let s = seed >>> 0;
  const rng = () => { s = (s + 0x6d2b79f5) >>> 0; let t = s; t = Math.imul(t ^ (t >>> 15), t | 1); t ^= t + Math.imul(t ^ (t >>> 7), t | 61); return ((t ^ (t >>> 14)) >>> 0) / 4294967296; };
  const envs = Array.from({ length: spec.points ?? 8 }, () => spec.sample(rng));
  const refs = envs.map((env) => evaluateExpression(spec.reference, env));
  let answers: Value[];
  try {
    answers = envs.map((env) => evaluateExpression(text, env));
  } catch (e) {
    const msg = (e as Error).message;
    // a slip that cannot even be evaluated for these shapes is recognised by its parsed form
    const canon = (t: string) => parseExpression(t, spec.variables).toString({ implicit: 'show' }).replace(/\s+/g, '');
    for (const slip of spec.slips ?? []) {
      try { if (canon(slip.expr) === canon(text)) return { ok: false, message: `Not quite — this looks like a known slip: ${slip.name}. (The shapes do not fit: ${msg})`, slip: slip.name }; } catch { /* ignore */ }
    }
    const structural = structuralSlip(text, spec, envs, refs);
    if (structural) return { ...structural, message: `${structural.message} (As typed, the shapes do not fit: ${msg})` };
    if (/dimension|size|mismatch/i.test(msg)) return { ok: false, message: `The shapes do not fit together: ${msg}. Check for a missing transpose or a product that should be element-wise (⊙, .*).`, slip: 'shape' };
    return { ok: false, message: `Could not evaluate your expression: ${msg}` };
  }
  if (answers.every((a, i) => close(a, refs[i]))) return { ok: true, message: 'Correct: your expression agrees with the reference at every test point.' };
  for (const slip of spec.slips ?? []) {
    try {
      const alt = envs.map((env) => evaluateExpression(slip.expr, env));
      if (answers.every((a, i) => close(a, alt[i]))) return { ok: false, message: `Not quite — this looks like a known slip: ${slip.name}.`, slip: slip.name };
    } catch { /* a slip variant that does not evaluate for these shapes cannot match */ }
  }
  const structural = structuralSlip(text, spec, envs, refs);
  if (structural) return structural;
  if (!answers.every((a, i) => sameShape(a, refs[i]))) return { ok: false, message: `Wrong shape: your expression gives ${JSON.stringify(shapeOf(answers[0]))}, the answer has shape ${JSON.stringify(shapeOf(refs[0]))}.`, slip: 'shape' };
  return { ok: false, message: 'Not equivalent: your expression differs from the answer at random test points.' };
}

/** LaTeX of what the reader typed, for the live preview: the tree the checker reads (parseExpression). */
export function expressionToTex(text: string, variables: readonly string[] = []): string {
  return parseExpression(text, variables).toTex({ parenthesis: 'auto', implicit: 'hide' })
    .replace(/\\mathrm\{sigmap\}/g, "\\sigma'").replace(/\\mathrm\{sigma\}/g, '\\sigma');
}
