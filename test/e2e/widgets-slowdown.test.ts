import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import { launch, waitForIslands } from './harness';
import { expectShown, num, openWidget, typeInto, widgetAxe } from './widgetsB-helpers';
import { neuronRun, quadratic, crossEntropy } from '../../src/engine/index.ts';

const PATH = '/chapters/07-learning-slowdown/';
let context: BrowserContext;
beforeAll(async () => {
  context = await launch();
});
afterAll(async () => {
  await context?.close();
});

describe('Slowdown widget', () => {
  it('shows the engine run for the chosen start and cost, and keeps it in the URL', async () => {
    const { page, problems, root } = await openWidget(context, PATH, 'slowdown');
    await root.getByTestId('sd-cost-crossEntropy').check();
    await typeInto(root, 'sd-w1', '1.5');
    const runs = [
      neuronRun({ w: 1.5, b: 0.9, eta: 0.15, epochs: 300, cost: crossEntropy, x: 1, y: 0 }),
      neuronRun({ w: 2, b: 2, eta: 0.15, epochs: 300, cost: crossEntropy, x: 1, y: 0 }),
    ];
    for (const r of [0, 1]) {
      const run = runs[r];
      const last = run.a.length - 1;
      expectShown(await num(root, `sd-w-${r + 1}`), run.w[last]);
      expectShown(await num(root, `sd-bias-${r + 1}`), run.b[last]);
      expectShown(await num(root, `sd-a-${r + 1}`), run.a[last]);
      expectShown(await num(root, `sd-c-${r + 1}`), run.cost[last]);
    }
    expect(new URL(page.url()).searchParams.get('sd')).toBe('1.5,0.9,2,2,0.15,300,ce');
    expect(await widgetAxe(page, 'slowdown')).toEqual([]);

    // Reset shows epoch 0 (the start itself); step advances one epoch.
    await root.getByTestId('sd-reset').click();
    expect(await num(root, 'sd-epoch')).toBe(0);
    await root.getByTestId('sd-step').click();
    expect(await num(root, 'sd-epoch')).toBe(1);
    expectShown(await num(root, 'sd-a-1'), runs[0].a[1]);

    // Reload: the state comes back from the URL.
    await page.reload({ waitUntil: 'load' });
    const again = page.locator('figure[data-widget="slowdown"]');
    await again.scrollIntoViewIfNeeded();
    await waitForIslands(page);
    await expect.poll(async () => again.getByTestId('sd-cost-crossEntropy').isChecked()).toBe(true);
    expectShown(await num(again, 'sd-a-1'), runs[0].a[runs[0].a.length - 1]);
    expect(problems).toEqual([]);
  });

  it('play animates to the last epoch; the η slider works from the keyboard', async () => {
    const { problems, root } = await openWidget(context, PATH, 'slowdown');
    await root.getByTestId('sd-reset').click();
    expect(await num(root, 'sd-epoch')).toBe(0);
    await root.getByTestId('sd-play').click();
    await expect.poll(async () => num(root, 'sd-epoch'), { timeout: 20_000 }).toBe(300);
    await expect.poll(async () => root.getByTestId('sd-play').textContent()).toBe('Play');

    // Keyboard: one ArrowRight on the η slider moves η by its step (0.01) and reruns the engine.
    await root.getByLabel('η slider').focus();
    await root.getByLabel('η slider').press('ArrowRight');
    await expect.poll(async () => num(root, 'sd-eta')).toBe(0.16);
    const run = neuronRun({ w: 0.6, b: 0.9, eta: 0.16, epochs: 300, cost: quadratic, x: 1, y: 0 });
    expectShown(await num(root, 'sd-a-1'), run.a[run.a.length - 1]);
    expect(problems).toEqual([]);
  });

  it('rejects η = 1e9 and NaN with a message and keeps the last good run', async () => {
    const { problems, root } = await openWidget(context, PATH, 'slowdown');
    const before = await num(root, 'sd-a-1');
    for (const bad of ['1e9', 'NaN', '', '1e308']) {
      await typeInto(root, 'sd-eta', bad);
      await expect.poll(async () => root.locator('.widget-error[role="alert"]').count()).toBeGreaterThan(0);
      expect(await num(root, 'sd-a-1')).toBe(before);
    }
    expect(problems).toEqual([]);
  });

  it('falls back to the defaults with a notice when the URL state is invalid', async () => {
    const { problems, root } = await openWidget(context, `${PATH}?sd=oops`, 'slowdown');
    await expect.poll(async () => root.locator('.widget-notice').count()).toBe(1);
    const run = neuronRun({ w: 0.6, b: 0.9, eta: 0.15, epochs: 300, cost: quadratic, x: 1, y: 0 });
    expectShown(await num(root, 'sd-a-1'), run.a[run.a.length - 1]);
    expect(problems).toEqual([]);
  });
});
