// The cell type checker (src/notebook/typecheck.ts) with the real TypeScript compiler over the
// files the site ships to it (scripts/typecheck-files.mjs).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import ts from 'typescript';
import { collectCheckFiles } from '../../scripts/typecheck-files.mjs';
import { MAX_DIAGNOSTICS, checkCellTypes, describeDiagnostics, topLevelNames } from '../../src/notebook/typecheck';

const ROOT = join(import.meta.dirname, '..', '..');
const files = collectCheckFiles(ROOT, ts);
const check = (code: string, names: string[] = []) => checkCellTypes(ts, files, code, names);

describe('cell type checker', () => {
  // the first check parses the libraries and the engine (seconds); later checks reuse them
  beforeAll(() => void check(''), 60_000);

  it('collects the engine by following its imports, the data module, the globals, Plot and the ES2022 + worker libraries', () => {
    const index = readFileSync(join(ROOT, 'src/engine/index.ts'), 'utf8');
    for (const m of index.matchAll(/from '\.\/([\w/.-]+?)(?:\.ts)?'/g)) {
      const found = Object.keys(files).some((f) => f === `/src/engine/${m[1]}.ts` || f === `/src/engine/${m[1]}/index.ts`);
      expect(found, m[1]).toBe(true);
    }
    for (const f of ['/src/notebook/data-module.ts', '/content/cells/cell-globals.d.ts', '/node_modules/@observablehq/plot/src/index.d.ts', '/lib/lib.es5.d.ts', '/lib/lib.es2022.d.ts', '/lib/lib.webworker.d.ts']) expect(files[f], f).toBeTypeOf('string');
  });

  it.each(readdirSync(join(ROOT, 'content/cells')).filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts')))('the shipped cell %s has no type errors', (f) => {
    expect(describeDiagnostics(check(readFileSync(join(ROOT, 'content/cells', f), 'utf8')))).toBe('No type errors.');
  });

  it('reports a wrong assignment at the reader\'s line and column', () => {
    const r = check('// a comment\nconst n: number = "a";\n');
    expect(r.total).toBe(1);
    expect(r.diagnostics[0]).toEqual({ line: 2, column: 7, code: 2322, message: "Type 'string' is not assignable to type 'number'." });
  });

  it('checks calls into the engine against its real signatures, and the data module and globals', () => {
    const bad = check('import { createNetwork } from "engine";\ncreateNetwork({ sizes: "784-30-10" });\n');
    expect(bad.diagnostics.map((d) => [d.line, d.code])).toEqual([[2, 2322]]);
    const good = check('import { createNetwork, feedforward } from "engine";\nimport { makeToy2D } from "data";\nconst net = createNetwork({ sizes: [2, 3, 1] });\ndisplay(feedforward(net, [1, 2]).as[2][0]);\nPlot.plot({ marks: [] });\nmakeToy2D;\nconsole.log(1);\n');
    expect(describeDiagnostics(good)).toBe('No type errors.');
    expect(check('import { nothing } from "engine";\n').diagnostics[0].code).toBe(2305);
    expect(check('import x from "left-pad";\n').diagnostics[0].code).toBe(2307);
  });

  it('names from earlier cells of the session are known (as any); unknown names are not', () => {
    expect(check('net.weights;\n').diagnostics.map((d) => d.code)).toEqual([2304]);
    expect(check('net.weights;\n', ['net']).total).toBe(0);
  });

  it('topLevelNames finds what a cell declares at its top level, and nothing nested', () => {
    const ident = fc.stringMatching(/^[a-z][a-zA-Z0-9]{0,6}$/).filter((s) => !['do', 'if', 'in', 'for', 'let', 'new', 'try', 'var', 'case', 'else', 'enum', 'this', 'void', 'with', 'null', 'true', 'false', 'const', 'class', 'break', 'catch', 'super', 'throw', 'while', 'yield', 'async', 'await', 'delete', 'export', 'import', 'return', 'switch', 'typeof', 'default', 'extends', 'finally', 'package', 'private', 'continue', 'debugger', 'function', 'interface', 'protected', 'implements', 'instanceof', 'public', 'static', 'type', 'of', 'as', 'from', 'get', 'set', 'any', 'is', 'keyof', 'never', 'number', 'object', 'string', 'symbol', 'unique', 'unknown', 'bigint', 'boolean', 'declare', 'module', 'namespace', 'readonly', 'require', 'global', 'infer', 'asserts', 'accessor', 'satisfies', 'out', 'override', 'constructor'].includes(s));
    fc.assert(
      fc.property(fc.uniqueArray(ident, { minLength: 6, maxLength: 6 }), ([a, b, c, d, e, f]) => {
        const code = `const ${a} = 1, { ${b} } = { ${b}: 2 };\nlet [${c}] = [3];\nfunction ${d}() { const inner = 1; return inner; }\nclass ${e} {}\nimport { sigmoid as ${f} } from "engine";\nif (true) { var hidden = 1; }\n`;
        expect(topLevelNames(ts, code).sort()).toEqual([a, b, c, d, e, f].sort());
      }),
      { numRuns: 30 },
    );
  });

  it(`lists at most ${MAX_DIAGNOSTICS} errors and counts the rest`, () => {
    const r = check(Array.from({ length: MAX_DIAGNOSTICS + 5 }, (_, i) => `const v${i}: number = "x";`).join('\n'));
    expect(r.total).toBe(MAX_DIAGNOSTICS + 5);
    expect(r.diagnostics).toHaveLength(MAX_DIAGNOSTICS);
    expect(describeDiagnostics(r).split('\n').at(-1)).toBe('… and 5 more.');
  });
});
