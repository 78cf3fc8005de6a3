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

/** a string inside a value (an array entry, a field, a message) is shown up to this many characters */
export const MAX_INNER_CHARS = 1_000;

/** `s` cut to `max` characters, saying how many were left out (never copies more than `max`) */
export function clip(s: string, max = MAX_INNER_CHARS): string {
  return s.length <= max ? s : `${s.slice(0, max)}… (${count(s.length - max)} more characters)`;
}

/** a short, safe one-line rendering of any value (used for text and for failing inputs) */
export function describe(v: unknown, depth = 0): string {
  if (typeof v === 'number') return formatNumber(v);
  // a string on its own is shown as it is (the output limits below cut it); inside a value, clipped
  if (typeof v === 'string') return depth === 0 ? v : JSON.stringify(clip(v));
  if (typeof v === 'bigint') return clip(`${v}n`);
  if (v === undefined || v === null || typeof v === 'boolean' || typeof v === 'symbol') return clip(String(v));
  if (typeof v === 'function') return `function ${clip(v.name || '(anonymous)')}`;
  if (v instanceof Error) return `${clip(String(v.name))}: ${clip(String(v.message))}`;
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
  if (v instanceof Map) return `Map(${v.size}) {${[...v.entries()].slice(0, 20).map(([k, x]) => `${describe(k, depth + 1)} => ${describe(x, depth + 1)}`).join(', ')}}`;
  if (v instanceof Set) return `Set(${v.size}) {${[...v.values()].slice(0, 20).map((x) => describe(x, depth + 1)).join(', ')}}`;
  try {
    const entries = Object.entries(v as object).slice(0, 30).map(([k, x]) => `${clip(k)}: ${describe(x, depth + 1)}`);
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

/**
 * console.log's rendering: strings as they are, other values described, joined by spaces. At most
 * `max` characters are built (a 100-million-character argument is not copied); what lies beyond is
 * left out and counted in `more`, so the caller can say what it cut.
 */
export function consoleParts(args: unknown[], max = MAX_TEXT_CHARS): { text: string; more: number } {
  let text = '';
  let more = 0;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const piece = (i > 0 ? ' ' : '') + (typeof a === 'string' ? a : describe(a, 1));
    const room = max - text.length;
    if (piece.length <= room) text += piece;
    else { text += piece.slice(0, Math.max(0, room)); more += piece.length - Math.max(0, room); }
  }
  return { text, more };
}
export function consoleLine(args: unknown[]): string {
  return consoleParts(args, Infinity).text;
}

// ---------------------------------------------------------------------------------------------
// Output limits. The worker applies them before posting (evaluate.ts), so the page never receives
// more than it can show: a huge string, table or chart is cut there, with a notice saying what.

/** characters of one text or error item */
export const MAX_TEXT_CHARS = 100_000;
/** characters of text and table entries over one run */
export const MAX_RUN_CHARS = 1_000_000;
/** entries of one table, and of all tables of one run */
export const MAX_TABLE_CELLS = 2_000;
export const MAX_RUN_TABLE_CELLS = 20_000;
/** elements and characters of one chart's markup, and characters of all charts of one run */
export const MAX_CHART_NODES = 20_000;
export const MAX_CHART_CHARS = 2_000_000;
export const MAX_RUN_CHART_CHARS = 5_000_000;
/** items of one run */
export const MAX_OUTPUT_ITEMS = 500;

/** 1234567 → "1,234,567" */
export function count(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}
const plural = (n: number, one: string, many = `${one}s`) => `${count(n)} ${n === 1 ? one : many}`;

export function cutNotice(shown: number, more: number, unit: 'characters' | 'table entries'): OutputItem {
  return { kind: 'text', level: 'warn', text: `output cut at ${count(shown)} ${unit}; ${count(more)} more not shown` };
}

/** a chart the worker drew: its markup is produced only if the chart is within the limits */
export interface ChartCandidate { caption: string; nodes: number; markup(): string }

/**
 * One run's output budget. `admit` takes what a cell emitted and returns what may be posted: the
 * item itself, the item cut (followed by a notice saying what was cut), or only a notice; once the
 * run's budget is spent, nothing but one closing notice.
 */
export class OutputBudget {
  private items = 0;
  private chars = 0;
  private cells = 0;
  private chartChars = 0;
  private stopped = false;
  /** items left out after the budget was spent */
  dropped = 0;

  /** a text or error item whose text is `text` plus `more` characters already left out */
  text(item: Extract<OutputItem, { kind: 'text' | 'error' }>, more = 0): OutputItem[] {
    // a run's error (there is at most one) is always posted, cut to one item's length
    if (item.kind === 'error') return item.text.length <= MAX_TEXT_CHARS ? [item] : [{ ...item, text: clip(item.text, MAX_TEXT_CHARS) }];
    const gated = this.gate(); if (gated) return gated;
    const limit = Math.min(MAX_TEXT_CHARS, MAX_RUN_CHARS - this.chars);
    if (limit <= 0) { this.dropped++; return [this.stop(`${count(MAX_RUN_CHARS)} characters`)]; }
    const full = item.text.length + more;
    if (full <= limit) { this.chars += item.text.length; return [item]; }
    const shown = limit;
    this.chars += shown;
    const out: OutputItem[] = [{ ...item, text: item.text.slice(0, shown) } as OutputItem, cutNotice(shown, full - shown, 'characters')];
    if (this.chars >= MAX_RUN_CHARS) out.push(this.stop(`${count(MAX_RUN_CHARS)} characters`));
    return out;
  }

  table(item: Extract<OutputItem, { kind: 'table' }>): OutputItem[] {
    const gated = this.gate(); if (gated) return gated;
    const cellLimit = Math.min(MAX_TABLE_CELLS, MAX_RUN_TABLE_CELLS - this.cells);
    let cells = 0;
    let chars = 0;
    let cutCells = 0;
    const fit = (c: string) => { const s = clip(c); chars += s.length; return s; };
    const caption = fit(item.caption);
    const header = item.header?.map(fit);
    const rows: string[][] = [];
    for (const r of item.rows) {
      if (cells + r.length > cellLimit || this.chars + chars >= MAX_RUN_CHARS) { cutCells += r.length; continue; }
      cells += r.length;
      rows.push(r.map(fit));
    }
    this.cells += cells;
    this.chars += chars;
    const out: OutputItem[] = [{ kind: 'table', caption, ...(header ? { header } : {}), rows }];
    if (cutCells > 0) out.push(cutNotice(cells, cutCells, 'table entries'));
    if (this.cells >= MAX_RUN_TABLE_CELLS) out.push(this.stop(`${count(MAX_RUN_TABLE_CELLS)} table entries`));
    else if (this.chars >= MAX_RUN_CHARS) out.push(this.stop(`${count(MAX_RUN_CHARS)} characters`));
    return out;
  }

  chart(c: ChartCandidate): OutputItem[] {
    const gated = this.gate(); if (gated) return gated;
    const caption = clip(c.caption);
    if (c.nodes > MAX_CHART_NODES) {
      return [{ kind: 'text', level: 'warn', text: `chart not shown: it has ${count(c.nodes)} elements, more than the ${count(MAX_CHART_NODES)} a chart may have (${caption})` }];
    }
    const markup = c.markup();
    const room = Math.min(MAX_CHART_CHARS, MAX_RUN_CHART_CHARS - this.chartChars);
    if (markup.length > room) {
      const why = room < MAX_CHART_CHARS ? `this run's charts already used ${count(this.chartChars)} of their ${count(MAX_RUN_CHART_CHARS)} characters` : `more than the ${count(MAX_CHART_CHARS)} a chart may have`;
      return [{ kind: 'text', level: 'warn', text: `chart not shown: its markup has ${count(markup.length)} characters, ${why} (${caption})` }];
    }
    this.chartChars += markup.length;
    return [{ kind: 'svg', markup, caption }];
  }

  /** what to say once the run has ended, if anything was left out after the budget was spent */
  finish(): OutputItem[] {
    if (this.dropped === 0) return [];
    const n = this.dropped;
    this.dropped = 0;
    return [{ kind: 'text', level: 'warn', text: `${plural(n, 'more output item')} not shown` }];
  }

  /** null: the item may go out; otherwise what to post instead (a closing notice, or nothing) */
  private gate(): OutputItem[] | null {
    if (this.stopped) { this.dropped++; return []; }
    this.items++;
    if (this.items >= MAX_OUTPUT_ITEMS) { this.dropped++; return [this.stop(`${count(MAX_OUTPUT_ITEMS)} output items`)]; }
    return null;
  }

  private stop(what: string): OutputItem {
    this.stopped = true;
    return { kind: 'text', level: 'warn', text: `output stopped: this run reached ${what}; later output is not shown` };
  }
}

/**
 * Output gathered from a run, for a caller that shows it later (a code exercise's grading report
 * shows what the reader's console.log printed while it ran): pass `onOutput` to CellSession.run (evaluate.ts) —
 * its items are already within the run's limits — and read `items`. Errors are kept apart, in
 * `errors`, because a grading report says them in its own words.
 */
export function collectOutput(): { onOutput: (item: OutputItem) => void; items: OutputItem[]; errors: string[] } {
  const items: OutputItem[] = [];
  const errors: string[] = [];
  return { items, errors, onOutput: (item) => { if (item.kind === 'error') errors.push(item.text); else items.push(item); } };
}
