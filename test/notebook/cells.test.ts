// Every code cell the chapters ship (content/cells/) runs without an error against the engine
// and shows something. Cells whose names share a chapter prefix and a letter (05a, 05b) form a
// session and run in order, as "Run all" runs them on the page.
import { describe, it, expect } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as engine from '../../src/engine/index';
import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';
import { CellSession, type CellEnv } from '../../src/notebook/evaluate';
import { chartSupport } from '../../src/notebook/plot-env';
import type { OutputItem } from '../../src/notebook/format';

const dir = join(import.meta.dirname, '../../content/cells');
const env: CellEnv = {
  loadModule: async (name) => { if (name === 'engine') return engine as never; throw new Error('no datasets'); },
  loadCharts: async () => chartSupport(Plot as never, parseHTML('<!doctype html><html><body></body></html>').document),
};
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
  it('the own-activation cell reports a right derivative, and a wrong one is caught', async () => {
    const code = readFileSync(join(dir, '03-own-activation.ts'), 'utf8');
    const right: OutputItem[] = [];
    await new CellSession(env).run(code, (i) => right.push(i));
    expect(right.at(-1)).toMatchObject({ kind: 'text', text: expect.stringMatching(/^✓/) });
    const wrong: OutputItem[] = [];
    await new CellSession(env).run(code.replace('1 / (1 + Math.exp(-z))', '1 / (1 + Math.exp(z))'), (i) => wrong.push(i));
    expect(wrong.at(-1)).toMatchObject({ kind: 'text', text: expect.stringMatching(/^✗/) });
  });
});
