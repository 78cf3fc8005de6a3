import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import { launch, waitForIslands } from './harness';
import { expectShown, num, openWidget, typeInto, widgetAxe } from './widget-helpers';
import { softmax, logLikelihood } from '../../src/engine/index.ts';
import { SOFTMAX_DEFAULTS } from '../../components/widgets/SoftmaxExplorer-state';

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
    await expect.poll(() => new URL(page.url()).searchParams.get('sm')).toBe(`${z.join(',')};2;0;5`);
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
    await expect.poll(async () => root.getByTestId('sm-error').textContent()).toMatch(/z1: “NaN” is not a finite number/);
    expect(await num(root, 'sm-a1')).toBe(before);
    await root.getByTestId('sm-shift').fill('1e308');
    await root.getByTestId('sm-shift-apply').click();
    await expect.poll(async () => root.getByTestId('sm-error').textContent()).toMatch(/c must be in/);
    expect(await num(root, 'sm-a1')).toBe(before);
    expect(problems).toEqual([]);
  });

  it('the raised entry k and the shift c are kept in the URL and come back on reload', async () => {
    const { page, problems, root } = await openWidget(context, PATH, 'softmax-explorer');
    await root.getByTestId('sm-raise-k').selectOption({ value: '2' });
    await root.getByTestId('sm-shift').fill('-2.5');
    const z = SOFTMAX_DEFAULTS.z;
    await expect.poll(() => new URL(page.url()).searchParams.get('sm')).toBe(`${z.join(',')};${SOFTMAX_DEFAULTS.label};2;-2.5`);
    await page.reload({ waitUntil: 'load' });
    const again = page.locator('figure[data-widget="softmax-explorer"]');
    await again.scrollIntoViewIfNeeded();
    await waitForIslands(page);
    await expect.poll(() => again.getByTestId('sm-raise-k').inputValue()).toBe('2');
    expect(await again.getByTestId('sm-shift').inputValue()).toBe('-2.5');
    // The restored controls act: "raise" raises z3, and "add c" adds the restored c.
    await again.getByTestId('sm-raise').click();
    expect(await num(again, 'sm-change3')).toBeGreaterThan(0);
    for (const i of [1, 2, 4]) expect(await num(again, `sm-change${i}`)).toBeLessThan(0);
    const raised = z.map((v, i) => (i === 2 ? v + 1 : v));
    expectShown(await num(again, 'sm-a3'), engine(raised, SOFTMAX_DEFAULTS.label).a[2]);
    await again.getByTestId('sm-shift-apply').click();
    await expect.poll(() => new URL(page.url()).searchParams.get('sm')).toBe(`${raised.map((v) => v - 2.5).join(',')};${SOFTMAX_DEFAULTS.label};2;-2.5`);
    expectShown(await num(again, 'sm-a3'), engine(raised, SOFTMAX_DEFAULTS.label).a[2]);
    expect(problems).toEqual([]);
  });

  it.each(['1,2;0', '1,2,3;0;7;5', '1,2,3;0;1;500', '1,2,3;0;x;5', 'junk'])('a malformed address (sm=%s) gives the defaults and a notice', async (bad) => {
    const { problems, root } = await openWidget(context, `${PATH}?sm=${encodeURIComponent(bad)}`, 'softmax-explorer');
    await expect.poll(async () => root.getByTestId('sm-notice').textContent()).toMatch(/invalid setting .*showing the defaults/);
    const e = engine(SOFTMAX_DEFAULTS.z, SOFTMAX_DEFAULTS.label);
    for (let i = 0; i < SOFTMAX_DEFAULTS.z.length; i++) expectShown(await num(root, `sm-a${i + 1}`), e.a[i]);
    expect(await root.getByTestId('sm-raise-k').inputValue()).toBe(String(SOFTMAX_DEFAULTS.raiseK));
    expect(await root.getByTestId('sm-shift').inputValue()).toBe(String(SOFTMAX_DEFAULTS.shift));
    expect(problems).toEqual([]);
  });
});
