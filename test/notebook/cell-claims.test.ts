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

  it('04-momentum: the printed costs are those of the two descents (a hand-written loop here), plain descent zig-zags across the ravine, and momentum ends far lower', async () => {
    const lines = await run('04-momentum.ts');
    const q = [0.5, 20]; const eta = 0.09; const steps = 60;
    const descend = (beta: number) => {
      const theta = [-8, 1]; const v = [0, 0]; const across: number[] = [theta[1]];
      for (let t = 0; t < steps; t++) {
        for (let i = 0; i < 2; i++) { v[i] = beta * v[i] - eta * q[i] * theta[i]; theta[i] += v[i]; }
        across.push(theta[1]);
      }
      return { cost: 0.5 * (q[0] * theta[0] ** 2 + q[1] * theta[1] ** 2), across };
    };
    const plain = descend(0); const momentum = descend(0.8);
    expect(lines).toContain(`after ${steps} steps: plain gradient descent cost ${plain.cost.toExponential(2)}, momentum (β = 0.8) cost ${momentum.cost.toExponential(2)}`);
    for (let t = 1; t <= steps; t++) expect(Math.sign(plain.across[t])).toBe(-Math.sign(plain.across[t - 1])); // a zig-zag: θ₂ changes sign every step
    expect(momentum.cost).toBeLessThan(plain.cost / 100);
  });
});
