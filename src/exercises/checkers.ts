// Answer checkers: pure functions, no DOM. Every check returns { ok, message, wrong? }.
import { create, all, type MathJsInstance } from 'mathjs';

export interface CheckResult { ok: boolean; message: string; wrong?: number[]; slip?: string }

let mj: MathJsInstance | null = null;
function math(): MathJsInstance {
  if (!mj) mj = create(all, { number: 'number' });
  return mj;
}

/** Parse a number the reader typed: 0.25, 1/4, 2.5e-1, -3, sqrt(2)/2. Returns a message if it is not a number. */
export function parseNumber(text: string): { value?: number; error?: string } {
  const t = text.trim();
  if (t === '') return { error: 'Type a number, e.g. 0.25, 1/4 or 2.5e-1.' };
  if (!/^[0-9eE+\-*/^(). a-z]*$/.test(t)) return { error: `"${t}" is not a number. Use digits, + - * / ^ ( ) and e-notation.` };
  try {
    const v = math().evaluate(t, { pi: Math.PI, e: Math.E });
    if (typeof v !== 'number' || !Number.isFinite(v)) return { error: `"${t}" does not evaluate to a finite number.` };
    return { value: v };
  } catch {
    return { error: `"${t}" is not a number I can read. Try a form like 0.25, 1/4 or 2.5e-1.` };
  }
}

/** |x − ref| ≤ abs + rel·|ref| */
export function withinTolerance(x: number, ref: number, abs = 1e-4, rel = 1e-3): boolean {
  return Math.abs(x - ref) <= abs + rel * Math.abs(ref);
}

export function checkNumber(text: string, ref: number, tol: { abs?: number; rel?: number } = {}): CheckResult {
  const p = parseNumber(text);
  if (p.error !== undefined) return { ok: false, message: p.error };
  const ok = withinTolerance(p.value!, ref, tol.abs, tol.rel);
  if (ok) return { ok, message: 'Correct.' };
  if (withinTolerance(-p.value!, ref, tol.abs, tol.rel) && ref !== 0) return { ok, message: 'Not quite: the size is right but the sign is wrong.', slip: 'sign' };
  return { ok, message: 'Not quite. Check your working against the hints.' };
}

/** Entry-by-entry check of a vector/matrix typed into a grid (row-major texts). */
export function checkGrid(texts: string[], ref: number[], tol: { abs?: number; rel?: number } = {}): CheckResult {
  if (texts.length !== ref.length) return { ok: false, message: `Expected ${ref.length} entries, got ${texts.length}.` };
  const wrong: number[] = [];
  const bad: string[] = [];
  texts.forEach((t, i) => {
    const p = parseNumber(t);
    if (p.error !== undefined) { wrong.push(i); bad.push(`entry ${i + 1}: ${p.error}`); return; }
    if (!withinTolerance(p.value!, ref[i], tol.abs, tol.rel)) wrong.push(i);
  });
  if (bad.length) return { ok: false, wrong, message: bad.join(' ') };
  if (wrong.length === 0) return { ok: true, message: 'Correct: every entry matches.' };
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
  let t = text.replace(/σ′|σ'/g, 'sigmap').replace(/σ/g, 'sigma').replace(/⊙/g, ' .* ').replace(/λ/g, 'lambda').replace(/η/g, 'eta').replace(/δ/g, 'delta').replace(/·/g, '*');
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
  return scope;
}

/** Symbols used by an expression that are neither allowed variables nor known functions. */
export function unknownSymbols(text: string, allowed: string[]): string[] {
  const node = math().parse(normaliseExpression(text));
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

export function evaluateExpression(text: string, env: Env): Value {
  return toPlain(math().evaluate(normaliseExpression(text), scopeFor(env)));
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

/** Equivalence by evaluation at random points; names the slip when the answer matches a known wrong variant. */
export function checkExpression(text: string, spec: ExpressionSpec, seed = 12345): CheckResult {
  if (text.trim() === '') return { ok: false, message: 'Type an expression.' };
  try {
    math().parse(normaliseExpression(text));
  } catch (e) {
    return { ok: false, message: `Syntax error: ${(e as Error).message}` };
  }
  const unk = unknownSymbols(text, spec.variables);
  if (unk.length) return { ok: false, message: `Unknown symbol${unk.length > 1 ? 's' : ''} ${unk.join(', ')}. Allowed: ${spec.variables.join(', ')} and functions ${FUNCS.filter((f) => f !== 'dotMultiply' && f !== 'multiply').join(', ')}; write xᵀ as x^T and ⊙ as .*` };
  let s = seed >>> 0;
  const rng = () => { s = (s + 0x6d2b79f5) >>> 0; let t = s; t = Math.imul(t ^ (t >>> 15), t | 1); t ^= t + Math.imul(t ^ (t >>> 7), t | 61); return ((t ^ (t >>> 14)) >>> 0) / 4294967296; };
  const envs = Array.from({ length: spec.points ?? 8 }, () => spec.sample(rng));
  let answers: Value[];
  try {
    answers = envs.map((env) => evaluateExpression(text, env));
  } catch (e) {
    const msg = (e as Error).message;
    // a slip that cannot even be evaluated for these shapes is recognised by its parsed form
    const canon = (t: string) => math().parse(normaliseExpression(t)).toString({ implicit: 'show' }).replace(/\s+/g, '');
    for (const slip of spec.slips ?? []) {
      try { if (canon(slip.expr) === canon(text)) return { ok: false, message: `Not quite — this looks like a known slip: ${slip.name}. (The shapes do not fit: ${msg})`, slip: slip.name }; } catch { /* ignore */ }
    }
    if (/dimension|size|mismatch/i.test(msg)) return { ok: false, message: `The shapes do not fit together: ${msg}. Check for a missing transpose or a product that should be element-wise (⊙, .*).`, slip: 'shape' };
    return { ok: false, message: `Could not evaluate your expression: ${msg}` };
  }
  const refs = envs.map((env) => evaluateExpression(spec.reference, env));
  if (answers.every((a, i) => close(a, refs[i]))) return { ok: true, message: 'Correct: your expression agrees with the reference at every test point.' };
  for (const slip of spec.slips ?? []) {
    try {
      const alt = envs.map((env) => evaluateExpression(slip.expr, env));
      if (answers.every((a, i) => close(a, alt[i]))) return { ok: false, message: `Not quite — this looks like a known slip: ${slip.name}.`, slip: slip.name };
    } catch { /* a slip variant that does not evaluate for these shapes cannot match */ }
  }
  if (!answers.every((a, i) => sameShape(a, refs[i]))) return { ok: false, message: `Wrong shape: your expression gives ${JSON.stringify(shapeOf(answers[0]))}, the answer has shape ${JSON.stringify(shapeOf(refs[0]))}.`, slip: 'shape' };
  return { ok: false, message: 'Not equivalent: your expression differs from the answer at random test points.' };
}

/** LaTeX of what the reader typed, for the live preview. */
export function expressionToTex(text: string): string {
  return math().parse(normaliseExpression(text)).toTex({ parenthesis: 'auto', implicit: 'hide' })
    .replace(/\\mathrm\{sigmap\}/g, "\\sigma'").replace(/\\mathrm\{sigma\}/g, '\\sigma');
}
