// Every code cell the chapters ship (content/cells/) runs without an error against the engine
// and shows something. Cells whose names share a chapter prefix and a letter (05a, 05b) form a
// session and run in order, as "Run all" runs them on the page.
import { describe, it, expect } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CellSession } from '../../src/notebook/evaluate';
import type { OutputItem } from '../../src/notebook/format';
import { parseMnist } from '../../src/data/mnist';
import { cellEnv, digitsFile } from './cell-env';

const dir = join(import.meta.dirname, '../../content/cells');
const env = cellEnv();
const files = readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts')).sort(); // cell-globals.d.ts only types the cells
const sessionOf = (f: string) => (/^\d+[a-z]-/.test(f) ? f.slice(0, 2) : f);

describe('chapter cells', () => {
  const sessions = new Map<string, CellSession>();
  it('every chapter from 03 to 12 has at least one cell', () => {
    for (let ch = 3; ch <= 12; ch++) expect(files.some((f) => f.startsWith(String(ch).padStart(2, '0')))).toBe(true);
  });
  for (const f of files) {
    it(`${f} runs and shows output`, async () => {
      const key = sessionOf(f);
      if (!sessions.has(key)) sessions.set(key, new CellSession(env));
      const out: OutputItem[] = [];
      const r = await sessions.get(key)!.run(readFileSync(join(dir, f), 'utf8'), (i) => out.push(i));
      expect(r.error).toBeUndefined();
      expect(r.ok).toBe(true);
      expect(out.length).toBeGreaterThan(0);
      expect(out.filter((o) => o.kind === 'error')).toEqual([]);
    });
  }
  const runCell = async (file: string, edit?: [string, string]) => {
    let code = readFileSync(join(dir, file), 'utf8');
    if (edit) { expect(code).toContain(edit[0]); code = code.replace(edit[0], edit[1]); }
    const session = new CellSession(env);
    const out: OutputItem[] = [];
    const result = await session.run(code, (i) => out.push(i));
    expect(result.ok).toBe(true);
    const verdict = out.find((o) => o.kind === 'text' && /^[✓✗]/.test(o.text));
    return { out, verdict: verdict?.kind === 'text' ? verdict.text : undefined, scope: session.scope };
  };
  type History = { epoch: number; trainCost: number }[];

  it('the own-activation cell: a right derivative passes the check and trains; a wrong one is caught and trains worse', async () => {
    const right = await runCell('03-own-activation.ts');
    expect(right.verdict).toMatch(/^✓/);
    const h = right.scope.get('history') as History;
    expect(h.length).toBeGreaterThan(5);
    expect(h.at(-1)!.trainCost).toBeLessThan(h[0].trainCost / 2);
    expect(right.out.at(-1)).toMatchObject({ kind: 'svg', caption: expect.stringContaining('your activation') });
    const wrong = await runCell('03-own-activation.ts', ['1 / (1 + Math.exp(-z))', '1 / (1 + Math.exp(z))']);
    expect(wrong.verdict).toMatch(/^✗/);
    expect((wrong.scope.get('history') as History).at(-1)!.trainCost).toBeGreaterThan(h.at(-1)!.trainCost);
  });

  it('the own-cost cell: a right gradient passes the check and trains exactly as the engine\'s cross-entropy; a wrong one is caught', async () => {
    const right = await runCell('08-compare-costs.ts');
    expect(right.verdict).toMatch(/^✓/);
    expect(right.scope.get('gap')).toBeLessThan(1e-9);
    const yours = right.scope.get('yours') as History;
    expect(yours.at(-1)!.trainCost).toBeLessThan(yours[0].trainCost);
    expect(right.out.at(-1)).toMatchObject({ kind: 'svg', caption: expect.stringContaining('your cost') });
    const wrong = await runCell('08-compare-costs.ts', ['(aj * (1 - aj))', '(aj * (1 + aj))']);
    expect(wrong.verdict).toMatch(/^✗/);
    expect(wrong.scope.get('gap')).toBeGreaterThan(1e-3);
  });

  it('the digits cell loads MNIST through "data", draws a digit and trains on it', async () => {
    const out: OutputItem[] = [];
    const r = await new CellSession(env).run(readFileSync(join(dir, '12-mnist-digits.ts'), 'utf8'), (i) => out.push(i));
    expect(r.ok).toBe(true);
    const d = parseMnist(digitsFile());
    expect(out[0]).toMatchObject({ kind: 'text', text: expect.stringContaining(`of ${d.rows}×${d.cols} = ${d.rows * d.cols} pixels`) });
    expect(out[1]).toMatchObject({ kind: 'svg', caption: expect.stringContaining(`labelled ${d.labels[0]}`) });
    expect((out[1] as { markup: string }).markup.match(/<rect/g)!.length).toBeGreaterThan(100);
    const table = out[2] as Extract<OutputItem, { kind: 'table' }>;
    expect(table.header).toEqual(['epoch', 'trainCost', 'testAccuracy']);
    const costs = table.rows.map((row) => Number(row[1]));
    for (let i = 1; i < costs.length; i++) expect(costs[i]).toBeLessThan(costs[i - 1]);
  });
});
