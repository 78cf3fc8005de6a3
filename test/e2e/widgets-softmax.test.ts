import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import { launch } from './harness';
import { expectShown, num, openWidget, typeInto, widgetAxe } from './widgetsB-helpers';
import { softmax, logLikelihood } from '../../src/engine/index.ts';

const PATH = '/chapters/09-softmax/';
let context: BrowserContext;
beforeAll(async () => {
  context = await launch();
});
afterAll(async () => {
  await context?.close();
});

function engine(z: number[], label: number) {
  const zv = Float64Array.from(z);
  const a = softmax.fn(zv);
  const y = z.map((_, i) => (i === label ? 1 : 0));
  return { a, cost: logLikelihood.value(a, y), delta: logLikelihood.delta(zv, a, y, softmax) };
}

describe('SoftmaxExplorer widget', () => {
  it('a, δᴸ and the cost follow the engine; raising z_k and shifting all z behave as the text says', async () => {
    const { page, problems, root } = await openWidget(context, PATH, 'softmax-explorer');
    await root.getByTestId('sm-add').click();
    await typeInto(root, 'sm-z5', '1.5');
    await root.getByTestId('sm-label').selectOption({ value: '2' });
    let z = [1, 2, 0.5, -1, 1.5];
    let e = engine(z, 2);
    for (let i = 0; i < z.length; i++) {
      expectShown(await num(root, `sm-a${i + 1}`), e.a[i]);
      expectShown(await num(root, `sm-delta${i + 1}`), e.delta[i]);
    }
    expectShown(await num(root, 'sm-cost'), e.cost);
    expect(new URL(page.url()).searchParams.get('sm')).toBe(`${z.join(',')};2`);
    expect(await widgetAxe(page, 'softmax-explorer')).toEqual([]);

    // Monotonicity: raise z1 by 1 — a1 rises, every other a falls.
    await root.getByTestId('sm-raise-k').selectOption({ value: '0' });
    await root.getByTestId('sm-raise').click();
    expect(await num(root, 'sm-change1')).toBeGreaterThan(0);
    for (let i = 2; i <= z.length; i++) expect(await num(root, `sm-change${i}`)).toBeLessThan(0);
    z = [2, 2, 0.5, -1, 1.5];
    e = engine(z, 2);
    expectShown(await num(root, 'sm-a1'), e.a[0]);

    // Invariance: add c = 7 to every z — a is unchanged.
    await root.getByTestId('sm-shift').fill('7');
    await root.getByTestId('sm-shift-apply').click();
    for (let i = 1; i <= z.length; i++) expect(Math.abs(await num(root, `sm-change${i}`))).toBeLessThan(1e-9);
    expectShown(await num(root, 'sm-a1'), e.a[0]);
    expect(problems).toEqual([]);
  });

  it('bad z and a shift that leaves the range show a message and keep the last good values', async () => {
    const { problems, root } = await openWidget(context, PATH, 'softmax-explorer');
    const before = await num(root, 'sm-a1');
    await typeInto(root, 'sm-z1', 'NaN');
    await expect.poll(async () => root.locator('.widget-error[role="alert"]').count()).toBe(1);
    expect(await num(root, 'sm-a1')).toBe(before);
    await root.getByTestId('sm-shift').fill('1e308');
    await root.getByTestId('sm-shift-apply').click();
    await expect.poll(async () => root.locator('.widget-error[role="alert"]').textContent()).toMatch(/c must be in/);
    expect(await num(root, 'sm-a1')).toBe(before);
    expect(problems).toEqual([]);
  });
});
