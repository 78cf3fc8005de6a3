// Run transpiled cells: the pure part of the notebook runtime. The worker (worker.ts) wraps this;
// the unit tests run it directly in Node. No DOM is needed here.
//
// A cell runs as the body of an async function whose parameters are the pre-bound names
// (display, console, Plot, the blocked page globals) and, in a session, the names earlier cells
// declared. After the run, the cell's own top-level declarations are read back into the
// session's scope, so later cells see them.
import { transpileCell, CellSyntaxError, type CellModule } from './transpile';
import { toOutput, consoleParts, clip, OutputBudget, MAX_TEXT_CHARS, type ChartCandidate, type OutputItem } from './format';
import { errorText, type CellError } from './errors';

export { errorText, type CellError };

export interface RunResult { ok: boolean; error?: CellError; declared: string[] }

/** what a chart library needs to render without the page: see plot-env.ts */
export interface ChartSupport {
  Plot: unknown;
  /**
   * if `v` is a chart (a DOM node from the worker's DOM): a text alternative, its number of
   * elements, and its markup (made only when the chart is within the output limits)
   */
  serialize(v: unknown): ChartCandidate | null;
}
export interface CellEnv {
  /** a module's namespace object ("engine" always; "data" if the site has datasets) */
  loadModule(name: Exclude<CellModule, '@observablehq/plot'>): Promise<Record<string, unknown>>;
  /** Observable Plot bound to a worker-side DOM (loaded only if the cell uses it) */
  loadCharts?(): Promise<ChartSupport>;
}

/** page globals a cell must not reach; each is shadowed by an object that throws a clear error */
export const BLOCKED_GLOBALS = [
  'document', 'window', 'localStorage', 'sessionStorage', 'indexedDB', 'caches', 'cookieStore',
  'fetch', 'XMLHttpRequest', 'WebSocket', 'EventSource', 'importScripts', 'postMessage', 'BroadcastChannel',
  'Worker', 'SharedWorker', 'navigator', 'opener', 'parent', 'top',
] as const;

export function blockedMessage(name: string): string {
  return `${name} is not available in a code cell: cells run in a separate worker, away from the page, its cookies and its storage`;
}

/** a stand-in that throws on any use: reading a property, calling, constructing, assigning */
export function blockedStandIn(name: string): unknown {
  const fail = () => { throw new ReferenceError(blockedMessage(name)); };
  return new Proxy(function blocked() {}, {
    get: fail, set: fail, apply: fail, construct: fail, has: fail, deleteProperty: fail,
    defineProperty: fail, ownKeys: fail, getOwnPropertyDescriptor: fail, getPrototypeOf: fail, setPrototypeOf: fail,
  });
}

const AsyncFunction = Object.getPrototypeOf(async function () {}).constructor as new (...args: string[]) => (...a: unknown[]) => Promise<unknown>;
const IDENT = /^[A-Za-z_$][\w$]*$/;

let lineOffsetCache: number | undefined;
/** lines the engine's Function constructor puts before the body (V8: 2), measured once */
export function functionLineOffset(): number {
  if (lineOffsetCache !== undefined) return lineOffsetCache;
  lineOffsetCache = 2;
  try {
    // same shape as a cell: parameters, then the body
    new Function('a', 'b', 'throw new Error("probe")\n//# sourceURL=backprop-cell-probe.js')();
  } catch (e) {
    const m = /backprop-cell-probe\.js:(\d+):\d+/.exec(String((e as Error).stack));
    if (m) lineOffsetCache = Number(m[1]) - 1;
  }
  return lineOffsetCache;
}

let runCounter = 0;

/** the reader's line of the innermost stack frame that lies in this cell's code */
export function mapStack(stack: string | undefined, url: string, headerLines: number): { line: number; column: number } | undefined {
  if (!stack) return undefined;
  const re = new RegExp(`${url.replace(/[.]/g, '\\.')}:(\\d+):(\\d+)`);
  const m = re.exec(stack);
  if (!m) return undefined;
  const line = Number(m[1]) - functionLineOffset() - headerLines;
  return line >= 1 ? { line, column: Number(m[2]) } : undefined;
}

export class CellSession {
  /** names declared by earlier cells of the session and their current values */
  readonly scope = new Map<string, unknown>();
  private modules = new Map<string, Record<string, unknown>>();
  private charts: ChartSupport | null = null;

  constructor(private env: CellEnv) {}

  async run(code: string, onOutput: (item: OutputItem) => void): Promise<RunResult> {
    // every item passes the run's output budget before it leaves (format.ts: OutputBudget)
    const budget = new OutputBudget();
    const post = (items: OutputItem[]) => { for (const it of items) onOutput(it); };
    const emit = (item: OutputItem, more = 0) => {
      if (item.kind === 'text' || item.kind === 'error') post(budget.text(item, more));
      else if (item.kind === 'table') post(budget.table(item));
      else post([item]);
    };
    let cell;
    try {
      cell = transpileCell(code);
    } catch (e) {
      if (e instanceof CellSyntaxError) return fail({ kind: 'syntax', message: e.message.replace(/ \(line \d+, column \d+\)$/, ''), line: e.line, column: e.column });
      return fail({ kind: 'syntax', message: String((e as Error).message ?? e) });
    }
    function fail(error: CellError): RunResult {
      error = boundedError(error);
      emit({ kind: 'error', text: errorText(error), line: error.line, column: error.column });
      return { ok: false, error, declared: [] };
    }

    // load what the cell needs before it runs, so `__import` can be synchronous
    try {
      for (const m of cell.imports) if (m !== '@observablehq/plot' && !this.modules.has(m)) this.modules.set(m, await this.env.loadModule(m));
      if ((cell.usesPlot || cell.imports.includes('@observablehq/plot')) && !this.charts) {
        if (!this.env.loadCharts) throw new Error('Charts are not available here');
        this.charts = await this.env.loadCharts();
      }
    } catch (e) {
      return fail({ kind: 'runtime', message: (e as Error).message ?? String(e) });
    }

    const charts = this.charts;
    const display = (...values: unknown[]) => {
      for (const v of values) {
        const chart = charts?.serialize(v);
        if (chart) post(budget.chart(chart));
        else emit(toOutput(v));
      }
    };
    const log = (level: 'log' | 'info' | 'warn' | 'error') => (...args: unknown[]) => {
      const { text, more } = consoleParts(args, MAX_TEXT_CHARS);
      emit({ kind: 'text', level, text }, more);
    };
    const cellConsole = { log: log('log'), info: log('info'), debug: log('log'), warn: log('warn'), error: log('error'), table: (v: unknown) => emit(toOutput(v)) };
    const modules = this.modules;
    const importer = (mod: string, name?: string) => {
      const ns = mod === '@observablehq/plot' ? (charts?.Plot as Record<string, unknown>) : modules.get(mod);
      if (!ns) throw new Error(`module "${mod}" is not loaded`);
      if (name === undefined) return ns;
      if (name === 'default') return ns.default ?? ns;
      if (!(name in ns)) throw new SyntaxError(`"${mod}" has no export named ${name} (the engine API page lists them)`);
      return ns[name];
    };
    let lastValue: unknown;
    let hasLast = false;
    const last = (v: unknown) => { lastValue = v; hasLast = true; };
    let capture: (() => Record<string, unknown>) | null = null;
    const setCapture = (f: () => Record<string, unknown>) => { capture = f; };

    const declared = new Set(cell.declared);
    const bound: [string, unknown][] = [
      ['__import', importer], ['__last', last], ['__capture', setCapture],
      ['display', display], ['console', cellConsole],
    ];
    if (charts) bound.push(['Plot', charts.Plot]);
    for (const name of BLOCKED_GLOBALS) bound.push([name, blockedStandIn(name)]);
    const fromScope = [...this.scope.keys()].filter((k) => IDENT.test(k));
    for (const name of fromScope) bound.push([name, this.scope.get(name)]);
    // a cell's own declarations win over anything pre-bound (a duplicate parameter is an error)
    const params = new Map<string, unknown>();
    for (const [k, v] of bound) if (!declared.has(k) || k.startsWith('__')) params.set(k, v);
    const shared = [...new Set([...cell.declared, ...fromScope.filter((k) => params.has(k))])];
    const captureSrc = shared.map((n) => `try { o[${JSON.stringify(n)}] = ${n}; } catch {}`).join(' ');
    const header = `"use strict"; __capture(() => { const o = {}; ${captureSrc} return o; });`;
    const url = `backprop-cell-${++runCounter}.js`;
    const source = `${header}\n${cell.body}\n//# sourceURL=${url}`;

    let fn: (...a: unknown[]) => Promise<unknown>;
    try {
      fn = new AsyncFunction(...params.keys(), source);
    } catch (e) {
      return fail({ kind: 'syntax', message: (e as Error).message });
    }
    let error: CellError | undefined;
    try {
      await fn(...params.values());
      if (hasLast && lastValue !== undefined) display(lastValue);
    } catch (e) {
      const where = e instanceof Error ? mapStack(e.stack, url, 1) : undefined;
      const message = e instanceof Error ? `${e.name}: ${e.message}` : `Uncaught ${describeThrown(e)}`;
      error = boundedError({ kind: 'runtime', message, line: where?.line, column: where?.column });
    }
    const cap = capture as (() => Record<string, unknown>) | null;
    if (cap) { const values = cap(); for (const [k, v] of Object.entries(values)) this.scope.set(k, v); }
    if (error) {
      emit({ kind: 'error', text: errorText(error), line: error.line, column: error.column });
      post(budget.finish());
      return { ok: false, error, declared: cell.declared };
    }
    post(budget.finish());
    return { ok: true, declared: cell.declared };
  }
}

function describeThrown(e: unknown): string {
  try { return typeof e === 'string' ? JSON.stringify(clip(e)) : clip(String(e)); } catch { return 'value'; }
}

/** an error's message as it crosses to the page (in the run's result as well as its output) */
const MAX_ERROR_CHARS = 10_000;
function boundedError(e: CellError): CellError {
  return e.message.length <= MAX_ERROR_CHARS ? e : { ...e, message: clip(e.message, MAX_ERROR_CHARS) };
}

// collectOutput lives in format.ts (the page's grading code imports it without the cell compiler)
export { collectOutput } from './format';
