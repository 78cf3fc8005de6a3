// One notation, stated once and checked. The convention: every chapter declares the symbols it
// defines in an export at its top,
//   export const defines = ['w^l_{jk}', 'b^l_j', …];
// written in the TeX of the notation page's first column. This test checks that
//   - every symbol a chapter defines is on the notation page (content/reference/notation.mdx);
//   - the chapter really uses it: it occurs in the chapter's own TeX or in an equation it shows;
//   - the notation page lists each symbol once (one symbol, one meaning), and every symbol on it is
//     defined by the chapter its "introduced in" column names first.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chapters } from '../../src/chapters.mjs';
import { equations } from '../../src/equations';

const root = join(import.meta.dirname, '../..');
const read = (p: string) => readFileSync(join(root, p), 'utf8');
const squash = (tex: string) => tex.replace(/\s+/g, '');

interface NotationRow { symbols: string[]; firstChapter: string | null; line: number }

/** the symbol rows of the notation page: the `$…$` of each table row's first cell, and the first chapter it links to */
function notationRows(mdx: string): NotationRow[] {
  const rows: NotationRow[] = [];
  mdx.split('\n').forEach((text, i) => {
    if (!text.startsWith('| ') || /^\|\s*(symbol|---)/.test(text)) return;
    const cells = text.split(' | ');
    const first = cells[0].slice(2);
    const symbols = [...first.matchAll(/\$([^$]+)\$/g)].map((m) => squash(m[1]));
    if (symbols.length === 0) return;
    const link = /\]\(\/chapters\/([0-9]{2}-[a-z0-9-]+)\//.exec(cells.at(-1) ?? '');
    rows.push({ symbols, firstChapter: link ? link[1] : null, line: i + 1 });
  });
  return rows;
}

/** a chapter's `export const defines = [...]`, or null when it has none */
function chapterDefines(mdx: string): string[] | null {
  const m = /^export const defines = (\[[\s\S]*?\]);$/m.exec(mdx);
  if (!m) return null;
  const list = new Function(`return ${m[1]};`)() as unknown;
  if (!Array.isArray(list) || !list.every((s) => typeof s === 'string')) throw new Error('defines must be an array of strings');
  return list.map(squash);
}

/** everything TeX the chapter shows: its own source and the LaTeX of every <Eq id="…"> in it */
function chapterTeX(mdx: string): string {
  const ids = [...mdx.matchAll(/<Eq id="([^"]+)"/g)].map((m) => m[1]);
  return squash(mdx) + ids.map((id) => squash(equations.find((e) => e.id === id)?.latex ?? '')).join('');
}

const page = read('content/reference/notation.mdx');
const rows = notationRows(page);
const pageSymbols = new Set(rows.flatMap((r) => r.symbols));
const sources = new Map(chapters.map((c: { slug: string }) => [c.slug, read(`content/chapters/${c.slug}.mdx`)]));

describe('notation: every symbol a chapter defines is on the notation page, with one meaning', () => {
  it('the page has symbol rows, and the parser reads them (a symbol row per table line)', () => {
    expect(rows.length).toBeGreaterThan(40);
    expect(pageSymbols.has(squash('w^l_{jk}'))).toBe(true);
    expect(pageSymbols.has(squash('E^l'))).toBe(true);
  });

  for (const { slug } of chapters as { slug: string }[]) {
    it(`${slug}: declares the symbols it defines, each one on the notation page and used in the chapter`, () => {
      const mdx = sources.get(slug)!;
      const defines = chapterDefines(mdx);
      expect(defines, `${slug} has no "export const defines = [...]"`).not.toBeNull();
      const tex = chapterTeX(mdx.replace(/^export const defines = .*$/m, ''));
      for (const s of defines!) {
        expect(pageSymbols.has(s), `${slug} defines $${s}$, which the notation page does not list`).toBe(true);
        expect(tex.includes(s), `${slug} defines $${s}$ but never writes it`).toBe(true);
      }
    });
  }

  it('the notation page lists each symbol once', () => {
    const seen = new Map<string, number>();
    for (const r of rows) {
      for (const s of r.symbols) {
        expect(seen.has(s), `$${s}$ is on the notation page twice (lines ${seen.get(s)} and ${r.line})`).toBe(false);
        seen.set(s, r.line);
      }
    }
  });

  it('every symbol on the page is defined by the chapter that introduces it', () => {
    for (const r of rows) {
      if (!r.firstChapter) continue;
      const defines = chapterDefines(sources.get(r.firstChapter) ?? '') ?? [];
      for (const s of r.symbols) expect(defines.includes(s), `$${s}$ (notation page, line ${r.line}) is not in the defines of ${r.firstChapter}`).toBe(true);
    }
  });

  it('the check fails when a defined symbol is taken off the page', () => {
    const row = rows.find((r) => r.symbols.includes(squash('E^l')))!;
    const without = page.split('\n').filter((_, i) => i + 1 !== row.line).join('\n');
    const left = new Set(notationRows(without).flatMap((r) => r.symbols));
    expect(left.has(squash('E^l'))).toBe(false);
    expect(chapterDefines(sources.get('06-matrix-form')!)).toContain(squash('E^l'));
  });
});
