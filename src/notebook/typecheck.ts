// Type-check a reader's cell with the TypeScript compiler, on demand.
//
// Cells run after sucrase has removed their types (transpile.ts): nothing checks them on the way,
// so a type error never stops a run. The reader can ask for a check: the page then loads the
// TypeScript compiler in a worker of its own (scripts/build-typecheck.mjs bundles this module with
// `typescript` into public/typecheck/worker.js, and writes the files it needs), and this function
// runs it over the cell as the cell sees the world:
// - `import … from "engine"` is the engine's own source (src/engine/index.ts and what it imports);
// - `import … from "data"` and the globals `display` and `Plot` are content/cells/cell-globals.d.ts,
//   the very declarations `npm run check` types the shipped cells with;
// - the standard library is ES2022 plus the Web Worker globals (a cell runs in a worker), as
//   scripts/typecheck-files.mjs collects it;
// - names that earlier cells of the same session declared are known, with type `any` (they are
//   checked in their own cell, not here), so a later cell is not told they do not exist.
// It only reads text: the reader's code is parsed and checked, never run.
import type * as TS from 'typescript';

/** Virtual files of the checker: absolute paths ("/src/engine/index.ts", "/lib/lib.es5.d.ts") to text. */
export type CheckFiles = Record<string, string>;

export interface TypeDiagnostic {
  /** 1-based, in the reader's code */
  line: number;
  column: number;
  /** TypeScript's error number (TS2322 …) */
  code: number;
  message: string;
}

export const CELL_FILE = '/cell.ts';
export const GLOBALS_FILE = '/content/cells/cell-globals.d.ts';
const SESSION_FILE = '/session-names.d.ts';
/** at most this many diagnostics are listed (the rest are counted) */
export const MAX_DIAGNOSTICS = 20;

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
const parsed = new WeakMap<CheckFiles, Map<string, TS.SourceFile>>();

export function checkCellTypes(ts: typeof TS, files: CheckFiles, code: string, sessionNames: readonly string[] = []): { diagnostics: TypeDiagnostic[]; total: number } {
  const names = [...new Set(sessionNames)].filter((n) => IDENTIFIER.test(n));
  // the session's names are globals of the check (a script, not a module)
  const sources: CheckFiles = { ...files, [CELL_FILE]: code, [SESSION_FILE]: names.map((n) => `declare var ${n}: any;\n`).join('') };
  const options: TS.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    allowImportingTsExtensions: true,
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    types: [],
    // the standard library is the one scripts/typecheck-files.mjs shipped (ES2022 and the worker globals, with their references)
    lib: Object.keys(files).filter((f) => f.startsWith('/lib/')).map((f) => f.slice('/lib/'.length)),
    baseUrl: '/',
    paths: { engine: ['/src/engine/index.ts'] },
    jsx: ts.JsxEmit.Preserve,
  };
  // the library, engine and Plot files do not change between checks: parse them once per file set
  let cache = parsed.get(files);
  if (!cache) parsed.set(files, (cache = new Map()));
  const host: TS.CompilerHost = {
    getSourceFile: (name, languageVersion) => {
      const text = sources[name];
      if (text === undefined) return undefined;
      if (name === CELL_FILE || name === SESSION_FILE) return ts.createSourceFile(name, text, languageVersion, true);
      let sf = cache.get(name);
      if (!sf) cache.set(name, (sf = ts.createSourceFile(name, text, languageVersion, true)));
      return sf;
    },
    getDefaultLibFileName: () => '/lib/lib.d.ts',
    getDefaultLibLocation: () => '/lib',
    writeFile: () => {},
    getCurrentDirectory: () => '/',
    getDirectories: () => [],
    getCanonicalFileName: (f) => f,
    useCaseSensitiveFileNames: () => true,
    getNewLine: () => '\n',
    fileExists: (f) => f in sources,
    readFile: (f) => sources[f],
    directoryExists: (d) => {
      const prefix = d.endsWith('/') ? d : `${d}/`;
      return Object.keys(sources).some((f) => f.startsWith(prefix));
    },
  };
  const program = ts.createProgram({ rootNames: [CELL_FILE, GLOBALS_FILE, SESSION_FILE], options, host });
  const cell = program.getSourceFile(CELL_FILE)!;
  const all = [...program.getSyntacticDiagnostics(cell), ...program.getSemanticDiagnostics(cell)];
  const diagnostics = all.slice(0, MAX_DIAGNOSTICS).map((d) => {
    const at = d.start === undefined ? { line: 0, character: 0 } : cell.getLineAndCharacterOfPosition(d.start);
    return { line: at.line + 1, column: at.character + 1, code: d.code, message: ts.flattenDiagnosticMessageText(d.messageText, '\n') };
  });
  return { diagnostics, total: all.length };
}

/** The names a cell declares at its top level (what a session hands to later cells). */
export function topLevelNames(ts: typeof TS, code: string): string[] {
  const sf = ts.createSourceFile('/earlier.ts', code, ts.ScriptTarget.ES2022, false);
  const names: string[] = [];
  const bind = (n: TS.BindingName) => {
    if (ts.isIdentifier(n)) names.push(n.text);
    else for (const e of n.elements) if (!ts.isOmittedExpression(e)) bind(e.name);
  };
  for (const st of sf.statements) {
    if (ts.isVariableStatement(st)) st.declarationList.declarations.forEach((d) => bind(d.name));
    else if ((ts.isFunctionDeclaration(st) || ts.isClassDeclaration(st)) && st.name) names.push(st.name.text);
    else if (ts.isImportDeclaration(st) && st.importClause) {
      const c = st.importClause;
      if (c.name) names.push(c.name.text);
      const b = c.namedBindings;
      if (b && ts.isNamespaceImport(b)) names.push(b.name.text);
      else if (b) b.elements.forEach((e) => names.push(e.name.text));
    }
  }
  return names;
}

/** One line per diagnostic, as the cell shows them. */
export function describeDiagnostics(r: { diagnostics: TypeDiagnostic[]; total: number }): string {
  if (r.total === 0) return 'No type errors.';
  const lines = r.diagnostics.map((d) => `line ${d.line}, column ${d.column}: ${d.message} (TS${d.code})`);
  if (r.total > r.diagnostics.length) lines.push(`… and ${r.total - r.diagnostics.length} more.`);
  return `${r.total} type error${r.total === 1 ? '' : 's'}:\n${lines.join('\n')}`;
}
