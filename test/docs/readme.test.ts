// Docs that cannot drift: the engine README's table is checked against what src/engine/index.ts
// exports (found by the TypeScript compiler, types included, and where each export is declared);
// every npm/npx command any README names exists; the lab and exercises READMEs name only files
// that exist, and a function a table row puts in a file is exported by that file.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const read = (p: string) => readFileSync(join(ROOT, p), 'utf8');

/** Backtick spans of a Markdown text (``double`` ones too), without the backticks. */
export function codeSpans(md: string): string[] {
  return [...md.matchAll(/(`+)(?!`)([\s\S]*?[^`])\1(?!`)/g)].map((m) => m[2].trim());
}

/** The identifier a span names when it is a name, a call `f(…)`, a value `X = …` or a signature `f → …`. */
export function spanName(span: string): string | null {
  const m = /^([A-Za-z_$][\w$]*)(?:$|\(|<| =| →)/.exec(span);
  return m ? m[1] : null;
}

/** Rows `| \`file\` | text |` of the Markdown tables of a text, as [file, text]. */
export function tableRows(md: string): [string, string][] {
  const rows: [string, string][] = [];
  for (const line of md.split('\n')) {
    const m = /^\|\s*`([^`]+)`\s*\|(.*)\|\s*$/.exec(line);
    if (m) rows.push([m[1], m[2]]);
  }
  return rows;
}

/** name → the file (relative to the root) that declares what src/engine/index.ts exports under it. */
function indexExports(): Map<string, string> {
  const index = join(ROOT, 'src/engine/index.ts');
  const program = ts.createProgram([index], { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler, noEmit: true });
  const checker = program.getTypeChecker();
  const moduleSymbol = checker.getSymbolAtLocation(program.getSourceFile(index)!)!;
  const out = new Map<string, string>();
  for (const e of checker.getExportsOfModule(moduleSymbol)) {
    const target = e.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(e) : e;
    const decl = target.declarations?.[0];
    out.set(e.name, decl ? relative(ROOT, decl.getSourceFile().fileName) : '?');
  }
  return out;
}

function engineTable() {
  const md = read('src/engine/README.md');
  const section = md.slice(md.indexOf('## Modules and exports'));
  const listed = new Map<string, string>(); // name → file of the row that lists it
  const files: string[] = [];
  for (const [file, text] of tableRows(section)) {
    files.push(file);
    for (const span of codeSpans(text)) {
      const name = spanName(span);
      if (name !== null && !listed.has(name)) listed.set(name, `src/engine/${file}`);
    }
  }
  return { listed, files };
}

describe('src/engine/README.md', () => {
  const exports = indexExports();
  const { listed, files } = engineTable();

  it('the index exports something (the compiler read it)', () => {
    expect(exports.size).toBeGreaterThan(50);
    expect(exports.get('backprop')).toBe('src/engine/backprop.ts');
  });

  it('every export of the index is in the table, in the row of the file that declares it', () => {
    const wrong = [...exports].filter(([name, file]) => listed.get(name) !== file).map(([name, file]) => `${name}: declared in ${file}, listed ${listed.has(name) ? `under ${listed.get(name)}` : 'nowhere'}`);
    expect(wrong).toEqual([]);
  });

  it('every name the table lists is exported by the index', () => {
    expect([...listed.keys()].filter((name) => !exports.has(name))).toEqual([]);
  });

  it('the table has one row per module the index re-exports, each an existing file', () => {
    // a module file, or each file of a re-exported folder (src/engine/fast/) that declares an export
    const reexported = [...read('src/engine/index.ts').matchAll(/from '\.\/([\w-]+)'/g)].flatMap((m) =>
      existsSync(join(ROOT, 'src/engine', `${m[1]}.ts`)) ? [`${m[1]}.ts`] : [...new Set([...exports.values()].filter((f) => f.startsWith(`src/engine/${m[1]}/`)).map((f) => f.slice('src/engine/'.length)))],
    );
    expect([...files].sort()).toEqual([...reexported].sort());
    for (const f of files) expect(existsSync(join(ROOT, 'src/engine', f)), f).toBe(true);
  });
});

/** Every README.md of the project (not dependencies or build output). */
function readmes(dir = ROOT): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (['node_modules', 'dist', '.git', '.astro'].includes(e.name)) continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...readmes(p));
    else if (e.name === 'README.md') out.push(relative(ROOT, p));
  }
  return out;
}

const NPM_BUILTINS = new Set(['ci', 'install', 'i', 'view', 'exec', 'ls', 'pack', 'init', 'audit', 'outdated', 'update']);
const LIFECYCLE = new Set(['test', 'start', 'stop', 'restart']);

describe('commands named in the READMEs', () => {
  const scripts = Object.keys((JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts);
  const files = readmes();

  it('finds the READMEs', () => {
    expect(files).toContain('README.md');
    expect(files).toContain('src/engine/README.md');
  });

  it('every `npm run X`, `npm X` and `npx X` exists (a package.json script, an npm command, a binary in node_modules/.bin)', () => {
    const missing: string[] = [];
    for (const f of files) {
      // Commands are written as code: in backticks or in a fenced block (prose may say "npm" freely).
      const md = read(f);
      const text = [...codeSpans(md.replace(/```[\s\S]*?```/g, '')), ...[...md.matchAll(/```[^\n]*\n([\s\S]*?)```/g)].map((m) => m[1])].join('\n');
      for (const m of text.matchAll(/\bnpm run (?:--?[\w-]+ )*([\w:.-]+)/g)) if (!scripts.includes(m[1])) missing.push(`${f}: npm run ${m[1]}`);
      for (const m of text.matchAll(/\bnpm (?!run\b)([a-z][\w-]*)/g)) {
        const cmd = m[1];
        if (LIFECYCLE.has(cmd) ? !scripts.includes(cmd) : !NPM_BUILTINS.has(cmd)) missing.push(`${f}: npm ${cmd}`);
      }
      for (const m of text.matchAll(/\bnpx ([\w@][\w@/.-]*)/g)) {
        const bin = m[1].replace(/^@[^/]+\//, '').replace(/@[\d.]+$/, '');
        if (!existsSync(join(ROOT, 'node_modules/.bin', bin))) missing.push(`${f}: npx ${m[1]}`);
      }
    }
    expect(missing).toEqual([]);
  });
});

/** Paths matching a pattern with `*`, `<placeholder>`, `{a,b}` and `(x)` (optional) under a folder. */
export function matches(pattern: string, base: string): boolean {
  const alternatives = (p: string): string[] => {
    const brace = /\{([^{}]*)\}/.exec(p);
    if (brace) return brace[1].split(',').flatMap((alt) => alternatives(p.slice(0, brace.index) + alt + p.slice(brace.index + brace[0].length)));
    const opt = /\(([^()]*)\)/.exec(p);
    if (opt) return [p.slice(0, opt.index) + p.slice(opt.index + opt[0].length), p.slice(0, opt.index) + opt[1] + p.slice(opt.index + opt[0].length)].flatMap(alternatives);
    return [p];
  };
  return alternatives(pattern).some((p) => {
    if (!/[*<]/.test(p)) return existsSync(join(base, p));
    const parts = p.split('/');
    const walk = (dir: string, i: number): boolean => {
      if (i === parts.length) return true;
      const part = parts[i];
      if (!/[*<]/.test(part)) return existsSync(join(dir, part)) && (i === parts.length - 1 || statSync(join(dir, part)).isDirectory()) && walk(join(dir, part), i + 1);
      const re = new RegExp(`^${part.replace(/[.+^$|\\]/g, '\\$&').replace(/\*/g, '.*').replace(/<[^>]+>/g, '[^/]+')}$`);
      if (!existsSync(dir) || !statSync(dir).isDirectory()) return false;
      return readdirSync(dir).some((e) => re.test(e) && walk(join(dir, e), i + 1));
    };
    return walk(base, 0);
  });
}

/** A span that names a file: a path with a folder or a file name with a source/data extension. */
const looksLikeFile = (s: string) => !/\s/.test(s) && !s.includes('://') && (/\.(ts|tsx|mjs|js|json|md|mdx|astro|bin|css)$/.test(s.replace(/\(x\)$/, '')) || /^[A-Za-z_][\w.-]*\/[\w./<>{},*-]*$/.test(s));

/** Names exported anywhere in src/ and components/ (export function/const/class), name → files. */
function projectExports(): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const walk = (dir: string) => {
    for (const e of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(ts|tsx|mjs)$/.test(e.name)) {
        for (const m of read(p).matchAll(/^export (?:async )?(?:function\*?|const|let|class) ([A-Za-z_$][\w$]*)/gm)) out.set(m[1], [...(out.get(m[1]) ?? []), p]);
      }
    }
  };
  walk('src');
  walk('components');
  return out;
}

describe.each(['src/lab/README.md', 'src/exercises/README.md', 'components/lab/README.md'])('%s', (readme) => {
  const dir = dirname(readme);
  const text = read(readme);

  it('names only files that exist (beside the README, from the project root, or in a folder it names)', () => {
    const spans = codeSpans(text).filter(looksLikeFile);
    expect(spans.length).toBeGreaterThan(3);
    // Folders the README names, for a bare file name written after its folder (e.g. `island.test.tsx` after `test/exercises/…`).
    const folders = new Set([dir, '.', ...spans.filter((s) => s.includes('/')).map((s) => dirname(s.replace(/\/$/, '/x')))]);
    // build outputs (listed in .gitignore, e.g. public/data/mnist.bin) exist only after a build; the
    // unit tests run before it, so a README may name them as long as .gitignore says they are made
    const built = read('.gitignore').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#') && !l.includes('*'));
    const missing = spans.filter((s) => !built.includes(s) && ![...folders].some((f) => matches(s, join(ROOT, f))));
    expect(missing).toEqual([]);
  });

  it('a function or constant a table row names, if the project exports it, is exported by that row\'s file', () => {
    const exported = projectExports();
    const wrong: string[] = [];
    for (const [file, desc] of tableRows(text)) {
      const path = join(dir, file);
      const own = existsSync(join(ROOT, path)) ? read(path) : '';
      for (const span of codeSpans(desc)) {
        const name = spanName(span);
        if (name === null || !exported.has(name)) continue;
        // Exported by the file, or used by it (imported), or one of its methods (`predict(…)` of the client).
        const own_ = new RegExp(`export (?:async )?(?:function\\*?|const|let|class) ${name}\\b|export \\{[^}]*\\b${name}\\b|import \\{[^}]*\\b${name}\\b[^}]*\\} from|^\\s+(?:async )?${name}\\s*[(:]`, 'm');
        if (!own_.test(own)) wrong.push(`${name}: listed under ${file}, exported by ${exported.get(name)!.join(', ')}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
