// The notebook runtime in Node: transpile, run, output capture, shared session state, errors
// mapped to the reader's lines, isolation stand-ins, charts through Plot + linkedom.
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import * as engine from '../../src/engine/index';
import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';
import { transpileCell, CellSyntaxError } from '../../src/notebook/transpile';
import { CellSession, BLOCKED_GLOBALS, type CellEnv } from '../../src/notebook/evaluate';
import { chartSupport } from '../../src/notebook/plot-env';
import { toOutput, formatNumber, type OutputItem } from '../../src/notebook/format';

const env: CellEnv = {
  loadModule: async (name) => {
    if (name === 'engine') return engine as unknown as Record<string, unknown>;
    throw new Error('no datasets in this test');
  },
  loadCharts: async () => chartSupport(Plot as never, parseHTML('<!doctype html><html><body></body></html>').document),
};

async function run(code: string, session = new CellSession(env)) {
  const out: OutputItem[] = [];
  const result = await session.run(code, (i) => out.push(i));
  return { result, out, session };
}

describe('transpile', () => {
  it('strips types and keeps every line where the reader wrote it', () => {
    const code = 'interface P {\n  x: number;\n}\nconst a: number = 1;\ntype T = string;\nfunction f(p: P): number { return p.x; }\nf({ x: a })';
    const { body, declared } = transpileCell(code);
    expect(body.split('\n')).toHaveLength(code.split('\n').length);
    expect(body.split('\n')[3]).toContain('const a');
    expect(body.split('\n')[5]).toContain('function f');
    expect(declared).toEqual(['a', 'f']);
  });
  it('turns imports from "engine" into bindings and refuses other modules with a line', () => {
    const t = transpileCell('import { sigmoid, backprop as bp, type Network } from "engine";\nimport * as E from "engine";\nimport type { Matrix } from "engine";\nconst n: Network | Matrix | null = null;\n[sigmoid, bp, E]');
    expect(t.imports).toEqual(['engine']);
    expect(t.declared).toEqual(['sigmoid', 'bp', 'E', 'n']);
    expect(() => transpileCell('const x = 1;\nimport fs from "fs";\nfs')).toThrow(CellSyntaxError);
    try { transpileCell('const x = 1;\nimport fs from "fs";\nfs'); } catch (e) { expect((e as CellSyntaxError).line).toBe(2); }
  });
  it('collects destructured declarations and hands the last expression to __last', () => {
    const t = transpileCell('const { a, b: [c, ...d] } = o;\nlet [e = 1] = [];\nclass K {}\na + c');
    expect(t.declared).toEqual(['a', 'c', 'd', 'e', 'K']);
    expect(t.body.split('\n')[3]).toBe('__last((a + c));');
  });
  it('a cell that is only a string literal shows the string (acorn calls it a directive)', async () => {
    const { out } = await run('"<b>as text</b>"');
    expect(out).toEqual([{ kind: 'text', text: '<b>as text</b>' }]);
    expect(transpileCell('"use strict";\n1').body).toContain('__last((1))');
  });
  it('refuses import() so a cell cannot load code from elsewhere', () => {
    expect(() => transpileCell('const m = await import("https://example.com/x.js");')).toThrow(/import\(\) is not available/);
  });
  it('locates a syntax error at the line and column the reader sees', () => {
    try { transpileCell('const a = 1;\nconst b = ;'); expect.unreachable(); } catch (e) {
      expect(e).toBeInstanceOf(CellSyntaxError);
      expect((e as CellSyntaxError).line).toBe(2);
      expect((e as CellSyntaxError).column).toBe('const b = ;'.indexOf(';') + 1);
    }
  });
});

describe('running a cell', () => {
  it('shows the engine\'s numbers: the last expression, display() and console.log', async () => {
    const { result, out } = await run('import { sigmoidScalar } from "engine";\nconsole.log("σ(0) =", sigmoidScalar(0));\ndisplay(sigmoidScalar(2));\nsigmoidScalar(-1)');
    expect(result.ok).toBe(true);
    expect(out[0]).toEqual({ kind: 'text', level: 'log', text: `σ(0) = ${formatNumber(engine.sigmoidScalar(0))}` });
    expect(out[1]).toEqual({ kind: 'text', text: formatNumber(engine.sigmoidScalar(2)) });
    expect(out[2]).toEqual({ kind: 'text', text: formatNumber(engine.sigmoidScalar(-1)) });
  });
  it('renders a Matrix, a typed array and number[][] as tables of the engine\'s values', async () => {
    const { out } = await run('import { Matrix, outer } from "engine";\nconst m = outer([1, 2], [3, 4, 5]);\ndisplay(m, new Float64Array([0.5, 0.25]), [[1, 2], [3, 4]]);');
    const m = engine.outer([1, 2], [3, 4, 5]);
    expect(out[0]).toMatchObject({ kind: 'table', caption: 'Matrix 2×3', rows: m.toArray().map((r) => r.map(formatNumber)) });
    expect(out[1]).toMatchObject({ kind: 'table', rows: [['0.5', '0.25']] });
    expect(out[2]).toMatchObject({ kind: 'table', caption: '2×2 array', rows: [['1', '2'], ['3', '4']] });
  });
  it('a type-only import is dropped, as tsc does', async () => {
    const { result, out } = await run('import { Network, createNetwork } from "engine";\nconst n: Network = createNetwork({ sizes: [2, 1] });\nn.sizes.length');
    expect(result.ok).toBe(true);
    expect(out).toEqual([{ kind: 'text', text: '2' }]);
  });
  it('top-level await works', async () => {
    const { out } = await run('const v = await Promise.resolve(41);\nv + 1');
    expect(out).toEqual([{ kind: 'text', text: '42' }]);
  });
  it('keeps text as text: markup in output is data, not HTML', async () => {
    const { out } = await run('console.log("<img src=x onerror=alert(1)>")');
    expect(out[0]).toEqual({ kind: 'text', level: 'log', text: '<img src=x onerror=alert(1)>' });
  });
});

describe('sessions', () => {
  it('later cells see earlier cells\' top-level declarations; a fresh session does not', async () => {
    const s = new CellSession(env);
    await run('import { createNetwork } from "engine";\nconst net = createNetwork({ sizes: [2, 3, 1], seed: 7 });\nlet count = 1;\nfunction twice(x: number) { return 2 * x; }', s);
    const { result, out } = await run('count = twice(count) + net.sizes.length;\ncount', s);
    expect(result.ok).toBe(true);
    expect(out).toEqual([{ kind: 'text', text: '5' }]);
    expect(s.scope.get('count')).toBe(5);
    const alone = await run('count');
    expect(alone.result.ok).toBe(false);
    expect(alone.result.error?.message).toMatch(/count is not defined/);
  });
  it('a cell may redeclare a name an earlier cell declared', async () => {
    const s = new CellSession(env);
    await run('const eta = 3;', s);
    const { result, out } = await run('const eta = 0.5;\neta', s);
    expect(result.ok).toBe(true);
    expect(out).toEqual([{ kind: 'text', text: '0.5' }]);
  });
});

describe('errors point at the reader\'s line', () => {
  it('a runtime exception: message and line', async () => {
    const { result, out } = await run('const a = 1;\n\nfunction f(): number {\n  throw new RangeError("bad eta");\n}\nf();');
    expect(result.error).toMatchObject({ kind: 'runtime', message: 'RangeError: bad eta', line: 4 });
    expect(out.at(-1)).toMatchObject({ kind: 'error', line: 4 });
  });
  it('an exception thrown inside the engine is reported at the reader\'s call', async () => {
    const { result } = await run('import { createNetwork } from "engine";\n\ncreateNetwork({ sizes: [] });');
    expect(result.ok).toBe(false);
    expect(result.error?.line).toBe(3);
  });
  it('a reference to an undefined name', async () => {
    const { result } = await run('let x = 1;\nx = y + 1;');
    expect(result.error).toMatchObject({ message: 'ReferenceError: y is not defined', line: 2 });
  });
  it('a syntax error: line and column', async () => {
    const { result, out } = await run('const ok = 1;\nconst broken = (1 + ;\n');
    expect(result.error).toMatchObject({ kind: 'syntax', line: 2 });
    expect(out[0].kind === 'error' && out[0].text).toMatch(/^Syntax error \(line 2, column \d+\)/);
  });
});

describe('isolation', () => {
  for (const name of ['document', 'localStorage', 'fetch', 'indexedDB', 'postMessage'] as const) {
    it(`${name} gives a clear error inside a cell`, async () => {
      const code = name === 'document' ? 'document.cookie' : name === 'localStorage' ? 'localStorage.getItem("backprop-notebook/progress@1")' : `${name}("x")`;
      const { result } = await run(code);
      expect(result.ok).toBe(false);
      expect(result.error?.message).toContain(`${name} is not available in a code cell`);
    });
  }
  it('every blocked name is shadowed, and a cell may still declare its own variable of that name', async () => {
    expect(BLOCKED_GLOBALS).toContain('document');
    const { result, out } = await run('const document = 3;\ndocument');
    expect(result.ok).toBe(true);
    expect(out).toEqual([{ kind: 'text', text: '3' }]);
  });
});

describe('charts', () => {
  it('display(Plot.plot(…)) sends SVG markup of the chart, drawn without the page', async () => {
    const { result, out } = await run('import { neuronRun } from "engine";\nconst r = neuronRun({ w: 2, b: 2, eta: 0.15, epochs: 30, cost: "quadratic" });\ndisplay(Plot.plot({ title: "cost per epoch", marks: [Plot.lineY(r.cost)] }));');
    expect(result.ok).toBe(true);
    expect(out).toHaveLength(1);
    const item = out[0] as Extract<OutputItem, { kind: 'svg' }>;
    expect(item.kind).toBe('svg');
    expect(item.markup).toMatch(/<svg[^>]*viewBox/);
    expect(item.markup).toContain('<path');
    expect(item.caption).toContain('cost per epoch');
  });
  it('mark.plot() also works (Plot\'s shorthand)', async () => {
    const { out } = await run('Plot.dot([[1, 2], [3, 4]]).plot()');
    expect(out[0]?.kind).toBe('svg');
  });
});

describe('format', () => {
  it('formats numbers readably', () => {
    expect(formatNumber(0.1 + 0.2)).toBe('0.3');
    expect(formatNumber(1e-7)).toBe('1e-7');
    expect(formatNumber(NaN)).toBe('NaN');
    expect(toOutput([{ epoch: 1, cost: 0.5 }])).toMatchObject({ kind: 'table', header: ['epoch', 'cost'], rows: [['1', '0.5']] });
  });
});

describe('a single number as the last expression, display(x) or console.log(x)', () => {
  // the decision (format.ts, documented on the engine API page): a text line; whole numbers
  // below 1e15 exactly; otherwise 6 significant digits, exponent form below 1e-4 or from 1e9
  const shown = async (code: string) => {
    const { result, out } = await run(code);
    expect(result.ok).toBe(true);
    expect(out).toHaveLength(1);
    expect(out[0].kind).toBe('text');
    return (out[0] as { text: string }).text;
  };
  it('is one text line that reads back within 6 significant digits, whichever way it is shown', async () => {
    await fc.assert(fc.asyncProperty(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constantFrom('last', 'display', 'log'), async (x, how) => {
      const lit = Object.is(x, -0) ? '-0' : `(${String(x)})`;
      const code = how === 'last' ? lit : how === 'display' ? `display(${lit})` : `console.log(${lit})`;
      const text = await shown(code);
      expect(text).toBe(formatNumber(x));
      const back = Number(text);
      if (Number.isInteger(x) && Math.abs(x) < 1e15) expect(back).toBe(x === 0 ? 0 : x);
      else expect(Math.abs(back - x)).toBeLessThanOrEqual(5e-6 * Math.abs(x));
      // at most 6 significant digits, exponent form exactly outside [1e-4, 1e9)
      const digits = text.replace(/^-/, '').replace(/e.*$/, '').replace('.', '').replace(/^0+/, '').replace(/0+$/, '');
      if (!(Number.isInteger(x) && Math.abs(x) < 1e15)) expect(digits.length).toBeLessThanOrEqual(6);
      expect(/e/.test(text)).toBe(x !== 0 && !(Number.isInteger(x) && Math.abs(x) < 1e15) && (Math.abs(back) < 1e-4 || Math.abs(back) >= 1e9));
    }), { numRuns: 150 });
  });
  it('NaN and the infinities by name', async () => {
    expect(await shown('0 / 0')).toBe('NaN');
    expect(await shown('-1 / 0')).toBe('-Infinity');
    expect(await shown('display(1 / 0)')).toBe('Infinity');
  });
  it('every digit, when the reader asks for them, as a string', async () => {
    await fc.assert(fc.asyncProperty(fc.double({ noNaN: true, noDefaultInfinity: true }), async (x) => {
      const text = await shown(`String(${Object.is(x, -0) ? '-0' : `(${String(x)})`})`);
      expect(Number(text)).toBe(x === 0 ? 0 : x);
    }), { numRuns: 50 });
  });
});

