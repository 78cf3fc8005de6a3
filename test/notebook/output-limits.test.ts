// Output is bounded in the worker, before anything is posted to the page: each text item, each
// table, each chart, and a run's total; what is cut is said, with its size. The limits are read
// from format.ts; the sizes of what the cells print are computed here from the code they run.
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import * as engine from '../../src/engine/index';
import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';
import { CellSession, collectOutput, type CellEnv } from '../../src/notebook/evaluate';
import { chartSupport } from '../../src/notebook/plot-env';
import {
  count, describe as describeValue, OutputBudget, MAX_TEXT_CHARS, MAX_RUN_CHARS, MAX_OUTPUT_ITEMS, MAX_RUN_TABLE_CELLS,
  MAX_CHART_NODES, MAX_CHART_CHARS, MAX_INNER_CHARS, type OutputItem,
} from '../../src/notebook/format';

const env: CellEnv = {
  loadModule: async () => engine as unknown as Record<string, unknown>,
  loadCharts: async () => chartSupport(Plot as never, parseHTML('<!doctype html><html><body></body></html>').document),
};
async function run(code: string) {
  const out: OutputItem[] = [];
  const result = await new CellSession(env).run(code, (i) => out.push(i));
  return { result, out };
}
const textOf = (i: OutputItem) => (i.kind === 'text' || i.kind === 'error' ? i.text : '');
const notices = (out: OutputItem[]) => out.filter((i) => i.kind === 'text' && i.level === 'warn').map(textOf);
const cutRe = /^output cut at ([\d,]+) (characters|table entries); ([\d,]+) more not shown$/;
const num = (s: string) => Number(s.replace(/,/g, ''));

describe('one item is cut in the worker, and the cut is said', () => {
  it('console.log of a 100-million-character string posts 100,000 characters and says how many were left out', async () => {
    const n = 100_000_000;
    const { result, out } = await run(`console.log("x".repeat(${n}))`);
    expect(result.ok).toBe(true);
    expect(out).toHaveLength(2);
    expect(textOf(out[0])).toBe('x'.repeat(MAX_TEXT_CHARS));
    expect(textOf(out[1])).toBe(`output cut at ${count(MAX_TEXT_CHARS)} characters; ${count(n - MAX_TEXT_CHARS)} more not shown`);
  });
  it('a 5 MB value (a string, or inside an object) does not print in full', async () => {
    const n = 5 * 1024 * 1024;
    const { out: direct } = await run(`"ab".repeat(${n / 2})`);
    expect(textOf(direct[0]).length).toBe(MAX_TEXT_CHARS);
    const m = cutRe.exec(textOf(direct[1]))!;
    expect(num(m[1]) + num(m[3])).toBe(n);
    const { out: inner } = await run(`({ big: "y".repeat(${n}), list: ["z".repeat(${n})] })`);
    expect(inner).toHaveLength(1);
    const t = textOf(inner[0]);
    expect(t.length).toBeLessThan(3 * MAX_INNER_CHARS);
    expect(t).toContain(`${count(n - MAX_INNER_CHARS)} more characters`);
  });
  it('console.log with many arguments builds at most the limit (each argument counted once)', async () => {
    const { out } = await run('const s = "q".repeat(60000); console.log(s, s, s)');
    expect(textOf(out[0]).length).toBe(MAX_TEXT_CHARS);
    const m = cutRe.exec(textOf(out[1]))!;
    expect(num(m[1]) + num(m[3])).toBe(3 * 60000 + 2);
  });
  it('an exception with a huge message is cut in the result and in the output', async () => {
    const { result, out } = await run('throw new Error("e".repeat(10_000_000))');
    expect(result.ok).toBe(false);
    expect(result.error!.message.length).toBeLessThan(20_000);
    expect(result.error!.message).toMatch(/more characters\)$/);
    expect(out.every((i) => textOf(i).length <= MAX_TEXT_CHARS)).toBe(true);
  });
});

describe('a run\'s total is bounded', () => {
  it('text: at most the run\'s characters, then one notice; later output is counted, not posted', async () => {
    const logs = Math.ceil(MAX_RUN_CHARS / MAX_TEXT_CHARS) + 5;
    const { out } = await run(`for (let i = 0; i < ${logs}; i++) console.log("w".repeat(${MAX_TEXT_CHARS}))`);
    const shown = out.filter((i) => i.kind === 'text' && i.level !== 'warn').reduce((s, i) => s + textOf(i).length, 0);
    expect(shown).toBe(MAX_RUN_CHARS);
    const said = notices(out);
    expect(said).toContain(`output stopped: this run reached ${count(MAX_RUN_CHARS)} characters; later output is not shown`);
    expect(said.at(-1)).toBe(`${count(logs - MAX_RUN_CHARS / MAX_TEXT_CHARS)} more output items not shown`);
  });
  it('items: at most the run\'s number of items', async () => {
    const logs = MAX_OUTPUT_ITEMS + 100;
    const { out } = await run(`for (let i = 0; i < ${logs}; i++) console.log(i)`);
    expect(out.length).toBeLessThanOrEqual(MAX_OUTPUT_ITEMS + 1);
    const said = notices(out);
    expect(said[0]).toBe(`output stopped: this run reached ${count(MAX_OUTPUT_ITEMS)} output items; later output is not shown`);
    const shownLogs = out.filter((i) => i.kind === 'text' && i.level === 'log').length;
    expect(said[1]).toBe(`${count(logs - shownLogs)} more output items not shown`);
  });
  it('the run\'s error is posted even after the budget is spent', async () => {
    const { result, out } = await run(`for (let i = 0; i < ${MAX_OUTPUT_ITEMS + 10}; i++) console.log(i);\nthrow new RangeError("at the end")`);
    expect(result.ok).toBe(false);
    const errors = out.filter((i) => i.kind === 'error').map(textOf);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^RangeError: at the end \(line 2\b/);
  });
  it('tables: at most the run\'s table entries', async () => {
    const { out } = await run('import { Matrix } from "engine"; for (let i = 0; i < 60; i++) display(Matrix.zeros(50, 20))');
    const entries = out.filter((i) => i.kind === 'table').reduce((s, t) => s + (t.kind === 'table' ? t.rows.reduce((a, r) => a + r.length, 0) : 0), 0);
    expect(entries).toBeLessThanOrEqual(MAX_RUN_TABLE_CELLS);
    expect(notices(out).some((t) => t.startsWith('output stopped: this run reached'))).toBe(true);
  });
  it('property: whatever a run prints, every item is within its limit, the run within its total, and each cut adds up', async () => {
    await fc.assert(fc.asyncProperty(fc.array(fc.integer({ min: 0, max: 3 * MAX_TEXT_CHARS }), { minLength: 1, maxLength: 25 }), async (lengths) => {
      const { out } = await run(`for (const n of ${JSON.stringify(lengths)}) console.log("v".repeat(n))`);
      const printed = out.filter((i) => i.kind === 'text' && i.level === 'log');
      expect(printed.every((i) => textOf(i).length <= MAX_TEXT_CHARS)).toBe(true);
      expect(printed.reduce((s, i) => s + textOf(i).length, 0)).toBeLessThanOrEqual(MAX_RUN_CHARS);
      // each printed item is either whole, or followed by a notice whose two numbers add up to what was printed
      let k = 0;
      for (let j = 0; j < out.length; j++) {
        const item = out[j];
        if (item.kind !== 'text' || item.level !== 'log') continue;
        const next = out[j + 1];
        const m = next ? cutRe.exec(textOf(next)) : null;
        if (m) expect(num(m[1]) + num(m[3])).toBe(lengths[k]);
        else expect(textOf(item).length).toBe(lengths[k]);
        k++;
      }
    }), { numRuns: 15 });
  });
});

describe('charts are bounded before their markup is made', () => {
  it('a chart with more elements than allowed is replaced by a notice that says so', async () => {
    const dots = MAX_CHART_NODES + 10;
    const { out } = await run(`display(Plot.dot(Array.from({ length: ${dots} }, (_, i) => [i, i])).plot())`);
    expect(out).toHaveLength(1);
    expect(textOf(out[0])).toMatch(new RegExp(`^chart not shown: it has [\\d,]+ elements, more than the ${count(MAX_CHART_NODES)} a chart may have`));
  });
  it('a "chart" whose markup is too long is refused, even when it is not a real DOM node', async () => {
    const { out } = await run(`Plot; display({ tagName: "svg", outerHTML: "<svg>" + " ".repeat(${MAX_CHART_CHARS}) + "</svg>" })`);
    expect(out.map((i) => i.kind)).toEqual(['text']);
    expect(textOf(out[0])).toContain(`its markup has ${count(MAX_CHART_CHARS + 11)} characters, more than the ${count(MAX_CHART_CHARS)}`);
  });
  it('an ordinary chart passes', async () => {
    const { out } = await run('display(Plot.lineY([1, 3, 2]).plot())');
    expect(out.map((i) => i.kind)).toEqual(['svg']);
  });
  it('the budget never makes the markup of a chart it refuses', () => {
    let made = 0;
    const b = new OutputBudget();
    expect(b.chart({ caption: 'c', nodes: MAX_CHART_NODES + 1, markup: () => { made++; return '<svg/>'; } })[0].kind).toBe('text');
    expect(made).toBe(0);
  });
});

describe('output gathered for a grading report', () => {
  it('collectOutput keeps console.log from the run and from later calls of its functions, within the limits', async () => {
    const session = new CellSession(env);
    const got = collectOutput();
    await session.run('function f(x: number) { console.log("called with", x, "z".repeat(300000)); return 2 * x }\nconsole.log("loaded")', got.onOutput);
    const f = session.scope.get('f') as (x: number) => number;
    expect(f(21)).toBe(42);
    expect(textOf(got.items[0])).toBe('loaded');
    expect(textOf(got.items[1]).startsWith('called with 21 zzz')).toBe(true);
    expect(textOf(got.items[1]).length).toBe(MAX_TEXT_CHARS);
    expect(textOf(got.items[2])).toMatch(cutRe);
    expect(got.errors).toEqual([]);
  });
});

describe('types are removed, not checked', () => {
  it('a TypeScript type error does not stop a run (what the note beside the editor says)', async () => {
    const { result, out } = await run('const n: number = "not a number" as unknown as string;\nn');
    expect(result.ok).toBe(true);
    expect(textOf(out[0])).toBe('not a number');
  });
});

describe('describe clips strings inside values', () => {
  it('keys, entries and error messages', () => {
    const long = 'k'.repeat(MAX_INNER_CHARS * 3);
    const s = describeValue({ [long]: [long], e: new Error(long) });
    expect(s.length).toBeLessThan(8 * MAX_INNER_CHARS);
    expect(s.split(`${count(2 * MAX_INNER_CHARS)} more characters`)).toHaveLength(4);
  });
});
