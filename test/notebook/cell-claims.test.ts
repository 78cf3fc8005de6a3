// What the chapter cells print is what their text says it is (the course's own pass over the
// cells): checked against the engine, computed here independently of the cell's code.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CellSession } from '../../src/notebook/evaluate';
import type { OutputItem } from '../../src/notebook/format';
import { neuronRun } from '../../src/engine/index';
import { cellEnv } from './cell-env';

const dir = join(import.meta.dirname, '../../content/cells');

async function run(file: string): Promise<string[]> {
  const out: OutputItem[] = [];
  const r = await new CellSession(cellEnv()).run(readFileSync(join(dir, file), 'utf8'), (i) => out.push(i));
  expect(r.ok).toBe(true);
  return out.flatMap((o) => (o.kind === 'text' ? [o.text] : []));
}

describe('cells print what they say', () => {
  it('07-slowdown: "after 300 epochs" is the cost after 300 steps (cost[300]), not after 299', async () => {
    const lines = await run('07-slowdown.ts');
    const line = lines.find((t) => t.startsWith('after 300 epochs'));
    expect(line).toBeDefined();
    const A = neuronRun({ w: 0.6, b: 0.9, eta: 0.15, epochs: 300, cost: 'quadratic' });
    const B = neuronRun({ w: 2, b: 2, eta: 0.15, epochs: 300, cost: 'quadratic' });
    expect(A.cost).toHaveLength(301);
    // the two readings differ in the printed digits for start B, so the test tells them apart
    expect(B.cost[300].toFixed(4)).not.toBe(B.cost[299].toFixed(4));
    expect(line).toBe(`after 300 epochs: start A cost ${A.cost[300].toFixed(4)}, start B cost ${B.cost[300].toFixed(4)}`);
  });

  it('11-compare-init: the standard initialisation starts with saturated hidden neurons, the scaled one without', async () => {
    const lines = await run('11-compare-init.ts');
    const pct = (init: string) => {
      const m = new RegExp(`^${init}: (\\d+) % of the hidden weighted inputs start saturated`).exec(lines.find((t) => t.startsWith(`${init}:`)) ?? '');
      expect(m, init).not.toBeNull();
      return Number(m![1]);
    };
    expect(pct('standard')).toBeGreaterThan(10);
    expect(pct('scaled')).toBe(0);
  });
});
