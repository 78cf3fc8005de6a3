// Turn a cell's TypeScript into the body of an async function the runner can call.
//
// 1. sucrase strips the types (it keeps every line where it was, so line numbers in the
//    transpiled JavaScript are the reader's line numbers). Like sucrase everywhere, value
//    `namespace`s and decorators are not supported.
// 2. acorn parses the JavaScript so that, at the top level of the cell only,
//    - `import { a } from "engine"` becomes `const { a } = __import("engine")`;
//    - the names the cell declares (const/let/var/function/class/import) are collected, so a
//      session can hand them to later cells;
//    - the last statement, if it is an expression, is handed to `__last(…)` (it is shown).
// Every rewrite keeps the number of lines, so errors map back to the reader's lines.
import { transform } from 'sucrase';
import { parse, type Node } from 'acorn';

/** modules a cell may import; everything else is refused with a message */
export const CELL_MODULES = ['engine', 'data', '@observablehq/plot'] as const;
export type CellModule = (typeof CELL_MODULES)[number];

export interface TranspiledCell {
  /** body of the async function (JavaScript); line n of the body is line n of the reader's code */
  body: string;
  /** top-level names the cell declares */
  declared: string[];
  /** modules the cell imports (normalised: "plot" → "@observablehq/plot") */
  imports: CellModule[];
  /** whether the cell mentions the pre-bound `Plot` name */
  usesPlot: boolean;
}

/** A syntax error located in the reader's code (line and column start at 1). */
export class CellSyntaxError extends Error {
  constructor(message: string, readonly line: number, readonly column: number) {
    super(`${message} (line ${line}, column ${column})`);
    this.name = 'SyntaxError';
  }
}

interface AnyNode extends Node { [key: string]: unknown }

function normaliseModule(source: string, line: number, column: number): CellModule {
  const s = source === 'plot' ? '@observablehq/plot' : source;
  if ((CELL_MODULES as readonly string[]).includes(s)) return s as CellModule;
  throw new CellSyntaxError(`Cells can import only ${CELL_MODULES.map((m) => `"${m}"`).join(', ')} (got "${source}")`, line, column);
}

/** names bound by a declaration pattern: x, { a, b: c }, [d, ...e], f = 1 */
function patternNames(p: AnyNode | null, out: string[]): void {
  if (!p) return;
  switch (p.type) {
    case 'Identifier': out.push(p.name as string); break;
    case 'ObjectPattern': for (const prop of p.properties as AnyNode[]) patternNames((prop.type === 'RestElement' ? prop.argument : prop.value) as AnyNode, out); break;
    case 'ArrayPattern': for (const el of p.elements as (AnyNode | null)[]) patternNames(el, out); break;
    case 'RestElement': patternNames(p.argument as AnyNode, out); break;
    case 'AssignmentPattern': patternNames(p.left as AnyNode, out); break;
  }
}

/** a replacement that keeps the line count of the text it replaces */
function keepLines(original: string, replacement: string): string {
  const n = original.split('\n').length - 1;
  return replacement + '\n'.repeat(n);
}

/** find dynamic import() anywhere: a cell may not load code from elsewhere */
function findDynamicImport(node: unknown): AnyNode | null {
  if (!node || typeof node !== 'object') return null;
  const n = node as AnyNode;
  if (n.type === 'ImportExpression') return n;
  for (const key of Object.keys(n)) {
    if (key === 'loc') continue;
    const v = n[key];
    if (Array.isArray(v)) { for (const c of v) { const f = findDynamicImport(c); if (f) return f; } }
    else if (v && typeof v === 'object' && typeof (v as AnyNode).type === 'string') { const f = findDynamicImport(v); if (f) return f; }
  }
  return null;
}

export function transpileCell(code: string): TranspiledCell {
  let js: string;
  try {
    // imports used only as types (`import { Network } from "engine"`) are dropped, as tsc does
    js = transform(code, { transforms: ['typescript'], disableESTransforms: true }).code;
  } catch (e) {
    const err = e as Error & { loc?: { line: number; column: number } };
    const message = err.message.replace(/^Error transforming[^:]*:\s*/, '').replace(/\s*\(\d+:\d+\)\s*$/, '');
    // sucrase's loc.column is already the 1-based column of the offending token
    throw new CellSyntaxError(message, err.loc?.line ?? 1, err.loc?.column ?? 1);
  }
  let program: AnyNode;
  try {
    program = parse(js, { ecmaVersion: 'latest', sourceType: 'module', allowAwaitOutsideFunction: true, locations: true }) as unknown as AnyNode;
  } catch (e) {
    const err = e as Error & { loc?: { line: number; column: number } };
    throw new CellSyntaxError(err.message.replace(/\s*\(\d+:\d+\)\s*$/, ''), err.loc?.line ?? 1, (err.loc?.column ?? 0) + 1);
  }
  const dyn = findDynamicImport(program);
  if (dyn) throw new CellSyntaxError('import() is not available in a cell: use import { … } from "engine" at the top', dyn.loc!.start.line, dyn.loc!.start.column + 1);

  const declared: string[] = [];
  const imports = new Set<CellModule>();
  // edits applied from the end so earlier offsets stay valid
  const edits: { start: number; end: number; text: string }[] = [];
  const body = program.body as AnyNode[];
  body.forEach((stmt, i) => {
    const original = js.slice(stmt.start, stmt.end);
    switch (stmt.type) {
      case 'ImportDeclaration': {
        const src = (stmt.source as AnyNode).value as string;
        const mod = normaliseModule(src, stmt.loc!.start.line, stmt.loc!.start.column + 1);
        imports.add(mod);
        const parts: string[] = [];
        for (const s of stmt.specifiers as AnyNode[]) {
          const local = (s.local as AnyNode).name as string;
          declared.push(local);
          if (s.type === 'ImportSpecifier') {
            const imported = s.imported as AnyNode;
            const name = (imported.name ?? imported.value) as string;
            parts.push(`const ${local} = __import(${JSON.stringify(mod)}, ${JSON.stringify(name)});`);
          } else if (s.type === 'ImportDefaultSpecifier') {
            parts.push(`const ${local} = __import(${JSON.stringify(mod)}, "default");`);
          } else {
            parts.push(`const ${local} = __import(${JSON.stringify(mod)});`);
          }
        }
        edits.push({ start: stmt.start, end: stmt.end, text: keepLines(original, parts.join(' ')) });
        break;
      }
      case 'ExportNamedDeclaration':
      case 'ExportDefaultDeclaration':
      case 'ExportAllDeclaration': {
        const decl = stmt.declaration as AnyNode | null;
        if (stmt.type === 'ExportNamedDeclaration' && decl) {
          // `export const x = …` in a cell simply declares x
          edits.push({ start: stmt.start, end: decl.start, text: ' '.repeat(decl.start - stmt.start) });
          collect(decl);
        } else {
          throw new CellSyntaxError('export is not needed in a cell: top-level declarations are shared with later cells of the session', stmt.loc!.start.line, stmt.loc!.start.column + 1);
        }
        break;
      }
      case 'ExpressionStatement':
        // a cell that ends in a string literal shows it; only a real "use strict" stays a directive
        if (i === body.length - 1 && (stmt as AnyNode).directive !== 'use strict') {
          const expr = stmt.expression as AnyNode;
          edits.push({ start: stmt.start, end: stmt.end, text: `__last((${js.slice(expr.start, expr.end)}));` });
        }
        break;
      default:
        collect(stmt);
    }
  });
  function collect(stmt: AnyNode) {
    if (stmt.type === 'VariableDeclaration') for (const d of stmt.declarations as AnyNode[]) patternNames(d.id as AnyNode, declared);
    else if ((stmt.type === 'FunctionDeclaration' || stmt.type === 'ClassDeclaration') && stmt.id) declared.push((stmt.id as AnyNode).name as string);
  }
  let out = js;
  for (const e of edits.sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return { body: out, declared: [...new Set(declared)], imports: [...imports], usesPlot: /\bPlot\b/.test(js) };
}
