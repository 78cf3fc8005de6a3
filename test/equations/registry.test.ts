// The equation registry is complete and honest: every entry renders, points at a real export,
// and is named by a test in the file it says proves it; every <Eq id> in the course exists.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import katex from 'katex';
import { describe, expect, it } from 'vitest';
import { equations } from '../../src/equations';
import { findMarkerLine } from '../../src/site/source-files';

const ROOT = join(__dirname, '../..');
const read = (p: string) => readFileSync(join(ROOT, p), 'utf8');

function mdxFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? mdxFiles(join(dir, d.name)) : d.name.endsWith('.mdx') ? [join(dir, d.name)] : [],
  );
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('the equation registry', () => {
  it('has at least 30 entries with unique ids', () => {
    expect(equations.length).toBeGreaterThanOrEqual(30);
    expect(new Set(equations.map((e) => e.id)).size).toBe(equations.length);
  });

  it.each(equations.map((e) => [e.id, e] as const))('%s renders with KaTeX, names a real export and is proved by a named test', async (id, e) => {
    expect(() => katex.renderToString(e.latex, { displayMode: true, throwOnError: true })).not.toThrow();
    expect(e.meaning.length).toBeGreaterThan(10);
    const mod = (await import(join(ROOT, e.impl.file))) as Record<string, unknown>;
    expect(mod[e.impl.symbol], `${e.impl.file} exports ${e.impl.symbol}`).toBeDefined();
    expect(read(e.impl.file)).toMatch(new RegExp(`export (async )?(function|const|class) ${escape(e.impl.symbol)}\\b`));
    const testSource = read(e.test.file);
    expect(testSource, `${e.test.file} has a test titled "${id}: …"`).toMatch(new RegExp(`\\bit(\\.each)?\\(\\s*['"\`]${escape(id)}:`));
    expect(readdirSync(join(ROOT, 'content/chapters')).map((f) => f.replace(/\.mdx$/, ''))).toContain(e.chapter);
  });

  it('BP1–BP4 each link to the line that computes them in every path: the per-example reference, the TypeScript kernels, the WebAssembly kernels', () => {
    for (const id of ['BP1', 'BP2', 'BP3', 'BP4']) {
      const e = equations.find((q) => q.id === id)!;
      expect(e.paths?.map((p) => p.path), id).toEqual(['reference', 'TypeScript kernels', 'WebAssembly kernels']);
      for (const p of e.paths!) {
        const line = findMarkerLine(p.file, p.marker);
        expect(line, `${id}: exactly one line of ${p.file} contains "${p.marker}"`).toBeDefined();
        // the line is the comment that names this equation, and code follows it
        const lines = read(p.file).split('\n');
        expect(lines[line! - 1].trim(), `${id} in ${p.file}`).toMatch(new RegExp(`^// .*\\b${id}\\b`));
        expect(lines[line!].trim(), `${id} in ${p.file}: code after the comment`).not.toMatch(/^(\/\/|$)/);
      }
    }
    // and no other entry claims a path
    expect(equations.filter((e) => e.paths).map((e) => e.id)).toEqual(['BP1', 'BP2', 'BP3', 'BP4']);
  });

  it('follows the notation of the course: C is a mean (a batch sum is C_sum), E^l the batch error matrix, c the class, N(μ, σ²) with a variance, W^l = (w^l)ᵀ in the batch form', () => {
    const tex = (id: string) => equations.find((e) => e.id === id)!.latex;
    for (const e of equations) {
      expect(e.latex, `${e.id}: Δ means only a small change`).not.toMatch(/\\Delta/);
      expect(e.latex, `${e.id}: Z is the batch matrix, the softmax normaliser is S`).not.toMatch(/\{Z\}|\\ln Z\b/);
      expect(e.latex, `${e.id}: N's second argument is a variance`).not.toMatch(/\\mathcal N[^)]*\\sqrt/); // inside N( … ), up to its first closing parenthesis
      expect(e.latex, `${e.id}: the class index is c, y the target vector`).not.toMatch(/a\^L_y/);
    }
    // the batch entries differentiate the summed cost and use the row-form weights
    for (const id of ['batch-delta', 'batch-grad-w', 'batch-grad-b']) expect(tex(id), id).toContain('C_{\\text{sum}}');
    for (const id of ['batch-delta', 'batch-grad-w', 'batch-grad-b']) expect(tex(id), id).toMatch(/E\^/);
    expect(tex('batch-forward')).toMatch(/A\^\{l-1\} W\^l/);
    expect(tex('batch-forward')).toMatch(/W\^l = \\left\(w\^l\\right\)\^\{\\mathsf T\}/);
  });

  it('every <Eq id> used in the course is in the registry', () => {
    const ids = new Set(equations.map((e) => e.id));
    const used = mdxFiles('content').flatMap((f) => [...read(f).matchAll(/<Eq\s+id="([^"]+)"/g)].map((m) => [f, m[1]] as const));
    expect(used.length).toBeGreaterThan(30);
    for (const [file, id] of used) expect(ids.has(id), `${file} uses unknown equation "${id}"`).toBe(true);
  });

  it('every chapter renders at least one registered equation, and none twice (each <Eq> is an anchor #eq-id)', () => {
    const chapters = mdxFiles('content/chapters');
    expect(chapters.length).toBeGreaterThanOrEqual(12);
    for (const f of chapters) {
      const ids = [...read(f).matchAll(/<Eq\s+id="([^"]+)"/g)].map((m) => m[1]);
      expect(ids.length, `${f} has no <Eq id="…" />`).toBeGreaterThanOrEqual(1);
      expect(ids.filter((id, i) => ids.indexOf(id) !== i), `${f} renders these equations twice`).toEqual([]);
    }
  });
});
