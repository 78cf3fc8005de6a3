// Chapter 5's code cells run the chapter's own network. A cell can import only "engine", "data"
// and Plot, so 05a-forward.ts writes the worked example out; this test runs the two cells as the
// page's "Run all" does and checks that what they build and print is src/data/worked-example.ts,
// the module the chapter and the backprop stepper import.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CellSession } from '../../src/notebook/evaluate';
import { formatNumber, type OutputItem } from '../../src/notebook/format';
import { backprop, feedforward, fromJSON, toJSON, type Network } from '../../src/engine/index';
import { WORKED_MODEL, WORKED_X, WORKED_Y } from '../../src/data/worked-example';
import { cellEnv } from './cell-env';

const dir = join(import.meta.dirname, '../../content/cells');
const cell = (f: string) => readFileSync(join(dir, f), 'utf8');

async function runBoth() {
  const session = new CellSession(cellEnv());
  const out: OutputItem[] = [];
  const a = await session.run(cell('05a-forward.ts'), (i) => out.push(i));
  const b = await session.run(cell('05b-backward.ts'), (i) => out.push(i));
  expect(a.ok && b.ok).toBe(true);
  return { out, scope: session.scope };
}

const texts = (out: OutputItem[]) => out.flatMap((o) => (o.kind === 'text' ? [o.text] : []));
const shown = (v: ArrayLike<number>) => Array.from(v, formatNumber);

describe('chapter 5 cells: the worked example of the page', () => {
  it('the forward cell builds the page’s network, x and y', async () => {
    const { scope } = await runBoth();
    expect(toJSON(scope.get('net') as Network)).toEqual(toJSON(fromJSON(WORKED_MODEL)));
    expect(scope.get('x')).toEqual(WORKED_X);
    expect(scope.get('y')).toEqual(WORKED_Y);
  });

  it('what the cells print, under the course’s labels, are the page’s z¹…z³, a¹…a³, δ¹…δ³ and ∂C/∂w¹', async () => {
    const { out, scope } = await runBoth();
    const net = fromJSON(WORKED_MODEL);
    const ff = feedforward(net, WORKED_X);
    const bp = backprop(net, WORKED_X, WORKED_Y);
    const lines = texts(out);
    for (let l = 1; l <= 3; l++) {
      const sup = '¹²³'[l - 1];
      const line = lines.find((t) => t.startsWith(`z${sup} =`));
      expect(line, `a line for z${sup}`).toBeDefined();
      for (const v of [...shown(ff.zs[l - 1]), ...shown(ff.as[l])]) expect(line).toContain(v);
    }
    const deltaLine = lines.find((t) => t.startsWith('δ³'));
    expect(deltaLine).toBeDefined();
    const at = (label: string) => deltaLine!.indexOf(label);
    expect(at('δ³')).toBeLessThan(at('δ²'));
    expect(at('δ²')).toBeLessThan(at('δ¹'));
    for (const [l, label] of [[3, 'δ³'], [2, 'δ²'], [1, 'δ¹']] as const) {
      const part = deltaLine!.slice(at(label), label === 'δ¹' ? undefined : at(label === 'δ³' ? 'δ²' : 'δ¹'));
      for (const v of shown(bp.deltas[l - 1])) expect(part).toContain(v);
    }
    // the cost the forward cell ends with, and the gradient the backward cell displays
    expect(out.some((o) => o.kind === 'text' && o.text === formatNumber(net.cost.value(ff.as[3], WORKED_Y)))).toBe(true);
    expect((scope.get('nablaW') as typeof bp.nablaW)[0].toArray()).toEqual(bp.nablaW[0].toArray());
    const table = out.find((o) => o.kind === 'table');
    expect(table).toBeDefined();
    const cells = (table as Extract<OutputItem, { kind: 'table' }>).rows.flat();
    for (const v of bp.nablaW[0].toArray().flat()) expect(cells).toContain(formatNumber(v));
  });
});
