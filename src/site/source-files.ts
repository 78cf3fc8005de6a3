// Build-time access to the project's own files, for the Source section and for the links
// from <Eq> to "implemented here, proved here". Everything runs while the site is built.
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { join, sep } from 'node:path';

const ROOT = process.cwd();

/** The folders whose files the Source section renders. */
export const SOURCE_DIRS = ['src/engine', 'src/equations.ts', 'test/engine', 'test/equations', 'src/exercises', 'src/notebook', 'src/data', 'src/lab', 'test/exercises', 'test/notebook'];

function walk(path: string): string[] {
  const abs = join(ROOT, path);
  if (!existsSync(abs)) return [];
  if (statSync(abs).isFile()) return [path];
  return readdirSync(abs)
    .sort()
    .flatMap((name) => walk(join(path, name)));
}

/** Every listed file, as a root-relative path with forward slashes. */
export function listSourceFiles(): string[] {
  return SOURCE_DIRS.flatMap(walk)
    .map((p) => p.split(sep).join('/'))
    .filter((p) => /\.(ts|tsx|md|mjs)$/.test(p));
}

export function readSource(file: string): string {
  return readFileSync(join(ROOT, file), 'utf8');
}

export function sourceHref(file: string, line?: number): string {
  return `/source/${file}/` + (line ? `#L${line}` : '');
}

/** 1-based line of the declaration of an exported symbol, or undefined. */
export function findExportLine(file: string, symbol: string): number | undefined {
  if (!existsSync(join(ROOT, file))) return undefined;
  const lines = readSource(file).split('\n');
  const decl = new RegExp(`^export\\s+(?:async\\s+)?(?:function\\*?|const|let|class|interface|type)\\s+${symbol}\\b`);
  const i = lines.findIndex((l) => decl.test(l));
  if (i >= 0) return i + 1;
  // `export { symbol }` or a re-export: fall back to any line naming it in an export.
  const j = lines.findIndex((l) => l.startsWith('export') && new RegExp(`\\b${symbol}\\b`).test(l));
  return j >= 0 ? j + 1 : undefined;
}

/** 1-based line of the one line of file that contains marker; undefined when none or several do. */
export function findMarkerLine(file: string, marker: string): number | undefined {
  if (!existsSync(join(ROOT, file))) return undefined;
  const hits = readSource(file)
    .split('\n')
    .flatMap((l, i) => (l.includes(marker) ? [i + 1] : []));
  return hits.length === 1 ? hits[0] : undefined;
}

/** 1-based line of the first test (it/test/describe) whose title contains `${id}:`. */
export function findTestLine(file: string, id: string): number | undefined {
  if (!existsSync(join(ROOT, file))) return undefined;
  const lines = readSource(file).split('\n');
  const esc = id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const re = new RegExp(`\\b(?:it|test|describe)(?:\\.\\w+)?\\(\\s*['"\`]${esc}:`);
  const i = lines.findIndex((l) => re.test(l));
  return i >= 0 ? i + 1 : undefined;
}

/**
 * The text of one exported function (from its declaration to the closing brace at column 0),
 * for chapters that show the engine's real source beside the algorithm.
 */
export function extractExport(file: string, symbol: string): { code: string; startLine: number } {
  const start = findExportLine(file, symbol);
  if (!start) throw new Error(`<SourceExcerpt>: no exported "${symbol}" in ${file}`);
  const lines = readSource(file).split('\n');
  // Include the doc comment directly above the declaration.
  let first = start - 1;
  while (first > 0 && /^\s*(\/\/|\/\*\*|\*)/.test(lines[first - 1])) first--;
  // A declaration ends at the first line that closes at column 0 (`}` or `};`); a one-line
  // declaration (no opening brace left unclosed) ends where it starts.
  let end = start - 1;
  if (!/;\s*$/.test(lines[start - 1])) {
    while (end < lines.length && !/^[}\]]/.test(lines[end])) end++;
  }
  return { code: lines.slice(first, end + 1).join('\n'), startLine: first + 1 };
}

